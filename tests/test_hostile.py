"""The hostile corpus: every broken or hostile input under tests/hostile/
gets its exact, located answer and exit code 0 or 1, never a traceback,
and the records are never changed.

Each file in tests/hostile/records/ is validated as a decision against
tests/hostile/registry.yaml; each file in tests/hostile/registries/ is
validated as registry.yaml together with tests/hostile/base.yaml. Inputs
too big to commit are generated here. The expected answers live in
tests/hostile/expected.yaml; after a deliberate change of a message,
regenerate them with

    GOVDOCS_REGENERATE=1 .venv/bin/pytest tests/test_hostile.py

and review the diff line by line.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import time
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from govdocs.cli import cli

HOSTILE = Path(__file__).resolve().parent / "hostile"
EXPECTED_FILE = HOSTILE / "expected.yaml"
REGENERATE = os.environ.get("GOVDOCS_REGENERATE") == "1"
BASE = (HOSTILE / "base.yaml").read_text(encoding="utf-8")


def _ten_thousand_paragraphs() -> bytes:
    paragraphs = "".join(f"      - Kappale {i}. Kunnanjohtaja päätti asiasta {i}.\n" for i in range(10_000))
    text = BASE.replace("      - Palvelut on tarkoituksenmukaista koota yhteen.\n", paragraphs)
    return text.encode("utf-8")


def _huge_file() -> bytes:
    padding = "# " + "x" * 78 + "\n"
    return (BASE + padding * (8 * 1024 * 1024 // 80 + 10)).encode("utf-8")


def _deep_flow() -> bytes:
    return (BASE + "deep: " + "[" * 100_000 + "]" * 100_000 + "\n").encode("utf-8")


def _aliased_megabyte() -> bytes:
    return (BASE + "big: &big " + "x" * 1_000_000 + "\nmany: [" + ", ".join(["*big"] * 50) + "]\n").encode()


def _twenty_thousand_paragraphs() -> bytes:
    """53 s and 606 MB for one PDF before the limit on list items."""
    paragraphs = "".join(f"      - Kappale {i}.\n" for i in range(20_000))
    text = BASE.replace("      - Palvelut on tarkoituksenmukaista koota yhteen.\n", paragraphs)
    return text.encode("utf-8")


def _unbreakable_200k() -> bytes:
    """A 200 KB run without a space: clipped at the page edge before, and
    minutes of layout once it is broken where it overflows."""
    word = "Tilinumero" + "0123456789" * 20_000
    text = BASE.replace("      - Palvelut on tarkoituksenmukaista koota yhteen.\n", f"      - Alku {word} loppu.\n")
    return text.encode("utf-8")


GENERATED: dict[str, Callable[[], bytes]] = {
    "generated/twenty-thousand-paragraphs.yaml": _twenty_thousand_paragraphs,
    "generated/unbreakable-200k.yaml": _unbreakable_200k,
    "generated/ten-thousand-paragraphs.yaml": _ten_thousand_paragraphs,
    "generated/huge-file.yaml": _huge_file,
    "generated/deep-nesting-100000.yaml": _deep_flow,
    "generated/aliased-megabyte.yaml": _aliased_megabyte,
}


def cases() -> list[str]:
    files = sorted(
        f"{folder}/{p.name}"
        for folder in ("records", "registries")
        for p in (HOSTILE / folder).glob("*.yaml")
    )
    return files + sorted(GENERATED)


def build_repo(case: str, dest: Path) -> tuple[Path, str]:
    """A records tree for ``case`` and the file to validate in it."""
    dest.mkdir()
    (dest / "decisions" / "2024").mkdir(parents=True)
    target = f"decisions/2024/{Path(case).name}"
    if case.startswith("registries/"):
        shutil.copy(HOSTILE / case, dest / "registry.yaml")
        shutil.copy(HOSTILE / "base.yaml", dest / "decisions" / "2024" / "base.yaml")
        return dest, "decisions/2024/base.yaml"
    shutil.copy(HOSTILE / "registry.yaml", dest / "registry.yaml")
    data = GENERATED[case]() if case in GENERATED else (HOSTILE / case).read_bytes()
    (dest / target).write_bytes(data)
    return dest, target


def tree_hash(root: Path) -> str:
    """Names and bytes of every file under ``root``, except govdocs' own
    cache folder (an optimisation it may write; not a record)."""
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        if ".govdocs-cache" in path.relative_to(root).parts:
            continue
        digest.update(str(path.relative_to(root)).encode())
        if path.is_file():
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def run_case(case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, object]:
    repo, target = build_repo(case, tmp_path / "repo")
    before = tree_hash(tmp_path)
    monkeypatch.chdir(repo)
    result = CliRunner().invoke(cli, ["validate", target])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    assert tree_hash(tmp_path) == before, "validate changed the records or wrote beside them"
    return {"exit": result.exit_code, "output": result.output.splitlines()}


def load_expected() -> dict[str, dict[str, object]]:
    if not EXPECTED_FILE.exists():
        return {}
    return yaml.safe_load(EXPECTED_FILE.read_text(encoding="utf-8")) or {}


_REGENERATED: dict[str, dict[str, object]] = {}


@pytest.mark.parametrize("case", cases())
def test_hostile_input_gets_its_exact_answer(
    case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    got = run_case(case, tmp_path, monkeypatch)
    assert got["exit"] in (0, 1), got
    if REGENERATE:
        _REGENERATED[case] = got
        expected = {**load_expected(), **_REGENERATED}
        text = yaml.safe_dump(expected, allow_unicode=True, sort_keys=True, width=10_000)
        EXPECTED_FILE.write_text(
            "# Exact `govdocs validate` output and exit code for every hostile input.\n"
            "# Regenerate: GOVDOCS_REGENERATE=1 .venv/bin/pytest tests/test_hostile.py\n" + text,
            encoding="utf-8",
        )
        return
    assert got == load_expected().get(case), f"{case}: regenerate and review if the change is deliberate"


def test_every_expected_answer_has_its_input() -> None:
    assert sorted(load_expected()) == sorted(cases())


def test_corpus_is_big_enough() -> None:
    assert len(cases()) >= 40


def test_ten_thousand_paragraphs_validate_quickly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    start = time.perf_counter()
    got = run_case("generated/ten-thousand-paragraphs.yaml", tmp_path, monkeypatch)
    assert got["exit"] == 0
    assert time.perf_counter() - start < 10


LINKED = (
    "error: a symbolic link; records are read only from plain files in the repository, never through a link "
    "(it could point at any file on the machine): replace the link with the file or folder itself"
)
SECRET = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmU=\n"


def _linked_repo(tmp_path: Path) -> Path:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "id_ed25519").write_text(SECRET, encoding="utf-8")
    (outside / "record.yaml").write_text("secret: value\n", encoding="utf-8")
    repo, _ = build_repo("records/crlf.yaml", tmp_path / "repo")
    year = repo / "decisions" / "2024"
    (year / "key.yaml").symlink_to(outside / "id_ed25519")
    (year / "passwd.yaml").symlink_to("/etc/passwd")
    (year / "dangling.yaml").symlink_to(tmp_path / "missing.yaml")
    (repo / "decisions" / "elsewhere").symlink_to(outside)
    return repo


def test_symlinked_records_are_refused_without_quoting_their_target(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = _linked_repo(tmp_path)
    before = tree_hash(tmp_path)
    monkeypatch.chdir(repo)
    result = CliRunner().invoke(cli, ["validate", "--junit", "junit.xml"])
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        f"decisions/2024/dangling.yaml: {LINKED}",
        f"decisions/2024/key.yaml: {LINKED}",
        f"decisions/2024/passwd.yaml: {LINKED}",
        f"decisions/elsewhere: {LINKED}",
        "4 error(s), 0 warning(s) in 5 record file(s)",
    ]
    junit = (repo / "junit.xml").read_text(encoding="utf-8")
    (repo / "junit.xml").unlink()
    for leaked in ("PRIVATE KEY", "root:", "secret", "outside", "/etc"):
        assert leaked not in result.output and leaked not in junit
    assert tree_hash(tmp_path) == before


@pytest.mark.parametrize("target", ["decisions/2024/key.yaml", "decisions/elsewhere", "decisions/elsewhere/record.yaml"])
def test_a_symlink_named_on_the_command_line_is_refused(
    target: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = _linked_repo(tmp_path)
    monkeypatch.chdir(repo)
    result = CliRunner().invoke(cli, ["validate", target])
    shown = "decisions/elsewhere" if "elsewhere" in target else target
    assert (result.exit_code, result.output.splitlines()) == (
        1, [f"{shown}: {LINKED}", "1 error(s), 0 warning(s) in 1 record file(s)"]
    )


def test_a_symlinked_registry_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo, _ = build_repo("records/crlf.yaml", tmp_path / "repo")
    (repo / "registry.yaml").rename(tmp_path / "registry.yaml")
    (repo / "registry.yaml").symlink_to(tmp_path / "registry.yaml")
    monkeypatch.chdir(repo)
    result = CliRunner().invoke(cli, ["validate"])
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == f"registry.yaml: {LINKED}"


def test_a_named_pipe_is_refused_without_waiting(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo, _ = build_repo("records/duplicate-key.yaml", tmp_path / "repo")
    os.mkfifo(repo / "decisions" / "2024" / "pipe.yaml")
    monkeypatch.chdir(repo)
    result = CliRunner().invoke(cli, ["validate", "decisions"])
    # the pipe is not a regular file, so the folder walk skips it
    assert result.exit_code == 1
    assert "pipe.yaml" not in result.output


def test_a_cache_folder_symlinked_out_of_the_repository_is_not_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    outside = tmp_path / "victim"
    outside.mkdir()
    repo, target = build_repo("records/crlf.yaml", tmp_path / "repo")
    (repo / ".govdocs-cache").symlink_to(outside)
    monkeypatch.delenv("GOVDOCS_NO_CACHE", raising=False)
    monkeypatch.chdir(repo)
    CliRunner().invoke(cli, ["validate", target])
    assert list(outside.rglob("*")) == []


def test_folder_symlinks_to_the_root_or_in_a_loop_are_not_followed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo, _ = build_repo("records/crlf.yaml", tmp_path / "repo")
    (repo / "decisions" / "2024" / "up").symlink_to("..")
    (repo / "decisions" / "root").symlink_to("/")
    monkeypatch.chdir(repo)
    result = CliRunner().invoke(cli, ["validate"])
    assert (result.exit_code, result.output.splitlines()) == (
        1,
        [
            f"decisions/2024/up: {LINKED}",
            f"decisions/root: {LINKED}",
            "2 error(s), 0 warning(s) in 3 record file(s)",
        ],
    )


def test_build_never_deletes_outside_its_output_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The output folder may come with the records (a published site kept
    in the repository); its manifest.json is then input like any other."""
    victim = tmp_path / "victim.txt"
    victim.write_text("precious", encoding="utf-8")
    repo, _ = build_repo("records/crlf.yaml", tmp_path / "repo")
    (repo / "site").mkdir()
    entry = {"id": "x", "source": "decisions/x.yaml", "format": "txt", "key": "k", "sha256": "0", "bytes": 1}
    manifest = {"formats": ["txt"], "public": False, "shard": None, "outputs": {"../../victim.txt": entry}}
    (repo / "site" / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    monkeypatch.chdir(repo)
    result = CliRunner().invoke(cli, ["build", "--out", "site", "--formats", "txt", "-j", "1"])
    assert victim.read_text(encoding="utf-8") == "precious"
    assert result.exit_code == 1
    assert result.output.splitlines()[-1] == "Error: '..' is not a usable file name"


def test_build_answers_a_broken_manifest_with_exit_1(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo, _ = build_repo("records/crlf.yaml", tmp_path / "repo")
    (repo / "site").mkdir()
    (repo / "site" / "manifest.json").write_text('{"formats": "txt"}', encoding="utf-8")
    monkeypatch.chdir(repo)
    result = CliRunner().invoke(cli, ["build", "--out", "site", "--formats", "txt", "-j", "1"])
    assert isinstance(result.exception, SystemExit), result.exception  # not an internal error
    assert result.exit_code == 1
    assert "not a govdocs manifest" in result.output


def test_build_of_a_hostile_record_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo, _ = build_repo("records/alias-bomb.yaml", tmp_path / "repo")
    monkeypatch.chdir(repo)
    result = CliRunner().invoke(cli, ["build", "--out", "site", "--formats", "txt", "-j", "1"])
    assert result.exit_code == 1
    assert result.output.splitlines()[0].startswith(
        "decisions/2024/alias-bomb.yaml:45:12: error: more than 100"
    )
    assert not (repo / "site").exists() or list((repo / "site").rglob("*.txt")) == []


def test_a_file_name_with_a_line_break_forges_no_output_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo, _ = build_repo("records/crlf.yaml", tmp_path / "repo")
    forged = "x.yaml\n::error file=registry.yaml,line=1::forged"
    shutil.copy(HOSTILE / "base.yaml", repo / "decisions" / "2024" / f"{forged}.yaml")
    monkeypatch.chdir(repo)
    result = CliRunner().invoke(cli, ["validate"])
    assert (result.exit_code, result.output.splitlines()) == (
        1,
        [
            "decisions/2024/x.yaml\\n::error file=registry.yaml,line=1::forged.yaml: error: the file name contains "
            "a control character (such as a line break); rename the file",
            "1 error(s), 0 warning(s) in 2 record file(s)",
        ],
    )
    assert not any(line.startswith("::error") for line in result.output.splitlines())

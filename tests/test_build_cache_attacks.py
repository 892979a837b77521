"""Issue 17.3: the output cache cannot forge. Each attack that broke is
reproduced here with its exact answer: the build publishes only bytes it
rendered or bytes whose SHA-256 it checked, follows no link, keeps its
cache out of the records, and treats an unusable cache as a warning.

The tests build text only (fast); one builds PDFs, for the truncated PDF.
"""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from govdocs.build import build
from govdocs.build.plan import plan
from govdocs.cli import cli
from govdocs.read.loader import read_repository
from tests.bundled import DOCUMENTS
from tests.bundled import warnings as bundled_warnings

N, W = len(DOCUMENTS), bundled_warnings()
"""The bundled documents and the records' own warnings: a build of them all says so."""

SEED = "kj-2016-59"
SECRET = "root:x:0:0:CI_TOKEN=hunter2\n"


def run(args: list[str]) -> tuple[int, list[str]]:
    """Exit code and output lines, less the bundled records' validation
    warnings and progress lines; the summary's seconds as 'N s'."""
    result = CliRunner().invoke(cli, args)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    lines = [re.sub(r", [\d.]+ s$", ", N s", line) for line in result.output.splitlines()
             if "/decisions/" not in line and not line.startswith("[")]
    return result.exit_code, lines


def txt_build(records: Path, out: Path, *extra: str) -> list[str]:
    return ["build", str(records), "--out", str(out), "-f", "txt", "-j", "1", "--no-reports", *extra]


def key_of(records: Path, fmt: str = "txt", did: str = SEED) -> str:
    jobs = plan(read_repository(records), (fmt,))
    (job,) = [job for job in jobs if job.id == did]
    return job.outputs[0].key


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def plant(cache: Path, key: str, blob: bytes | None = None, link: Path | None = None) -> Path:
    """An action entry for ``key`` naming a blob, written (or linked) by an
    attacker; the blob's path."""
    name = digest(blob if blob is not None else b"x" * 7)
    (cache / "ac" / key[:2]).mkdir(parents=True, exist_ok=True)
    (cache / "ac" / key[:2] / key).write_text(name + "\n")
    path = cache / "cas" / name[:2] / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if link is not None:
        path.symlink_to(link)
    else:
        path.write_bytes(blob or b"")
    return path


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    path = tmp_path / "environ"
    path.write_text(SECRET)
    return path


def test_a_committed_symlink_in_the_old_cache_folder_publishes_nothing(
    records: Path, tmp_path: Path, secret: Path
) -> None:
    """Was: `.govdocs-cache/objects/<key>` → /proc/self/environ shipped the
    file as an official output, exit 0. The cache is no longer in the
    records, so what a pull request commits there is never read."""
    key = key_of(records)
    old = records / ".govdocs-cache" / "objects" / key[:2]
    old.mkdir(parents=True)
    (old / key).symlink_to(secret)
    code, lines = run(txt_build(records, tmp_path / "out"))
    assert (code, lines) == (0, [f"built {N}, reused 0 (0 from cache), removed 0, {W} warning(s), N s"])
    assert SECRET not in (tmp_path / "out" / f"{SEED}.txt").read_text()


def test_a_symlinked_blob_in_the_cache_is_not_followed(records: Path, tmp_path: Path, secret: Path) -> None:
    cache = tmp_path / "cache"
    blob = plant(cache, key_of(records), SECRET.encode(), link=secret)
    code, lines = run(txt_build(records, tmp_path / "out", "--cache-dir", str(cache)))
    assert (code, lines) == (0, [
        f"{cache}: warning: output cache unusable ({blob} is a symbolic link; "
        "govdocs never reads or writes through one); building without it",
        f"built {N}, reused 0 (0 from cache), removed 0, {W + 1} warning(s), N s",
    ])
    assert SECRET not in (tmp_path / "out" / f"{SEED}.txt").read_text()


def test_a_forged_blob_is_caught_by_its_hash(records: Path, tmp_path: Path) -> None:
    """A blob whose name is not the SHA-256 of its bytes is a miss."""
    cache = tmp_path / "cache"
    blob = plant(cache, key_of(records), b"x" * 7)
    blob.write_bytes(b"VIRALLINEN PAATOS: kaikki maksut palautetaan\n")
    code, lines = run(txt_build(records, tmp_path / "out", "--cache-dir", str(cache)))
    assert (code, lines) == (0, [
        f"{cache}: warning: cache entry cas/{blob.parent.name}/{blob.name} does not match its SHA-256 "
        "(corrupt or edited); rendering the output again",
        f"built {N}, reused 0 (0 from cache), removed 0, {W + 1} warning(s), N s",
    ])
    assert "VIRALLINEN" not in (tmp_path / "out" / f"{SEED}.txt").read_text()


def test_a_cache_folder_inside_the_records_is_not_used(records: Path, tmp_path: Path) -> None:
    """Was: a committed blob under the records' cache was shipped as a
    forged document. A blob can be named by its true hash and an action
    entry can name it, so a cache the records carry is not trusted at all."""
    cache = records / ".govdocs-cache"
    plant(cache, key_of(records), b"VIRALLINEN PAATOS: kaikki maksut palautetaan\n")
    code, lines = run(txt_build(records, tmp_path / "out", "--cache-dir", str(cache)))
    assert (code, lines) == (0, [
        f"{cache}: warning: the output cache is inside the records repository, whose files anyone "
        "proposing a change can write; building without a cache (give --cache-dir elsewhere)",
        f"built {N}, reused 0 (0 from cache), removed 0, {W + 1} warning(s), N s",
    ])
    assert "VIRALLINEN" not in (tmp_path / "out" / f"{SEED}.txt").read_text()


@pytest.mark.parametrize("linked", ["cas", "ac", "tmp", "."])
def test_a_symlinked_cache_folder_makes_the_build_write_nothing_outside(
    linked: str, records: Path, tmp_path: Path
) -> None:
    """Was: `.govdocs-cache/objects` as a symlink made the build write
    wherever it pointed."""
    victim = tmp_path / "victim"
    victim.mkdir()
    cache = tmp_path / "cache"
    if linked == ".":
        cache.symlink_to(victim)
    else:
        cache.mkdir()
        (cache / linked).symlink_to(victim)
    code, lines = run(txt_build(records, tmp_path / "out", "--cache-dir", str(cache)))
    assert code == 0
    assert lines[-1].startswith(f"built {N}, reused 0 (0 from cache), removed 0, ")
    link = cache if linked == "." else cache / linked
    assert lines[:-1] == [  # one warning, then the build goes on
        f"{cache}: warning: output cache unusable ({link} is a symbolic link; "
        "govdocs never reads or writes through one); building without it"
    ]
    assert list(victim.iterdir()) == []


def test_a_flipped_byte_in_the_cache_is_rendered_again(records: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    run(txt_build(records, tmp_path / "one", "--cache-dir", str(cache)))
    good = (tmp_path / "one" / f"{SEED}.txt").read_bytes()
    blob = cache / "cas" / digest(good)[:2] / digest(good)
    flipped = bytearray(blob.read_bytes())
    flipped[100] ^= 0x01
    blob.write_bytes(bytes(flipped))
    code, lines = run(txt_build(records, tmp_path / "two", "--cache-dir", str(cache)))
    assert (code, lines) == (0, [
        f"{cache}: warning: cache entry cas/{blob.parent.name}/{blob.name} does not match its SHA-256 "
        "(corrupt or edited); rendering the output again",
        f"built 1, reused {N - 1} ({N - 1} from cache), removed 0, {W + 1} warning(s), N s",
    ])
    assert (tmp_path / "two" / f"{SEED}.txt").read_bytes() == good


def test_a_truncated_pdf_in_the_cache_is_rendered_again(records: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = build(records, tmp_path / "one", formats=("pdf",), jobs=1, reports=False, cache_dir=cache)
    entry = first.manifest.outputs[f"{SEED}.pdf"]
    blob = cache / "cas" / entry.sha256[:2] / entry.sha256
    blob.write_bytes(blob.read_bytes()[: entry.bytes // 2])
    again = build(records, tmp_path / "two", formats=("pdf",), jobs=1, reports=False, cache_dir=cache)
    assert again.built == [f"{SEED}.pdf"] and len(again.restored) == N - 1
    assert again.manifest.outputs[f"{SEED}.pdf"] == entry  # the same bytes, rendered again
    assert digest((tmp_path / "two" / f"{SEED}.pdf").read_bytes()) == entry.sha256


def test_the_default_cache_is_the_users_not_the_records(
    records: Path, tmp_path: Path, user_cache: Path
) -> None:
    run(txt_build(records, tmp_path / "out"))
    assert not (records / ".govdocs-cache").exists()
    assert len(list((user_cache / "govdocs" / "outputs" / "cas").rglob("*"))) >= 3


def test_xdg_cache_home_that_is_a_file_builds_without_a_cache(records: Path, tmp_path: Path) -> None:
    """Was: exit 3 (NotADirectoryError). A fresh process, as a user runs it."""
    home = tmp_path / "cache-file"
    home.write_text("not a folder")
    command = [sys.executable, "-c", "from govdocs.cli import main; main()",
               *txt_build(records, tmp_path / "out")]
    done = subprocess.run(command, capture_output=True, text=True, env={**os.environ, "XDG_CACHE_HOME": str(home)})
    assert done.returncode == 0, done.stderr
    assert [line for line in done.stderr.splitlines() if "/decisions/" not in line and line[0] != "["] == [
        f"{home}/govdocs/outputs: warning: output cache unusable (Not a directory); building without it"
    ]
    assert done.stdout.startswith(f"built {N}, reused 0 (0 from cache), removed 0, {W + 1} warning(s), ")


def _in_own_mounts(script: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    # A private mount namespace: the small or read-only file systems the
    # test mounts vanish with the process, whatever happens.
    command = ["unshare", "--mount", "--map-root-user", "sh", "-ec", script]
    env = {**os.environ, "PYTHON": sys.executable}
    return subprocess.run(command, capture_output=True, text=True, cwd=tmp_path, env=env, timeout=300)


GOVDOCS = '"$PYTHON" -c "from govdocs.cli import main; main()"'


def test_a_full_cache_folder_warns_once_and_the_build_goes_on(records: Path, tmp_path: Path) -> None:
    (tmp_path / "cache").mkdir()
    script = (f"mount -t tmpfs -o size=12k tmpfs cache\n"
              f"{GOVDOCS} build {records} --out out -f txt,html -j 1 --no-reports --cache-dir cache")
    done = _in_own_mounts(script, tmp_path)
    warnings = [line for line in done.stderr.splitlines() if "output cache" in line]
    assert done.returncode == 0, done.stderr
    assert warnings == ["cache: warning: output cache unusable (No space left on device); building without it"]
    assert done.stdout.startswith(f"built {2 * N}, reused 0 (0 from cache), removed 0, ")
    assert sorted(p.name for p in (tmp_path / "out").iterdir() if p.suffix in (".txt", ".html")) == sorted(
        f"{i}.{f}" for i in DOCUMENTS for f in ("html", "txt"))


def test_a_read_only_cache_folder_warns_once_and_the_build_goes_on(records: Path, tmp_path: Path) -> None:
    (tmp_path / "cache").mkdir()
    script = (f"mount -t tmpfs -o ro,size=1m tmpfs cache\n"
              f"{GOVDOCS} build {records} --out out -f txt -j 1 --no-reports --cache-dir cache")
    done = _in_own_mounts(script, tmp_path)
    warnings = [line for line in done.stderr.splitlines() if "output cache" in line]
    assert done.returncode == 0, done.stderr
    assert warnings == ["cache: warning: output cache unusable (Read-only file system); building without it"]
    assert done.stdout.startswith(f"built {N}, reused 0 (0 from cache), removed 0, ")


def test_a_read_only_output_folder_is_exit_1_not_a_traceback(records: Path, tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    script = (f"mount -t tmpfs -o ro,size=1m tmpfs out\n"
              f"{GOVDOCS} build {records} --out out -f txt -j 1 --no-reports")
    done = _in_own_mounts(script, tmp_path)
    assert done.returncode == 1, done.stderr
    assert done.stderr.splitlines()[-1] == "Error: out: cannot create the lock file (Read-only file system)"

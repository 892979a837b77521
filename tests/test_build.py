"""govdocs build: validates first, rebuilds only what changed, removes
what is gone, shards cleanly, and gives the same bytes at -j1 and -j2.
Real renderers throughout (text and HTML where the format does not
matter, because they are fast)."""

from __future__ import annotations

import hashlib
import importlib.util
import json
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from govdocs.build import Shard, ShardError, build, merge, read_manifest
from govdocs.build import plan as plan_module
from govdocs.build.plan import plan
from govdocs.build.renderers import available_reports
from govdocs.cli import cli
from govdocs.problems import RecordsInvalid
from govdocs.read.loader import read_repository
from tests.bundled import DOCUMENTS

ROOT = Path(__file__).resolve().parents[1]
FAST = ("html", "txt")


def synthetic(root: Path, decisions: int) -> Path:
    """A synthetic repository from the benchmarks' generator."""
    name = "benchmarks_synthetic"
    spec = importlib.util.spec_from_file_location(name, ROOT / "benchmarks" / "synthetic.py")
    assert spec and spec.loader
    module = sys.modules.setdefault(name, importlib.util.module_from_spec(spec))
    spec.loader.exec_module(module)
    return module.generate(root, decisions, organisations=20)  # type: ignore[no-any-return]


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def decision_outputs(ids: tuple[str, ...], formats: tuple[str, ...] = FAST) -> list[str]:
    return sorted(f"{i}.{f}" for i in ids for f in formats)


def test_first_build_writes_every_output_and_a_manifest(records: Path, tmp_path: Path) -> None:
    result = build(records, tmp_path / "out", formats=FAST, jobs=1, reports=False)
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text())
    names = decision_outputs(DOCUMENTS)
    assert sorted(result.built) == sorted(manifest["outputs"]) == names
    entry = manifest["outputs"]["kj-2016-59.txt"]
    assert entry["source"] == "decisions/2016/kj-2016-59.yaml"
    assert entry["format"] == "txt"
    assert entry["sha256"] == hashlib.sha256((tmp_path / "out/kj-2016-59.txt").read_bytes()).hexdigest()
    assert result.summary().startswith(f"built {len(names)}, reused 0 (0 from cache), removed 0, ")


def test_nothing_is_written_when_validation_fails(records: Path, tmp_path: Path, edit: Callable[..., Path]) -> None:
    edit("decisions/2016/kj-2016-59.yaml", "\nid: kj-2016-59\n", "\nid: kj-2016-59\npaatos: x\n")
    with pytest.raises(RecordsInvalid) as caught:
        build(records, tmp_path / "out", formats=FAST, jobs=1, reports=False)
    assert any("unknown key 'paatos'" in p.message for p in caught.value.problems)
    assert not (tmp_path / "out").exists()
    assert not (records / ".govdocs-cache" / "objects").exists()


def test_cli_reports_errors_and_builds_nothing(
    records: Path, edit: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    edit("decisions/2016/kj-2016-59.yaml", "\nid: kj-2016-59\n", "\nid: kj-2016-59\npaatos: x\n")
    monkeypatch.chdir(records)
    result = CliRunner().invoke(cli, ["build", "--out", "site", "--format", "txt"])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0].startswith("decisions/2016/kj-2016-59.yaml:6:1: error: paatos: unknown key 'paatos'; ")
    # the warnings are the other records' own, each printed before the summary
    warnings = sum(": warning: " in line for line in lines)
    assert lines[-1] == f"Error: 1 error(s), {warnings} warning(s) in the records; nothing done"
    assert not (records / "site").exists()


def test_no_op_rebuild_reuses_everything(records: Path, tmp_path: Path) -> None:
    build(records, tmp_path / "out", formats=FAST, jobs=1, reports=False)
    before = tree(tmp_path / "out")
    again = build(records, tmp_path / "out", formats=FAST, jobs=1, reports=False)
    assert again.built == [] and again.removed == [] and sorted(again.reused) == decision_outputs(DOCUMENTS)
    assert tree(tmp_path / "out") == before


def test_one_changed_record_rerenders_only_its_outputs(
    records: Path, tmp_path: Path, edit: Callable[..., Path]
) -> None:
    first = build(records, tmp_path / "out", formats=("txt",), jobs=1)
    reports = sorted(name for name in first.built if name.startswith("reports/"))
    organisations = len(read_repository(records).organisations)
    # each report with its timeline picture beside it, as `govdocs report` writes it; the bundled
    # repository holds three municipalities, so a follow-up report of each
    towns = ["helsinki", "espoo", "turku"]
    stems = [f"seurantaraportti-{town}" for town in towns] + [
        f"vastuut-{org}" for org in read_repository(records).organisations]
    assert reports == sorted(f"reports/{stem}{end}" for stem in stems for end in (".txt", "-aikajana.svg"))
    assert len(reports) == 2 * (organisations + len(towns))
    edit("decisions/2021/kh-2021-898.yaml", "\nid: kh-2021-898\n", "\nid: kh-2021-898\n# korjattu kirjoitusvirhe\n")
    again = build(records, tmp_path / "out", formats=("txt",), jobs=1)
    # the follow-up reports read every record, so they are rebuilt too; an audit's key holds what
    # it shows (tests/test_build_report_keys.py), and no audit shows this decision
    followups = [name for name in reports if "/seurantaraportti-" in name]
    assert sorted(again.built) == ["kh-2021-898.txt", *followups]
    audits = [name for name in reports if name not in followups]
    assert sorted(again.reused) == sorted([*(f"{i}.txt" for i in DOCUMENTS if i != "kh-2021-898"), *audits])


def test_a_changed_template_rerenders_the_formats_that_use_it(
    records: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    templates = tmp_path / "templates"
    shutil.copytree(plan_module.TEMPLATES_DIR, templates)
    monkeypatch.setattr(plan_module, "TEMPLATES_DIR", templates)
    build(records, tmp_path / "out", formats=FAST, jobs=1, reports=False)
    with (templates / "html" / "document.css").open("a") as css:
        css.write("\n/* wider margins */\n")
    again = build(records, tmp_path / "out", formats=FAST, jobs=1, reports=False)
    assert sorted(again.built) == decision_outputs(DOCUMENTS, ("html",))
    assert sorted(again.reused) == decision_outputs(DOCUMENTS, ("txt",))


def test_a_deleted_records_outputs_are_removed(records: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    (out / "notes.txt").parent.mkdir(parents=True)
    (out / "notes.txt").write_text("not ours")
    build(records, out, formats=FAST, jobs=1, reports=False)
    (records / "decisions/2021/kp-2021-5.yaml").unlink()
    again = build(records, out, formats=FAST, jobs=1, reports=False)
    assert again.removed == ["kp-2021-5.html", "kp-2021-5.txt"]
    assert not (out / "kp-2021-5.txt").exists() and not (out / "kp-2021-5.html").exists()
    assert "kp-2021-5.txt" not in json.loads((out / "manifest.json").read_text())["outputs"]
    assert (out / "notes.txt").read_text() == "not ours"  # only files the manifest lists are removed


def test_outputs_come_back_from_the_cache(records: Path, tmp_path: Path) -> None:
    build(records, tmp_path / "one", formats=FAST, jobs=1, reports=False)
    other = build(records, tmp_path / "two", formats=FAST, jobs=1, reports=False)
    assert other.built == [] and sorted(other.restored) == decision_outputs(DOCUMENTS)
    assert tree(tmp_path / "one") == tree(tmp_path / "two")


def test_shards_are_disjoint_and_cover_everything(tmp_path: Path) -> None:
    repo = read_repository(synthetic(tmp_path / "records", 60))
    reports = available_reports(repo)
    everything = {job.id for job in plan(repo, FAST, reports=reports)}
    assert len(everything) == 60 + 1 + len(repo.organisations)
    for count in (1, 2, 3, 8):
        parts = [{job.id for job in plan(repo, FAST, shard=Shard(i, count), reports=reports)}
                 for i in range(1, count + 1)]
        assert set().union(*parts) == everything
        assert sum(len(part) for part in parts) == len(everything)


def test_shard_builds_merge_into_the_full_build(records: Path, tmp_path: Path) -> None:
    full = build(records, tmp_path / "full", formats=("txt",), jobs=1, reports=False)
    for i in (1, 2):
        build(records, tmp_path / f"part{i}", formats=("txt",), jobs=1, shard=Shard(i, 2), reports=False)
    merged = merge([tmp_path / "part1", tmp_path / "part2"], tmp_path / "site")
    assert merged.outputs == full.manifest.outputs
    assert tree(tmp_path / "site") == tree(tmp_path / "full")


def test_merge_refuses_an_incomplete_set_of_shards(records: Path, tmp_path: Path) -> None:
    build(records, tmp_path / "part1", formats=("txt",), jobs=1, shard=Shard(1, 3), reports=False)
    result = CliRunner().invoke(cli, ["build", "--merge", str(tmp_path / "part1"), "--out", str(tmp_path / "site")])
    assert result.exit_code == 1
    assert result.output == "Error: shard(s) 2/3, 3/3 missing from the merge\n"


@pytest.mark.parametrize("text", ["0/3", "4/3", "3", "a/b", "1/0"])
def test_a_bad_shard_is_a_usage_error(text: str, records: Path, tmp_path: Path) -> None:
    with pytest.raises(ShardError):
        Shard.parse(text)
    result = CliRunner().invoke(cli, ["build", str(records), "--out", str(tmp_path / "o"), "--shard", text])
    assert result.exit_code == 2
    expected = f"Error: shard must be I/N with 1 <= I <= N (e.g. 3/8), not '{text}'"
    assert result.output.splitlines()[-1] == expected


@pytest.mark.slow
def test_j1_and_j2_give_byte_identical_trees(records: Path, tmp_path: Path) -> None:
    one = build(records, tmp_path / "j1", jobs=1, cache_dir=tmp_path / "cache1")
    two = build(records, tmp_path / "j2", jobs=2, cache_dir=tmp_path / "cache2")
    assert len(one.built) == len(two.built) > 16  # every output rendered in both, none from a cache
    assert tree(tmp_path / "j1") == tree(tmp_path / "j2")
    assert read_manifest(tmp_path / "j1") == read_manifest(tmp_path / "j2")


def test_a_cache_folder_in_the_records_is_never_used(records: Path, tmp_path: Path) -> None:
    """The cache lives in the user's cache folder: a '.govdocs-cache' in the
    records (here a symlink, as a pull request could commit) is not read,
    followed or written."""
    victim = tmp_path / "victim"
    victim.mkdir()
    (records / ".govdocs-cache").symlink_to(victim)
    result = CliRunner().invoke(cli, ["build", str(records), "--out", str(tmp_path / "out"), "-f", "txt"])
    assert result.exit_code == 0, result.output
    assert list(victim.iterdir()) == []


def test_a_broken_manifest_stops_the_build_before_writing(records: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "manifest.json").write_text('{"formats": "txt"}')
    result = CliRunner().invoke(cli, ["build", str(records), "--out", str(out), "-f", "txt"])
    assert result.exit_code == 1
    assert result.output == f"Error: {out / 'manifest.json'}: not a govdocs manifest ('outputs')\n"
    assert sorted(p.name for p in out.iterdir()) == ["manifest.json"]

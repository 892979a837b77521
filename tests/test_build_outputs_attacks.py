"""Issue 17.5 and the build's part of 17.7: stale and mixed outputs, and
writes through links. Each break that was reproduced is pinned here with
its exact answer."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from govdocs.build import OutputBusy, build, read_manifest
from govdocs.build import atomic as atomic_module
from govdocs.build.atomic import TempFolder, output_lock
from govdocs.build.plan import Job
from govdocs.build.workers import Rendered, Settings, render_job
from govdocs.build.writer import UNSETTLED
from govdocs.cli import cli
from govdocs.repository import Repository
from tests.bundled import DOCUMENTS
from tests.test_build import tree
from tests.test_build_cache_attacks import SECRET, run, txt_build

PHONE, SAME_SIZE = "phone: 09 310 13700", "phone: 09 310 99999"


def test_an_output_of_other_inputs_with_the_same_size_is_rendered_again(records: Path, tmp_path: Path) -> None:
    """Was: edit registry.yaml keeping its size, build, kill the build
    before it writes its manifest, revert, rebuild → "built 0, reused 600",
    the edited phone number in every output for good. The killed build is
    stood in for exactly: its outputs are in place, the old manifest too."""
    out, registry = tmp_path / "out", records / "registry.yaml"
    build(records, out, formats=("txt",), jobs=1, reports=False)
    good, old_manifest = tree(out), (out / "manifest.json").read_bytes()
    text = registry.read_text(encoding="utf-8")
    registry.write_text(text.replace(PHONE, SAME_SIZE), encoding="utf-8")
    build(records, out, formats=("txt",), jobs=1, reports=False, cache_dir=tmp_path / "other-cache")
    # the outputs whose appeal text gives the phone
    edited = sorted(p.name for p in out.glob("*.txt") if "09 310 99999" in p.read_text())
    assert "kh-2021-898.txt" in edited and "kj-2016-59.txt" not in edited
    (out / "manifest.json").write_bytes(old_manifest)  # killed before its manifest was written
    registry.write_text(text, encoding="utf-8")
    again = build(records, out, formats=("txt",), jobs=1, reports=False)
    # the edited outputs have the old key and size but other bytes: restored; the others are intact
    assert sorted(again.restored) == edited
    assert sorted(again.reused) == sorted(f"{i}.txt" for i in DOCUMENTS if f"{i}.txt" not in edited)
    assert tree(out) == good


def test_a_record_edited_during_the_build_is_not_cached_and_is_rendered_again(
    records: Path, tmp_path: Path
) -> None:
    """Was: a record edited while the build ran gave a PDF whose embedded
    source differs from its text, and the cache shipped it again later."""
    record = records / "decisions/2016/kj-2016-59.yaml"
    original = record.read_bytes()

    def edit_while_rendering(repo: Repository, job: Job, settings: Settings) -> Rendered:
        rendered = render_job(repo, job, settings)
        if job.id == "kj-2016-59":
            record.write_bytes(original + b"# muokattu kesken koonnin\n")
        return rendered

    cache = tmp_path / "cache"
    first = build(records, tmp_path / "out", formats=("txt",), jobs=1, reports=False, cache_dir=cache,
                  render=edit_while_rendering)
    assert first.warnings[-1] == (f"{record}: warning: changed while the build ran; the outputs made from "
                                  "it are not cached, and the next build renders them again")
    assert first.manifest.outputs["kj-2016-59.txt"].key == UNSETTLED
    assert first.manifest.outputs["kp-2021-5.txt"].key != UNSETTLED
    record.write_bytes(original)  # even back as it was, the mixed output is not kept
    again = build(records, tmp_path / "out", formats=("txt",), jobs=1, reports=False, cache_dir=cache)
    assert again.built == ["kj-2016-59.txt"]
    assert sorted(again.reused) == sorted(f"{i}.txt" for i in DOCUMENTS if i != "kj-2016-59")
    third = build(records, tmp_path / "fresh", formats=("txt",), jobs=1, reports=False, cache_dir=cache)
    assert len(third.restored) == len(DOCUMENTS)  # cached now: made from bytes that did not change


def test_a_second_build_into_the_same_folder_refuses_after_waiting(
    records: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    monkeypatch.setattr(atomic_module, "LOCK_WAIT", 0.3)
    with output_lock(out):  # another build, as far as the lock can tell
        code, lines = run(txt_build(records, out))
        with pytest.raises(OutputBusy):
            build(records, out, formats=("txt",), jobs=1, reports=False, lock_wait=0)
    assert (code, lines) == (1, [
        f"Error: another govdocs build is writing into {out} (it holds {out}/.govdocs.lock); "
        "waited 0.3 s: let it finish, or give another --out"
    ])
    assert sorted(p.name for p in out.iterdir()) == [".govdocs.lock"]


def test_two_builds_started_together_into_one_folder_both_finish_whole(records: Path, tmp_path: Path) -> None:
    """Was: one build's stale-output cleanup deleted the other's fresh
    files (the manifest named 35 missing files), and one's temporary-file
    cleanup deleted the other's temporary file (exit 3)."""
    out = tmp_path / "out"
    build(records, out, formats=("txt",), jobs=1)
    command = [sys.executable, "-c", "from govdocs.cli import main; main()",
               "build", str(records), "--out", str(out), "-j", "1", "-f"]
    builds = [subprocess.Popen([*command, formats], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
              for formats in ("html", "txt,html")]
    results = [process.communicate(timeout=300) for process in builds]
    assert [process.returncode for process in builds] == [0, 0], results
    manifest = json.loads((out / "manifest.json").read_text())
    files = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    assert files == sorted([*manifest["outputs"], "manifest.json", ".govdocs.lock"])


def test_a_builds_temporary_folder_is_its_own(tmp_path: Path) -> None:
    parent = tmp_path / "tmp"
    dead = parent / "build-left-by-a-killed-build"
    dead.mkdir(parents=True)
    (dead / ".kj-2016-59.pdf.1.tmp").write_bytes(b"%PDF-1.7 half")
    one = TempFolder(parent, "build-")
    (one.path / "in-flight").write_bytes(b"being written")
    two = TempFolder(parent, "build-")  # sweeps the dead build's folder, not the live one's
    assert not dead.exists() and (one.path / "in-flight").exists()
    one.close()
    assert not one.path.exists() and two.path.exists()
    two.close()
    assert list(parent.iterdir()) == []


@pytest.mark.parametrize("where", ["out", "reports"])
def test_a_symlinked_output_folder_is_refused_and_nothing_written_outside(
    where: str, records: Path, tmp_path: Path
) -> None:
    """The output folder may come with the records (a published site kept
    in the repository): a link there must not carry the build elsewhere."""
    victim, out = tmp_path / "victim", tmp_path / "site"
    victim.mkdir()
    if where == "out":
        out.symlink_to(victim)
    else:
        out.mkdir()
        (out / "reports").symlink_to(victim)
    result = CliRunner().invoke(cli, ["build", str(records), "--out", str(out), "-f", "txt", "-j", "1"])
    link = out if where == "out" else out / "reports"
    assert (result.exit_code, result.output.splitlines()[-1]) == (
        1, f"Error: {link} is a symbolic link; govdocs never reads or writes through one")
    assert list(victim.iterdir()) == []
    assert [p.name for p in out.iterdir() if p.suffix == ".txt"] == []  # nothing written, not half


@pytest.mark.parametrize("name", ["kj-2016-59.txt", "manifest.json", ".govdocs.lock"])
def test_an_output_that_is_a_link_is_replaced_never_written_through(
    name: str, records: Path, tmp_path: Path, edit: Callable[..., Path]
) -> None:
    victim, out = tmp_path / "victim.txt", tmp_path / "site"
    victim.write_text(SECRET)
    out.mkdir()
    (out / name).symlink_to(victim)
    code, lines = run(txt_build(records, out))
    assert victim.read_text() == SECRET
    if name == ".govdocs.lock":
        assert (code, lines) == (1, [f"Error: {out}/.govdocs.lock is a symbolic link; remove it"])
    elif name == "manifest.json":  # a manifest is read before anything is written: never through a link
        assert (code, lines) == (1, [f"Error: {out}/manifest.json is a symbolic link; "
                                     "govdocs never reads or writes through one"])
    else:
        assert code == 0 and not (out / name).is_symlink()
        assert read_manifest(out) is not None


def test_outputs_are_readable_by_others_whatever_the_umask(records: Path, tmp_path: Path) -> None:
    old = os.umask(0o077)
    try:
        build(records, tmp_path / "out", formats=("txt",), jobs=1, reports=False)
    finally:
        os.umask(old)
    assert oct((tmp_path / "out" / "kj-2016-59.txt").stat().st_mode & 0o777) == "0o644"


def test_a_registry_edited_during_the_build_leaves_nothing_cached(records: Path, tmp_path: Path) -> None:
    registry = records / "registry.yaml"

    def edit_while_rendering(repo: Repository, job: Job, settings: Settings) -> Rendered:
        rendered = render_job(repo, job, settings)
        registry.write_text(registry.read_text(encoding="utf-8").replace(PHONE, SAME_SIZE), encoding="utf-8")
        return rendered

    first = build(records, tmp_path / "out", formats=("txt",), jobs=1, reports=False, render=edit_while_rendering)
    assert {entry.key for entry in first.manifest.outputs.values()} == {UNSETTLED}
    assert first.warnings[-1].startswith(f"{registry}: warning: changed while the build ran; ")

"""Issue 17.6: `--merge` verifies its shards. Shard folders are CI
artifacts from other machines, input like records: each break that was
reproduced is pinned here with its exact answer (exit 1, nothing written
to --out but what a good merge writes)."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from govdocs.build import Shard, build
from govdocs.cli import cli
from tests.test_build_cache_attacks import SECRET


@pytest.fixture
def shards(records: Path, tmp_path: Path) -> list[Path]:
    folders = [tmp_path / f"part{i}" for i in (1, 2)]
    for i, folder in enumerate(folders, start=1):
        build(records, folder, formats=("txt",), jobs=1, shard=Shard(i, 2))
    return folders


def merge(shards: list[Path], out: Path) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["build", "--merge", *map(str, shards), "--out", str(out)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


def a_decision_in(folder: Path) -> str:
    manifest = json.loads((folder / "manifest.json").read_text())
    return sorted(name for name in manifest["outputs"] if "/" not in name)[0]


def rewrite_manifest(folder: Path, change: Callable[[dict], None]) -> None:
    manifest = json.loads((folder / "manifest.json").read_text())
    change(manifest)
    (folder / "manifest.json").write_text(json.dumps(manifest))


def test_good_shards_merge(shards: list[Path], tmp_path: Path) -> None:
    code, output = merge(shards, tmp_path / "site")
    assert code == 0 and output.startswith("merged 2 folder(s): ")


def test_a_file_that_does_not_match_its_manifest_is_refused(shards: list[Path], tmp_path: Path) -> None:
    name = a_decision_in(shards[0])
    (shards[0] / name).write_text("VÄÄRENNETTY PÄÄTÖS\n")
    assert merge(shards, tmp_path / "site") == (1, (
        f"Error: {shards[0] / name}: its bytes do not match the SHA-256 in {shards[0] / 'manifest.json'}; "
        "build that shard again\n"))
    assert not (tmp_path / "site").exists()


def test_a_symlinked_shard_file_is_not_copied(shards: list[Path], tmp_path: Path) -> None:
    secret = tmp_path / "passwd"
    secret.write_text(SECRET)
    name = a_decision_in(shards[0])
    (shards[0] / name).unlink()
    (shards[0] / name).symlink_to(secret)
    assert merge(shards, tmp_path / "site") == (1, (
        f"Error: {shards[0] / name} is a symbolic link; govdocs never reads or writes through one; "
        "a shard holds only the files its build wrote\n"))


def test_a_shard_folder_that_is_a_link_inside_is_not_followed(shards: list[Path], tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    (shards[0] / "reports").rename(elsewhere)
    (shards[0] / "reports").symlink_to(elsewhere)
    code, output = merge(shards, tmp_path / "site")
    assert code == 1 and output.startswith(f"Error: {shards[0] / 'reports'} is a symbolic link; ")


def test_a_special_file_in_a_shard_is_refused(shards: list[Path], tmp_path: Path) -> None:
    name = a_decision_in(shards[0])
    (shards[0] / name).unlink()
    os.mkfifo(shards[0] / name)
    assert merge(shards, tmp_path / "site") == (1, (
        f"Error: {shards[0] / name} is not a regular file; a shard holds only the files its build wrote\n"))


@pytest.mark.parametrize("bit, shown", [(0o4000, "-rwSr--r--"), (0o2000, "-rw-r-Sr--"), (0o1000, "-rw-r--r-T")])
def test_setuid_setgid_and_sticky_files_are_refused(bit: int, shown: str, shards: list[Path], tmp_path: Path) -> None:
    name = a_decision_in(shards[0])
    os.chmod(shards[0] / name, 0o644 | bit)
    assert merge(shards, tmp_path / "site") == (1, (
        f"Error: {shards[0] / name}: has mode {shown} (setuid, setgid or sticky); a build never writes such a file\n"))


def test_merged_files_are_plain_0644(shards: list[Path], tmp_path: Path) -> None:
    name = a_decision_in(shards[0])
    os.chmod(shards[0] / name, 0o755)  # an executable bit is not kept either
    assert merge(shards, tmp_path / "site")[0] == 0
    assert oct((tmp_path / "site" / name).stat().st_mode & 0o7777) == "0o644"


def test_a_symlink_in_the_target_makes_it_write_nothing_outside(shards: list[Path], tmp_path: Path) -> None:
    """Was: a symlink at --out/reports made the merge write 201 files
    wherever it pointed."""
    victim, site = tmp_path / "victim", tmp_path / "site"
    victim.mkdir()
    site.mkdir()
    (site / "reports").symlink_to(victim)
    assert merge(shards, site) == (1, (
        f"Error: {site / 'reports'} is a symbolic link; govdocs never reads or writes through one\n"))
    assert list(victim.iterdir()) == []
    assert sorted(p.name for p in site.iterdir()) == [".govdocs.lock", "reports"]  # nothing merged


@pytest.mark.parametrize("shard", ["x", "1", "0/2", "3/2", 5])
def test_a_bad_shard_field_is_exit_1(shard: object, shards: list[Path], tmp_path: Path) -> None:
    """Was: "shard": "x" → exit 3 (IndexError)."""
    rewrite_manifest(shards[0], lambda m: m.update(shard=shard))
    assert merge(shards, tmp_path / "site") == (1, (
        f"Error: {shards[0] / 'manifest.json'}: shard must be I/N with 1 <= I <= N (e.g. 3/8), "
        f"not '{shard}'\n"))


@pytest.mark.parametrize("name, reason", [
    ("../escape.txt", "'..' is not a usable file name"),
    ("/etc/cron.d/x", "'' is not a usable file name"),
    ("a\nb.txt", "file name 'a\\nb.txt' contains a control character"),
])
def test_unsafe_names_in_a_shard_manifest_are_exit_1(
    name: str, reason: str, shards: list[Path], tmp_path: Path
) -> None:
    """Was: exit 3."""
    def add(manifest: dict) -> None:
        manifest["outputs"][name] = next(iter(manifest["outputs"].values()))

    rewrite_manifest(shards[0], add)
    assert merge(shards, tmp_path / "site") == (1, f"Error: {shards[0]}: {reason}\n")
    assert not (tmp_path / "site").exists()

"""`govdocs new` never writes through a symbolic link: a linked year folder
or a dangling link at the new file's name is refused with exit 1, and
nothing appears outside the repository."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from govdocs.cli import cli
from govdocs.safepath import LinkInTheWay, create_new
from tests.bundled import copy_registry

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def records(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    repo.mkdir()
    copy_registry(repo)
    shutil.copytree(ROOT / "decisions", repo / "decisions")
    return repo


def new(root: Path) -> tuple[int, str, str]:
    args = ["new", "deputy-order", "--maker", "kansliapaallikko", "--date", "2022-01-05", "--path", str(root)]
    result = CliRunner().invoke(cli, args)
    return result.exit_code, result.stdout, result.stderr


def test_a_symlinked_year_folder_is_refused(records: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    shutil.rmtree(records / "decisions" / "2022", ignore_errors=True)  # the copy's bundled year makes way
    (records / "decisions" / "2022").symlink_to(outside)
    target = records / "decisions" / "2022" / "kp-2022-1.yaml"
    assert new(records) == (
        1, "", f"Error: {target} lies behind a symbolic link; govdocs never writes through a link\n"
    )
    assert list(outside.iterdir()) == []


def test_a_dangling_link_at_the_new_name_is_refused(records: Path, tmp_path: Path) -> None:
    (records / "decisions" / "2022").mkdir(exist_ok=True)
    victim = tmp_path / "created-outside.yaml"
    target = records / "decisions" / "2022" / "kp-2022-1.yaml"
    target.symlink_to(victim)
    assert new(records) == (
        1, "", f"Error: {target} lies behind a symbolic link; govdocs never writes through a link\n"
    )
    assert not victim.exists()
    bundled = ROOT / "decisions" / "2022"
    assert [p.name for p in target.parent.iterdir() if not (bundled / p.name).exists()] == ["kp-2022-1.yaml"]


def test_a_link_made_after_the_checks_is_not_written_through(tmp_path: Path) -> None:
    """The race the checks in `new` cannot see: create_new itself refuses."""
    (tmp_path / "decisions" / "2022").mkdir(parents=True)
    victim = tmp_path / "victim.yaml"
    (tmp_path / "decisions" / "2022" / "x.yaml").symlink_to(victim)
    with pytest.raises(LinkInTheWay, match=r"^decisions/2022/x.yaml already exists \(as a file or a symbolic"):
        create_new(tmp_path, "decisions/2022/x.yaml", b"id: x\n")
    assert not victim.exists()


def test_a_new_file_is_created_whole(tmp_path: Path) -> None:
    made = create_new(tmp_path, "decisions/2030/x.yaml", b"id: x\n")
    assert made == tmp_path / "decisions" / "2030" / "x.yaml"
    assert made.read_bytes() == b"id: x\n"
    assert sorted(p.name for p in made.parent.iterdir()) == ["x.yaml"]  # no temporary file left
    with pytest.raises(LinkInTheWay):
        create_new(tmp_path, "decisions/2030/x.yaml", b"other\n")
    assert made.read_bytes() == b"id: x\n"


def test_a_link_higher_up_is_refused_too(tmp_path: Path) -> None:
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "repo").mkdir()
    (tmp_path / "repo" / "decisions").symlink_to(tmp_path / "elsewhere")
    with pytest.raises(LinkInTheWay, match="^decisions already exists as a symbolic link"):
        create_new(tmp_path / "repo", "decisions/2030/x.yaml", b"id: x\n")
    assert list((tmp_path / "elsewhere").iterdir()) == []

"""`govdocs new`: exact output and exit codes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from govdocs.cli import cli
from tests.bundled import copy_registry

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def records(tmp_path: Path) -> Path:
    copy_registry(tmp_path)
    shutil.copytree(ROOT / "decisions", tmp_path / "decisions")
    return tmp_path


def new(root: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["new", *args, "--path", str(root)])
    return result.exit_code, result.stdout, result.stderr


def test_unknown_kind(records: Path) -> None:
    assert new(records, "working-groups", "--maker", "kansliapaallikko") == (
        2,
        "",
        (
            "Error: unknown kind 'working-groups'; did you mean 'working-group'?; kinds: appropriation-transfer, "
            "board-election, deputy-order, note-report, procurement-delegation, transfer, working-group\n"
        ),
    )


def test_unknown_maker(records: Path) -> None:
    assert new(records, "working-group", "--maker", "kanslia") == (
        2,
        "",
        "Error: unknown decision maker 'kanslia'; did you mean 'kansliapaallikko'?\n",
    )


def test_kind_not_for_this_maker(records: Path) -> None:
    assert new(records, "board-election", "--maker", "kansliapaallikko") == (
        2,
        "",
        "Error: kind 'board-election' is for body decision makers, not 'kansliapaallikko' (office-holder)\n",
    )


def test_given_case_number_and_the_kinds_appeal(records: Path) -> None:
    code, out, err = new(
        records,
        "board-election",
        "--maker",
        "kaupunginhallitus",
        "--date",
        "29.11.2021",
        "--case",
        "HEL 2021-012720",
    )
    path = records / "decisions" / "2021" / "kh-2021-899.yaml"
    assert (code, out) == (0, f"{path}: kh-2021-899 (§ 899, HEL 2021-012720)\n")
    assert err.startswith("note: gaps in kaupunginhallitus 2021: § 1, 2, 3,")
    record = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert record["appeal"] == {"route": "oikaisuvaatimus"}
    assert (
        record["drafting"]["values"]["as"]
        == "TÄYTÄ: tehtävä translatiivissa, esim. jäseneksi ja puheenjohtajaksi"
    )


def test_an_existing_file_is_never_overwritten(records: Path) -> None:
    target = records / "decisions" / "2022" / "kp-2022-1.yaml"
    target.parent.mkdir(exist_ok=True)
    target.write_text("not yaml: [", encoding="utf-8")
    code, out, err = new(records, "deputy-order", "--maker", "kansliapaallikko", "--date", "2022-01-05")
    assert (code, out) == (1, "")
    assert err == f"Error: {target} already exists; § 1 may be taken by a file that does not load\n"
    assert target.read_text(encoding="utf-8") == "not yaml: ["


def test_a_symlinked_year_folder_is_not_written_through(records: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    shutil.rmtree(records / "decisions" / "2022", ignore_errors=True)  # the copy's bundled year makes way
    (records / "decisions" / "2022").symlink_to(outside)
    code, out, err = new(records, "deputy-order", "--maker", "kansliapaallikko", "--date", "2022-01-05")
    target = records / "decisions" / "2022" / "kp-2022-1.yaml"
    assert (code, out) == (1, "")
    assert err == f"Error: {target} lies behind a symbolic link; govdocs never writes through a link\n"
    assert list(outside.iterdir()) == []

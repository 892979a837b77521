"""Next free § per maker and year (gaps and collisions reported) and new
diary numbers in the municipality's format."""

from __future__ import annotations

from pathlib import Path

import pytest

import govdocs
from govdocs.drafting.numbering import case_number_regex, id_prefix, new_case_number, next_number
from tests.bundled import copy_registry

ROOT = Path(__file__).resolve().parents[1]

DECISION = """\
id: {id}
maker: {maker}
date: {date}
number: {number}
title: Testipäätös
case: {case}
sections:
  - kind: decision
    body: [Kansliapäällikkö päättää jotakin.]
"""


def repo_with(tmp_path: Path, *decisions: tuple[str, str, str, int, str]) -> Path:
    copy_registry(tmp_path)
    folder = tmp_path / "decisions" / "2022"
    folder.mkdir(parents=True)
    for rid, maker, day, number, case in decisions:
        (folder / f"{rid}.yaml").write_text(
            DECISION.format(id=rid, maker=maker, date=day, number=number, case=case), encoding="utf-8"
        )
    return tmp_path


def test_next_number_reports_gaps_and_collisions(tmp_path: Path) -> None:
    root = repo_with(
        tmp_path,
        ("kp-2022-1", "kansliapaallikko", "2022-01-03", 1, "HEL 2022-000007"),
        ("kp-2022-2", "kansliapaallikko", "2022-01-04", 2, "HEL 2022-000010"),
        ("kp-2022-2b", "kansliapaallikko", "2022-01-05", 2, "HEL 2022-000011"),
        ("kp-2022-5", "kansliapaallikko", "2022-02-01", 5, "HEL 2021-000099"),
        ("kh-2022-9", "kaupunginhallitus", "2022-02-01", 9, "HEL 2022-000003"),
    )
    repo = govdocs.validate(root)
    plan = next_number(repo, "kansliapaallikko", 2022)
    assert (plan.number, plan.gaps, plan.collisions) == (6, [3, 4], {2: ["kp-2022-2", "kp-2022-2b"]})
    assert plan.notes() == [
        "gaps in kansliapaallikko 2022: § 3, 4 not in the records",
        "collision in kansliapaallikko 2022: § 2 is used by kp-2022-2, kp-2022-2b",
    ]
    assert next_number(repo, "kansliapaallikko", 2023).number == 1
    assert next_number(repo, "kaupunginhallitus", 2022).number == 10
    assert new_case_number(repo, 2022) == "HEL 2022-000012"
    assert new_case_number(repo, 2021) == "HEL 2021-000100"
    assert id_prefix(repo, "kaupunginhallitus") == "kh"
    assert id_prefix(repo, "elinkeinojaosto") == "elinkeinojaosto"


@pytest.mark.parametrize(
    ("fmt", "written", "serial"),
    [
        ("HEL {year}-{serial:06d}", "HEL 2014-011413", 11413),
        ("MliDno-{year}-{serial}", "MliDno-2017-206", 206),
        ("{serial}-{year} (010)", "5024-2017 (010)", 5024),
    ],
)
def test_case_number_formats_read_back(fmt: str, written: str, serial: int) -> None:
    match = case_number_regex(fmt).match(written)
    assert match is not None and int(match.group("serial")) == serial
    assert fmt.format(year=int(match.group("year")), serial=serial) == written


def test_case_number_format_with_an_unknown_field_is_refused() -> None:
    with pytest.raises(ValueError, match=r"knows only \{year\} and \{serial\}, not \{unit\}"):
        case_number_regex("{unit}-{year}-{serial}")

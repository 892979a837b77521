"""Loops in chains of records (successions, parents, supersessions) are
located errors naming both ends, and every query over them terminates,
even when a caller skips validation."""

from __future__ import annotations

import copy
import multiprocessing
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import govdocs
from govdocs.checks.cycles import find_cycles
from govdocs.cli import cli
from govdocs.derive.responsibilities import diff, history, holders_at
from govdocs.read.loader import read_repository
from tests.builders import REGISTRY, decision, write_repo

CYCLE_CODES = {"succession-cycle", "parent-cycle", "supersession-cycle"}


def registry(**org_changes: dict[str, Any]) -> dict[str, Any]:
    reg = copy.deepcopy(REGISTRY)
    for org in reg["organisations"]:
        org.update(org_changes.get(org["id"], {}))
    return reg


def problems(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, reg: dict[str, Any], *records: Any) -> list[str]:
    write_repo(tmp_path, *records, registry=reg)
    monkeypatch.chdir(tmp_path)
    return [p.format() for p in govdocs.validate(".").problems if p.code in CYCLE_CODES]


BACK = {"valid_to": "2018-12-31", "successor": "virasto"}


def test_a_two_step_succession_cycle_names_both_ends(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert problems(tmp_path, monkeypatch, registry(toimiala=BACK)) == [
        "registry.yaml:26:14: error: successor cycle 'virasto' → 'toimiala' → 'virasto': the loop closes at "
        "registry.yaml:33:14; a successor takes over when its predecessor ends, so the chain must end in an "
        "organisation that still exists (remove or change one 'successor')"
    ]


def test_self_succession_is_located(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    found = problems(tmp_path, monkeypatch, registry(kanslia={"valid_to": "2018-12-31", "successor": "kanslia"}))
    assert found == [
        "registry.yaml:22:14: error: 'kanslia' names itself as its successor; a successor takes over when its "
        "predecessor ends, so the chain must end in an organisation that still exists (remove or change one "
        "'successor')"
    ]


def test_a_parent_cycle_is_located(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    found = problems(tmp_path, monkeypatch, registry(kanslia={"parent": "toimiala"}, toimiala={"parent": "kanslia"}))
    assert found == [
        "registry.yaml:21:11: error: parent cycle 'kanslia' → 'toimiala' → 'kanslia': the loop closes at "
        "registry.yaml:33:11; the hierarchy must end in a top-level organisation (remove or change one 'parent')"
    ]


def test_obligations_superseding_each_other_are_located(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = decision("kj-2016-1", 1)
    first["obligations"].append(
        first["obligations"][0] | {"id": "kj-2016-1.sopimus", "quote": "Kanslia sopii asiasta vuosittain."}
    )
    ids = ["kj-2016-1.raportti", "kj-2016-1.sopimus"]
    text = "Velvoite korvataan toisella."
    second = decision(
        "kj-2016-2", 2, sections=[{"kind": "decision", "body": [text]}, {"kind": "grounds", "body": ["Perustelut."]}],
        transfers=[], obligations=[],
        fulfils=[
            {"obligation": ids[0], "outcome": "superseded", "superseded_by": ids[1], "quote": text},
            {"obligation": ids[1], "outcome": "superseded", "superseded_by": ids[0], "quote": text},
        ],
    )
    found = problems(tmp_path, monkeypatch, copy.deepcopy(REGISTRY), first, second)
    assert len(found) == 1 and "supersession cycle" in found[0], found
    assert found[0].startswith("decisions/2016/kj-2016-2.yaml:")


def _answers(root: str) -> int:
    repo = read_repository(root)  # no rules: a caller that skips validation
    holders_at(repo, date(2030, 1, 1))
    history(repo, "virasto")
    diff(repo, date(2016, 1, 1), date(2030, 1, 1))
    return 0


@pytest.mark.parametrize("changes", [{"toimiala": BACK}, {"toimiala": {"valid_to": "2018-12-31", "successor": "toimiala"}}])
def test_queries_terminate_over_a_cycle(tmp_path: Path, changes: dict[str, Any]) -> None:
    write_repo(tmp_path, decision("kj-2016-1", 1, transfers=[]), registry=registry(**changes))
    with multiprocessing.get_context("fork").Pool(1) as pool:
        result = pool.apply_async(_answers, (str(tmp_path),))
        assert result.get(timeout=30) == 0  # looped forever (2.3 GB in 60 s) before


def test_the_command_line_answers_a_cycle_with_exit_1(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_repo(tmp_path, decision("kj-2016-1", 1, transfers=[]), registry=registry(toimiala=BACK))
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["validate"])
    assert result.exit_code == 1
    assert "successor cycle 'virasto' → 'toimiala' → 'virasto'" in result.output
    answered = CliRunner().invoke(cli, ["responsibilities", "--at", "2020-01-01"])
    assert answered.exit_code in (0, 1), answered.output


def test_find_cycles_reports_each_loop_once() -> None:
    def link(target: str) -> Any:
        return (target, None, ())

    links = {"a": link("b"), "b": link("c"), "c": link("b"), "d": link("d"), "e": link("a")}
    assert find_cycles(links) == [["b", "c"], ["d"]]


def _preview_index(root: str) -> int:
    from govdocs.drafting.preview import Preview

    return Preview(Path(root)).page("/").status


def test_the_preview_answers_over_a_cycle(tmp_path: Path) -> None:
    write_repo(tmp_path, decision("kj-2016-1", 1, transfers=[]), registry=registry(toimiala=BACK))
    with multiprocessing.get_context("fork").Pool(1) as pool:
        assert pool.apply_async(_preview_index, (str(tmp_path),)).get(timeout=60) == 200  # serve hung before

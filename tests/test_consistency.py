"""The responsibility consistency checks, each on a small repository built
to contradict itself, with the exact located message naming both records."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

import govdocs
from tests.builders import REGISTRY, decision, write_repo

D1, D2 = "decisions/2016/kj-2016-1.yaml", "decisions/2016/kj-2016-2.yaml"
CONSISTENCY_CODES = {
    "not-holder", "same-day-conflict", "part-twice", "stays-contradicted", "no-holder", "not-valid-on-date",
}


def registry(**org_changes: dict[str, Any]) -> dict[str, Any]:
    """The builders' registry plus a 'keskus' unit; ``org_changes`` edits organisations by id."""
    reg = copy.deepcopy(REGISTRY)
    reg["organisations"].append({"id": "keskus", "kind": "unit", "name": {"fi": "Keskus"}})
    for org in reg["organisations"]:
        org.update(org_changes.get(org["id"], {}))
        for key in [k for k, v in org.items() if v is None]:
            del org[key]
    return reg


def stating(n: int, text: str, **transfer: Any) -> dict[str, Any]:
    """Decision kj-2016-<n> whose only statement is ``text``, quoted by one transfer."""
    record = {"id": f"kj-2016-{n}.siirto", "what": "palvelu", "effective": "2017-01-01", "quote": text}
    return decision(
        f"kj-2016-{n}",
        n,
        sections=[{"kind": "decision", "body": [text]}, {"kind": "grounds", "body": ["Perustelut ovat tässä."]}],
        transfers=[record | transfer],
        obligations=[],
    )


def check(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, *records: dict[str, Any], reg: dict[str, Any] | None = None) -> list[govdocs.Problem]:
    write_repo(tmp_path, *records, registry=reg or registry())
    monkeypatch.chdir(tmp_path)
    return [p for p in govdocs.validate(".").problems if p.code in CONSISTENCY_CODES]


MOVE = "Palvelu siirretään virastosta kanslialle."


def test_consistent_records_have_no_problems(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert check(tmp_path, monkeypatch, stating(1, MOVE, **{"from": "virasto", "to": "kanslia"})) == []


def test_the_old_name_is_right_on_the_reform_day(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # virasto ends 31.5.2017; on 1.6.2017 both it and its successor may be named as the source
    old = stating(1, MOVE, **{"from": "virasto", "to": "kanslia", "effective": "2017-06-01"})
    new = stating(1, MOVE, **{"from": "toimiala", "to": "kanslia", "effective": "2017-06-01"})
    assert check(tmp_path / "a", monkeypatch, old) == []
    assert check(tmp_path / "b", monkeypatch, new) == []


def test_transfer_from_an_organisation_that_does_not_hold_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    found = check(tmp_path, monkeypatch, stating(1, "Palvelu siirretään keskuksesta kanslialle.", **{"from": "keskus", "to": "kanslia"}))
    assert [p.format() for p in found] == [
        f"{D1}:25:9: error: 'palvelu' is transferred from 'keskus' on 1.1.2017, but on that date it is held "
        "by 'virasto' (the registry's initial holder, registry.yaml:58:19)"
    ]
    assert found[0].related == ("registry.yaml:58:19",)


def test_stays_with_an_organisation_that_does_not_hold_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = stating(1, MOVE, **{"from": "virasto", "to": "kanslia", "effective": "2016-09-01"})
    stays = stating(2, "Palvelu jää virastoon edelleen.", change="stays", to="virasto")
    found = check(tmp_path, monkeypatch, first, stays)
    assert [p.format() for p in found] == [
        f"{D2}:26:7: error: 'palvelu' is said to stay with 'virasto' on 1.1.2017, but on that date it is held "
        f"by 'kanslia' (since 1.9.2016 by 'kj-2016-1.siirto', {D1}:26:7)"
    ]


def test_two_transfers_on_the_same_date_to_different_holders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = stating(1, MOVE, **{"from": "virasto", "to": "kanslia"})
    second = stating(2, "Palvelu siirretään virastosta keskukseen.", **{"from": "virasto", "to": "keskus"})
    found = check(tmp_path, monkeypatch, first, second)
    assert [p.format() for p in found] == [
        f"{D2}:26:7: error: 'palvelu' is transferred twice on 1.1.2017: here to 'keskus', and to 'kanslia' "
        f"by 'kj-2016-1.siirto' ({D1}:26:7)"
    ]
    assert found[0].related == (f"{D1}:26:7",)


def test_transfer_to_an_organisation_that_does_not_exist_yet(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    found = check(tmp_path, monkeypatch, stating(1, MOVE, **{"from": "virasto", "to": "toimiala"}))
    assert [p.format() for p in found] == [
        f"{D1}:26:7: error: organisation 'toimiala' does not exist on 1.1.2017, when this transfer takes effect "
        "(valid 1.6.2017–…; registry: registry.yaml:31:15)"
    ]
    assert found[0].related == ("registry.yaml:31:15",)


def test_transfer_from_an_organisation_that_has_ended(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    late = stating(1, MOVE, **{"from": "virasto", "to": "kanslia", "effective": "2017-08-01"})
    found = check(tmp_path, monkeypatch, late)
    assert [p.format() for p in found] == [
        f"{D1}:25:9: error: 'palvelu' is transferred from 'virasto' on 1.8.2017, but on that date it is held "
        "by 'toimiala' (since 1.6.2017 as successor of 'virasto', registry.yaml:26:14)",
        f"{D1}:25:9: error: organisation 'virasto' does not exist on 1.8.2017, when this transfer takes effect "
        "(valid …–31.5.2017; registry: registry.yaml:25:13)",
    ]


def test_function_left_with_no_holder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    reg = registry(virasto={"successor": None})
    keskus = stating(1, "Palvelu siirretään virastosta keskukseen.", **{"from": "virasto", "to": "keskus"})
    ending = registry(virasto={"successor": None}, keskus={"valid_to": "2018-12-31"})
    found = check(tmp_path / "a", monkeypatch, stating(1, MOVE, **{"from": "virasto", "to": "kanslia"}), reg=reg)
    assert found == []  # moved away before its holder ended
    assert [p.format() for p in check(tmp_path / "b", monkeypatch, decision(transfers=[]), reg=reg)] == [
        "registry.yaml:57:19: error: 'palvelu' is left with no holder from 1.6.2017: its holder 'virasto' ends on "
        "31.5.2017 (registry.yaml:25:13) and has no successor; name a successor for 'virasto' or transfer "
        "'palvelu' before then"
    ]
    found = check(tmp_path / "c", monkeypatch, keskus, reg=ending)
    assert [p.format() for p in found] == [
        f"{D1}:26:7: error: 'palvelu' is left with no holder from 1.1.2019: its holder 'keskus' ends on "
        "31.12.2018 (registry.yaml:35:13) and has no successor; name a successor for 'keskus' or transfer "
        "'palvelu' before then"
    ]
    assert found[0].related == ("registry.yaml:35:13",)


def test_part_transferred_twice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    part = {"scope": "part", "part": "osa-a", "from": "virasto"}
    first = stating(1, "Palvelun osa A siirretään kanslialle.", **part, to="kanslia")
    second = stating(2, "Palvelun osa A siirretään keskukseen.", **part, to="keskus")
    found = check(tmp_path, monkeypatch, first, second)
    assert [p.format() for p in found] == [
        f"{D2}:28:7: error: part 'osa-a' of 'palvelu' is transferred twice on 1.1.2017: here to 'keskus', "
        f"and to 'kanslia' by 'kj-2016-1.siirto' ({D1}:28:7)"
    ]


def test_stays_contradicted_by_a_transfer_on_the_same_date(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    stays = stating(1, "Palvelu jää virastoon edelleen.", change="stays", to="virasto")
    move = stating(2, MOVE, **{"from": "virasto", "to": "kanslia"})
    found = check(tmp_path, monkeypatch, stays, move)
    assert [p.format() for p in found] == [
        f"{D1}:26:7: error: 'palvelu' is said to stay with 'virasto' from 1.1.2017, but 'kj-2016-2.siirto' "
        f"transfers it to 'kanslia' on the same date ({D2}:26:7)"
    ]
    assert found[0].related == (f"{D2}:26:7",)


def test_a_part_and_the_rest_may_move_the_same_day(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = "Palvelu siirretään kanslialle. Sen osa A siirretään keskukseen."
    record = stating(1, text, **{"from": "virasto", "to": "kanslia", "quote": "Palvelu siirretään kanslialle."})
    record["transfers"].append(
        {"id": "kj-2016-1.osa", "what": "palvelu", "scope": "part", "part": "osa-a", "from": "virasto",
         "to": "keskus", "effective": "2017-01-01", "quote": "Sen osa A siirretään keskukseen."}
    )
    assert check(tmp_path, monkeypatch, record) == []

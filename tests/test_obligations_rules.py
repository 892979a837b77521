"""Fulfilment rules with their exact messages: the core ones (unknown,
before created, twice, after cancelled, period missing / not recurring)
and the follow-up ones (period out of range or of the wrong form,
supersession without, with the wrong or with its own obligation)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import govdocs
from tests.test_obligations import decision, fulfil, obligation, write


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


BASE = decision(
    "kj-2017-1",
    "2017-01-10",
    1,
    obligations=[
        obligation("o.kerta", {"year": 2017}),
        obligation("o.uusi", {"year": 2018}),
        obligation("o.vuosi", {"every": "yearly", "start": 2017, "until": 2019}),
        obligation("o.kk", {"every": "monthly", "start": 2017}),
    ],
)


def errors(tmp_path: Path, *fulfils: dict[str, Any], day: str = "2017-06-01") -> list[str]:
    later = {"record": "followup", "id": "fu-1", "date": day, "title": "Tehty.", "fulfils": list(fulfils)}
    repo = govdocs.validate(write(tmp_path, BASE, later))
    return [p.format() for p in repo.errors]


@pytest.mark.parametrize(
    ("fulfils", "expected"),
    [
        (
            [fulfil("o.kerta", period=2017)],
            "decisions/fu-1.yaml:5:11: error: 'o.kerta' does not recur; remove 'period'",
        ),
        (
            [fulfil("o.vuosi")],
            "decisions/fu-1.yaml:3:3: error: 'o.vuosi' recurs yearly; say which period (period: YEAR) this record covers",
        ),
        (
            [fulfil("o.puuttuu")],
            "decisions/fu-1.yaml:3:15: error: unknown obligation or reporting duty 'o.puuttuu'",
        ),
        (
            [fulfil("o.vuosi", period=2016)],
            "decisions/fu-1.yaml:5:11: error: 'o.vuosi' recurs yearly for 2017–2019; period 2016 is outside that range",
        ),
        (
            [fulfil("o.vuosi", period=2020)],
            "decisions/fu-1.yaml:5:11: error: 'o.vuosi' recurs yearly for 2017–2019; period 2020 is outside that range",
        ),
        (
            [fulfil("o.vuosi", period="2018-02")],
            "decisions/fu-1.yaml:5:11: error: 'o.vuosi' recurs yearly; period '2018-02' is not a yearly period "
            "(write the year, e.g. 2018)",
        ),
        (
            [fulfil("o.kk", period=2018)],
            "decisions/fu-1.yaml:5:11: error: 'o.kk' recurs monthly; period '2018' is not a monthly period "
            "(write e.g. '2018-02')",
        ),
        (
            [fulfil("o.kk", period="2016-12")],
            "decisions/fu-1.yaml:5:11: error: 'o.kk' recurs monthly for 2017 onwards; period 2016-12 is outside "
            "that range",
        ),
        (
            [fulfil("o.kerta", "superseded")],
            "decisions/fu-1.yaml:3:3: error: 'o.kerta' is superseded; name the obligation that replaces it "
            "(superseded_by: ID)",
        ),
        (
            [fulfil("o.kerta", "superseded", superseded_by="o.kerta")],
            "decisions/fu-1.yaml:5:18: error: 'o.kerta' cannot be superseded by itself",
        ),
        (
            [fulfil("o.kerta", "cancelled", superseded_by="o.uusi")],
            "decisions/fu-1.yaml:5:18: error: 'superseded_by' goes with outcome 'superseded', but this record "
            "says 'cancelled'",
        ),
        (
            [fulfil("o.kerta", "superseded", superseded_by="o.uuusi")],
            "decisions/fu-1.yaml:5:18: error: unknown obligation 'o.uuusi'; did you mean 'o.uusi'?",
        ),
    ],
)
def test_rule_messages(tmp_path: Path, fulfils: list[dict[str, Any]], expected: str) -> None:
    assert errors(tmp_path, *fulfils) == [expected]


def test_fulfilled_before_created(tmp_path: Path) -> None:
    assert errors(tmp_path, fulfil("o.kerta"), day="2017-01-09") == [
        "decisions/fu-1.yaml:3:3: error: 'o.kerta' is fulfilled on 9.1.2017, before it was created on "
        "10.1.2017 by 'kj-2017-1'"
    ]


def test_fulfilled_twice_and_after_cancelled(tmp_path: Path) -> None:
    found = errors(
        tmp_path,
        fulfil("o.vuosi", period=2018),
        fulfil("o.vuosi", period=2018),
        fulfil("o.kerta", "cancelled"),
        fulfil("o.kerta"),
    )
    assert found == [
        "decisions/fu-1.yaml:6:3: error: 'o.vuosi (period 2018)' is already fulfilled at decisions/fu-1.yaml:3:3",
        "decisions/fu-1.yaml:11:3: error: 'o.kerta' was already cancelled at decisions/fu-1.yaml:9:3",
    ]


def test_valid_periods_pass(tmp_path: Path) -> None:
    assert errors(tmp_path, fulfil("o.vuosi", period=2019), fulfil("o.kk", period="2017-12")) == []

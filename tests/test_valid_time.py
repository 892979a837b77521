"""Valid time: every derived state is answered for the day the facts were
true, whichever decision tells them and whenever it was made, and the
answer cites that decision and says when the fact became known."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import govdocs
from govdocs.cli import cli
from govdocs.derive.mandates import mandate_status
from govdocs.derive.obligations import obligation_status
from govdocs.derive.responsibilities import holders_at
from tests.test_obligations import build, decision, followup, fulfil, obligation

ROOT = Path(__file__).resolve().parents[1]


def mandates(*args: str) -> str:
    result = CliRunner().invoke(cli, ["mandates", "--repo", str(ROOT), *args])
    assert result.exit_code == 0, result.output
    return result.output


# --- the example: the Työmarkkinatuki group before 59 § ------------------


def test_the_group_and_its_two_tasks_hold_from_7_1_2016_citing_59() -> None:
    assert mandates("--as-of", "2016-06-01").split("\n\n")[0] == "\n".join(
        [
            "tyomarkkinatuki-ryhma [active] Helsingin kaupungin työmarkkinatuki -ryhmä",
            "  term: not stated; source: Kaupunginjohtaja 59 §",
            "  attested from 7.1.2016; known from kj-2016-59, recorded 13.9.2016 (date assumed)",
            "  task tyomarkkinatuki-ryhma.johtoryhma [active] since 7.1.2016 (kj-2016-4)",
            "    toimia työllisyydenhoidon uudistuksen johtoryhmänä",
            "  task tyomarkkinatuki-ryhma.johtosaannot [active] since 7.1.2016 (kj-2016-4)",
            "    valmistella uudistuksen edellyttämät johtosääntöuudistukset",
        ]
    )


def test_the_json_says_when_it_became_known() -> None:
    (group,) = json.loads(mandates("--as-of", "2016-06-01", "--format", "json"))["mandates"]
    assert group["known"] == {
        "since": "2016-01-07",
        "recorded_by": "kj-2016-59",
        "recorded": "2016-09-13",
        "recorded_assumed": True,
        "known_later": True,
    }
    assert [(t["id"], t["state"], t["since"], t["added_by"]) for t in group["tasks"]] == [
        ("tyomarkkinatuki-ryhma.johtoryhma", "active", "2016-01-07", "kj-2016-4"),
        ("tyomarkkinatuki-ryhma.johtosaannot", "active", "2016-01-07", "kj-2016-4"),
    ]


def test_before_7_1_2016_neither_the_tasks_nor_the_group_are_shown() -> None:
    assert mandates("--as-of", "2016-01-06").startswith("No mandates.")
    assert mandates("--as-of", "2015-12-31").startswith("No mandates.")
    assert "since 7.1.2016" in mandates("--as-of", "2016-01-07")


def test_after_59_the_tasks_are_ended_and_keep_their_start() -> None:
    (group,) = mandate_status(govdocs.load(ROOT), date(2016, 10, 1))
    assert [(str(t.state), t.since) for t in group.tasks] == [
        ("ended", date(2016, 1, 7)),
        ("concluded", date(2016, 1, 7)),
    ]


# --- synthetic mandates ------------------------------------------------------------


def reference(rid: str, day: str) -> dict[str, Any]:
    return {"id": rid, "maker": "kaupunginjohtaja", "number": 1, "date": day}


def told_later(tmp_path: Path) -> Any:
    """A decision of 1.6.2022 tells of a group set up on 10.1.2022 whose
    second task was added on 1.3.2022."""
    group = {
        "id": "g",
        "name": "Ryhmä",
        "established_by": "kj-2022-1",
        "tasks": [
            {"id": "g.a", "text": "tehtävä A"},
            {"id": "g.b", "text": "tehtävä B", "added_by": "kj-2022-9"},
        ],
    }
    return build(
        tmp_path,
        decision(
            "kj-2022-20",
            "2022-06-01",
            20,
            references=[reference("kj-2022-1", "2022-01-10"), reference("kj-2022-9", "2022-03-01")],
            mandates=[group],
        ),
    )


def test_a_group_told_later_holds_from_its_establishing_date(tmp_path: Path) -> None:
    repo = told_later(tmp_path)
    assert mandate_status(repo, date(2022, 1, 9)) == []
    (early,) = mandate_status(repo, date(2022, 1, 10))
    assert [t.task.id for t in early.tasks] == ["g.a"]
    assert early.known is not None and (early.known.since, early.known.recorded) == (
        date(2022, 1, 10),
        date(2022, 6, 1),
    )
    assert early.known.later and not early.known.recorded_assumed
    (later,) = mandate_status(repo, date(2022, 3, 1))
    assert [(t.task.id, t.since) for t in later.tasks] == [("g.a", None), ("g.b", date(2022, 3, 1))]


def test_a_group_set_up_by_its_own_decision_is_not_known_later(tmp_path: Path) -> None:
    group = {"id": "g", "name": "Ryhmä", "established_by": "kj-2022-1", "tasks": []}
    repo = build(tmp_path, decision("kj-2022-1", "2022-01-10", 1, mandates=[group]))
    assert mandate_status(repo, date(2022, 1, 9)) == []
    (status,) = mandate_status(repo, date(2022, 1, 10))
    assert status.known is not None and not status.known.later
    assert "known from" not in CliRunner().invoke(cli, ["mandates", "--as-of", "2022-02-01"]).output


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


# --- responsibilities ---------------------------------------------------------------


def transfer(tid: str, effective: str) -> dict[str, Any]:
    return {
        "id": tid,
        "what": "typ",
        "from": "sote",
        "to": "kanslia",
        "effective": effective,
        "quote": f"TYP siirretään kanslialle, siirto {tid}.",
    }


def test_a_transfer_effective_before_its_decision_holds_from_its_date(tmp_path: Path) -> None:
    build(tmp_path, decision("kj-2016-5", "2016-06-01", 5, transfers=[transfer("t", "2016-01-01")]))
    repo = govdocs.load(tmp_path)
    (before,) = [h for h in holders_at(repo, date(2015, 12, 31)) if h.function == "typ"]
    (held,) = [h for h in holders_at(repo, date(2016, 3, 1)) if h.function == "typ"]
    assert before.holder == "sote"
    assert (held.holder, held.start, held.source.decision, held.source.recorded) == (
        "kanslia",
        date(2016, 1, 1),
        "kj-2016-5",
        date(2016, 6, 1),
    )
    text = CliRunner().invoke(cli, ["responsibilities", "--as-of", "2016-03-01"]).output
    assert "    known from kj-2016-5, recorded 1.6.2016" in text.splitlines()
    data = json.loads(
        CliRunner().invoke(cli, ["responsibilities", "--as-of", "2016-03-01", "--format", "json"]).output
    )
    (row,) = [r for r in data["holdings"] if r["function"] == "typ"]
    assert (row["since"], row["decision"], row["recorded"], row["known_later"]) == (
        "2016-01-01",
        "kj-2016-5",
        "2016-06-01",
        True,
    )


def test_a_transfer_decided_ahead_says_nothing_of_knowing_later(tmp_path: Path) -> None:
    build(tmp_path, decision("kj-2016-5", "2016-06-01", 5, transfers=[transfer("t", "2017-01-01")]))
    text = CliRunner().invoke(cli, ["responsibilities", "--as-of", "2017-03-01"]).output
    assert "kanslia" in text and "known from" not in text


# --- obligations ------------------------------------------------------------------------


def test_a_fulfilment_told_later_counts_from_its_own_date(tmp_path: Path) -> None:
    repo = build(
        tmp_path,
        decision("kj-2017-1", "2017-01-10", 1, obligations=[obligation("o", {"date": "2017-06-30"})]),
        followup("fu-2017-9", "2017-09-01", fulfil("o", date="2017-05-02")),
    )
    (on_time,) = obligation_status(repo, date(2017, 7, 1))
    assert str(on_time.status) == "fulfilled"
    assert on_time.evidence is not None
    assert (on_time.evidence.date, on_time.evidence.recorded, on_time.evidence.known_later) == (
        date(2017, 5, 2),
        date(2017, 9, 1),
        True,
    )
    table = CliRunner().invoke(cli, ["obligations", "--as-of", "2017-07-01"]).output
    assert "fu-2017-9 (2.5.2017; known since 1.9.2017)" in table
    data = json.loads(
        CliRunner().invoke(cli, ["obligations", "--as-of", "2017-07-01", "--format", "json"]).output
    )
    assert data["obligations"][0]["evidence"]["recorded"] == "2017-09-01"
    assert data["obligations"][0]["source"] == "kj-2017-1"


def test_an_obligation_holds_from_its_decision(tmp_path: Path) -> None:
    repo = build(
        tmp_path,
        decision("kj-2017-1", "2017-01-10", 1, obligations=[obligation("o", {"date": "2017-06-30"})]),
    )
    assert obligation_status(repo, date(2017, 1, 9)) == []
    assert [i.key for i in obligation_status(repo, date(2017, 1, 10))] == ["o"]

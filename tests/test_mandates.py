"""Mandate states, task states from mandate changes, reporting duties with
their due instances, `govdocs mandates` output, and the bundled records."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import govdocs
from govdocs.cli import cli
from govdocs.derive.mandates import MandateStatus, mandate_status, select_mandates
from tests.test_obligations import build, decision, followup, write

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


def group(
    mid: str, start: str | None = "2022-01-01", end: str | None = "2023-12-31", **fields: Any
) -> dict[str, Any]:
    term = {k: v for k, v in (("start", start), ("end", end)) if v}
    return {
        "id": mid,
        "name": f"Ryhmä {mid}",
        "established_by": "kj-2021-1",
        "term": term,
        "tasks": [{"id": f"{mid}.a", "text": "tehtävä A"}, {"id": f"{mid}.b", "text": "tehtävä B"}],
        "reporting": [
            {"to": "elinkeinojaosto", "every": "yearly", "quote": f"Ryhmä {mid} raportoi vuosittain."}
        ],
        "members": [{"name": "Nina Vesterinen", "role": "puheenjohtaja"}],
        **fields,
    }


def change(cid: str, mandate: str, action: str, **fields: Any) -> dict[str, Any]:
    return {
        "id": cid,
        "mandate": mandate,
        "action": action,
        "quote": f"Muutos {cid} tehdään tällä lauseella.",
        **fields,
    }


@pytest.fixture
def groups(tmp_path: Path) -> dict[str, MandateStatus]:
    repo = build(
        tmp_path,
        decision(
            "kj-2021-1",
            "2021-12-01",
            1,
            mandates=[group("g.tyo"), group("g.osa"), group("g.loppu"), group("g.pitka")],
        ),
        decision(
            "kj-2022-7",
            "2022-06-01",
            7,
            mandate_changes=[
                change("c.osa", "g.osa", "end-task", task="g.osa.a"),
                change(
                    "c.toteamus", "g.osa", "conclude-task", task="g.osa.b", finding="Muutoksia ei tarvita."
                ),
                change("c.loppu", "g.loppu", "end"),
                change("c.jatko", "g.pitka", "extend", term_end="2024-12-31"),
                change("c.uusi", "g.pitka", "add-task", new_task={"id": "g.pitka.c", "text": "tehtävä C"}),
            ],
        ),
    )
    return {s.mandate.id: s for s in mandate_status(repo, date(2024, 3, 1))}


def test_every_state(groups: dict[str, MandateStatus]) -> None:
    assert {k: str(s.state) for k, s in groups.items()} == {
        "g.tyo": "term-expired",
        "g.osa": "term-expired",
        "g.loppu": "ended",
        "g.pitka": "active",
    }


def test_states_over_time(tmp_path: Path) -> None:
    repo = build(
        tmp_path,
        decision("kj-2021-1", "2021-12-01", 1, mandates=[group("g.osa")]),
        decision(
            "kj-2022-7",
            "2022-06-01",
            7,
            mandate_changes=[change("c.osa", "g.osa", "end-task", task="g.osa.a")],
        ),
    )

    def state(day: date) -> list[str]:
        return [str(s.state) for s in mandate_status(repo, day)]

    assert state(date(2021, 11, 30)) == []  # not decided yet
    assert state(date(2021, 12, 1)) == ["not-started"]
    assert state(date(2022, 5, 31)) == ["active"]
    assert state(date(2022, 6, 1)) == ["task-ended"]
    assert state(date(2023, 12, 31)) == ["task-ended"]
    assert state(date(2024, 1, 1)) == ["term-expired"]
    assert [s.mandate.id for s in select_mandates(mandate_status(repo, date(2022, 6, 1)), active=True)] == [
        "g.osa"
    ]
    assert select_mandates(mandate_status(repo, date(2024, 1, 1)), active=True) == []


def test_task_states_name_the_deciding_decision(groups: dict[str, MandateStatus]) -> None:
    assert [t.as_dict() for t in groups["g.osa"].tasks] == [
        {
            "id": "g.osa.a",
            "text": "tehtävä A",
            "state": "ended",
            "since": None,
            "added_by": None,
            "by": "Kaupunginjohtaja 1.6.2022 7 §",
            "change": "c.osa",
            "finding": None,
        },
        {
            "id": "g.osa.b",
            "text": "tehtävä B",
            "state": "concluded",
            "since": None,
            "added_by": None,
            "by": "Kaupunginjohtaja 1.6.2022 7 §",
            "change": "c.toteamus",
            "finding": "Muutoksia ei tarvita.",
        },
    ]
    assert [str(t.state) for t in groups["g.pitka"].tasks] == ["active", "active", "active"]
    assert groups["g.pitka"].end == date(2024, 12, 31)
    assert groups["g.loppu"].ended_by == "Kaupunginjohtaja 1.6.2022 7 §"


def test_reporting_instances_stop_at_the_term_and_at_the_end(groups: dict[str, MandateStatus]) -> None:
    def reports(mid: str) -> list[tuple[str, str, str]]:
        return [(r.period, r.due.isoformat(), str(r.status)) for r in groups[mid].reports]

    assert reports("g.tyo") == [("2022", "2022-12-31", "overdue"), ("2023", "2023-12-31", "overdue")]
    assert reports("g.loppu") == []  # ended 1.6.2022, before its first report was due
    assert reports("g.pitka") == [
        ("2022", "2022-12-31", "overdue"),
        ("2023", "2023-12-31", "overdue"),
        ("2024", "2024-12-31", "open"),
    ]
    assert len(groups["g.pitka"].overdue) == 2


def test_cli_text_and_json(groups: dict[str, MandateStatus], tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["mandates", ".", "--as-of", "2022-07-01", "--active"])
    assert result.exit_code == 0
    assert result.output.split("\n\n")[0] == "\n".join(
        [
            "g.osa [task-ended] Ryhmä g.osa",
            "  term: 1.1.2022–31.12.2023; source: Kaupunginjohtaja 1.12.2021 1 §",
            "  task g.osa.a [ended by Kaupunginjohtaja 1.6.2022 7 §]",
            "    tehtävä A",
            "  task g.osa.b [concluded by Kaupunginjohtaja 1.6.2022 7 §]: Muutoksia ei tarvita.",
            "    tehtävä B",
            "  member: Nina Vesterinen (puheenjohtaja)",
            "  reports yearly to elinkeinojaosto: 2022 31.12.2022 open",
        ]
    )
    assert result.output.splitlines()[-1] == "3 mandate(s) as of 1.7.2022; 0 report(s) overdue"
    data = json.loads(
        CliRunner().invoke(cli, ["mandates", ".", "--as-of", "2022-07-01", "--format", "json"]).output
    )
    assert [(m["id"], m["state"]) for m in data["mandates"]] == [
        ("g.loppu", "ended"),
        ("g.osa", "task-ended"),
        ("g.pitka", "active"),
        ("g.tyo", "active"),
    ]
    assert data["mandates"][2]["term"] == {"start": "2022-01-01", "end": "2024-12-31"}  # extended


# --- the bundled records -----------------------------------------------------------


def test_bundled_tyomarkkinatuki_steering_task_ended_by_59() -> None:
    (group_,) = [
        s
        for s in mandate_status(govdocs.load(ROOT), date(2018, 1, 1))
        if s.mandate.id == "tyomarkkinatuki-ryhma"
    ]
    assert str(group_.state) == "task-ended"
    tasks = {t.task.id: (str(t.state), t.by) for t in group_.tasks}
    assert tasks == {
        "tyomarkkinatuki-ryhma.johtoryhma": ("ended", "Kaupunginjohtaja 59 §"),
        "tyomarkkinatuki-ryhma.johtosaannot": ("concluded", "Kaupunginjohtaja 59 §"),
    }


def test_bundled_tourism_group_term_and_yearly_reporting() -> None:
    repo = govdocs.load(ROOT)
    (group_,) = [
        s
        for s in mandate_status(repo, date(2023, 3, 1), through=date(2030, 1, 1))
        if s.mandate.id == "matkailun-yhteistyoryhma"
    ]
    assert (str(group_.state), group_.start, group_.end) == ("active", date(2022, 1, 1), date(2025, 12, 31))
    assert [(r.duty.to, r.period, r.due, str(r.status)) for r in group_.reports] == [
        ("elinkeinojaosto", "2022", date(2022, 12, 31), "overdue"),
        ("elinkeinojaosto", "2023", date(2023, 12, 31), "open"),
        ("elinkeinojaosto", "2024", date(2024, 12, 31), "open"),
        ("elinkeinojaosto", "2025", date(2025, 12, 31), "open"),
    ]
    # decided in December 2021: unknown as of 1.1.2018
    assert "matkailun-yhteistyoryhma" not in [s.mandate.id for s in mandate_status(repo, date(2018, 1, 1))]


def _duty_with_id(mid: str) -> dict[str, Any]:
    reporting = [{"id": f"{mid}.raportointi", "to": "elinkeinojaosto", "every": "yearly",
                  "quote": f"Ryhmä {mid} raportoi vuosittain."}]
    return group(mid, reporting=reporting)


def test_a_followup_marks_one_period_of_a_reporting_duty_reported(tmp_path: Path) -> None:
    repo = build(
        tmp_path,
        decision("kj-2021-1", "2021-12-01", 1, mandates=[_duty_with_id("g.tyo")]),
        followup("fu-1", "2023-02-01", {"obligation": "g.tyo.raportointi", "period": 2022},
                 document="Matkailun yhteistyöryhmän vuosiraportti 2022"),
    )
    (status,) = mandate_status(repo, date(2024, 3, 1))
    assert [(r.period, str(r.status), r.evidence.record if r.evidence else None) for r in status.reports] == [
        ("2022", "fulfilled", "fu-1"),
        ("2023", "overdue", None),
    ]
    # as of a day before the report, the period was still overdue
    (before,) = mandate_status(repo, date(2023, 1, 15))
    assert [str(r.status) for r in before.reports] == ["overdue", "open"]


def test_reporting_duty_fulfilments_are_checked_like_obligations(tmp_path: Path) -> None:
    write(
        tmp_path,
        decision("kj-2021-1", "2021-12-01", 1, mandates=[_duty_with_id("g.tyo")]),
        followup("fu-1", "2023-02-01", {"obligation": "g.tyo.raportointi"}),
        followup("fu-2", "2023-03-01", {"obligation": "g.tyo.raportointii", "period": 2022}),
    )
    messages = [p.format() for p in govdocs.validate(tmp_path).errors]
    assert messages == [
        "decisions/fu-1.yaml:3:3: error: 'g.tyo.raportointi' recurs yearly; say which period "
        "(period: YEAR) this record covers",
        "decisions/fu-2.yaml:3:15: error: unknown obligation or reporting duty 'g.tyo.raportointii'; "
        "did you mean 'g.tyo.raportointi'?",
    ]

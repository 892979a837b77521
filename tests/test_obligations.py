"""Obligation status engine: every status, recurrence across year ends and
leap years, budget-calendar resolution, filters and the bundled records.

Record sets are built in tmp_path by the small builders below (also used by
the mandate, budget and calendar tests); every expected date was worked out
by hand from the registry calendar given in `REGISTRY`."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

import govdocs
from govdocs.derive.obligations import Filter, Status, failing, list_obligations, obligation_status
from govdocs.repository import Repository

ROOT = Path(__file__).resolve().parents[1]

REGISTRY: dict[str, Any] = {
    "municipality": {
        "name": {"fi": "Testikaupunki"},
        "short_name": "Testikaupunki",
        "registry_office": {
            "email": "kirjaamo@example.fi",
            "postal_address": ["PL 1", "00099 TESTIKAUPUNKI"],
            "visiting_address": "Katu 1",
            "phone": "09 000 0000",
            "hours": "Kirjaamo on avoinna arkisin.",
        },
        "budget_calendar": {"frame_phase": "04-30", "proposal": "09-30", "due_soon_days": 30},
    },
    "organisations": [
        {"id": "kanslia", "kind": "office", "name": {"fi": "Kanslia"}},
        {"id": "kanslia-elinkeino", "kind": "unit", "parent": "kanslia", "name": {"fi": "Elinkeino-osasto"}},
        {"id": "sote", "kind": "department", "name": {"fi": "Sosiaali- ja terveysvirasto"}},
        {"id": "opetus", "kind": "department", "name": {"fi": "Opetusvirasto"}},
    ],
    "decision_makers": [
        {
            "id": "kaupunginjohtaja",
            "kind": "office-holder",
            "organisation": "kanslia",
            "name": {"fi": "Kaupunginjohtaja"},
        },
        {
            "id": "elinkeinojaosto",
            "kind": "body",
            "organisation": "kanslia",
            "name": {"fi": "Elinkeinojaosto", "allative": "elinkeinojaostolle"},
        },
    ],
    "functions": [
        {
            "id": "kesatyoraha",
            "kind": "appropriation",
            "name": "Kesätyöraha",
            "holder": {"organisation": "sote"},
        },
        {"id": "typ", "kind": "service", "name": "TYP", "holder": {"organisation": "sote"}},
        {"id": "hoitajaraha", "kind": "appropriation", "name": "Hoitajaraha"},
    ],
}


def obligation(oid: str, due: dict[str, Any], **fields: Any) -> dict[str, Any]:
    """A valid obligation; its quote is put into the decision's text."""
    return {
        "id": oid,
        "kind": "report",
        "what": f"Velvoite {oid}.",
        "owner": "sote",
        "due": due,
        "quote": f"Velvoite {oid} syntyy tästä lauseesta.",
        **fields,
    }


def fulfil(oid: str, outcome: str = "fulfilled", **fields: Any) -> dict[str, Any]:
    return {"obligation": oid, "outcome": outcome, **fields}


def decision(did: str, day: str, number: int, **records: Any) -> dict[str, Any]:
    """A valid office-holder decision whose text holds every quote of its records."""
    quotes = [
        r["quote"]
        for key in ("obligations", "transfers", "mandates", "mandate_changes")
        for r in records.get(key, [])
        if r.get("quote")
    ]
    quotes += [
        d["quote"] for m in records.get("mandates", []) for d in m.get("reporting", []) if d.get("quote")
    ]
    quotes += [m[k] for m in records.get("motions", []) for k in ("text", "quote") if m.get(k)]
    return {
        "id": did,
        "maker": "kaupunginjohtaja",
        "date": day,
        "number": number,
        "title": f"Testipäätös {number}",
        "case": "HEL 2016-000001",
        "sections": [
            {"kind": "decision", "body": ["Kaupunginjohtaja päätti.", *quotes]},
            {"kind": "grounds", "body": ["Perustelut."]},
        ],
        "contacts": [{"name": "Testi Henkilö", "title": "suunnittelija", "phone": "09 1"}],
        "appeal": {"not_stated": "Testi."},
        **records,
    }


def followup(fid: str, day: str, *fulfils: dict[str, Any], document: str | None = None) -> dict[str, Any]:
    record: dict[str, Any] = {
        "record": "followup",
        "id": fid,
        "date": day,
        "title": "Esitelty.",
        "fulfils": list(fulfils),
    }
    if document:
        record["document"] = {"title": document, "reference": "HEL 2017-000002"}
    return record


def write(tmp_path: Path, *records: dict[str, Any], calendar: dict[str, Any] | None = None) -> Path:
    """registry.yaml and one file per record under tmp_path/decisions."""
    registry = yaml.safe_load(yaml.safe_dump(REGISTRY))
    registry["municipality"]["budget_calendar"].update(calendar or {})
    (tmp_path / "registry.yaml").write_text(yaml.safe_dump(registry, allow_unicode=True), encoding="utf-8")
    folder = tmp_path / "decisions"
    folder.mkdir(exist_ok=True)
    for record in records:
        (folder / f"{record['id']}.yaml").write_text(
            yaml.safe_dump(record, allow_unicode=True), encoding="utf-8"
        )
    return tmp_path


def build(tmp_path: Path, *records: dict[str, Any], calendar: dict[str, Any] | None = None) -> Repository:
    """A loaded repository; fails the test on any record error."""
    return govdocs.load(write(tmp_path, *records, calendar=calendar))


def statuses(repo: Repository, as_of: date) -> dict[str, tuple[str, str | None]]:
    """instance key → (status, due as ISO)."""
    return {
        i.key: (str(i.status), i.due.isoformat() if i.due else None) for i in obligation_status(repo, as_of)
    }


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Messages show paths relative to the working directory."""
    monkeypatch.chdir(tmp_path)


# --- every status --------------------------------------------------------------


@pytest.fixture
def every_status(tmp_path: Path) -> Repository:
    return build(
        tmp_path,
        decision(
            "kj-2017-1",
            "2017-01-10",
            1,
            obligations=[
                obligation("o.open", {"date": "2017-06-30"}),
                obligation("o.soon", {"date": "2017-03-31"}),
                obligation("o.late", {"date": "2017-02-28"}),
                obligation("o.done", {"date": "2017-02-28"}),
                obligation("o.cancel", {"year": 2017}),
                obligation("o.replaced", {"year": 2017}),
                obligation("o.new", {"year": 2018}),
            ],
        ),
        followup("fu-2017-1", "2017-02-20", fulfil("o.done"), document="Esittely elinkeinojaostolle"),
        decision(
            "kj-2017-2",
            "2017-02-15",
            2,
            fulfils=[
                fulfil("o.cancel", "cancelled"),
                fulfil("o.replaced", "superseded", superseded_by="o.new"),
            ],
        ),
    )


def test_every_status_on_one_day(every_status: Repository) -> None:
    assert statuses(every_status, date(2017, 3, 1)) == {
        "o.late": ("overdue", "2017-02-28"),
        "o.done": ("fulfilled", "2017-02-28"),
        "o.soon": ("due-soon", "2017-03-31"),
        "o.open": ("open", "2017-06-30"),
        "o.cancel": ("cancelled", "2017-12-31"),
        "o.replaced": ("superseded", "2017-12-31"),
        "o.new": ("open", "2018-12-31"),
    }


def test_due_soon_window_edges(every_status: Repository) -> None:
    # 30 days before 31.3.2017 is 1.3.2017: due soon from that day, open the day before
    assert statuses(every_status, date(2017, 2, 28))["o.soon"] == ("open", "2017-03-31")
    assert statuses(every_status, date(2017, 3, 1))["o.soon"] == ("due-soon", "2017-03-31")
    # the due day itself is not late; the day after is
    assert statuses(every_status, date(2017, 3, 31))["o.soon"][0] == "due-soon"
    assert statuses(every_status, date(2017, 4, 1))["o.soon"][0] == "overdue"


def test_window_comes_from_the_registry(tmp_path: Path) -> None:
    repo = build(
        tmp_path,
        decision("kj-2017-1", "2017-01-10", 1, obligations=[obligation("o", {"date": "2017-03-31"})]),
        calendar={"due_soon_days": 5},
    )
    assert statuses(repo, date(2017, 3, 25))["o"][0] == "open"
    assert statuses(repo, date(2017, 3, 26))["o"][0] == "due-soon"


def test_fulfilled_instance_carries_its_evidence(every_status: Repository) -> None:
    done = {i.key: i for i in obligation_status(every_status, date(2017, 3, 1))}
    evidence = done["o.done"].evidence
    assert evidence is not None
    assert (evidence.record, evidence.date, evidence.text) == (
        "fu-2017-1",
        date(2017, 2, 20),
        "Esittely elinkeinojaostolle (HEL 2017-000002)",
    )
    assert evidence.where == "decisions/fu-2017-1.yaml:6:3"
    superseded = done["o.replaced"].evidence
    assert superseded is not None and superseded.superseded_by == "o.new"
    assert superseded.text == "Kaupunginjohtaja 15.2.2017 2 §"


def test_nothing_is_known_before_it_is_recorded(every_status: Repository) -> None:
    assert statuses(every_status, date(2017, 2, 19))["o.done"][0] == "due-soon"
    assert statuses(every_status, date(2017, 2, 20))["o.done"][0] == "fulfilled"
    assert statuses(every_status, date(2017, 2, 14))["o.cancel"][0] == "open"
    assert statuses(every_status, date(2017, 2, 15))["o.cancel"][0] == "cancelled"
    assert statuses(every_status, date(2017, 1, 9)) == {}


# --- recurrence ---------------------------------------------------------------


def test_yearly_before_frame_phase_one_instance_per_year(tmp_path: Path) -> None:
    repo = build(
        tmp_path,
        decision(
            "kj-2016-9",
            "2016-09-13",
            9,
            obligations=[
                obligation("o.sopimus", {"every": "yearly", "before": "budget-frame-phase", "start": 2017})
            ],
        ),
    )
    assert statuses(repo, date(2019, 4, 30)) == {
        "o.sopimus/2017": ("overdue", "2017-04-30"),
        "o.sopimus/2018": ("overdue", "2018-04-30"),
        "o.sopimus/2019": ("due-soon", "2019-04-30"),
    }


def test_frame_phase_of_02_29_falls_on_28_2_in_common_years(tmp_path: Path) -> None:
    repo = build(
        tmp_path,
        decision(
            "kj-2018-1",
            "2018-01-02",
            1,
            obligations=[
                obligation(
                    "o.raami",
                    {"every": "yearly", "before": "budget-frame-phase", "start": 2019, "until": 2021},
                )
            ],
        ),
        calendar={"frame_phase": "02-29", "frame_phase_by_year": {2021: "2021-03-15"}},
    )
    dues = [i.due for i in obligation_status(repo, date(2021, 1, 1), through=date(2030, 1, 1))]
    assert dues == [date(2019, 2, 28), date(2020, 2, 29), date(2021, 3, 15)]


def test_monthly_periods_cross_the_year_end_and_february_29(tmp_path: Path) -> None:
    repo = build(
        tmp_path,
        decision(
            "kj-2019-5",
            "2019-11-05",
            5,
            obligations=[obligation("o.kk", {"every": "monthly", "start": 2019})],
        ),
        followup("fu-2020-1", "2020-01-10", fulfil("o.kk", period="2019-12")),
    )
    # January–October 2019 ended before the decision; the horizon is the end of 2020
    found = statuses(repo, date(2020, 2, 15))
    assert list(found)[:5] == ["o.kk/2019-11", "o.kk/2019-12", "o.kk/2020-01", "o.kk/2020-02", "o.kk/2020-03"]
    assert found["o.kk/2019-11"] == ("overdue", "2019-11-30")
    assert found["o.kk/2019-12"] == ("fulfilled", "2019-12-31")
    assert found["o.kk/2020-01"] == ("overdue", "2020-01-31")
    assert found["o.kk/2020-02"] == ("due-soon", "2020-02-29")
    assert found["o.kk/2020-12"] == ("open", "2020-12-31")
    assert len(found) == 14


def test_quarterly_periods(tmp_path: Path) -> None:
    repo = build(
        tmp_path,
        decision(
            "kj-2019-5",
            "2019-05-05",
            5,
            obligations=[obligation("o.q", {"every": "quarterly", "start": 2019, "until": 2020})],
        ),
    )
    dues = {i.key: i.due for i in obligation_status(repo, date(2020, 1, 1))}
    assert dues == {
        "o.q/2019-Q2": date(2019, 6, 30),
        "o.q/2019-Q3": date(2019, 9, 30),
        "o.q/2019-Q4": date(2019, 12, 31),
        "o.q/2020-Q1": date(2020, 3, 31),
        "o.q/2020-Q2": date(2020, 6, 30),
        "o.q/2020-Q3": date(2020, 9, 30),
        "o.q/2020-Q4": date(2020, 12, 31),
    }


def test_budget_year_is_due_when_the_proposal_is_ready(tmp_path: Path) -> None:
    repo = build(
        tmp_path,
        decision(
            "kj-2016-1",
            "2016-01-10",
            1,
            obligations=[
                obligation("o.ta17", {"budget_year": 2017}, kind="budget-incorporation"),
                obligation("o.ta18", {"budget_year": 2018}, kind="budget-incorporation"),
            ],
        ),
        calendar={"proposal_by_year": {2018: "2017-10-15"}},
    )
    assert statuses(repo, date(2016, 1, 10)) == {
        "o.ta17": ("open", "2016-09-30"),
        "o.ta18": ("open", "2017-10-15"),
    }


# --- filters -------------------------------------------------------------------


def test_filters(tmp_path: Path) -> None:
    repo = build(
        tmp_path,
        decision(
            "kj-2017-1",
            "2017-01-10",
            1,
            obligations=[
                obligation(
                    "o.a", {"date": "2017-02-01"}, owner="kanslia-elinkeino", addressee="elinkeinojaosto"
                ),
                obligation("o.b", {"date": "2017-05-01"}, owner="kanslia"),
                obligation("o.c", {"date": "2017-03-01"}, owner="opetus", addressee="elinkeinojaosto"),
            ],
        ),
    )
    day = date(2017, 2, 15)

    def keys(**kw: Any) -> list[str]:
        return [i.key for i in list_obligations(repo, day, Filter(**kw))]

    assert keys() == ["o.a", "o.c", "o.b"]
    assert keys(owner="kanslia") == ["o.a", "o.b"]  # its unit's duty too
    assert keys(addressee="elinkeinojaosto") == ["o.a", "o.c"]
    assert keys(statuses=(Status.OVERDUE, Status.DUE_SOON)) == ["o.a", "o.c"]
    assert keys(due_before=date(2017, 3, 1)) == ["o.a"]
    assert [i.key for i in failing(list_obligations(repo, day), Status.OVERDUE)] == ["o.a"]
    assert [i.key for i in failing(list_obligations(repo, day), Status.DUE_SOON)] == ["o.a", "o.c"]


# --- the bundled records -----------------------------------------------------------


@pytest.fixture(scope="module")
def bundled() -> Repository:
    return govdocs.load(ROOT)


def test_bundled_2017_presentations_are_overdue_on_1_1_2018(bundled: Repository) -> None:
    found = statuses(bundled, date(2018, 1, 1))
    assert found["kj-2016-59.kuntouttava-esittely"] == ("overdue", "2017-12-31")
    assert found["kj-2016-59.koulutukset-esittely"] == ("overdue", "2017-12-31")


def test_bundled_cooperation_agreement_recurs_yearly_since_the_decision(bundled: Repository) -> None:
    keys = [
        i.key
        for i in obligation_status(bundled, date(2020, 1, 1))
        if i.obligation.id == "kj-2016-59.yhteistyosopimus"
    ]
    assert keys == [f"kj-2016-59.yhteistyosopimus/{y}" for y in (2017, 2018, 2019, 2020)]


def test_bundled_budget_incorporation_has_source_and_budget_year(bundled: Repository) -> None:
    (item,) = [i for i in obligation_status(bundled, date(2018, 1, 1)) if i.key == "kj-2016-59.talousarvio"]
    assert (item.citation, item.obligation.due.budget_year, item.due) == (
        "Kaupunginjohtaja 59 §",
        2017,
        date(2016, 9, 30),
    )
    assert "decisions/2016/kj-2016-59.yaml:" in item.where

"""`govdocs calendar`: the .ics file parses back with icalendar, has one
event per dated obligation instance and reporting period, and is
byte-for-byte reproducible."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner
from icalendar import Calendar

from govdocs.cli import cli
from tests.test_mandates import group
from tests.test_obligations import decision, followup, fulfil, obligation, write


@pytest.fixture(autouse=True)
def records(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return write(
        tmp_path,
        decision(
            "kj-2021-1",
            "2021-12-01",
            1,
            obligations=[
                obligation("o.esittely", {"year": 2022}, addressee="elinkeinojaosto"),
                obligation("o.kk", {"every": "monthly", "start": 2022, "until": 2022}, owner="kanslia"),
            ],
            mandates=[group("g.matkailu", start="2022-01-01", end="2025-12-31")],
        ),
        followup("fu-2022-1", "2022-02-10", fulfil("o.kk", period="2022-01")),
    )


def make(out: str, *args: str) -> Calendar:
    result = CliRunner().invoke(cli, ["calendar", ".", "--out", out, *args])
    assert result.exit_code == 0, result.output
    return Calendar.from_ical(Path(out).read_bytes())


def test_events_parse_back() -> None:
    cal = make("seuranta.ics", "--as-of", "2022-03-01")
    events = {str(e["UID"]): e for e in cal.walk("VEVENT")}
    assert sorted(events) == sorted(
        ["o.esittely@govdocs"]
        + [f"o.kk/2022-{m:02d}@govdocs" for m in range(1, 13)]
        + [f"g.matkailu.reporting.elinkeinojaosto/{y}@govdocs" for y in (2022, 2023)]
    )
    late = events["o.kk/2022-02@govdocs"]
    assert late.decoded("DTSTART") == date(2022, 2, 28)
    assert late.decoded("DTEND") == date(2022, 3, 1)
    assert late.decoded("DTSTAMP") == datetime(2022, 3, 1, tzinfo=UTC)
    # the title never carries a status: it would go stale in the reader's calendar
    assert str(late["SUMMARY"]) == "Velvoite: Velvoite o.kk. (2022-02)"
    assert late["CATEGORIES"].cats == ["Velvoite"]
    assert str(late["DESCRIPTION"]).splitlines() == [
        "Velvoite o.kk.",
        "Vastuu: kanslia",
        "Määräpäivä: 28.2.2022",
        "Tila 1.3.2022: myöhässä",
        f"Lähde: Kaupunginjohtaja 1.12.2021 1 §, kj-2021-1 (decisions/kj-2021-1.yaml:{late_line()})",
        "“Velvoite o.kk syntyy tästä lauseesta.”",
    ]
    assert "Tila 1.3.2022: täytetty" in str(events["o.kk/2022-01@govdocs"]["DESCRIPTION"])
    assert not late.walk("VALARM")
    report = events["g.matkailu.reporting.elinkeinojaosto/2023@govdocs"]
    assert report.decoded("DTSTART") == date(2023, 12, 31)
    assert str(report["SUMMARY"]) == "Ryhmä g.matkailu: raportti elinkeinojaostolle (2023)"
    assert report["CATEGORIES"].cats == ["Raportointi"]
    assert "“Ryhmä g.matkailu raportoi vuosittain.”" in str(report["DESCRIPTION"])


def late_line() -> str:
    import govdocs

    return govdocs.load(".").where("o.kk").split(":", 1)[1]


def test_through_limits_the_horizon() -> None:
    cal = make("lyhyt.ics", "--as-of", "2022-03-01", "--through", "2022-12-31")
    uids = [str(e["UID"]) for e in cal.walk("VEVENT")]
    assert "g.matkailu.reporting.elinkeinojaosto/2023@govdocs" not in uids
    assert len(uids) == 14


def test_reproducible() -> None:
    make("a.ics", "--as-of", "2022-03-01")
    make("b.ics", "--as-of", "2022-03-01")
    assert Path("a.ics").read_bytes() == Path("b.ics").read_bytes()
    make("c.ics", "--as-of", "2022-03-02")
    assert Path("a.ics").read_bytes() != Path("c.ics").read_bytes()  # DTSTAMP and statuses follow --as-of


def test_cli_message() -> None:
    result = CliRunner().invoke(cli, ["calendar", ".", "--out", "x/seuranta.ics", "--as-of", "2022-03-01"])
    assert (result.exit_code, result.output) == (0, "wrote x/seuranta.ics (15 event(s))\n")


def test_remind_adds_an_alarm_days_before() -> None:
    cal = make("muistutus.ics", "--as-of", "2022-03-01", "--remind", "7")
    for event in cal.walk("VEVENT"):
        (alarm,) = event.walk("VALARM")
        assert str(alarm["ACTION"]) == "DISPLAY"
        assert alarm.decoded("TRIGGER") == timedelta(days=-7)
        assert str(alarm["DESCRIPTION"]) == str(event["SUMMARY"])


def test_remind_must_be_a_number_of_days() -> None:
    result = CliRunner().invoke(cli, ["calendar", ".", "--out", "x.ics", "--remind", "viikko"])
    assert result.exit_code == 2 and not Path("x.ics").exists()


def test_events_link_to_the_rendered_decision_when_told_where() -> None:
    import govdocs
    from govdocs.export.ics import deadline_calendar

    cal = deadline_calendar(govdocs.load("."), date(2022, 3, 1), decisions_url="https://paatokset.example/")
    for event in cal.walk("VEVENT"):
        assert str(event["URL"]) == "https://paatokset.example/kj-2021-1.html"
        assert str(event["DESCRIPTION"]).endswith("https://paatokset.example/kj-2021-1.html")

"""Deadlines as an iCalendar file that Outlook and Google Calendar import.

One all-day event per obligation instance with a due date and per
reporting-duty period. A calendar lives on after it is imported, so an
event's title says only what is due: the status (which changes with every
day and every follow-up record) is in the description, dated. Each event
names its decision (citation, id and record place; a link when
``decisions_url`` says where the rendered decisions are published), carries
a Finnish category and, when asked, a reminder (VALARM) some days before.

The file is reproducible: UIDs are built from record ids and periods,
DTSTAMP is midnight UTC of the as-of day, and events are written in a fixed
order, so the same records and the same ``as_of`` give the same bytes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from icalendar import Alarm, Calendar, Event

from govdocs.derive.asof import AsOf
from govdocs.derive.mandates import MandateStatus, ReportDue, mandate_status
from govdocs.derive.obligations import Instance, obligation_status
from govdocs.describe import fi_date
from govdocs.document.kinds import KINDS
from govdocs.document.labels import Labels, label_set
from govdocs.repository import Repository
from govdocs.safepath import atomic_write

PRODID = "-//govdocs//follow-up deadlines//FI"
UID_DOMAIN = "govdocs"


@dataclass(frozen=True)
class _Style:
    """What every event of one calendar shares."""

    labels: Labels
    stamp: datetime
    as_of: date
    remind: int | None
    decisions_url: str | None


def deadline_calendar(
    repo: Repository,
    as_of: date | None = None,
    *,
    through: date | None = None,
    lang: str = "fi",
    remind: int | None = None,
    decisions_url: str | None = None,
) -> Calendar:
    """The calendar of every due obligation instance and reporting period
    known on ``as_of`` (default today), up to ``through`` (default: the end
    of the year after ``as_of``). ``remind`` adds a reminder that many days
    before each event; ``decisions_url`` (ending in '/') links each event to
    the rendered decision there."""
    day = AsOf.of(repo, as_of)
    through = through or day.end_of_year(1)
    labels = label_set("followup", lang)
    style = _Style(labels, datetime.combine(day.day, time(0, 0), tzinfo=UTC), day.day, remind, decisions_url)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", labels["calendar"]["name"])
    for instance in obligation_status(repo, day, through=through):
        if instance.due is not None:
            cal.add_component(_obligation_event(instance, style))
    for status in mandate_status(repo, day, through=through):
        for report in status.reports:
            cal.add_component(_report_event(repo, status, report, style))
    return cal


def _event(uid: str, day: date, summary: str, lines: list[str], style: _Style, category: str,
           decision: str | None) -> Event:
    event = Event()
    event.add("uid", f"{uid}@{UID_DOMAIN}")
    event.add("dtstamp", style.stamp)
    event.add("dtstart", day)
    event.add("dtend", day + timedelta(days=1))
    event.add("summary", summary)
    event.add("categories", [category])
    event.add("transp", "TRANSPARENT")
    if decision is not None and style.decisions_url is not None:
        url = style.decisions_url + KINDS["decision"].file_name(decision, "html")
        event.add("url", url)
        lines = [*lines, url]
    event.add("description", "\n".join(line for line in lines if line))
    if style.remind is not None:
        event.add_component(_alarm(summary, style.remind))
    return event


def _alarm(summary: str, days: int) -> Alarm:
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", summary)
    alarm.add("trigger", timedelta(days=-days))
    return alarm


def _status_line(style: _Style, status: str) -> str:
    # dated: the description is read long after the export
    cal = style.labels["calendar"]
    return f"{cal['status_on'].format(date=fi_date(style.as_of))}: {status}"


def _obligation_event(i: Instance, style: _Style) -> Event:
    labels = style.labels
    cal = labels["calendar"]
    status = labels["status"][str(i.status)]
    period = f" ({i.period})" if i.period else ""
    assert i.due is not None
    lines = [
        i.obligation.what,
        f"{cal['owner']}: {i.owner if i.owner != 'not stated' else cal['not_stated']}",
        *([f"{cal['addressee']}: {i.obligation.addressee}"] if i.obligation.addressee else []),
        f"{cal['due']}: {fi_date(i.due)}",
        _status_line(style, status),
        f"{cal['source']}: {i.citation}, {i.source} ({i.where})",
        f"“{' '.join(i.obligation.quote.split())}”",
    ]
    summary = f"{cal['obligation']}: {i.obligation.what}{period}"
    return _event(i.key, i.due, summary, lines, style, cal["obligation"], i.source)


def _report_event(repo: Repository, s: MandateStatus, r: ReportDue, style: _Style) -> Event:
    labels = style.labels
    cal = labels["calendar"]
    maker = repo.makers.get(r.duty.to)
    to = maker.name.allative or maker.name.fi if maker else r.duty.to
    summary = cal["report_summary"].format(group=s.mandate.name, to=to, period=r.period)
    lines = [
        f"{cal['report']}: {s.mandate.name}",
        f"{cal['due']}: {fi_date(r.due)}",
        _status_line(style, labels["status"][str(r.status)]),
        f"{cal['source']}: {s.citation}, {s.source}",
        *([f"“{' '.join(r.duty.quote.split())}”"] if r.duty.quote else []),
    ]
    uid = f"{s.mandate.id}.reporting.{r.duty.to}/{r.period}"
    return _event(uid, r.due, summary, lines, style, cal["report"], s.source)


def write_calendar(
    repo: Repository,
    out: Path,
    as_of: date | None = None,
    *,
    through: date | None = None,
    remind: int | None = None,
    decisions_url: str | None = None,
) -> int:
    """Write the deadline calendar to ``out``; returns the number of events."""
    cal = deadline_calendar(repo, as_of, through=through, remind=remind, decisions_url=decisions_url)
    out.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(out, cal.to_ical())
    return len(cal.walk("VEVENT"))

"""Deadlines as an iCalendar file that Outlook and Google Calendar import.

One all-day event per obligation instance with a due date and per
reporting-duty period. The file is reproducible: UIDs are built from
record ids and periods, DTSTAMP is midnight UTC of the as-of day, and
events are written in a fixed order, so the same records and the same
``as_of`` give the same bytes."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from icalendar import Calendar, Event

from govdocs.derive.mandates import MandateStatus, ReportDue, mandate_status
from govdocs.derive.obligations import Instance, obligation_status
from govdocs.describe import fi_date
from govdocs.document.labels import Labels, label_set
from govdocs.repository import Repository

PRODID = "-//govdocs//follow-up deadlines//FI"
UID_DOMAIN = "govdocs"


def deadline_calendar(
    repo: Repository, as_of: date | None = None, *, through: date | None = None, lang: str = "fi"
) -> Calendar:
    """The calendar of every due obligation instance and reporting period
    known on ``as_of`` (default today), up to ``through`` (default: the end
    of the year after ``as_of``)."""
    as_of = as_of or date.today()
    through = through or date(as_of.year + 1, 12, 31)
    labels = label_set("followup", lang)
    stamp = datetime.combine(as_of, time(0, 0), tzinfo=UTC)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", labels["calendar"]["name"])
    for instance in obligation_status(repo, as_of, through=through):
        if instance.due is not None:
            cal.add_component(_obligation_event(instance, stamp, labels))
    for status in mandate_status(repo, as_of, through=through):
        for report in status.reports:
            cal.add_component(_report_event(repo, status, report, stamp, labels))
    return cal


def _event(uid: str, day: date, summary: str, description: str, stamp: datetime, status: str) -> Event:
    event = Event()
    event.add("uid", f"{uid}@{UID_DOMAIN}")
    event.add("dtstamp", stamp)
    event.add("dtstart", day)
    event.add("dtend", day + timedelta(days=1))
    event.add("summary", summary)
    event.add("description", description)
    event.add("categories", [status])
    event.add("transp", "TRANSPARENT")
    return event


def _obligation_event(i: Instance, stamp: datetime, labels: Labels) -> Event:
    cal = labels["calendar"]
    status = labels["status"][str(i.status)]
    period = f" ({i.period})" if i.period else ""
    lines = [
        i.obligation.what,
        f"{cal['owner']}: {i.owner if i.owner != 'not stated' else cal['not_stated']}",
        *([f"{cal['addressee']}: {i.obligation.addressee}"] if i.obligation.addressee else []),
        f"{cal['due']}: {fi_date(i.due)}" if i.due else "",
        f"{cal['status']}: {status}",
        f"{cal['source']}: {i.citation} ({i.where})",
        f"“{' '.join(i.obligation.quote.split())}”",
    ]
    summary = f"{cal['obligation']}: {i.obligation.what}{period} [{status}]"
    assert i.due is not None
    return _event(i.key, i.due, summary, "\n".join(x for x in lines if x), stamp, str(i.status))


def _report_event(
    repo: Repository,
    s: MandateStatus,
    r: ReportDue,
    stamp: datetime,
    labels: Labels,
) -> Event:
    cal = labels["calendar"]
    maker = repo.makers.get(r.duty.to)
    to = maker.name.allative or maker.name.fi if maker else r.duty.to
    summary = cal["report_summary"].format(group=s.mandate.name, to=to, period=r.period)
    status = labels["status"][str(r.status)]
    lines = [
        f"{cal['report']}: {s.mandate.name}",
        f"{cal['due']}: {fi_date(r.due)}",
        f"{cal['status']}: {status}",
        f"{cal['source']}: {s.citation}",
        *([f"“{' '.join(r.duty.quote.split())}”"] if r.duty.quote else []),
    ]
    uid = f"{s.mandate.id}.reporting.{r.duty.to}/{r.period}"
    return _event(uid, r.due, f"{summary} [{status}]", "\n".join(lines), stamp, str(r.status))


def write_calendar(
    repo: Repository, out: Path, as_of: date | None = None, *, through: date | None = None
) -> int:
    """Write the deadline calendar to ``out``; returns the number of events."""
    cal = deadline_calendar(repo, as_of, through=through)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(cal.to_ical())
    return len(cal.walk("VEVENT"))

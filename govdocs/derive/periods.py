"""Turning "yearly before the budget frame phase", "in 2017" or "into the
budget of 2018" into concrete periods and due dates.

The rules live in registry.yaml (`municipality.budget_calendar`): the
frame phase and the budget proposal are month-days with per-year
exceptions. A month-day of 02-29 falls on 28.2. in common years, so a
calendar written for a leap year keeps working."""

from __future__ import annotations

import calendar as _calendar
from collections.abc import Iterator
from datetime import date

from govdocs.model.effects import Anchor, Due, Period
from govdocs.model.registry import BudgetCalendar


def month_day(year: int, text: str) -> date:
    """The day ``MM-DD`` of ``year``; 02-29 is 28.2. in a common year and
    any other day past a month's end is its last day."""
    month, day = (int(part) for part in text.split("-"))
    return date(year, month, min(day, _calendar.monthrange(year, month)[1]))


def frame_phase(cal: BudgetCalendar, year: int) -> date:
    """The day the budget frame of ``year`` is set."""
    return cal.frame_phase_by_year.get(year) or month_day(year, cal.frame_phase)


def budget_proposal(cal: BudgetCalendar, budget_year: int) -> date:
    """The day the budget proposal for ``budget_year`` is ready (in the
    previous year): the last day to incorporate something into it."""
    return cal.proposal_by_year.get(budget_year) or month_day(budget_year - 1, cal.proposal)


def period_labels(every: Period, first_year: int, last_year: int) -> Iterator[str]:
    """Every period of a recurrence from January of ``first_year`` to the
    end of ``last_year``: '2017', '2017-12', '2017-Q4'."""
    for year in range(first_year, last_year + 1):
        if every is Period.YEARLY:
            yield str(year)
        elif every is Period.QUARTERLY:
            yield from (f"{year}-Q{q}" for q in range(1, 5))
        else:
            yield from (f"{year}-{m:02d}" for m in range(1, 13))


def period_year(label: str) -> int:
    return int(label[:4])


def period_end(label: str) -> date:
    """The last day of a period label."""
    year = period_year(label)
    if len(label) == 4:
        return date(year, 12, 31)
    if label[5] == "Q":
        month = int(label[6]) * 3
    else:
        month = int(label[5:7])
    return date(year, month, _calendar.monthrange(year, month)[1])


def period_due(every: Period, label: str, anchor: Anchor | None, cal: BudgetCalendar) -> date:
    """When one period's instance is due: a yearly duty before the frame
    phase is due on that year's frame-phase day; everything else at the
    end of its period."""
    if every is Period.YEARLY and anchor is Anchor.FRAME_PHASE:
        return frame_phase(cal, period_year(label))
    return period_end(label)


def label_of(value: int | str | None) -> str | None:
    """A fulfilment's ``period`` as a label: 2018 → '2018'."""
    return None if value is None else str(value)


def single_due(due: Due, cal: BudgetCalendar) -> date | None:
    """The due date of a non-recurring obligation."""
    if due.date is not None:
        return due.date
    if due.year is not None:
        return date(due.year, 12, 31)
    if due.budget_year is not None:
        return budget_proposal(cal, due.budget_year)
    return None


def recurring_dues(
    due: Due, cal: BudgetCalendar, created: date | None, through: date
) -> list[tuple[str, date]]:
    """(period, due date) of each instance of a recurring obligation from
    ``due.start`` to ``due.until`` (or ``through`` when open-ended, and never
    past it). Periods that ended before the obligation was created are
    left out: nobody can be late for a duty that did not exist yet."""
    assert due.every is not None and due.start is not None
    last = min(due.until or through.year, through.year)
    found = []
    for label in period_labels(due.every, due.start, last):
        day = period_due(due.every, label, due.before, cal)
        if created is not None and period_end(label) < created:
            continue
        found.append((label, day))
    return found


def in_range(due: Due, label: str) -> bool:
    """Whether a period label belongs to a recurring due's range and form."""
    if due.every is None or due.start is None:
        return False
    form_ok = {
        Period.YEARLY: len(label) == 4,
        Period.QUARTERLY: "-Q" in label,
        Period.MONTHLY: len(label) == 7 and "-Q" not in label,
    }[due.every]
    year = period_year(label)
    return form_ok and year >= due.start and (due.until is None or year <= due.until)

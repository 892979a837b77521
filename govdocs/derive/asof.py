"""The day a question is asked about, and the one rule that turns a due date
into a status on that day.

Every derived answer (obligations, mandates' reporting periods, the budget
checklist, the follow-up report, the calendar) is for a day. :class:`AsOf`
is built once from that day and the registry, and carries what the rule
needs: the due-soon window and the budget calendar. :meth:`AsOf.status` is
the rule, the only one::

    closed by a record           → its outcome (fulfilled, cancelled, superseded)
    no due date                  → open
    due before the day           → overdue
    due within the window        → due soon
    otherwise                    → open

The day is valid time: a fact counts on it when it holds on it, whichever
record tells it and whenever that record was made (:meth:`AsOf.holds`). A
fact a later decision records is still true on its own date; :class:`Known`
carries both dates, so an answer can say when it became known.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from govdocs.model.common import NotStated

if TYPE_CHECKING:
    from govdocs.model.decision import Decision
    from govdocs.model.effects import Outcome
    from govdocs.model.registry import BudgetCalendar
    from govdocs.repository import Repository

__all__ = ["PENDING", "AsOf", "Known", "Status"]


class Status(StrEnum):
    OPEN = "open"
    DUE_SOON = "due-soon"
    OVERDUE = "overdue"
    FULFILLED = "fulfilled"
    CANCELLED = "cancelled"
    SUPERSEDED = "superseded"


PENDING = (Status.OPEN, Status.DUE_SOON, Status.OVERDUE)
"""Statuses of an instance nobody has closed yet."""


@dataclass(frozen=True)
class AsOf:
    """The day asked about, with the registry's due-soon window and budget calendar."""

    day: date
    due_soon: timedelta
    calendar: BudgetCalendar

    @classmethod
    def of(cls, repo: Repository, day: date | AsOf | None = None) -> AsOf:
        """The value for ``day`` (default today) under ``repo``'s registry;
        an :class:`AsOf` is returned as it is, so callers can pass either."""
        if isinstance(day, AsOf):
            return day
        cal = repo.registry.municipality.budget_calendar
        return cls(day or date.today(), timedelta(days=cal.due_soon_days), cal)

    def status(self, due: date | None, closed: Outcome | None = None) -> Status:
        """The status on this day of something due on ``due``, closed by a
        record with outcome ``closed`` (None: nobody has closed it)."""
        if closed is not None:
            return Status(closed.value)
        if due is None:
            return Status.OPEN
        if due < self.day:
            return Status.OVERDUE
        return Status.DUE_SOON if due - self.day <= self.due_soon else Status.OPEN

    def holds(self, since: date | None) -> bool:
        """Whether a fact that holds from ``since`` holds on this day (None:
        since before the records). The day the record telling it was made
        does not matter: see :class:`Known`."""
        return since is None or since <= self.day

    def end_of_year(self, years_later: int = 0) -> date:
        """31.12. of this day's year (or of a later one): the default horizon."""
        return date(self.day.year + years_later, 12, 31)


@dataclass(frozen=True)
class Known:
    """When a derived fact holds and which record tells it: the fact's own
    first day (valid time) and the recording decision with its date (when
    the fact became known)."""

    since: date | None
    """First day the fact holds; None: since before the records."""
    record: str
    """Id of the decision that records it."""
    recorded: date | None
    """That decision's date (stated or assumed)."""
    recorded_assumed: bool = False
    """The recording decision's date is not stated; ``recorded`` is assumed."""

    @classmethod
    def of(cls, decision: Decision, since: date | None) -> Known:
        """A fact from ``since`` that ``decision`` records."""
        return cls(since, decision.id, decision.day, isinstance(decision.date, NotStated))

    @property
    def later(self) -> bool:
        """Recorded after it took effect: the answer says when it became known."""
        return self.recorded is not None and (self.since is None or self.recorded > self.since)

    def as_dict(self) -> dict[str, Any]:
        return {
            "since": self.since.isoformat() if self.since else None,
            "recorded_by": self.record,
            "recorded": self.recorded.isoformat() if self.recorded else None,
            "recorded_assumed": self.recorded_assumed,
            "known_later": self.later,
        }

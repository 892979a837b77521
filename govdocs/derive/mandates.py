"""Derived state of every working-group mandate as of a date.

A mandate's term, tasks and members come from its founding decision and
every later `MandateChange` in force on the day asked about::

    not-started   the term begins later
    active        working; no task has ended
    task-ended    one or more tasks ended or concluded; the group goes on
    term-expired  the term is over and no decision ended the work
                  (no final report was noted)
    ended         a decision ended the group's work

Valid time: a group is shown from the day the records say it existed (its
establishing decision's or reference's date, else its term's start, else
the first day a task of it is said to be added), and a task from the day it
was added, even when the decision that tells it was made later; the status
says which decision tells it and when (`Known`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

from govdocs.derive.asof import AsOf, Known, Status
from govdocs.derive.obligations import Evidence, fulfilment_index
from govdocs.derive.periods import period_due, period_end, period_labels
from govdocs.describe import citation
from govdocs.model.common import NotStated, effective_date
from govdocs.model.decision import Decision, Reference
from govdocs.model.effects import Mandate, MandateAction, MandateChange, Member, Reporting, Task
from govdocs.repository import Repository


class MandateState(StrEnum):
    NOT_STARTED = "not-started"
    ACTIVE = "active"
    TASK_ENDED = "task-ended"
    TERM_EXPIRED = "term-expired"
    ENDED = "ended"


class TaskState(StrEnum):
    ACTIVE = "active"
    ENDED = "ended"
    CONCLUDED = "concluded"
    """ended with a finding ('rule changes are not needed')"""


@dataclass(frozen=True)
class TaskStatus:
    task: Task
    state: TaskState
    by: str | None = None
    """Citation of the decision that ended it: 'Kaupunginjohtaja 59 §'."""
    change: str | None = None
    """Id of the mandate change."""
    finding: str | None = None
    since: date | None = None
    """The day the task was given (its added_by's date), if known."""

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.task.id,
            "text": self.task.text,
            "state": str(self.state),
            "since": self.since.isoformat() if self.since else None,
            "added_by": self.task.added_by,
            "by": self.by,
            "change": self.change,
            "finding": self.finding,
        }


@dataclass(frozen=True)
class ReportDue:
    """One period of a reporting duty: fulfilled when a later record names
    the duty's id and the period, else open, due soon or overdue by date."""

    duty: Reporting
    period: str
    due: date
    status: Status
    evidence: Evidence | None = None
    """The record that marked this period reported."""

    def as_dict(self) -> dict[str, Any]:
        return {
            "to": self.duty.to,
            "every": str(self.duty.every),
            "period": self.period,
            "due": self.due.isoformat(),
            "status": str(self.status),
            "evidence": self.evidence.record if self.evidence else None,
        }


@dataclass(frozen=True)
class MandateStatus:
    mandate: Mandate
    state: MandateState
    source: str | None
    """Id of the decision holding the mandate record."""
    citation: str | None
    start: date | None
    end: date | None
    """Last day of the term after any extensions; None: until further notice."""
    tasks: list[TaskStatus] = field(default_factory=list)
    members: list[Member] = field(default_factory=list)
    reports: list[ReportDue] = field(default_factory=list)
    ended_by: str | None = None
    """Citation of the decision that ended the whole group."""
    known: Known | None = None
    """Since when the group is known to exist, and the record that tells it."""

    @property
    def overdue(self) -> list[ReportDue]:
        return [r for r in self.reports if r.status is Status.OVERDUE]

    def as_dict(self) -> dict[str, Any]:
        m = self.mandate
        return {
            "id": m.id,
            "name": m.name,
            "state": str(self.state),
            "source": self.source,
            "citation": self.citation,
            "known": self.known.as_dict() if self.known else None,
            "established_by": None if isinstance(m.established_by, NotStated) else m.established_by,
            "term": {
                "start": self.start.isoformat() if self.start else None,
                "end": self.end.isoformat() if self.end else None,
            },
            "ended_by": self.ended_by,
            "tasks": [t.as_dict() for t in self.tasks],
            "members": [mem.model_dump(exclude_none=True) for mem in self.members],
            "reporting": [r.as_dict() for r in self.reports],
        }


def mandate_status(
    repo: Repository, as_of: date | AsOf | None = None, *, through: date | None = None
) -> list[MandateStatus]:
    """Every mandate that exists on ``as_of`` (default today) with its
    state, tasks, members and reporting instances up to ``through``
    (default: the end of the year of ``as_of``, and never past the term).
    A group told of by a later decision is shown from its own date."""
    day = AsOf.of(repo, as_of)
    through = through or day.end_of_year()
    changes = _changes_by_mandate(repo, day.day)
    closed = fulfilment_index(repo, day.day)
    found = [
        _status(group, changes.get(group.mandate.id, []), (day, through), closed)
        for group in groups(repo)
        if day.holds(group.known.since)
    ]
    return sorted(found, key=lambda s: (s.start or date.min, s.mandate.id))


@dataclass(frozen=True)
class Group:
    """A mandate as its decision records it, before any day is asked about:
    a row of the derived table `groups`."""

    mandate: Mandate
    known: Known
    citation: str
    """The recording decision's."""
    task_since: dict[str, date | None]
    """Task id → the date of the decision that added it, when the records hold it."""


@dataclass(frozen=True)
class Changed:
    """A change to a mandate, as its decision states it: a row of the
    derived table `changes`."""

    change: MandateChange
    day: date | None
    """When it takes effect: its own date, else its decision's."""
    decided: date | None
    citation: str


def groups(repo: Repository) -> list[Group]:
    """Every mandate the decisions record, in reading order: a derived
    table, built once per state (`govdocs.derive.store`)."""
    from govdocs.derive.store import derived

    def build(repo: Repository) -> list[Group]:
        return [
            Group(mandate, Known.of(decision, _exists_from(repo, mandate, decision)),
                  citation(repo, decision), {t.id: _dated(repo, t.added_by) for t in mandate.tasks})
            for decision in repo.decisions.values()
            for mandate in decision.mandates
        ]

    return derived(repo, "mandates", build)


def changes(repo: Repository) -> list[Changed]:
    """Every mandate change, in the order of its decision's date: a derived
    table, built once per state (`govdocs.derive.store`)."""
    from govdocs.derive.store import derived

    def build(repo: Repository) -> list[Changed]:
        return [
            Changed(change, effective_date(change.effective) or decision.day, decision.day,
                    citation(repo, decision))
            for decision in sorted(repo.decisions.values(), key=lambda d: (d.day or date.min, d.id))
            for change in decision.mandate_changes
        ]

    return derived(repo, "mandate-changes", build)


def _dated(repo: Repository, ref: str | None) -> date | None:
    """The date of a decision or a reference the records hold."""
    record = repo.records.get(ref or "")
    if isinstance(record, Decision):
        return record.day
    return record.date if isinstance(record, Reference) else None


def _exists_from(repo: Repository, mandate: Mandate, decision: Decision) -> date | None:
    """The first day the records say the group existed: its establishing
    decision's (or reference's) date, else its term's start, else the day
    its first task was added, else the recording decision's date."""
    made = mandate.established_by
    if isinstance(made, NotStated):
        since = made.assumed
    else:
        since = decision.day if made == decision.id else _dated(repo, made)
    since = since or effective_date(mandate.term.start)
    added = [d for d in (_dated(repo, t.added_by) for t in mandate.tasks) if d is not None]
    return since or min(added, default=None) or decision.day


def _changes_by_mandate(repo: Repository, as_of: date) -> dict[str, list[Changed]]:
    found: dict[str, list[Changed]] = {}
    for changed in changes(repo):
        if changed.day is None or changed.day <= as_of:
            found.setdefault(changed.change.mandate, []).append(changed)
    return found


@dataclass
class _Fold:
    """A mandate's term, tasks and members while its changes are applied."""

    end: date | None
    tasks: dict[str, TaskStatus]
    members: list[Member]
    ended_by: str | None = None
    ended_on: date | None = None

    def apply(self, changed: Changed) -> None:
        change, cited = changed.change, changed.citation
        action = change.action
        if action is MandateAction.EXTEND:
            self.end = change.term_end
        elif action is MandateAction.ADD_TASK and change.new_task:
            since = effective_date(change.effective) or changed.decided
            self.tasks[change.new_task.id] = TaskStatus(change.new_task, TaskState.ACTIVE, since=since)
        elif action in (MandateAction.END_TASK, MandateAction.CONCLUDE_TASK) and change.task in self.tasks:
            done = TaskState.ENDED if action is MandateAction.END_TASK else TaskState.CONCLUDED
            given = self.tasks[change.task]
            ended = TaskStatus(given.task, done, cited, change.id, change.finding, given.since)
            self.tasks[change.task] = ended
        elif action is MandateAction.CHANGE_MEMBERS:
            self.members = list(change.members)
        elif action is MandateAction.END:
            self.ended_by, self.ended_on = cited, effective_date(change.effective) or changed.decided


def _status(
    group: Group,
    changes: list[Changed],
    window: tuple[AsOf, date],
    closed: dict[tuple[str, str | None], Evidence],
) -> MandateStatus:
    as_of, through = window
    mandate, known = group.mandate, group.known
    start = effective_date(mandate.term.start)
    given = {t.id: TaskStatus(t, TaskState.ACTIVE, since=group.task_since[t.id]) for t in mandate.tasks}
    # a task given after the day asked about is not yet the group's
    current = {tid: t for tid, t in given.items() if as_of.holds(t.since)}
    fold = _Fold(effective_date(mandate.term.end), current, list(mandate.members))
    for changed in changes:  # in date order, so a later change wins
        fold.apply(changed)
    tasks = list(fold.tasks.values())
    state = _state(start, fold.end, as_of.day, fold.ended_by, tasks)
    # no reports are due after the term or after the group was ended
    last = min(d for d in (through, fold.end, fold.ended_on) if d is not None)
    reports = [
        r for duty in mandate.reporting for r in _reports(duty, start, last, as_of, closed)
    ]
    found = (start, fold.end, tasks, fold.members, reports, fold.ended_by)
    return MandateStatus(mandate, state, known.record, group.citation, *found, known)


def _state(
    start: date | None, end: date | None, as_of: date, ended_by: str | None, tasks: list[TaskStatus]
) -> MandateState:
    if ended_by is not None:
        return MandateState.ENDED
    if start is not None and start > as_of:
        return MandateState.NOT_STARTED
    if end is not None and end < as_of:
        return MandateState.TERM_EXPIRED
    if any(t.state is not TaskState.ACTIVE for t in tasks):
        return MandateState.TASK_ENDED
    return MandateState.ACTIVE


def _reports(
    duty: Reporting,
    start: date | None,
    last: date,
    as_of: AsOf,
    closed: dict[tuple[str, str | None], Evidence],
) -> Iterable[ReportDue]:
    if start is None:
        return
    for label in period_labels(duty.every, start.year, last.year):
        if period_end(label) < start:
            continue
        due = period_due(duty.every, label, None, as_of.calendar)
        if due > last:
            break
        evidence = closed.get((duty.id, label)) if duty.id else None
        status = as_of.status(due, evidence.outcome if evidence else None)
        yield ReportDue(duty, label, due, status, evidence)


def select_mandates(statuses: Iterable[MandateStatus], *, active: bool = False) -> list[MandateStatus]:
    """Only the groups still working (active or with some task ended)."""
    working = (MandateState.ACTIVE, MandateState.TASK_ENDED)
    return [s for s in statuses if not active or s.state in working]

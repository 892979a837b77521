"""Derived status of every follow-up obligation as of a date.

Nothing here is typed into a record: an obligation's instances come from
its `Due` and the registry's budget calendar, and each instance's status
from the fulfilment records (decisions or follow-ups) dated on or before
the day asked about::

    open → due-soon → overdue           (by the calendar)
    fulfilled / cancelled / superseded  (by a later record, with evidence)

The obligations are those the decisions write, and the adopted
toivomusponsi of their handling (`Motion.duty`): a resolution is a duty of
the body it names, due when its text says and otherwise open without a due
(never overdue); a rejected one is no duty at all. The initiatives a
decision records being left (`Initiative.duty`) are duties of the body
that must answer them, from the day they were left, open without a due
unless a record states one, until an `answer-initiative` item names them
(`closings`). A fulfilment counts from its own date even when the record
telling it is later; the evidence says when it became known.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from govdocs.derive.asof import PENDING, AsOf, Status
from govdocs.derive.periods import label_of, recurring_dues, single_due
from govdocs.describe import citation
from govdocs.model.common import NotStated
from govdocs.model.decision import Decision, FollowUp
from govdocs.model.effects import Fulfilment, Obligation, Outcome
from govdocs.repository import Origin, Repository

__all__ = [
    "PENDING", "AsOf", "Duty", "Evidence", "Filter", "Instance", "Place", "Status", "closings",
    "closings_table", "duties", "failing", "fulfilment_index", "list_obligations", "obligation_status",
    "select",
]


@dataclass(frozen=True)
class Place:
    """Where a record (or a part of it) is written, resolved to
    file:line:col only when shown: a record read from the load cache pays
    a re-read of its file for positions, and most listings never show them."""

    origin: Origin
    at: tuple[str | int, ...] = ()

    def __str__(self) -> str:
        return self.origin.where(*self.at)


Day = date
"""A date, where a field named 'date' hides the type."""


@dataclass(frozen=True)
class Evidence:
    """The record that closed an instance, and what it points to."""

    record: str
    """Id of the decision or follow-up record."""
    date: date | None
    outcome: Outcome
    text: str | None
    """The fulfilment's evidence, else the follow-up's document or the
    deciding decision's citation."""
    place: Place
    """The fulfilment entry."""
    superseded_by: str | None = None
    recorded: Day | None = None
    """The closing record's own date: when the closing became known."""

    @property
    def where(self) -> str:
        """file:line:col of the fulfilment entry."""
        return str(self.place)

    @property
    def known_later(self) -> bool:
        """The record is dated after the day it says the instance was closed."""
        return self.date is not None and self.recorded is not None and self.recorded > self.date

    def as_dict(self) -> dict[str, Any]:
        return {
            "record": self.record,
            "date": self.date.isoformat() if self.date else None,
            "recorded": self.recorded.isoformat() if self.recorded else None,
            "outcome": str(self.outcome),
            "text": self.text,
            "where": self.where,
            "superseded_by": self.superseded_by,
        }


@dataclass(frozen=True)
class Instance:
    """One due occurrence of an obligation: the only one of a one-off duty,
    or one period ('2018', '2018-02', '2018-Q1') of a recurring one."""

    obligation: Obligation
    period: str | None
    due: date | None
    status: Status
    source: str
    """Id of the decision that created the obligation."""
    citation: str
    """'Kaupunginjohtaja 59 §'."""
    place: Place
    """The obligation record."""
    evidence: Evidence | None = None

    @property
    def where(self) -> str:
        """file:line:col of the obligation."""
        return str(self.place)

    @property
    def key(self) -> str:
        """'kj-2016-59.yhteistyosopimus/2017', or the obligation id."""
        return self.obligation.id + (f"/{self.period}" if self.period else "")

    @property
    def owner(self) -> str:
        owner = self.obligation.owner
        return "not stated" if isinstance(owner, NotStated) else owner

    def as_dict(self) -> dict[str, Any]:
        o = self.obligation
        return {
            "id": self.key,
            "obligation": o.id,
            "period": self.period,
            "kind": str(o.kind),
            "what": o.what,
            "owner": None if isinstance(o.owner, NotStated) else o.owner,
            "owner_not_stated": o.owner.not_stated if isinstance(o.owner, NotStated) else None,
            "addressee": o.addressee,
            "due": self.due.isoformat() if self.due else None,
            "status": str(self.status),
            "source": self.source,
            "citation": self.citation,
            "where": self.where,
            "quote": " ".join(o.quote.split()),
            "evidence": self.evidence.as_dict() if self.evidence else None,
        }


@dataclass(frozen=True)
class Filter:
    """Which instances to list; empty fields match everything."""

    owner: str | None = None
    """Organisation id; matches its units too."""
    addressee: str | None = None
    statuses: Sequence[Status] = field(default_factory=tuple)
    due_before: date | None = None
    """Only instances due strictly before this day."""


def obligation_status(
    repo: Repository, as_of: date | AsOf | None = None, *, through: date | None = None
) -> list[Instance]:
    """Every obligation instance with its status as of ``as_of`` (default
    today), sorted by due date. An obligation holds from its decision's
    date, so those of later decisions do not exist yet; a fulfilment
    counts from its own date. Open-ended recurring duties are expanded to
    the end of ``through`` (default: the end of the year of ``as_of``)."""
    day = AsOf.of(repo, as_of)
    through = through or day.end_of_year()
    closed = fulfilment_index(repo, day.day)
    found: list[Instance] = []
    for duty in duties(repo):
        if day.holds(duty.since):
            found += _instances(duty, closed, day, through)
    return sorted(found, key=lambda i: (i.due or date.max, i.key))


@dataclass(frozen=True)
class Duty:
    """A follow-up duty as a decision states it, before any day is asked
    about: a row of the derived table `duties`."""

    obligation: Obligation
    since: date | None
    """The first day it holds: its decision's (or the initiative's own) date."""
    decision: str
    decided: date | None
    """Its decision's date, from which a recurring duty's periods run."""
    citation: str
    place: Place


def duties(repo: Repository) -> list[Duty]:
    """Every duty the decisions state (their obligations, adopted
    resolutions and recorded initiatives), in reading order: a derived
    table, built once per state (`govdocs.derive.store`)."""
    from govdocs.derive.store import derived

    return derived(repo, "obligation-duties", _duties)


def _duties(repo: Repository) -> list[Duty]:
    found: list[Duty] = []
    for decision in repo.decisions.values():
        stated = [
            (decision.day, o) for o in (*decision.obligations, *_resolutions(repo, decision))
        ] + _initiatives(repo, decision)
        if not stated:
            continue
        cited = citation(repo, decision)
        found += [Duty(o, since, decision.id, decision.day, cited, Place(repo.origins[o.id]))
                  for since, o in stated]
    return found


def _resolutions(repo: Repository, decision: Decision) -> list[Obligation]:
    """The adopted toivomusponsi of a decision's handling, as duties."""
    duties = repo.resolutions
    return [duties[m.id] for m in decision.motions if m.id in duties]


def _initiatives(repo: Repository, decision: Decision) -> list[tuple[date | None, Obligation]]:
    """The initiatives a decision records, as duties from the day each was left."""
    duties = repo.initiative_duties
    return [(i.date or decision.day, duties[i.id]) for i in decision.initiatives if i.id in duties]


def closings(record: Decision | FollowUp) -> Iterator[tuple[Fulfilment, tuple[str | int, ...]]]:
    """What a record closes, with where it says so: its `fulfils` entries,
    and the initiatives its `answer-initiative` items name (an answer is a
    fulfilment on the decision's date, quoting the answer)."""
    for i, fulfilment in enumerate(record.fulfils):
        yield fulfilment, ("fulfils", i)
    if isinstance(record, Decision):
        for i, item in enumerate(record.items):
            if item.initiative is not None:
                yield Fulfilment(obligation=item.initiative, quote=item.quote[0]), ("items", i, "initiative")


def _instances(
    duty: Duty, closed: dict[tuple[str, str | None], Evidence], day: AsOf, through: date
) -> list[Instance]:
    obligation = duty.obligation
    if obligation.due.every is None:
        dues: list[tuple[str | None, date | None]] = [(None, single_due(obligation.due, day.calendar))]
    else:
        dues = list(recurring_dues(obligation.due, day.calendar, duty.decided, through))
    made = []
    for period, due in dues:
        evidence = closed.get((obligation.id, period))
        status = day.status(due, evidence.outcome if evidence else None)
        made.append(Instance(obligation, period, due, status, duty.decision, duty.citation, duty.place,
                             evidence))
    return made


def fulfilment_index(repo: Repository, as_of: date) -> dict[tuple[str, str | None], Evidence]:
    """(obligation id, period) → the earliest record closing it on or
    before ``as_of``. Validation reports a second one; here the first wins."""
    index: dict[tuple[str, str | None], Evidence] = {}
    for key, evidence in closings_table(repo):
        when = evidence.date
        if (when is None or when <= as_of) and key not in index:
            index[key] = evidence
    return index


def closings_table(repo: Repository) -> list[tuple[tuple[str, str | None], Evidence]]:
    """Every closing the records state, ((obligation id, period), evidence),
    in the order of their records' days: a derived table, built once per
    state (`govdocs.derive.store`)."""
    from govdocs.derive.store import derived

    return derived(repo, "obligation-closings", _closings)


def _closings(repo: Repository) -> list[tuple[tuple[str, str | None], Evidence]]:
    found = []
    for record in _dated_records(repo):
        day = _record_day(record)
        for fulfilment, at in closings(record):
            when = fulfilment.date or day
            found.append(((fulfilment.obligation, label_of(fulfilment.period)),
                          _evidence(repo, record, fulfilment, when, at)))
    return found


def _dated_records(repo: Repository) -> list[Decision | FollowUp]:
    records: list[Decision | FollowUp] = [
        *(d for d in repo.decisions.values() if d.fulfils or any(i.initiative for i in d.items)),
        *repo.followups.values(),
    ]
    return sorted(records, key=lambda r: (_record_day(r) or date.max, r.id))


def _record_day(record: Decision | FollowUp) -> date | None:
    return record.day if isinstance(record, Decision) else record.date


def _evidence(
    repo: Repository,
    record: Decision | FollowUp,
    fulfilment: Fulfilment,
    when: date | None,
    at: tuple[str | int, ...],
) -> Evidence:
    if fulfilment.evidence:
        text: str | None = fulfilment.evidence
    elif isinstance(record, FollowUp):
        doc = record.document
        text = (f"{doc.title}" + (f" ({doc.reference})" if doc.reference else "")) if doc else record.title
    else:
        text = citation(repo, record)
    where = Place(repo.origins[record.id], at)
    outcome, superseded = fulfilment.outcome, fulfilment.superseded_by
    return Evidence(record.id, when, outcome, text, where, superseded, _record_day(record))


def select(repo: Repository, instances: Iterable[Instance], wanted: Filter) -> list[Instance]:
    """The instances matching a filter (owner matches its units too)."""
    owners = _with_units(repo, wanted.owner) if wanted.owner else None
    return [
        i
        for i in instances
        if (owners is None or i.owner in owners)
        and (wanted.addressee is None or i.obligation.addressee == wanted.addressee)
        and (not wanted.statuses or i.status in wanted.statuses)
        and (wanted.due_before is None or (i.due is not None and i.due < wanted.due_before))
    ]


def _with_units(repo: Repository, org: str) -> set[str]:
    found = {org}
    children: dict[str | None, list[str]] = {}
    for o in repo.registry.organisations:
        children.setdefault(o.parent, []).append(o.id)
    todo = [org]
    while todo:
        for child in children.get(todo.pop(), []):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def list_obligations(
    repo: Repository, as_of: date | AsOf | None = None, wanted: Filter | None = None
) -> list[Instance]:
    """`obligation_status` narrowed by ``wanted``: the function behind
    ``govdocs obligations``."""
    return select(repo, obligation_status(repo, as_of), wanted or Filter())


def failing(instances: Iterable[Instance], fail_on: Status | None) -> list[Instance]:
    """Instances that make ``--fail-on`` fail: overdue ones for 'overdue';
    overdue and due-soon ones for 'due-soon'."""
    if fail_on is None:
        return []
    bad = {Status.OVERDUE} if fail_on is Status.OVERDUE else {Status.OVERDUE, Status.DUE_SOON}
    return [i for i in instances if i.status in bad]

"""Who held which function, service or appropriation, when, and on whose
decision.

Records are facts; holders are derived. The timeline starts from the
registry's initial holders and replays, day by day, the transfers
(whole, 'pääosin', or a named part), the explicit 'stays with'
statements and the organisations' successions (on the day after an
organisation's ``valid_to`` its successor takes over everything it held).
Each holding remembers the step that began it and the decision (or
registry entry) that gave it, so every answer can be cited. Time is valid
time: a transfer holds from its effective date, even when the decision that
records it is dated later; the step keeps that decision's date (`recorded`)
so the answer can say when it became known. A transfer
with ``until`` holds to the end of that day; the next day the holder
before it has it back, with no new record. A 'pääosin'
move makes the target the holder with scope 'mostly'; the rest is not
specified by the source, so it is attributed to no one. A part moved on
its own is held apart until a whole move takes it back with the function.

While replaying, the contradictions the records contain are collected as
`Issue` values; `govdocs.validate.consistency` turns them into located
problems. Public queries: `timeline`, `holders_at`, `history`, `diff`."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from govdocs.model.common import NotStated, effective_date
from govdocs.model.effects import Change, Scope, Transfer

if TYPE_CHECKING:
    from govdocs.model.registry import Organisation
    from govdocs.repository import Origin, Repository

Key = tuple[str, str | None]
"""(function id, part id or None for the function itself)."""
ONE_DAY = timedelta(days=1)


class StepKind(StrEnum):
    INITIAL = "initial"
    """the registry's holder when the records begin"""
    TRANSFER = "transfer"
    """a transfer moves it"""
    STAYS = "stays"
    """a decision states that it stays where it is"""
    SUCCESSION = "succession"
    """its holder ended and the registry's successor took over"""
    ENDED = "ended"
    """its holder ended without a successor: nobody holds it"""
    RETURNED = "returned"
    """a transfer's 'until' passed: back to the holder before it"""


@dataclass(frozen=True)
class Step:
    """One change (or confirmation) of who holds a function or a part."""

    kind: StepKind
    function: str
    part: str | None
    day: date | None
    """First day of the new situation (None: since before the records)."""
    from_org: str | None
    """Previous holder: as stated, or inferred from the timeline."""
    to_org: str | None
    """New holder (for 'stays', the one keeping it; None when it ends)."""
    scope: Scope = Scope.WHOLE
    record: str | None = None
    """The transfer record (transfer and stays steps)."""
    decision: str | None = None
    """The decision holding that record."""
    from_stated: bool = True
    """False when the record does not name the source (it is inferred or unknown)."""
    effective: date | NotStated | None = None
    """The record's effective value: stated, or not stated with an assumption."""
    context_only: bool = False
    """A fact the decision records but does not decide."""
    basis: str | None = None
    """Registry basis of an initial holder, or the successor_basis of a succession."""
    quote: str | None = None
    recorded: date | None = None
    """The date of the decision that tells it (when it became known); a
    transfer effective before it holds from its effective date all the same."""
    origin: Origin | None = field(default=None, compare=False, repr=False)
    """Where the transfer record is written (`govdocs.checks.consistency.locate`)."""
    what_at: int | None = field(default=None, compare=False, repr=False)
    """The function's place in the transfer's 'what', when it lists several."""

    @property
    def key(self) -> Key:
        return (self.function, self.part)

    @property
    def assumed(self) -> bool:
        """True when the date is an assumption, not stated in the source."""
        return isinstance(self.effective, NotStated)


@dataclass(frozen=True)
class Holding:
    """An interval in which one organisation holds a function (or a part)."""

    function: str
    part: str | None
    holder: str
    scope: Scope
    start: date | None
    """First day (None: since before the records)."""
    end: date | None
    """Last day (None: still held)."""
    step: Step
    """The step that began this interval (may be a succession)."""
    source: Step
    """The decision step or registry entry that gave it, through any successions."""
    excluding: tuple[str, ...] = ()
    """For a function's own row: its parts held apart by others (filled by `holders_at`)."""

    def covers(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class Issue:
    """A contradiction found while replaying the records."""

    code: str
    """not-holder, same-day-conflict, part-twice, stays-contradicted, no-holder, not-valid-on-date"""
    step: Step
    """The step at fault (for no-holder: the step that gave the ending holder)."""
    other: Step | None = None
    """The contradicting step, when another record is involved."""
    holder: str | None = None
    """The actual holder (not-holder), or the ending or missing organisation."""
    attr: str | None = None
    """For not-valid-on-date: 'from' or 'to'."""


@dataclass
class Timeline:
    """Every holding interval and step, and the contradictions found."""

    holdings: dict[Key, list[Holding]] = field(default_factory=lambda: defaultdict(list))
    steps: list[Step] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    undated: list[str] = field(default_factory=list)
    """Transfers whose effective date is neither stated nor assumed."""

    def at(self, day: date) -> list[Holding]:
        """The holdings in force on ``day``, in registry order."""
        return [h for intervals in self.holdings.values() for h in intervals if h.covers(day)]


# --- building ----------------------------------------------------------------
@dataclass
class _Replay:
    """The state while replaying one function: the open holding per key."""

    orgs: dict[str, Organisation]
    line: Timeline
    open: dict[Key, Holding] = field(default_factory=dict)
    before: dict[tuple[str, Key], Holding | None] = field(default_factory=dict)
    """(transfer id, key) → the holding it replaced: what its 'until' returns to."""

    def close(self, key: Key, last_day: date) -> Holding | None:
        current = self.open.pop(key, None)
        if current is not None:
            # the constructor, not dataclasses.replace: this runs once per transfer
            c = current
            closed = Holding(c.function, c.part, c.holder, c.scope, c.start, last_day, c.step, c.source)
            self.line.holdings[key].append(closed)
        return current

    def begin(self, step: Step, source: Step | None = None) -> None:
        assert step.to_org is not None and step.day is not None
        self.close(step.key, step.day - ONE_DAY)
        self.line.steps.append(step)
        self.open[step.key] = Holding(
            step.function, step.part, step.to_org, step.scope, step.day, None, step, source or step
        )

    def holder(self, key: Key) -> Holding | None:
        """Who holds ``key`` now: a part not held apart follows the function."""
        return self.open.get(key) or (self.open.get((key[0], None)) if key[1] else None)

    def succeed(self, before: date | None) -> None:
        """Apply every succession whose first day is before ``before``."""
        for key, start in sorted(self.open.items(), key=lambda kv: str(kv[0])):
            held: Holding | None = start
            # a succession cycle (A -> B -> A) is a located error of its own
            # (checks.cycles); here it must only end the chain, so that every
            # query terminates even when validation was skipped
            passed: set[str] = set()
            while held is not None and held.holder not in passed:
                passed.add(held.holder)
                org = self.orgs.get(held.holder)
                if org is None or org.valid_to is None:
                    break
                first = org.valid_to + ONE_DAY
                if before is not None and first >= before:
                    break
                held = self._hand_over(key, held, org, first)

    def _hand_over(self, key: Key, held: Holding, org: Organisation, first: date) -> Holding | None:
        kind = StepKind.SUCCESSION if org.successor else StepKind.ENDED
        step = Step(kind, key[0], key[1], first, org.id, org.successor, held.scope, basis=org.successor_basis)
        if org.successor is None:
            self.close(key, org.valid_to or first)
            self.line.steps.append(step)
            self.line.issues.append(Issue("no-holder", held.step, step, org.id))
            return None
        self.begin(step, held.source)
        return self.open[key]


def timeline(repo: Repository) -> Timeline:
    """The whole timeline of ``repo``: a derived table, built once per state
    (`govdocs.derive.store`)."""
    from govdocs.derive.store import derived

    return derived(repo, "responsibility-timeline", build)


def build(repo: Repository) -> Timeline:
    """Replay every function's history (see the module docstring)."""
    line = Timeline()
    by_function: dict[str, list[Event]] = defaultdict(list)
    for order, (rid, transfer) in enumerate(repo.transfers.items()):
        day = effective_date(transfer.effective)
        if day is None:
            line.undated.append(rid)
            continue
        last = effective_date(transfer.until) if transfer.change is Change.MOVES else None
        for fn in transfer.what:
            by_function[fn].append((day, _START, order, transfer))
            if last is not None:
                by_function[fn].append((last + ONE_DAY, _END, order, transfer))
    orgs = repo.organisations
    for function in repo.registry.functions:
        replay = _Replay(orgs, line)
        if function.holder is not None:
            first = function.holder
            _initial(replay, function.id, first.organisation, first.since, first.basis)
        events = sorted(by_function.get(function.id, []), key=lambda e: e[:3])
        for day, group in _by_day(events):
            replay.succeed(day)
            for transfer in (t for phase, t in group if phase == _END):
                _return(replay, repo, function.id, day, transfer)
            starts = [t for phase, t in group if phase == _START]
            if starts:
                _replay_day(replay, repo, function.id, day, starts)
        replay.succeed(None)
        for key, held in replay.open.items():
            line.holdings[key].append(held)
    line.steps.sort(key=lambda s: s.day or date.min)
    return line


def _initial(replay: _Replay, fn: str, org: str, since: date | None, basis: str | None) -> None:
    step = Step(StepKind.INITIAL, fn, None, since, None, org, basis=basis)
    replay.line.steps.append(step)
    replay.open[(fn, None)] = Holding(fn, None, org, Scope.WHOLE, since, None, step, step)


Event = tuple[date, int, int, Transfer]
"""(day, phase, reading order, transfer): on one day, ends come before starts."""
_END, _START = 0, 1


def _by_day(events: list[Event]) -> Iterable[tuple[date, list[tuple[int, Transfer]]]]:
    group: list[tuple[int, Transfer]] = []
    for i, (day, phase, _, transfer) in enumerate(events):
        group.append((phase, transfer))
        if i + 1 == len(events) or events[i + 1][0] != day:
            yield day, group
            group = []


def _return(replay: _Replay, repo: Repository, fn: str, day: date, t: Transfer) -> None:
    """``t``'s last day has passed: what it moved goes back to the holding it
    replaced (a part back to its function), unless it has moved on since."""
    key = (fn, t.part if t.scope is Scope.PART else None)
    current = replay.open.get(key)
    if current is None or current.source.record != t.id:
        return
    prev = replay.before.get((t.id, key))
    back = prev if prev is not None and (prev.function, prev.part) == key else None
    # a part whose function held it before follows the function again
    owner = back if back is not None or key[1] is None else replay.holder((fn, None))
    step = Step(
        StepKind.RETURNED, fn, key[1], day, current.holder, owner.holder if owner else None,
        back.scope if back else Scope.WHOLE, t.id, repo.owner.get(t.id), True, t.until, quote=t.quote,
        recorded=_recorded(repo, t.id), **_written(repo, fn, t),
    )
    if back is None:
        replay.close(key, day - ONE_DAY)
        replay.line.steps.append(step)
        return
    replay.begin(step, back.source)


def _step(repo: Repository, replay: _Replay, fn: str, day: date, t: Transfer) -> Step:
    part = t.part if t.scope is Scope.PART else None
    held = replay.holder((fn, part))
    stated = isinstance(t.from_, str)
    kind = StepKind.STAYS if t.change is Change.STAYS else StepKind.TRANSFER
    source = t.from_ if isinstance(t.from_, str) else (held.holder if held else None)
    if kind is StepKind.STAYS:
        source = held.holder if held else None
    return Step(
        kind, fn, part, day, source, t.to, t.scope, t.id, repo.owner.get(t.id),
        stated or kind is StepKind.STAYS, t.effective, t.context_only, t.legal_basis, t.quote,
        _recorded(repo, t.id), **_written(repo, fn, t),
    )


def _written(repo: Repository, fn: str, t: Transfer) -> dict[str, Any]:
    """Where a step of ``t`` is written, kept on the step so that its place
    is found without the records (a timeline read from the index)."""
    return {"origin": repo.origins.get(t.id),
            "what_at": t.what.index(fn) if len(t.what) > 1 and fn in t.what else None}


def _recorded(repo: Repository, rid: str) -> date | None:
    decision = repo.decision_of(rid)
    return decision.day if decision is not None else None


def _replay_day(replay: _Replay, repo: Repository, fn: str, day: date, group: list[Transfer]) -> None:
    """Apply one day's statements about ``fn``: parts first (a whole move
    the same day takes what is left), the first move of each key wins,
    and every contradiction is recorded."""
    steps = [_step(repo, replay, fn, day, t) for t in group]
    if len(steps) > 1:
        steps.sort(key=lambda s: (s.kind is StepKind.STAYS, s.part is None))
    start = {s.key: replay.holder(s.key) for s in steps}
    applied: dict[Key, Step] = {}
    for step in steps:
        _check_exists(replay, step)
        if not _check_holder(replay, step, start[step.key]):
            continue
        if step.kind is StepKind.STAYS:
            mover = applied.get(step.key) or (applied.get((fn, None)) if step.part else None)
            if mover is not None:
                replay.line.issues.append(Issue("stays-contradicted", step, mover))
                continue
        elif step.key in applied:
            first = applied[step.key]
            if step.part is not None or first.to_org != step.to_org:
                code = "part-twice" if step.part is not None else "same-day-conflict"
                replay.line.issues.append(Issue(code, step, first))
            continue
        applied[step.key] = step
        _apply(replay, step, start[step.key])


def _check_exists(replay: _Replay, step: Step) -> None:
    assert step.day is not None
    checks = [("to", step.to_org)]
    if step.from_stated and step.kind is StepKind.TRANSFER:
        checks.append(("from", step.from_org))
    for attr, oid in checks:
        org = replay.orgs.get(oid) if oid else None
        if org is None or org.exists_on(step.day):
            continue
        # the old name on the day of a reform: its last day was yesterday
        if attr == "from" and org.valid_to is not None and org.valid_to + ONE_DAY == step.day:
            continue
        replay.line.issues.append(Issue("not-valid-on-date", step, None, org.id, attr))


def _check_holder(replay: _Replay, step: Step, held: Holding | None) -> bool:
    """A stated source (or the organisation said to keep it) must be the
    holder; False when a 'stays' names someone else (it is not applied)."""
    named = step.to_org if step.kind is StepKind.STAYS else (step.from_org if step.from_stated else None)
    if held is None or named is None or _same_holder(replay, held, named, step.day):
        return True
    replay.line.issues.append(Issue("not-holder", step, held.step, held.holder))
    return step.kind is not StepKind.STAYS


def _same_holder(replay: _Replay, held: Holding, named: str, day: date | None) -> bool:
    if held.holder == named:
        return True
    org = replay.orgs.get(held.holder)
    # on the successor's first day, either name is right
    return bool(org and org.successor == named and day and org.valid_to and org.valid_to + ONE_DAY == day)


def _apply(replay: _Replay, step: Step, held: Holding | None) -> None:
    if step.kind is StepKind.STAYS:
        replay.begin(replace(step, from_org=held.holder if held else None))
        return
    if step.record is not None:
        replay.before[(step.record, step.key)] = held
    replay.begin(step)
    if step.part is None and held is not None:
        # parts held by the old holder go with the function
        fn, old = step.function, held.holder
        for key in [k for k, h in replay.open.items() if k[0] == fn and k[1] and h.holder == old]:
            replay.close(key, step.day - ONE_DAY if step.day else date.min)


# --- queries -------------------------------------------------------------------
def holders_at(repo: Repository, day: date, org: str | None = None) -> list[Holding]:
    """Who holds what on ``day`` (only ``org``'s holdings when given), in
    registry order, each with the step and the decision that gave it."""
    order = {fid: i for i, fid in enumerate(repo.functions)}
    now = timeline(repo).at(day)
    apart: dict[str, list[str]] = defaultdict(list)
    for h in now:
        if h.part is not None:
            apart[h.function].append(h.part)
    found = [
        replace(h, excluding=tuple(sorted(apart[h.function])))
        if h.part is None and h.function in apart
        else h
        for h in now
        if org is None or h.holder == org
    ]
    return sorted(found, key=lambda h: (order.get(h.function, 0), h.part or ""))


class Role(StrEnum):
    """What a step means for the organisation an audit is about."""

    HELD = "held"
    GAINED = "gained"
    GAVE = "gave away"
    KEPT = "kept"
    HANDED_OVER = "handed to its successor"
    TOOK_OVER = "took over from its predecessor"
    LOST = "lost (no successor)"
    MOVED = "moved"


@dataclass(frozen=True)
class History:
    """What happened to a function, or to what an organisation held, between two dates."""

    subject: str
    is_function: bool
    start: date | None
    end: date | None
    held_at_start: list[Holding]
    steps: list[Step]
    held_at_end: list[Holding]
    issues: list[Issue]
    undated: list[str]

    def role(self, step: Step) -> Role:
        """The step as seen from the subject organisation."""
        if self.is_function:
            return Role.HELD if step.kind is StepKind.INITIAL else Role.MOVED
        return _role(self.subject, step)


def _role(org: str, step: Step) -> Role:
    if step.kind is StepKind.INITIAL:
        return Role.HELD
    if step.kind is StepKind.STAYS:
        return Role.KEPT
    if step.kind is StepKind.ENDED:
        return Role.LOST
    if step.kind is StepKind.SUCCESSION:
        return Role.HANDED_OVER if step.from_org == org else Role.TOOK_OVER
    return Role.GAVE if step.from_org == org else Role.GAINED


def history(repo: Repository, subject: str, start: date | None = None, end: date | None = None) -> History:
    """The steps concerning a function (its id) or an organisation (what
    it gained, gave away, kept, handed over) from ``start`` to ``end``
    inclusive, oldest first; with holdings at both ends and the
    contradictions involving it."""
    line = timeline(repo)
    is_function = subject in repo.functions
    if not is_function and subject not in repo.organisations:
        raise KeyError(subject)

    def concerns(step: Step) -> bool:
        return step.function == subject if is_function else subject in (step.from_org, step.to_org)

    def within(step: Step) -> bool:
        if step.day is None:
            return start is None
        return (start is None or start <= step.day) and (end is None or step.day <= end)

    def holds(day: date | None) -> list[Holding]:
        if day is None:
            return []
        return [h for h in holders_at(repo, day) if (h.function if is_function else h.holder) == subject]

    steps = [s for s in line.steps if concerns(s) and within(s)]
    issues = [i for i in line.issues if concerns(i.step) or (i.other is not None and concerns(i.other))]
    undated = [rid for rid in line.undated if _undated_concerns(repo, rid, subject, is_function)]
    before = start - ONE_DAY if start else None
    return History(subject, is_function, start, end, holds(before), steps, holds(end), issues, undated)


def _undated_concerns(repo: Repository, rid: str, subject: str, is_function: bool) -> bool:
    t = repo.records[rid]
    assert isinstance(t, Transfer)
    return subject in t.what if is_function else subject in (t.to, t.from_)


@dataclass(frozen=True)
class Handover:
    """A function (or part) whose holder differs between two dates."""

    function: str
    part: str | None
    before: Holding | None
    after: Holding | None
    steps: list[Step]
    """The steps in between, oldest first: on whose decision it changed."""


def diff(repo: Repository, first: date, second: date) -> list[Handover]:
    """What changed hands between ``first`` and ``second`` (holder or scope)."""
    if second < first:
        first, second = second, first
    line = timeline(repo)
    then = {(h.function, h.part): h for h in line.at(first)}
    now = {(h.function, h.part): h for h in line.at(second)}
    order = {fid: i for i, fid in enumerate(repo.functions)}
    changed = []
    for key in sorted(then.keys() | now.keys(), key=lambda k: (order.get(k[0], 0), k[1] or "")):
        # a part not held apart follows its function
        a = then.get(key) or then.get((key[0], None))
        b = now.get(key) or now.get((key[0], None))
        if _state(a, key) == _state(b, key):
            continue
        steps = [s for s in line.steps if s.key == key and s.day and first < s.day <= second]
        changed.append(Handover(key[0], key[1], a, b, steps))
    return changed


def _state(held: Holding | None, key: Key) -> tuple[str, Scope | None] | None:
    """What counts as a change: the holder, and the scope of the key's own holding."""
    if held is None:
        return None
    return (held.holder, held.scope if (held.function, held.part) == key else None)

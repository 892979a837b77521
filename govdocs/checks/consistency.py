"""Consistency of the responsibility records: does each transfer agree
with who held what on its date? Part of `govdocs validate` (each check
is one rule in `RULES`) and listed by the audit.

The contradictions are found while the timeline is replayed
(`govdocs.derive.responsibilities`); here they become located problems.
Every message names both records with file:line:col, and the other one
is also in `Problem.related`."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from govdocs.derive.responsibilities import Issue, Step, StepKind, timeline
from govdocs.describe import fi_date
from govdocs.model.effects import Transfer
from govdocs.problems import Problem
from govdocs.repository import Origin, Repository


def locate(repo: Repository, step: Step, attr: str | None = None) -> tuple[Origin, tuple[str | int, ...]]:
    """Where a step is written: the transfer record, or the registry entry
    (a function's initial holder, an organisation's successor or end)."""
    if step.record is not None and step.origin is not None:  # kept on the step: no record read
        at = step.what_at
        return step.origin, ((attr,) if attr != "what" or at is None else ("what", at)) if attr else ()
    if step.record is not None:
        # repo.records, not repo.transfers: that property rebuilds a dict on every call
        transfer = repo.records.get(step.record)
        sub: tuple[str | int, ...] = (attr,) if attr else ()
        if attr == "what" and isinstance(transfer, Transfer) and len(transfer.what) > 1:
            sub = ("what", transfer.what.index(step.function))
        return repo.origins[step.record], sub
    if step.kind is StepKind.INITIAL:
        return repo.registry_origin("functions", step.function), ("holder", "organisation")
    field = "successor" if step.kind is StepKind.SUCCESSION else "valid_to"
    return repo.registry_origin("organisations", step.from_org or ""), (field,)


def where(repo: Repository, step: Step, attr: str | None = None) -> str:
    origin, sub = locate(repo, step, attr)
    return origin.where(*sub)


def name(step: Step) -> str:
    """How a step's record is named in a message."""
    if step.record is not None:
        return f"'{step.record}'"
    if step.kind is StepKind.INITIAL:
        return f"the registry's initial holder of '{step.function}'"
    return f"the end of '{step.from_org}'"


def _given(repo: Repository, step: Step) -> str:
    """How the current holder got it, with where that is written."""
    if step.kind is StepKind.INITIAL:
        return f"the registry's initial holder, {where(repo, step, 'to')}"
    if step.kind is StepKind.SUCCESSION:
        return f"since {_fi(step.day)} as successor of '{step.from_org}', {where(repo, step)}"
    return f"since {_fi(step.day)} by {name(step)}, {where(repo, step, 'to')}"


def _what(step: Step) -> str:
    return f"part '{step.part}' of '{step.function}'" if step.part else f"'{step.function}'"


def _fi(day: date | None) -> str:
    return fi_date(day) if day else "the start of the records"


def _problem(repo: Repository, step: Step, attr: str, message: str, code: str, other: str) -> Problem:
    origin, sub = locate(repo, step, attr)
    return origin.problem(message, *sub, code=code, related=(other,))


def _not_holder(repo: Repository, issue: Issue) -> Problem:
    step, other = issue.step, issue.other
    assert other is not None
    since = _given(repo, other)
    if step.kind is StepKind.STAYS:
        message = f"{_what(step)} is said to stay with '{step.to_org}' on {_fi(step.day)}, but "
        attr = "to"
    else:
        message = f"{_what(step)} is transferred from '{step.from_org}' on {_fi(step.day)}, but "
        attr = "from"
    message += f"on that date it is held by '{issue.holder}' ({since})"
    return _problem(repo, step, attr, message, "not-holder", where(repo, other, "to"))


def _twice(repo: Repository, issue: Issue) -> Problem:
    step, other = issue.step, issue.other
    assert other is not None
    message = (
        f"{_what(step)} is transferred twice on {_fi(step.day)}: here to '{step.to_org}', and to "
        f"'{other.to_org}' by {name(other)} ({where(repo, other, 'to')})"
    )
    return _problem(repo, step, "to", message, issue.code, where(repo, other, "to"))


def _stays_contradicted(repo: Repository, issue: Issue) -> Problem:
    step, other = issue.step, issue.other
    assert other is not None
    message = (
        f"{_what(step)} is said to stay with '{step.to_org}' from {_fi(step.day)}, but {name(other)} "
        f"transfers it to '{other.to_org}' on the same date ({where(repo, other, 'to')})"
    )
    return _problem(repo, step, "to", message, issue.code, where(repo, other, "to"))


def _no_holder(repo: Repository, issue: Issue) -> Problem:
    step, ended = issue.step, issue.other
    assert ended is not None and ended.day is not None
    message = (
        f"{_what(step)} is left with no holder from {_fi(ended.day)}: its holder '{issue.holder}' "
        f"ends on {_fi(ended.day - timedelta(days=1))} "
        f"({where(repo, ended)}) and has no successor; name a successor for '{issue.holder}' "
        f"or transfer {_what(step)} before then"
    )
    return _problem(repo, step, "to", message, issue.code, where(repo, ended))


def _not_valid(repo: Repository, issue: Issue) -> Problem:
    step, org_id = issue.step, issue.holder or ""
    org = repo.organisations[org_id]
    registry = repo.registry_origin("organisations", org_id)
    field = "valid_to" if org.valid_to and step.day and step.day > org.valid_to else "valid_from"
    entry = registry.where(field)
    start, end = org.valid_from, org.valid_to
    validity = f"valid {_fi(start) if start else '…'}–{_fi(end) if end else '…'}"
    what = "statement" if step.kind is StepKind.STAYS else "transfer"
    message = (
        f"organisation '{org_id}' does not exist on {_fi(step.day)}, when this {what} takes effect "
        f"({validity}; registry: {entry})"
    )
    return _problem(repo, step, issue.attr or "to", message, issue.code, entry)


_FORMAT = {
    "not-holder": _not_holder,
    "same-day-conflict": _twice,
    "part-twice": _twice,
    "stays-contradicted": _stays_contradicted,
    "no-holder": _no_holder,
    "not-valid-on-date": _not_valid,
}


CODES = frozenset(_FORMAT)
"""Problem codes of these checks (the audit lists them instead of refusing)."""


def problem(repo: Repository, issue: Issue) -> Problem:
    """The located problem for one contradiction (the audit lists these)."""
    return _FORMAT[issue.code](repo, issue)


def _problems(repo: Repository, code: str) -> Iterable[Problem]:
    seen: set[str] = set()
    for issue in timeline(repo).issues:
        if issue.code == code:
            found = problem(repo, issue)
            # one transfer of several functions to a missing organisation: say it once
            if found.format() not in seen:
                seen.add(found.format())
                yield found


def transfer_from_holder(repo: Repository) -> Iterable[Problem]:
    """A transfer's source (or a 'stays' organisation) holds it on that date."""
    return _problems(repo, "not-holder")


def one_transfer_per_day(repo: Repository) -> Iterable[Problem]:
    """No function moves to two different holders on the same date."""
    return _problems(repo, "same-day-conflict")


def transfer_organisations_exist(repo: Repository) -> Iterable[Problem]:
    """The organisations of a transfer exist on its effective date (the
    source may have ended the day before: the old name on a reform day)."""
    return _problems(repo, "not-valid-on-date")


def functions_keep_a_holder(repo: Repository) -> Iterable[Problem]:
    """No function is left without a holder when its holder ends."""
    return _problems(repo, "no-holder")


def part_moves_once(repo: Repository) -> Iterable[Problem]:
    """No part of a function is transferred twice on the same date."""
    return _problems(repo, "part-twice")


def stays_not_contradicted(repo: Repository) -> Iterable[Problem]:
    """A 'stays with' is not contradicted by a transfer on the same date."""
    return _problems(repo, "stays-contradicted")

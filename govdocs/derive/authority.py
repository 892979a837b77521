"""Who may decide what on a day, on whose decision: the delegations in force.

A delegation is a decision item with action ``delegate``: its maker gives a
right (a registry function, or the item's subject) to holders, alongside it
or instead of it, under someone's responsibility, on conditions and within
limits, for its validity. Records are facts; whether a delegation is in
force is derived: on each day from its first to its last (valid time,
`AsOf.holds`: a decision that gives a right from 1.1. holds from 1.1. even
when it is dated later). A delegation whose validity ends is gone the next
day, with no new record.

Kuntalaki 91 §: a right a maker holds only by a delegation may be delegated
onwards only where the rules allow it; `onward` finds each such chain, and
`govdocs.checks.item_rules` turns it into a located warning."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from govdocs.derive.asof import AsOf
from govdocs.model.common import NotStated, effective_date
from govdocs.model.items import Action, Amount, AmountKind, Holder, Item

if TYPE_CHECKING:
    from govdocs.model.decision import Decision
    from govdocs.repository import Repository

__all__ = ["Delegation", "Grant", "Onward", "authority", "delegations", "in_force", "of_subject", "onward"]


@dataclass(frozen=True)
class Delegation:
    """One delegate item, with the dates it holds from and to."""

    item: Item
    decision: str
    """The decision that makes it."""
    maker: str
    """Who delegates: the decision's maker."""
    start: date | None
    """First day (the validity's, else the decision's date); None: not known."""
    end: date | None
    """Last day; None: until further notice."""
    decided: date | None
    """The decision's date, stated or assumed."""
    start_assumed: bool
    """The first day rests on an assumption, not on the text."""

    @property
    def right(self) -> str:
        """What is delegated: the registry function, else the item's subject, else its id."""
        return self.item.function or self.item.subject or self.item.id

    def covers(self, day: date) -> bool:
        """Whether it holds on ``day``: from its first day to its last."""
        return self.start is not None and self.start <= day and (self.end is None or day <= self.end)

    def holds(self, asof: AsOf) -> bool:
        """The same, asked through the one rule of valid time (`AsOf.holds`)."""
        return (
            self.start is not None and asof.holds(self.start) and (self.end is None or asof.day <= self.end)
        )

    def overlaps(self, first: date | None, last: date | None) -> bool:
        """Whether it holds on some day from ``first`` to ``last`` (None: open)."""
        if self.start is None:
            return False
        return (last is None or self.start <= last) and (
            first is None or self.end is None or first <= self.end
        )


@dataclass(frozen=True)
class Grant:
    """One holder of a delegation in force, with the limit that binds them."""

    delegation: Delegation
    holder: Holder
    limit: Amount | None
    """The holder's own limit, else the item's limit; None: none stated."""
    fits: bool | None
    """Whether the amount asked about is within the limit; None: not asked,
    or the limit's value is not stated."""


@dataclass(frozen=True)
class Onward:
    """A right delegated onwards by a maker that holds it only by a delegation."""

    delegation: Delegation
    """The onward delegation."""
    via: Delegation
    """The delegation its maker holds the right by."""


def delegations(repo: Repository) -> list[Delegation]:
    """Every delegation of ``repo``, in reading order: a derived table,
    built once per state (`govdocs.derive.store`)."""
    from govdocs.derive.store import derived

    return derived(repo, "delegations", lambda r: list(_build(r)))


def _build(repo: Repository) -> Iterable[Delegation]:
    for rid, decision in repo.decisions.items():
        for item in decision.items:
            if item.action is Action.DELEGATE:
                yield _delegation(rid, decision, item)


def _delegation(rid: str, decision: Decision, item: Item) -> Delegation:
    validity = item.validity
    first = validity.from_ if validity is not None and validity.from_ is not None else decision.date
    last = validity.to if validity is not None else None
    return Delegation(
        item,
        rid,
        decision.maker,
        effective_date(first),
        effective_date(last),
        decision.day,
        isinstance(first, NotStated),
    )


def in_force(repo: Repository, day: date | AsOf | None = None, org: str | None = None) -> list[Delegation]:
    """The delegations in force on ``day`` (default today); with ``org``,
    only those it makes, answers for or receives."""
    asof = AsOf.of(repo, day)
    return [d for d in delegations(repo) if d.holds(asof) and (org is None or concerns(repo, d, org))]


def concerns(repo: Repository, d: Delegation, org: str) -> bool:
    """Whether organisation ``org`` delegates, answers for or holds ``d``."""
    makers = repo.makers
    offices = [d.maker, d.item.responsibility, *(h.maker for h in d.item.holders)]
    return any(makers[m].organisation == org for m in offices if m in makers) or any(
        h.organisation == org for h in d.item.holders
    )


def of_subject(
    repo: Repository, subject: str, first: date | None = None, last: date | None = None
) -> list[Delegation]:
    """The delegations of a function (its id) or concerning an organisation
    that hold on some day from ``first`` to ``last`` (the audit's part)."""
    is_function = subject in repo.functions
    return [
        d
        for d in delegations(repo)
        if d.overlaps(first, last)
        and (d.item.function == subject if is_function else concerns(repo, d, subject))
    ]


def authority(
    repo: Repository, day: date | AsOf | None = None, right: str | None = None, amount: Decimal | None = None
) -> list[Grant]:
    """Who may decide ``right`` (a function id or subject; None: anything)
    on ``day`` by a delegation in force: one grant per holder, leaving out
    the holders whose stated limit is below ``amount``."""
    grants = []
    for d in in_force(repo, day):
        if right is not None and right not in (d.item.function, d.item.subject):
            continue
        for holder in d.item.holders:
            limit = holder.limit or _item_limit(d.item)
            fits = _fits(limit, amount)
            if fits is not False:
                grants.append(Grant(d, holder, limit, fits))
    return grants


def _item_limit(item: Item) -> Amount | None:
    return next((a for a in item.amounts if a.kind is AmountKind.LIMIT), None)


def _fits(limit: Amount | None, amount: Decimal | None) -> bool | None:
    if amount is None:
        return None
    if limit is None:
        return True
    return None if isinstance(limit.value, NotStated) else amount <= limit.value


def onward(repo: Repository) -> list[Onward]:
    """Each delegation whose maker, on the day it starts (or is decided),
    holds the same right only by another delegation (Kuntalaki 91 §)."""
    found = []
    every = delegations(repo)
    for d in every:
        day = d.start or d.decided
        if day is None:
            continue
        for via in every:
            if via is not d and via.right == d.right and via.covers(day) and _holds(via, d.maker):
                found.append(Onward(d, via))
                break
    return found


def _holds(d: Delegation, maker: str) -> bool:
    return any(h.maker == maker for h in d.item.holders)

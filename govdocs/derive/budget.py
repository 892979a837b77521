"""The budget-incorporation checklist of one budget year.

Two kinds of item need the budget's attention: obligations to take
something into account in the budget (kind 'budget-incorporation') due for
that budget year, and appropriations (registry functions of kind
'appropriation') that move between organisations with effect in that year.
Each item carries its source decision, the quote that creates it and a
derived status. A moving appropriation is covered by its decision's
budget-incorporation obligation for the same year when there is one (and
shares its status); otherwise it is due when the budget proposal is ready.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from govdocs.derive.asof import AsOf, Status
from govdocs.derive.obligations import Instance, Place, obligation_status
from govdocs.derive.periods import budget_proposal
from govdocs.describe import citation
from govdocs.model.common import NotStated, effective_date
from govdocs.model.effects import Change, ObligationKind, Transfer
from govdocs.model.registry import Function, FunctionKind
from govdocs.repository import Repository

NOT_STATED = "not-stated"
"""Group key of items whose organisation the text does not name."""


@dataclass(frozen=True)
class BudgetItem:
    """One line of the checklist."""

    kind: str
    """'obligation' or 'appropriation'."""
    id: str
    """Obligation instance key or transfer id."""
    organisation: str
    """Group: the obligation's owner, or the organisation the appropriation
    moves into (whose budget takes it)."""
    what: str
    source: str
    citation: str
    quote: str
    status: Status
    due: date | None
    place: Place
    moves_from: str | None = None
    moves_to: str | None = None
    effective: date | None = None
    covered_by: str | None = None
    """The budget-incorporation obligation whose status a transfer shares."""

    @property
    def where(self) -> str:
        """file:line:col of the obligation or transfer."""
        return str(self.place)

    def as_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "id": self.id,
            "organisation": self.organisation,
            "what": self.what,
            "from": self.moves_from,
            "to": self.moves_to,
            "effective": self.effective.isoformat() if self.effective else None,
            "due": self.due.isoformat() if self.due else None,
            "status": str(self.status),
            "source": self.source,
            "citation": self.citation,
            "where": self.where,
            "quote": self.quote,
            "covered_by": self.covered_by,
        }


@dataclass(frozen=True)
class Checklist:
    year: int
    as_of: date
    items: list[BudgetItem]

    def groups(self) -> dict[str, list[BudgetItem]]:
        """Items by organisation, organisations in id order ('not-stated' last)."""
        found: dict[str, list[BudgetItem]] = {}
        for item in self.items:
            found.setdefault(item.organisation, []).append(item)
        return dict(sorted(found.items(), key=lambda kv: (kv[0] == NOT_STATED, kv[0])))

    def as_dict(self) -> dict[str, Any]:
        return {
            "budget_year": self.year,
            "as_of": self.as_of.isoformat(),
            "organisations": [
                {"organisation": org, "items": [i.as_dict() for i in items]}
                for org, items in self.groups().items()
            ],
        }


def budget_checklist(repo: Repository, year: int, as_of: date | AsOf | None = None) -> Checklist:
    """Everything to incorporate into the budget of ``year``, with status
    as of ``as_of`` (default today)."""
    day = AsOf.of(repo, as_of)
    instances = [
        i
        for i in obligation_status(repo, day, through=date(year, 12, 31))
        if i.obligation.kind is ObligationKind.BUDGET and _budget_year(i) == year
    ]
    covering = {i.source: i for i in instances}
    items = [_obligation_item(i) for i in instances]
    items += _appropriations(repo, year, day, covering)
    return Checklist(year, day.day, sorted(items, key=lambda i: (i.organisation, i.kind, i.id)))


def _budget_year(instance: Instance) -> int | None:
    due = instance.obligation.due
    if due.budget_year is not None:
        return due.budget_year
    if due.year is not None:
        return due.year
    if instance.period is not None:
        return int(instance.period[:4])
    return due.date.year if due.date else None


def _obligation_item(i: Instance) -> BudgetItem:
    o = i.obligation
    org = NOT_STATED if isinstance(o.owner, NotStated) else o.owner
    return BudgetItem(
        "obligation", i.key, org, o.what, i.source, i.citation, _flat(o.quote), i.status, i.due, i.place
    )


def _appropriations(
    repo: Repository, year: int, as_of: AsOf, covering: dict[str, Instance]
) -> list[BudgetItem]:
    due = budget_proposal(as_of.calendar, year)
    items = []
    for moved in moved_appropriations(repo):
        if moved.effective.year != year or not as_of.holds(moved.decided):
            continue
        cover = covering.get(moved.decision)
        status = cover.status if cover else as_of.status(due)
        items.append(_transfer_item(moved, status, cover, due))
    return items


@dataclass(frozen=True)
class Moved:
    """A transfer that moves appropriations, as its decision states it: a
    row of the derived table `moved_appropriations`."""

    transfer: Transfer
    names: str
    """The appropriations' names, '; '-separated."""
    decision: str
    decided: date | None
    citation: str
    place: Place
    effective: date


def moved_appropriations(repo: Repository) -> list[Moved]:
    """Every dated transfer that moves an appropriation, in reading order: a
    derived table, built once per state (`govdocs.derive.store`)."""
    from govdocs.derive.store import derived

    return derived(repo, "moved-appropriations", _moved)


def _moved(repo: Repository) -> list[Moved]:
    functions = repo.functions
    found = []
    for decision in repo.decisions.values():
        for t in decision.transfers:
            effective = effective_date(t.effective)
            if t.change is not Change.MOVES or effective is None:
                continue
            names = _appropriations_moved(functions, t)
            if names:
                found.append(Moved(t, "; ".join(names), decision.id, decision.day, citation(repo, decision),
                                   Place(repo.origins[t.id]), effective))
    return found


def _appropriations_moved(functions: dict[str, Function], t: Transfer) -> list[str]:
    """Names of the appropriations among what a transfer moves."""
    return [
        functions[w].name
        for w in t.what
        if w in functions and functions[w].kind is FunctionKind.APPROPRIATION
    ]


def _transfer_item(moved: Moved, status: Status, cover: Instance | None, due: date) -> BudgetItem:
    t = moved.transfer
    moves_from = NOT_STATED if isinstance(t.from_, NotStated) else t.from_
    return BudgetItem(
        "appropriation",
        t.id,
        t.to or NOT_STATED,
        moved.names,
        moved.decision,
        moved.citation,
        _flat(t.quote),
        status,
        cover.due if cover else due,
        moved.place,
        moves_from,
        t.to,
        moved.effective,
        cover.key if cover else None,
    )


def _flat(text: str) -> str:
    return " ".join(text.split())

"""Fulfilment checks the follow-up engine relies on, beyond the core ones
in `rules.fulfilments` (unknown obligation, before created, twice, after
cancelled, period missing or not recurring): a period must be one of the
recurring obligation's periods, and a supersession must name another
obligation."""

from __future__ import annotations

from collections.abc import Iterable

from govdocs.derive.periods import in_range, label_of
from govdocs.model.decision import Decision, FollowUp
from govdocs.model.effects import Due, Fulfilment, Obligation, Outcome
from govdocs.problems import Problem
from govdocs.repository import Origin, Repository

_FORM = {"yearly": "the year, e.g. 2018", "quarterly": "e.g. '2018-Q1'", "monthly": "e.g. '2018-02'"}


def fulfilment_periods(repo: Repository) -> Iterable[Problem]:
    """A fulfilment's period has the recurrence's form and lies within its
    start and until years."""
    obligations = repo.obligations
    for origin, fulfilment, at in _fulfilments(repo):
        obligation = obligations.get(fulfilment.obligation)
        label = label_of(fulfilment.period)
        if obligation is None or obligation.due.every is None or label is None:
            continue
        if not in_range(obligation.due, label):
            message = _period_message(obligation, label)
            yield origin.problem(message, *at, "period", code="period-out-of-range")


def _period_message(obligation: Obligation, label: str) -> str:
    due: Due = obligation.due
    every = str(due.every)
    span = f"{due.start}–{due.until}" if due.until else f"{due.start} onwards"
    wrong_form = (len(label) == 4) != (every == "yearly") or ("-Q" in label) != (every == "quarterly")
    if wrong_form:
        form = f"write {_FORM[every]}"
        return f"'{obligation.id}' recurs {every}; period '{label}' is not a {every} period ({form})"
    return f"'{obligation.id}' recurs {every} for {span}; period {label} is outside that range"


def supersessions(repo: Repository) -> Iterable[Problem]:
    """'superseded' names the obligation that replaces it, which is another
    one; superseded_by goes with no other outcome."""
    for origin, f, at in _fulfilments(repo):
        if f.outcome is Outcome.SUPERSEDED and f.superseded_by is None:
            yield origin.problem(
                f"'{f.obligation}' is superseded; name the obligation that replaces it (superseded_by: ID)",
                *at,
                code="superseded-by-missing",
            )
        elif f.superseded_by is not None and f.outcome is not Outcome.SUPERSEDED:
            yield origin.problem(
                f"'superseded_by' goes with outcome 'superseded', but this record says '{f.outcome}'",
                *at,
                "superseded_by",
                code="superseded-by-outcome",
            )
        elif f.superseded_by == f.obligation:
            yield origin.problem(
                f"'{f.obligation}' cannot be superseded by itself",
                *at,
                "superseded_by",
                code="superseded-by-self",
            )


def _fulfilments(repo: Repository) -> Iterable[tuple[Origin, Fulfilment, tuple[str | int, ...]]]:
    records: list[Decision | FollowUp] = [*repo.decisions.values(), *repo.followups.values()]
    for record in records:
        for i, fulfilment in enumerate(record.fulfils):
            yield repo.origins[record.id], fulfilment, ("fulfils", i)


FOLLOWUP_RULES = [fulfilment_periods, supersessions]

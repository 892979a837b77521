"""Appeal deadlines of one decision: its appeal route gives the period,
`govdocs.derive.deadlines` the dates."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from govdocs.derive.deadlines import AppealDeadline, Notification, appeal_deadline, personal_data_removal_date
from govdocs.derive.deadlines import AppealRoute as Route
from govdocs.model.decision import Appeal, AppealRoute, Decision

# Hankintalaki 133 § and 146 §: hankintaoikaisu and the market court, 14 days.
PROCUREMENT_DAYS = 14


@dataclass(frozen=True)
class DecisionDeadline:
    """The deadline of one decision, or why there is none."""

    decision: str
    route: str | None
    days: int | None
    deadline: AppealDeadline | None
    removal: date | None
    """First day the web copy must be without personal data (Kuntalaki 140 §)."""


def appeal_days(appeal: Appeal) -> int | None:
    """The period of the decision's appeal route; None for no appeal."""
    if appeal.route is AppealRoute.HANKINTA:
        return appeal.days or PROCUREMENT_DAYS
    if appeal.route is AppealRoute.MUUTOKSENHAKUKIELTO:
        return None
    if appeal.days is not None:
        return appeal.days
    from govdocs.derive.deadlines import appeal_period_days

    return appeal_period_days(Route(appeal.route.value))


def decision_deadline(decision: Decision, published: date, how: Notification) -> DecisionDeadline:
    """Dates for ``decision`` published (or sent) on ``published``."""
    appeal = decision.appeal
    if not isinstance(appeal, Appeal):
        return DecisionDeadline(decision.id, None, None, None, None)
    days = appeal_days(appeal)
    if days is None:
        return DecisionDeadline(decision.id, str(appeal.route), None, None, None)
    return DecisionDeadline(
        decision.id,
        str(appeal.route),
        days,
        appeal_deadline(published, how, days),
        personal_data_removal_date(published, days),
    )

"""Appeal deadlines of one decision: its appeal route gives the period,
`govdocs.derive.deadlines` the dates."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from govdocs.derive.deadlines import AppealDeadline, Notification, appeal_deadline, personal_data_removal_date
from govdocs.derive.deadlines import AppealRoute as Route
from govdocs.model.decision import Appeal, AppealRoute, Decision
from govdocs.repository import Repository

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
    published: date | None = None
    """The day counted from: given, or the minutes' display day."""
    source: str | None = None
    """Where ``published`` comes from when not given: 'the minutes of
    Kaupunginvaltuusto 16/2025 on public display'."""


@dataclass(frozen=True)
class Publication:
    """The day a decision was published, and where that day comes from."""

    day: date
    source: str
    meeting: str
    """The meeting whose minutes went on display."""


def publication(repo: Repository, decision_id: str) -> Publication | None:
    """A body's decision is published with its meeting's minutes: online
    in the general data network on the minutes' display day (Kuntalaki
    140 §). None when the decision has no meeting, or its meeting no
    display day yet."""
    meeting = repo.meeting_of(decision_id)
    if meeting is None or meeting.minutes.display is None:
        return None
    body = repo.makers.get(meeting.body)
    name = body.name.fi if body is not None else meeting.body
    return Publication(
        meeting.minutes.display, f"the minutes of {name} {meeting.label} on public display", meeting.id
    )


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


def decision_deadline(
    decision: Decision, published: date, how: Notification, source: str | None = None
) -> DecisionDeadline:
    """Dates for ``decision`` published (or sent) on ``published``
    (``source``: where that day comes from, when not given by the user)."""
    appeal = decision.appeal
    if not isinstance(appeal, Appeal):
        return DecisionDeadline(decision.id, None, None, None, None, published, source)
    days = appeal_days(appeal)
    if days is None:
        return DecisionDeadline(decision.id, str(appeal.route), None, None, None, published, source)
    return DecisionDeadline(
        decision.id,
        str(appeal.route),
        days,
        appeal_deadline(published, how, days),
        personal_data_removal_date(published, days),
        published,
        source,
    )

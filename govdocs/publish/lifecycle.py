"""Personal data on the web, over time (Kuntalaki 140 §).

A decision's web copy never shows what its record lists under
``personal_data``. What it lists under ``published_personal_data`` (a
permit holder's, an appointee's name) is shown while the decision can be
appealed, and removed from the first day after the appeal period of the
members of the municipality: counted from the day the decision went online
(``published_on``, an office holder's decision) or from its meeting's
minutes going on display. When that day, or the appeal period, is not
known the data is never shown: removal cannot wait for a day nobody knows.

Every public output (documents, site pages, search index, feeds, exports)
asks :func:`masked_personal_data` for the one decision on the one day, so
they agree by construction.

Example::

    period = web_period(repo, repo.decisions["liikj-2022-2"])
    period.removal          # date(2022, 6, 1): first day without the names
    masked_personal_data(repo, decision, date(2022, 5, 20))   # only personal_data
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from govdocs.derive.deadlines import personal_data_removal_date
from govdocs.drafting.deadline import appeal_days, publication
from govdocs.model.decision import Appeal, Decision
from govdocs.repository import Repository

__all__ = ["WebPeriod", "masked_personal_data", "shown_personal_data", "web_period"]


@dataclass(frozen=True)
class WebPeriod:
    """How long a decision's ``published_personal_data`` stays online."""

    decision: str
    published: date | None
    """The day counted from; None when not known."""
    source: str | None
    """Where ``published`` comes from: 'published_on', or the minutes on display."""
    removal: date | None
    """The first day the web copy is without it; None: never shown."""
    reason: str | None = None
    """Why it is never shown, when it is not (no publication day, no appeal period)."""

    def shows(self, day: date) -> bool:
        """Whether the web copy shows the data on ``day``."""
        if self.removal is None or self.published is None:
            return False
        return self.published <= day < self.removal


def web_period(repo: Repository, decision: Decision) -> WebPeriod:
    """The period :class:`WebPeriod` describes, from the decision's own
    publication and appeal route."""
    published: date | None = decision.published_on
    source: str | None = "published_on"
    if published is None:
        shown = publication(repo, decision.id)
        published, source = (shown.day, shown.source) if shown is not None else (None, None)
    if published is None:
        return WebPeriod(decision.id, None, None, None, "the day it was published is not stated")
    if not isinstance(decision.appeal, Appeal):
        return WebPeriod(decision.id, published, source, None, "its appeal route is not stated")
    days = appeal_days(decision.appeal)
    if days is None:
        return WebPeriod(decision.id, published, source, None, "it cannot be appealed")
    return WebPeriod(decision.id, published, source, personal_data_removal_date(published, days))


def shown_personal_data(repo: Repository, decision: Decision, as_of: date | None = None) -> list[str]:
    """The ``published_personal_data`` the web copy shows on ``as_of`` (default today)."""
    if not decision.published_personal_data:
        return []
    if not web_period(repo, decision).shows(as_of or date.today()):
        return []
    return [p for p in decision.published_personal_data if p not in decision.personal_data]


def masked_personal_data(repo: Repository, decision: Decision, as_of: date | None = None) -> list[str]:
    """What the web copy masks on ``as_of`` (default today): ``personal_data``
    always, ``published_personal_data`` once its period has ended."""
    shown = set(shown_personal_data(repo, decision, as_of))
    every = [*decision.personal_data, *decision.published_personal_data]
    return [p for p in dict.fromkeys(every) if p not in shown]

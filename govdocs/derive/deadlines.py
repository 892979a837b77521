"""Appeal deadlines for Finnish municipal decisions.

The rules, all pure date arithmetic (no I/O):

* Notification (Hallintolaki 59 §, Kuntalaki 140 §): a party is deemed
  notified 7 days after a letter is sent and 3 days after an electronic
  message is sent; members of the municipality 7 days after the minutes are
  published online; personal service notifies on the day of delivery.
* Counting (Laki säädettyjen määräaikain laskemisesta 150/1930): the
  notification day is not counted, so a period of N days ends on
  ``notified + N``.  If that day is a Saturday, a Sunday or another
  pyhäpäivä, Independence Day, May Day, Christmas Eve or Midsummer Eve, the
  period ends on the next working day.
* Periods per appeal route (Kuntalaki 134–136 §, Hallintolaki 49 c §,
  Oikeudenkäynti hallintoasioissa 13 §): see :func:`appeal_period_days`.

The holiday calendar is the ``FI`` calendar of the ``holidays`` package.  Its
public category already lists Midsummer Eve (Friday 19–25 June), Christmas
Eve, Independence Day and May Day, so those need no separate handling here;
``tests/test_deadlines.py`` guards that assumption.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from functools import cache

import holidays

from govdocs.describe import fi_date

__all__ = [
    "AppealDeadline",
    "AppealRoute",
    "Notification",
    "appeal_deadline",
    "appeal_period_days",
    "is_working_day",
    "non_working_reason",
    "notified_on",
    "period_end",
    "personal_data_removal_date",
]


class Notification(StrEnum):
    """How a decision was brought to the notice of the person appealing."""

    LETTER = "letter"
    """Ordinary letter to a party: notified 7 days after sending (HL 59 §)."""
    ELECTRONIC = "electronic"
    """Electronic message to a party: notified 3 days after sending (HL 59 §)."""
    ONLINE_PUBLICATION = "online"
    """Minutes published online: members of the municipality notified 7 days later
    (KuntaL 140 §)."""
    IN_PERSON = "in-person"
    """Personal service: notified on the day of delivery."""


_NOTIFICATION_DELAY_DAYS: Mapping[Notification, int] = {
    Notification.LETTER: 7,
    Notification.ELECTRONIC: 3,
    Notification.ONLINE_PUBLICATION: 7,
    Notification.IN_PERSON: 0,
}


class AppealRoute(StrEnum):
    """Routes of appeal against a municipal decision (DOMAIN.md §3)."""

    OIKAISUVAATIMUS = "oikaisuvaatimus"
    """Oikaisuvaatimus under Kuntalaki 134 §: 14 days."""
    KUNNALLISVALITUS = "kunnallisvalitus"
    """Kunnallisvalitus (Kuntalaki 135 §): 30 days."""
    OIKAISUVAATIMUS_ERITYISLAKI = "oikaisuvaatimus-erityislaki"
    """Oikaisuvaatimus under a special law (Hallintolaki 49 c §): 30 days."""
    HALLINTOVALITUS = "hallintovalitus"
    """Hallintovalitus under a special law: 30 days unless that law says otherwise."""
    HALLINTOVALITUS_MRL = "hallintovalitus-mrl"
    """Hallintovalitus of a decision on an oikaisuvaatimus about a permit
    under Maankäyttö- ja rakennuslaki: 30 days."""
    MUUTOKSENHAKUKIELTO = "muutoksenhakukielto"
    """No appeal allowed (Kuntalaki 136 §): no period."""


_ROUTE_PERIOD_DAYS: Mapping[AppealRoute, int | None] = {
    AppealRoute.OIKAISUVAATIMUS: 14,
    AppealRoute.KUNNALLISVALITUS: 30,
    AppealRoute.OIKAISUVAATIMUS_ERITYISLAKI: 30,
    AppealRoute.HALLINTOVALITUS: 30,
    AppealRoute.HALLINTOVALITUS_MRL: 30,
    AppealRoute.MUUTOKSENHAKUKIELTO: None,
}


def appeal_period_days(route: AppealRoute, special_law_days: int | None = None) -> int | None:
    """Return the appeal period in days for ``route``, or ``None`` if there is none.

    ``special_law_days`` is the period a special law sets for a hallintovalitus;
    it is refused for the other routes, whose periods are fixed.
    """
    if special_law_days is not None:
        if route is not AppealRoute.HALLINTOVALITUS:
            raise ValueError(f"{route.value}: the period is fixed by law, not by a special law")
        _check_days(special_law_days)
        return special_law_days
    return _ROUTE_PERIOD_DAYS[route]


_WEEKDAY_FI = (
    "maanantai",
    "tiistai",
    "keskiviikko",
    "torstai",
    "perjantai",
    "lauantai",
    "sunnuntai",
)


@cache
def _fi_holidays(year: int) -> Mapping[date, str]:
    """Finnish public holidays of ``year`` with their Finnish names (cached per year)."""
    return dict(holidays.country_holidays("FI", years=year, language="fi"))


def non_working_reason(d: date) -> str | None:
    """Why ``d`` is not a working day in Finnish (e.g. ``"juhannusaatto"``), or ``None``.

    A holiday's name wins over the weekday: Saturday 6.12.2025 is
    ``"itsenäisyyspäivä"``, not ``"lauantai"``.
    """
    name = _fi_holidays(d.year).get(d)
    if name is not None:
        return name.lower()
    if d.weekday() >= 5:
        return _WEEKDAY_FI[d.weekday()]
    return None


def is_working_day(d: date) -> bool:
    """Whether an appeal period may end on ``d`` (Mon–Fri and not a holiday or eve)."""
    return non_working_reason(d) is None


def notified_on(sent: date, how: Notification) -> date:
    """Day on which the recipient is deemed notified of a decision sent on ``sent``.

    The deemed day is not moved off weekends or holidays; only the end of the
    period is.
    """
    return sent + timedelta(days=_NOTIFICATION_DELAY_DAYS[how])


def _check_days(days: int) -> None:
    if days < 1:
        raise ValueError(f"an appeal period must be at least one day, got {days}")


def _roll_over(nominal: date) -> tuple[date, list[str]]:
    """Move ``nominal`` to the first working day on or after it, with a reason per skipped day."""
    day = nominal
    reasons: list[str] = []
    while (reason := non_working_reason(day)) is not None:
        reasons.append(f"{fi_date(day)} on {reason}")
        day += timedelta(days=1)
    return day, reasons


def period_end(notified: date, days: int) -> date:
    """Last day of a ``days``-day period starting from notification on ``notified``.

    The notification day is not counted; an end on a non-working day moves to
    the next working day.
    """
    _check_days(days)
    return _roll_over(notified + timedelta(days=days))[0]


def _fi_list(items: list[str]) -> str:
    """Join with commas and a final "ja": ``["a", "b", "c"]`` → ``"a, b ja c"``."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " ja " + items[-1]


@dataclass(frozen=True)
class AppealDeadline:
    """An appeal deadline with the steps that led to it."""

    sent: date
    """Day the decision was sent, handed over, or the minutes published online."""
    how: Notification
    notified: date
    """Day the recipient is deemed notified (not counted in the period)."""
    days: int
    """Length of the appeal period in days."""
    nominal_end: date
    """``notified + days``, before moving off non-working days."""
    deadline: date
    """Last day for the appeal: ``nominal_end`` or the next working day."""
    rolled_over_because: list[str]
    """One Finnish reason per skipped day, e.g. ``"20.6.2025 on juhannusaatto"``."""

    def explain_fi(self) -> str:
        """A short Finnish explanation of how the deadline was computed."""
        return " ".join([self._notification_sentence_fi(), self._period_sentence_fi()])

    def _notification_sentence_fi(self) -> str:
        sent, notified = fi_date(self.sent), fi_date(self.notified)
        match self.how:
            case Notification.LETTER:
                return (
                    f"Päätös lähetettiin kirjeellä {sent}. Asianosaisen katsotaan saaneen "
                    f"päätöksestä tiedon seitsemän päivän kuluttua kirjeen lähettämisestä "
                    f"eli {notified}."
                )
            case Notification.ELECTRONIC:
                return (
                    f"Päätös lähetettiin sähköisenä viestinä {sent}. Asianosaisen katsotaan "
                    f"saaneen päätöksestä tiedon kolmen päivän kuluttua viestin lähettämisestä "
                    f"eli {notified}."
                )
            case Notification.ONLINE_PUBLICATION:
                return (
                    f"Pöytäkirja asetettiin nähtäväksi yleiseen tietoverkkoon {sent}. Kunnan "
                    f"jäsenen katsotaan saaneen päätöksestä tiedon seitsemän päivän kuluttua "
                    f"eli {notified}."
                )
            case Notification.IN_PERSON:
                return f"Päätös luovutettiin tiedoksi {sent}, joka on tiedoksisaantipäivä."
        raise AssertionError(f"unhandled notification method {self.how!r}")

    def _period_sentence_fi(self) -> str:
        nominal = fi_date(self.nominal_end)
        counted = (
            f"Tiedoksisaantipäivää ei lueta määräaikaan, joten {self.days} päivän määräajan viimeinen päivä"
        )
        if not self.rolled_over_because:
            return f"{counted} on {nominal}."
        return (
            f"{counted} olisi {nominal}. Koska {_fi_list(self.rolled_over_because)}, "
            f"määräaika päättyy seuraavana arkipäivänä {fi_date(self.deadline)}."
        )


def appeal_deadline(sent: date, how: Notification, days: int) -> AppealDeadline:
    """Compute the appeal deadline for a decision sent or published on ``sent``."""
    _check_days(days)
    notified = notified_on(sent, how)
    nominal = notified + timedelta(days=days)
    deadline, reasons = _roll_over(nominal)
    return AppealDeadline(
        sent=sent,
        how=how,
        notified=notified,
        days=days,
        nominal_end=nominal,
        deadline=deadline,
        rolled_over_because=reasons,
    )


def personal_data_removal_date(published: date, days: int) -> date:
    """First day on which personal data must be gone from the web copy (Kuntalaki 140 §).

    Personal data is removed once the appeal period of the members of the
    municipality has ended, i.e. the day after the deadline counted from
    online publication of the minutes.
    """
    return appeal_deadline(published, Notification.ONLINE_PUBLICATION, days).deadline + timedelta(days=1)

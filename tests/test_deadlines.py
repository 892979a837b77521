"""Tests for govdocs.derive.deadlines.

Every expected date below was worked out by hand from a printed calendar and
the rules of 150/1930, Hallintolaki 59 § and Kuntalaki 140 §, not from the
code under test.  Holidays used (weekday in brackets):

* Easter 2024: Good Friday 29.3 (Fri), Easter Monday 1.4 (Mon);
  2025: 18.4 / 21.4; 2026: 3.4 / 6.4.
* Ascension Day: 9.5.2024, 29.5.2025, 14.5.2026 (all Thu).
* May Day 1.5: 2025 Thu, 2026 Fri.
* Midsummer Eve / Day: 21.6 / 22.6.2024, 20.6 / 21.6.2025, 19.6 / 20.6.2026.
* All Saints' Day (Sat 31.10–6.11): 2.11.2024, 1.11.2025, 31.10.2026.
* Independence Day 6.12: 2023 Wed, 2024 Fri, 2025 Sat.
* Christmas Eve / Day / Boxing Day 24–26.12: 2024 Tue–Thu, 2025 Wed–Fri,
  2026 Thu–Sat.
* New Year 1.1: 2025 Wed, 2026 Thu, 2027 Fri.  Epiphany 6.1: 2024 Sat,
  2025 Mon, 2026 Tue.
"""

from __future__ import annotations

from datetime import date

import pytest

from govdocs.derive.deadlines import (
    AppealDeadline,
    AppealRoute,
    Notification,
    appeal_deadline,
    appeal_period_days,
    is_working_day,
    notified_on,
    period_end,
    personal_data_removal_date,
)

LETTER = Notification.LETTER
ELECTRONIC = Notification.ELECTRONIC
ONLINE = Notification.ONLINE_PUBLICATION
IN_PERSON = Notification.IN_PERSON

D = date

# (sent, how, days, expected deadline, why)
# fmt: off
DEADLINE_CASES = [
    # --- the worked example of DOMAIN.md §3
    (D(2025, 5, 30), ONLINE, 14, D(2025, 6, 23),
     "online Fri 30.5 -> notified 6.6; 6.6+14 = Fri 20.6 Midsummer Eve, 21.6 Midsummer Day, "
     "22.6 Sun -> Mon 23.6"),
    # --- Easter
    (D(2024, 3, 15), IN_PERSON, 14, D(2024, 4, 2),
     "15.3+14 = Fri 29.3 Good Friday, 30.3 Sat, 31.3 Easter Sun, 1.4 Easter Mon -> Tue 2.4"),
    (D(2024, 3, 25), LETTER, 30, D(2024, 5, 2),
     "letter Mon 25.3 -> notified Easter Mon 1.4 (not moved); 1.4+30 = Wed 1.5 May Day "
     "-> Thu 2.5"),
    (D(2025, 4, 1), ELECTRONIC, 14, D(2025, 4, 22),
     "e-mail Tue 1.4 -> notified Fri 4.4; 4.4+14 = Fri 18.4 Good Friday .. Easter Mon 21.4 "
     "-> Tue 22.4"),
    (D(2025, 4, 7), IN_PERSON, 14, D(2025, 4, 22),
     "7.4+14 = Mon 21.4 Easter Monday -> Tue 22.4"),
    (D(2026, 3, 13), ONLINE, 14, D(2026, 4, 7),
     "online Fri 13.3 -> notified 20.3; 20.3+14 = Fri 3.4 Good Friday .. Easter Mon 6.4 "
     "-> Tue 7.4"),
    (D(2026, 2, 27), LETTER, 30, D(2026, 4, 7),
     "letter Fri 27.2 -> notified Fri 6.3; 6.3+30 = Sun 5.4 Easter Sunday, 6.4 Easter Mon "
     "-> Tue 7.4"),
    # --- Ascension Day
    (D(2024, 4, 25), IN_PERSON, 14, D(2024, 5, 10),
     "25.4+14 = Thu 9.5 Ascension Day -> Fri 10.5"),
    (D(2025, 5, 12), ELECTRONIC, 14, D(2025, 5, 30),
     "e-mail Mon 12.5 -> notified Thu 15.5; +14 = Thu 29.5 Ascension Day -> Fri 30.5"),
    (D(2026, 4, 23), ONLINE, 14, D(2026, 5, 15),
     "online Thu 23.4 -> notified 30.4; +14 = Thu 14.5 Ascension Day -> Fri 15.5"),
    # --- May Day
    (D(2025, 4, 17), IN_PERSON, 14, D(2025, 5, 2),
     "17.4+14 = Thu 1.5 May Day -> Fri 2.5"),
    (D(2026, 4, 10), ONLINE, 14, D(2026, 5, 4),
     "online Fri 10.4 -> notified 17.4; +14 = Fri 1.5 May Day, 2.5 Sat, 3.5 Sun -> Mon 4.5"),
    # --- Midsummer
    (D(2024, 5, 31), LETTER, 14, D(2024, 6, 24),
     "letter Fri 31.5 -> notified 7.6; +14 = Fri 21.6 Midsummer Eve, 22.6 Midsummer Day, "
     "23.6 Sun -> Mon 24.6"),
    (D(2024, 5, 23), IN_PERSON, 30, D(2024, 6, 24),
     "23.5+30 = Sat 22.6 Midsummer Day, 23.6 Sun -> Mon 24.6"),
    (D(2026, 6, 2), ELECTRONIC, 14, D(2026, 6, 22),
     "e-mail Tue 2.6 -> notified Fri 5.6; +14 = Fri 19.6 Midsummer Eve .. Sun 21.6 -> Mon 22.6"),
    (D(2026, 6, 4), IN_PERSON, 14, D(2026, 6, 18),
     "4.6+14 = Thu 18.6, the day before Midsummer Eve, is a working day"),
    # --- All Saints' Day (always a Saturday)
    (D(2024, 10, 11), ONLINE, 14, D(2024, 11, 1),
     "online Fri 11.10 -> notified 18.10; +14 = Fri 1.11, a working day in 2024 "
     "(All Saints' Day is Sat 2.11)"),
    (D(2025, 10, 15), ELECTRONIC, 14, D(2025, 11, 3),
     "e-mail Wed 15.10 -> notified Sat 18.10; +14 = Sat 1.11 All Saints' Day, 2.11 Sun "
     "-> Mon 3.11"),
    (D(2026, 10, 1), IN_PERSON, 30, D(2026, 11, 2),
     "1.10+30 = Sat 31.10 All Saints' Day, 1.11 Sun -> Mon 2.11"),
    # --- Independence Day
    (D(2023, 11, 15), LETTER, 14, D(2023, 12, 7),
     "letter Wed 15.11 -> notified Wed 22.11; +14 = Wed 6.12 Independence Day -> Thu 7.12"),
    (D(2024, 11, 22), IN_PERSON, 14, D(2024, 12, 9),
     "22.11+14 = Fri 6.12 Independence Day, 7.12 Sat, 8.12 Sun -> Mon 9.12"),
    (D(2025, 11, 19), ELECTRONIC, 14, D(2025, 12, 8),
     "e-mail Wed 19.11 -> notified Sat 22.11; +14 = Sat 6.12 Independence Day, 7.12 Sun "
     "-> Mon 8.12"),
    # --- Christmas
    (D(2024, 12, 10), IN_PERSON, 14, D(2024, 12, 27),
     "10.12+14 = Tue 24.12 Christmas Eve, 25.12 Christmas Day, 26.12 Boxing Day -> Fri 27.12"),
    (D(2025, 11, 24), IN_PERSON, 30, D(2025, 12, 29),
     "24.11+30 = Wed 24.12 Christmas Eve, Thu 25, Fri 26, Sat 27, Sun 28 -> Mon 29.12"),
    (D(2025, 12, 5), LETTER, 14, D(2025, 12, 29),
     "letter Fri 5.12 -> notified 12.12; +14 = Fri 26.12 Boxing Day, 27 Sat, 28 Sun -> Mon 29.12"),
    (D(2026, 12, 4), ONLINE, 14, D(2026, 12, 28),
     "online Fri 4.12 -> notified 11.12; +14 = Fri 25.12 Christmas Day, Sat 26.12 Boxing Day, "
     "27 Sun -> Mon 28.12"),
    # --- New Year and Epiphany
    (D(2024, 12, 18), IN_PERSON, 14, D(2025, 1, 2),
     "18.12.2024+14 = Wed 1.1.2025 New Year's Day -> Thu 2.1"),
    (D(2025, 12, 15), ELECTRONIC, 14, D(2026, 1, 2),
     "e-mail Mon 15.12 -> notified Thu 18.12; +14 = Thu 1.1.2026 New Year's Day -> Fri 2.1"),
    (D(2026, 12, 18), IN_PERSON, 14, D(2027, 1, 4),
     "18.12.2026+14 = Fri 1.1.2027 New Year's Day, 2.1 Sat, 3.1 Sun -> Mon 4.1"),
    (D(2023, 12, 7), IN_PERSON, 30, D(2024, 1, 8),
     "7.12.2023+30 = Sat 6.1.2024 Epiphany, 7.1 Sun -> Mon 8.1"),
    (D(2024, 12, 23), IN_PERSON, 14, D(2025, 1, 7),
     "23.12.2024+14 = Mon 6.1.2025 Epiphany -> Tue 7.1"),
    (D(2025, 12, 16), ONLINE, 14, D(2026, 1, 7),
     "online Tue 16.12 -> notified Tue 23.12; +14 = Tue 6.1.2026 Epiphany -> Wed 7.1"),
    # --- plain weekends, leap year, no roll-over
    (D(2025, 2, 5), ELECTRONIC, 14, D(2025, 2, 24),
     "e-mail Wed 5.2 -> notified Sat 8.2; +14 = Sat 22.2, 23.2 Sun -> Mon 24.2"),
    (D(2025, 2, 14), LETTER, 30, D(2025, 3, 24),
     "letter Fri 14.2 -> notified Fri 21.2; +30 = Sun 23.3 -> Mon 24.3"),
    (D(2024, 2, 1), LETTER, 30, D(2024, 3, 11),
     "letter Thu 1.2 -> notified Thu 8.2; leap year: 8.2+30 = Sat 9.3, 10.3 Sun -> Mon 11.3"),
    (D(2025, 3, 3), IN_PERSON, 14, D(2025, 3, 17),
     "Mon 3.3+14 = Mon 17.3, a working day"),
]
# fmt: on


@pytest.mark.parametrize(
    ("sent", "how", "days", "expected", "why"),
    DEADLINE_CASES,
    ids=[f"{c[0].isoformat()}-{c[1].value}-{c[2]}d" for c in DEADLINE_CASES],
)
def test_appeal_deadline_table(
    sent: date, how: Notification, days: int, expected: date, why: str
) -> None:
    result = appeal_deadline(sent, how, days)
    assert result.deadline == expected, why
    assert is_working_day(result.deadline)
    # period_end on the deemed notification day gives the same answer
    assert period_end(result.notified, days) == expected


def test_worked_example_in_full() -> None:
    result = appeal_deadline(D(2025, 5, 30), ONLINE, 14)
    assert result == AppealDeadline(
        sent=D(2025, 5, 30),
        how=ONLINE,
        notified=D(2025, 6, 6),
        days=14,
        nominal_end=D(2025, 6, 20),
        deadline=D(2025, 6, 23),
        rolled_over_because=[
            "20.6.2025 on juhannusaatto",
            "21.6.2025 on juhannuspäivä",
            "22.6.2025 on sunnuntai",
        ],
    )


def test_worked_example_explanation() -> None:
    assert appeal_deadline(D(2025, 5, 30), ONLINE, 14).explain_fi() == (
        "Pöytäkirja asetettiin nähtäväksi yleiseen tietoverkkoon 30.5.2025. "
        "Kunnan jäsenen katsotaan saaneen päätöksestä tiedon seitsemän päivän kuluttua "
        "eli 6.6.2025. "
        "Tiedoksisaantipäivää ei lueta määräaikaan, joten 14 päivän määräajan viimeinen "
        "päivä olisi 20.6.2025. "
        "Koska 20.6.2025 on juhannusaatto, 21.6.2025 on juhannuspäivä ja 22.6.2025 on "
        "sunnuntai, määräaika päättyy seuraavana arkipäivänä 23.6.2025."
    )


def test_explanation_without_roll_over() -> None:
    result = appeal_deadline(D(2025, 3, 3), IN_PERSON, 14)
    assert result.rolled_over_because == []
    assert result.nominal_end == result.deadline == D(2025, 3, 17)
    assert result.explain_fi() == (
        "Päätös luovutettiin tiedoksi 3.3.2025, joka on tiedoksisaantipäivä. "
        "Tiedoksisaantipäivää ei lueta määräaikaan, joten 14 päivän määräajan viimeinen "
        "päivä on 17.3.2025."
    )


@pytest.mark.parametrize("how", list(Notification))
def test_explanation_mentions_each_step(how: Notification) -> None:
    result = appeal_deadline(D(2025, 12, 5), how, 30)
    text = result.explain_fi()
    assert "5.12.2025" in text
    assert f"{result.notified.day}.{result.notified.month}.{result.notified.year}" in text
    assert "30 päivän" in text


def test_reason_names_holiday_over_weekday() -> None:
    # Sat 6.12.2025 is Independence Day; Sun 7.12 is just a Sunday.
    result = appeal_deadline(D(2025, 11, 19), ELECTRONIC, 14)
    assert result.rolled_over_because == [
        "6.12.2025 on itsenäisyyspäivä",
        "7.12.2025 on sunnuntai",
    ]


@pytest.mark.parametrize(
    ("sent", "how", "expected"),
    [
        # letter: 7 days after sending (HL 59 §); Fri 30.5 + 7 = Fri 6.6
        (D(2025, 5, 30), LETTER, D(2025, 6, 6)),
        # electronic: 3 days after sending (HL 59 §); Wed 5.2 + 3 = Sat 8.2, not moved
        (D(2025, 2, 5), ELECTRONIC, D(2025, 2, 8)),
        # online minutes: 7 days (KuntaL 140 §); across the year end 28.12 + 7 = 4.1
        (D(2025, 12, 28), ONLINE, D(2026, 1, 4)),
        # in person: the day of delivery
        (D(2025, 5, 30), IN_PERSON, D(2025, 5, 30)),
        # letter across a leap day: 25.2.2024 + 7 = 3.3.2024
        (D(2024, 2, 25), LETTER, D(2024, 3, 3)),
    ],
)
def test_notified_on(sent: date, how: Notification, expected: date) -> None:
    assert notified_on(sent, how) == expected


def test_notification_values() -> None:
    assert [n.value for n in Notification] == ["letter", "electronic", "online", "in-person"]


@pytest.mark.parametrize(
    ("published", "days", "expected"),
    [
        # worked example: deadline Mon 23.6.2025 -> data removed from Tue 24.6.2025
        (D(2025, 5, 30), 14, D(2025, 6, 24)),
        # online Fri 5.12.2025 -> notified 12.12; +30 = Sun 11.1.2026 -> Mon 12.1 -> Tue 13.1
        (D(2025, 12, 5), 30, D(2026, 1, 13)),
        # online Mon 3.3.2025 -> notified 10.3; +14 = Mon 24.3 (working) -> Tue 25.3
        (D(2025, 3, 3), 14, D(2025, 3, 25)),
    ],
)
def test_personal_data_removal_date(published: date, days: int, expected: date) -> None:
    assert personal_data_removal_date(published, days) == expected


@pytest.mark.parametrize(
    ("d", "working"),
    [
        (D(2025, 6, 19), True),  # Thu before Midsummer Eve
        (D(2025, 6, 20), False),  # Midsummer Eve
        (D(2025, 12, 23), True),  # Tue before Christmas Eve
        (D(2025, 12, 24), False),  # Christmas Eve
        (D(2025, 5, 1), False),  # May Day
        (D(2023, 12, 6), False),  # Independence Day on a Wednesday
        (D(2025, 6, 8), False),  # Pentecost (a Sunday)
        (D(2025, 2, 8), False),  # ordinary Saturday
        (D(2025, 2, 9), False),  # ordinary Sunday
        (D(2025, 2, 10), True),  # ordinary Monday
    ],
)
def test_is_working_day(d: date, working: bool) -> None:
    assert is_working_day(d) is working


@pytest.mark.parametrize("year", range(2000, 2041))
def test_calendar_has_the_statutory_eves(year: int) -> None:
    """The module relies on the holidays package listing both eves; guard that."""
    midsummer_eve = next(D(year, 6, day) for day in range(19, 26) if D(year, 6, day).weekday() == 4)
    assert not is_working_day(midsummer_eve)
    assert not is_working_day(D(year, 12, 24))
    assert not is_working_day(D(year, 12, 6))
    assert not is_working_day(D(year, 5, 1))


@pytest.mark.parametrize(
    ("route", "special", "expected"),
    [
        (AppealRoute.OIKAISUVAATIMUS, None, 14),
        (AppealRoute.KUNNALLISVALITUS, None, 30),
        (AppealRoute.OIKAISUVAATIMUS_ERITYISLAKI, None, 30),
        (AppealRoute.HALLINTOVALITUS, None, 30),
        (AppealRoute.HALLINTOVALITUS_MRL, None, 30),
        (AppealRoute.HALLINTOVALITUS, 21, 21),
        (AppealRoute.MUUTOKSENHAKUKIELTO, None, None),
    ],
)
def test_appeal_period_days(route: AppealRoute, special: int | None, expected: int | None) -> None:
    assert appeal_period_days(route, special) == expected


def test_special_law_period_only_for_hallintovalitus() -> None:
    with pytest.raises(ValueError):
        appeal_period_days(AppealRoute.OIKAISUVAATIMUS, 30)
    with pytest.raises(ValueError):
        appeal_period_days(AppealRoute.HALLINTOVALITUS, 0)


@pytest.mark.parametrize("days", [0, -1])
def test_period_must_be_positive(days: int) -> None:
    with pytest.raises(ValueError):
        period_end(D(2025, 1, 1), days)
    with pytest.raises(ValueError):
        appeal_deadline(D(2025, 1, 1), IN_PERSON, days)

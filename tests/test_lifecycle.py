"""Personal data on the web over time (Kuntalaki 140 §): shown while the
appeal period runs, gone from the day after it ends; never shown when the
day it was published, or the appeal period, is not known.

The dates were worked out by hand: Kaupunginvaltuusto 16/2025's minutes
went on display Thu 30.10.2025, the members of the municipality are
notified 7 days later (Thu 6.11.2025), the 30-day kunnallisvalitus period
ends Sat 6.12.2025, Independence Day, so on Mon 8.12.2025; the names go
on Tue 9.12.2025."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

import govdocs
from govdocs.document.decision import build_decision
from govdocs.model.decision import Decision
from govdocs.publish.lifecycle import masked_personal_data, shown_personal_data, web_period
from govdocs.repository import Repository
from govdocs.writers import write

ROOT = Path(__file__).resolve().parents[1]
NAME = "Anna Villeneuve"  # a name in kv-2025-248's text


@pytest.fixture(scope="module")
def repo() -> Repository:
    return govdocs.load(ROOT)


def _with(repo: Repository, did: str, **update: object) -> Decision:
    return repo.decisions[did].model_copy(update=update)


def _text(repo: Repository, decision: Decision, day: date) -> str:
    return write(build_decision(repo, decision, public=True, as_of=day), "txt").decode()


def test_a_council_decision_counts_from_its_minutes_on_display(repo: Repository) -> None:
    decision = _with(repo, "kv-2025-248", published_personal_data=[NAME])
    period = web_period(repo, decision)
    assert period.published == date(2025, 10, 30)
    assert period.source is not None and "public display" in period.source
    assert period.removal == date(2025, 12, 9)
    assert shown_personal_data(repo, decision, date(2025, 12, 8)) == [NAME]
    assert masked_personal_data(repo, decision, date(2025, 12, 8)) == []
    assert shown_personal_data(repo, decision, date(2025, 12, 9)) == []
    assert masked_personal_data(repo, decision, date(2025, 12, 9)) == [NAME]


def test_before_publication_nothing_is_shown(repo: Repository) -> None:
    decision = _with(repo, "kv-2025-248", published_personal_data=[NAME])
    assert masked_personal_data(repo, decision, date(2025, 10, 29)) == [NAME]


def test_the_web_copy_masks_the_name_from_the_removal_day(repo: Repository) -> None:
    decision = _with(repo, "kv-2025-248", published_personal_data=[NAME])
    assert NAME in _text(repo, decision, date(2025, 12, 8))
    after = _text(repo, decision, date(2025, 12, 9))
    assert NAME not in after and "*****" in after


def test_personal_data_is_never_shown(repo: Repository) -> None:
    decision = _with(repo, "kv-2025-248", personal_data=[NAME], published_personal_data=[NAME])
    assert masked_personal_data(repo, decision, date(2025, 11, 1)) == [NAME]


def test_an_unknown_publication_day_hides_the_data(repo: Repository) -> None:
    # the published text does not give the day the permit went online
    decision = _with(repo, "liikunta-lj-2022-2", published_personal_data=["Melina Puolamäki"])
    period = web_period(repo, decision)
    assert period.removal is None and period.reason == "the day it was published is not stated"
    assert masked_personal_data(repo, decision, date(2022, 1, 20)) == ["Melina Puolamäki"]
    assert "Puolamä" not in _text(repo, decision, date(2022, 1, 20))


def test_an_office_holders_decision_counts_from_its_own_publication(repo: Repository) -> None:
    # published Wed 19.1.2022; notified Wed 26.1.; oikaisuvaatimus 14 days: Wed 9.2.2022; gone Thu 10.2.
    decision = _with(
        repo, "liikunta-lj-2022-2", published_on=date(2022, 1, 19), published_personal_data=["Melina Puolamäki"]
    )
    assert web_period(repo, decision).removal == date(2022, 2, 10)
    assert "Puolamäelle" in _text(repo, decision, date(2022, 2, 9))
    assert "Puolamä" not in _text(repo, decision, date(2022, 2, 10))


def test_no_appeal_period_means_never_shown(repo: Repository) -> None:
    decision = _with(repo, "kv-2025-246", published_personal_data=["Kyselytunti"])
    period = web_period(repo, decision)
    assert period.removal is None and period.reason == "it cannot be appealed"
    assert shown_personal_data(repo, decision, date(2025, 11, 1)) == []

"""Who held what, when, on whose decision: the bundled records (the seed,
Kaupunginjohtaja 59 §) and small built repositories."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

import govdocs
from govdocs.derive.responsibilities import Role, Scope, StepKind, diff, history, holders_at, timeline
from govdocs.describe import citation
from govdocs.repository import Repository
from tests.builders import decision, write_repo

ROOT = Path(__file__).resolve().parents[1]
QUOTES = {
    "kj-2016-59.typ": "Helsingin TYP siirretään pääosin kaupunginkanslian elinkeino-osastolle.",
    "kj-2016-59.kuntouttava-jaa": "Kuntouttavan työtoiminnan järjestämisvastuu jää sosiaali- ja terveysvirastoon.",
    "kj-2016-59.kesatyomaararaha": "määräraha siirtyy sosiaali- ja terveysvirastosta kaupunginkansliaan.",
    "kj-2016-59.koulutukset-opetusvirastoon": "opetusvirasto ottaa vastuun",
}


@pytest.fixture(scope="module")
def repo() -> Repository:
    return govdocs.load(ROOT)


def held(repo: Repository, day: date) -> dict[tuple[str, str | None], tuple[str, Scope, str | None]]:
    return {(h.function, h.part): (h.holder, h.scope, h.source.record) for h in holders_at(repo, day)}


def test_after_the_seed_takes_effect(repo: Repository) -> None:
    now = held(repo, date(2017, 2, 1))
    assert now[("helsingin-typ", None)] == ("kaupunginkanslia-elinkeino-osasto", Scope.MOSTLY, "kj-2016-59.typ")
    assert now[("kuntouttava-tyotoiminta", None)] == (
        "sosiaali-ja-terveysvirasto", Scope.WHOLE, "kj-2016-59.kuntouttava-jaa"
    )
    assert now[("nuorten-kesatyollistamisen-maararaha", None)] == (
        "kaupunginkanslia", Scope.WHOLE, "kj-2016-59.kesatyomaararaha"
    )
    for fn in ("tyollistymista-edistavat-koulutukset", "palkkatuettu-oppisopimuskoulutus"):
        assert now[(fn, None)] == ("opetusvirasto", Scope.WHOLE, "kj-2016-59.koulutukset-opetusvirastoon")
    assert now[("nuorten-tyohonohjaus", "tyopajamainen-kahvilatoiminta")][0] == "opetusvirasto"


def test_each_answer_cites_59_paragraph_with_its_quote(repo: Repository) -> None:
    for h in holders_at(repo, date(2017, 2, 1)):
        if h.source.record in QUOTES:
            decision = repo.decision_of(h.source.record)
            assert decision is not None and citation(repo, decision) == "Kaupunginjohtaja 59 §"
            assert QUOTES[h.source.record] in " ".join((h.source.quote or "").split())


def test_before_the_seed_takes_effect(repo: Repository) -> None:
    before = held(repo, date(2016, 12, 31))
    assert ("helsingin-typ", None) not in before  # the records do not say who held it
    assert before[("nuorten-kesatyollistamisen-maararaha", None)] == ("sosiaali-ja-terveysvirasto", Scope.WHOLE, None)


def test_after_the_reform_departments_show_as_their_divisions(repo: Repository) -> None:
    later = held(repo, date(2017, 6, 1))
    assert later[("kuntouttava-tyotoiminta", None)][0] == "sosiaali-ja-terveystoimiala"
    assert later[("tyollistymista-edistavat-koulutukset", None)][0] == "kasvatuksen-ja-koulutuksen-toimiala"
    assert later[("nuorten-tyohonohjaus", "tyopajamainen-kahvilatoiminta")][0] == "kasvatuksen-ja-koulutuksen-toimiala"
    assert later[("helsingin-typ", None)][0] == "kaupunginkanslia-elinkeino-osasto"  # not a department
    step = next(h for h in holders_at(repo, date(2017, 6, 1)) if h.function == "kuntouttava-tyotoiminta").step
    assert (step.kind, step.from_org, step.day) == (StepKind.SUCCESSION, "sosiaali-ja-terveysvirasto", date(2017, 6, 1))
    assert step.basis and "1.6.2017" in step.basis
    # the decision that gave it is still known through the succession
    assert later[("kuntouttava-tyotoiminta", None)][2] == "kj-2016-59.kuntouttava-jaa"


def test_filter_by_organisation_and_parts_held_apart(repo: Repository) -> None:
    own = holders_at(repo, date(2017, 2, 1), org="sosiaali-ja-terveysvirasto")
    assert [(h.function, h.part) for h in own] == [
        ("kuntouttava-tyotoiminta", None),
        ("nuorten-tyohonohjaus", None),
        ("kuntouttavan-tyotoiminnan-maararaha", None),
        ("typ-terveydenhoitajien-maararaha", None),
    ]
    assert own[1].excluding == ("neuvonta-ja-ohjaus", "tyopajamainen-kahvilatoiminta")


def test_assumed_effective_dates_are_marked(repo: Repository) -> None:
    typ = next(h for h in holders_at(repo, date(2017, 2, 1)) if h.function == "helsingin-typ")
    assert typ.step.assumed and typ.step.effective.assumed == date(2017, 1, 1)  # type: ignore[union-attr]
    assert typ.step.from_stated is False


def test_audit_of_the_social_and_health_department(repo: Repository) -> None:
    audit = history(repo, "sosiaali-ja-terveysvirasto", date(2016, 1, 1), date(2017, 12, 31))
    steps = [(s.day, audit.role(s), s.function, s.part) for s in audit.steps]
    jan, jun = date(2017, 1, 1), date(2017, 6, 1)
    assert steps == [
        (jan, Role.KEPT, "kuntouttava-tyotoiminta", None),
        (jan, Role.GAVE, "nuorten-tyohonohjaus", "neuvonta-ja-ohjaus"),
        (jan, Role.GAVE, "nuorten-tyohonohjaus", "tyopajamainen-kahvilatoiminta"),
        (jan, Role.GAVE, "nuorten-kesatyollistamisen-maararaha", None),
        (jan, Role.GAINED, "kuntouttavan-tyotoiminnan-maararaha", None),
        (jan, Role.GAINED, "typ-terveydenhoitajien-maararaha", None),
        (jan, Role.GAVE, "toimeentulotuen-kasittely", None),
        (jun, Role.HANDED_OVER, "kuntouttava-tyotoiminta", None),
        (jun, Role.HANDED_OVER, "nuorten-tyohonohjaus", None),
        (jun, Role.HANDED_OVER, "kuntouttavan-tyotoiminnan-maararaha", None),
        (jun, Role.HANDED_OVER, "typ-terveydenhoitajien-maararaha", None),
    ]
    assert all(s.record and s.decision == "kj-2016-59" for s in audit.steps[:7])
    assert audit.steps[6].context_only  # social assistance to Kela: by law, not by 59 §
    assert [h.function for h in audit.held_at_start] == [
        "kuntouttava-tyotoiminta", "nuorten-tyohonohjaus", "nuorten-kesatyollistamisen-maararaha",
        "toimeentulotuen-kasittely",
    ]
    assert audit.held_at_end == [] and audit.issues == []


def test_audit_of_one_function(repo: Repository) -> None:
    audit = history(repo, "tyollistymista-edistavat-koulutukset")
    assert [(s.kind, s.to_org) for s in audit.steps] == [
        (StepKind.INITIAL, "kaupunginkanslia"),
        (StepKind.TRANSFER, "opetusvirasto"),
        (StepKind.SUCCESSION, "kasvatuksen-ja-koulutuksen-toimiala"),
    ]


def test_unknown_subject(repo: Repository) -> None:
    with pytest.raises(KeyError):
        history(repo, "no-such-thing")


def test_diff_lists_what_changed_hands(repo: Repository) -> None:
    changes = diff(repo, date(2016, 1, 1), date(2017, 3, 1))
    moved = {(c.function, c.part): (c.before and c.before.holder, c.after and c.after.holder) for c in changes}
    assert moved[("helsingin-typ", None)] == (None, "kaupunginkanslia-elinkeino-osasto")
    assert moved[("nuorten-tyohonohjaus", "neuvonta-ja-ohjaus")] == ("sosiaali-ja-terveysvirasto", "kaupunginkanslia")
    assert ("kuntouttava-tyotoiminta", None) not in moved  # it stayed
    assert all(c.steps and c.steps[0].record for c in changes)
    reform = diff(repo, date(2017, 3, 1), date(2017, 7, 1))
    assert {c.steps[0].kind for c in reform} == {StepKind.SUCCESSION}
    assert diff(repo, date(2017, 7, 1), date(2017, 3, 1)) == reform


def _move(n: int, text: str, **fields: str) -> dict[str, str]:
    return {"id": f"kj-2016-1.m{n}", "what": "palvelu", "quote": text, **fields}


def test_a_whole_move_takes_the_parts_still_with_the_old_holder(tmp_path: Path) -> None:
    texts = ["Palvelun osa A siirretään kanslialle.", "Palvelu siirretään kanslialle.", "Palvelu palautetaan virastolle."]
    moves = [
        _move(1, texts[0], scope="part", part="osa-a", to="kanslia", effective="2016-09-01", **{"from": "virasto"}),
        _move(2, texts[1], to="kanslia", effective="2016-10-01", **{"from": "virasto"}),
        _move(3, texts[2], to="virasto", effective="2016-11-01", **{"from": "kanslia"}),
    ]
    sections = [{"kind": "decision", "body": [" ".join(texts)]}, {"kind": "grounds", "body": ["Perustelut."]}]
    repo = govdocs.load(write_repo(tmp_path, decision(sections=sections, transfers=moves, obligations=[])))

    def on(day: date) -> list[tuple[str | None, str]]:
        return [(h.part, h.holder) for h in holders_at(repo, day)]

    assert on(date(2016, 9, 15)) == [(None, "virasto"), ("osa-a", "kanslia")]
    assert on(date(2016, 10, 15)) == [(None, "kanslia"), ("osa-a", "kanslia")]
    assert on(date(2016, 11, 15)) == [(None, "virasto")]  # the part went back with the whole
    assert on(date(2017, 6, 1)) == [(None, "toimiala")]
    assert timeline(repo).issues == []

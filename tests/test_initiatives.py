"""Initiatives in follow-up: an initiative a decision records being left is
a duty of the body that must answer it, from the day it was left, open
without a due unless a record states one, until a later decision's
`answer-initiative` item names it. An answer to an initiative left before
the records is no error and opens nothing. Synthetic records in tmp repos."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

import govdocs
from govdocs.cli import cli
from govdocs.derive.obligations import obligation_status
from govdocs.document.model import KeyValue, Section, plain, walk
from govdocs.reports.followup import followup_document
from govdocs.repository import Repository
from tests.reference import ROOT, reference
from tests.test_obligations import REGISTRY as BASE

REGISTRY: dict[str, Any] = {
    **BASE,
    "decision_makers": [
        *BASE["decision_makers"],
        {"id": "valtuusto", "kind": "body", "council": True, "name": {"fi": "Valtuusto"}},
        {"id": "hallitus", "kind": "body", "name": {"fi": "Hallitus", "allative": "hallitukselle"}},
    ],
}

LONKA = "valtuutettu Pirjo Longan aloite kulttuurisetelikokeilusta kotoutujaopiskelijoille"
NIEMINEN = "valtuutettu Riku Niemisen aloite kotipalvelun kohdentamisesta"
ANSWER = "Valtuusto katsoi aloitteen loppuun käsitellyksi."


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


def initiative(iid: str, quote: str, **fields: Any) -> dict[str, Any]:
    return {
        "id": iid,
        "kind": "councillor",
        "by": "Pirjo Lonka",
        "title": "kulttuurisetelikokeilusta kotoutujaopiskelijoille",
        "addressee": "hallitus",
        "quote": quote,
        **fields,
    }


def council(did: str, day: str, number: int, *lines: str, **records: Any) -> dict[str, Any]:
    """A valid council decision whose text is ``lines``."""
    return {
        "id": did,
        "maker": "valtuusto",
        "handling": "meeting",
        "date": day,
        "number": number,
        "title": f"Valtuuston asia {number}",
        "sections": [{"kind": "decision", "body": list(lines)}],
        "appeal": {"route": "muutoksenhakukielto", "law": "Kuntalaki 136 §"},
        **records,
    }


def left(*initiatives: dict[str, Any], day: str = "2025-10-22") -> dict[str, Any]:
    """The 'initiatives left at the meeting' item: one line per initiative."""
    return council(
        "kv-2025-256",
        day,
        256,
        "Valtuutettujen aloitteet",
        {"list": [i["quote"] for i in initiatives]},
        initiatives=list(initiatives),
        items=[
            {
                "id": "kv-2025-256.jatetyt",
                "action": "note",
                "acts": [i["id"] for i in initiatives],
                "quote": [i["quote"] for i in initiatives],
            }
        ],
    )


def answer(did: str, day: str, number: int, **item: Any) -> dict[str, Any]:
    return council(
        did,
        day,
        number,
        ANSWER,
        items=[{"id": f"{did}.vastaus", "action": "answer-initiative", "quote": ANSWER, **item}],
    )


def write(tmp_path: Path, *records: dict[str, Any]) -> Path:
    (tmp_path / "registry.yaml").write_text(yaml.safe_dump(REGISTRY, allow_unicode=True), encoding="utf-8")
    folder = tmp_path / "decisions"
    folder.mkdir(exist_ok=True)
    for record in records:
        text = yaml.safe_dump(record, allow_unicode=True, sort_keys=False)
        (folder / f"{record['id']}.yaml").write_text(text, encoding="utf-8")
    return tmp_path


def checked(tmp_path: Path, *records: dict[str, Any]) -> Repository:
    return govdocs.validate(write(tmp_path, *records))


def errors(repo: Repository) -> list[str]:
    return [p.format() for p in repo.errors]


def test_an_initiative_left_is_an_open_duty_of_its_addressee_without_a_due(tmp_path: Path) -> None:
    repo = checked(tmp_path, left(initiative("kv-2025-256.lonka", LONKA)))
    assert errors(repo) == []
    assert obligation_status(repo, date(2025, 10, 21)) == []
    for day in (date(2025, 10, 22), date(2040, 1, 1)):
        (duty,) = obligation_status(repo, day)
        assert (duty.key, str(duty.obligation.kind), duty.owner, duty.due, str(duty.status)) == (
            "kv-2025-256.lonka",
            "initiative",
            "hallitus",
            None,
            "open",
        )
    assert duty.obligation.what == LONKA
    assert duty.where == "decisions/kv-2025-256.yaml:17:3"
    assert duty.evidence is None


def test_the_cli_lists_it_with_its_addressee_and_never_fails_on_it(tmp_path: Path) -> None:
    write(tmp_path, left(initiative("kv-2025-256.lonka", LONKA)))
    result = CliRunner().invoke(
        cli, ["obligations", "--as-of", "2040-01-01", "--format", "json", "--fail-on", "overdue"]
    )
    assert result.exit_code == 0, result.output
    (row,) = json.loads(result.output)["obligations"]
    assert {k: row[k] for k in ("id", "kind", "owner", "addressee", "due", "status", "source")} == {
        "id": "kv-2025-256.lonka",
        "kind": "initiative",
        "owner": "hallitus",
        "addressee": "hallitus",
        "due": None,
        "status": "open",
        "source": "kv-2025-256",
    }
    listed = CliRunner().invoke(cli, ["obligations", "--as-of", "2040-01-01", "--addressee", "hallitus"])
    assert "kv-2025-256.lonka  initiative  hallitus  hallitus" in listed.output


def test_a_later_answer_naming_it_closes_it_from_its_date(tmp_path: Path) -> None:
    repo = checked(
        tmp_path,
        left(initiative("kv-2025-256.lonka", LONKA), initiative("kv-2025-256.nieminen", NIEMINEN)),
        answer("kv-2026-30", "2026-03-04", 30, initiative="kv-2025-256.lonka"),
    )
    assert errors(repo) == []
    before = {i.key: str(i.status) for i in obligation_status(repo, date(2026, 3, 3))}
    assert before == {"kv-2025-256.lonka": "open", "kv-2025-256.nieminen": "open"}
    after = {i.key: i for i in obligation_status(repo, date(2026, 3, 4))}
    assert str(after["kv-2025-256.nieminen"].status) == "open"
    done = after["kv-2025-256.lonka"]
    assert str(done.status) == "fulfilled" and done.evidence is not None
    assert (done.evidence.record, done.evidence.date, done.evidence.text) == (
        "kv-2026-30",
        date(2026, 3, 4),
        "Valtuusto 4.3.2026 § 30",
    )
    assert done.evidence.where == "decisions/kv-2026-30.yaml:18:15"


def test_an_answer_to_an_initiative_left_before_the_records_is_no_error(tmp_path: Path) -> None:
    outside = {
        "kind": "initiative",
        "initiative_kind": "group",
        "by": "Vihreä valtuustoryhmä",
        "title": "Ryhmäaloite, Vihreä valtuustoryhmä, rakennettujen alueiden viherryttämistä on vauhditettava",
        "date": "2025-03-12",
    }
    repo = checked(tmp_path, answer("kv-2025-251", "2025-10-22", 251, objects=[outside]))
    assert errors(repo) == []
    assert obligation_status(repo, date(2026, 1, 1)) == []


def test_an_answer_names_the_initiative_or_describes_it(tmp_path: Path) -> None:
    repo = checked(tmp_path, answer("kv-2025-251", "2025-10-22", 251))
    assert errors(repo) == [
        "decisions/kv-2025-251.yaml:15:3: error: items[0]: action 'answer-initiative' needs 'initiative' "
        "(the id of an initiative in these records) or an object of kind 'initiative' describing one "
        "left before them"
    ]


def test_only_an_answer_names_an_initiative(tmp_path: Path) -> None:
    record = answer("kv-2026-30", "2026-03-04", 30, initiative="kv-2025-256.lonka")
    record["items"][0]["action"] = "note"
    repo = checked(tmp_path, left(initiative("kv-2025-256.lonka", LONKA)), record)
    assert errors(repo) == [
        "decisions/kv-2026-30.yaml:15:3: error: items[0]: 'initiative' names the initiative an "
        "'answer-initiative' item answers"
    ]


def test_an_unknown_initiative_id_is_located_with_the_nearest(tmp_path: Path) -> None:
    repo = checked(
        tmp_path,
        left(initiative("kv-2025-256.lonka", LONKA)),
        answer("kv-2026-30", "2026-03-04", 30, initiative="kv-2025-256.longa"),
    )
    assert errors(repo) == [
        "decisions/kv-2026-30.yaml:18:15: error: unknown initiative 'kv-2025-256.longa'; "
        "did you mean 'kv-2025-256.lonka'?"
    ]


def test_an_answer_before_the_initiative_was_left_is_an_error(tmp_path: Path) -> None:
    repo = checked(
        tmp_path,
        left(initiative("kv-2025-256.lonka", LONKA)),
        answer("kv-2025-200", "2025-09-10", 200, initiative="kv-2025-256.lonka"),
    )
    (problem,) = repo.errors
    assert problem.code == "answered-before-left"
    assert problem.format() == (
        "decisions/kv-2025-200.yaml:18:15: error: initiative 'kv-2025-256.lonka' is answered on "
        "10.9.2025, before it was left on 22.10.2025 (recorded by 'kv-2025-256')"
    )


def test_the_day_it_was_left_counts_not_the_recording_decisions(tmp_path: Path) -> None:
    early = initiative("kv-2025-256.lonka", LONKA, date="2025-03-12")
    repo = checked(
        tmp_path, left(early), answer("kv-2025-200", "2025-09-10", 200, initiative="kv-2025-256.lonka")
    )
    assert errors(repo) == []
    assert [str(i.status) for i in obligation_status(repo, date(2025, 3, 12))] == ["open"]
    assert [str(i.status) for i in obligation_status(repo, date(2025, 9, 10))] == ["fulfilled"]


def test_an_initiative_answered_twice_is_an_error(tmp_path: Path) -> None:
    repo = checked(
        tmp_path,
        left(initiative("kv-2025-256.lonka", LONKA)),
        answer("kv-2026-30", "2026-03-04", 30, initiative="kv-2025-256.lonka"),
        answer("kv-2026-41", "2026-04-01", 41, initiative="kv-2025-256.lonka"),
    )
    (problem,) = repo.errors
    assert problem.code == "answered-twice"
    assert problem.format() == (
        "decisions/kv-2026-41.yaml:18:15: error: initiative 'kv-2025-256.lonka' is already answered "
        "(or closed) at decisions/kv-2026-30.yaml:18:15"
    )


def test_a_due_a_record_states_makes_it_overdue_in_time(tmp_path: Path) -> None:
    due = initiative("kv-2025-256.lonka", LONKA, due={"date": "2026-04-22"})
    repo = checked(tmp_path, left(due))
    assert errors(repo) == []
    assert [(str(i.status), i.due) for i in obligation_status(repo, date(2026, 5, 1))] == [
        ("overdue", date(2026, 4, 22))
    ]


def test_an_unknown_addressee_is_an_error(tmp_path: Path) -> None:
    repo = checked(tmp_path, left(initiative("kv-2025-256.lonka", LONKA, addressee="halitus")))
    assert errors(repo) == [
        "decisions/kv-2025-256.yaml:21:14: error: unknown body 'halitus'; did you mean 'hallitus'?"
    ]


def test_a_line_not_in_the_text_is_an_error(tmp_path: Path) -> None:
    record = left(initiative("kv-2025-256.lonka", LONKA))
    record["initiatives"][0]["quote"] = "valtuutettu Pirjo Longan aloite jostakin muusta"
    record["items"][0]["quote"] = [LONKA]
    repo = checked(tmp_path, record)
    assert [p.code for p in repo.errors] == ["quote-not-in-text"]


def test_the_followup_report_lists_it_under_the_body(tmp_path: Path) -> None:
    repo = govdocs.load(write(tmp_path, left(initiative("kv-2025-256.lonka", LONKA))))
    doc = followup_document(repo, date(2026, 1, 1))
    sections = [b for b in walk(doc.blocks) if isinstance(b, Section) and b.role.startswith("obligation ")]
    assert [(s.heading, s.role) for s in sections] == [(LONKA, "obligation open")]
    facts = {
        k: plain(v) for k, v in next(b for b in walk(sections[0].blocks) if isinstance(b, KeyValue)).pairs
    }
    assert (facts["Määräpäivä"], facts["Vastuu"]) == ("—", "Hallitus")


def test_a_fulfils_entry_may_close_it_too_but_not_beside_an_answer(tmp_path: Path) -> None:
    letter = {
        "record": "followup",
        "id": "fu-2026-1",
        "date": "2026-02-01",
        "title": "Aloitteeseen vastattu kirjeellä.",
        "fulfils": [{"obligation": "kv-2025-256.lonka"}],
    }
    repo = checked(tmp_path, left(initiative("kv-2025-256.lonka", LONKA)), letter)
    assert errors(repo) == []
    (done,) = obligation_status(repo, date(2026, 2, 1))
    assert (str(done.status), done.evidence and done.evidence.record) == ("fulfilled", "fu-2026-1")
    repo = checked(tmp_path, answer("kv-2026-30", "2026-03-04", 30, initiative="kv-2025-256.lonka"))
    assert [p.code for p in repo.errors] == ["answered-twice"]


# --- the bundled council meeting of 22.10.2025 ----------------------------------------------

MEETING = "meeting/kaupunginvaltuusto-2025-10-22"


@pytest.fixture(scope="module")
def bundled() -> Repository:
    return govdocs.load(ROOT)


def test_the_meetings_four_initiatives_and_its_toivomusponsi_are_open_duties_of_the_city_board(
    bundled: Repository,
) -> None:
    duties = [i for i in obligation_status(bundled, date(2025, 11, 1)) if i.source.startswith("kv-2025-")]
    assert [
        (i.key, str(i.obligation.kind), i.owner, i.obligation.addressee, i.due, str(i.status)) for i in duties
    ] == [
        ("kv-2025-255.aarnilinna", "resolution", "kaupunginhallitus", "kaupunginhallitus", None, "open"),
        *[
            (
                f"kv-2025-256.aloite-{key}",
                "initiative",
                "kaupunginhallitus",
                "kaupunginhallitus",
                None,
                "open",
            )
            for key in ("foster", "lonka", "nieminen", "pasanen")
        ],
    ]
    before = obligation_status(bundled, date(2025, 10, 21))
    assert [i.key for i in before if i.source.startswith("kv-2025-")] == []


def test_each_initiative_left_is_a_line_of_the_published_item(bundled: Repository) -> None:
    lines = reference(f"{MEETING}/256-fi.txt").read_text("utf-8").splitlines()
    initiatives = bundled.decisions["kv-2025-256"].initiatives
    assert [f"- {i.quote}" for i in initiatives] == [line for line in lines if line.startswith("- ")]
    for i in initiatives:
        assert i.title in i.quote and i.kind == "councillor" and i.date is None


def test_the_answers_describe_initiatives_left_before_the_records(bundled: Repository) -> None:
    """§ 251–255 answer initiatives of early 2025: their items name no id
    (nothing is open for them); date, kind and author are what the
    attachment's title (or the item's title, § 254 has none) prints."""
    for n in range(251, 256):
        decision = bundled.decisions[f"kv-2025-{n}"]
        text = reference(f"{MEETING}/{n}-fi.txt").read_text("utf-8")
        (item,) = [i for i in decision.items if i.action == "answer-initiative"]
        (described,) = [o for o in item.objects if o.kind == "initiative"]
        assert item.initiative is None and described.by and described.initiative_kind
        # § 254 prints the author only in the genitive ('Petra Malinin'), which holds the name
        shown = [described.by, *([described.date.strftime("%d.%m.%Y")] if described.date else [])]
        assert all(s in text for s in shown), (n, shown)

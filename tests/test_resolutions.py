"""Toivomusponsi in follow-up: an adopted one is a duty of the body it
names, open without a due unless its text sets one; a rejected one is no
duty and never overdue. Synthetic records in tmp repos."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import govdocs
from govdocs.cli import cli
from govdocs.derive.obligations import obligation_status
from govdocs.document.model import KeyValue, Section, plain, walk
from govdocs.reports.followup import followup_document
from tests.test_obligations import decision, followup, fulfil, write


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


def ponsi(mid: str, outcome: str, **fields: Any) -> dict[str, Any]:
    return {
        "id": mid,
        "kind": "resolution",
        "proposer": "Valtuutettu Testinen",
        "text": f"Valtuusto edellyttää, että selvitetään asia {mid}.",
        "outcome": outcome,
        **fields,
    }


def council(*motions: dict[str, Any], day: str = "2021-05-12") -> dict[str, Any]:
    return decision("kv-2021-5", day, 5, motions=list(motions), obligations=[])


def cli_json(*args: str) -> dict[str, Any]:
    result = CliRunner().invoke(cli, ["obligations", *args, "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)  # type: ignore[no-any-return]


def test_an_adopted_resolution_is_an_open_duty_without_a_due(tmp_path: Path) -> None:
    repo = govdocs.validate(
        write(tmp_path, council(ponsi("kv-2021-5.ponsi", "adopted", addressee="elinkeinojaosto")))
    )
    assert [p.format() for p in repo.errors] == []
    for day in (date(2021, 5, 12), date(2030, 1, 1)):
        (duty,) = obligation_status(repo, day)
        assert (duty.key, str(duty.obligation.kind), duty.due, str(duty.status)) == (
            "kv-2021-5.ponsi",
            "resolution",
            None,
            "open",
        )
    assert obligation_status(repo, date(2021, 5, 11)) == []
    (row,) = cli_json("--as-of", "2030-01-01")["obligations"]
    assert {k: row[k] for k in ("id", "kind", "owner", "addressee", "due", "status", "source")} == {
        "id": "kv-2021-5.ponsi",
        "kind": "resolution",
        "owner": "elinkeinojaosto",
        "addressee": "elinkeinojaosto",
        "due": None,
        "status": "open",
        "source": "kv-2021-5",
    }
    assert row["what"] == "Valtuusto edellyttää, että selvitetään asia kv-2021-5.ponsi."
    assert (
        CliRunner().invoke(cli, ["obligations", "--as-of", "2030-01-01", "--fail-on", "overdue"]).exit_code
        == 0
    )


def test_the_organisation_named_owns_it(tmp_path: Path) -> None:
    write(tmp_path, council(ponsi("kv-2021-5.ponsi", "adopted", addressee="elinkeinojaosto", owner="sote")))
    (row,) = cli_json("--as-of", "2022-01-01", "--owner", "sote")["obligations"]
    assert (row["owner"], row["addressee"]) == ("sote", "elinkeinojaosto")
    assert cli_json("--as-of", "2022-01-01", "--owner", "kanslia")["obligations"] == []


@pytest.mark.parametrize("outcome", ["rejected", "withdrawn"])
def test_a_rejected_resolution_is_no_duty_and_never_overdue(tmp_path: Path, outcome: str) -> None:
    repo = govdocs.validate(
        write(tmp_path, council(ponsi("kv-2021-5.ponsi", outcome, addressee="elinkeinojaosto")))
    )
    assert [p.format() for p in repo.errors] == []
    assert obligation_status(repo, date(2030, 1, 1)) == []
    result = CliRunner().invoke(cli, ["obligations", "--as-of", "2030-01-01", "--fail-on", "overdue"])
    assert result.exit_code == 0 and "No obligations match." in result.output


def test_a_due_the_text_states_makes_it_overdue_in_time(tmp_path: Path) -> None:
    adopted = ponsi("kv-2021-5.ponsi", "adopted", addressee="elinkeinojaosto", due={"year": 2022})
    repo = govdocs.load(write(tmp_path, council(adopted)))
    assert [(str(i.status), i.due) for i in obligation_status(repo, date(2023, 1, 1))] == [
        ("overdue", date(2022, 12, 31))
    ]


def test_a_later_record_fulfils_it(tmp_path: Path) -> None:
    repo = govdocs.validate(
        write(
            tmp_path,
            council(ponsi("kv-2021-5.ponsi", "adopted", addressee="elinkeinojaosto")),
            followup("fu-2022-1", "2022-03-01", fulfil("kv-2021-5.ponsi"), document="Selvitys"),
        )
    )
    assert [p.format() for p in repo.errors] == []
    assert [str(i.status) for i in obligation_status(repo, date(2022, 2, 28))] == ["open"]
    (done,) = obligation_status(repo, date(2022, 3, 1))
    assert str(done.status) == "fulfilled" and done.evidence is not None
    assert done.evidence.record == "fu-2022-1"


def test_fulfilling_a_rejected_resolution_is_a_dangling_reference(tmp_path: Path) -> None:
    repo = govdocs.validate(
        write(
            tmp_path,
            council(ponsi("kv-2021-5.ponsi", "rejected", addressee="elinkeinojaosto")),
            followup("fu-2022-1", "2022-03-01", fulfil("kv-2021-5.ponsi")),
        )
    )
    assert [p.format() for p in repo.errors] == [
        "decisions/fu-2022-1.yaml:3:15: error: unknown obligation or reporting duty 'kv-2021-5.ponsi'"
    ]


def test_only_a_resolution_has_a_due(tmp_path: Path) -> None:
    counter = {**ponsi("kv-2021-5.vasta", "adopted"), "kind": "counter-proposal", "due": {"year": 2022}}
    repo = govdocs.validate(write(tmp_path, council(counter)))
    assert [p.format() for p in repo.errors] == [
        "decisions/kv-2021-5.yaml:12:3: error: motions[0]: only a resolution (toivomusponsi) has a 'due'"
    ]


def test_the_followup_report_lists_it_under_the_body(tmp_path: Path) -> None:
    repo = govdocs.load(
        write(
            tmp_path,
            council(
                ponsi("kv-2021-5.ponsi", "adopted", addressee="elinkeinojaosto"),
                ponsi("kv-2021-5.hylatty", "rejected", addressee="elinkeinojaosto"),
            ),
        )
    )
    doc = followup_document(repo, date(2030, 1, 1))
    sections = [b for b in walk(doc.blocks) if isinstance(b, Section) and b.role.startswith("obligation ")]
    assert [(s.heading, s.role) for s in sections] == [
        ("Valtuusto edellyttää, että selvitetään asia kv-2021-5.ponsi.", "obligation open")
    ]
    facts = {
        k: plain(v) for k, v in next(b for b in walk(sections[0].blocks) if isinstance(b, KeyValue)).pairs
    }
    assert facts["Määräpäivä"] == "—"
    assert facts["Vastuu"] == "Elinkeinojaosto"

"""``export --format popolo``: every object valid against the shared Popolo
schemas; counts and named votes as the records state them."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

import govdocs
from govdocs.publish.export import ExportOptions, export_files
from tests.render_helpers import ROOT
from tests.schema_check import problems

KINDS = {
    "vote_events.json": "vote_event", "motions.json": "motion", "events.json": "event",
    "persons.json": "person", "organizations.json": "organization",
}


@pytest.fixture(scope="module")
def exported() -> dict[str, Any]:
    return export_files(govdocs.load(ROOT), "popolo", ExportOptions(as_of=date(2030, 1, 1)))


@pytest.mark.parametrize("file", sorted(KINDS))
def test_every_object_is_valid_popolo(exported: dict[str, Any], file: str) -> None:
    assert exported[file], f"{file} is empty"
    found = [f"{o.get('id')}: {line}" for o in exported[file] for line in problems("popolo", KINDS[file], o)]
    assert found == []


def test_the_validation_rejects_a_broken_object(exported: dict[str, Any]) -> None:
    event = exported["vote_events.json"][0]
    broken = {**event, "counts": [{"option": "yes", "value": "nine"}]}
    assert problems("popolo", "vote_event", broken)


def test_counts_and_named_votes_are_the_records(exported: dict[str, Any]) -> None:
    repo = govdocs.load(ROOT)
    vote = repo.decisions["kylk-2021-659"].votes[0]
    (event,) = [e for e in exported["vote_events.json"] if e["id"] == f"vote-event/{vote.id}"]
    assert {c["option"]: c["value"] for c in event["counts"]} == {"yes": 9, "no": 4, "abstain": 0, "absent": 0}
    persons = {p["id"]: p["name"] for p in exported["persons.json"]}
    named = sorted((persons[v["voter_id"]], v["option"]) for v in event["votes"])
    assert named == sorted((v.name, {"jaa": "yes", "ei": "no"}[v.ballot.value]) for v in vote.voters)
    assert event["result"] == "pass"

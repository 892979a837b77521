"""Decision items, motions and votes: bad input gets one located message
saying what was expected, and exit 1."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from govdocs.cli import cli
from tests.builders import decision, write_repo

TEXT = (
    "Kunnanjohtaja päätti, että jäljempänä mainituilla henkilöillä on oikeus toteuttaa hankintoja, "
    "edellyttäen että hankinta on tarpeellinen. Tämä määräys on voimassa 1.1.2022 alkaen 31.12.2022 saakka."
)
DELEGATION: dict[str, Any] = {
    "id": "kj-2022-1.hankinnat",
    "action": "delegate",
    "subject": "oikeus toteuttaa hankintoja",
    "holders": [{"group": "jäljempänä mainitut henkilöt", "redacted": True}],
    "holding": "alongside",
    "responsibility": "johtaja",
    "conditions": ["hankinta on tarpeellinen"],
    "validity": {"from": "2022-01-01", "to": "2022-12-31"},
    "quote": "jäljempänä mainituilla henkilöillä on oikeus toteuttaa hankintoja",
}
VOTE: dict[str, Any] = {
    "id": "kj-2022-1.vote",
    "jaa": "Esityksen mukaan",
    "ei": "Vastaehdotus",
    "counts": {"jaa": 2, "ei": 1},
    "voters": [
        {"name": "Aino A", "ballot": "jaa"},
        {"name": "Bertta B", "ballot": "jaa"},
        {"name": "Cecilia C", "ballot": "ei"},
    ],
    "result": "jaa",
}


def record(**changes: Any) -> dict[str, Any]:
    base = decision("kj-2022-1", date="2022-01-01", transfers=[], obligations=[])
    base["sections"][0]["body"] = [TEXT]
    base["items"] = [dict(DELEGATION)]
    base.update(changes)
    return base


def validate(tmp_path: Path, rec: dict[str, Any]) -> tuple[int, str]:
    root = write_repo(tmp_path / "repo", rec)
    result = CliRunner().invoke(cli, ["validate", "-C", str(root)])
    return result.exit_code, result.output


def test_a_valid_delegation_passes(tmp_path: Path) -> None:
    code, output = validate(tmp_path, record())
    assert code == 0, output


def with_item(**changes: Any) -> dict[str, Any]:
    return record(items=[{**DELEGATION, **changes}])


LOCATED = r"decisions/2022/kj-2022-1\.yaml:\d+:\d+: error: "

CASES = {
    "unknown action": (
        with_item(action="delegat"),
        r"items\[0\]\.action: expected one of .*did you mean 'delegate'",
    ),
    "unknown holder": (
        with_item(holders=[{"maker": "johtja"}]),
        r"unknown decision maker or office 'johtja'; did you mean 'johtaja'",
    ),
    "unknown responsibility": (
        with_item(responsibility="hallitsu"),
        r"unknown decision maker or office 'hallitsu'",
    ),
    "validity backwards": (
        with_item(validity={"from": "2022-12-31", "to": "2022-01-01"}),
        r"validity ends \(2022-01-01\) before it starts \(2022-12-31\)",
    ),
    "quote not in text": (
        with_item(quote="jäljempänä mainituilla henkilöillä on oikeus tehdä kauppoja"),
        r"quote is not in the text of decision 'kj-2022-1'; the text matches up to .* differs at 'tehdä'",
    ),
    "condition not in text": (
        with_item(conditions=["hankinta on välttämätön"]),
        r"quote is not in the text",
    ),
    "delegate without holders": (with_item(holders=[], holding=None), r"action 'delegate' needs 'holders'"),
    "counts and voters differ": (
        record(votes=[{**VOTE, "counts": {"jaa": 3, "ei": 1}}]),
        r"counts say jaa 3 but 2 voter\(s\) are named with ballot 'jaa'",
    ),
    "missing attachment": (
        with_item(objects=[{"kind": "attachment", "attachment": 4}]),
        r"this decision has no attachment 4 \(its attachments: none\)",
    ),
    "adopt a rejected motion": (
        record(
            items=[
                DELEGATION,
                {
                    "id": "kj-2022-1.ponsi",
                    "action": "adopt-motion",
                    "motion": "kj-2022-1.m",
                    "quote": "Tämä määräys on voimassa 1.1.2022 alkaen",
                },
            ],
            motions=[
                {
                    "id": "kj-2022-1.m",
                    "kind": "resolution",
                    "proposer": "Aino A",
                    "text": "hankinta on tarpeellinen",
                    "outcome": "rejected",
                }
            ],
        ),
        r"item says adopt-motion but motion 'kj-2022-1.m' is rejected",
    ),
    "motion outcome against its vote": (
        record(
            votes=[{**VOTE, "ei_motion": "kj-2022-1.m"}],
            motions=[
                {
                    "id": "kj-2022-1.m",
                    "kind": "counter-proposal",
                    "proposer": "Cecilia C",
                    "text": "hankinta on tarpeellinen",
                    "outcome": "adopted",
                    "vote": "kj-2022-1.vote",
                }
            ],
        ),
        r"motion 'kj-2022-1.m' is adopted but vote 'kj-2022-1.vote' was won by jaa",
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_item_gets_a_located_message(tmp_path: Path, case: str) -> None:
    rec, message = CASES[case]
    code, output = validate(tmp_path, rec)
    assert code == 1, output
    assert re.search(LOCATED + ".*" + message, output), output
    assert "Traceback" not in output


def test_a_body_can_present(tmp_path: Path) -> None:
    code, output = validate(tmp_path, record(presenter={"body": "hallitus"}))
    assert code == 0, output
    code, output = validate(tmp_path / "x", record(presenter={"body": "hallitsu"}))
    assert code == 1
    assert re.search(LOCATED + "unknown body 'hallitsu'; did you mean 'hallitus'", output), output

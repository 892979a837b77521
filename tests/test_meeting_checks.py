"""Broken meetings: each check of `govdocs.checks.meeting_rules` gives its
one located message, `validate`, `check` and `meeting check` exit 1, and
`build` renders nothing. Every case starts from one valid meeting of a
nine-member lautakunta with paired deputies and changes one fact."""

from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from govdocs.cli import cli
from tests.builders import REGISTRY, decision

MEMBERS = [
    "Aino Aalto",
    "Bertta Bäck",
    "Cecilia Carlsson",
    "Daniel Dahl",
    "Eero Esko",
    "Fanni Forsman",
    "Gustav Grön",
    "Helmi Heino",
    "Iida Ilves",
]
DEPUTIES = [
    "Aapo Ahola",
    "Bruno Berg",
    "Celia Cedercreutz",
    "Dora Dufva",
    "Elias Eklund",
    "Frans Friman",
    "Greta Gylling",
    "Hannu Hake",
    "Ilkka Isola",
]
DAY = "2025-03-11"
MEETING_ID = "ltk-kokous-2025-3"
FILE = "decisions/2025/lautakunta/ltk-kokous-2025-3.yaml"


def registry() -> dict[str, Any]:
    reg = copy.deepcopy(REGISTRY)
    members: list[dict[str, Any]] = [
        {"name": name, "role": "chair" if k == 0 else "member", "valid_from": "2025-01-01"}
        for k, name in enumerate(MEMBERS)
    ]
    members += [
        {"name": name, "role": "deputy", "deputy_of": MEMBERS[k], "valid_from": "2025-01-01"}
        for k, name in enumerate(DEPUTIES)
    ]
    reg["decision_makers"].append(
        {
            "id": "lautakunta",
            "kind": "body",
            "name": {"fi": "Testilautakunta"},
            "appeal_authority": "hallitus",
            "members": members,
        }
    )
    return reg


def item_decision(number: int, **changes: Any) -> dict[str, Any]:
    rec = decision(
        f"ltk-2025-{number}",
        number=number,
        date=DAY,
        maker="lautakunta",
        handling="meeting",
        meeting=MEETING_ID,
        transfers=[],
        obligations=[],
        title=f"Asia {number}",
        case=f"HEL 2025-{number:06d}",
    )
    rec["sections"][0]["body"] = [f"Lautakunta päätti asiassa {number} esityksen mukaisesti."]
    rec.update(changes)
    return rec


def meeting(**changes: Any) -> dict[str, Any]:
    attendance: list[dict[str, Any]] = [
        {"name": name, "role": "chair" if k == 0 else "member"} for k, name in enumerate(MEMBERS)
    ]
    attendance[8]["attendance"] = "excused"
    attendance.append({"name": DEPUTIES[8], "role": "deputy", "stands_in_for": MEMBERS[8]})
    attendance.append({"name": "Kaija Kirjuri", "role": "secretary"})
    rec: dict[str, Any] = {
        "record": "meeting",
        "id": MEETING_ID,
        "body": "lautakunta",
        "number": 3,
        "date": DAY,
        "start": "16.00",
        "place": "Kokoushuone",
        "attendance": attendance,
        "agenda": [{"number": k + 1, "section": 20 + k, "decision": f"ltk-2025-{20 + k}"} for k in range(3)],
        "minutes": {
            "checkers": [{"name": MEMBERS[1], "checked": "2025-03-13"}],
            "display": "2025-03-18",
        },
    }
    rec.update(changes)
    return rec


def people(*names: str, absent: tuple[str, ...] = ()) -> list[dict[str, Any]]:
    return [{"name": n, "ballot": "poissa" if n in absent else "jaa"} for n in names]


def write(root: Path, meeting_rec: dict[str, Any], decisions: list[dict[str, Any]]) -> Path:
    root.mkdir(parents=True)
    dump: dict[str, Any] = {"allow_unicode": True, "sort_keys": False}
    (root / "registry.yaml").write_text(yaml.safe_dump(registry(), **dump), encoding="utf-8")
    folder = root / "decisions" / "2025" / "lautakunta"
    folder.mkdir(parents=True)
    for rec in [meeting_rec, *decisions]:
        (folder / f"{rec['id']}.yaml").write_text(yaml.safe_dump(rec, **dump), encoding="utf-8")
    return root


def decisions(**by_number: dict[str, Any]) -> list[dict[str, Any]]:
    return [item_decision(n, **by_number.get(f"d{n}", {})) for n in (20, 21, 22)]


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output


def test_the_valid_meeting_passes(tmp_path: Path) -> None:
    root = write(tmp_path / "repo", meeting(), decisions())
    code, output = run("validate", "-C", str(root))
    assert code == 0, output
    assert ": warning: " not in output, output
    code, output = run("meeting", "check", MEETING_ID, "-C", str(root))
    assert code == 0, output


def line_of(root: Path, file: str, needle: str, occurrence: int = 1) -> tuple[int, int]:
    """Line and column (1-based) of the value of the ``key: value`` line ``needle`` in ``file``."""
    seen = 0
    key = needle.split(": ", 1)[0]
    for n, line in enumerate((root / file).read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            seen += 1
            if seen == occurrence:
                return n, line.index(needle) + len(key) + 3
    raise AssertionError(f"{needle!r} not in {file}")


def with_attendance(change: Any) -> dict[str, Any]:
    rec = meeting()
    change(rec["attendance"])
    return rec


def _no_quorum(att: list[dict[str, Any]]) -> None:
    for k in (1, 2, 3, 4, 5):
        att[k].update(attendance="excused", arrived={"section": 21})


VOTE_21: dict[str, Any] = {
    "id": "ltk-2025-21.vote",
    "jaa": "Esityksen mukaan",
    "ei": "Vastaehdotus",
    "counts": {"jaa": 8, "ei": 1},
    "voters": [
        *people(*MEMBERS[:8]),
        {"name": DEPUTIES[8], "ballot": "ei"},
    ],
    "result": "jaa",
}


def _voter_gone(att: list[dict[str, Any]]) -> None:
    att[3]["left"] = {"section": 20}


# name → (meeting, decisions, file, the value the message sits at (its n-th occurrence), message)
CASES: dict[str, tuple[dict[str, Any], list[dict[str, Any]], str, tuple[str, int], str]] = {
    "no quorum at an item": (
        with_attendance(_no_quorum),
        decisions(),
        FILE,
        ("section: 20", 1),
        "§ 20: 5 of 9 needed (more than half of the members, Kuntalaki 103 §), 4 present: "
        "the meeting cannot have had a quorum",
    ),
    "a disqualified person in a vote": (
        meeting(),
        decisions(
            d21={
                "votes": [VOTE_21],
                "disqualifications": [{"name": MEMBERS[2], "reason": "yhteisöjäävi"}],
            }
        ),
        "decisions/2025/lautakunta/ltk-2025-21.yaml",
        (f"name: {MEMBERS[2]}", 1),
        f"{MEMBERS[2]} is disqualified in § 21 (decisions/2025/lautakunta/ltk-2025-21.yaml:LINE) "
        "but voted jaa; a disqualified member takes no part in the vote",
    ),
    "a substitute for a present member": (
        with_attendance(lambda att: att[8].pop("attendance")),
        decisions(),
        FILE,
        (f"stands_in_for: {MEMBERS[8]}", 1),
        f"{DEPUTIES[8]} stands in for {MEMBERS[8]}, who is present at § 20–22; "
        "a deputy stands in only for a member who is absent or excused",
    ),
    "a voter not present": (
        with_attendance(_voter_gone),
        decisions(d21={"votes": [VOTE_21]}),
        "decisions/2025/lautakunta/ltk-2025-21.yaml",
        (f"name: {MEMBERS[3]}", 1),
        f"{MEMBERS[3]} voted in § 21 but was not present at it (gone from § 21, {FILE}:LINE)",
    ),
    "a § collision between meetings": (
        meeting(
            agenda=[{"number": k + 1, "section": 20 + k, "decision": f"ltk-2025-{20 + k}"} for k in range(2)]
            + [{"number": 3, "section": 21, "outcome": "tabled", "title": "Pöydälle", "case": "x"}]
        ),
        decisions()[:2],
        FILE,
        ("section: 21", 2),
        "§ 21 of 'lautakunta' in 2025 is already item 2 of meeting 3/2025 (FILE:LINE)",
    ),
    "a § collision with a decision on no agenda": (
        meeting(agenda=[*meeting()["agenda"][:2], {"number": 3, "section": 22, "outcome": "tabled"}]),
        decisions(d22={"meeting": None}),
        "decisions/2025/lautakunta/ltk-2025-22.yaml",
        ("number: 22", 1),
        "§ 22 of 'lautakunta' in 2025 is item 3 of meeting 3/2025 (FILE:LINE); this decision is on no agenda",
    ),
}


def _expected(root: Path, message: str) -> str:
    # related places are pinned too: each LINE is a file's line:column as the reader gives it
    return re.escape(message).replace("LINE", r"\d+:\d+").replace("FILE", re.escape(FILE))


@pytest.mark.parametrize("name", CASES)
def test_a_broken_meeting_is_located(tmp_path: Path, name: str) -> None:
    rec, decs, file, (needle, occurrence), message = CASES[name]
    root = write(tmp_path / "repo", rec, decs)
    line, column = line_of(root, file, needle, occurrence)
    code, output = run("validate", "-C", str(root))
    output = output.replace(f"{root}/", "")
    assert code == 1, output
    errors = [row for row in output.splitlines() if ": error: " in row]
    assert len(errors) == 1, output
    assert re.fullmatch(
        rf"{re.escape(file)}:{line}:{column}: error: {_expected(root, message)}", errors[0]
    ), errors[0]

"""`govdocs new meeting`: a meeting record scaffolded from a body's
composition in the registry, valid as written; exact messages and exit
codes for what it refuses. A fixture registry holds a lautakunta of nine
members, each with a personal deputy."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

import govdocs
from govdocs.cli import cli
from govdocs.model.meeting import Meeting, Role
from tests.builders import REGISTRY as BASE

FIRST_NAMES = ["Aino", "Eero", "Helmi", "Ilmari", "Kaisa", "Lauri", "Mirja", "Onni", "Saara"]
ROLES = ["chair", "vice-chair", *["member"] * 7]
TERM = {"valid_from": "2021-08-01", "valid_to": "2025-06-30"}


def lautakunta() -> dict[str, Any]:
    """Nine members (chair, vice-chair, seven members), each paired to a deputy."""
    members: list[dict[str, Any]] = []
    for first, role in zip(FIRST_NAMES, ROLES, strict=True):
        members.append({"name": f"{first} Jäsen", "role": role, **TERM})
        members.append(
            {"name": f"{first} Varajäsen", "role": "deputy", "deputy_of": f"{first} Jäsen", **TERM}
        )
    members[-2]["valid_to"] = "2023-12-31"  # Saara Jäsen left; Veera Jäsen took the seat
    members.append(
        {"name": "Veera Jäsen", "role": "member", "valid_from": "2024-01-01", "valid_to": "2025-06-30"}
    )
    return {
        "id": "lautakunta",
        "kind": "body",
        "name": {"fi": "Testilautakunta"},
        "valid_from": "2021-06-01",
        "members": members,
    }


def registry(*bodies: dict[str, Any]) -> dict[str, Any]:
    data = copy.deepcopy(BASE)
    data["decision_makers"] += list(bodies)
    return data


@pytest.fixture
def records(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    write_registry(
        tmp_path, registry(lautakunta(), {"id": "jaosto", "kind": "body", "name": {"fi": "Jaosto"}})
    )
    (tmp_path / "decisions").mkdir()
    return tmp_path


def write_registry(root: Path, data: dict[str, Any]) -> None:
    (root / "registry.yaml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")


def new(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["new", "meeting", *args])
    return result.exit_code, result.stdout, result.stderr


FILE = "decisions/2024/lautakunta/lautakunta-2024-1.yaml"

HEAD = """\
# yaml-language-server: $schema=../../../docs/decision.schema.json
# Meeting 1/2024 of Testilautakunta, started with `govdocs new meeting` from the
# registry's composition on 5.3.2024. Add start, end and place when known;
# after the roll call mark who was absent (attendance: absent) or sent apologies
# (attendance: excused), and uncomment the deputy who stood in for them.
record: meeting
id: lautakunta-2024-1
body: lautakunta
number: 1
date: 2024-03-05
# start: 'hh.mm'
# place: ...
attendance:
  - name: Aino Jäsen
    role: chair
  # - name: Aino Varajäsen
  #   role: deputy
  #   stands_in_for: Aino Jäsen
  - name: Eero Jäsen
    role: vice-chair
  # - name: Eero Varajäsen
  #   role: deputy
  #   stands_in_for: Eero Jäsen
  - name: Helmi Jäsen
    role: member
"""

TAIL = """\
  - name: Veera Jäsen
    role: member
  # Deputies paired to no member seated on this day (a council group's deputies, in order):
  # - Saara Varajäsen
  # The presenter and the secretary: {name, role: presenter|secretary, title}
# The agenda, in order: {number, section, decision (its record id), title, outcome: pending}
agenda: []
# The minutes: checkers {name, title}, signers {name, role: chair|secretary}, display: YYYY-MM-DD
minutes: {}
"""


def test_it_lists_the_composition_of_the_day_and_validates_as_written(records: Path) -> None:
    assert new("--body", "lautakunta", "--date", "2024-03-05") == (
        0,
        f"{records / FILE}: lautakunta-2024-1 (9 seat holders, 9 deputies in comments)\n",
        "",
    )
    text = (records / FILE).read_text("utf-8")
    assert text.startswith(HEAD) and text.endswith(TAIL)
    repo = govdocs.validate(records)
    assert [p.format() for p in repo.problems] == []
    meeting = repo.meetings["lautakunta-2024-1"]
    assert [(a.name, a.role) for a in meeting.attendance] == [
        ("Aino Jäsen", Role.CHAIR),
        ("Eero Jäsen", Role.VICE_CHAIR),
        *[(f"{first} Jäsen", Role.MEMBER) for first in FIRST_NAMES[2:8]],
        ("Veera Jäsen", Role.MEMBER),
    ]
    assert (meeting.agenda, meeting.minutes.checkers, meeting.minutes.display) == ([], [], None)
    assert CliRunner().invoke(cli, ["validate"]).exit_code == 0


def test_a_deputy_uncommented_stands_in_for_their_member(records: Path) -> None:
    new("--body", "lautakunta", "--date", "2024-03-05")
    path = records / FILE
    text = path.read_text("utf-8").replace(
        "  - name: Eero Jäsen\n    role: vice-chair\n",
        "  - name: Eero Jäsen\n    role: vice-chair\n    attendance: excused\n",
    )
    text = text.replace(
        "  # - name: Eero Varajäsen\n  #   role: deputy\n  #   stands_in_for: Eero Jäsen\n",
        "  - name: Eero Varajäsen\n    role: deputy\n    stands_in_for: Eero Jäsen\n",
    )
    path.write_text(text, "utf-8")
    repo = govdocs.validate(records)
    assert [p.format() for p in repo.errors] == []
    deputy = next(a for a in repo.meetings["lautakunta-2024-1"].attendance if a.role is Role.DEPUTY)
    assert (deputy.name, deputy.stands_in_for) == ("Eero Varajäsen", "Eero Jäsen")


def test_the_number_follows_the_bodys_meetings_of_that_year(records: Path) -> None:
    new("--body", "lautakunta", "--date", "2024-03-05", "--number", "7")
    new("--body", "lautakunta", "--date", "2023-11-20")
    code, out, _ = new("--body", "lautakunta", "--date", "2024-04-09")
    assert code == 0
    assert out.startswith(f"{records}/decisions/2024/lautakunta/lautakunta-2024-8.yaml: lautakunta-2024-8 ")
    loaded = yaml.safe_load((records / "decisions/2023/lautakunta/lautakunta-2023-1.yaml").read_text("utf-8"))
    assert Meeting.model_validate(loaded).number == 1


def test_a_number_taken_is_refused_and_nothing_is_overwritten(records: Path) -> None:
    new("--body", "lautakunta", "--date", "2024-03-05")
    before = (records / FILE).read_bytes()
    assert new("--body", "lautakunta", "--date", "2024-04-09", "--number", "1") == (
        1,
        "",
        f"Error: meeting 1/2024 of 'lautakunta' is already in {FILE}\n",
    )
    (records / FILE).rename(records / "moved.yaml")
    (records / FILE).write_text("not: a record\n", "utf-8")  # a file that does not load
    code, _, err = new("--body", "lautakunta", "--date", "2024-04-09", "--number", "1")
    assert (code, err) == (1, f"Error: {records / FILE} already exists; govdocs never overwrites a record\n")
    assert (records / "moved.yaml").read_bytes() == before


def test_an_unknown_body_gets_the_nearest(records: Path) -> None:
    assert new("--body", "lautakunt", "--date", "2024-03-05") == (
        2,
        "",
        "Error: unknown body 'lautakunt'; did you mean 'lautakunta'?\n",
    )


def test_an_office_holder_holds_no_meetings(records: Path) -> None:
    assert new("--body", "johtaja", "--date", "2024-03-05") == (
        2,
        "",
        "Error: 'johtaja' is an office holder; only a body (toimielin) holds meetings\n",
    )


def test_a_day_before_the_body_existed_is_refused(records: Path) -> None:
    assert new("--body", "lautakunta", "--date", "2021-05-31") == (
        2,
        "",
        "Error: body 'lautakunta' does not exist on 31.5.2021 (it exists 1.6.2021–…)\n",
    )


def test_a_body_without_members_says_how_to_add_them(records: Path) -> None:
    message = (
        "Error: body 'jaosto' has no members in the registry (registry.yaml:{line}:7); add them under "
        "its entry in registry.yaml as members: a list of {{name, role: chair|vice-chair|member, valid_from, "
        "valid_to}}, and each personal deputy as {{name, role: deputy, deputy_of: <member's name>}}\n"
    )
    line = (records / "registry.yaml").read_text("utf-8").splitlines().index("- id: jaosto") + 1
    assert new("--body", "jaosto", "--date", "2024-03-05") == (1, "", message.format(line=line))
    code, _, err = new("--body", "lautakunta", "--date", "2025-07-01")
    assert (code, err.split(";")[0]) == (
        1,
        "Error: body 'lautakunta' has no members seated on 1.7.2025 in the registry "
        f"(registry.yaml:{(records / 'registry.yaml').read_text('utf-8').splitlines().index('- id: lautakunta') + 1}:7)",
    )
    assert not (records / "decisions" / "2024").exists()


def test_a_decision_still_needs_its_maker(records: Path) -> None:
    result = CliRunner().invoke(cli, ["new", "working-group", "--date", "2024-03-05"])
    assert (result.exit_code, result.stderr) == (
        2,
        "Error: give --maker: the decision maker of the new working-group decision\n",
    )

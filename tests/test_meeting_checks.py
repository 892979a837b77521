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
    members.append({"name": "Veera Vara", "role": "deputy", "valid_from": "2025-01-01"})  # not paired
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


def item_decision(n: int, **changes: Any) -> dict[str, Any]:
    """The decision of § ``n``; a change to None removes the key."""
    number = n
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
        signature={"name": MEMBERS[0], "title": "puheenjohtaja"},
        case=f"HEL 2025-{number:06d}",
    )
    rec["sections"][0]["body"] = [f"Lautakunta päätti asiassa {number} esityksen mukaisesti."]
    rec.update(changes)
    return {k: v for k, v in rec.items() if v is not None}


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


@pytest.mark.parametrize("name", ["no quorum at an item", "a substitute for a present member"])
def test_meeting_check_build_and_check_refuse_a_broken_meeting(tmp_path: Path, name: str) -> None:
    rec, decs, file, _, message = CASES[name]
    root = write(tmp_path / "repo", rec, decs)
    code, output = run("meeting", "check", MEETING_ID, "-C", str(root))
    assert code == 1, output
    assert message.replace("FILE:LINE", "") in output
    # the same meeting named by its file
    code, output = run("meeting", "check", str(root / FILE))
    assert code == 1, output
    # a decision of the meeting is not ready to sign while its meeting is broken
    code, output = run("check", "ltk-2025-20", "-C", str(root))
    assert code == 1, output
    assert message.replace("FILE:LINE", "") in output
    out = tmp_path / "site"
    code, output = run("build", str(root), "--out", str(out), "-f", "txt")
    assert code == 1, output
    assert output.splitlines()[-1].endswith("in the records; nothing done"), output
    assert not out.exists() or not any(out.rglob("*.txt"))


def test_a_voters_fault_stops_the_check_of_its_decision(tmp_path: Path) -> None:
    rec, decs, file, _, message = CASES["a disqualified person in a vote"]
    root = write(tmp_path / "repo", rec, decs)
    code, output = run("check", "ltk-2025-21", "-C", str(root))
    assert code == 1, output
    assert "is disqualified in § 21" in output
    code, output = run("check", "ltk-2025-22", "-C", str(root))
    assert code == 0, output


def _rename(index: int, **changes: Any) -> Any:
    def change(att: list[dict[str, Any]]) -> None:
        att[index].update(changes)

    return change


def _second_deputy(att: list[dict[str, Any]]) -> None:
    att.append({"name": "Veera Vara", "role": "deputy", "stands_in_for": MEMBERS[8]})


def _unpaired(att: list[dict[str, Any]]) -> None:
    att[7]["attendance"] = "excused"
    att[9]["stands_in_for"] = MEMBERS[7]
    att[8]["attendance"] = "present"
    att[8]["left"] = {"section": 22}


def _left_early_unknown(att: list[dict[str, Any]]) -> None:
    for k in (1, 2, 3, 4):
        att[k]["left"] = {"section": 20}
    att[5].update(attendance="excused", arrived={"by": 22})


def _for_an_official(att: list[dict[str, Any]]) -> None:
    att.append({"name": "Olli Outo", "role": "other"})
    att[9]["stands_in_for"] = "Olli Outo"


def _overlap(att: list[dict[str, Any]]) -> None:
    # the member missed the roll call at § 20 and came by § 21; the deputy had gone by § 22:
    # both may have sat at § 21
    att[8]["arrived"] = {"by": 21}
    att[9]["left"] = {"before": 22}


def _gap(rec: dict[str, Any]) -> dict[str, Any]:
    rec["agenda"][2]["section"] = 23
    return rec


# name → (meeting, decisions, file, key: value the message sits at, message, severity)
MORE: dict[str, tuple[dict[str, Any], list[dict[str, Any]], str, tuple[str, int], str, str]] = {
    "two deputies for one member": (
        with_attendance(_second_deputy),
        decisions(),
        FILE,
        (f"stands_in_for: {MEMBERS[8]}", 2),
        f"{DEPUTIES[8]} and Veera Vara both stand in for {MEMBERS[8]} at § 20–22 (see FILE:LINE)",
        "error",
    ),
    "a paired deputy for another member": (
        with_attendance(_unpaired),
        decisions(),
        FILE,
        (f"stands_in_for: {MEMBERS[7]}", 1),
        f"{DEPUTIES[8]} is the personal deputy of {MEMBERS[8]}, but stands in for {MEMBERS[7]}",
        "warning",
    ),
    "someone on the list who holds no seat": (
        with_attendance(lambda att: att.append({"name": "Olli Outo", "role": "member"})),
        decisions(),
        FILE,
        ("name: Olli Outo", 1),
        "Olli Outo attends as member, but is not a member or deputy of 'lautakunta' on 11.3.2025 "
        "(registry: registry.yaml:LINE)",
        "error",
    ),
    "a deputy for someone who holds no seat": (
        with_attendance(_for_an_official),
        decisions(),
        FILE,
        ("stands_in_for: Olli Outo", 1),
        f"{DEPUTIES[8]} stands in for Olli Outo, who is not a member of 'lautakunta' on 11.3.2025 "
        "(registry: registry.yaml:LINE)",
        "error",
    ),
    "a deputy whose member may have been there too": (
        with_attendance(_overlap),
        decisions(),
        FILE,
        (f"stands_in_for: {MEMBERS[8]}", 1),
        f"{DEPUTIES[8]} stands in for {MEMBERS[8]}; at § 21 the attendance facts leave open whether both "
        "were present",
        "warning",
    ),
    "a deputy for nobody known": (
        with_attendance(_rename(9, stands_in_for="Iida Ilvez")),
        decisions(),
        FILE,
        ("stands_in_for: Iida Ilvez", 1),
        f"{DEPUTIES[8]} stands in for 'Iida Ilvez', who is neither on the meeting's list nor a member of "
        "'lautakunta' on 11.3.2025; did you mean 'Iida Ilves'?",
        "error",
    ),
    "a checker nobody knows": (
        meeting(minutes={"checkers": [{"name": "Bertta Back"}], "display": "2025-03-18"}),
        decisions(),
        FILE,
        ("name: Bertta Back", 1),
        "minute checker 'Bertta Back' is neither on the meeting's list nor a member of 'lautakunta' on "
        "11.3.2025; did you mean 'Bertta Bäck'?",
        "error",
    ),
    "an arrival at a § not on the agenda": (
        with_attendance(_rename(8, arrived={"section": 30})),
        decisions(),
        FILE,
        ("section: 30", 1),
        f"§ 30 is not on the agenda of meeting '{MEETING_ID}' (§ 20–22)",
        "error",
    ),
    "a quorum the facts leave open": (
        with_attendance(_left_early_unknown),
        decisions(),
        FILE,
        ("section: 21", 1),
        "§ 21: 5 of 9 needed (more than half of the members, Kuntalaki 103 §), 4 present, 1 unknown: "
        "the attendance facts leave the quorum open",
        "warning",
    ),
    "a gap in the §": (
        _gap(meeting()),
        decisions(d22={"number": 23}),
        FILE,
        ("section: 23", 1),
        "§ 23 follows § 21 on the agenda of meeting 3/2025; the § run on without gaps or repeats "
        "(expected § 22)",
        "error",
    ),
    "an agenda item naming no decision": (
        meeting(),
        decisions()[:2],
        FILE,
        ("decision: ltk-2025-22", 1),
        "unknown decision 'ltk-2025-22'; did you mean 'ltk-2025-21'?",
        "error",
    ),
    "a decision not on the agenda it names": (
        meeting(agenda=meeting()["agenda"][:2]),
        decisions(),
        "decisions/2025/lautakunta/ltk-2025-22.yaml",
        (f"meeting: {MEETING_ID}", 1),
        f"decision 'ltk-2025-22' names meeting '{MEETING_ID}', but is not on its agenda (FILE:LINE)",
        "error",
    ),
    "a decision of another day": (
        meeting(),
        decisions(d21={"date": "2025-03-12"}),
        "decisions/2025/lautakunta/ltk-2025-21.yaml",
        ("date: '2025-03-12'", 1),
        f"decision 'ltk-2025-21' is dated 12.3.2025, but meeting '{MEETING_ID}' (FILE:LINE) was held on "
        "11.3.2025",
        "error",
    ),
    "a meeting decision missing from that day's agenda": (
        meeting(agenda=meeting()["agenda"][:2]),
        decisions(d22={"meeting": None}),
        "decisions/2025/lautakunta/ltk-2025-22.yaml",
        ("maker: lautakunta", 1),
        f"decision 'ltk-2025-22' was made in a meeting of 'lautakunta' on 11.3.2025, and meeting "
        f"'{MEETING_ID}' of that day does not have it on its agenda; add it there or name its meeting "
        "('meeting:')",
        "warning",
    ),
    "an absent voter who was there": (
        meeting(),
        decisions(
            d21={
                "votes": [
                    {
                        **VOTE_21,
                        "counts": {"jaa": 7, "ei": 1, "poissa": 1},
                        "voters": [*people(*MEMBERS[:8], absent=(MEMBERS[1],)), VOTE_21["voters"][-1]],
                    }
                ]
            }
        ),
        "decisions/2025/lautakunta/ltk-2025-21.yaml",
        (f"name: {MEMBERS[1]}", 1),
        f"{MEMBERS[1]} is counted absent (poissa) in the vote of § 21, but the attendance of meeting "
        f"'{MEETING_ID}' has them present (FILE:LINE)",
        "warning",
    ),
    "more ballots than members": (
        meeting(),
        decisions(d21={"votes": [{**VOTE_21, "voters": [], "counts": {"jaa": 9, "ei": 1}}]}),
        "decisions/2025/lautakunta/ltk-2025-21.yaml",
        ("counts:", 1),
        "the vote of § 21 counts 10 (jaa 9, ei 1, tyhjä 0, poissa 0) but 'lautakunta' has 9 seats",
        "error",
    ),
}


@pytest.mark.parametrize("name", MORE)
def test_each_meeting_check_is_located(tmp_path: Path, name: str) -> None:
    rec, decs, file, (needle, occurrence), message, severity = MORE[name]
    root = write(tmp_path / "repo", rec, decs)
    if needle.endswith(":"):
        lines = (root / file).read_text(encoding="utf-8").splitlines()
        line = next(n for n, text in enumerate(lines, 1) if text.strip() == needle) + 1
        column = len(lines[line - 1]) - len(lines[line - 1].lstrip()) + 1
    else:
        line, column = line_of(root, file, needle, occurrence)
    code, output = run("validate", "-C", str(root))
    output = output.replace(f"{root}/", "")
    found = [row for row in output.splitlines() if ": error: " in row or ": warning: " in row]
    assert len(found) == 1, output
    assert code == (1 if severity == "error" else 0), output
    expected = rf"{re.escape(file)}:{line}:{column}: {severity}: {_expected(root, message)}"
    assert re.fullmatch(expected, found[0]), found[0]


def test_meeting_check_answers_in_json_with_codes(tmp_path: Path) -> None:
    import json

    rec, decs, *_ = CASES["no quorum at an item"]
    root = write(tmp_path / "repo", rec, decs)
    code, output = run("meeting", "check", "-C", str(root), "--format", "json")
    assert code == 1, output
    answer = json.loads(output)
    assert (answer["meetings"], answer["ok"], answer["errors"]) == ([MEETING_ID], False, 1)
    assert [p["code"] for p in answer["problems"]] == ["no-quorum"]


def test_one_file_validated_alone_does_not_miss_the_others(tmp_path: Path) -> None:
    # `govdocs validate FILE` reads that file only: the meeting a decision
    # names, and the decisions an agenda names, are in the records all the same
    root = write(tmp_path / "repo", meeting(), decisions())
    for file in (FILE, "decisions/2025/lautakunta/ltk-2025-21.yaml"):
        code, output = run("validate", str(root / file))
        assert (code, output) == (0, "0 error(s), 0 warning(s) in 1 record file(s)\n")
    # a name that is in no file is still unknown
    root = write(tmp_path / "typo", meeting(), decisions(d21={"meeting": "ltk-kokous-2025-33"}))
    code, output = run("validate", str(root / "decisions/2025/lautakunta/ltk-2025-21.yaml"))
    assert code == 1
    assert "error: unknown meeting 'ltk-kokous-2025-33'" in output

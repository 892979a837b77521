"""`govdocs deadline ID` without --published counts from the day the
minutes of the decision's meeting went on public display (Kuntalaki 140 §)
and says where that day comes from; `govdocs meeting show` gives the
meeting's facts and the quorum at each §."""

from __future__ import annotations

import json
from pathlib import Path

from tests.test_meeting_checks import FILE, MEETING_ID, decisions, meeting, run, write


def _repo(tmp_path: Path, **changes: object) -> Path:
    return write(tmp_path / "repo", meeting(**changes), decisions())


def test_the_deadline_counts_from_the_minutes_display_day(tmp_path: Path) -> None:
    root = _repo(tmp_path)
    code, out = run("deadline", "ltk-2025-21", "-C", str(root))
    assert code == 0, out
    # display Tue 18.3.2025, online: notified 7 days later, Tue 25.3.2025;
    # oikaisuvaatimus 14 days: Tue 8.4.2025, a working day
    lines = out.splitlines()
    assert lines[:4] == [
        "ltk-2025-21: oikaisuvaatimus, 14 days",
        "  published: 18.3.2025 (the minutes of Testilautakunta 3/2025 on public display)",
        "  notified: 25.3.2025",
        "  deadline: 8.4.2025",
    ]
    # the same day given by hand gives the same dates
    code, given = run("deadline", "ltk-2025-21", "--published", "18.3.2025", "-C", str(root))
    assert code == 0, given
    assert given.splitlines()[2:] == lines[2:]
    assert given.splitlines()[1] == "  published: 18.3.2025 (online)"


def test_published_overrides_the_display_day(tmp_path: Path) -> None:
    root = _repo(tmp_path)
    code, out = run("deadline", "ltk-2025-21", "--published", "2025-03-21", "-C", str(root))
    assert code == 0, out
    assert out.splitlines()[1:4] == [
        "  published: 21.3.2025 (online)",
        "  notified: 28.3.2025",
        "  deadline: 11.4.2025",
    ]


def test_the_json_answer_names_the_day_and_its_source(tmp_path: Path) -> None:
    root = _repo(tmp_path)
    code, out = run("deadline", "ltk-2025-20", "-C", str(root), "--format", "json")
    assert code == 0, out
    answer = json.loads(out)
    assert answer["published"] == "2025-03-18"
    assert answer["source"] == "the minutes of Testilautakunta 3/2025 on public display"
    assert answer["deadline"]["deadline"] == "2025-04-08"


def test_without_a_display_day_or_a_meeting_it_is_a_usage_error(tmp_path: Path) -> None:
    root = _repo(tmp_path, minutes={"checkers": []})
    code, out = run("deadline", "ltk-2025-21", "-C", str(root))
    assert code == 2, out
    assert (
        f"Error: decision 'ltk-2025-21': the minutes of its meeting '{MEETING_ID}' have no display day "
        "(minutes.display); give the day with --published DATE"
    ) in out


def test_a_decision_without_a_meeting_needs_published(tmp_path: Path) -> None:
    from tests.builders import decision, write_repo

    root = write_repo(tmp_path / "plain", decision())
    code, out = run("deadline", "kj-2016-1", "-C", str(root))
    assert code == 2, out
    assert (
        "Error: decision 'kj-2016-1': it has no meeting record whose minutes' display day it counts from; "
        "give the day with --published DATE"
    ) in out


def test_meeting_show_gives_status_attendance_and_quorum(tmp_path: Path) -> None:
    root = _repo(tmp_path)
    code, out = run("meeting", "show", MEETING_ID, "-C", str(root), "--as-of", "2025-03-12")
    assert code == 0, out
    lines = out.splitlines()
    assert lines[0] == f"{MEETING_ID}: Testilautakunta 3/2025"
    assert "  status on 12.3.2025: held (minutes on display from 18.3.2025)" in lines
    assert "    deputy Ilkka Isola for Iida Ilves" in lines
    assert "     2. § 21 Asia 21 [decided] ltk-2025-21; quorum: 9 present, 5 of 9 needed: quorate" in lines
    code, out = run("meeting", "show", str(root / FILE), "--as-of", "2025-03-20", "--format", "json")
    assert code == 0, out
    facts = json.loads(out)
    assert facts["status"] == "on-display"
    assert facts["attendance"]["excused"] == ["Iida Ilves"]
    assert [i["quorum"]["present"] for i in facts["agenda"]] == [9, 9, 9]


def test_an_unknown_meeting_is_a_usage_error(tmp_path: Path) -> None:
    root = _repo(tmp_path)
    code, out = run("meeting", "show", "ltk-kokous-2025-4", "-C", str(root))
    assert code == 2, out
    assert f"no meeting 'ltk-kokous-2025-4' in the records; did you mean '{MEETING_ID}'?" in out
    code, out = run("meeting", "check", "ltk-kokous-2025-4", "-C", str(root))
    assert code == 2, out


def test_meeting_ids_complete_from_the_record_files(tmp_path: Path) -> None:
    from govdocs.cli import complete

    root = _repo(tmp_path)
    assert complete.meeting_ids(root) == [MEETING_ID]

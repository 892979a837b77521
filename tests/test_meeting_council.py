"""The bundled council meeting (Kaupunginvaltuusto 22.10.2025, 16/2025)
passes the meeting checks, and the figures `govdocs meeting show` derives
from its attendance facts agree with what the minutes print: the roll call
of § 244 (deputies called in, members absent) and the ballots cast in the
vote of § 255."""

from __future__ import annotations

import json
import re
from pathlib import Path

from click.testing import CliRunner

from govdocs.cli import cli
from tests.reference import reference

ROOT = Path(__file__).resolve().parents[1]
MEETING = "kaupunginvaltuusto-2025-16"
SOURCE = "meeting/kaupunginvaltuusto-2025-10-22"


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, [*args, "-C", str(ROOT)])
    return result.exit_code, result.output


def test_the_council_meeting_passes_its_checks() -> None:
    assert run("meeting", "check", MEETING) == (0, "0 error(s), 0 warning(s) in 1 record file(s)\n")


def test_show_agrees_with_the_published_roll_call_and_vote() -> None:
    code, out = run("meeting", "show", MEETING, "--as-of", "2025-11-01", "--format", "json")
    assert code == 0, out
    facts = json.loads(out)
    roll_call = reference(f"{SOURCE}/244-fi.txt").read_text(encoding="utf-8")
    called = re.findall(r"^- (.+), tilalle (.+)$", roll_call, flags=re.M)
    absent = re.findall(r"^- ([^,\n]+)$", roll_call.split("olivat poissa", 1)[1], flags=re.M)
    attendance = facts["attendance"]
    # the printed 'Jenny Hjelt' is the record's 'Jenni Hjelt' (printed: Jenny Hjelt)
    assert len(attendance["deputies"]) == len(called) == 13
    assert {d["for"] for d in attendance["deputies"]} == {member for member, _ in called}
    assert attendance["absent"] == absent
    seats = 85  # Helsingin kaupunginvaltuusto
    # every seat filled at the roll call but the absent members': the excused by their deputies
    assert attendance["present_at_roll_call"] == seats - len(absent)
    # the roll call is taken at the opening item: whoever was there then counts
    # at § 244, whoever was not came later, however unknown the moment
    opening = next(i for i in facts["agenda"] if i["section"] == 244)
    assert (opening["quorum"]["present"], opening["quorum"]["unknown"]) == (seats - len(absent), 0)
    vote = reference(f"{SOURCE}/255-fi.txt").read_text(encoding="utf-8")
    cast = sum(int(n) for n in re.findall(r"^(?:Jaa-äänet|Ei-äänet|Tyhjä): (\d+)$", vote, flags=re.M))
    item = next(i for i in facts["agenda"] if i["section"] == 255)
    assert item["quorum"]["present"] + item["quorum"]["unknown"] == cast
    # Kuntalaki 103 §: two thirds of 85 councillors is 56 2/3, so 57
    assert (item["quorum"]["needed"], item["quorum"]["seats"], item["quorum"]["quorate"]) == (57, seats, True)
    assert facts["status"] == "on-display" and facts["display"] == "2025-10-30"


def test_a_council_item_counts_its_appeal_from_the_minutes_display_day() -> None:
    # § 248 and § 249, kunnallisvalitus: the minutes went on display on Thu
    # 30.10.2025 (Ahjo: Issued), notified 7 days later on Thu 6.11.2025; 30
    # days end on Sat 6.12.2025, Independence Day, so the period ends on the
    # next working day, Mon 8.12.2025
    for decision in ("kv-2025-248", "kv-2025-249"):
        code, out = run("deadline", decision)
        assert code == 0, out
        assert out.splitlines()[:4] == [
            f"{decision}: kunnallisvalitus, 30 days",
            "  published: 30.10.2025 (the minutes of Kaupunginvaltuusto 16/2025 on public display)",
            "  notified: 6.11.2025",
            "  deadline: 8.12.2025",
        ]
    # an item without appeal (§ 251, muutoksenhakukielto) needs no day at all
    assert run("deadline", "kv-2025-251") == (0, "kv-2025-251: muutoksenhakukielto: no appeal period\n")

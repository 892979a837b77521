"""The shared council meeting of 22.10.2025 as records: the meeting agrees
with Ahjo's meeting data, the registry's council with the vote of § 255,
and the roll call of § 244 and the Käsittely of § 255 are written from the
facts, so `check` fails when the text and the facts part."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from click.testing import CliRunner

import govdocs
from govdocs.cli import cli
from govdocs.derive.meetings import Presence, attendee_named, presence
from govdocs.drafting.kinds import load_kinds
from govdocs.drafting.phrasing import generate
from govdocs.model.decision import Section
from govdocs.model.items import Ballot
from govdocs.model.meeting import Meeting, Role
from govdocs.model.registry import SeatRole
from govdocs.repository import Repository
from tests.reference import reference
from tests.render_helpers import ROOT

HELSINKI = ZoneInfo("Europe/Helsinki")

MEETING = "kaupunginvaltuusto-2025-16"
FOLDER = "meeting/kaupunginvaltuusto-2025-10-22"
MEETING_FILE = f"decisions/2025/kaupunginvaltuusto/{MEETING}.yaml"
Edit = Callable[[str, str, str], Path]


@pytest.fixture(scope="module")
def repo() -> Repository:
    return govdocs.load(ROOT)


@pytest.fixture(scope="module")
def meeting(repo: Repository) -> Meeting:
    return repo.meetings[MEETING]


@pytest.fixture(scope="module")
def ahjo() -> dict[str, object]:
    data: dict[str, object] = json.loads(reference(f"{FOLDER}/meeting.json").read_text(encoding="utf-8"))
    return data


def _one(ahjo: dict[str, object], key: str) -> object:
    (value,) = ahjo[key]  # type: ignore[misc]
    return value


def test_the_meeting_is_ahjos(meeting: Meeting, ahjo: dict[str, object]) -> None:
    assert meeting.number == _one(ahjo, "sequence_number")
    # the site stores the meeting's time in UTC (the Ahjo API's neighbours give local time)
    held = datetime.fromisoformat(str(_one(ahjo, "date"))).replace(tzinfo=UTC).astimezone(HELSINKI)
    assert meeting.date == held.date()
    assert meeting.start == held.strftime("%H.%M")
    assert meeting.place == _one(ahjo, "location")
    assert meeting.external_id == _one(ahjo, "id")
    assert meeting.body == "kaupunginvaltuusto" and str(_one(ahjo, "dm")) == "Kaupunginvaltuusto"


def _spaced(text: str) -> str:
    # Ahjo prints "Nimenhuuto,  laillisuus" with two spaces; the item's text one.
    return " ".join(text.split())


def test_every_agenda_item_is_ahjos(repo: Repository, meeting: Meeting, ahjo: dict[str, object]) -> None:
    finnish = [i for i in ahjo["agenda"] if i["Language"] == "fi"]  # type: ignore[attr-defined]
    assert len(meeting.agenda) == len(finnish)
    for item, source in zip(meeting.agenda, finnish, strict=True):
        assert item.section == int(source["Section"].removesuffix(" §"))
        assert item.number == int(source["AgendaPoint"])
        decision = repo.decisions.get(item.decision or "")
        title = decision.title if decision else item.title
        case = decision.case if decision else item.case
        assert title == _spaced(source["Title"]), item.section
        assert case == source["CaseIDLabel"], item.section
        assert item.personal_data is (source["PersonalData"] == "Sisältää henkilötietoja")
        assert item.publicity == source["PublicityClass"].lower()
        if decision is not None:
            assert (decision.number, decision.meeting, decision.day) == (item.section, MEETING, meeting.date)


def test_the_minutes_went_on_display_the_day_ahjo_issued_them(
    meeting: Meeting, ahjo: dict[str, object]
) -> None:
    issued = {i["Issued"][:10] for i in ahjo["agenda"]}  # type: ignore[attr-defined]
    assert issued == {str(meeting.minutes.display)}


def _voters(repo: Repository) -> dict[str, Ballot]:
    (vote,) = repo.decisions["kv-2025-255"].votes
    return {v.name: v.ballot for v in vote.voters}


def test_the_registry_council_has_its_seats(repo: Repository, meeting: Meeting) -> None:
    council = repo.makers["kaupunginvaltuusto"]
    seated = [m for m in council.composition(meeting.date) if m.role is SeatRole.MEMBER]
    assert council.council and council.seats == len(seated) == len({m.name for m in seated}) == 85
    assert council.quorum(meeting.date) == 57  # two thirds of 85, rounded up


def test_every_voter_holds_a_seat_or_stands_in_for_one(repo: Repository, meeting: Meeting) -> None:
    """The vote of § 255 names 85: each a councillor, or a deputy standing
    in at § 255 for a councillor who was not there; whoever the vote lists
    as Poissa was not there, and everyone else may have been."""
    council = repo.makers["kaupunginvaltuusto"]
    seats = {m.name: m for m in council.composition(meeting.date)}
    voters = _voters(repo)
    (vote,) = repo.decisions["kv-2025-255"].votes
    assert len(voters) == len(vote.voters) == council.seats
    for name, ballot in voters.items():
        member = next((m for m in seats.values() if m.known_as(name)), None)
        assert member is not None, name
        if member.role is SeatRole.DEPUTY:
            deputy = attendee_named(meeting, name, council)
            assert deputy is not None and deputy.role is Role.DEPUTY, name
            stood_for = attendee_named(meeting, deputy.stands_in_for or "", council)
            assert stood_for is not None and seats[stood_for.name].role is SeatRole.MEMBER, name
            assert presence(stood_for, 255) is not Presence.PRESENT, name
        else:
            attendee = attendee_named(meeting, name, council)
            assert attendee is not None, name
            away = ballot is Ballot.POISSA
            assert (presence(attendee, 255) is Presence.ABSENT) is away, name


def test_the_meeting_lists_every_seat_and_every_deputy_called(repo: Repository, meeting: Meeting) -> None:
    council = repo.makers["kaupunginvaltuusto"]
    members = {m.name for m in council.composition(meeting.date) if m.role is SeatRole.MEMBER}
    listed = {p.name for p in meeting.attendance if p.role is Role.MEMBER}
    assert listed == members
    deputies = [p for p in meeting.attendance if p.role is Role.DEPUTY]
    text = reference(f"{FOLDER}/244-fi.txt").read_text(encoding="utf-8")
    printed = re.findall(r"^- (.+), tilalle (.+)$", text, flags=re.MULTILINE)
    assert [(p.stands_in_for, p.printed or p.name) for p in deputies] == printed
    assert all(p.stands_in_for in members for p in deputies)


def _published(section: int, heading: str, end: str, lang: str = "fi") -> list[str]:
    text = reference(f"{FOLDER}/{section}-{lang}.txt").read_text(encoding="utf-8")
    block = text.split(f"\n{heading}\n", 1)[1].split(f"\n\n{end}", 1)[0]
    return [line.strip().removeprefix("- ") for line in block.splitlines() if line.strip()]


def _blanked(sections: list[Section]) -> list[Section]:
    return [s.model_copy(update={"body": ["—"]}) if s.generated else s for s in sections]


def _from_facts(repo: Repository, decision_id: str, name: str) -> list[str]:
    """The section ``name`` (of the text, or of its Swedish version) generated
    with every stored generated text thrown away."""
    decision = repo.decisions[decision_id]
    update: dict[str, object] = {"sections": _blanked(decision.sections)}
    if decision.sv is not None:
        update["sv"] = decision.sv.model_copy(update={"sections": _blanked(decision.sv.sections)})
    edited = decision.model_copy(update=update)
    generation = generate(edited, repo.registry, load_kinds(), repo.meeting_of(decision_id))
    assert generation.issues == []
    made = generation.decision
    sections = made.sv.sections if name.endswith("sv") and made.sv is not None else made.sections
    (section,) = [s for s in sections if s.generated == name]
    lines: list[str] = []
    for block in section.body:
        lines += block.list if hasattr(block, "list") else [str(block)]
    return lines


def test_the_roll_call_is_written_from_the_attendance(repo: Repository) -> None:
    assert _from_facts(repo, "kv-2025-244", "rollcall/fi") == _published(244, "Nimenhuuto ja estyneet", "")


def test_the_council_handling_is_written_from_the_motion_and_the_vote(repo: Repository) -> None:
    assert _from_facts(repo, "kv-2025-255", "handling/council-fi") == _published(
        255, "Käsittely", "Esittelijä"
    )


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    assert "Traceback" not in result.output
    return result.exit_code, result.output


STALE = (
    r"decisions/2025/kaupunginvaltuusto/kv-2025-244\.yaml:\d+:\d+: error: section 2 is marked generated "
    r"\(rollcall/fi\) but its text differs from what the data gives"
)


def test_check_passes_the_roll_call_as_published(records: Path) -> None:
    code, out = run("check", "kv-2025-244", "-C", str(records))
    assert "generated" not in out, out


@pytest.mark.parametrize(
    ("old", "new", "line"),
    [
        (
            "    stands_in_for: Atte Harjanne\n",
            "    stands_in_for: Otto Meri\n",
            "Otto Meri, tilalle Tuomas Tuomi-Nikula",
        ),
        ("    printed: Jenny Hjelt\n", "", "Elisa Gebhard, tilalle Jenni Hjelt"),
    ],
)
def test_a_changed_attendance_fact_fails_check_and_regenerate_follows_it(
    records: Path, edit: Edit, old: str, new: str, line: str
) -> None:
    edit(MEETING_FILE, old, new)
    code, out = run("check", "kv-2025-244", "-C", str(records))
    assert code == 1
    assert re.search(STALE, out), out
    code, out = run("draft", "regenerate", "kv-2025-244", "-C", str(records))
    assert code == 0, out
    code, out = run("check", "kv-2025-244", "-C", str(records))
    assert "generated" not in out, out
    text = (records / "decisions/2025/kaupunginvaltuusto/kv-2025-244.yaml").read_text(encoding="utf-8")
    assert f"- {line}\n" in text
    assert f"- {line.replace(', tilalle ', ', ersättare ')}\n" in text  # and its Swedish version (rollcall/sv)


def test_a_member_present_at_the_roll_call_leaves_the_absent_list(records: Path, edit: Edit) -> None:
    edit(
        MEETING_FILE,
        "    attendance: absent  # Nimenhuudosta olivat poissa seuraavat valtuutetut\n    arrived:\n"
        "      by: 255  # she votes Jaa at § 255; when she came the texts do not say\n"
        "      quote: Tuomas Rantanen, Nasima Razmyar, Krishna Regmi\n",
        "",
    )
    code, out = run("check", "kv-2025-244", "-C", str(records))
    assert code == 1
    assert re.search(STALE, out), out


def test_a_roll_call_outside_a_meeting_is_located(records: Path, edit: Edit) -> None:
    edit("decisions/2025/kaupunginvaltuusto/kv-2025-244.yaml", "meeting: kaupunginvaltuusto-2025-16\n", "")
    edit(MEETING_FILE, "    decision: kv-2025-244\n", "    title: Nimenhuuto\n")
    code, out = run("check", "kv-2025-244", "-C", str(records))
    assert code == 1
    assert re.search(
        r"kv-2025-244\.yaml:\d+:\d+: error: section 2 cannot be generated \(rollcall/fi\) from the data: "
        r"the decision is an item of no meeting record",
        out,
    ), out


def test_the_checkers_are_written_from_the_minutes(repo: Repository, meeting: Meeting) -> None:
    assert meeting.minutes.checkers_from == "kv-2025-245"
    assert _from_facts(repo, "kv-2025-245", "checkers/fi") == _published(245, "Päätös", "Käsittely")


# --- the Swedish version, from the same facts ------------------------------------------


def test_every_agenda_item_has_ahjos_swedish_title(
    repo: Repository, meeting: Meeting, ahjo: dict[str, object]
) -> None:
    swedish = [i for i in ahjo["agenda"] if i["Language"] == "sv"]  # type: ignore[attr-defined]
    assert [int(i["Section"].removesuffix(" §")) for i in swedish] == [i.section for i in meeting.agenda]
    for item, source in zip(meeting.agenda, swedish, strict=True):
        decision = repo.decisions[item.decision or ""]
        assert decision.sv is not None and decision.sv.title == _spaced(source["Title"]), item.section


def test_the_swedish_roll_call_checkers_and_handling_are_written_from_the_facts(repo: Repository) -> None:
    roll_call = _published(244, "Namnupprop och förhinder", "", "sv")
    assert _from_facts(repo, "kv-2025-244", "rollcall/sv") == roll_call
    assert _from_facts(repo, "kv-2025-245", "checkers/sv") == _published(245, "Beslut", "Behandling", "sv")
    assert _from_facts(repo, "kv-2025-255", "handling/council-sv") == _published(
        255, "Behandling", "Föredragande", "sv"
    )


def test_a_changed_checker_fails_check_on_the_election(records: Path, edit: Edit) -> None:
    edit(MEETING_FILE, "    - name: Maija Karhunen\n", "    - name: Otto Meri\n")
    code, out = run("check", "kv-2025-245", "-C", str(records))
    assert code == 1
    assert re.search(
        r"kv-2025-245\.yaml:\d+:\d+: error: section 1 is marked generated \(checkers/fi\) but its text differs",
        out,
    ), out


def test_the_calendar_of_247_is_held_row_by_row(repo: Repository) -> None:
    (table,) = [b.table for b in repo.decisions["kv-2025-247"].sections[0].body if hasattr(b, "table")]
    text = reference(f"{FOLDER}/247-fi.txt").read_text(encoding="utf-8")
    cells = text.split("seuraavasti:\n", 1)[1].split("\n\nEsittelijä", 1)[0].splitlines()
    assert list(table.cells()) == cells
    assert [row[0] for row in table.rows] == [str(n) for n in range(1, 21)]
    assert {row[4] for row in table.rows} == {"", "kyselytunti", "tilinpäätös", "talousarvio"}


KV247 = "decisions/2025/kaupunginvaltuusto/kv-2025-247.yaml"
KV255 = "decisions/2025/kaupunginvaltuusto/kv-2025-255.yaml"


@pytest.mark.parametrize(
    ("file", "old", "new", "message"),
    [
        (
            KV247,
            '            - ["1", "4", "21.1.", "18", ""]\n',
            '            - ["1", "4", "21.1.", "18"]\n',
            r"kv-2025-247\.yaml:\d+:\d+: error: .*row 1 has 4 cells; the table has 5 columns",
        ),
        (
            KV255,
            "    seconder_forms: [{fi: Ville Merinen, genitive: Ville Merisen}]\n",
            "    seconder_forms: [{fi: Ville Merimies, genitive: Ville Merimiehen}]\n",
            r"kv-2025-255\.yaml:\d+:\d+: error: .*'seconder_forms' gives one entry per seconder",
        ),
    ],
)
def test_contradicting_record_facts_get_a_located_message(
    records: Path, edit: Edit, file: str, old: str, new: str, message: str
) -> None:
    edit(file, old, new)
    code, out = run("validate", "-C", str(records))
    assert code == 1
    assert re.search(message, out), out


def test_a_council_motion_without_published_wording_fails_the_section(records: Path, edit: Edit) -> None:
    """The council template phrases what § 255 shows; anything else is refused, not left out."""
    edit(KV255, "    kind: resolution\n", "    kind: amendment\n")
    edit(KV255, "    addressee: kaupunginhallitus\n", "")
    edit(KV255, "as_proposed: true\n", "as_proposed: false\n")
    code, out = run("check", "kv-2025-255", "-C", str(records))
    assert code == 1
    assert re.search(
        r"kv-2025-255\.yaml:\d+:\d+: error: section 2 cannot be generated \(handling/council-fi\) from the "
        r"data: the template has no published wording for a council amendment",
        out,
    ), out

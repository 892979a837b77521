"""Our records agree with the peer: for every bundled decision whose
published text has Helsinki's Ahjo data beside it
(``helsinki/ahjo/<name>.json``), each fact Ahjo holds must be the same in
our record: the section, diary number, task code, decision maker, meeting
date, vote counts and every named voter with their group, attachments and
their personal-data marking, and the earlier decisions of the case."""

from __future__ import annotations

import json
import re
from datetime import date
from typing import Any

import pytest

import govdocs
from govdocs.model.decision import Decision
from govdocs.model.items import Ballot
from govdocs.repository import Repository
from tests.reference import reference, reference_root
from tests.render_helpers import REFERENCES, ROOT

# Ahjo's Motion (the proposal) opens 'Esitysehdotus / Esitys on ehdotuksen
# mukainen.' when the decision is the proposal unchanged.
AS_PROPOSED = re.compile(r"^\w+ on ehdotuksen mukainen\.$", re.MULTILINE)
PERSONAL = {"Sisältää henkilötietoja": True, "Ei sisällä henkilötietoja": False}


def ahjo_path(text_path: str) -> str:
    """``helsinki/x.txt`` → ``helsinki/ahjo/x.json``."""
    folder, name = text_path.rsplit("/", 1)
    return f"{folder}/ahjo/{name.removesuffix('.txt')}.json"


def _with_ahjo() -> list[str]:
    helsinki = sorted(i for i, p in REFERENCES.items() if p.startswith("helsinki/"))
    root = reference_root()
    if not root.is_dir():
        return helsinki  # each test then skips (or fails in CI) through reference()
    return [i for i in helsinki if (root / ahjo_path(REFERENCES[i])).is_file()]


WITH_AHJO = _with_ahjo()


@pytest.fixture(scope="module")
def repo() -> Repository:
    return govdocs.load(ROOT)


def ahjo(decision_id: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        reference(ahjo_path(REFERENCES[decision_id])).read_text(encoding="utf-8")
    )
    return data


def ahjo_name(name: str) -> str:
    """Ahjo lists voters 'Surname, Given names'; the minutes print 'Given names Surname'."""
    surname, _, given = name.partition(",")
    return f"{given.strip()} {surname.strip()}".strip()


def ahjo_day(stamp: str | None) -> date | None:
    return date.fromisoformat(stamp[:10]) if stamp else None


def maker_name(repo: Repository, maker_id: str | None) -> str | None:
    maker = repo.makers.get(maker_id or "")
    return maker.name.fi if maker else None


def identity(repo: Repository, ours: Decision, peer: dict[str, Any]) -> list[str]:
    """Section, diary number, task code, title, maker and meeting date."""
    meeting = peer.get("Meeting") or {}
    pairs = {
        "section": (ours.number, int(peer["Section"])),
        "case": (ours.case, peer["CaseIDLabel"]),
        "task code": (ours.task_code, peer["ClassificationCode"]),
        "title": (ours.title, peer["Title"]),
        "maker": (
            (maker_name(repo, ours.maker) or ours.maker).casefold(),
            peer["Organization"]["Name"].casefold(),
        ),
    }
    if meeting:
        pairs["meeting date"] = (ours.day, ahjo_day(meeting["DateMeeting"]))
    if AS_PROPOSED.search((peer.get("Motion") or "").split("\n\n", 1)[0]):
        pairs["as proposed"] = (ours.as_proposed, True)
    return [f"{what}: ours {a!r}, Ahjo {b!r}" for what, (a, b) in pairs.items() if a != b]


SIDES = {
    "Ayes": ("jaa", Ballot.JAA),
    "Noes": ("ei", Ballot.EI),
    "Blank": ("tyhja", Ballot.TYHJA),
    "Absent": ("poissa", Ballot.POISSA),
}


def votes(ours: Decision, peer: dict[str, Any]) -> list[str]:
    """Counts, every named voter with their group, and the JAA and EI proposals."""
    results = peer["VotingResults"]
    if len(ours.votes) != len(results):
        return [f"votes: ours {len(ours.votes)}, Ahjo {len(results)}"]
    found: list[str] = []
    for n, (vote, result) in enumerate(zip(ours.votes, results, strict=True), 1):
        for key, (count, ballot) in SIDES.items():
            side = result.get(key) or {"NumberOfVotes": 0, "Voters": []}
            if getattr(vote.counts, count) != side["NumberOfVotes"]:
                found.append(
                    f"vote {n} {count}: ours {getattr(vote.counts, count)}, Ahjo {side['NumberOfVotes']}"
                )
            named = {(v.name, v.group or "") for v in vote.voters if v.ballot is ballot}
            expected = {(ahjo_name(v["Name"]), v.get("CouncilGroup") or "") for v in side["Voters"]}
            if named != expected:
                found.append(
                    f"vote {n} {count} voters: only ours {sorted(named - expected)}, "
                    f"only Ahjo {sorted(expected - named)}"
                )
        for attr, key in (("jaa", "Ayes"), ("ei", "Noes")):
            if getattr(vote, attr) != result[key]["Content"]:
                found.append(f"vote {n} {attr.upper()}-ehdotus differs from Ahjo's")
    return found


def attachments(ours: Decision, peer: dict[str, Any]) -> list[str]:
    """Titles in order, each with its personal-data marking. Ahjo lists only
    the attachments the web copy publishes: not the secret ones, nor those
    whose file is kept off the web (`Attachment.published`)."""
    expected = [(a["Title"], PERSONAL[a["PersonalData"]]) for a in peer["Attachments"]]
    got = [(a.title, a.personal) for a in ours.attachments if a.on_web]
    return [] if got == expected else [f"attachments: ours {got}, Ahjo {expected}"]


def history(repo: Repository, ours: Decision, peer: dict[str, Any]) -> list[str]:
    """The earlier decisions of the case: date, § and maker, oldest first."""
    expected = sorted(
        (
            (
                ahjo_day((p.get("Meeting") or {}).get("DateMeeting")),
                int(p["Section"]),
                p["Organization"]["Name"].casefold(),
            )
            for p in peer["PreviousDecisions"]
        ),
        key=lambda e: (e[0] or date.min, e[1]),
    )
    got = [
        (h.date, h.number, (maker_name(repo, h.maker) or h.maker_name or "").casefold()) for h in ours.history
    ]
    return [] if got == expected else [f"history: ours {got}, Ahjo {expected}"]


def disagreements(repo: Repository, ours: Decision, peer: dict[str, Any]) -> list[str]:
    return [
        *identity(repo, ours, peer),
        *votes(ours, peer),
        *attachments(ours, peer),
        *history(repo, ours, peer),
    ]


@pytest.mark.parametrize("decision_id", WITH_AHJO)
def test_our_facts_agree_with_ahjo(repo: Repository, decision_id: str) -> None:
    assert disagreements(repo, repo.decisions[decision_id], ahjo(decision_id)) == []


def test_the_comparison_notices_each_kind_of_disagreement(repo: Repository) -> None:
    """Changing a fact Ahjo holds is caught, field by field."""
    with_votes = [i for i in WITH_AHJO if ahjo(i)["VotingResults"]]
    with_history = [i for i in WITH_AHJO if ahjo(i)["PreviousDecisions"]]
    with_attachments = [i for i in WITH_AHJO if ahjo(i)["Attachments"]]
    # the bundled records include a named vote (659), earlier handlings and attachments
    assert with_votes and with_history and with_attachments
    first = repo.decisions[WITH_AHJO[0]]
    assert identity(repo, first.model_copy(update={"case": "HEL 1999-000001"}), ahjo(WITH_AHJO[0]))
    proposed = next(i for i in WITH_AHJO if AS_PROPOSED.search(ahjo(i).get("Motion") or ""))
    changed = repo.decisions[proposed].model_copy(update={"as_proposed": False})
    assert identity(repo, changed, ahjo(proposed)) == ["as proposed: ours False, Ahjo True"]
    voted = repo.decisions[with_votes[0]]
    vote = voted.votes[0]
    swapped = vote.model_copy(update={"voters": [v.model_copy(update={"group": "x"}) for v in vote.voters]})
    assert votes(voted.model_copy(update={"votes": [swapped, *voted.votes[1:]]}), ahjo(with_votes[0]))
    handled = repo.decisions[with_history[0]]
    assert history(repo, handled.model_copy(update={"history": handled.history[1:]}), ahjo(with_history[0]))
    attached = repo.decisions[with_attachments[0]]
    flipped = [a.model_copy(update={"personal": not a.personal}) for a in attached.attachments]
    assert attachments(attached.model_copy(update={"attachments": flipped}), ahjo(with_attachments[0]))


# A meeting's published items (``meeting/<folder>/NNN-fi.txt``) have the
# meeting's Ahjo data beside them (``meeting.json``): the agenda lists each
# item's §, diary number, title, language, publicity and personal-data mark.
MEETING_ITEMS = sorted(i for i, p in REFERENCES.items() if p.startswith("meeting/"))


def agenda_entry(decision_id: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """The meeting's Ahjo data and the agenda entry of the item's own file."""
    folder, name = REFERENCES[decision_id].rsplit("/", 1)
    meeting: dict[str, Any] = json.loads(reference(f"{folder}/meeting.json").read_text(encoding="utf-8"))
    (entry,) = [a for a in meeting["agenda"] if a["file"] == name]
    return meeting, entry


def agenda_disagreements(
    repo: Repository, ours: Decision, meeting: dict[str, Any], entry: dict[str, Any]
) -> list[str]:
    """§, diary number, title, maker, meeting date, language and publicity;
    the personal-data mark where our meeting record's agenda item holds it."""
    pairs: dict[str, tuple[object, object]] = {
        "section": (ours.number, int(entry["Section"].removesuffix("§"))),
        "case": (ours.case, entry["CaseIDLabel"]),
        "title": (" ".join(ours.title.split()), " ".join(entry["Title"].split())),
        "maker": ((maker_name(repo, ours.maker) or ours.maker).casefold(), meeting["dm"][0].casefold()),
        "meeting date": (ours.day, ahjo_day(meeting["date"][0])),
        "language": (ours.language, entry["Language"]),
        "publicity": (ours.publicity.class_.value, entry["PublicityClass"].casefold()),
    }
    ours_meeting = repo.meeting_of(ours.id)
    items = [a for a in ours_meeting.agenda if a.section == ours.number] if ours_meeting else []
    if items and items[0].personal_data is not None:
        pairs["personal data"] = (items[0].personal_data, PERSONAL[entry["PersonalData"]])
    return [f"{what}: ours {a!r}, Ahjo {b!r}" for what, (a, b) in pairs.items() if a != b]


@pytest.mark.parametrize("decision_id", MEETING_ITEMS)
def test_a_meeting_item_agrees_with_the_meeting_data(repo: Repository, decision_id: str) -> None:
    meeting, entry = agenda_entry(decision_id)
    assert agenda_disagreements(repo, repo.decisions[decision_id], meeting, entry) == []


def test_the_meeting_comparison_notices_a_changed_fact(repo: Repository) -> None:
    decision_id = MEETING_ITEMS[0]
    meeting, entry = agenda_entry(decision_id)
    ours = repo.decisions[decision_id]
    changed = ours.model_copy(update={"case": "HEL 1999-000001", "number": ours.number + 1})
    found = agenda_disagreements(repo, changed, meeting, entry)
    assert [line.split(":", 1)[0] for line in found] == ["section", "case"]

"""`govdocs new meeting`: a meeting record to fill, scaffolded from the
body's composition in the registry on the meeting day.

The file lists every seat holder (chair, vice-chairs, members) on the
attendance list, each member's personal deputy in a comment under them
(uncommented and marked `role: deputy` when they stand in), and an empty
agenda and minutes. As written it is a valid scheduled meeting: nothing
in it claims more than the registry says, and `govdocs validate` passes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from govdocs.api import validate
from govdocs.describe import fi_date
from govdocs.drafting.newdoc import DraftingError
from govdocs.drafting.yamlwrite import dump
from govdocs.model.meeting import Meeting
from govdocs.model.registry import DecisionMaker, MakerKind, Membership, SeatRole
from govdocs.problems import did_you_mean
from govdocs.read.loader import RECORDS_DIR, REGISTRY_FILE
from govdocs.repository import Repository
from govdocs.safepath import UnsafePath, create_new

__all__ = ["NewMeeting", "meeting_text", "new_meeting", "next_meeting_number"]

SEATED = (SeatRole.CHAIR, SeatRole.VICE_CHAIR, SeatRole.MEMBER)
"""The seat holders a meeting's attendance lists, in this order."""


@dataclass(frozen=True)
class NewMeeting:
    """What `new_meeting` wrote."""

    id: str
    path: Path
    number: int
    members: int
    """Seat holders listed on the attendance."""
    deputies: int
    """Personal deputies named in comments."""


def new_meeting(root: Path, body: str, day: date, number: int | None = None) -> NewMeeting:
    """Write ``decisions/<year>/<body>/<body>-<year>-<number>.yaml``: a
    scheduled meeting of ``body`` on ``day`` with its composition of that
    day; ``number`` defaults to the next after the body's meetings that year.
    Unknown body or a day the body does not exist: exit 2; no members in
    the registry, a number or file already taken: exit 1."""
    repo = validate(root)
    maker = _body(repo, body, day)
    seated, deputies = composition(maker, day)
    if not seated:
        raise DraftingError(_no_members(repo, maker, day), exit_code=1)
    number = number or next_meeting_number(repo, body, day.year)
    rid = f"{body}-{day.year}-{number}"
    taken = [
        m for m in repo.meetings.values() if m.body == body and m.year == day.year and m.number == number
    ]
    if taken:
        where = repo.origins[taken[0].id].file
        raise DraftingError(f"meeting {number}/{day.year} of '{body}' is already in {where}", exit_code=1)
    text = meeting_text(rid, maker, day, number, seated, deputies)
    Meeting.model_validate(yaml.safe_load(text))  # what is written must read back as a meeting
    relative = f"{RECORDS_DIR}/{day.year}/{body}/{rid}.yaml"
    path = repo.root / relative
    if path.exists() or path.is_symlink():
        raise DraftingError(f"{path} already exists; govdocs never overwrites a record", exit_code=1)
    try:  # no-clobber and race-free, never through a link
        create_new(repo.root, relative, text.encode("utf-8"))
    except UnsafePath as exc:
        raise DraftingError(exc.message, exit_code=1) from None
    return NewMeeting(rid, path, number, len(seated), sum(len(d) for d in deputies.values()))


def _body(repo: Repository, body: str, day: date) -> DecisionMaker:
    maker = repo.makers.get(body)
    if maker is None:
        bodies = [m.id for m in repo.registry.decision_makers if m.kind is MakerKind.BODY]
        raise DraftingError(f"unknown body '{body}'{did_you_mean(body, bodies)}")
    if maker.kind is not MakerKind.BODY:
        raise DraftingError(f"'{body}' is an office holder; only a body (toimielin) holds meetings")
    if not maker.exists_on(day):
        start = fi_date(maker.valid_from) if maker.valid_from else "…"
        end = fi_date(maker.valid_to) if maker.valid_to else "…"
        raise DraftingError(f"body '{body}' does not exist on {fi_date(day)} (it exists {start}–{end})")
    return maker


def _no_members(repo: Repository, maker: DecisionMaker, day: date) -> str:
    listed = "no members" if not maker.members else f"no members seated on {fi_date(day)}"
    where = repo.registry_origin("decision_makers", maker.id).where("id")
    return (
        f"body '{maker.id}' has {listed} in the registry ({where}); add them under its entry in "
        f"{REGISTRY_FILE} as members: a list of {{name, role: chair|vice-chair|member, valid_from, "
        "valid_to}, and each personal deputy as {name, role: deputy, deputy_of: <member's name>}"
    )


def composition(
    maker: DecisionMaker, day: date
) -> tuple[list[Membership], dict[str | None, list[Membership]]]:
    """The seat holders on ``day`` (chair, vice-chairs by rank, members, in
    the registry's order within each) and the deputies by the member they
    are paired to (None: deputies of no one member, a council's group list)."""
    seats = maker.composition(day)
    seated = sorted(
        (m for m in seats if m.role in SEATED),
        key=lambda m: (SEATED.index(m.role), m.rank or 0),
    )
    deputies: dict[str | None, list[Membership]] = {}
    for m in seats:
        if m.role is SeatRole.DEPUTY:
            deputies.setdefault(m.deputy_of, []).append(m)
    return seated, deputies


def next_meeting_number(repo: Repository, body: str, year: int) -> int:
    """One more than the highest number of the body's meetings in ``year``."""
    used = [m.number for m in repo.meetings.values() if m.body == body and m.year == year and m.number]
    return max(used, default=0) + 1


def meeting_text(
    rid: str,
    maker: DecisionMaker,
    day: date,
    number: int,
    seated: list[Membership],
    deputies: dict[str | None, list[Membership]],
) -> str:
    """The new file: header, attendance with deputies in comments, empty
    agenda and minutes, each with a commented hint of what to write."""
    header = {"record": "meeting", "id": rid, "body": maker.id, "number": number, "date": day}
    lines = [
        "# yaml-language-server: $schema=../../../docs/decision.schema.json",
        f"# Meeting {number}/{day.year} of {maker.name.fi}, started with `govdocs new meeting` from the",
        f"# registry's composition on {fi_date(day)}. Add start, end and place when known;",
        "# after the roll call mark who was absent (attendance: absent) or sent apologies",
        "# (attendance: excused), and uncomment the deputy who stood in for them.",
        dump(header).rstrip("\n"),
        "# start: 'hh.mm'",
        "# place: ...",
        "attendance:",
    ]
    for member in seated:
        lines += _indented(dump([_attendee(member)]))
        for deputy in deputies.get(member.name, []):
            lines += [f"  # {line}" for line in dump([_deputy(deputy, member)]).splitlines()]
    unpaired = [d for key, group in deputies.items() if key not in {m.name for m in seated} for d in group]
    if unpaired:
        lines.append(
            "  # Deputies paired to no member seated on this day (a council group's deputies, in order):"
        )
        lines += [f"  # - {d.name}" + (f" ({d.group})" if d.group else "") for d in unpaired]
    lines += [
        "  # The presenter and the secretary: {name, role: presenter|secretary, title}",
        "# The agenda, in order: {number, section, decision (its record id), title, outcome: pending}",
        "agenda: []",
        "# The minutes: checkers {name, title}, signers {name, role: chair|secretary}, display: YYYY-MM-DD",
        "minutes: {}",
    ]
    return "\n".join(lines) + "\n"


def _indented(text: str) -> list[str]:
    return [f"  {line}" for line in text.splitlines()]


def _attendee(member: Membership) -> dict[str, Any]:
    data: dict[str, Any] = {"name": member.name, "person": member.person, "role": str(member.role)}
    data["group"] = member.group
    return {k: v for k, v in data.items() if v is not None}


def _deputy(deputy: Membership, member: Membership) -> dict[str, Any]:
    data: dict[str, Any] = {"name": deputy.name, "person": deputy.person, "role": "deputy"}
    data["stands_in_for"] = member.name
    return {k: v for k, v in data.items() if v is not None}

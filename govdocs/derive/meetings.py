"""What a meeting record implies: who was present at each §, whether the
meeting had a quorum there, and its status on a day.

Presence is three-valued. The minutes often say only that someone was
absent from a vote, or voted in one, without saying when they came or
went; such a person is *unknown* between the facts, never guessed present
or absent. A check fails only on what the facts make certain (a meeting
that cannot have had a quorum, a voter who cannot have been there) and
warns where the facts leave it open.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import IntEnum, StrEnum

from govdocs.model.common import NotStated
from govdocs.model.meeting import VOTING_ROLES, AgendaItem, Attendance, Attendee, Meeting, Role
from govdocs.model.registry import DecisionMaker

__all__ = [
    "MeetingStatus",
    "Presence",
    "Quorum",
    "attendee_named",
    "moment",
    "opening",
    "presence",
    "quorum_at",
    "sections",
    "status",
]


class Presence(IntEnum):
    """Ordered so that the weaker of two facts is their minimum."""

    ABSENT = 0
    UNKNOWN = 1
    PRESENT = 2


class MeetingStatus(StrEnum):
    SCHEDULED = "scheduled"
    """kutsuttu koolle: the day has not come"""
    HELD = "held"
    """pidetty"""
    MINUTES_CHECKED = "minutes-checked"
    """pöytäkirja tarkastettu: every checker has checked"""
    ON_DISPLAY = "on-display"
    """pöytäkirja nähtävänä yleisessä tietoverkossa"""
    CANCELLED = "cancelled"
    """peruttu"""


def sections(meeting: Meeting) -> list[int]:
    """The § numbers of the agenda, in agenda order."""
    return [item.section for item in meeting.agenda if item.section is not None]


def _arrival(person: Attendee, section: int, opening: int | None) -> Presence:
    if person.attendance is Attendance.PRESENT:
        return Presence.PRESENT
    came = person.arrived
    if came is None:
        return Presence.ABSENT
    if came.section is not None:
        return Presence.PRESENT if section >= came.section else Presence.ABSENT
    if section >= came.first:
        return Presence.PRESENT
    # not there at the roll call, which is the opening item: came only later
    return Presence.ABSENT if section == opening else Presence.UNKNOWN


def _departure(person: Attendee, section: int, opening: int | None) -> Presence:
    went = person.left
    if went is None:
        return Presence.PRESENT
    if section == opening and person.attendance is Attendance.PRESENT:
        # present at the roll call, which is the opening item: gone only later
        return Presence.PRESENT
    if went.section is not None:
        return Presence.PRESENT if section <= went.section else Presence.ABSENT
    if went.before is None:  # only the time is printed: at which § is not known
        return Presence.UNKNOWN
    return Presence.ABSENT if section >= went.before else Presence.UNKNOWN


def opening(meeting: Meeting) -> int | None:
    """The § of the opening item, at which the roll call is taken."""
    numbers = sections(meeting)
    return numbers[0] if numbers else None


def moment(meeting: Meeting, section: int) -> int:
    """The § at whose moment § ``section`` was handled: the § it was taken
    after when out of order (`AgendaItem.handled_after`), else itself. Who
    was present at it is who was present then (someone who left right after
    that § is counted present: the minutes say so when it matters)."""
    item = next((i for i in meeting.agenda if i.section == section), None)
    return item.handled_after if item is not None and item.handled_after is not None else section


def presence(person: Attendee, section: int, opening: int | None = None) -> Presence:
    """Whether ``person`` was present at § ``section``, as far as the facts
    say. ``opening`` is the meeting's first § (see :func:`opening`): whoever
    was present at the roll call was present there, whenever they left."""
    if person.sections and section not in person.sections:
        return Presence.ABSENT
    return min(_arrival(person, section, opening), _departure(person, section, opening))


def attendee_named(meeting: Meeting, name: str, body: DecisionMaker | None = None) -> Attendee | None:
    """The attendee called ``name`` (or printed so, or known so in the body's registry entry)."""
    for person in meeting.attendance:
        if name in (person.name, person.printed):
            return person
    if body is not None:
        for member in body.members:
            if member.known_as(name):
                return next((p for p in meeting.attendance if member.known_as(p.name)), None)
    return None


@dataclass(frozen=True)
class Quorum:
    """The quorum at one §: how many members must be present, how many
    certainly were, how many may have been."""

    section: int
    needed: int | None
    """Kuntalaki 103 §; None when the registry gives no size for the body."""
    seats: int | None
    present: tuple[str, ...]
    """Members (and deputies standing in) certainly present, disqualified ones left out."""
    unknown: tuple[str, ...]
    """Those whose presence the facts leave open."""
    disqualified: tuple[str, ...]

    @property
    def certain(self) -> bool | None:
        """True: quorate for sure; False: cannot have been; None: the facts leave it open."""
        if self.needed is None:
            return None
        if len(self.present) >= self.needed:
            return True
        if len(self.present) + len(self.unknown) < self.needed:
            return False
        return None


def quorum_at(
    meeting: Meeting, body: DecisionMaker | None, section: int, disqualified: Iterable[str] = ()
) -> Quorum:
    """The quorum at § ``section`` from the attendance facts."""
    out = set(disqualified)
    first = opening(meeting)
    sure: list[str] = []
    maybe: list[str] = []
    for person in meeting.attendance:
        if person.role not in VOTING_ROLES or person.name in out or (person.printed or "") in out:
            continue
        state = presence(person, moment(meeting, section), first)
        if state is Presence.PRESENT:
            sure.append(person.name)
        elif state is Presence.UNKNOWN:
            maybe.append(person.name)
    needed = body.quorum(meeting.date) if body is not None else None
    seats = body.seat_count(meeting.date) if body is not None else None
    return Quorum(section, needed, seats, tuple(sure), tuple(maybe), tuple(sorted(out)))


def _checked(meeting: Meeting, day: date) -> bool:
    checkers = [c for c in meeting.minutes.checkers if not c.deputy]
    if not checkers:
        return False
    for checker in checkers:
        when = checker.checked
        if when is None:
            return False
        if isinstance(when, NotStated):
            if when.assumed is None or when.assumed > day:
                return False
        elif when > day:
            return False
    return True


def status(meeting: Meeting, day: date) -> MeetingStatus:
    """The meeting's status on ``day``, from its facts."""
    if meeting.cancelled is not None and (meeting.cancelled.date is None or meeting.cancelled.date <= day):
        return MeetingStatus.CANCELLED
    if meeting.date > day:
        return MeetingStatus.SCHEDULED
    if meeting.minutes.display is not None and meeting.minutes.display <= day:
        return MeetingStatus.ON_DISPLAY
    if _checked(meeting, day):
        return MeetingStatus.MINUTES_CHECKED
    return MeetingStatus.HELD


def members_present(meeting: Meeting, section: int) -> list[Attendee]:
    """Everyone certainly present at § ``section`` in a voting role."""
    first = opening(meeting)
    return [
        p
        for p in meeting.attendance
        if p.role in VOTING_ROLES and presence(p, moment(meeting, section), first) is Presence.PRESENT
    ]


def item_at(meeting: Meeting, section: int) -> AgendaItem | None:
    return next((i for i in meeting.agenda if i.section == section), None)


def roll_call(meeting: Meeting) -> tuple[list[Attendee], list[Attendee]]:
    """(deputies called in for members who sent apologies, members absent
    from the roll call without one), in the record's order."""
    called = [p for p in meeting.attendance if p.role is Role.DEPUTY and p.attendance is Attendance.PRESENT]
    absent = [
        p
        for p in meeting.attendance
        if p.role in VOTING_ROLES and p.role is not Role.DEPUTY and p.attendance is Attendance.ABSENT
    ]
    return called, absent

"""Checks of meeting records against the registry and the decisions they
produced: quorum at every §, disqualified members out of the votes,
deputies standing in for absent members only, voters present, § and
meeting numbers in sequence, and agenda and decisions agreeing.

Presence is three-valued (`govdocs.derive.meetings`): a check is an error
only where the facts make the problem certain, and a warning where they
leave it open. Each problem sits where the fact is written: in the meeting
file, or in the decision file for a vote or a decision's own data."""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from govdocs.checks.refs import ref as _ref
from govdocs.checks.refs import unknown as _unknown
from govdocs.derive.meetings import Presence, attendee_named, moment, opening, presence, quorum_at, sections
from govdocs.describe import fi_date
from govdocs.model.decision import Decision, Handling
from govdocs.model.items import Ballot
from govdocs.model.meeting import VOTING_ROLES, Attendee, ItemOutcome, Meeting, Role
from govdocs.model.registry import DecisionMaker, Membership, SeatRole
from govdocs.problems import Problem, Severity, did_you_mean
from govdocs.repository import Origin, Repository

__all__ = ["MEETING_RULES", "check_meeting", "item_decision"]

CAST = (Ballot.JAA, Ballot.EI, Ballot.TYHJA)
"""Ballots that mean the voter was there."""


def _warning(origin: Origin, message: str, *at: str | int, code: str) -> Problem:
    return origin.problem(message, *at, severity=Severity.WARNING, code=code)


@dataclass(frozen=True)
class _Context:
    repo: Repository
    meeting: Meeting
    origin: Origin
    body: DecisionMaker | None

    def named(self, name: str) -> Attendee | None:
        return attendee_named(self.meeting, name, self.body)

    def seat(self, name: str) -> Membership | None:
        """The body's seat holder on the meeting day known as ``name``."""
        if self.body is None:
            return None
        return next((m for m in self.body.composition(self.meeting.date) if m.known_as(name)), None)

    def members_at(self) -> str:
        """Where the registry lists the body's members."""
        return self.repo.registry_origin("decision_makers", self.meeting.body).where("members")

    def where(self, name: str) -> int | None:
        """The index of the attendee called ``name`` on the list."""
        person = self.named(name)
        return next((i for i, p in enumerate(self.meeting.attendance) if p is person), None)


def item_decision(repo: Repository, meeting: Meeting, section: int) -> Decision | None:
    """The decision of the agenda item numbered § ``section``, if recorded."""
    item = next((i for i in meeting.agenda if i.section == section), None)
    return repo.decisions.get(item.decision) if item is not None and item.decision else None


def unread(repo: Repository) -> set[str]:
    """Ids of the record files of the repository that were not read this
    time (`govdocs validate FILE` reads one file) or did not load (their own
    problems say why): a meeting or decision named by one of them exists,
    it is only not here to check against."""
    cache: dict[str, set[str]] = repo.__dict__.setdefault("_unread_ids", {})
    if "ids" not in cache:
        from govdocs.read.loader import record_files

        read = {Path(os.path.abspath(f)) for f in repo.files.values()}
        root = Path(os.path.abspath(repo.root))
        cache["ids"] = {f.stem for f in record_files(root, root) if Path(os.path.abspath(f)) not in read}
    return cache["ids"]


def _context(repo: Repository, meeting: Meeting) -> _Context:
    return _Context(repo, meeting, repo.origins[meeting.id], repo.makers.get(meeting.body))


def check_meeting(repo: Repository, meeting_id: str) -> list[Problem]:
    """The meeting rules for one meeting only (`govdocs meeting check`)."""
    from govdocs.problems import sort_key

    meeting = repo.meetings[meeting_id]
    found: list[Problem] = []
    for rule in PER_MEETING:
        found.extend(rule(_context(repo, meeting)))
    file = repo.origins[meeting_id].file
    found.extend(
        p for p in _numbers(repo) if p.file == file or any(r.startswith(f"{file}:") for r in p.related)
    )
    found.extend(_decisions_of(repo, {meeting_id}))
    return sorted(found, key=sort_key)


# --- references ---------------------------------------------------------------------------


def _references(ctx: _Context) -> Iterator[Problem]:
    """The body, people and decisions a meeting names exist; a deputy's
    member and a checker are people known to the meeting or the body."""
    repo, meeting, origin = ctx.repo, ctx.meeting, ctx.origin
    yield from _ref(origin, "body", meeting.body, repo.makers, "body")
    known = [p.name for p in meeting.attendance]
    if ctx.body is not None:
        known += [m.name for m in ctx.body.composition(meeting.date)]
    for i, person in enumerate(meeting.attendance):
        yield from _ref(origin, "person", person.person, repo.people, "attendance", i, "person")
        if (
            person.stands_in_for
            and ctx.named(person.stands_in_for) is None
            and ctx.seat(person.stands_in_for) is None
        ):
            yield origin.problem(
                f"{person.name} stands in for '{person.stands_in_for}', who is neither on the meeting's "
                f"list nor a member of '{meeting.body}' on {fi_date(meeting.date)}"
                + did_you_mean(person.stands_in_for, known),
                "attendance",
                i,
                "stands_in_for",
                code="meeting-unknown-person",
            )
    for i, checker in enumerate(meeting.minutes.checkers):
        yield from _ref(origin, "person", checker.person, repo.people, "minutes", "checkers", i, "person")
        if ctx.named(checker.name) is None and ctx.seat(checker.name) is None:
            at: tuple[str | int, ...] = ("minutes", "checkers", i, "name")
            yield origin.problem(
                f"minute checker '{checker.name}' is neither on the meeting's list nor a member of "
                f"'{meeting.body}' on {fi_date(meeting.date)}" + did_you_mean(checker.name, known),
                *at,
                code="meeting-unknown-person",
            )
    if meeting.minutes.checkers_from not in unread(repo):
        yield from _ref(
            origin, "decision", meeting.minutes.checkers_from, repo.decisions, "minutes", "checkers_from"
        )
    for i, item in enumerate(meeting.agenda):
        if (
            item.decision is not None
            and item.decision not in repo.decisions
            and item.decision not in unread(repo)
        ):
            yield _unknown(origin, "decision", item.decision, repo.decisions, "agenda", i, "decision")


def _members(ctx: _Context) -> Iterator[Problem]:
    """Who sits as chair, vice-chair or member holds a seat of the body on
    the day, and a deputy is one of its deputies, where the registry gives
    the composition."""
    meeting = ctx.meeting
    if ctx.body is None or not ctx.body.composition(meeting.date):
        return
    for i, person in enumerate(meeting.attendance):
        if person.role not in VOTING_ROLES:
            continue
        seat = ctx.seat(person.name) or (ctx.seat(person.printed) if person.printed else None)
        if seat is None:
            yield ctx.origin.problem(
                f"{person.name} attends as {person.role}, but is not a member or deputy of "
                f"'{meeting.body}' on {fi_date(meeting.date)} (registry: {ctx.members_at()})"
                + did_you_mean(person.name, [m.name for m in ctx.body.composition(meeting.date)]),
                "attendance",
                i,
                "name",
                code="not-a-member",
            )
        elif (seat.role is SeatRole.DEPUTY) != (person.role is Role.DEPUTY):
            yield ctx.origin.problem(
                f"{person.name} attends as {person.role}, but is a {seat.role} of '{meeting.body}' "
                f"on {fi_date(meeting.date)} (registry: {ctx.members_at()})",
                "attendance",
                i,
                "role",
                code="not-a-member",
            )


def _sections_named(ctx: _Context) -> Iterator[Problem]:
    """Arrivals, departures and an expert's § are § of the agenda."""
    numbers = set(sections(ctx.meeting))
    if not numbers:
        return
    span = f"§ {min(numbers)}–{max(numbers)}"
    for i, person in enumerate(ctx.meeting.attendance):
        named: list[tuple[int | None, tuple[str | int, ...]]] = []
        if person.arrived is not None:
            named += [
                (person.arrived.section, ("arrived", "section")),
                (person.arrived.by, ("arrived", "by")),
            ]
        if person.left is not None:
            named += [(person.left.section, ("left", "section")), (person.left.before, ("left", "before"))]
        named += [(n, ("sections", j)) for j, n in enumerate(person.sections)]
        for number, at in named:
            if number is not None and number not in numbers:
                yield ctx.origin.problem(
                    f"§ {number} is not on the agenda of meeting '{ctx.meeting.id}' ({span})",
                    "attendance",
                    i,
                    *at,
                    code="meeting-section-unknown",
                )


# --- quorum ---------------------------------------------------------------------------------


def _disqualified(ctx: _Context, decision: Decision | None) -> list[str]:
    """The names (as on the meeting's list) of the item's disqualified members."""
    if decision is None:
        return []
    out = []
    for d in decision.disqualifications:
        person = ctx.named(d.name)
        out.append(person.name if person is not None else d.name)
    return out


def _quorum(ctx: _Context) -> Iterator[Problem]:
    """Kuntalaki 103 §: a council two thirds of its councillors, any other
    body more than half of its members, disqualified ones not counted."""
    meeting, origin = ctx.meeting, ctx.origin
    handled = [
        (i, item)
        for i, item in enumerate(meeting.agenda)
        if item.section is not None and item.outcome is not ItemOutcome.PENDING
    ]
    if not handled or meeting.cancelled is not None:
        return
    if not meeting.attendance:
        yield _warning(
            origin,
            f"meeting '{meeting.id}' handled items but lists nobody present; its quorum cannot be checked",
            "agenda",
            code="quorum-unknown",
        )
        return
    if ctx.body is None or ctx.body.quorum(meeting.date) is None:
        if ctx.body is not None:
            yield _warning(
                origin,
                f"the registry gives no seats or members of '{meeting.body}' on {fi_date(meeting.date)}, "
                "so the quorum (Kuntalaki 103 §) cannot be checked",
                "body",
                code="quorum-unknown",
            )
        return
    rule = "two thirds of the councillors" if ctx.body.council else "more than half of the members"
    for i, item in handled:
        assert item.section is not None
        decision = ctx.repo.decisions.get(item.decision or "")
        q = quorum_at(meeting, ctx.body, item.section, _disqualified(ctx, decision))
        figures = (
            f"{len(q.present)} present"
            + (f", {len(q.unknown)} unknown" if q.unknown else "")
            + (f", {len(q.disqualified)} disqualified" if q.disqualified else "")
        )
        base = f"§ {item.section}: {q.needed} of {q.seats} needed ({rule}, Kuntalaki 103 §), {figures}"
        if q.certain is False:
            yield origin.problem(
                f"{base}: the meeting cannot have had a quorum", "agenda", i, "section", code="no-quorum"
            )
        elif q.certain is None:
            yield _warning(
                origin,
                f"{base}: the attendance facts leave the quorum open",
                "agenda",
                i,
                "section",
                code="quorum-unknown",
            )


# --- deputies -------------------------------------------------------------------------------


def _deputies(ctx: _Context) -> Iterator[Problem]:
    """A deputy stands in for a member of the body on the day who is away at
    each § the deputy attends; one deputy per member at a time; a personal
    deputy stands in for the member they are paired to."""
    meeting, origin = ctx.meeting, ctx.origin
    numbers = sections(meeting)
    first = opening(meeting)

    def at(person: Attendee, section: int) -> Presence:
        return presence(person, moment(meeting, section), first)

    for i, deputy in enumerate(meeting.attendance):
        if deputy.role is not Role.DEPUTY or not deputy.stands_in_for:
            continue
        seat = ctx.seat(deputy.stands_in_for)
        member = ctx.named(deputy.stands_in_for)
        if ctx.body is not None and ctx.body.composition(meeting.date):
            if seat is None and member is not None:
                yield origin.problem(
                    f"{deputy.name} stands in for {member.name}, who is not a member of '{meeting.body}' "
                    f"on {fi_date(meeting.date)} (registry: {ctx.members_at()})",
                    "attendance",
                    i,
                    "stands_in_for",
                    code="deputy-not-for-member",
                )
            if seat is not None and seat.role is SeatRole.DEPUTY:
                yield origin.problem(
                    f"{deputy.name} stands in for {deputy.stands_in_for}, who is a deputy of "
                    f"'{meeting.body}', not a member",
                    "attendance",
                    i,
                    "stands_in_for",
                    code="deputy-not-for-member",
                )
            own = ctx.seat(deputy.name)
            if own is not None and own.deputy_of and seat is not None and not seat.known_as(own.deputy_of):
                yield _warning(
                    origin,
                    f"{deputy.name} is the personal deputy of {own.deputy_of}, but stands in for "
                    f"{deputy.stands_in_for}",
                    "attendance",
                    i,
                    "stands_in_for",
                    code="deputy-not-paired",
                )
        if member is not None and member.role in VOTING_ROLES:
            both = [
                s for s in numbers if at(deputy, s) is Presence.PRESENT and at(member, s) is Presence.PRESENT
            ]
            maybe = [
                s for s in numbers if s not in both and Presence.ABSENT not in (at(deputy, s), at(member, s))
            ]
            if both:
                yield origin.problem(
                    f"{deputy.name} stands in for {member.name}, who is present at {_span(both)}; "
                    "a deputy stands in only for a member who is absent or excused",
                    "attendance",
                    i,
                    "stands_in_for",
                    code="deputy-for-present-member",
                )
            elif maybe and not _swap(member, deputy):
                yield _warning(
                    origin,
                    f"{deputy.name} stands in for {member.name}; at {_span(maybe)} the attendance facts "
                    "leave open whether both were present",
                    "attendance",
                    i,
                    "stands_in_for",
                    code="deputy-for-present-member",
                )
        for j in range(i):
            other = meeting.attendance[j]
            if other.role is not Role.DEPUTY or not other.stands_in_for:
                continue
            if ctx.named(other.stands_in_for) is not member or (
                member is None and other.stands_in_for != deputy.stands_in_for
            ):
                continue
            both = [
                s for s in numbers if at(deputy, s) is Presence.PRESENT and at(other, s) is Presence.PRESENT
            ]
            if both or not numbers:
                yield origin.problem(
                    f"{other.name} and {deputy.name} both stand in for {deputy.stands_in_for}"
                    + (f" at {_span(both)}" if both else "")
                    + f" (see {origin.where('attendance', j)})",
                    "attendance",
                    i,
                    "stands_in_for",
                    code="deputy-twice",
                    related=(origin.where("attendance", j),),
                )


def _swap(member: Attendee, deputy: Attendee) -> bool:
    """The usual hand-over: the member came by the § by which the deputy had
    gone (the minutes say neither moment), so they never overlapped."""
    if member.arrived is None or deputy.left is None:
        return False
    gone = deputy.left.before if deputy.left.before is not None else (deputy.left.section or 0) + 1
    return member.arrived.first == gone


def _span(numbers: list[int]) -> str:
    if len(numbers) == 1:
        return f"§ {numbers[0]}"
    return (
        f"§ {numbers[0]}–{numbers[-1]}"
        if numbers == list(range(numbers[0], numbers[-1] + 1))
        else ("§ " + ", ".join(str(n) for n in numbers))
    )


# --- votes ----------------------------------------------------------------------------------


def _votes(ctx: _Context) -> Iterator[Problem]:
    """Every voter of an item's vote is on the list and present at it, and
    not disqualified in it; the counts fit the seats and those present."""
    meeting = ctx.meeting
    for item in meeting.agenda:
        if item.section is None or not item.decision or item.decision not in ctx.repo.decisions:
            continue
        decision = ctx.repo.decisions[item.decision]
        origin = ctx.repo.origins[decision.id]
        section = item.section
        out = set(_disqualified(ctx, decision))
        for i, vote in enumerate(decision.votes):
            for j, voter in enumerate(vote.voters):
                yield from _voter(
                    ctx,
                    origin,
                    decision,
                    section,
                    out,
                    voter.name,
                    voter.ballot,
                    ("votes", i, "voters", j, "name"),
                )


def _voter(
    ctx: _Context,
    origin: Origin,
    decision: Decision,
    section: int,
    out: set[str],
    name: str,
    ballot: Ballot,
    at: tuple[str | int, ...],
) -> Iterator[Problem]:
    meeting = ctx.meeting
    person = ctx.named(name)
    listed = person.name if person is not None else name
    if ballot in CAST and listed in out:
        disq = next(
            k
            for k, d in enumerate(decision.disqualifications)
            if d.name == name or listed == (ctx.named(d.name) or d).name
        )
        there = ctx.repo.where(decision.id, "disqualifications", disq)
        yield origin.problem(
            f"{name} is disqualified in § {section} ({there}) "
            f"but voted {ballot}; a disqualified member takes no part in the vote",
            *at,
            code="disqualified-voter",
            related=(there,),
        )
        return
    if ballot not in CAST:
        if (
            person is not None
            and person.role in VOTING_ROLES
            and presence(person, moment(meeting, section), opening(meeting)) is Presence.PRESENT
        ):
            listed_at = ctx.origin.where("attendance", ctx.where(name) or 0)
            yield _warning(
                origin,
                f"{name} is counted absent (poissa) in the vote of § {section}, but the attendance of "
                f"meeting '{meeting.id}' has them present ({listed_at})",
                *at,
                code="voter-absent-but-present",
            )
        return
    if person is None:
        yield origin.problem(
            f"{name} voted in § {section} but is not on the list of meeting '{meeting.id}'"
            + did_you_mean(name, [p.name for p in meeting.attendance]),
            *at,
            code="voter-not-present",
        )
        return
    where = ctx.origin.where("attendance", ctx.where(name) or 0)
    if person.role not in VOTING_ROLES:
        yield origin.problem(
            f"{name} voted in § {section} but attends meeting '{meeting.id}' as {person.role}, "
            f"not as a member or deputy ({where})",
            *at,
            code="voter-not-present",
        )
    elif presence(person, moment(meeting, section), opening(meeting)) is Presence.ABSENT:
        yield origin.problem(
            f"{name} voted in § {section} but was not present at it ({_absence(person)}, {where})",
            *at,
            code="voter-not-present",
            related=(where,),
        )


def _absence(person: Attendee) -> str:
    if person.sections:
        return "present at " + _span(sorted(person.sections)) + " only"
    if person.arrived is not None:
        return f"arrived at § {person.arrived.first}"
    if person.left is not None:
        gone = person.left.section + 1 if person.left.section is not None else person.left.before
        return f"gone from § {gone}"
    return str(person.attendance)


def _count_problems(ctx: _Context, decision: Decision, section: int) -> Iterator[Problem]:
    origin = ctx.repo.origins[decision.id]
    body = ctx.body
    seats = body.seat_count(ctx.meeting.date) if body is not None else None
    q = quorum_at(ctx.meeting, body, section, _disqualified(ctx, decision))
    for i, vote in enumerate(decision.votes):
        c = vote.counts
        cast = c.jaa + c.ei + c.tyhja
        roster = cast + c.poissa
        if seats is not None and roster > seats:
            yield origin.problem(
                f"the vote of § {section} counts {roster} (jaa {c.jaa}, ei {c.ei}, tyhjä {c.tyhja}, "
                f"poissa {c.poissa}) but '{ctx.meeting.body}' has {seats} seats",
                "votes",
                i,
                "counts",
                code="vote-roster",
            )
        elif seats is not None and c.poissa and roster != seats:
            yield _warning(
                origin,
                f"the vote of § {section} lists {roster} of the {seats} seats of '{ctx.meeting.body}' "
                "(jaa, ei, tyhjä and poissa together)",
                "votes",
                i,
                "counts",
                code="vote-roster",
            )
        elif ctx.meeting.attendance and not vote.voters and cast > len(q.present) + len(q.unknown):
            yield origin.problem(
                f"{cast} voted in § {section}, but at most {len(q.present) + len(q.unknown)} members "
                f"could have been present (meeting '{ctx.meeting.id}')",
                "votes",
                i,
                "counts",
                code="vote-roster",
            )


# --- numbering ------------------------------------------------------------------------------


def _numbers(repo: Repository) -> Iterator[Problem]:
    """Per body and year: meeting numbers once each and in date order, §
    numbers once each and running on without gaps within a meeting and
    from one meeting to the next one recorded by number."""
    years: dict[tuple[str, int], list[Meeting]] = defaultdict(list)
    on_agenda = {item.decision for m in repo.meetings.values() for item in m.agenda if item.decision}
    for meeting in repo.meetings.values():
        years[(meeting.body, meeting.year)].append(meeting)
    for (body, year), meetings in years.items():
        meetings.sort(key=lambda m: (m.date, m.number or 0, m.id))
        yield from _meeting_numbers(repo, body, year, meetings)
        used: dict[int, tuple[Meeting, int]] = {}
        previous: Meeting | None = None
        for meeting in meetings:
            origin = repo.origins[meeting.id]
            last: int | None = None
            for i, item in enumerate(meeting.agenda):
                if item.section is None:
                    continue
                if item.section in used:
                    other, k = used[item.section]
                    there = repo.origins[other.id].where("agenda", k, "section")
                    yield origin.problem(
                        f"§ {item.section} of '{body}' in {year} is already item {other.agenda[k].number} "
                        f"of meeting {other.label} ({there})",
                        "agenda",
                        i,
                        "section",
                        code="section-sequence",
                        related=(there,),
                    )
                elif last is not None and item.section != last + 1:
                    yield origin.problem(
                        f"§ {item.section} follows § {last} on the agenda of meeting {meeting.label}; "
                        f"the § run on without gaps or repeats (expected § {last + 1})",
                        "agenda",
                        i,
                        "section",
                        code="section-sequence",
                    )
                elif last is None and previous is not None:
                    yield from _across(repo, previous, meeting, item.section, i)
                used.setdefault(item.section, (meeting, i))
                last = item.section
            if last is not None:
                previous = meeting
        yield from _stray_decisions(repo, body, year, used, on_agenda)


def _meeting_numbers(repo: Repository, body: str, year: int, meetings: list[Meeting]) -> Iterator[Problem]:
    seen: dict[int, Meeting] = {}
    for index, meeting in enumerate(meetings):
        origin = repo.origins[meeting.id]
        if meeting.number is None:  # not stated: nothing to check
            continue
        if meeting.number in seen:
            there = repo.origins[seen[meeting.number].id].where("number")
            yield origin.problem(
                f"meeting {meeting.label} of '{body}' is already '{seen[meeting.number].id}' ({there})",
                "number",
                code="meeting-number",
                related=(there,),
            )
            continue
        seen[meeting.number] = meeting
        earlier = [m for m in meetings[:index] if (m.number or 0) > meeting.number and m.date < meeting.date]
        if earlier:
            first = earlier[0]
            yield origin.problem(
                f"meeting {meeting.label} of '{body}' on {fi_date(meeting.date)} comes after meeting "
                f"{first.label} on {fi_date(first.date)}; meetings are numbered in date order",
                "number",
                code="meeting-number",
            )


def _last_section(meeting: Meeting) -> int | None:
    numbers = sections(meeting)
    return numbers[-1] if numbers else None


def _across(repo: Repository, previous: Meeting, meeting: Meeting, first: int, i: int) -> Iterator[Problem]:
    last = _last_section(previous)
    if last is None:
        return
    where = repo.origins[previous.id].where("agenda")
    if first <= last:
        yield repo.origins[meeting.id].problem(
            f"meeting {meeting.label} starts at § {first}, but the earlier meeting {previous.label} "
            f"ended at § {last} ({where})",
            "agenda",
            i,
            "section",
            code="section-sequence",
            related=(where,),
        )
    elif previous.number is not None and meeting.number == previous.number + 1 and first != last + 1:
        yield repo.origins[meeting.id].problem(
            f"meeting {meeting.label} starts at § {first}, but the previous meeting {previous.label} "
            f"ended at § {last} ({where}); expected § {last + 1}",
            "agenda",
            i,
            "section",
            code="section-sequence",
            related=(where,),
        )


def _stray_decisions(
    repo: Repository, body: str, year: int, used: dict[int, tuple[Meeting, int]], on_agenda: set[str]
) -> Iterator[Problem]:
    """A decision of the body and year that is on no agenda, but has the § of an agenda item
    whose own decision record does not hold that number (else `numbering` reports it)."""
    for rid, decision in repo.decisions.items():
        day = decision.day
        if decision.maker != body or day is None or day.year != year or rid in on_agenda:
            continue
        if decision.meeting in repo.meetings:
            continue  # not-on-agenda reports it, at its 'meeting:'
        if decision.number not in used:
            continue
        meeting, k = used[decision.number]
        own = repo.decisions.get(meeting.agenda[k].decision or "")
        if own is not None and own.number == decision.number and own.day and own.day.year == year:
            continue
        there = repo.origins[meeting.id].where("agenda", k, "section")
        yield repo.origins[rid].problem(
            f"§ {decision.number} of '{body}' in {year} is item {meeting.agenda[k].number} of meeting "
            f"{meeting.label} ({there}); this decision is on no agenda",
            "number",
            code="section-taken",
            related=(there,),
        )


# --- decisions and agenda -------------------------------------------------------------------


def _agreement(ctx: _Context) -> Iterator[Problem]:
    """The decision of an agenda item is the body's, of the meeting's day,
    numbered with the item's §, and names this meeting if it names one."""
    repo, meeting = ctx.repo, ctx.meeting
    for i, item in enumerate(meeting.agenda):
        decision = repo.decisions.get(item.decision or "")
        if decision is None:
            continue
        origin = repo.origins[decision.id]
        mine = ctx.origin.where("agenda", i)
        if decision.maker != meeting.body:
            yield origin.problem(
                f"decision '{decision.id}' is item {item.number} of meeting '{meeting.id}' ({mine}) of "
                f"'{meeting.body}', but its maker is '{decision.maker}'",
                "maker",
                code="meeting-decision-disagrees",
                related=(mine,),
            )
        if decision.day is not None and decision.day != meeting.date:
            yield origin.problem(
                f"decision '{decision.id}' is dated {fi_date(decision.day)}, but meeting '{meeting.id}' "
                f"({mine}) was held on {fi_date(meeting.date)}",
                "date",
                code="meeting-decision-disagrees",
                related=(mine,),
            )
        if item.section is not None and decision.number != item.section:
            yield origin.problem(
                f"decision '{decision.id}' is § {decision.number}, but its agenda item {item.number} of "
                f"meeting '{meeting.id}' is § {item.section} ({mine})",
                "number",
                code="meeting-decision-disagrees",
                related=(mine,),
            )
        if (
            decision.meeting is not None
            and decision.meeting != meeting.id
            and decision.meeting in repo.meetings
        ):
            yield origin.problem(
                f"decision '{decision.id}' names meeting '{decision.meeting}', but it is item {item.number} "
                f"of meeting '{meeting.id}' ({mine})",
                "meeting",
                code="meeting-decision-disagrees",
                related=(mine,),
            )


def _decisions_of(repo: Repository, only: set[str] | None = None) -> Iterator[Problem]:
    """A decision that names a meeting is on its agenda; a body's meeting
    decision of a day the body has a meeting record for is on its agenda."""
    by_day: dict[tuple[str, object], list[Meeting]] = defaultdict(list)
    for meeting in repo.meetings.values():
        by_day[(meeting.body, meeting.date)].append(meeting)
    for rid, decision in repo.decisions.items():
        origin = repo.origins[rid]
        if decision.meeting is not None:
            if only is not None and decision.meeting not in only:
                continue
            named = repo.meetings.get(decision.meeting)
            if named is None and decision.meeting not in unread(repo):
                yield _unknown(origin, "meeting", decision.meeting, repo.meetings, "meeting")
            elif named is not None and named.item_of(rid) is None:
                agenda = repo.origins[named.id].where("agenda")
                yield origin.problem(
                    f"decision '{rid}' names meeting '{named.id}', but is not on its agenda ({agenda})",
                    "meeting",
                    code="not-on-agenda",
                    related=(agenda,),
                )
            continue
        if decision.handling not in (Handling.MEETING, Handling.ELECTRONIC_MEETING) or decision.day is None:
            continue
        for meeting in by_day.get((decision.maker, decision.day), []):
            if only is not None and meeting.id not in only:
                continue
            if meeting.item_of(rid) is None:
                yield _warning(
                    origin,
                    f"decision '{rid}' was made in a meeting of '{decision.maker}' on "
                    f"{fi_date(decision.day)}, and meeting '{meeting.id}' of that day does not have it on "
                    f"its agenda; add it there or name its meeting ('meeting:')",
                    "maker",
                    code="not-on-agenda",
                )


def _twice(ctx: _Context) -> Iterator[Problem]:
    """A decision is one item of one agenda."""
    seen: dict[str, int] = {}
    for i, item in enumerate(ctx.meeting.agenda):
        if not item.decision:
            continue
        if item.decision in seen:
            first = seen[item.decision]
            there = ctx.origin.where("agenda", first)
            yield ctx.origin.problem(
                f"decision '{item.decision}' is already item {ctx.meeting.agenda[first].number} "
                f"of this agenda ({there})",
                "agenda",
                i,
                "decision",
                code="meeting-decision-disagrees",
                related=(there,),
            )
        else:
            seen[item.decision] = i


def _vote_counts(ctx: _Context) -> Iterator[Problem]:
    for item in ctx.meeting.agenda:
        decision = ctx.repo.decisions.get(item.decision or "")
        if decision is not None and item.section is not None:
            yield from _count_problems(ctx, decision, item.section)


PER_MEETING = [
    _references,
    _members,
    _sections_named,
    _twice,
    _agreement,
    _quorum,
    _deputies,
    _votes,
    _vote_counts,
]


def _per_meeting(repo: Repository) -> Iterable[Problem]:
    for meeting in repo.meetings.values():
        ctx = _context(repo, meeting)
        for rule in PER_MEETING:
            yield from rule(ctx)


def meeting_numbers(repo: Repository) -> Iterable[Problem]:
    return _numbers(repo)


def meeting_decisions(repo: Repository) -> Iterable[Problem]:
    return _decisions_of(repo)


MEETING_RULES = [_per_meeting, meeting_numbers, meeting_decisions]
"""In the order their messages should appear (after the item rules)."""

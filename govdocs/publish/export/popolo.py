"""Votes in Popolo (https://www.popoloproject.com): ``vote_events.json``,
``motions.json``, ``events.json``, ``persons.json``, ``organizations.json``,
each a list of objects valid against the Popolo JSON Schemas.

A Finnish vote sets two proposals against each other (JAA and EI). The
motion of a vote event is the JAA proposal: ``yes`` is a JAA ballot,
``no`` EI, ``abstain`` blank (tyhjä), ``absent`` absent (poissa); the
result is ``pass`` when JAA won. Named votes are public (elected
officials); every string still passes the day's redaction. The sitting a
vote took place in is an ``event`` with the decision's day (Popolo's
``date-time`` fields are left out: records hold the day, not the hour).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from govdocs.model.items import Ballot, Vote, Voter
from govdocs.publish.export.public import PublicView, everyone_masked, public_views, scrubbed, slug

if TYPE_CHECKING:
    from govdocs.publish.export import ExportOptions, Files
    from govdocs.repository import Repository

__all__ = ["OPTIONS", "build"]

OPTIONS = {Ballot.JAA: "yes", Ballot.EI: "no", Ballot.TYHJA: "abstain", Ballot.POISSA: "absent"}
"""Our ballots in Popolo's vote options."""
_COUNTED = {Ballot.JAA: "jaa", Ballot.EI: "ei", Ballot.TYHJA: "tyhja", Ballot.POISSA: "poissa"}


def build(repo: Repository, options: ExportOptions) -> Files:
    views = [v for v in public_views(repo, options.as_of) if v.votes]
    shared = everyone_masked(views)
    voters = [voter for view in views for vote in view.votes for voter in vote.voters]
    each_vote = [(view, vote) for view in views for vote in view.votes]
    return {
        "vote_events.json": [scrubbed(vote_event(view, vote), view.redactor) for view, vote in each_vote],
        "motions.json": [scrubbed(motion(view, vote), view.redactor) for view, vote in each_vote],
        "events.json": _unique(scrubbed(sitting(view), view.redactor) for view in views),
        "persons.json": _unique(scrubbed(person(v), shared) for v in voters),
        "organizations.json": _unique(
            [*(scrubbed(body(view), shared) for view in views),
             *(scrubbed(group(v.group), shared) for v in voters if v.group)]
        ),
    }


def _unique(objects: Any) -> list[dict[str, Any]]:
    """Each object once (by id), in id order."""
    return sorted({o["id"]: o for o in objects}.values(), key=lambda o: str(o["id"]))


def person_id(voter: Voter) -> str:
    return f"person/{voter.person or slug(voter.name)}"


def group_id(name: str) -> str:
    return f"group/{slug(name)}"


def sitting_id(view: PublicView) -> str:
    d = view.decision
    return f"event/{d.meeting or f'{d.maker}-{d.day}'}"


def vote_event(view: PublicView, vote: Vote) -> dict[str, Any]:
    """A vote with its counts and every named vote."""
    return {
        "id": f"vote-event/{vote.id}",
        "identifier": f"{view.decision.id} {vote.number}",
        "organization_id": f"organization/{view.decision.maker}",
        "legislative_session_id": sitting_id(view),
        "motion_id": f"motion/{vote.id}",
        "result": "pass" if vote.result is Ballot.JAA else "fail",
        "counts": [{"option": OPTIONS[b], "value": getattr(vote.counts, _COUNTED[b])} for b in OPTIONS],
        "votes": [_vote(vote, voter) for voter in vote.voters],
    }


def _vote(vote: Vote, voter: Voter) -> dict[str, Any]:
    found = {"vote_event_id": f"vote-event/{vote.id}", "voter_id": person_id(voter),
             "option": OPTIONS[voter.ballot]}
    return found | ({"group_id": group_id(voter.group)} if voter.group else {})


def motion(view: PublicView, vote: Vote) -> dict[str, Any]:
    """The JAA proposal of a vote; Popolo has no field for the EI proposal
    it was set against, so the text names both."""
    jaa, ei = view.proposal(vote.jaa), view.proposal(vote.ei)
    lines = [vote.question or view.title, f"JAA: {jaa}" if jaa else "", f"EI: {ei}" if ei else ""]
    return {
        "id": f"motion/{vote.id}",
        "organization_id": f"organization/{view.decision.maker}",
        "legislative_session_id": sitting_id(view),
        "identifier": view.decision.id,
        "text": "\n".join(line for line in lines if line),
        "result": "pass" if vote.result is Ballot.JAA else "fail",
        "vote_events": [{"id": f"vote-event/{vote.id}"}],
    }


def sitting(view: PublicView) -> dict[str, Any]:
    d = view.decision
    found = {"id": sitting_id(view), "name": view.maker_name(), "organization_id": f"organization/{d.maker}"}
    return found | ({"start_date": d.day.isoformat()} if d.day else {})


def person(voter: Voter) -> dict[str, Any]:
    return {"id": person_id(voter), "name": voter.name}


def body(view: PublicView) -> dict[str, Any]:
    return {"id": f"organization/{view.decision.maker}", "name": view.maker_name(), "classification": "body"}


def group(name: str) -> dict[str, Any]:
    return {"id": group_id(name), "name": name, "classification": "council group"}

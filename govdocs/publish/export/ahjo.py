"""Decisions in the shapes of Helsinki's Ahjo API (``decisions/<id>.json``).

Field names and nesting are Ahjo's (``Title``, ``CaseIDLabel``,
``Section``, ``Organization``, ``Meeting``, ``VotingResults``,
``Attachments``, ``PreviousDecisions``), so a tool written for Ahjo reads
ours. A field is written only when our records hold its value: Ahjo's own
ids (``NativeId``, ``MeetingID``) only where a record states them, an
organisation's Ahjo id and sector only from the registry's ``ahjo``.
What Ahjo has no field for is added under names of our own, documented in
docs/export.md: ``Content`` (the public copy's text), ``Id``,
``Language``, ``AttachmentNumber`` and ``NotPublishedAttachments``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from govdocs.model.items import Ballot, EarlierHandling, Vote
from govdocs.publish.export.public import PublicView, public_views, scrubbed

if TYPE_CHECKING:
    from govdocs.model.decision import Attachment
    from govdocs.publish.export import ExportOptions, Files
    from govdocs.repository import Repository

__all__ = ["PERSONAL_DATA", "SIDES", "build", "decision"]

SIDES = {"Ayes": Ballot.JAA, "Noes": Ballot.EI, "Blank": Ballot.TYHJA, "Absent": Ballot.POISSA}
"""Ahjo's sides of a vote and our ballots."""
_COUNTS = {Ballot.JAA: "jaa", Ballot.EI: "ei", Ballot.TYHJA: "tyhja", Ballot.POISSA: "poissa"}
PERSONAL_DATA = {True: "Sisältää henkilötietoja", False: "Ei sisällä henkilötietoja"}
"""Ahjo's ``PersonalData`` of an attachment."""


def build(repo: Repository, options: ExportOptions) -> Files:
    return {f"decisions/{view.id}.json": decision(view) for view in public_views(repo, options.as_of)}


def decision(view: PublicView) -> dict[str, Any]:
    """One decision, masked as its web copy is on the view's day."""
    d = view.decision
    found: dict[str, Any] = {
        "Id": d.id,
        "Title": view.title,
        "CaseIDLabel": d.case,
        "Section": str(d.number),
        "ClassificationCode": d.task_code,
        "Language": d.language,
        "Organization": organization(view, d.maker),
        "Meeting": meeting(view),
        "Content": view.text,
        "VotingResults": [voting_result(view, v) for v in view.votes],
        "Attachments": [attachment(a) for a in view.attachments if a.on_web],
        "NotPublishedAttachments": [not_published(a) for a in view.attachments if not a.on_web],
        "PreviousDecisions": [] if view.secret else [previous(view, h) for h in _oldest_first(d.history)],
    }
    return scrubbed(_present(found), view.redactor)


def _present(values: dict[str, Any]) -> dict[str, Any]:
    """Without the fields we hold no value for (Ahjo's null means the same)."""
    return {k: v for k, v in values.items() if v is not None}


def organization(
    view: PublicView, maker_id: str | None, fallback: str | None = None
) -> dict[str, Any] | None:
    """Ahjo's ``Organization``: the name, and the Ahjo id, type and sector the registry holds."""
    name = view.maker_name(maker_id, fallback)
    if name is None:
        return None
    maker = view.repo.makers.get(maker_id or "")
    ahjo = maker.ahjo if maker else None
    if ahjo is None:
        return {"Name": name}
    sector = _present({"SectorID": ahjo.sector_id, "Sector": ahjo.sector})
    return _present({"Name": name, "ID": ahjo.id, "Type": ahjo.type, "Sector": sector or None})


def meeting(view: PublicView) -> dict[str, Any] | None:
    """Ahjo's ``Meeting`` of a body's decision: its day, maker, and where
    a meeting record states them, Ahjo's MeetingID and the place."""
    d = view.decision
    if d.handling.value != "meeting" or d.day is None:
        return None
    held = view.repo.meeting_of(d.id)
    maker = view.maker
    place = held.place if held and isinstance(held.place, str) else None
    return _present({
        "DateMeeting": d.day.isoformat(),
        "DecisionMaker": view.maker_name(),
        "DecisionMakerId": maker.ahjo.id if maker and maker.ahjo else None,
        "MeetingID": held.external_id if held else None,
        "Location": place,
    })


def voting_result(view: PublicView, vote: Vote) -> dict[str, Any]:
    """Each side with its count and named voters; JAA and EI with their proposal."""
    result = {side: _side(vote, ballot) for side, ballot in SIDES.items()}
    result["Ayes"]["Content"] = view.proposal(vote.jaa)
    result["Noes"]["Content"] = view.proposal(vote.ei)
    return {side: _present(values) for side, values in result.items()}


def _side(vote: Vote, ballot: Ballot) -> dict[str, Any]:
    voters = [_present({"Name": v.name, "CouncilGroup": v.group}) for v in vote.voters if v.ballot is ballot]
    return {"NumberOfVotes": getattr(vote.counts, _COUNTS[ballot]), "Voters": voters}


def attachment(item: Attachment) -> dict[str, Any]:
    return _present({
        "AttachmentNumber": item.number,
        "Title": PublicView.attachment_title(item),
        "PersonalData": PERSONAL_DATA[item.personal],
    })


def not_published(item: Attachment) -> dict[str, Any]:
    """An attachment the text lists but whose file is not on the web."""
    return _present({
        "AttachmentNumber": item.number,
        "Title": PublicView.attachment_title(item),
        "PublicityClass": item.publicity.class_.value,
        "PublicityBasis": item.publicity.basis,
    })


def _oldest_first(history: list[EarlierHandling]) -> list[EarlierHandling]:
    return sorted(history, key=lambda h: (h.date.isoformat() if h.date else "", h.number or 0))


def previous(view: PublicView, handling: EarlierHandling) -> dict[str, Any]:
    """An earlier handling of the case, as Ahjo's ``PreviousDecisions`` lists it."""
    org = organization(view, handling.maker, handling.maker_name)
    return _present({
        "Title": handling.title,
        "CaseIDLabel": view.decision.case,
        "Section": str(handling.number) if handling.number else None,
        "Organization": org,
        "Meeting": _present({
            "DateMeeting": handling.date.isoformat() if handling.date else None,
            "DecisionMaker": org["Name"] if org else None,
            "DecisionMakerId": org.get("ID") if org else None,
        }) or None,
    })

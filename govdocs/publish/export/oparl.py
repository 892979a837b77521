"""OParl 1.1 (https://oparl.org): the public decisions as linked JSON files.

One file per object (``system.json``, ``body/<municipality>.json``,
``organization/<maker>.json``, ``person/…``, ``membership/…``,
``meeting/…``, ``agenda-item/<decision>.json``, ``paper/<decision>.json``,
``consultation/<decision>.json``, ``file/<decision>.json``), where OParl
embeds an object (a meeting's agenda items, a paper's consultations and
main file) the same object is embedded too. Each object's ``id`` is its
file's path under the base URL, so the folder served at that URL is the
API; the body's lists (``body/<id>/papers.json``…) hold its objects.
A paper's main file is the public copy's text, written beside it
(``file/<decision>.txt``). ``created``/``modified`` are the commit dates of
the record the object comes from (:mod:`.history`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from govdocs.document.redact import Redactor
from govdocs.model.registry import DecisionMaker, Membership
from govdocs.publish.export.history import GitDates
from govdocs.publish.export.public import PublicView, everyone_masked, public_views, scrubbed, slug

if TYPE_CHECKING:
    from govdocs.publish.export import ExportOptions, Files
    from govdocs.repository import Repository

__all__ = ["OPARL_VERSION", "build"]

OPARL_VERSION = "https://schema.oparl.org/1.1/"
LOCAL_TIME = ZoneInfo("Europe/Helsinki")
"""Meeting times in records are local (Finland)."""


@dataclass
class _Out:
    """The objects made so far, by file path, with what ids and dates need."""

    repo: Repository
    base: str
    git: GitDates
    redactor: Redactor
    files: Files = field(default_factory=dict)

    def url(self, path: str) -> str:
        return f"{self.base}{path}"

    def put(self, path: str, kind: str, values: dict[str, Any], source: Path | None) -> dict[str, Any]:
        """Object ``kind`` at ``path``.json with its id, type and the commit dates of ``source``."""
        found = {k: v for k, v in values.items() if v is not None}
        found |= {"id": self.url(f"{path}.json"), "type": f"{OPARL_VERSION}{kind}"}
        dates = self.git.of(source) if source else None
        if dates:
            found |= {"created": dates.created, "modified": dates.modified}
        self.files[f"{path}.json"] = scrubbed(found, self.redactor)
        return self.files[f"{path}.json"]

    def listing(self, path: str, objects: list[dict[str, Any]]) -> str:
        """An OParl list of ``objects`` at ``path``.json; its URL."""
        pagination = {"totalElements": len(objects)}
        self.files[f"{path}.json"] = {"data": objects, "links": {}, "pagination": pagination}
        return self.url(f"{path}.json")


def build(repo: Repository, options: ExportOptions) -> Files:
    views = list(public_views(repo, options.as_of))
    out = _Out(repo, options.base_url, GitDates(repo.root), everyone_masked(views))
    body_ids = [registry.municipality.id for registry, _ in repo.registries]
    system = out.put("system", "System", {
        "oparlVersion": OPARL_VERSION, "name": repo.registry.municipality.name.fi,
        "body": out.url("bodies.json"),
    }, repo.registry_files[0])
    bodies = [_body(out, i, [v for v in views if _body_of(repo, v) == i]) for i in range(len(body_ids))]
    for body in bodies:
        body["system"] = system["id"]
    out.listing("bodies", bodies)
    return out.files


def _body_of(repo: Repository, view: PublicView) -> int:
    return repo.registry_part("decision_makers", view.decision.maker) or 0


def _body(out: _Out, index: int, views: list[PublicView]) -> dict[str, Any]:
    registry = out.repo.registries[index][0]
    path = f"body/{registry.municipality.id}"
    source = out.repo.registry_files[index]
    makers = [m for m in registry.decision_makers if any(v.decision.maker == m.id for v in views)]
    organizations = [_organization(out, path, m, source) for m in makers]
    memberships = [(m, seat) for m in makers for seat in m.members]
    persons = _persons(out, path, memberships, source)
    meetings = _meetings(out, path, views)
    papers = [_paper(out, path, v) for v in views]
    return out.put(path, "Body", {
        "name": registry.municipality.name.fi,
        "shortName": registry.municipality.short_name,
        "organization": out.listing(f"{path}/organizations", organizations),
        "person": out.listing(f"{path}/persons", persons),
        "meeting": out.listing(f"{path}/meetings", meetings),
        "paper": out.listing(f"{path}/papers", papers),
        "legislativeTerm": [],
    }, source)


def _organization(out: _Out, body: str, maker: DecisionMaker, source: Path) -> dict[str, Any]:
    return out.put(f"organization/{maker.id}", "Organization", {
        "body": out.url(f"{body}.json"),
        "name": maker.name.fi,
        "shortName": maker.abbreviation,
        "classification": maker.kind.value,
        "startDate": maker.valid_from.isoformat() if maker.valid_from else None,
        "endDate": maker.valid_to.isoformat() if maker.valid_to else None,
        "membership": [out.url(f"{_membership_path(maker, seat)}.json") for seat in maker.members],
    }, source)


def _membership_path(maker: DecisionMaker, seat: Membership) -> str:
    start = seat.valid_from.isoformat() if seat.valid_from else "x"
    return f"membership/{maker.id}/{slug(seat.name)}-{seat.role.value}-{start}"


def _persons(out: _Out, body: str, seats: list[tuple[DecisionMaker, Membership]],
             source: Path) -> list[dict[str, Any]]:
    """Each seat holder once, with their memberships embedded."""
    held: dict[str, list[dict[str, Any]]] = {}
    for maker, seat in seats:
        person = out.url(f"person/{slug(seat.name)}.json")
        held.setdefault(seat.name, []).append(out.put(_membership_path(maker, seat), "Membership", {
            "person": person, "organization": out.url(f"organization/{maker.id}.json"),
            "role": seat.role.value, "votingRight": seat.role.value != "deputy",
            "startDate": seat.valid_from.isoformat() if seat.valid_from else None,
            "endDate": seat.valid_to.isoformat() if seat.valid_to else None,
        }, source))
    return [out.put(f"person/{slug(name)}", "Person", {
        "body": out.url(f"{body}.json"), "name": name, "membership": memberships,
    }, source) for name, memberships in sorted(held.items())]


def _meeting_key(view: PublicView) -> str | None:
    d = view.decision
    if d.handling.value != "meeting":
        return None
    return d.meeting or (f"{d.maker}-{d.day.isoformat()}" if d.day else None)


def _meetings(out: _Out, body: str, views: list[PublicView]) -> list[dict[str, Any]]:
    """A meeting per meeting record, or per body and day for a decision without one."""
    grouped: dict[str, list[PublicView]] = {}
    for view in views:
        key = _meeting_key(view)
        if key:
            grouped.setdefault(key, []).append(view)
    return [_meeting(out, key, items) for key, items in sorted(grouped.items())]


def _meeting(out: _Out, key: str, views: list[PublicView]) -> dict[str, Any]:
    first = views[0]
    day = first.decision.day.isoformat() if first.decision.day else ""
    held = out.repo.meetings.get(key)
    items = [_agenda_item(out, f"meeting/{key}", n, v) for n, v in enumerate(views, 1)]
    return out.put(f"meeting/{key}", "Meeting", {
        "name": f"{first.maker_name()} {day}".strip(),
        "start": _start(held.date.isoformat(), held.start) if held and isinstance(held.start, str) else None,
        "cancelled": bool(held.cancelled) if held else None,
        "organization": [out.url(f"organization/{first.decision.maker}.json")],
        "agendaItem": items,
    }, out.repo.files.get(key))


def _start(day: str, time: str) -> str:
    """'2021-11-30', '15.30' → RFC 3339 in Finnish local time."""
    hour, minute = (int(part) for part in time.replace(".", ":").split(":"))
    return datetime.fromisoformat(day).replace(hour=hour, minute=minute, tzinfo=LOCAL_TIME).isoformat()


def _agenda_item(out: _Out, meeting: str, order: int, view: PublicView) -> dict[str, Any]:
    d = view.decision
    return out.put(f"agenda-item/{d.id}", "AgendaItem", {
        "meeting": out.url(f"{meeting}.json"),
        "number": str(d.number),
        "order": order,
        "name": view.title,
        "public": not view.secret,
        "consultation": out.url(f"consultation/{d.id}.json"),
    }, out.repo.files.get(d.id))


def _paper(out: _Out, body: str, view: PublicView) -> dict[str, Any]:
    """The decision: its public title, diary number, day, its consultation and its text."""
    d = view.decision
    source = out.repo.files.get(d.id)
    key = _meeting_key(view)
    consultation = out.put(f"consultation/{d.id}", "Consultation", {
        "paper": out.url(f"paper/{d.id}.json"),
        "meeting": out.url(f"meeting/{key}.json") if key else None,
        "agendaItem": out.url(f"agenda-item/{d.id}.json") if key else None,
        "organization": [out.url(f"organization/{d.maker}.json")],
        "authoritative": True,
        "role": d.handling.value,
    }, source)
    out.files[f"file/{d.id}.txt"] = view.redactor(view.text)
    main = out.put(f"file/{d.id}", "File", {
        "name": view.title, "fileName": f"{d.id}.txt", "mimeType": "text/plain",
        "accessUrl": out.url(f"file/{d.id}.txt"), "paper": [out.url(f"paper/{d.id}.json")],
        "date": d.day.isoformat() if d.day else None,
    }, source)
    return out.put(f"paper/{d.id}", "Paper", {
        "body": out.url(f"{body}.json"), "name": view.title, "reference": d.case,
        "date": d.day.isoformat() if d.day else None, "paperType": d.handling.value,
        "mainFile": main, "consultation": [consultation],
    }, source)

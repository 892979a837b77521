"""Appeal instructions (Muutoksenhaku): the versioned text of the record's
route, in force on the decision's date, with the authority line and the
registry office filled from registry.yaml.

Texts live in ``templates/appeal/<route>/<valid-from>.txt.j2``, and a
route's variant (``Appeal.variant``: the wording for a plan) in
``templates/appeal/<route>/<variant>/<valid-from>.txt.j2``. Their line
markup: ``# `` a title line (OHJEET OIKAISUVAATIMUKSEN TEKEMISEKSI), ``## `` a
subheading, ``- `` a list item, ``> `` an address line, anything else a
paragraph; blank lines only separate.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import jinja2

from govdocs.document.model import Block, BulletList, Heading, Paragraph
from govdocs.model.decision import Appeal, AppealRoute, Decision
from govdocs.model.registry import MakerKind
from govdocs.repository import Repository
from govdocs.resources import TEMPLATES_DIR

__all__ = [
    "APPEAL_DIR",
    "AppealText",
    "appeal_authority",
    "appeal_blocks",
    "choose_version",
    "parse_markup",
    "variants",
]

APPEAL_DIR = TEMPLATES_DIR / "appeal"


@dataclass(frozen=True)
class AppealText:
    """The chosen text: its route, version and file, and the blocks it renders to."""

    route: str
    valid_from: date
    path: Path
    blocks: tuple[Block, ...]
    note: str | None = None
    """Set when no version was in force on the date and the earliest was used."""


def _text_folder(route: str, variant: str | None) -> str:
    return f"{route}/{variant}" if variant else route


@functools.cache
def variants(route: str) -> tuple[str, ...]:
    """The variants of ``route`` that have a text: its subfolders."""
    folder = APPEAL_DIR / route
    return tuple(sorted(p.name for p in folder.iterdir() if p.is_dir() and any(p.glob("*.txt.j2"))))


def versions(route: str, variant: str | None = None) -> list[tuple[date, Path]]:
    """The text versions of the route (or of its variant), oldest first."""
    folder = APPEAL_DIR / _text_folder(route, variant)
    found = [(date.fromisoformat(p.name.split(".")[0]), p) for p in folder.glob("*.txt.j2")]
    if not found:
        raise FileNotFoundError(f"no appeal text for route '{_text_folder(route, variant)}' in {folder}")
    return sorted(found)


def choose_version(route: str, day: date | None, variant: str | None = None) -> tuple[date, Path, str | None]:
    """The version in force on ``day`` (the newest when the day is unknown)."""
    found = versions(route, variant)
    if day is None:
        return (*found[-1], None)
    in_force = [item for item in found if item[0] <= day]
    if in_force:
        return (*in_force[-1], None)
    first = found[0]
    note = (
        f"no '{_text_folder(route, variant)}' appeal text in force on {day.isoformat()}; "
        f"using the version of {first[0].isoformat()}"
    )
    return (*first, note)


def appeal_authority(repo: Repository, decision: Decision, appeal: Appeal) -> str:
    """The authority line's name: 'Helsingin kaupunginhallitus', 'Helsingin
    kaupungin sosiaali- ja terveyslautakunta'."""
    maker = repo.makers.get(decision.maker)
    body_id = appeal.authority or (maker.appeal_authority if maker else None)
    if body_id is None and maker is not None and maker.kind is MakerKind.BODY:
        body_id = maker.id
    body = repo.makers.get(body_id) if body_id else None
    name = body.name.fi if body else (body_id or "")
    municipality = repo.registry.municipality.name
    genitive = municipality.genitive or municipality.fi
    # A city's own organs are compounds ("kaupunginhallitus"): only the town
    # name goes before them, never "Helsingin kaupungin kaupunginhallitus".
    town, _, kind = genitive.rpartition(" ")
    if town and name.lower().startswith(kind.lower()):
        return f"{town} {name[:1].lower()}{name[1:]}"
    return f"{genitive} {name[:1].lower()}{name[1:]}"


@functools.cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(APPEAL_DIR),
        autoescape=False,  # plain text; the HTML writer escapes every string it gets
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )


def parse_markup(text: str) -> tuple[Block, ...]:
    """Turn the line markup of an appeal text into document blocks."""
    blocks: list[Block] = []
    items: list[str] = []
    for line in [*text.splitlines(), ""]:
        if items and not line.startswith("- "):
            blocks.append(BulletList(tuple(items), role="appeal-list"))
            items = []
        if not line.strip():
            continue
        if line.startswith("## "):
            blocks.append(Heading(line[3:], level=3, role="appeal-heading"))
        elif line.startswith("# "):
            blocks.append(Paragraph(line[2:], role="appeal-title"))
        elif line.startswith("- "):
            items.append(line[2:])
        elif line.startswith("> "):
            blocks.append(Paragraph(line[2:], role="address-line"))
        else:
            blocks.append(Paragraph(line, role="appeal-text"))
    return tuple(blocks)


def appeal_blocks(repo: Repository, decision: Decision, appeal: Appeal) -> AppealText:
    """The appeal instructions of ``decision`` as document blocks."""
    route = AppealRoute(appeal.route).value
    valid_from, path, note = choose_version(route, decision.day, appeal.variant)
    municipality = repo.registry.municipality
    template = _environment().get_template(f"{_text_folder(route, appeal.variant)}/{path.name}")
    text = template.render(
        authority=appeal_authority(repo, decision, appeal),
        municipality_genitive=municipality.name.genitive or municipality.name.fi,
        office=municipality.registry_office,
        law=appeal.law,
        days=appeal.days,
        court=appeal.court,
    )
    return AppealText(route, valid_from, path, parse_markup(text), note)

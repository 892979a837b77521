"""`govdocs new`: a new decision file of a known kind, with the next free
§, a diary number, the kind's pre-filled fields (values still to write
start with the fill marker) and its generated sections."""

from __future__ import annotations

import string
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import jinja2
import yaml

from govdocs.api import validate
from govdocs.drafting.kinds import Kind, KindSet, SectionTemplate, repository_kinds
from govdocs.drafting.numbering import NumberPlan, id_prefix, new_case_number, next_number
from govdocs.drafting.phrasing import MissingForm, Phraser, words
from govdocs.drafting.yamlwrite import dump, section_data
from govdocs.errors import UsageError
from govdocs.model.decision import Decision
from govdocs.model.registry import MakerKind
from govdocs.problems import did_you_mean
from govdocs.read.loader import RECORDS_DIR
from govdocs.safepath import UnsafePath, create_new, is_inside


class DraftingError(UsageError):
    """A request the drafting tools cannot carry out (unknown kind or maker:
    exit 2; a file that already exists: exit 1)."""


@dataclass
class NewDecision:
    """What `new_decision` wrote."""

    id: str
    path: Path
    number: int
    case: str
    plan: NumberPlan
    notes: list[str] = field(default_factory=list)


def new_decision(root: Path, kind_name: str, maker: str, day: date, case: str | None = None) -> NewDecision:
    """Write ``decisions/<year>/<id>.yaml`` for a new decision of ``kind_name``."""
    repo = validate(root)
    kinds = repository_kinds(repo)
    kind = _kind(kinds, kind_name)
    maker_record = repo.makers.get(maker)
    if maker_record is None:
        raise DraftingError(f"unknown decision maker '{maker}'{did_you_mean(maker, repo.makers)}")
    if maker_record.kind not in kind.makers:
        raise DraftingError(
            f"kind '{kind.kind}' is for {' and '.join(kind.makers)} decision makers, "
            f"not '{maker}' ({maker_record.kind})"
        )
    plan = next_number(repo, maker, day.year)
    case = case or new_case_number(repo, day.year, maker)
    rid = f"{id_prefix(repo, maker)}-{day.year}-{plan.number}"
    path = repo.root / RECORDS_DIR / str(day.year) / f"{rid}.yaml"
    linked = any(p.is_symlink() for p in (path, path.parent, path.parent.parent))
    if linked or not is_inside(path.parent, repo.root):
        raise DraftingError(
            f"{path} lies behind a symbolic link; govdocs never writes through a link", exit_code=1
        )
    if path.exists():
        raise DraftingError(
            f"{path} already exists; § {plan.number} may be taken by a file that does not load",
            exit_code=1,  # the records' state, not how govdocs was called
        )
    header = _header(kind, rid, maker, maker_record.kind, day, plan.number, case)
    prefill = string.Template(kind.prefill).safe_substitute(
        id=rid, date=day.isoformat(), year=day.year, maker=maker, number=plan.number
    )
    text = compose(kind, header, prefill, repo.registry)
    try:  # no-clobber and race-free: the checks above cannot see a link made since
        create_new(repo.root, f"{RECORDS_DIR}/{day.year}/{rid}.yaml", text.encode("utf-8"))
    except UnsafePath as exc:
        raise DraftingError(exc.message, exit_code=1) from None
    return NewDecision(rid, path, plan.number, case, plan, plan.notes())


def _kind(kinds: KindSet, name: str) -> Kind:
    kind = kinds.get(name)
    if kind is None:
        raise DraftingError(
            f"unknown kind '{name}'{did_you_mean(name, kinds.kinds)}; kinds: {', '.join(sorted(kinds.kinds))}"
        )
    return kind


def _header(
    kind: Kind, rid: str, maker: str, maker_kind: MakerKind, day: date, number: int, case: str
) -> dict[str, Any]:
    fill = words()["fill_marker"]
    # A list input starts as a list, so writing over its placeholder keeps
    # the shape check wants; an optional one is named in a comment instead.
    values: dict[str, str | list[str]] = {
        i.name: [f"{fill}: {i.description}"] if i.type == "list" else f"{fill}: {i.description}"
        for i in kind.inputs
        if i.required
    }
    appeal = kind.appeal.model_dump(mode="json", exclude_none=True, exclude={"allowed"})
    return {
        "id": rid,
        "maker": maker,
        "handling": "meeting" if maker_kind is MakerKind.BODY else "office-holder",
        "date": day,
        "number": number,
        "title": kind.title,
        "case": case,
        "language": "fi",
        "signature": {"name": f"{fill}: allekirjoittaja", "title": f"{fill}: allekirjoittajan virkanimike"},
        "appeal": appeal,
        "drafting": {"kind": kind.kind, "values": values} if values else {"kind": kind.kind},
    }


def compose(kind: Kind, header: dict[str, Any], prefill: str, registry: Any) -> str:
    """The new file's text: header, generated sections, the kind's prefill
    (its comments kept)."""
    data = {
        **header,
        **(yaml.safe_load(prefill) or {}),
        "sections": [{"kind": "free", "heading": "-", "body": ["-"]}],
    }
    draft = Decision.model_validate(data)
    phraser = Phraser(draft, registry)
    sections = [_first_section(phraser, t) for t in kind.sections]
    tail = ("signature", "appeal", "drafting")
    optional = [f"#   drafting.values.{i.name}: {i.description}" for i in kind.inputs if not i.required]
    lines = [
        "# yaml-language-server: $schema=../../docs/decision.schema.json",
        f"# {kind.name}: started with `govdocs new {kind.kind}`. Write every value that starts with",
        f"# '{words()['fill_marker']}', then run `govdocs draft regenerate {header['id']}`"
        f" and `govdocs check {header['id']}`.",
        *(["# Optional inputs of this kind:", *optional] if optional else []),
        dump({k: v for k, v in header.items() if k not in tail}),
        dump({"sections": sections}),
        dump({k: header[k] for k in tail}),
        prefill,
    ]
    return "\n".join(line.rstrip("\n") for line in lines) + "\n"


def _first_section(phraser: Phraser, template: SectionTemplate) -> dict[str, Any]:
    """A section as the placeholders allow: a generated one whose data is
    still unwritten says so until `govdocs draft regenerate`."""
    try:
        return section_data(phraser.section(template))
    except (MissingForm, ValueError, TypeError, AttributeError, jinja2.TemplateError):
        fill = words()["fill_marker"]
        body = [f"{fill}: kirjoita tiedot ja aja govdocs draft regenerate."]
        data = {
            "kind": str(template.kind),
            "heading": template.heading,
            "generated": template.generated,
            "body": body,
        }
        return {k: v for k, v in data.items() if v is not None}

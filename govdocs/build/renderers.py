"""The build's seam to the renderers: one source → {format: bytes}.

Decisions go through `govdocs.render` (document tree, hyphenation,
writers); the follow-up and audit reports build their own trees and share
the same writers. Nothing here writes files: the build does, atomically.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from govdocs.document.model import Document
    from govdocs.repository import Repository


@dataclass(frozen=True)
class Report:
    """One repository report to build: its kind, the file stem (also the
    job id) and what it is about (an organisation for an audit)."""

    kind: str
    stem: str
    subject: str = ""
    dated: bool = False
    """True when it shows the state on the build's date (part of its key)."""


def render(
    repo: Repository, kind: str, source_id: str, formats: Sequence[str], public: bool, as_of: date
) -> tuple[dict[str, bytes], list[str]]:
    """The bytes of every requested format, and the warnings (completeness
    gaps, as ``file:line:col: warning: ...``) rendering found."""
    from govdocs import render as rendering

    if kind == "decision":
        doc = rendering.build(repo, source_id, public=public)
        warnings = [p.format() for p in rendering.check(repo, source_id)]
    else:
        doc, warnings = report_document(repo, kind, source_id, as_of, public=public), []
    hyphenated = rendering.hyphenate(doc) if rendering.HYPHENATED & set(formats) else None
    files = {fmt: rendering.document_bytes(doc, fmt, hyphenated=hyphenated) for fmt in formats}
    return files, warnings


def decision_stem(decision_id: str, public: bool) -> str:
    """The file name without extension, as `govdocs render` names it."""
    from govdocs.render import output_stem

    return output_stem(decision_id, public)


def report_document(repo: Repository, kind: str, stem: str, as_of: date, *, public: bool = False) -> Document:
    """The document tree of a repository report (its web copy in a public build)."""
    if kind == "followup":
        from govdocs.reports.followup import followup_document

        return followup_document(repo, as_of, public=public)
    from govdocs.reports.audit import audit_document

    # reports/<stem>.html links to the decisions one folder up
    return audit_document(repo, stem.removeprefix(AUDIT_PREFIX), decisions_href="../", public=public)


FOLLOWUP_STEM = "seurantaraportti"
AUDIT_PREFIX = "vastuut-"


def available_reports(repo: Repository) -> list[Report]:
    """The reports this version of govdocs can build: the follow-up report,
    and a responsibility audit per organisation."""
    found = []
    if _has("govdocs.reports.followup", "followup_document"):
        found.append(Report("followup", FOLLOWUP_STEM, dated=True))
    if _has("govdocs.reports.audit", "audit_document"):
        found += [Report("audit", AUDIT_PREFIX + org, org) for org in sorted(repo.organisations)]
    return found


@cache
def _has(module: str, function: str) -> bool:
    if importlib.util.find_spec(module) is None:
        return False
    return hasattr(importlib.import_module(module), function)


def warm_up(formats: Sequence[str]) -> None:
    """Load what ``formats`` need (WeasyPrint, python-docx, the fonts, the
    stylesheet, the hyphenator) once per worker, by rendering a tiny
    document, so the first real decision costs what every later one does
    and a text-only build never loads WeasyPrint."""
    from govdocs import render as rendering
    from govdocs.document.model import Document, Metadata, Paragraph

    doc = Document(Metadata(title="Lämmitys"), (Paragraph(("Talousarvio lämmittää välimuistin.",)),))
    hyphenated = rendering.hyphenate(doc) if rendering.HYPHENATED & set(formats) else None
    for fmt in formats:
        rendering.document_bytes(doc, fmt, hyphenated=hyphenated)

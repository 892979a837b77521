"""The build's seam to the renderers: one source → {format: bytes}.

Decisions go through `govdocs.render` (document tree, hyphenation,
writers); the follow-up and audit reports build their own trees and share
the same writers. Nothing here writes files: the build does, atomically.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Sequence
from datetime import date
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from govdocs.document.model import Document
    from govdocs.repository import Repository

REPORT_STEMS = {"followup": "seurantaraportti", "audit": "vastuuauditointi"}
"""Report name → file stem in the output folder."""


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
        doc, warnings = report_document(repo, kind, as_of), []
    hyphenated = rendering.hyphenate(doc) if rendering.HYPHENATED & set(formats) else None
    files = {fmt: rendering.document_bytes(doc, fmt, hyphenated=hyphenated) for fmt in formats}
    return files, warnings


def output_stem(kind: str, source_id: str, public: bool) -> str:
    """The file name without extension, as `govdocs render` names it."""
    if kind != "decision":
        return REPORT_STEMS[kind]
    from govdocs.render import output_stem as decision_stem

    return decision_stem(source_id, public)


def report_document(repo: Repository, name: str, as_of: date) -> Document:
    """The document tree of a repository report, as of a date."""
    if name == "followup":
        from govdocs.reports.followup import followup_document

        return followup_document(repo, as_of)
    module = importlib.import_module("govdocs.reports.audit")
    return module.audit_document(repo, as_of)


@cache
def available_reports() -> tuple[str, ...]:
    """The reports whose builders exist in this version of govdocs."""
    found = []
    if _has("govdocs.reports.followup", "followup_document"):
        found.append("followup")
    if _has("govdocs.reports.audit", "audit_document"):
        found.append("audit")
    return tuple(found)


def _has(module: str, function: str) -> bool:
    if importlib.util.find_spec(module) is None:
        return False
    return hasattr(importlib.import_module(module), function)


def warm_up() -> None:
    """Load WeasyPrint, python-docx, the fonts, the stylesheet and the
    hyphenator once per worker, by rendering a tiny document in every
    format, so the first real decision costs what every later one does."""
    from govdocs import render as rendering
    from govdocs.document.model import Document, Metadata, Paragraph

    doc = Document(Metadata(title="Lämmitys"), (Paragraph(("Talousarvio lämmittää välimuistin.",)),))
    hyphenated = rendering.hyphenate(doc)
    for fmt in rendering.FORMATS:
        rendering.document_bytes(doc, fmt, hyphenated=hyphenated)

"""The build's seam to the renderers: one job → {part: bytes}.

Every job goes through the kinds table (`govdocs.document.kinds`) and the
formats table (`govdocs.writers`), the same path `govdocs render` and
`govdocs report` take, so a build writes the files the commands write:
the same names, links and companion files. Nothing here writes files: the
build does, atomically.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from govdocs.document.kinds import KINDS, Request, files, kind
from govdocs.writers import check_formats

if TYPE_CHECKING:
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
    repo: Repository, kind_name: str, job_id: str, parts: Sequence[str], public: bool, as_of: date,
    subject: str | None = None, lang: str | None = None,
) -> tuple[dict[str, bytes], list[str]]:
    """The bytes of every requested part (formats and companion files), and
    the warnings (completeness gaps, as ``file:line:col: warning: ...``)
    laying out found. ``subject``: what the document is about, when the
    job's id is not it (a meeting's minutes); ``lang``: the documents'
    language (None: each record's)."""
    chosen = kind(kind_name)
    if subject is None:
        subject = job_id if not chosen.whole_repository else _subject(repo, kind_name, job_id)
    laid = chosen.lay_out(repo, Request(subject, as_of, public=public, lang=lang))
    return files(kind_name, laid, parts), [p.format() for p in laid.problems]


def _subject(repo: Repository, kind_name: str, stem: str) -> str:
    chosen = KINDS[kind_name]
    for subject in chosen.subjects(repo):
        if chosen.stem(subject, False) == stem:
            return subject
    raise LookupError(f"no {kind_name} report '{stem}'")


def decision_stem(decision_id: str, public: bool) -> str:
    """The file name without extension, as `govdocs render` names it."""
    return KINDS["decision"].stem(decision_id, public)


def output_name(kind_name: str, job_id: str, part: str, public: bool) -> str:
    """Where one output goes inside the output folder, as its kind says:
    decisions at the top, reports in ``reports/``, companions beside. A
    report's job id is its stem; a decision's is its id."""
    chosen = kind(kind_name)
    stem = job_id if chosen.whole_repository else chosen.stem(job_id, public)
    return chosen.build_path(stem, part)


def job_parts(kind_name: str, formats: Sequence[str]) -> list[str]:
    """The outputs of one job: the formats (in the order given) and the
    kind's companion files."""
    check_formats(formats)
    return [*formats, *(c.part for c in kind(kind_name).companions)]


def part_libraries(part: str) -> tuple[str, ...]:
    """Distributions whose versions shape an output's bytes (none for a
    companion file, which is plain string building)."""
    from govdocs.writers import FORMATS

    return FORMATS[part].libraries if part in FORMATS else ()


def available_reports(repo: Repository) -> list[Report]:
    """The reports a build makes: every document of each kind that reads
    the whole repository (the follow-up report, an audit per organisation)."""
    return [
        Report(k.name, k.stem(subject, False), subject, dated=k.dated)
        for k in KINDS.values()
        if k.whole_repository
        for subject in k.subjects(repo)
    ]


def warm_up(formats: Sequence[str]) -> None:
    """Load what ``formats`` need (WeasyPrint, python-docx, the fonts, the
    stylesheet, the hyphenator) once per worker, by rendering a tiny
    document, so the first real decision costs what every later one does
    and a text-only build never loads WeasyPrint."""
    from govdocs.document.model import Document, Metadata, Paragraph
    from govdocs.writers import write_all

    doc = Document(Metadata(title="Lämmitys"), (Paragraph(("Talousarvio lämmittää välimuistin.",)),))
    write_all(doc, formats)

"""Rendering: a document tree → files, and a decision record → its
official documents. The stage order is written once, here:

    record → completeness check → document tree (builder: parts, labels,
    appeal text, public-copy redaction) → soft hyphenation → writers → files

Other features (follow-up and audit reports) build their own trees and call
:func:`render_document`; see :mod:`govdocs.document.model` for an example.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from govdocs.document.model import Document
from govdocs.document.transform import map_body_text, sanitize
from govdocs.safepath import atomic_write

if TYPE_CHECKING:
    from govdocs.model.decision import Decision
    from govdocs.problems import Problem
    from govdocs.repository import Repository

__all__ = [
    "FORMATS",
    "WRITERS",
    "RenderReport",
    "build",
    "check",
    "document_bytes",
    "hyphenate",
    "render",
    "render_decisions",
    "render_document",
    "resolve_targets",
]

FORMATS = ("html", "pdf", "docx", "txt")
"""Output formats, in the order they are written."""

EXTENSIONS = {"html": ".html", "pdf": ".pdf", "docx": ".docx", "txt": ".txt"}


def _writer(fmt: str) -> Callable[[Document], bytes]:
    # Imported on use: WeasyPrint and python-docx are slow to import.
    if fmt == "html":
        from govdocs.writers.html import write_html

        return write_html
    if fmt == "pdf":
        from govdocs.writers.pdf import write_pdf

        return write_pdf
    if fmt == "docx":
        from govdocs.writers.docx import write_docx

        return write_docx
    if fmt == "txt":
        from govdocs.writers.text import write_text

        return write_text
    raise ValueError(f"unknown format '{fmt}'; choose from {', '.join(FORMATS)}")


WRITERS = {fmt: (lambda doc, _fmt=fmt: _writer(_fmt)(doc)) for fmt in FORMATS}
"""Format → function(Document) -> bytes."""

HYPHENATED = {"html", "pdf", "docx"}
"""Formats that get soft hyphens (the text copy stays clean for diffs and search)."""


def hyphenate(doc: Document) -> Document:
    """The document with soft hyphens at the allowed breaks of its language
    (Voikko for Finnish; the rule-based fallback warns once). Headings are
    left whole: they are never broken mid-word."""
    from govdocs.typeset.hyphenation import get_hyphenator

    hyphenator = get_hyphenator(doc.meta.lang)
    return map_body_text(doc, hyphenator.soft_hyphenate)


def document_bytes(doc: Document, fmt: str, *, hyphenated: Document | None = None) -> bytes:
    """One format's bytes; ``hyphenated`` reuses an already hyphenated tree.
    Characters no format can carry (C0 controls) are dropped first."""
    if fmt in HYPHENATED:
        doc = hyphenated if hyphenated is not None else hyphenate(doc)
    return _writer(fmt)(sanitize(doc))


def check_formats(formats: Iterable[str]) -> list[str]:
    """The formats in canonical order, unknown ones rejected with ValueError."""
    wanted = list(dict.fromkeys(formats))
    unknown = [fmt for fmt in wanted if fmt not in FORMATS]
    if unknown:
        raise ValueError(f"unknown format '{unknown[0]}'; choose from {', '.join(FORMATS)}")
    return [fmt for fmt in FORMATS if fmt in wanted]


def render_document(doc: Document, formats: Sequence[str], out_dir: Path, stem: str) -> list[Path]:
    """Write ``doc`` as ``out_dir/stem.<ext>`` for each format; returns the paths.

    Example::

        from govdocs.document.model import Document, Metadata, Heading, Paragraph
        doc = Document(Metadata(title="Seurantaraportti"),
                       (Heading("Seurantaraportti", level=1), Paragraph("Kaikki hyvin.")))
        render_document(doc, ["pdf", "txt"], Path("build"), "seuranta")
        # -> [Path("build/seuranta.pdf"), Path("build/seuranta.txt")]
    """
    wanted = check_formats(formats)
    if not stem or stem != Path(stem).name or stem.startswith("."):
        raise ValueError(f"output stem must be a plain file name, not '{stem}'")
    hyphenated = hyphenate(doc) if HYPHENATED & set(wanted) else None
    paths = []
    for fmt in wanted:
        path = Path(out_dir) / f"{stem}{EXTENSIONS[fmt]}"
        atomic_write(path, document_bytes(doc, fmt, hyphenated=hyphenated))
        paths.append(path)
    return paths


# --- decisions -------------------------------------------------------------------


def _decision(repo: Repository, decision_id: str) -> Decision:
    from govdocs.problems import did_you_mean

    if decision_id not in repo.decisions:
        raise LookupError(f"no decision '{decision_id}'{did_you_mean(decision_id, repo.decisions)}")
    return repo.decisions[decision_id]


def check(repo: Repository, decision_id: str) -> list[Problem]:
    """What the law requires of the decision document that the record lacks
    (Hallintolaki 44–47 §), as located warnings."""
    from govdocs.document.completeness import completeness

    return completeness(repo, _decision(repo, decision_id))


def build(repo: Repository, decision_id: str, *, public: bool = False, lang: str | None = None) -> Document:
    """The document tree of one decision (see :func:`govdocs.document.decision.build_decision`)."""
    from govdocs.document.decision import build_decision

    return build_decision(repo, _decision(repo, decision_id), public=public, lang=lang)


def output_stem(decision_id: str, public: bool) -> str:
    """Files are named from the decision id; the web copy gets '-julkinen'."""
    return f"{decision_id}-julkinen" if public else decision_id


def render(repo: Repository, decision_id: str, formats: Sequence[str], out_dir: Path, *,
           public: bool = False, lang: str | None = None) -> list[Path]:
    """Render one decision to ``out_dir/<id>.<ext>`` (``<id>-julkinen`` for the
    public copy) in each format; returns the paths written.

    ``govdocs.load(".")`` gives the repository; the completeness check is
    :func:`check` (this function does not refuse an incomplete record)."""
    doc = build(repo, decision_id, public=public, lang=lang)
    return render_document(doc, formats, out_dir, output_stem(decision_id, public))


def resolve_targets(repo: Repository, targets: Sequence[str]) -> list[str]:
    """Decision ids for the command line's ``ID|PATH`` arguments: an id, a
    record file, or a folder (every decision under it), in file order."""
    ids: list[str] = []
    for target in targets:
        path = Path(target)
        if path.exists():
            base = path.resolve()
            found = sorted((str(f), did) for did, f in repo.files.items()
                           if did in repo.decisions and (f.resolve() == base or base in f.resolve().parents))
            if not found:
                raise LookupError(f"no decision records in {target}")
            ids.extend(did for _, did in found)
        else:
            ids.append(_decision(repo, target).id)
    return list(dict.fromkeys(ids))


@dataclass
class RenderReport:
    """What :func:`render_decisions` did: files written, and the problems
    found before writing (see :func:`stopping_problems`), located in the records."""

    paths: list[Path] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    rendered: list[str] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]


def stopping_problems(repo: Repository, decision_id: str, *, public: bool = False,
                      strict: bool = False, draft: bool = False) -> list[Problem]:
    """What is checked before ``decision_id``'s documents are written: the
    completeness gaps (errors under ``strict``), placeholders (errors
    unless ``draft``) and, for the public copy, unmarked personal data."""
    from govdocs.checks.placeholders import DRAFT_HINT, placeholders_in
    from govdocs.document.personal import public_copy_problems
    from govdocs.problems import Severity

    found = [p.escalated() if strict else p for p in check(repo, decision_id)]
    severity = Severity.WARNING if draft else Severity.ERROR
    found += placeholders_in(repo.origins[decision_id].doc, severity=severity, hint=DRAFT_HINT)
    if public:
        found += public_copy_problems(repo, repo.decisions[decision_id])
    return found


def render_decisions(repo: Repository, targets: Sequence[str], formats: Sequence[str],
                     out_dir: Path, *, public: bool = False, lang: str | None = None,
                     strict: bool = False, draft: bool = False) -> RenderReport:
    """Check every target decision first (:func:`stopping_problems`); with
    any error nothing is written. Then render each one."""
    report = RenderReport()
    ids = resolve_targets(repo, targets)
    wanted = check_formats(formats)
    for decision_id in ids:
        found = stopping_problems(repo, decision_id, public=public, strict=strict, draft=draft)
        report.problems.extend(found)
    if report.errors:
        return report
    for decision_id in ids:
        report.paths.extend(render(repo, decision_id, wanted, out_dir, public=public, lang=lang))
        report.rendered.append(decision_id)
    return report

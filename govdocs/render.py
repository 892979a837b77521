"""Rendering: a document tree → files, and a decision record → its
official documents. The stage order is written once, here:

    record → completeness check → document tree (builder: parts, labels,
    appeal text, public-copy redaction) → soft hyphenation → writers → files

Every kind of document (decision, follow-up report, audit) goes through
the same path, :mod:`govdocs.document.kinds` → :mod:`govdocs.writers`;
`govdocs build` takes it too. :func:`render_document` writes a tree built
by hand; see :mod:`govdocs.document.model` for an example.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from govdocs.document.kinds import KINDS, Request
from govdocs.document.kinds import write as write_kind
from govdocs.document.model import Document
from govdocs.safepath import atomic_write
from govdocs.writers import FORMATS as FORMAT_TABLE
from govdocs.writers import check_formats, hyphenate, write, write_all

if TYPE_CHECKING:
    from govdocs.model.decision import Decision
    from govdocs.model.meeting import Meeting
    from govdocs.problems import Problem
    from govdocs.repository import Repository

__all__ = [
    "FORMATS",
    "MEETING_KINDS",
    "RenderReport",
    "build",
    "check",
    "check_formats",
    "document_bytes",
    "hyphenate",
    "meeting_documents",
    "render",
    "render_decisions",
    "render_document",
    "render_meeting",
    "resolve_targets",
]

FORMATS = tuple(FORMAT_TABLE)
"""Output format names, in the order they are written (the table is
:data:`govdocs.writers.FORMATS`)."""


def document_bytes(doc: Document, fmt: str, *, hyphenated: Document | None = None) -> bytes:
    """One format's bytes (see :func:`govdocs.writers.write`)."""
    return write(doc, fmt, hyphenated=hyphenated)


def render_document(doc: Document, formats: Sequence[str], out_dir: Path, stem: str) -> list[Path]:
    """Write ``doc`` as ``out_dir/stem.<ext>`` for each format; returns the paths.

    Example::

        from govdocs.document.model import Document, Metadata, Heading, Paragraph
        doc = Document(Metadata(title="Seurantaraportti"),
                       (Heading("Seurantaraportti", level=1), Paragraph("Kaikki hyvin.")))
        render_document(doc, ["pdf", "txt"], Path("build"), "seuranta")
        # -> [Path("build/seuranta.pdf"), Path("build/seuranta.txt")]
    """
    if not stem or stem != Path(stem).name or stem.startswith("."):
        raise ValueError(f"output stem must be a plain file name, not '{stem}'")
    paths = []
    for fmt, data in write_all(doc, formats).items():
        path = Path(out_dir) / f"{stem}{FORMAT_TABLE[fmt].extension}"
        atomic_write(path, data)
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
    return KINDS["decision"].stem(decision_id, public)


def render(repo: Repository, decision_id: str, formats: Sequence[str], out_dir: Path, *,
           public: bool = False, lang: str | None = None) -> list[Path]:
    """Render one decision to ``out_dir/<id>.<ext>`` (``<id>-julkinen`` for the
    public copy) in each format; returns the paths written.

    ``govdocs.load(".")`` gives the repository; the completeness check is
    :func:`check` (this function does not refuse an incomplete record)."""
    request = Request(_decision(repo, decision_id).id, public=public, lang=lang)
    paths, _problems = write_kind(repo, "decision", request, formats, out_dir)
    return paths


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
                      strict: bool = False, draft: bool = False, lang: str | None = None) -> list[Problem]:
    """What is checked before ``decision_id``'s documents are written: the
    completeness gaps (errors under ``strict``), placeholders (errors
    unless ``draft``), for the public copy unmarked personal data, and in
    another ``lang`` than the record's every text missing in it."""
    from govdocs.checks.placeholders import DRAFT_HINT, placeholders_in
    from govdocs.document.decision import language_problems
    from govdocs.document.personal import public_copy_problems
    from govdocs.problems import Severity

    found = language_problems(repo, repo.decisions[decision_id], lang)
    found += [p.escalated() if strict else p for p in check(repo, decision_id)]
    severity = Severity.WARNING if draft else Severity.ERROR
    found += placeholders_in(repo.origins[decision_id].doc, severity=severity, hint=DRAFT_HINT)
    if public:
        found += public_copy_problems(repo, repo.decisions[decision_id], lang=lang)
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
        found = stopping_problems(repo, decision_id, public=public, strict=strict, draft=draft, lang=lang)
        report.problems.extend(found)
    if lang is not None:  # a registry name every decision lacks in that language is one problem
        report.problems = list({p.format(): p for p in report.problems}.values())
    if report.errors:
        return report
    for decision_id in ids:
        report.paths.extend(render(repo, decision_id, wanted, out_dir, public=public, lang=lang))
        report.rendered.append(decision_id)
    return report


# --- a meeting's documents ---------------------------------------------------------

MEETING_KINDS = ("agenda", "minutes", "extract")
"""The kinds of a meeting's documents (rows of :data:`govdocs.document.kinds.KINDS`)."""


def meeting_documents(repo: Repository, target: str, kinds: Sequence[str] = ()) -> list[tuple[str, str]]:
    """(kind, subject) of every document ``target`` asks for: a meeting id
    gives its agenda and minutes (or ``kinds`` of them; an extract of each
    item whose decision lists recipients), a decision id on a meeting's
    agenda gives that item's extract. LookupError (did you mean) for an id
    that names neither."""
    from govdocs.problems import did_you_mean

    unknown = [k for k in kinds if k not in MEETING_KINDS]
    if unknown:
        raise ValueError(f"unknown meeting document '{unknown[0]}'; choose from {', '.join(MEETING_KINDS)}")
    meeting = repo.meetings.get(target)
    if meeting is not None:
        wanted = list(kinds) or ["agenda", "minutes"]
        found = [(k, meeting.id) for k in wanted if k != "extract"]
        if "extract" in wanted:
            extracted = set(KINDS["extract"].subjects(repo))
            found += [("extract", i.decision) for i in meeting.agenda if i.decision in extracted]
        return found
    if target in repo.decisions and repo.meeting_of(target) is not None:
        if kinds and list(kinds) != ["extract"]:
            raise ValueError(f"'{target}' is a decision: its document is its extract (--kind extract)")
        return [("extract", target)]
    on_agenda = [i.decision for m in repo.meetings.values() for i in m.agenda if i.decision]
    raise LookupError(f"no meeting or item '{target}'{did_you_mean(target, [*repo.meetings, *on_agenda])}")


def render_meeting(repo: Repository, target: str, formats: Sequence[str], out_dir: Path, *,
                   kinds: Sequence[str] = (), public: bool = False, lang: str | None = None,
                   recipient: str | None = None) -> list[Path]:
    """Write the documents of a meeting (see :func:`meeting_documents`)
    into ``out_dir``: every one laid out before the first file is written;
    returns the paths. ``recipient`` addresses the extracts. The public
    copies are refused (`RecordsInvalid`, nothing written) when a decision
    they show has personal data its record does not mark, as
    :func:`stopping_problems` refuses a decision's."""
    from govdocs.document.kinds import files

    wanted = check_formats(formats)
    documents = meeting_documents(repo, target, kinds)
    _refuse_untranslated(repo, documents, lang)
    if public:
        _refuse_unmarked(repo, documents, lang)
    made: list[tuple[Path, bytes]] = []
    for name, subject in documents:
        chosen = KINDS[name]
        laid = chosen.lay_out(repo, Request(subject, public=public, lang=lang, recipient=recipient))
        for part, data in files(name, laid, chosen.parts(wanted)).items():
            made.append((Path(out_dir) / chosen.file_name(subject, part, public), data))
    for path, data in made:
        atomic_write(path, data)
    return [path for path, _ in made]


def _shown(repo: Repository, documents: Sequence[tuple[str, str]]) -> list[Decision]:
    # every meeting kind says what it reads: the decisions its documents show
    shown = {rid for name, subject in documents for rid in KINDS[name].reads(repo, subject)}  # type: ignore[misc]
    return [repo.decisions[rid] for rid in sorted(shown) if rid in repo.decisions]


def _refuse_untranslated(repo: Repository, documents: Sequence[tuple[str, str]], lang: str | None) -> None:
    """In another language than the records', every text the documents
    show must be in it: all gaps of all items at once, nothing written."""
    from govdocs.document.decision import language_problems
    from govdocs.problems import RecordsInvalid

    if lang is None:
        return
    held = [repo.meetings[s] if s in repo.meetings else repo.meeting_of(s) for _, s in documents]
    meetings = {m.id: m for m in held if m is not None}
    shown: list[Decision | Meeting] = [*meetings.values(), *_shown(repo, documents)]
    found = {p.format(): p for record in shown for p in language_problems(repo, record, lang)}
    if found:  # each once: a registry name every item lacks is one problem
        raise RecordsInvalid(list(found.values()))


def _refuse_unmarked(repo: Repository, documents: Sequence[tuple[str, str]], lang: str | None = None) -> None:
    from govdocs.document.personal import public_copy_problems
    from govdocs.problems import RecordsInvalid

    shown = _shown(repo, documents)
    found = [p for decision in shown for p in public_copy_problems(repo, decision, lang=lang)]
    if any(p.is_error for p in found):
        raise RecordsInvalid(found)

"""Document kinds: the one table of what govdocs lays out, and how each kind
is named, linked, accompanied and built.

A row owns everything that differs between kinds:

- how its tree is built (``lay_out``, imported on first use), with the
  warnings the layout found (a decision's completeness gaps);
- its file stem (``<id>.pdf``, ``<id>-julkinen.pdf``, ``seurantaraportti.pdf``);
- the folder a build puts it in, and so its links to other kinds
  (the audit links to ``../<decision>.html``);
- its companion files (the timeline SVG beside a report);
- which documents of it a build makes, whether they read one record or the
  whole repository, and whether they show the state on a day.

``govdocs render``, ``govdocs report ...`` and ``govdocs build`` all go
through :func:`files` (bytes, nothing written) and, for the commands,
:func:`write` — so every path from document to files is the same path, and
a new kind (agenda, minutes, extract, site page) is one row here.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from govdocs.writers import FORMATS, check_formats, lazy, write_all

if TYPE_CHECKING:
    from govdocs.document.model import Document
    from govdocs.problems import Problem
    from govdocs.repository import Repository

__all__ = ["KINDS", "Companion", "Kind", "Laid", "Request", "files", "kind", "write"]


@dataclass(frozen=True)
class Request:
    """What one document is asked for with."""

    subject: str
    """A decision id, an organisation or function (audit), '' or a
    municipality's id (follow-up)."""
    as_of: date | None = None
    """The day a dated kind shows the state of (default: today)."""
    public: bool = False
    lang: str | None = None
    start: date | None = None
    end: date | None = None
    decisions_href: str | None = None
    """Where rendered decisions are, relative to this document; None: where
    a build puts them (see :meth:`Kind.href`)."""
    recipient: str | None = None
    """Whom an extract is for; None: every recipient its decision lists."""


@dataclass(frozen=True)
class Laid:
    """A laid-out document: its tree, its companion files' bytes by part
    name, and what the layout found (located warnings)."""

    document: Document
    companions: dict[str, bytes] = field(default_factory=dict)
    problems: Sequence[Problem] = ()


@dataclass(frozen=True)
class Companion:
    """A file written beside a document in every build and command."""

    part: str
    """Its name among a job's outputs (beside the format names): 'svg'."""
    suffix: str
    """Appended to the stem: '-aikajana.svg'."""
    media_type: str


@dataclass(frozen=True)
class Kind:
    """One kind of document."""

    name: str
    lay_out: Callable[[Repository, Request], Laid]
    stem: Callable[[str, bool], str]
    """(subject, public) → the file name without extension."""
    subjects: Callable[[Repository], list[str]]
    """Every document of this kind a build makes."""
    formats: tuple[str, ...]
    """What the kind's own command writes when no format is asked for."""
    folder: str = ""
    """Where a build puts it, inside the output folder."""
    companions: tuple[Companion, ...] = ()
    dated: bool = False
    """Shows the state on a day (so the day is part of its build key)."""
    whole_repository: bool = False
    """Reads every record (a report), not one record and those it cites."""
    reads: Callable[[Repository, str], list[str]] | None = None
    """The records (ids) one document of this kind reads, whose bytes are in
    its build key besides the decisions they cite: a meeting's minutes read
    the meeting and every decision on its agenda. None: its subject alone
    (a decision)."""
    shows: Callable[[Repository, str], tuple[str, list[str]]] | None = None
    """For a whole-repository document: what one shows before it is laid
    out, as text of the facts derived for it and the records (ids) they come
    from. Its build key holds these instead of every record, so a change
    elsewhere leaves it alone (a web copy, which masks the personal data of
    every record, keeps every record in its key). None: every record."""

    def parts(self, formats: Iterable[str]) -> list[str]:
        """The formats (in table order) and then every companion."""
        return [*check_formats(formats), *(c.part for c in self.companions)]

    def file_name(self, subject: str, part: str, public: bool = False) -> str:
        """'kj-2016-59.pdf', 'seurantaraportti-aikajana.svg'."""
        return self.named(self.stem(subject, public), part)

    def named(self, stem: str, part: str) -> str:
        """The file name of one part (a format or a companion) of ``stem``."""
        for companion in self.companions:
            if companion.part == part:
                return stem + companion.suffix
        return stem + FORMATS[part].extension

    def build_path(self, stem: str, part: str) -> str:
        """Where a build puts one part: inside the kind's folder."""
        return posixpath.join(self.folder, self.named(stem, part))

    def href(self, other: str) -> str:
        """The link prefix from this kind's folder to kind ``other``'s, as
        a build lays them out: '../' from reports/ to the decisions."""
        target = KINDS[other].folder or "."
        relative = posixpath.relpath(target, self.folder or ".")
        return "" if relative == "." else relative + "/"


def _decision_stem(subject: str, public: bool) -> str:
    # the web copy gets '-julkinen' so both copies can sit in one folder
    return f"{subject}-julkinen" if public else subject


def _stem(suffix: str) -> Callable[[str, bool], str]:
    """'kaupunginvaltuusto-2025-16-poytakirja', '…-poytakirja-julkinen'."""
    return lambda subject, public: _decision_stem(f"{subject}-{suffix}", public)


def _held(repo: Repository) -> list[str]:
    """Meetings with minutes: not cancelled, and some item decided on record."""
    return [mid for mid, m in repo.meetings.items()
            if m.cancelled is None and any(i.decision in repo.decisions for i in m.agenda)]


def _with_agenda(repo: Repository) -> list[str]:
    return [mid for mid, m in repo.meetings.items() if m.agenda]


def _extracted(repo: Repository) -> list[str]:
    """Decisions on a meeting's agenda that name who gets an extract."""
    found = (item.decision for m in repo.meetings.values() for item in m.agenda)
    # once each, though a tabled item may sit on two meetings' agendas
    named = (d for d in found if d in repo.decisions and repo.decisions[d].distribution.extracts)
    return list(dict.fromkeys(named))


def _meeting_reads(repo: Repository, meeting_id: str) -> list[str]:
    """The meeting and every decision on its agenda."""
    agenda = repo.meetings[meeting_id].agenda
    return [meeting_id, *(i.decision for i in agenda if i.decision in repo.files)]


def _extract_reads(repo: Repository, decision_id: str) -> list[str]:
    """The item's decision and its meeting."""
    meeting = repo.meeting_of(decision_id)
    return [decision_id, *((meeting.id,) if meeting is not None else ())]


def _followup_subjects(repo: Repository) -> list[str]:
    """One follow-up report of the whole repository ('') when it holds one
    municipality; one per municipality (by id) when it holds several."""
    if not repo.members:
        return [""]
    return [mid for registry, _ in repo.registries if (mid := registry.municipality.id)]


KINDS: dict[str, Kind] = {
    k.name: k
    for k in (
        Kind(
            "decision",
            lazy("govdocs.document.decision", "lay_out"),
            _decision_stem,
            lambda repo: list(repo.decisions),
            formats=tuple(FORMATS),
        ),
        Kind(
            "followup",
            lazy("govdocs.reports.followup", "lay_out"),
            lambda subject, public: f"seurantaraportti-{subject}" if subject else "seurantaraportti",
            _followup_subjects,
            formats=("html", "pdf"),
            folder="reports",
            companions=(Companion("svg", "-aikajana.svg", "image/svg+xml"),),
            dated=True,
            whole_repository=True,
        ),
        Kind(
            "audit",
            lazy("govdocs.reports.audit", "lay_out"),
            lambda subject, public: f"vastuut-{subject}",
            lambda repo: sorted(repo.organisations),
            formats=("html", "pdf", "docx"),
            folder="reports",
            companions=(Companion("svg", "-aikajana.svg", "image/svg+xml"),),
            whole_repository=True,
            shows=lazy("govdocs.reports.audit", "shows"),
        ),
        Kind(
            "agenda",
            lazy("govdocs.document.meeting", "lay_out_agenda"),
            _stem("esityslista"),
            _with_agenda,
            formats=tuple(FORMATS),
            reads=_meeting_reads,
        ),
        Kind(
            "minutes",
            lazy("govdocs.document.meeting", "lay_out_minutes"),
            _stem("poytakirja"),
            _held,
            formats=tuple(FORMATS),
            reads=_meeting_reads,
        ),
        Kind(
            "extract",
            lazy("govdocs.document.meeting", "lay_out_extract"),
            _stem("ote"),
            _extracted,
            formats=tuple(FORMATS),
            reads=_extract_reads,
        ),
    )
}
"""Every document kind; later issues add site pages."""


def kind(name: str) -> Kind:
    """The kind called ``name``; ValueError names the known ones."""
    if name not in KINDS:
        raise ValueError(f"unknown document kind '{name}'; choose from {', '.join(KINDS)}")
    return KINDS[name]


def files(name: str, laid: Laid, parts: Iterable[str]) -> dict[str, bytes]:
    """The bytes of every requested part (formats and companions) of a
    laid-out document of kind ``name``. Nothing is written."""
    wanted = list(parts)
    found = write_all(laid.document, [p for p in wanted if p in FORMATS])
    for companion in kind(name).companions:
        if companion.part in wanted:
            found[companion.part] = laid.companions[companion.part]
    return found


def write(repo: Repository, name: str, request: Request, formats: Iterable[str],
          out_dir: Path) -> tuple[list[Path], Sequence[Problem]]:
    """Lay out one document and write its formats and companions into
    ``out_dir`` (every byte made before the first file is written); the
    paths written and the layout's warnings."""
    from govdocs.safepath import atomic_write

    chosen = kind(name)
    laid = chosen.lay_out(repo, request)
    made = files(name, laid, chosen.parts(formats))
    paths = []
    for part, data in made.items():
        path = Path(out_dir) / chosen.file_name(request.subject, part, request.public)
        atomic_write(path, data)
        paths.append(path)
    return paths, laid.problems

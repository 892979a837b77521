"""The neutral document tree every writer translates.

A builder (the decision builder in :mod:`govdocs.document.decision`, a
follow-up or audit report elsewhere) decides *what* a document says and in
which order; the writers (:mod:`govdocs.writers`) only decide how a node looks
in HTML/PDF, DOCX or plain text. So formats can never disagree, and a new
document type needs no writer changes.

Nodes are frozen dataclasses. Text is plain ``str`` (never markup: the HTML
writer escapes it); inline content is a tuple of :data:`Inline` runs. Every
block has a ``role``: a semantic name ("title", "case", "contact", ...) that
the writers map to a CSS class and a DOCX style, and that tests can look up.

Example: a follow-up report rendered through the same pipeline::

    from datetime import date
    from pathlib import Path
    from govdocs.document.model import (
        Document, Metadata, RunningHeader, Heading, Paragraph, BulletList,
        Table, KeyValue, Notice, Section, Link, Emphasis, Figure,
    )
    from govdocs.render import render_document

    doc = Document(
        meta=Metadata(title="Seurantaraportti 2017", author="Kaupunginkanslia",
                      subject="HEL 2014-011413", lang="fi", created=date(2017, 12, 31),
                      doc_type="Seurantaraportti"),
        header=RunningHeader(left=("Helsingin kaupunki", "Kaupunginkanslia"),
                             right=("Seurantaraportti", "31.12.2017")),
        blocks=(
            Heading("Avoimet velvoitteet", level=1),
            Paragraph(("Katso ", Link("päätös 59 §", "https://example.org/59"), ".")),
            KeyValue((("Tila", "avoin"), ("Määräpäivä", "31.12.2017"))),
            Table(columns=("Velvoite", "Vastuu"), rows=(("Esittely", "Opetusvirasto"),)),
            Notice("Kaksi velvoitetta on myöhässä.", kind="warning"),
            Figure(svg='<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>',
                   caption="Aikajana", alt="Velvoitteiden aikajana"),
            Section(heading="Lisätiedot", blocks=(BulletList(("yksi", "kaksi")),)),
        ),
    )
    paths = render_document(doc, ["html", "pdf", "docx", "txt"], Path("build"), "seuranta-2017")
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Literal, TypeAlias

__all__ = [
    "Block",
    "BulletList",
    "Content",
    "Document",
    "EmbeddedFile",
    "Emphasis",
    "Figure",
    "Heading",
    "Inline",
    "Inlines",
    "KeyValue",
    "Link",
    "Metadata",
    "Notice",
    "PageBreak",
    "Paragraph",
    "RunningHeader",
    "Section",
    "Table",
    "inlines",
    "plain",
    "walk",
]


# --- inline runs -------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Link:
    """A hyperlink; the text writer prints ``text (href)`` unless they are equal."""

    text: str
    href: str


@dataclass(frozen=True, slots=True)
class Emphasis:
    """Emphasised text: italic, or bold when ``strong``."""

    text: str
    strong: bool = False


Inline: TypeAlias = str | Link | Emphasis
Inlines: TypeAlias = tuple[Inline, ...]
Content: TypeAlias = str | Link | Emphasis | Sequence[Inline]
"""What constructors accept for inline content: a string, one run, or runs."""


def inlines(content: Content) -> Inlines:
    """Normalise a string, a single run or a sequence of runs to a tuple of runs."""
    if isinstance(content, str | Link | Emphasis):
        return (content,)
    return tuple(content)


def plain(content: Inlines) -> str:
    """The runs' text without markup (links keep only their text)."""
    return "".join(run if isinstance(run, str) else run.text for run in content)


def _set(node: object, name: str, value: object) -> None:
    # Frozen dataclasses normalise their own fields once, at construction.
    object.__setattr__(node, name, value)


# --- blocks ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Heading:
    """A heading; level 1 is the document title level, 2 a part, 3 a sub-part."""

    text: str
    level: int = 2
    role: str = ""


@dataclass(frozen=True, slots=True, init=False)
class Paragraph:
    """A paragraph of inline runs (a plain string is accepted)."""

    content: Inlines
    role: str = ""

    def __init__(self, content: Content, role: str = "") -> None:
        _set(self, "content", inlines(content))
        _set(self, "role", role)


@dataclass(frozen=True, slots=True, init=False)
class BulletList:
    """A bulleted (or numbered, when ``ordered``) list; each item is inline runs."""

    items: tuple[Inlines, ...]
    ordered: bool = False
    role: str = ""

    def __init__(self, items: Sequence[Content], ordered: bool = False, role: str = "") -> None:
        _set(self, "items", tuple(inlines(item) for item in items))
        _set(self, "ordered", ordered)
        _set(self, "role", role)


@dataclass(frozen=True, slots=True, init=False)
class Table:
    """A table with a header row; each cell is inline runs (a string is accepted)."""

    columns: tuple[str, ...]
    rows: tuple[tuple[Inlines, ...], ...]
    caption: str = ""
    role: str = ""

    def __init__(self, columns: Sequence[str], rows: Sequence[Sequence[Content]],
                 caption: str = "", role: str = "") -> None:
        cells = tuple(tuple(inlines(cell) for cell in row) for row in rows)
        if any(len(row) != len(columns) for row in cells):
            raise ValueError("every table row needs one cell per column")
        _set(self, "columns", tuple(columns))
        _set(self, "rows", cells)
        _set(self, "caption", caption)
        _set(self, "role", role)


@dataclass(frozen=True, slots=True, init=False)
class KeyValue:
    """Label–value pairs (a definition list): 'Tila: avoin'."""

    pairs: tuple[tuple[str, Inlines], ...]
    role: str = ""

    def __init__(self, pairs: Sequence[tuple[str, Content]], role: str = "") -> None:
        _set(self, "pairs", tuple((label, inlines(value)) for label, value in pairs))
        _set(self, "role", role)


@dataclass(frozen=True, slots=True, init=False)
class Notice:
    """A note or warning box (``kind`` 'note' or 'warning')."""

    content: Inlines
    kind: Literal["note", "warning"] = "note"
    title: str = ""
    role: str = ""

    def __init__(self, content: Content, kind: Literal["note", "warning"] = "note",
                 title: str = "", role: str = "") -> None:
        _set(self, "content", inlines(content))
        _set(self, "kind", kind)
        _set(self, "title", title)
        _set(self, "role", role)


@dataclass(frozen=True, slots=True)
class Figure:
    """An inline SVG drawing with a caption. ``alt`` describes it for screen
    readers and for formats that cannot show SVG; ``png`` is an optional
    raster copy the DOCX writer embeds (python-docx cannot place SVG)."""

    svg: str
    caption: str = ""
    alt: str = ""
    png: bytes | None = None
    width_mm: float | None = None
    role: str = ""


@dataclass(frozen=True, slots=True)
class PageBreak:
    """Start a new page (paged formats only)."""

    role: str = ""


@dataclass(frozen=True, slots=True, init=False)
class Section:
    """A headed group of blocks; sections nest. ``level`` is its heading's level."""

    blocks: tuple[Block, ...]
    heading: str | None = None
    level: int = 2
    role: str = ""

    def __init__(self, blocks: Sequence[Block], heading: str | None = None, level: int = 2,
                 role: str = "") -> None:
        _set(self, "blocks", tuple(blocks))
        _set(self, "heading", heading)
        _set(self, "level", level)
        _set(self, "role", role)


Block: TypeAlias = (
    Heading | Paragraph | BulletList | Table | KeyValue | Notice | Figure | PageBreak | Section
)


# --- the document --------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class EmbeddedFile:
    """A file embedded in the PDF as an associated file (PDF/A-3), e.g. the
    decision's source YAML. Other formats ignore it."""

    name: str
    data: bytes
    description: str = ""
    mime: str = "application/octet-stream"
    relationship: str = "Source"
    """PDF/A-3 AFRelationship: Source, Data, Alternative, Supplement, Unspecified."""


@dataclass(frozen=True, slots=True)
class Metadata:
    """Document properties: written to the PDF info/XMP and DOCX core properties."""

    title: str
    author: str = ""
    subject: str = ""
    keywords: tuple[str, ...] = ()
    lang: str = "fi"
    created: date | None = None
    """The document's own date (a decision's date); None when not known. Never 'now':
    outputs must be reproducible."""
    doc_type: str = ""
    """'Päätös', 'Pöytäkirja', 'Seurantaraportti'."""


@dataclass(frozen=True, slots=True)
class RunningHeader:
    """The header on every page: ``left`` lines (municipality, maker) and
    ``right`` lines (document type, date), then the page as '1 (3)' when ``page``."""

    left: tuple[str, ...] = ()
    right: tuple[str, ...] = ()
    page: bool = True


@dataclass(frozen=True, slots=True, init=False)
class Document:
    """A complete document: properties, running header, blocks, embedded files."""

    meta: Metadata
    blocks: tuple[Block, ...]
    header: RunningHeader = field(default_factory=RunningHeader)
    attachments: tuple[EmbeddedFile, ...] = ()

    def __init__(self, meta: Metadata, blocks: Sequence[Block], header: RunningHeader | None = None,
                 attachments: Sequence[EmbeddedFile] = ()) -> None:
        _set(self, "meta", meta)
        _set(self, "blocks", tuple(blocks))
        _set(self, "header", header if header is not None else RunningHeader())
        _set(self, "attachments", tuple(attachments))

    def with_blocks(self, blocks: Sequence[Block]) -> Document:
        """A copy with other blocks (used by tree transforms such as hyphenation)."""
        return replace(self, blocks=tuple(blocks))


def walk(blocks: Sequence[Block]) -> Iterator[Block]:
    """Every block in document order, sections before their contents."""
    for block in blocks:
        yield block
        if isinstance(block, Section):
            yield from walk(block.blocks)

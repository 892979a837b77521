"""Rendering: a document tree → files, and a decision record → its
official documents. The stage order is written once, here:

    record → completeness check → document tree (builder: parts, labels,
    appeal text, public-copy redaction) → soft hyphenation → writers → files

Other features (follow-up and audit reports) build their own trees and call
:func:`render_document`; see :mod:`govdocs.document.model` for an example.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from govdocs.document.model import Document
from govdocs.document.transform import map_text

__all__ = ["FORMATS", "WRITERS", "document_bytes", "hyphenate", "render_document", "write_atomic"]

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
    (Voikko for Finnish; the rule-based fallback warns once)."""
    from govdocs.typeset.hyphenation import get_hyphenator

    hyphenator = get_hyphenator(doc.meta.lang)
    return map_text(doc, hyphenator.soft_hyphenate)


def document_bytes(doc: Document, fmt: str, *, hyphenated: Document | None = None) -> bytes:
    """One format's bytes; ``hyphenated`` reuses an already hyphenated tree."""
    if fmt in HYPHENATED:
        doc = hyphenated if hyphenated is not None else hyphenate(doc)
    return _writer(fmt)(doc)


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file and ``os.replace``,
    so a reader never sees half a document."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


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
    hyphenated = hyphenate(doc) if HYPHENATED & set(wanted) else None
    paths = []
    for fmt in wanted:
        path = Path(out_dir) / f"{stem}{EXTENSIONS[fmt]}"
        write_atomic(path, document_bytes(doc, fmt, hyphenated=hyphenated))
        paths.append(path)
    return paths

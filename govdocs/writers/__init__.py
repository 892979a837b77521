"""Writers: each translates a :class:`govdocs.document.model.Document` into one
format and returns its bytes. They make no layout decisions of their own;
those are in the document builders (:mod:`govdocs.document.kinds`).

:data:`FORMATS` is the one table of formats: name, file extension, media
type, whether the text gets soft hyphens, the writer (imported on first use,
so ``govdocs --help`` stays instant and a text build never loads WeasyPrint)
and the libraries whose versions shape its bytes. Every command and the
build read it; a new format is one row here and one writer module.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from govdocs.document.model import Document

__all__ = ["FORMATS", "Format", "check_formats", "hyphenate", "lazy", "write", "write_all"]


def lazy(module: str, name: str) -> Callable[..., Any]:
    """A function that imports ``module.name`` on its first call: tables of
    writers and kinds stay cheap to import."""

    def call(*args: Any, **kwargs: Any) -> Any:
        return _resolve(module, name)(*args, **kwargs)

    call.__qualname__ = call.__name__ = name
    call.__module__ = module
    return call


@cache
def _resolve(module: str, name: str) -> Callable[..., Any]:
    found: Callable[..., Any] = getattr(importlib.import_module(module), name)
    return found


@dataclass(frozen=True)
class Format:
    """One output format."""

    name: str
    extension: str
    """With the dot: '.pdf'."""
    media_type: str
    hyphenated: bool
    """Gets soft hyphens at the language's breaks (the text copy stays clean
    for diffs and search)."""
    writer: Callable[[Document], bytes]
    libraries: tuple[str, ...] = ()
    """Distributions whose versions shape the bytes (part of build keys)."""


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("html", ".html", "text/html", True, lazy("govdocs.writers.html", "write_html"), ("jinja2",)),
        Format(
            "pdf", ".pdf", "application/pdf", True, lazy("govdocs.writers.pdf", "write_pdf"),
            ("jinja2", "weasyprint", "pydyf"),
        ),
        Format(
            "docx", ".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", True,
            lazy("govdocs.writers.docx", "write_docx"), ("python-docx", "weasyprint", "pypdfium2", "pillow"),
        ),
        Format("txt", ".txt", "text/plain", False, lazy("govdocs.writers.text", "write_text")),
    )
}
"""Every format, in the order they are written."""


def check_formats(formats: Iterable[str]) -> list[str]:
    """The formats in table order, unknown ones rejected with ValueError."""
    wanted = list(dict.fromkeys(formats))
    unknown = [fmt for fmt in wanted if fmt not in FORMATS]
    if unknown:
        raise ValueError(f"unknown format '{unknown[0]}'; choose from {', '.join(FORMATS)}")
    return [fmt for fmt in FORMATS if fmt in wanted]


def hyphenate(doc: Document) -> Document:
    """The document with soft hyphens at the allowed breaks of its language
    (Voikko for Finnish; the rule-based fallback warns once). Headings are
    left whole: they are never broken mid-word."""
    from govdocs.document.transform import map_body_text
    from govdocs.typeset.hyphenation import get_hyphenator

    hyphenator = get_hyphenator(doc.meta.lang)
    return map_body_text(doc, hyphenator.soft_hyphenate)


def write(doc: Document, fmt: str, *, hyphenated: Document | None = None) -> bytes:
    """One format's bytes; ``hyphenated`` reuses an already hyphenated tree.
    Characters no format can carry (C0 controls) are dropped first."""
    from govdocs.document.transform import sanitize

    chosen = FORMATS[check_formats([fmt])[0]]
    if chosen.hyphenated:
        doc = hyphenated if hyphenated is not None else hyphenate(doc)
    return chosen.writer(sanitize(doc))


def write_all(doc: Document, formats: Iterable[str]) -> dict[str, bytes]:
    """Every requested format's bytes, in table order, hyphenating once."""
    wanted = check_formats(formats)
    hyphenated = hyphenate(doc) if any(FORMATS[f].hyphenated for f in wanted) else None
    return {fmt: write(doc, fmt, hyphenated=hyphenated) for fmt in wanted}

"""The public copy: one redaction step for every document kind.

A builder (decision, follow-up report, audit report) first makes its
layout choices for the web copy from the records (a secret decision as a
mention, secret sections as mentions, personal attachments left out, a
quote from a secret part replaced by its mention); then
:func:`public_copy` masks personal data everywhere a writer reads text:
every block (headings, table headers, captions, link texts, the text of
an SVG figure), the metadata (HTML ``<title>``, PDF Info and XMP, DOCX
core properties) and the running header. Embedded files are dropped: they
are the records themselves. Names are found as :mod:`govdocs.document.names`
describes (folded, inflection-aware); valid identity codes are masked too,
marked or not.

Example::

    doc = public_copy(doc, ["Matti Meikäläinen"])   # "Meikäläiselle" -> "*****"
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from xml.sax.saxutils import escape, unescape

from govdocs.document.model import Block, Document, Figure, Section
from govdocs.document.names import NameMatcher, load_analyser, masked
from govdocs.document.transform import map_blocks
from govdocs.drafting.personal import identity_codes

__all__ = ["MASK", "Redactor", "public_copy"]

MASK = "*****"
"""What replaces personal data (the labels' ``redacted``; Helsinki's web copies)."""

_SVG_TEXT = re.compile(r">([^<]+)<")


class Redactor:
    """Masks the given personal data (and any valid henkilötunnus) in a text."""

    def __init__(self, personal: Iterable[str], mask: str = MASK, lang: str = "fi") -> None:
        entries = [entry for entry in personal if entry.strip()]
        self._matcher = NameMatcher(entries, load_analyser(lang) if entries else None)
        self.mask = mask

    def __call__(self, text: str) -> str:
        if not text:
            return text
        if self._matcher:
            text = masked(text, self._matcher.spans(text), self.mask)
        for code in set(identity_codes(text)):
            text = text.replace(code, self.mask)
        return text

    def svg(self, svg: str) -> str:
        """The drawing with its text nodes (labels, tooltips) masked."""
        return _SVG_TEXT.sub(lambda m: ">" + escape(self(unescape(m.group(1)))) + "<", svg)


def _figures(blocks: tuple[Block, ...], redact: Redactor) -> tuple[Block, ...]:
    out: list[Block] = []
    for block in blocks:
        if isinstance(block, Figure):
            svg = redact.svg(block.svg)
            # A raster copy drawn from the unmasked drawing would still show the names.
            block = replace(block, svg=svg, png=block.png if svg == block.svg else None)
        elif isinstance(block, Section):
            block = replace(block, blocks=_figures(block.blocks, redact))
        out.append(block)
    return tuple(out)


def public_copy(doc: Document, personal: Iterable[str], mask: str = MASK) -> Document:
    """``doc`` with ``personal`` (names and other personal data, in any
    inflection and spelling) masked in every text a writer reads, and
    without embedded files."""
    redact = Redactor(personal, mask, doc.meta.lang)
    meta = doc.meta
    clean_meta = replace(
        meta, title=redact(meta.title), author=redact(meta.author), subject=redact(meta.subject),
        keywords=tuple(map(redact, meta.keywords)), doc_type=redact(meta.doc_type),
    )
    header = replace(doc.header, left=tuple(map(redact, doc.header.left)),
                     right=tuple(map(redact, doc.header.right)))
    blocks = _figures(map_blocks(doc.blocks, redact), redact)
    return Document(meta=clean_meta, blocks=blocks, header=header, attachments=())

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

import functools
import re
from collections.abc import Iterable
from dataclasses import replace
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape, unescape

from govdocs.document.labels import labels_for
from govdocs.document.model import Block, Document, Figure, Section, walk
from govdocs.document.names import NameMatcher, load_analyser, masked
from govdocs.document.personal import identity_codes
from govdocs.document.transform import map_blocks
from govdocs.model.common import normalise
from govdocs.model.decision import ListBlock, NumberedBlock, Publicity, PublicityClass, TableBlock

if TYPE_CHECKING:
    from govdocs.model.decision import Decision
    from govdocs.model.decision import Section as RecordSection
    from govdocs.repository import Repository

__all__ = [
    "MASK", "Redactor", "figure_svg", "is_secret", "mention", "personal_data", "public_copy", "public_quote",
]

MASK = "*****"
"""What replaces personal data (the labels' ``redacted``; Helsinki's web copies)."""

_SVG_TEXT = re.compile(r">([^<]+)<")
_CUT = re.compile(r"(\w+)…$")


@functools.lru_cache(maxsize=16)
def _matcher(entries: tuple[str, ...]) -> NameMatcher:
    # Cached: every report of a build hides the same (possibly thousands of) names.
    # Finnish Voikko for every document: the names are Finnish in a Swedish text too.
    return NameMatcher(entries, load_analyser() if entries else None)


class Redactor:
    """Masks the given personal data (and any valid henkilötunnus) in a text."""

    def __init__(self, personal: Iterable[str], mask: str = MASK) -> None:
        self._matcher = _matcher(tuple(entry for entry in personal if entry.strip()))
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
        """The drawing with its text nodes (labels, tooltips) masked; a
        label cut short ('Matti Meikä…') loses a name's beginning too."""
        return _SVG_TEXT.sub(lambda m: ">" + escape(self._label(unescape(m.group(1)))) + "<", svg)

    def _label(self, text: str) -> str:
        text = self(text)
        cut = _CUT.search(text)
        if cut and self._matcher.cut_short(cut.group(1)):
            text = text[: cut.start(1)] + self.mask + text[cut.end(1):]
        return text


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


def figure_svg(doc: Document) -> str:
    """The first drawing of ``doc``: a report's timeline, written beside it
    from the same (for a web copy, masked) tree."""
    return next(block.svg for block in walk(doc.blocks) if isinstance(block, Figure))


def public_copy(doc: Document, personal: Iterable[str], mask: str = MASK) -> Document:
    """``doc`` with ``personal`` (names and other personal data, in any
    inflection and spelling) masked in every text a writer reads, and
    without embedded files."""
    redact = Redactor(personal, mask)
    meta = doc.meta
    clean_meta = replace(
        meta, title=redact(meta.title), author=redact(meta.author), subject=redact(meta.subject),
        keywords=tuple(map(redact, meta.keywords)), doc_type=redact(meta.doc_type),
    )
    header = replace(doc.header, left=tuple(map(redact, doc.header.left)),
                     right=tuple(map(redact, doc.header.right)))
    blocks = _figures(map_blocks(doc.blocks, redact), redact)
    return Document(meta=clean_meta, blocks=blocks, header=header, attachments=())


# --- what the records mark ------------------------------------------------------------


def is_secret(publicity: Publicity) -> bool:
    """Wholly secret: its public copy is only a mention. (A partly secret
    decision marks its secret sections instead.)"""
    return publicity.class_ in (PublicityClass.SECRET, PublicityClass.NOT_PUBLIC)


def mention(publicity: Publicity, lang: str = "fi") -> str:
    """'Salassa pidettävä, JulkL (621/1999) 24.1 § 25 k'."""
    labels = labels_for(lang)
    class_name = labels.get("publicity_classes", publicity.class_.value)
    return str(labels["secret_mention"]).format(class_name=class_name, basis=publicity.basis)


def personal_data(repo: Repository) -> list[str]:
    """Every decision's marked personal data: a report about many decisions
    hides a name wherever any of them marks it."""
    return list(dict.fromkeys(item for d in repo.decisions.values() for item in d.personal_data))


def _text(section: RecordSection) -> str:
    """A section's text as the quote check reads it (`Decision.plain_text`)."""
    parts: list[str] = []
    for block in section.body:
        if isinstance(block, str):
            parts.append(block)
        elif isinstance(block, ListBlock):
            parts += block.list
        elif isinstance(block, NumberedBlock):
            parts += block.numbered
        elif isinstance(block, TableBlock):
            parts += block.table.cells()
        else:
            parts.append(block.subheading)
    return normalise(" ".join(parts))


def _secret_part(decision: Decision, quote: str) -> Publicity | None:
    if is_secret(decision.publicity):
        return decision.publicity
    said = normalise(quote)
    hidden = [s for s in decision.sections if s.publicity and s.publicity.class_ is not PublicityClass.PUBLIC]
    if not hidden:
        return None
    shown = " ".join(_text(s) for s in decision.sections if s not in hidden)
    if said in shown:
        return None
    found = [s.publicity for s in hidden if s.publicity and said in _text(s)]
    # A quote found in no single section (it spans several) is treated as secret.
    return found[0] if found else hidden[0].publicity


def public_quote(repo: Repository, decision_id: str | None, quote: str, lang: str = "fi") -> str | None:
    """The mention that replaces ``quote`` in a public report when it comes
    from a secret part (a secret decision, a secret section); None when
    the quote may be shown."""
    decision = repo.decisions.get(decision_id or "")
    secret = _secret_part(decision, quote) if decision is not None else None
    return mention(secret, lang) if secret is not None else None

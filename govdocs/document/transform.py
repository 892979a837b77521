"""Tree transforms: the same document with every text run changed.

Used for soft hyphenation (before the HTML/PDF and DOCX writers) and for
public-copy redaction (in the builder). Only human-readable text changes:
link targets, SVG and embedded files are left alone.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from typing import assert_never

from govdocs.document.model import (
    Block,
    BulletList,
    Document,
    Emphasis,
    Figure,
    Heading,
    Inline,
    Inlines,
    KeyValue,
    Link,
    Notice,
    PageBreak,
    Paragraph,
    Section,
    Table,
)

TextFn = Callable[[str], str]

__all__ = ["demoted", "map_body_text", "map_blocks", "map_text", "sanitize"]


def _runs(content: Inlines, fn: TextFn) -> Inlines:
    return tuple(_run(run, fn) for run in content)


def _run(run: Inline, fn: TextFn) -> Inline:
    if isinstance(run, str):
        return fn(run)
    if isinstance(run, Link):
        return Link(fn(run.text), run.href)
    if isinstance(run, Emphasis):
        return Emphasis(fn(run.text), run.strong)
    assert_never(run)


def _block(block: Block, fn: TextFn) -> Block:
    if isinstance(block, Heading):
        return replace(block, text=fn(block.text))
    if isinstance(block, Paragraph):
        return replace(block, content=_runs(block.content, fn))
    if isinstance(block, BulletList):
        return replace(block, items=tuple(_runs(item, fn) for item in block.items))
    if isinstance(block, Table):
        rows = tuple(tuple(_runs(cell, fn) for cell in row) for row in block.rows)
        return replace(block, columns=tuple(fn(c) for c in block.columns), rows=rows,
                       caption=fn(block.caption))
    if isinstance(block, KeyValue):
        return replace(block, pairs=tuple((fn(k), _runs(v, fn)) for k, v in block.pairs))
    if isinstance(block, Notice):
        return replace(block, content=_runs(block.content, fn), title=fn(block.title))
    if isinstance(block, Figure):
        return replace(block, caption=fn(block.caption), alt=fn(block.alt))
    if isinstance(block, Section):
        heading = fn(block.heading) if block.heading else block.heading
        return replace(block, heading=heading, blocks=map_blocks(block.blocks, fn))
    if isinstance(block, PageBreak):
        return block
    assert_never(block)


def map_blocks(blocks: tuple[Block, ...], fn: TextFn) -> tuple[Block, ...]:
    """The blocks with ``fn`` applied to every text run, heading and label."""
    return tuple(_block(block, fn) for block in blocks)


def map_text(doc: Document, fn: TextFn) -> Document:
    """The document with ``fn`` applied to its body text (not the metadata,
    the running header or the embedded files)."""
    return doc.with_blocks(map_blocks(doc.blocks, fn))


def _body_only(fn: TextFn) -> Callable[[Block], Block]:
    def apply(block: Block) -> Block:
        if isinstance(block, Heading):
            return block
        if isinstance(block, Section):
            return replace(block, blocks=tuple(apply(child) for child in block.blocks))
        if isinstance(block, Figure):
            return replace(block, caption=fn(block.caption))  # alt text is read aloud, not laid out
        return _block(block, fn)

    return apply


def map_body_text(doc: Document, fn: TextFn) -> Document:
    """Like :func:`map_text`, but headings (of blocks and sections) and a
    figure's alt text keep their text: used for hyphenation, since a heading
    is never broken mid-word and a screen reader would read the breaks."""
    return doc.with_blocks(tuple(_body_only(fn)(block) for block in doc.blocks))


def demoted(blocks: tuple[Block, ...], by: int = 1) -> tuple[Block, ...]:
    """The blocks with every heading (and section heading) ``by`` levels
    lower: a whole document's parts placed inside another (a decision as
    one item of the minutes) keep their outline under its title."""
    out: list[Block] = []
    for block in blocks:
        if isinstance(block, Heading):
            block = replace(block, level=block.level + by)
        elif isinstance(block, Section):
            block = replace(block, level=block.level + by, blocks=demoted(block.blocks, by))
        out.append(block)
    return tuple(out)


_UNWRITABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
"""C0 controls (but tab, newline, carriage return), DEL and the noncharacters
XML forbids: records refuse them when read, but a tree built in Python may
carry them, and python-docx cannot write them."""


def _clean(text: str) -> str:
    return _UNWRITABLE.sub("", text)


def sanitize(doc: Document) -> Document:
    """The document without characters no format can carry, everywhere a
    writer reads text: blocks, metadata and the running header."""
    meta = doc.meta
    clean_meta = replace(
        meta, title=_clean(meta.title), author=_clean(meta.author), subject=_clean(meta.subject),
        keywords=tuple(_clean(k) for k in meta.keywords), doc_type=_clean(meta.doc_type),
    )
    header = doc.header
    clean_header = replace(header, left=tuple(map(_clean, header.left)),
                           right=tuple(map(_clean, header.right)))
    cleaned = map_text(doc, _clean)
    return replace(cleaned, meta=clean_meta, header=clean_header)

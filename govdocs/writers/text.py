"""Plain-text writer, laid out like the published Helsinki texts: the
running header, then one line per paragraph, a blank line before each
heading, list items as ``- item``, contacts and addresses line by line."""

from __future__ import annotations

from typing import assert_never

from govdocs.document.model import (
    Block,
    BulletList,
    Document,
    Emphasis,
    Figure,
    Heading,
    Inlines,
    KeyValue,
    Link,
    Notice,
    PageBreak,
    Paragraph,
    Section,
    Table,
)
from govdocs.typeset.hyphenation import SOFT_HYPHEN

__all__ = ["text_lines", "write_text"]


def _runs(content: Inlines) -> str:
    parts = []
    for run in content:
        if isinstance(run, Link):
            parts.append(run.text if run.text == run.href else f"{run.text} ({run.href})")
        elif isinstance(run, Emphasis):
            parts.append(run.text)
        elif isinstance(run, str):
            parts.append(run)
        else:
            assert_never(run)
    return "".join(parts)


def _heading(lines: list[str], text: str) -> None:
    if lines and lines[-1] != "":
        lines.append("")
    lines.append(text)


def _block(lines: list[str], block: Block) -> None:
    if isinstance(block, Heading):
        _heading(lines, block.text)
    elif isinstance(block, Paragraph):
        lines.extend(_runs(block.content).split("\n"))
    elif isinstance(block, BulletList):
        for number, item in enumerate(block.items, 1):
            lines.append(f"{number}. {_runs(item)}" if block.ordered else f"- {_runs(item)}")
    elif isinstance(block, Table):
        if block.caption:
            lines.append(block.caption)
        lines.append(" | ".join(block.columns))
        lines.extend(" | ".join(_runs(cell) for cell in row) for row in block.rows)
    elif isinstance(block, KeyValue):
        lines.extend(f"{label}: {_runs(value)}" for label, value in block.pairs)
    elif isinstance(block, Notice):
        text = _runs(block.content)
        lines.append(f"{block.title}: {text}" if block.title else text)
    elif isinstance(block, Figure):
        lines.append(f"[{block.caption or block.alt}]")
    elif isinstance(block, Section):
        if block.heading:
            _heading(lines, block.heading)
        for child in block.blocks:
            _block(lines, child)
    elif isinstance(block, PageBreak):
        pass  # plain text has no pages
    else:
        assert_never(block)


def text_lines(doc: Document) -> list[str]:
    """The document as lines of text (no trailing newlines)."""
    lines = [*doc.header.left, *doc.header.right]
    if lines:
        lines.append("")
    for block in doc.blocks:
        _block(lines, block)
    return [line.replace(SOFT_HYPHEN, "").rstrip() for line in lines]


def write_text(doc: Document) -> bytes:
    """The document as UTF-8 text with a final newline."""
    return ("\n".join(text_lines(doc)).rstrip("\n") + "\n").encode("utf-8")

"""Placeholders: values `govdocs new` left for the secretary to write. They
start with the fill marker (``TÄYTÄ``, from templates/drafting/fi.yaml).

A placeholder is a warning while a decision is being drafted (`validate`)
and an error for anything that makes the final document (`render`,
`build`, `validate --strict`), unless ``--draft`` says a draft is wanted:
without this a fresh `new working-group` record would be printed, marker
and all, into an official PDF."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path

import yaml

from govdocs.problems import Problem, Severity, Span
from govdocs.read.cache import LazySourceDoc
from govdocs.read.yamlsource import SourceDoc
from govdocs.repository import Repository
from govdocs.resources import TEMPLATES_DIR

CODE = "placeholder"


@cache
def fill_marker() -> str:
    """The word a placeholder starts with: 'TÄYTÄ'."""
    words = yaml.safe_load((TEMPLATES_DIR / "drafting" / "fi.yaml").read_text(encoding="utf-8"))
    return str(words["fill_marker"])


DRAFT_HINT = "; write it, or give --draft for a draft copy"


def placeholders_in(
    doc: SourceDoc, skip: Iterable[int] = (), severity: Severity = Severity.WARNING, hint: str = ""
) -> Iterator[Problem]:
    """A located problem for each placeholder in ``doc``'s text, leaving out
    comments and the lines in ``skip``; ``hint`` ends the message."""
    marker, skipped = fill_marker(), set(skip)
    if marker not in doc.text:
        return
    for number, line in enumerate(doc.text.splitlines(), start=1):
        if number in skipped:
            continue
        column = line.find(marker)
        while column >= 0 and not _in_comment(line, column):
            what, end = _placeholder_at(line, column)
            yield Problem(doc.file, Span(number, column + 1), f"still to write: {what}{hint}", severity, CODE)
            column = line.find(marker, end)


def _placeholder_at(line: str, column: int) -> tuple[str, int]:
    """The placeholder starting at ``column`` and where it ends: at its
    closing quote when it is a quoted scalar (several may share a line,
    as in a flow mapping), else at the end of the line."""
    quote = line[column - 1] if column and line[column - 1] in "'\"" else ""
    end = line.find(quote, column) if quote else -1
    if end < 0:
        end = len(line)
    return line[column:end].strip().strip("'\""), max(end, column + 1)


def _in_comment(line: str, column: int) -> bool:
    """Whether ``column`` is after a YAML comment's '#' (which starts a line
    or follows a space)."""
    hash_at = line.find("#")
    return 0 <= hash_at < column and (hash_at == 0 or line[hash_at - 1] in " \t")


def placeholders(repo: Repository) -> Iterator[Problem]:
    """A rule (see govdocs.checks.rules.RULES): every placeholder left in a
    record, as a warning."""
    marker = fill_marker().encode("utf-8")
    for rid in (*repo.decisions, *repo.followups):
        doc = repo.origins[rid].doc
        # A record read from the cache or by a worker has no text in memory;
        # loading its positions for all 10,000 files would double the time
        # and memory of a validation, so the file's bytes are looked at first.
        if isinstance(doc, LazySourceDoc) and not _holds(repo.files.get(rid), marker):
            continue
        yield from placeholders_in(doc, hint=DRAFT_HINT)


def _holds(path: Path | None, marker: bytes) -> bool:
    try:
        return path is not None and marker in path.read_bytes()
    except OSError:
        return False


def final(problems: Iterable[Problem], *, draft: bool) -> list[Problem]:
    """``problems`` for a final document: placeholders are errors, unless
    ``draft`` (a draft copy is asked for)."""
    return [p.escalated() if p.code == CODE and not draft else p for p in problems]


def escalate(problems: Iterable[Problem], *, strict: bool, draft: bool) -> list[Problem]:
    """``--strict`` turns warnings into errors, except placeholders when
    ``--draft`` is given."""
    if not strict:
        return list(problems)
    return [p if draft and p.code == CODE else p.escalated() for p in problems]

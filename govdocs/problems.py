"""One error family: every problem with user input is a located value.

Each stage (read, schema, cross-record rules, rendering checks) reports
`Problem` values; nothing raises on bad input until the caller decides to
stop. `RecordsInvalid` carries the whole list when a caller wants to stop.
"""

from __future__ import annotations

import difflib
import heapq
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import NamedTuple

from govdocs.errors import InputError


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


class Span(NamedTuple):
    """A 1-based line and column in a source file. (A named tuple: the
    reader makes one for every key and value of every record.)"""

    line: int
    column: int


@dataclass(frozen=True)
class Problem:
    """Something wrong (or doubtful) in the records, with where it is."""

    file: str
    span: Span | None
    message: str
    severity: Severity = Severity.ERROR
    code: str = "invalid"
    related: tuple[str, ...] = field(default=())
    """Other places (``file:line:col``) the problem involves, e.g. the
    contradicting record."""

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    @property
    def where(self) -> str:
        if self.span is None:
            return self.file
        return f"{self.file}:{self.span.line}:{self.span.column}"

    def format(self) -> str:
        return f"{self.where}: {self.severity}: {self.message}"

    def as_dict(self) -> dict[str, object]:
        return {
            "file": self.file,
            "line": self.span.line if self.span else None,
            "column": self.span.column if self.span else None,
            "severity": str(self.severity),
            "code": self.code,
            "message": self.message,
            "related": list(self.related),
        }

    def escalated(self) -> Problem:
        """The same problem as an error (``--strict``)."""
        return Problem(self.file, self.span, self.message, Severity.ERROR, self.code, self.related)


def sort_key(p: Problem) -> tuple[str, int, int]:
    return (p.file, p.span.line if p.span else 0, p.span.column if p.span else 0)


class RecordsInvalid(InputError):
    """Raised by API calls that need clean records; carries every problem.
    The command line prints them all, then `format`'s count, and exits 1."""

    def __init__(self, problems: Sequence[Problem]):
        self._problems = list(problems)
        errors = [p for p in self._problems if p.is_error]
        first = errors[0].format() if errors else "no errors"
        super().__init__(f"{len(errors)} error(s) in the records; first: {first}")

    @property
    def problems(self) -> list[Problem]:
        return self._problems

    def format(self) -> str:
        errors = sum(p.is_error for p in self._problems)
        return f"{errors} error(s), {len(self._problems) - errors} warning(s) in the records; nothing done"


_LARGE_POOL = 500


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """A ``; did you mean 'x'?`` suffix, or an empty string."""
    pool = sorted(set(candidates))
    if len(pool) > _LARGE_POOL:
        # Ten thousand ids times hundreds of typos is minutes of difflib;
        # compare only the ids sharing the longest beginning with the word.
        def shared(candidate: str) -> int:
            return len(os.path.commonprefix((candidate, word)))

        pool = heapq.nlargest(_LARGE_POOL, pool, key=shared)
    match = difflib.get_close_matches(word, pool, n=1, cutoff=0.6)
    if not match:
        lowered = {c.lower(): c for c in pool}
        if word.lower() in lowered:
            match = [lowered[word.lower()]]
    return f"; did you mean '{match[0]}'?" if match else ""


def relpaths(paths: Iterable[Path | str]) -> list[str]:
    """`relpath` of each of ``paths``, the current directory looked up once
    (validate with nothing changed names 100,000 files this way)."""
    prefix = os.path.join(os.getcwd(), "")
    shown = []
    for path in paths:
        text = str(path)
        if text.startswith(prefix) and "/.." not in text and "\\.." not in text:
            shown.append(text[len(prefix):])
        else:
            shown.append(relpath(Path(path)))
    return shown


def relpath(path: Path, root: Path | None = None) -> str:
    """A path as shown in messages: relative to the current directory when
    that is shorter and does not climb, else as given."""
    if root is None and not path.is_absolute() and ".." not in path.parts:
        return str(path)  # already relative to the current directory (no file system calls)
    text, prefix = str(path), os.path.join(str(root) if root else os.getcwd(), "")
    if text.startswith(prefix) and "/.." not in text and "\\.." not in text:
        return text[len(prefix):]  # the common case, by string: this runs once per file read
    base = root or Path(os.getcwd())
    try:
        return str(path.relative_to(base))
    except ValueError:
        pass
    try:
        return str(path.resolve().relative_to(base.resolve()))
    except ValueError:
        return str(path)

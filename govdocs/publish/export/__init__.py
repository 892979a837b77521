"""Open data: the public decisions in formats other systems read.

:data:`FORMATS` is the one table of export formats: each row names a
module whose ``build(repo, options)`` returns every file of the export as
``{relative path: JSON value}``. :func:`export` builds them all in memory
first (a problem stops it before anything is written), then writes each
file atomically with sorted keys, UTF-8 and a trailing newline, so the same
records and options give the same bytes.

Example::

    repo = govdocs.load("decisions/")
    export(repo, "popolo", Path("open-data"), ExportOptions(as_of=date(2022, 6, 1)))
"""

from __future__ import annotations

import importlib
import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from govdocs.repository import Repository

__all__ = ["FORMATS", "ExportFormat", "ExportOptions", "dumps", "export", "export_files"]

Files = dict[str, Any]
"""Relative path (with '/') → the JSON value written there (a ``str``
value is a text file, written as it is)."""


@dataclass(frozen=True)
class ExportFormat:
    """One export format."""

    name: str
    module: str
    """The module whose ``build(repo, options) -> Files`` makes it."""
    summary: str


FORMATS: dict[str, ExportFormat] = {
    f.name: f
    for f in (
        ExportFormat("ahjo", "govdocs.publish.export.ahjo",
                     "decisions in the field names and shapes of Helsinki's Ahjo API"),
        ExportFormat("oparl", "govdocs.publish.export.oparl",
                     "OParl 1.1 objects (System, Body, Meeting, Paper, ...) as linked JSON files"),
        ExportFormat("popolo", "govdocs.publish.export.popolo",
                     "Popolo vote events with counts and named votes, persons and organisations"),
    )
}

DEFAULT_BASE_URL = "urn:govdocs:"
"""The ids of linked objects when no ``--base-url`` is given: a URN is a
URI (as OParl's ``format: uri`` asks) that claims no web address."""


@dataclass(frozen=True)
class ExportOptions:
    """What every format is built for."""

    as_of: date
    """The day the web copy is for (personal data shown or masked)."""
    base_url: str = DEFAULT_BASE_URL
    """Prefix of object ids (OParl)."""


def export_files(repo: Repository, fmt: str, options: ExportOptions) -> Files:
    """Every file of format ``fmt``, built in memory."""
    build = importlib.import_module(FORMATS[fmt].module).build
    files: Files = build(repo, options)
    return files


def dumps(value: Any) -> bytes:
    """The export's one JSON spelling: sorted keys, UTF-8, two-space indent,
    final newline; a text file as its UTF-8."""
    if isinstance(value, str):
        return value.encode("utf-8")
    return (json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")


def export(repo: Repository, fmt: str, out: Path, options: ExportOptions) -> int:
    """Write format ``fmt`` of ``repo`` into ``out`` (under its lock); the
    number of files written. Build first, write after: nothing is written
    when building fails."""
    from govdocs.build.atomic import output_lock
    from govdocs.safepath import atomic_write

    files = export_files(repo, fmt, options)
    with output_lock(out):
        for relative in sorted(files):
            atomic_write(out / relative, dumps(files[relative]), root=out, sync=False)
    return len(files)

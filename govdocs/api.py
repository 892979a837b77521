"""The public functions behind the CLI: read → validate, once, in order."""

from __future__ import annotations

from pathlib import Path

from govdocs.checks import run_rules
from govdocs.checks.placeholders import escalate
from govdocs.problems import RecordsInvalid, sort_key
from govdocs.read.loader import collector_paused, read_repository
from govdocs.repository import Repository


def validate(path: Path | str = ".", *, strict: bool = False, draft: bool = False) -> Repository:
    """Read every record under ``path`` and run every check. Never raises
    for bad records: the problems are in ``repo.problems`` (``strict``
    turns warnings into errors, placeholders apart when ``draft``). Raises
    `NoRegistry` when there is no registry.yaml at or above ``path``."""
    repo = read_repository(path)
    schema_problems = sorted(repo.problems, key=sort_key)
    with collector_paused():  # the rules' indexes are many small, lasting objects too
        repo.problems = schema_problems + run_rules(repo)
    repo.problems = escalate(repo.problems, strict=strict, draft=draft)
    return repo


def load(path: Path | str = ".", *, strict: bool = False) -> Repository:
    """Like `validate`, but raise `RecordsInvalid` when any error is found,
    so callers get a repository they can trust."""
    repo = validate(path, strict=strict)
    if repo.errors:
        raise RecordsInvalid(repo.problems)
    return repo

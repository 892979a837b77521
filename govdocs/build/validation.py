"""Validation for the build, with the cross-record rules' result cached.

Reading is cached per file (`govdocs.read.cache`); the rules look at the
whole repository, so their problems are cached under one key over every
record file's bytes, the registry and govdocs' code, signed like the
per-file entries, in the user's cache folder. When nothing changed,
a build (or a CI step) gets the same problems without running the rules.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from govdocs.checks import run_rules
from govdocs.checks.placeholders import escalate
from govdocs.problems import Problem, relpath, sort_key
from govdocs.read.cache import code_digest, read_entry, user_cache_dir, write_entry
from govdocs.read.loader import read_repository
from govdocs.repository import Repository


def validate_cached(
    path: Path | str = ".", *, strict: bool = False, draft: bool = False, cache_dir: Path | None = None
) -> Repository:
    """`govdocs.validate`, with the rules' problems reused when no record,
    the registry and the code are unchanged since they were computed.
    The cache is in ``cache_dir`` (default: the user's govdocs cache)."""
    repo = read_repository(path)
    schema_problems = sorted(repo.problems, key=sort_key)
    repo.problems = schema_problems + cached_rules(repo, cache_dir or user_cache_dir())
    repo.problems = escalate(repo.problems, strict=strict, draft=draft)
    return repo


def cached_rules(repo: Repository, cache_dir: Path) -> list[Problem]:
    """`run_rules(repo)`, from the cache when its inputs are unchanged."""
    if os.environ.get("GOVDOCS_NO_CACHE"):
        return run_rules(repo)
    entry = cache_dir / "rules" / rules_key(repo)
    found = read_entry(entry)
    if isinstance(found, list):
        return found
    problems = run_rules(repo)
    try:
        write_entry(entry, problems)
    except OSError:  # a cache folder that cannot be (e.g. $XDG_CACHE_HOME is a file): only slower
        pass
    return problems


def rules_key(repo: Repository) -> str:
    """SHA-256 over what the rules read: every loaded record file (as
    named in messages, and its bytes), the registry and the code."""
    digest = hashlib.sha256(code_digest().encode())
    digest.update(str(repo.registry_ok).encode())
    for path in [*repo.registry_files, *sorted(repo.files.values())]:
        digest.update(relpath(path).encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()

"""Stage 3: check records against their models (schema, while reading) and
against each other (`RULES`). Every check reports located `Problem` values."""

from __future__ import annotations

import os
from pathlib import Path

from govdocs.problems import Problem, sort_key
from govdocs.repository import Repository


def run_rules(repo: Repository) -> list[Problem]:
    """Run every cross-record rule; returns the problems sorted by place."""
    from govdocs.checks.rules import RULES

    if not repo.registry_ok:
        return []  # every reference would dangle; the registry's own errors say why
    found: list[Problem] = []
    for rule in RULES:
        found.extend(rule(repo))
    return sorted(found, key=sort_key)


def checked_rules(repo: Repository) -> list[Problem]:
    """`run_rules(repo)`, or the problems they gave for exactly these files'
    contents, the registry's and govdocs' code, kept in the index
    (`govdocs.read.index`): when nothing changed no rule runs."""
    from govdocs.read.index import open_index

    index = open_index(repo.root) if repo.digests else None
    if index is None:
        return run_rules(repo)
    try:
        key = rules_key(repo.digests, repo.registry_ok)
        repo.__dict__["_state"] = key  # the derived tables' key too (govdocs.derive.store)
        found = index.rules(key)
        if isinstance(found, list):
            index.commit()
            return found
        problems = run_rules(repo)
        index.put_rules(key, problems)
        index.commit()
        return problems
    finally:
        index.close()


def rules_key(digests: dict[Path, bytes], registry_ok: bool) -> str:
    """SHA-256 over what the rules read: every file read (its name as shown
    in messages and its content hash), whether the registry could be read,
    and the code."""
    from govdocs.problems import relpaths

    paths = list(digests)
    return state_key(
        [(os.fspath(p), shown, digests[p]) for p, shown in zip(paths, relpaths(paths), strict=True)],
        registry_ok,
    )


def state_key(files: list[tuple[str, str, bytes]], registry_ok: bool) -> str:
    """`rules_key` of (path, name as shown, content hash) for every file read."""
    import hashlib

    from govdocs.read.cache import code_digest

    digest = hashlib.sha256(code_digest().encode())
    digest.update(templates_stamp().encode())
    digest.update(str(registry_ok).encode())
    for _, shown, content in sorted(files):  # by path text: comparing 100,000 Paths costs a second
        digest.update(shown.encode() + b"\0" + content)
    return digest.hexdigest()


def templates_stamp() -> str:
    """The shipped templates the rules read (appeal texts, layouts, kinds,
    labels), by name, size and time: editing one checks again."""
    import os

    from govdocs.resources import TEMPLATES_DIR

    parts = []
    for folder, dirs, files in os.walk(TEMPLATES_DIR):
        dirs[:] = sorted(d for d in dirs if d != "fonts")
        for name in sorted(files):
            path = os.path.join(folder, name)
            info = os.stat(path)
            parts.append(f"{os.path.relpath(path, TEMPLATES_DIR)}:{info.st_size}:{info.st_mtime_ns}")
    return "\n".join(parts)

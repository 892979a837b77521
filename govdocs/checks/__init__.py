"""Stage 3: check records against their models (schema, while reading) and
against each other (`RULES`). Every check reports located `Problem` values."""

from __future__ import annotations

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

"""Checked before rendering: what Hallintolaki 44 § (and 45 §, 47 §) asks
of a written decision (the same check `govdocs validate` runs), and whether
its appeal text has a version for its date. Every gap is a located
warning; ``--strict`` turns them into errors and stops the render."""

from __future__ import annotations

from govdocs.checks.rules import decision_completeness
from govdocs.document.appeal import choose_version
from govdocs.model.common import NotStated
from govdocs.model.decision import Decision
from govdocs.problems import Problem, Severity
from govdocs.repository import Repository

__all__ = ["completeness"]


def completeness(repo: Repository, decision: Decision) -> list[Problem]:
    """Warnings for each part the law requires that the record lacks."""
    found = list(decision_completeness(repo, decision))
    if decision.appeal is not None and not isinstance(decision.appeal, NotStated):
        _valid_from, _path, note = choose_version(
            decision.appeal.route.value, decision.day, decision.appeal.variant
        )
        if note:
            origin = repo.origins[decision.id]
            found.append(
                origin.problem(note, "appeal", "route", severity=Severity.WARNING, code="appeal-version")
            )
    return found

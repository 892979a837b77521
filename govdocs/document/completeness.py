"""Checked before rendering: what Hallintolaki 44 § (and 45 §, 47 §) asks
of a written decision (the same check `govdocs validate` runs). Every gap
is a located warning; ``--strict`` turns them into errors and stops the
render. Whether the appeal text can be given is `govdocs validate`'s
(`govdocs.document.appeal.appeal_problems`)."""

from __future__ import annotations

from govdocs.checks.rules import decision_completeness
from govdocs.model.decision import Decision
from govdocs.problems import Problem
from govdocs.repository import Repository

__all__ = ["completeness"]


def completeness(repo: Repository, decision: Decision) -> list[Problem]:
    """Warnings for each part the law requires that the record lacks."""
    return list(decision_completeness(repo, decision))

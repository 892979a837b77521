"""What Hallintolaki 44 § (and 45 §, 47 §) asks of a written decision,
checked before rendering. Every gap is a located warning; ``--strict``
turns them into errors and stops the render."""

from __future__ import annotations

from govdocs.document.appeal import choose_version
from govdocs.model.common import NotStated
from govdocs.model.decision import Decision, SectionKind
from govdocs.problems import Problem, Severity
from govdocs.repository import Repository

__all__ = ["completeness"]

GROUNDS = {SectionKind.GROUNDS, SectionKind.PRESENTER_GROUNDS}


def _warn(repo: Repository, decision: Decision, message: str, *path: str) -> Problem:
    origin = repo.origins.get(decision.id)
    if origin is None:
        return Problem(decision.id, None, message, Severity.WARNING, "incomplete-decision")
    span = origin.span(*path) if path else None
    return Problem(origin.file, span or origin.span(), message, Severity.WARNING, "incomplete-decision")


def completeness(repo: Repository, decision: Decision) -> list[Problem]:
    """Warnings for each part the law requires that the record lacks."""
    found = []
    if decision.maker not in repo.makers:
        found.append(_warn(repo, decision, f"{decision.id}: the deciding authority '{decision.maker}' "
                           "is not in registry.yaml (Hallintolaki 44 § 1)", "maker"))
    if isinstance(decision.date, NotStated):
        found.append(_warn(repo, decision, f"{decision.id}: the decision date is not stated; the "
                           "document shows no date (Hallintolaki 44 § 1)", "date"))
    has_grounds = any(section.kind in GROUNDS for section in decision.sections)
    if not has_grounds and not decision.grounds_exception:
        found.append(_warn(repo, decision, f"{decision.id}: no grounds section and no "
                           "'grounds_exception' citing Hallintolaki 45 § 2", "sections"))
    if not decision.contacts:
        found.append(_warn(repo, decision, f"{decision.id}: no contact person for more "
                           "information (Hallintolaki 44 § 4); add 'contacts'"))
    if decision.appeal is None or isinstance(decision.appeal, NotStated):
        where = ("appeal",) if decision.appeal is not None else ()
        found.append(_warn(repo, decision, f"{decision.id}: no appeal instructions "
                           "(Hallintolaki 47 §, Kuntalaki 136 §)", *where))
    else:
        _valid_from, _path, note = choose_version(decision.appeal.route.value, decision.day)
        if note:
            found.append(_warn(repo, decision, f"{decision.id}: {note}", "appeal", "route"))
    return found

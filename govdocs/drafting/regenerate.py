"""`govdocs draft regenerate ID`: rewrite the generated sections of a
decision file from its structured data, leaving the rest of the file (and
its comments) as written."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from govdocs.api import validate
from govdocs.drafting.check import locate
from govdocs.drafting.kinds import repository_kinds
from govdocs.drafting.newdoc import DraftingError
from govdocs.drafting.phrasing import generate
from govdocs.drafting.yamlwrite import section_data, splice_sections
from govdocs.problems import Problem, did_you_mean


@dataclass
class Regeneration:
    """What `regenerate` did."""

    path: Path
    changed: list[int] = field(default_factory=list)
    """Indexes of the sections rewritten."""
    problems: list[Problem] = field(default_factory=list)
    """Sections that could not be generated, located where to fix them."""


def regenerate(root: Path | str, decision_id: str) -> Regeneration:
    """Rewrite the sections marked ``generated`` of ``decision_id``'s file."""
    repo = validate(root)
    if decision_id not in repo.decisions:
        raise DraftingError(
            f"no decision '{decision_id}' in the records{did_you_mean(decision_id, repo.decisions)}"
        )
    decision, origin, path = repo.decisions[decision_id], repo.origins[decision_id], repo.files[decision_id]
    kinds = repository_kinds(repo)
    generation = generate(decision, repo.registry, kinds)
    result = Regeneration(path, problems=[locate(repo, origin, kinds, i) for i in generation.issues])
    new = generation.decision.sections
    result.changed = [
        i
        for i, (a, b) in enumerate(zip(decision.sections, new, strict=True))
        if section_data(a) != section_data(b)
    ]
    if result.changed:
        path.write_text(splice_sections(origin.doc.text, list(new)), encoding="utf-8")
    return result

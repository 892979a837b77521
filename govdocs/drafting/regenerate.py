"""`govdocs draft regenerate ID`: rewrite the generated sections of a
decision file from its structured data, leaving every other byte of the
file (comments, quoting, order, hand-written sections, line endings, a
byte-order mark) as written. The file is replaced atomically, and never
through a symbolic link: records arrive through pull requests, and a link
could point anywhere."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from govdocs.api import validate
from govdocs.drafting.check import locate
from govdocs.drafting.kinds import repository_kinds
from govdocs.drafting.newdoc import DraftingError
from govdocs.drafting.phrasing import generate
from govdocs.drafting.yamlwrite import SpliceError, section_data, splice_sections
from govdocs.model.decision import Section
from govdocs.problems import Problem, did_you_mean
from govdocs.safepath import atomic_write, is_inside

BOM = b"\xef\xbb\xbf"


@dataclass
class Regeneration:
    """What `regenerate` did."""

    path: Path
    changed: list[int] = field(default_factory=list)
    """Indexes of the sections rewritten."""
    problems: list[Problem] = field(default_factory=list)
    """Sections that could not be generated, located where to fix them, or
    why the file was not written."""


def regenerate(root: Path | str, decision_id: str) -> Regeneration:
    """Rewrite the sections marked ``generated`` of ``decision_id``'s file."""
    repo = validate(root)
    unreadable = [p for p in repo.problems if p.is_error and Path(p.file).stem == decision_id]
    if decision_id not in repo.decisions and unreadable:  # its file is refused unread (e.g. a link)
        return Regeneration(Path(unreadable[0].file), problems=unreadable)
    if decision_id not in repo.decisions:
        raise DraftingError(
            f"no decision '{decision_id}' in the records{did_you_mean(decision_id, repo.decisions)}"
        )
    decision, origin, path = repo.decisions[decision_id], repo.origins[decision_id], repo.files[decision_id]
    kinds = repository_kinds(repo)
    generation = generate(decision, repo.registry, kinds, repo.meeting_of(decision_id))
    result = Regeneration(path, problems=[locate(repo, origin, kinds, i) for i in generation.issues])
    new = generation.decision.sections
    result.changed = [
        i
        for i, (a, b) in enumerate(zip(decision.sections, new, strict=True))
        if section_data(a) != section_data(b)
    ]
    if result.changed:
        refusal = write_sections(path, repo.root, {i: new[i] for i in result.changed}, origin.file)
        if refusal is not None:
            result.problems.append(refusal)
            result.changed = []
    return result


def write_sections(path: Path, root: Path, sections: dict[int, Section], shown: str) -> Problem | None:
    """Rewrite ``sections`` in the record at ``path``, atomically; the
    reason it was not written, or None."""
    if path.is_symlink() or not is_inside(path, root):
        return Problem(
            shown,
            None,
            "the record is a symbolic link (or lies behind one); govdocs never writes through a link: "
            "replace the link with the file itself",
            code="record-link",
        )
    raw = path.read_bytes()
    bom = raw.startswith(BOM)
    text = raw[len(BOM) :].decode("utf-8") if bom else raw.decode("utf-8")
    newline = "\r\n" if "\r\n" in text else "\n"
    try:
        spliced = splice_sections(text.replace("\r\n", "\n"), sections)
    except SpliceError as exc:
        message = f"cannot rewrite the generated sections in place: {exc}"
        return Problem(shown, None, message, code="regenerate-in-place")
    atomic_write(path, (BOM if bom else b"") + spliced.replace("\n", newline).encode("utf-8"))
    return None

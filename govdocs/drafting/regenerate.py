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
from govdocs.model.decision import Decision, Section
from govdocs.problems import Problem, did_you_mean
from govdocs.safepath import atomic_write, is_inside

BOM = b"\xef\xbb\xbf"


@dataclass
class Regeneration:
    """What `regenerate` did."""

    path: Path
    changed: list[int] = field(default_factory=list)
    """Indexes of the sections rewritten."""
    changed_sv: list[int] = field(default_factory=list)
    """Indexes of the Swedish version's sections rewritten."""
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
    changes = _changed(decision, generation.decision)
    result.changed = sorted(changes.get(("sections",), {}))
    result.changed_sv = sorted(changes.get(("sv", "sections"), {}))
    if changes:
        refusal = write_sections(path, repo.root, changes, origin.file)
        if refusal is not None:
            result.problems.append(refusal)
            result.changed, result.changed_sv = [], []
    return result


def _changed(old: Decision, new: Decision) -> dict[tuple[str, ...], dict[int, Section]]:
    """The sections that differ, by where their list is: the text's, and
    its Swedish version's."""
    Lists = list[tuple[tuple[str, ...], list[Section], list[Section]]]
    lists: Lists = [(("sections",), old.sections, new.sections)]
    if old.sv is not None and new.sv is not None:
        lists.append((("sv", "sections"), old.sv.sections, new.sv.sections))
    changes: dict[tuple[str, ...], dict[int, Section]] = {}
    for where, before, after in lists:
        changed = {i: b for i, (a, b) in enumerate(zip(before, after, strict=True))
                   if section_data(a) != section_data(b)}
        if changed:
            changes[where] = changed
    return changes


def write_sections(
    path: Path, root: Path, changes: dict[tuple[str, ...], dict[int, Section]], shown: str
) -> Problem | None:
    """Rewrite the sections in ``changes`` (by the place of their list:
    ``("sections",)``, ``("sv", "sections")``) in the record at ``path``,
    atomically; the reason it was not written, or None."""
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
        spliced = text.replace("\r\n", "\n")
        for where, sections in changes.items():
            spliced = splice_sections(spliced, sections, where)
    except SpliceError as exc:
        message = f"cannot rewrite the generated sections in place: {exc}"
        return Problem(shown, None, message, code="regenerate-in-place")
    atomic_write(path, (BOM if bom else b"") + spliced.replace("\n", newline).encode("utf-8"))
    return None

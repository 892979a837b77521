"""Kinds of decision (``templates/kinds/*.yaml``): what a new decision of
that kind pre-fills, which appeal route it takes, which inputs it asks
for and the phrasing templates that turn its structured data into the
standard Finnish sentences. Kinds are data: a municipality adds its own
under its records repository's ``templates/kinds/`` without touching code.
Those files are untrusted input (they arrive through pull requests): their
templates render in a sandbox (see `govdocs.drafting.phrasing.sandbox`) and
a repository kind replaces a built-in one only when registry.yaml lists
its name under ``drafting: {override_kinds: [...]}``."""

from __future__ import annotations

import builtins
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from pydantic import Field, ValidationError, model_validator

from govdocs.model.common import Id, Record, Text
from govdocs.model.decision import AppealRoute, SectionKind
from govdocs.model.registry import MakerKind
from govdocs.problems import Problem, relpath
from govdocs.read.yamlsource import SourceDoc, YamlError, load_file
from govdocs.resources import TEMPLATES_DIR

if TYPE_CHECKING:
    from govdocs.repository import Repository

KINDS_DIR = "kinds"
SECTIONS_DIR = "sections"
"""Section templates shared by every kind (``templates/sections/*.yaml``):
a body decision's Käsittely is written the same way whatever its kind."""


class Input(Record):
    """An input the kind asks for, kept in the decision's `drafting.values`."""

    name: Id
    """Key in `drafting.values`."""
    type: Literal["text", "list", "date", "reference"] = "text"
    """text, list of texts, date (D.M.YYYY or YYYY-MM-DD), or a reference id of the decision."""
    description: Text
    """What to write, including the grammatical case the sentence needs."""
    required: bool = True
    """Whether check fails while it is missing."""


class Items(Record):
    """Items of a list (or paragraphs), one per element of ``each``."""

    each: str
    """Jinja expression giving the elements: 'm.tasks'."""
    item: str = "{{ item }}"
    """Template of one item; the element is ``item``."""
    when: str | None = None
    """Jinja expression: leave out unless true."""


class BlockTemplate(Record):
    """One block of a generated section: a sentence, a subheading, a list,
    a numbered list or a run of paragraphs."""

    text: str | None = None
    """A paragraph template (Jinja)."""
    subheading: str | None = None
    """A subheading template."""
    list: builtins.list[Items] | None = None
    """A bulleted list gathered from one or more sources."""
    numbered: builtins.list[Items] | None = None
    """A numbered list gathered from one or more sources."""
    paragraphs: Items | None = None
    """One paragraph per element (a member list printed line by line)."""
    lines: str | None = None
    """A template whose every non-empty line is a paragraph: for a run of
    lines whose number the data decides (a handling's motions and votes)."""
    when: str | None = None
    """Jinja expression: leave the block out unless true."""

    @model_validator(mode="after")
    def _one_kind(self) -> BlockTemplate:
        given = [
            k
            for k in ("text", "subheading", "list", "numbered", "paragraphs", "lines")
            if getattr(self, k) is not None
        ]
        if len(given) != 1:
            raise ValueError(
                "a block needs exactly one of text, subheading, list, numbered, paragraphs, lines"
            )
        return self


class SectionTemplate(Record):
    """A section a new decision of this kind starts with."""

    kind: SectionKind = SectionKind.FREE
    """Which standard section."""
    heading: str | None = None
    """Heading of a free section."""
    generated: str | None = None
    """Marker written into the section: it is regenerated from the data.
    Empty: the body is written once as a starting point for the secretary."""
    body: list[BlockTemplate] = Field(min_length=1)
    """The blocks."""


class AppealDefault(Record):
    """The appeal the kind normally takes."""

    route: AppealRoute
    """Route written into a new decision."""
    law: str | None = None
    """Provision printed with a muutoksenhakukielto: 'Kuntalaki 136 §'."""
    allowed: list[AppealRoute] = Field(default_factory=list)
    """Other routes check accepts for this kind."""

    @property
    def routes(self) -> set[AppealRoute]:
        return {self.route, *self.allowed}


class Kind(Record):
    """One kind of decision (a file under templates/kinds/)."""

    kind: Id
    """Its name on the command line: 'working-group'."""
    name: Text
    """Finnish name: 'Työryhmän asettaminen'."""
    description: Text
    """What the kind is for."""
    makers: list[MakerKind] = Field(default_factory=lambda: [MakerKind.BODY, MakerKind.OFFICE_HOLDER])
    """Which decision makers may use it."""
    title: Text
    """Title of a new decision."""
    appeal: AppealDefault
    """The appeal route it takes."""
    inputs: list[Input] = Field(default_factory=list)
    """Kind-specific inputs kept in `drafting.values`."""
    prefill: str = ""
    """YAML written after the sections of a new decision; $id, $date,
    $year, $maker, $number are substituted."""
    sections: list[SectionTemplate] = Field(min_length=1)
    """The sections a new decision starts with."""


class SharedSections(Record):
    """A file of section templates any decision may use (under
    templates/sections/), each found by its ``generated`` name."""

    description: Text
    """What the sections are for."""
    sections: list[SectionTemplate] = Field(min_length=1)
    """The section templates; each needs ``generated``."""

    @model_validator(mode="after")
    def _named(self) -> SharedSections:
        for section in self.sections:
            if not section.generated:
                raise ValueError("a shared section template needs 'generated': the name records use")
        return self


@dataclass
class KindSet:
    """Every kind found, and the problems met reading them."""

    kinds: dict[str, Kind]
    files: dict[str, Path]
    problems: list[Problem]
    docs: dict[str, SourceDoc] = field(default_factory=dict)
    """Kind name → its file as read, for locating template errors."""
    shared: dict[str, SharedSections] = field(default_factory=dict)
    """'sections/<file stem>' → the shared section templates of that file
    (its file and doc are in ``files`` and ``docs`` under the same name)."""

    def section_templates(self) -> dict[str, tuple[str, int, SectionTemplate]]:
        """Every generated section template by its name: (owner, index, template),
        the owner a kind name or 'sections/<file stem>'."""
        found = {
            s.generated: (name, j, s)
            for name, group in self.shared.items()
            for j, s in enumerate(group.sections)
            if s.generated
        }
        found.update(
            (s.generated, (k.kind, j, s))
            for k in self.kinds.values()
            for j, s in enumerate(k.sections)
            if s.generated
        )
        return found

    def get(self, name: str) -> Kind | None:
        return self.kinds.get(name)

    def problem(self, name: str, path: tuple[str | int, ...], message: str, code: str) -> Problem:
        """A problem located at ``path`` inside kind ``name``'s file."""
        doc = self.docs.get(name)
        if doc is None:
            return Problem(str(self.files.get(name, "templates/kinds")), None, message, code=code)
        return doc.problem(path, message, code=code)


def kind_dirs(root: Path | None) -> list[Path]:
    """Where kinds are looked for: govdocs' own, then the repository's
    (which override by name)."""
    dirs = [TEMPLATES_DIR / KINDS_DIR]
    if root is not None and (root / "templates" / KINDS_DIR).resolve() != dirs[0].resolve():
        dirs.append(root / "templates" / KINDS_DIR)
    return dirs


def load_kinds(root: Path | None = None, override: Iterable[str] = ()) -> KindSet:
    """Read every kind file; bad files are reported, never raised. A
    repository kind named like a built-in one is used only when its name is
    in ``override`` (registry.yaml's ``drafting.override_kinds``)."""
    found = KindSet({}, {}, [])
    allowed = set(override)
    for number, folder in enumerate(kind_dirs(root)):
        for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else []:
            read = _load_kind(path, found.problems)
            if read is None:
                continue
            kind, doc = read
            if number > 0 and kind.kind in found.kinds and kind.kind not in allowed:
                found.problems.append(
                    doc.problem(
                        ("kind",),
                        f"kind '{kind.kind}' is built into govdocs; a repository kind replaces it only "
                        f"when registry.yaml says so (drafting: {{override_kinds: [{kind.kind}]}}), "
                        "otherwise give it another name",
                        code="kind-override",
                    )
                )
                continue
            found.kinds[kind.kind], found.files[kind.kind], found.docs[kind.kind] = kind, path, doc
    _load_shared(found)
    return found


def _load_shared(found: KindSet) -> None:
    """govdocs' own shared section templates (templates/sections/)."""
    for path in sorted((TEMPLATES_DIR / SECTIONS_DIR).glob("*.yaml")):
        shown = relpath(path)
        try:
            doc = load_file(path, shown)
            group = SharedSections.model_validate(doc.data)
        except YamlError as exc:
            found.problems.append(Problem(shown, exc.span, exc.message, code=exc.code))
            continue
        except ValidationError as exc:
            for err in exc.errors():
                found.problems.append(doc.problem(tuple(err["loc"]), err["msg"], code="kind-invalid"))
            continue
        name = f"{SECTIONS_DIR}/{path.stem}"
        found.shared[name], found.files[name], found.docs[name] = group, path, doc


def repository_kinds(repo: Repository) -> KindSet:
    """The kinds ``repo`` uses: the built-in ones and its own, replaced as
    its registry allows."""
    return load_kinds(repo.root, repo.registry.drafting.override_kinds)


def _load_kind(path: Path, problems: list[Problem]) -> tuple[Kind, SourceDoc] | None:
    shown = relpath(path)
    try:
        doc = load_file(path, shown)
    except YamlError as exc:
        problems.append(Problem(shown, exc.span, exc.message, code=exc.code))
        return None
    try:
        return Kind.model_validate(doc.data), doc
    except ValidationError as exc:
        for err in exc.errors():
            problems.append(doc.problem(tuple(err["loc"]), err["msg"], code="kind-invalid"))
        return None

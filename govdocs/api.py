"""The public functions behind the CLI: read → validate, once, in order."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from govdocs.checks import checked_rules
from govdocs.checks.placeholders import escalate
from govdocs.problems import Problem, RecordsInvalid, relpath, sort_key
from govdocs.read.loader import collector_paused, read_repository
from govdocs.repository import DEFERRED, Repository


def validate(path: Path | str = ".", *, strict: bool = False, draft: bool = False) -> Repository:
    """Read every record under ``path`` and run every check. Never raises
    for bad records: the problems are in ``repo.problems`` (``strict``
    turns warnings into errors, placeholders apart when ``draft``). Raises
    `NoRegistry` when there is no registry.yaml at or above ``path``."""
    with collector_paused():  # the rules' indexes are many small, lasting objects too
        repo = read_repository(path)
        schema_problems = sorted(repo.problems, key=sort_key)
        repo.problems = schema_problems + checked_rules(repo)
    repo.problems = escalate(repo.problems, strict=strict, draft=draft)
    return repo


def load(path: Path | str = ".", *, strict: bool = False) -> Repository:
    """Like `validate`, but raise `RecordsInvalid` when any error is found,
    so callers get a repository they can trust."""
    repo = validate(path, strict=strict)
    if repo.errors:
        raise RecordsInvalid(repo.problems)
    return repo


def known_problems(path: Path | str = ".", *, strict: bool = False, draft: bool = False) -> Checked | None:
    """What `validate` would report, from the repository's index alone, when
    no file changed since the index recorded it and the rules' problems for
    exactly these contents are kept: no record is unpickled, no rule runs.
    None when anything is not known that way (then call `validate`)."""
    known = _known(Path(path))
    if known is None:
        return None
    return Checked(escalate(known.problems, strict=strict, draft=draft), known.files)


def indexed(path: Path | str = ".", *, strict: bool = False, draft: bool = False) -> Repository:
    """`validate(path)`, answered from the index when no file changed: the
    problems, registries and state come at once and the records are read
    (from the index) only when first used, so a query whose derived tables
    are kept (`govdocs.derive.store`) reads no record. When anything
    changed this is `validate` itself."""
    known = _known(Path(path))
    if known is None:
        return validate(path, strict=strict, draft=draft)
    repo = known.repository
    repo.problems = escalate(known.problems, strict=strict, draft=draft)
    repo.__dict__["_state"] = known.state
    wanted = Path(path)

    def load(lazy: Repository) -> None:
        from govdocs.errors import InputError

        with collector_paused():
            full = read_repository(wanted)
        if full.digests != lazy.digests:
            raise InputError("the records changed while this command read them; run it again")
        for name in DEFERRED:
            setattr(lazy, name, getattr(full, name))

    repo.defer(load)
    return repo


def _digests_as_paths(files: dict[str, bytes]) -> Any:
    def load(repo: Repository) -> None:
        repo.digests = {Path(path): digest for path, digest in files.items()}

    return load


@dataclass(frozen=True)
class _Known:
    """What the index knows of a repository none of whose files changed."""

    repository: Repository
    """Its registries, layouts and digests; no records (yet)."""
    problems: list[Problem]
    """Every problem `validate` finds, before `escalate`."""
    files: int
    state: str


def _known(path: Path) -> _Known | None:
    from govdocs.checks import state_key
    from govdocs.problems import relpath, relpaths
    from govdocs.read.index import open_index
    from govdocs.read.loader import REGISTRY_FILE, find_root, record_paths
    from govdocs.repository import REGISTRIES_DIR

    root = find_root(path)
    index = open_index(root)
    if index is None:
        return None
    try:
        digests: dict[Path, bytes] = {}
        problems: list[Problem] = []
        home = index.get(root / REGISTRY_FILE, relpath(root / REGISTRY_FILE))
        if home is None or home.value[0] is None:
            return None  # changed, or a registry with an error: `validate` says which
        registries = [(root / REGISTRY_FILE, home)]
        for member in home.value[0].municipalities:
            file = root / REGISTRIES_DIR / f"{member}.yaml"
            hit = index.get(file, relpath(file))
            if hit is None or hit.value[0] is None or hit.value[0].municipalities:
                return None
            registries.append((file, hit))
        for file, hit in registries:
            problems += hit.value[1]
            digests[file] = hit.sha256
        repo = _registries_only(root, registries, digests)
        problems += repo.problems
        # every record file, by its text: 100,000 of them are checked here, and a Path each costs
        files = record_paths(path, root)
        shown = relpaths(files)
        read: dict[str, bytes] = {os.fspath(p): d for p, d in digests.items()}
        for text, name in zip(files, shown, strict=True):
            known = index.problems(text, name)
            if known is None:
                return None  # changed or never read
            if known[0]:
                problems += known[0]
            read[text] = known[1]
        names = dict(zip(files, shown, strict=True))
        state = state_key([(p, names.get(p) or relpath(Path(p)), d) for p, d in read.items()], True)
        found = index.rules(state)
        if not isinstance(found, list):
            return None
        index.commit()
    finally:
        index.close()
    repo.files_read = len(files)
    repo.defer(_digests_as_paths(read), ("digests",))
    return _Known(repo, sorted(problems, key=sort_key) + found, len(files), state)


def _registries_only(
    root: Path, registries: list[tuple[Path, Any]], digests: dict[Path, bytes]
) -> Repository:
    """A repository of the registries and the layout profiles alone, read
    as `read_repository` reads them (the profiles are a few small files,
    never indexed; their hashes go into ``digests``, their problems into
    the repository's)."""
    from govdocs.read.cache import LazySourceDoc
    from govdocs.read.loader import read_layouts

    (home, home_hit), *members = registries
    repo = Repository(root=root, registry=home_hit.value[0], registry_doc=LazySourceDoc(relpath(home), home))
    repo.members = [(hit.value[0], LazySourceDoc(relpath(file), file)) for file, hit in members]
    read_layouts(repo, digests)
    return repo


@dataclass(frozen=True)
class Checked:
    """`known_problems`' answer: every problem, and how many record files."""

    problems: list[Problem]
    files_read: int

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

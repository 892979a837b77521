"""The public functions behind the CLI: read → validate, once, in order."""

from __future__ import annotations

import os
from collections.abc import Callable
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


def known_state(path: Path | str = ".") -> str | None:
    """The state key of the records under ``path`` (`govdocs.derive.store`)
    when the index knows them unchanged; None when anything changed or is
    not known (then read them)."""
    known = _known(Path(path))
    return known.state if known is not None else None


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
        fingerprint = _fingerprint(files, shown, read)
        snapshot = index.snapshot(fingerprint) if fingerprint else None
        if snapshot is not None:  # no file changed: not one row is fetched
            state, (found, count) = snapshot
            index.commit()
            repo.files_read = count
            repo.defer(_digests_from_index(root, files, read), ("digests",))
            return _Known(repo, found, count, state)
        for text, name in zip(files, shown, strict=True):
            known = index.problems(text, name)
            if known is None:
                return None  # changed or never read
            if known[0]:
                problems += known[0]
            read[text] = known[1]
        names = dict(zip(files, shown, strict=True))
        state = state_key([(p, names.get(p) or relpath(Path(p)), d) for p, d in read.items()], True)
        rules = index.rules(state)
        if not isinstance(rules, list):
            return None
        found = sorted(problems, key=sort_key) + rules
        if fingerprint:
            index.put_snapshot(fingerprint, state, (found, len(files)))
        index.commit()
    finally:
        index.close()
    repo.files_read = len(files)
    repo.defer(_digests_as_paths(read), ("digests",))
    return _Known(repo, found, len(files), state)


def _fingerprint(files: list[str], shown: list[str], others: dict[str, bytes]) -> str | None:
    """A digest of one look at every record file (its path, name as shown,
    size, times and inode), of the registries' and layouts' content hashes
    in ``others``, and of govdocs' code and templates. The same fingerprint
    as an earlier run's means that no file changed since, as far as the
    index's check of each file can tell (`Index._fresh`): what that run
    found is still the answer (`Index.snapshot`). None when a file changed
    too recently for its times to tell (racily clean) or is not a plain
    file: then each file is checked."""
    import hashlib
    import stat
    import time

    from govdocs.checks import templates_stamp
    from govdocs.read.cache import code_digest
    from govdocs.read.index import RACY_NANOSECONDS

    newest = time.time_ns() - RACY_NANOSECONDS
    digest = hashlib.sha256(f"{code_digest()}\n{templates_stamp()}\n".encode())
    for path in sorted(others):
        digest.update(path.encode() + b"\0" + others[path])
    lstat, regular = os.lstat, stat.S_ISREG
    try:
        for text, name in zip(files, shown, strict=True):
            info = lstat(text)
            if not regular(info.st_mode) or info.st_mtime_ns > newest or info.st_ctime_ns > newest:
                return None
            digest.update(f"{text}\0{name}\0{info.st_size}\0{info.st_mtime_ns}\0{info.st_ctime_ns}\0"
                          f"{info.st_ino}\n".encode())
    except OSError:
        return None
    return digest.hexdigest()


def _digests_from_index(root: Path, files: list[str], others: dict[str, bytes]) -> Any:
    """The record files' content hashes as the index holds them (a
    snapshot's answer fetched no row), for a caller that asks."""
    def load(repo: Repository) -> None:
        from govdocs.errors import InputError
        from govdocs.read.index import open_index

        index = open_index(root)
        rows: dict[str, bytes] = {}
        key: Callable[[str], str] = str
        if index is not None:  # else busy or gone since: hash the files themselves
            rows, key = index.digests(), index.key
            index.close()
        found = {Path(p): d for p, d in others.items()}
        for text in files:
            digest = rows.get(key(text)) if rows else _hashed(text)
            if digest is None:
                raise InputError("the records changed while this command read them; run it again")
            found[Path(text)] = digest
        repo.digests = found

    return load


def _hashed(path: str) -> bytes | None:
    import hashlib

    try:
        with open(path, "rb") as handle:
            return hashlib.sha256(handle.read()).digest()
    except OSError:
        return None


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

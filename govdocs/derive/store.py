"""Derived tables: what a query derives from the whole repository before it
looks anything up (the responsibility timeline, the delegations, every
follow-up duty and what closed it), built once per repository state and
kept in the index (`govdocs.read.index`). A query over a repository whose
files have not changed since then reads neither the records nor the rules:
`govdocs.api.indexed` gives a repository whose records are read only if the
query touches them, and the tables come from here.

A state is the rules key (`govdocs.checks.rules_key`): every file's name
and content hash, whether the registry could be read, govdocs' code and
templates. A repository has a state only when it was read from its files
with the index on; a hand-built or changed one (`Repository.add`) has none,
and its tables are built in memory as before. Deleting the index changes
no answer, only how soon it comes.

A table is pickled (and signed, as every entry of the index). Inside it the
repository is stored as a reference to the repository asking, and each
record's source document by its file, read back lazily, so a stored table
holds only facts and places: never a file's text.
"""

from __future__ import annotations

import io
import os
import pickle
from collections.abc import Callable
from typing import Any, TypeVar

from govdocs.read.yamlsource import SourceDoc
from govdocs.repository import Repository

T = TypeVar("T")


def derived(repo: Repository, name: str, build: Callable[[Repository], T]) -> T:
    """Table ``name`` of ``repo``: made by ``build(repo)`` once per state,
    kept in memory on ``repo`` and in the index for the next command."""
    tables: dict[str, Any] = repo.__dict__.setdefault("_derived", {})
    if name in tables:
        return tables[name]
    state = repo.state
    index = _open(repo) if state else None
    if state is None or index is None:  # not read from files as they are: in memory only
        tables[name] = build(repo)
        return tables[name]
    try:
        payload = index.derived(state, name)
        value: Any = _MISSING if payload is None else _loads(payload, repo)
        if value is _MISSING:
            value = build(repo)
            payload = _dumps(value, repo)
            if payload is not None:
                index.put_derived(state, name, payload)
                index.commit()
    finally:
        index.close()
    tables[name] = value
    return value


def _open(repo: Repository) -> Any:
    from govdocs.read.index import open_index

    return open_index(repo.root)


_MISSING = object()


class _NotStorable(Exception):
    """A table holds a source document whose file is not known."""


class _Pickler(pickle.Pickler):
    """Stores the repository asking as a reference to it, and a source
    document by its file (`reducer_override`: asked only of objects that
    are not plain values, unlike ``persistent_id``, which is asked of every
    one of the million objects of a timeline)."""

    def __init__(self, file: io.BytesIO, repo: Repository):
        super().__init__(file, pickle.HIGHEST_PROTOCOL)
        self.repo = repo
        self.paths: dict[str, str] | None = None

    def reducer_override(self, obj: Any) -> Any:
        if obj is self.repo:
            return _asking, ()
        if isinstance(obj, SourceDoc):
            return _doc, (obj.file, self._path_of(obj))
        return NotImplemented

    def _path_of(self, doc: SourceDoc) -> str:
        path = getattr(doc, "_path", None)  # a LazySourceDoc knows its file
        if path is not None:
            return os.path.abspath(path)
        if self.paths is None:
            from govdocs.problems import relpaths

            files = list(self.repo.digests)
            self.paths = {shown: os.path.abspath(f) for f, shown in zip(files, relpaths(files), strict=True)}
        found = self.paths.get(doc.file)
        if found is None:
            raise _NotStorable(doc.file)
        return found


_loading: list[Repository] = []
"""The repository a table is being read for (a stack: one table at a time)."""


def _asking() -> Repository:
    if not _loading:
        raise pickle.UnpicklingError("a derived table read outside `derived`")
    return _loading[-1]


def _doc(shown: str, path: str) -> SourceDoc:
    from govdocs.read.cache import LazySourceDoc

    return LazySourceDoc(shown, path)  # one per file: the pickle's memo shares it


def _dumps(value: Any, repo: Repository) -> bytes | None:
    buffer = io.BytesIO()
    try:
        _Pickler(buffer, repo).dump(value)
    except (_NotStorable, pickle.PicklingError, TypeError, AttributeError, RecursionError):
        return None  # not kept: built again next time
    return buffer.getvalue()


def _loads(payload: bytes, repo: Repository) -> Any:
    _loading.append(repo)
    try:
        return pickle.loads(payload)  # noqa: S301 (signed with this user's key: `Index.derived`)
    except Exception:  # a class changed shape: built again
        return _MISSING
    finally:
        _loading.pop()

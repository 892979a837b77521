"""Read a records tree (registry.yaml + decisions/**.yaml) into a
`Repository`, collecting every reading and schema problem."""

from __future__ import annotations

import gc
import hashlib
import multiprocessing
import os
import pickle
import re
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter

from govdocs.checks.schema import check
from govdocs.errors import UsageError
from govdocs.model.common import _describe, visible
from govdocs.model.decision import Decision, FollowUp
from govdocs.model.meeting import Meeting
from govdocs.model.records import AnyRecord, RecordFile
from govdocs.model.registry import Registry
from govdocs.problems import Problem, did_you_mean, relpath
from govdocs.read.cache import LazySourceDoc
from govdocs.read.index import Index, open_index
from govdocs.read.layouts import LAYOUTS_DIR, SHIPPED_LAYOUTS, layout_file, load_layout
from govdocs.read.yamlsource import SourceDoc, YamlError, decode, load_file, load_text, read_raw
from govdocs.repository import REGISTRIES_DIR, Origin, Repository

_CONTROL_IN_NAME = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
REGISTRY_FILE = "registry.yaml"
RECORDS_DIR = "decisions"
_RECORD_ADAPTER: TypeAdapter[AnyRecord] = TypeAdapter(RecordFile)
_REGISTRY_ADAPTER = TypeAdapter(Registry)


class NoRegistry(UsageError):
    """No registry.yaml in the given folder or above it."""

    hint = "run govdocs inside a records repository or give -C DIR"


def find_root(path: Path) -> Path:
    """The folder holding registry.yaml: ``path`` itself or an ancestor."""
    start = Path(os.path.abspath(path))  # not resolve(): a linked record must not lead elsewhere
    if start.is_file() or start.is_symlink():
        start = start.parent
    for folder in (start, *start.parents):
        if (folder / REGISTRY_FILE).is_file():
            return folder
    raise NoRegistry(f"no {REGISTRY_FILE} in {path} or any folder above it")


def record_files(path: Path, root: Path) -> list[Path]:
    """`record_paths` as paths."""
    return [Path(p) for p in record_paths(path, root)]


def record_paths(path: Path, root: Path) -> list[str]:
    """The record files to read for ``path`` (as text: making 100,000
    `Path` objects costs most of a second): one file, a folder's YAML
    files, or the whole decisions/ tree when given the root. Sorted, so
    every run reads (and reports) in the same order. Symbolic links are
    never followed: a link (to a file or a folder, inside the tree or on
    the way to ``path``) is listed itself, so that reading refuses it with
    a located message instead of silently skipping or following it."""
    base = root / RECORDS_DIR if Path(os.path.abspath(path)) == root else path
    linked = _linked_step(base, root)
    if linked is not None:
        return [os.fspath(linked)]
    if path.is_file():
        return [os.fspath(path)]
    if not base.is_dir():
        return []
    found: list[str] = []
    folders = [os.fspath(base)]
    while folders:  # os.scandir: the entry types come with the listing, no stat per file
        try:
            entries = list(os.scandir(folders.pop()))
        except OSError:
            continue
        for entry in entries:
            if entry.is_symlink():
                if entry.is_dir() or entry.name.endswith((".yaml", ".yml")):
                    found.append(entry.path)
            elif entry.is_dir(follow_symlinks=False):
                folders.append(entry.path)
            elif entry.name.endswith((".yaml", ".yml")) and entry.is_file(follow_symlinks=False):
                found.append(entry.path)
    # sorted by path steps (as Path.parts would, without making a Path per file twice)
    # (NUL sorts below every character a name may hold: the same order, five times faster)
    return sorted(found, key=lambda p: p.replace(os.sep, "\0"))


def _linked_step(path: Path, root: Path) -> Path | None:
    """The first symbolic link on the way from ``root`` down to ``path``
    (``path`` itself included); None when there is none or ``path`` does
    not lie under ``root`` (the folder given is then the user's choice)."""
    absolute = Path(os.path.abspath(path))
    try:
        steps = absolute.relative_to(os.path.abspath(root)).parts
    except ValueError:
        return None
    here = Path(os.path.abspath(root))
    for step in steps:
        here = here / step
        if here.is_symlink():
            return here
    return None


def read_doc(path: Path, raw: bytes | None = None) -> tuple[SourceDoc | None, list[Problem]]:
    """One file's text with positions (from ``raw`` when its bytes are
    already read), or the problem that stops reading it."""
    shown = relpath(path)
    if _CONTROL_IN_NAME.search(shown):
        # a name with a line break would print as two lines: a forged '::error' annotation in a CI log
        message = "the file name contains a control character (such as a line break); rename the file"
        return None, [Problem(visible(shown), None, message, code="bad-file-name")]
    try:
        return (load_file(path, shown) if raw is None else load_text(decode(raw), shown)), []
    except YamlError as exc:
        return None, [Problem(shown, exc.span, exc.message, code=exc.code)]


def load_registry(root: Path) -> tuple[Registry | None, SourceDoc | None, list[Problem]]:
    return load_registry_file(root / REGISTRY_FILE)


def load_registry_file(
    path: Path, raw: bytes | None = None
) -> tuple[Registry | None, SourceDoc | None, list[Problem]]:
    doc, problems = read_doc(path, raw)
    if doc is None:
        return None, None, problems
    checked = check(doc, _REGISTRY_ADAPTER, Registry)
    return checked[0], doc, checked[1]


def load_record(
    path: Path, raw: bytes | None = None
) -> tuple[AnyRecord | None, SourceDoc | None, list[Problem]]:
    doc, problems = read_doc(path, raw)
    if doc is None:
        return None, None, problems
    if not isinstance(doc.data, dict):
        found = _describe(doc.data)  # "nothing (null)", not Python's "None"
        return None, doc, [doc.problem((), f"a record file must be a mapping of keys, found {found}")]
    checked = check(doc, _RECORD_ADAPTER, RecordFile)
    return checked[0], doc, checked[1]


def _read_members(repo: Repository, reader: _Reader) -> None:
    """The registries of the further municipalities registry.yaml lists,
    each from ``registries/<id>.yaml``; a member cannot list members."""
    for index, member in enumerate(repo.registry.municipalities):
        path = repo.root / REGISTRIES_DIR / f"{member}.yaml"
        if not path.is_file() or path.is_symlink():
            shown = f"{REGISTRIES_DIR}/{member}.yaml"
            repo.problems.append(Origin(repo.registry_doc, ("municipalities", index)).problem(
                f"municipality '{member}' has no registry: {shown} is missing (or not a regular file)",
                code="missing-registry"))
            continue
        registry, doc, problems = reader.one(path, load_registry_file)
        repo.problems.extend(problems)
        if registry is None or doc is None:
            repo.registry_ok = False
            continue
        if registry.municipalities:
            repo.problems.append(Origin(doc, ("municipalities",)).problem(
                "only registry.yaml lists further municipalities; a member's registry cannot",
                key=True, code="nested-municipalities"))
        repo.members.append((registry, doc))


def read_layouts(repo: Repository, digests: dict[Path, bytes] | None = None) -> None:
    """The layout profile each municipality names (its own or a shipped one);
    each profile file's content hash into ``digests`` (the rules' key)."""
    for registry, doc in repo.registries:
        if registry.municipality is None:  # an unreadable registry.yaml, reported already
            continue
        name = registry.municipality.layout
        if name in repo.layouts:
            continue
        path = layout_file(repo.root, name)
        if path is None:
            folders = (repo.root / LAYOUTS_DIR, SHIPPED_LAYOUTS)
            have = sorted({p.stem for folder in folders for p in folder.glob("*.yaml")})
            repo.problems.append(Origin(doc, ("municipality", "layout")).problem(
                f"no layout profile '{name}': neither {LAYOUTS_DIR}/{name}.yaml nor a shipped one "
                f"(profiles: {', '.join(have)}){did_you_mean(name, have)}",
                code="unknown-layout"))
            continue
        layout, problems = load_layout(path)
        if digests is not None:
            try:
                digests[path] = hashlib.sha256(path.read_bytes()).digest()
            except OSError:
                pass  # load_layout said why
        repo.problems.extend(problems)
        if layout is not None:
            repo.layouts[name] = layout


Loaded = tuple[Any, SourceDoc | None, list[Problem]]
Load = Callable[[Path, bytes | None], Loaded]


@dataclass
class _Read:
    """One file read by `_read_one`: its result, and what the index needs
    to record it (its content hash and status as read; None when it could
    not be read)."""

    result: Any
    """(record, doc, problems); in a worker, doc is only whether there was one."""
    digest: bytes | None = None
    before: os.stat_result | None = None
    read_ns: int = 0
    pickled: tuple[bytes, bytes] | None = None
    """The record and its problems as a worker pickled them to send them
    back: the index stores these very bytes instead of pickling again."""


def _read_one(load: Load, path: Path) -> _Read:
    """Read ``path``'s bytes once and parse those very bytes, so what the
    index records is the result of the content it hashes."""
    read_ns = time.time_ns()
    try:
        raw, before = read_raw(path)
    except YamlError:
        return _Read(load(path, None))  # the reader says why, located
    return _Read(load(path, raw), hashlib.sha256(raw).digest(), before, read_ns)


class _Reader:
    """Reads files through the index: a file still valid there is not read,
    the others are read (by workers for a large repository) and recorded."""

    def __init__(self, index: Index | None):
        self.index = index
        self.digests: dict[Path, bytes] = {}
        """Every file's content hash, for the rules' key."""

    def one(self, path: Path, load: Load) -> Loaded:
        return next(self.many([path], load, 1))[1]

    def many(self, files: list[Path], load: Load, jobs: int | None) -> Iterator[tuple[Path, Loaded]]:
        """Every file's (record, doc, problems), in order."""
        found: dict[Path, Loaded] = {}
        if self.index is not None:
            for file in files:
                shown = relpath(file)
                hit = self.index.get(file, shown)
                if hit is not None:
                    record, problems = hit.value
                    found[file] = (record, LazySourceDoc(shown, file), problems)
                    self.digests[file] = hit.sha256
        missing = [file for file in files if file not in found]
        fresh = _read_all(missing, load, jobs)
        for file in files:
            if file in found:
                yield file, found[file]
                continue
            path, read = next(fresh)
            assert path == file
            record, doc, problems = read.result
            if read.digest is not None:
                self.digests[file] = read.digest
                if self.index is not None and doc is not None and read.before is not None:
                    shown = relpath(file)
                    self.index.put(file, shown, read.before, read.read_ns, read.digest, record, problems,
                                   read.pickled)
            yield file, read.result


def read_repository(path: Path | str = ".", *, jobs: int | None = None) -> Repository:
    """Read and schema-check everything under ``path``; problems are
    collected in ``repo.problems`` (cross-record rules run separately).
    Files unchanged since the index recorded them are not read again
    (`govdocs.read.index`); large repositories are read by ``jobs``
    processes (default: one per core from `PARALLEL_FROM` files on); the
    result is the same."""
    path = Path(path)
    root = find_root(path)
    index = open_index(root)
    try:
        reader = _Reader(index)
        registry, registry_doc, problems = reader.one(root / REGISTRY_FILE, load_registry_file)
        repo = Repository(
            root=root,
            registry=registry or _empty_registry(),
            registry_doc=registry_doc or SourceDoc(relpath(root / REGISTRY_FILE), {}, ""),
            problems=list(problems),
        )
        repo.registry_ok = registry is not None
        _read_members(repo, reader)
        read_layouts(repo, reader.digests)
        files = record_files(path, root)
        with collector_paused():
            for file, (record, doc, problems) in reader.many(files, load_record, jobs):
                repo.files_read += 1
                repo.problems.extend(problems)
                if record is not None and doc is not None:
                    _register(repo, record, doc, file)
        repo.digests = reader.digests
        if index is not None:
            whole = Path(os.path.abspath(path)) == root
            index.commit(present={index.key(f) for f in reader.digests} if whole else None)
    finally:
        if index is not None:
            index.close()
    return repo


PARALLEL_FROM = 400
"""Below this many files one process is faster than starting workers."""

_worker_load: Load | None = None


def _read_all(files: list[Path], load: Load, jobs: int | None) -> Iterator[tuple[Path, _Read]]:
    """Every file read, in order. Workers send back the record, its
    problems and its hash; positions are read again from the file when a
    message needs them (as for indexed records)."""
    workers = jobs if jobs is not None else (os.cpu_count() or 1) if len(files) >= PARALLEL_FROM else 1
    if workers <= 1 or multiprocessing.current_process().daemon:  # a pool's worker cannot fork
        for file in files:
            yield file, _read_one(load, file)
        return
    context = multiprocessing.get_context("fork")
    with context.Pool(workers, initializer=_start_worker, initargs=(load,)) as pool:
        for file, read in zip(files, pool.imap(_load_in_worker, files, chunksize=64), strict=True):
            _, has_doc, _ = read.result
            assert read.pickled is not None
            record, problems = (pickle.loads(part) for part in read.pickled)  # noqa: S301 (our worker's)
            doc = LazySourceDoc(relpath(file), file) if has_doc else None
            yield file, _Read((record, doc, problems), read.digest, read.before, read.read_ns, read.pickled)


def _start_worker(load: Load) -> None:
    global _worker_load
    _worker_load = load
    gc.disable()  # as in the parent: the worker's objects live until it ends


def _load_in_worker(file: Path) -> _Read:
    assert _worker_load is not None
    read = _read_one(_worker_load, file)
    record, doc, problems = read.result
    read.result = (None, doc is not None, None)  # positions stay behind: read again when needed
    read.pickled = (pickle.dumps(record, pickle.HIGHEST_PROTOCOL),
                    pickle.dumps(problems, pickle.HIGHEST_PROTOCOL))
    return read


@contextmanager
def collector_paused() -> Iterator[None]:
    """Reading makes millions of small objects that all stay alive; the
    cyclic garbage collector would rescan them again and again (half the
    reading time of 10,000 records). Nothing read forms cycles worth
    collecting, so what exists when the outermost pause ends is moved out of
    the collector's reach (`gc.freeze`): neither the next full collection
    nor the one at the interpreter's exit rescans it (a second each at
    10,000 records). Objects frozen are still freed when no longer used;
    only cycles among them would outlive their use."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.freeze()
            gc.enable()


def _empty_registry() -> Registry:
    return Registry.model_construct(
        municipality=None, municipalities=[], organisations=[], decision_makers=[], people=[], functions=[]
    )


def _register(repo: Repository, record: AnyRecord, doc: SourceDoc, file: Path) -> None:
    _add(repo, record.id, record, Origin(doc, ()), record.id)
    repo.files[record.id] = file
    if isinstance(record, Meeting):
        repo.meetings[record.id] = record
        return
    if isinstance(record, FollowUp):
        repo.followups[record.id] = record
        return
    repo.decisions[record.id] = record
    for field, items in _sub_records(record):
        for i, item in enumerate(items):
            _add(repo, item.id, item, Origin(doc, (field, i)), record.id)
    for i, mandate in enumerate(record.mandates):
        for j, duty in enumerate(mandate.reporting):
            if duty.id is not None:
                _add(repo, duty.id, duty, Origin(doc, ("mandates", i, "reporting", j)), record.id)
        for j, task in enumerate(mandate.tasks):
            _add(repo, task.id, task, Origin(doc, ("mandates", i, "tasks", j)), record.id)
    for i, change in enumerate(record.mandate_changes):
        if change.new_task is not None:
            _add(
                repo,
                change.new_task.id,
                change.new_task,
                Origin(doc, ("mandate_changes", i, "new_task")),
                record.id,
            )


def _sub_records(decision: Decision) -> Iterable[tuple[str, list[Any]]]:
    yield "references", decision.references
    yield "items", decision.items
    yield "motions", decision.motions
    yield "votes", decision.votes
    yield "mandates", decision.mandates
    yield "mandate_changes", decision.mandate_changes
    yield "transfers", decision.transfers
    yield "obligations", decision.obligations
    yield "initiatives", decision.initiatives


def _add(repo: Repository, rid: str, record: object, origin: Origin, owner: str) -> None:
    if rid in repo.records:
        first = repo.origins[rid]
        repo.problems.append(
            origin.problem(
                f"duplicate id '{rid}'; it is already used at {first.where('id')}",
                "id",
                code="duplicate-id",
                related=(first.where("id"),),
            )
        )
        return
    repo.add(rid, record, origin, owner)

"""`build`: validate → plan → reuse or restore → render → record → remove
→ manifest.

The stage order lives in `build` alone; each step is a small function.
The record files are hashed before they are read and again after
rendering, so the cache never keeps bytes made from a file that changed
in between (see `writer`)."""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from govdocs.build import atomic, noop
from govdocs.build.atomic import output_lock
from govdocs.build.manifest import MANIFEST, Manifest, read_manifest
from govdocs.build.plan import FORMATS, Shard, code_digest, plan, snapshot, template_digest
from govdocs.build.progress import Progress, quiet
from govdocs.build.renderers import Report
from govdocs.build.store import LocalStore, Store, open_store
from govdocs.build.workers import RenderFn, Settings, render_job, run_jobs
from govdocs.build.writer import OutputWriter
from govdocs.problems import Problem, RecordsInvalid, relpath
from govdocs.read.loader import REGISTRY_FILE
from govdocs.repository import REGISTRIES_DIR, Repository

if TYPE_CHECKING:
    from govdocs.build.remote import CacheUrl
    from govdocs.model.decision import Decision
    from govdocs.model.meeting import Meeting


@dataclass
class BuildResult:
    """What a build did, output paths relative to ``out``."""

    out: Path
    manifest: Manifest
    built: list[str] = field(default_factory=list)
    restored: list[str] = field(default_factory=list)
    """Copied from the output cache instead of rendered."""
    reused: list[str] = field(default_factory=list)
    """Already in place from the previous build."""
    remote: RemoteCounts | None = None
    """What the remote cache gave and took, when one was used."""
    removed: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    """Validation warnings, then what rendering found (completeness gaps),
    then what the build itself found (an unusable cache, a record edited
    while the build ran)."""
    problems: list[Problem] = field(default_factory=list)
    """Every validation problem (warnings only: errors stop the build)."""
    sources: list[str] = field(default_factory=list)
    """The record files read, as named in messages."""
    seconds: float = 0.0

    def summary(self) -> str:
        """One line for the end of the log."""
        remote = f"remote cache: {self.remote}, " if self.remote else ""
        return (
            f"built {len(self.built)}, reused {len(self.reused) + len(self.restored)} "
            f"({len(self.restored)} from cache), removed {len(self.removed)}, {remote}"
            f"{len(self.warnings)} warning(s), {self.seconds:.1f} s"
        )


@dataclass
class RemoteCounts:
    """The remote cache's share of a build."""

    fetched: int = 0
    """Verified blobs copied from it into the local store."""
    uploaded: int = 0
    """Blobs and action entries stored in it (only with ``cache_write``)."""

    def __str__(self) -> str:
        return f"{self.fetched} fetched, {self.uploaded} uploaded"


def build(
    path: Path | str = ".",
    out: Path | str = "out",
    *,
    formats: Iterable[str] = FORMATS,
    public: bool = False,
    jobs: int | None = None,
    shard: Shard | None = None,
    cache_dir: Path | None = None,
    strict: bool = False,
    draft: bool = False,
    as_of: date | None = None,
    reports: bool = True,
    progress: Progress = quiet,
    render: RenderFn = render_job,
    lock_wait: float | None = None,
    cache_url: str | None = None,
    cache_endpoint: str | None = None,
    cache_write: bool = False,
    lang: str | None = None,
) -> BuildResult:
    """Build every document of the records under ``path`` into ``out``.

    Raises `RecordsInvalid` (having written nothing) when a record has an
    error, a placeholder (unless ``draft``) or, for the ``public`` copies,
    unmarked personal data. Outputs whose key is unchanged and whose bytes are intact are
    left alone, outputs made before are restored from the cache (default:
    the user's cache folder, see `default_cache_dir`) after checking their
    SHA-256, the rest are rendered by ``jobs`` processes (default: one per
    core). With ``reports``, also the follow-up report (as of ``as_of``,
    default today) and an audit per organisation. Holds a lock on ``out``
    meanwhile; raises `OutputBusy` after ``lock_wait`` seconds of waiting
    for another build to release it (default `atomic.LOCK_WAIT`).

    ``cache_url`` (s3://BUCKET/PREFIX or http(s)://HOST/PREFIX, see
    `govdocs.build.remote`) adds a shared remote cache behind the local
    one, S3 at ``cache_endpoint`` when given; it is only read unless
    ``cache_write``. A bad URL raises `CacheUrlError` before anything is
    done; a cache that fails later is one warning.

    ``lang`` builds every document in that language (a decision's Swedish
    version for ``sv``): `RecordsInvalid`, nothing written, when any
    record lacks a text in it."""
    started = time.perf_counter()
    remote = _remote_settings(cache_url, cache_endpoint)
    settings = Settings(public, as_of or date.today(), tuple(sorted(set(formats))), lang)
    asked = {"formats": settings.formats, "public": public, "shard": str(shard) if shard else None,
             "lang": lang, "reports": reports, "strict": strict, "draft": draft,
             "as_of": settings.as_of.isoformat()}
    wait = atomic.LOCK_WAIT if lock_wait is None else lock_wait
    again = _again(Path(path), Path(out), asked, wait)
    if again is not None:
        again.remote = RemoteCounts() if remote else None
        again.seconds = time.perf_counter() - started
        return again
    before, code = snapshot(_input_files(Path(path))), _code_and_templates()
    repo = validated(path, strict, draft=draft, public=public, lang=lang)
    todo = plan(repo, formats, public=public, shard=shard, reports=_reports(repo, reports),
                as_of=settings.as_of, digests=before, lang=lang)
    manifest = Manifest(sorted(set(formats)), public, str(shard) if shard else None, lang=lang)
    result = BuildResult(Path(out), manifest, problems=list(repo.problems))
    result.warnings = [p.format() for p in repo.problems]
    result.sources = sorted(relpath(file) for file in repo.files.values())
    read_manifest(result.out)  # a broken one stops the build before anything is made; read again locked
    with output_lock(result.out, wait):
        noop.forget(result.out)
        local = open_store(cache_dir or default_cache_dir(), repo.root, result.warnings.append)
        store = _with_remote(local, remote, cache_write, result)
        writer = OutputWriter(result.out, store, local.tmp if isinstance(local, LocalStore) else None)
        try:
            missing = writer.settle(todo, result)
            progress.start(len(missing))
            by_id = {job.id: job for job in missing}
            for rendered in run_jobs(repo, missing, settings, workers=_workers(jobs), render=render):
                writer.store_rendered(by_id[rendered.job_id], rendered, result)
                progress.advance(rendered.job_id)
            progress.finish()
            _record(writer, repo.root, before, code, result)
            writer.remove_stale(result)
            writer.write_manifest(manifest)
            _remember(Path(path), result, repo.state, asked, code)
        finally:
            writer.close()
            store.close()
            _count_remote(store, result)
    result.seconds = time.perf_counter() - started
    return result


def _again(path: Path, out: Path, asked: dict[str, object], wait: float) -> BuildResult | None:
    """The last build in ``out`` once more, when the records are those it
    read, it was asked the same and its outputs are intact (`noop`)."""
    from govdocs.api import known_state
    from govdocs.build.writer import intact

    if not (out / MANIFEST).exists():  # a first build: nothing to recall (and no folder made for it)
        return None
    state = known_state(path)
    if state is None:
        return None
    key = noop.build_key(state, asked, _code_and_templates())
    with output_lock(out, wait):
        found = noop.recall(out, key, lambda name, entry: intact(out, name, entry))
    if found is None:
        return None
    manifest, report = found
    return BuildResult(out, manifest, reused=sorted(manifest.outputs), warnings=list(report["warnings"]),
                       problems=list(report["problems"]), sources=list(report["sources"]))


def _remember(
    path: Path, result: BuildResult, state: str | None, asked: dict[str, object], code: tuple[str, ...]
) -> None:
    """Keep this build for `_again`, when no input changed while it ran:
    the records' state now is the one it read, and so is the code."""
    from govdocs.api import known_state

    if state is None or code != _code_and_templates() or known_state(path) != state:
        return
    report = {"warnings": result.warnings, "problems": result.problems, "sources": result.sources}
    noop.remember(result.out, noop.build_key(state, asked, code), report)


def _record(
    writer: OutputWriter, root: Path, before: dict[Path, str], code: tuple[str, ...], result: BuildResult
) -> None:
    """Hash the inputs again, now that rendering is over: outputs made from
    what changed meanwhile are not cached."""
    if not writer.made:
        return
    changed = {path for path, digest in snapshot(before).items() if digest != before[path]}
    shared = any(_is_registry(path, root) for path in changed) or _code_and_templates() != code
    writer.record(changed, shared, result)


def _remote_settings(url: str | None, endpoint: str | None) -> tuple[CacheUrl, str | None, float] | None:
    if not url:
        return None
    from govdocs.build.remote import cache_timeout, parse_cache_url

    return parse_cache_url(url, endpoint or None), endpoint or None, cache_timeout()


def _with_remote(
    local: Store, remote: tuple[CacheUrl, str | None, float] | None, write: bool, result: BuildResult
) -> Store:
    """``local``, with the remote cache behind it when one is set and can
    be opened (else one warning, and ``local`` alone)."""
    if remote is None:
        return local
    from govdocs.build.remote import RemoteFailure, RemoteStore, open_remote

    url, endpoint, timeout = remote
    result.remote = RemoteCounts()
    try:
        backend = open_remote(url, endpoint, timeout)
    except RemoteFailure as exc:
        result.warnings.append(f"{url}: warning: remote cache unusable ({exc.reason}); building without it")
        return local
    notice = getattr(backend, "notice", None)
    if notice:
        result.warnings.append(notice)
    return RemoteStore(local, backend, write=write, warn=result.warnings.append)


def _count_remote(store: Store, result: BuildResult) -> None:
    from govdocs.build.remote import RemoteStore

    if isinstance(store, RemoteStore) and result.remote is not None:
        result.remote.fetched, result.remote.uploaded = store.fetched, store.uploaded


def default_cache_dir() -> Path:
    """The output cache's default folder: ``outputs`` in the user's govdocs
    cache (``$XDG_CACHE_HOME/govdocs``, else ``~/.cache/govdocs``), never
    in the records repository, whose files anyone proposing a change writes."""
    from govdocs.read.cache import user_cache_dir

    return user_cache_dir() / "outputs"


def _input_files(path: Path) -> list[Path]:
    """The files the build will read, so they can be hashed before."""
    from govdocs.read.loader import NoRegistry, find_root, record_files

    try:
        root = find_root(path)
    except NoRegistry:
        return []  # validation says so, located
    members = sorted((root / REGISTRIES_DIR).glob("*.yaml"))  # all of them: hashing a spare one is harmless
    return [root / REGISTRY_FILE, *members, *record_files(path, root)]


def _is_registry(path: Path, root: Path) -> bool:
    return path == root / REGISTRY_FILE or path.parent == root / REGISTRIES_DIR


def _code_and_templates() -> tuple[str, ...]:
    return (code_digest(), *(template_digest(fmt) for fmt in FORMATS))


def validated(
    path: Path | str, strict: bool, *, draft: bool, public: bool, lang: str | None = None
) -> Repository:
    from govdocs.api import validate
    from govdocs.checks.placeholders import final
    from govdocs.document.decision import language_problems
    from govdocs.document.personal import public_copy_problems

    repo = validate(path, strict=strict, draft=draft)  # rules' problems from the index when unchanged
    repo.problems = final(repo.problems, draft=draft)
    if public and not repo.errors:
        for decision in repo.decisions.values():
            repo.problems += public_copy_problems(repo, decision, lang=lang)
    if lang is not None and not repo.errors:
        records: list[Decision | Meeting] = [*repo.decisions.values(), *repo.meetings.values()]
        found = {p.format(): p for record in records for p in language_problems(repo, record, lang)}
        repo.problems += found.values()
    if repo.errors:
        raise RecordsInvalid(repo.problems)
    return repo


def _reports(repo: Repository, wanted: bool) -> list[Report]:
    from govdocs.build.renderers import available_reports

    return available_reports(repo) if wanted else []


def _workers(jobs: int | None) -> int:
    import os

    return max(1, jobs if jobs is not None else (os.cpu_count() or 1))


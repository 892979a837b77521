"""`build`: validate → plan → reuse or restore → render → remove → manifest.

The stage order lives in `build` alone; each step is a small function."""

from __future__ import annotations

import hashlib
import time
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from govdocs.build.atomic import clear_temp, temp_dir_for
from govdocs.build.cache import CACHE_DIR_NAME, OutputCache
from govdocs.build.manifest import Entry, Manifest, read_manifest
from govdocs.build.plan import FORMATS, Job, Output, Shard, plan
from govdocs.build.progress import Progress, quiet
from govdocs.build.renderers import Report
from govdocs.build.workers import Rendered, RenderFn, Settings, render_job, run_jobs
from govdocs.problems import Problem, RecordsInvalid, relpath
from govdocs.repository import Repository
from govdocs.safepath import UnsafePath, atomic_write, is_inside, safe_join


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
    removed: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    """Validation warnings, then what rendering found (completeness gaps)."""
    problems: list[Problem] = field(default_factory=list)
    """Every validation problem (warnings only: errors stop the build)."""
    sources: list[str] = field(default_factory=list)
    """The record files read, as named in messages."""
    seconds: float = 0.0

    def summary(self) -> str:
        """One line for the end of the log."""
        return (
            f"built {len(self.built)}, reused {len(self.reused) + len(self.restored)} "
            f"({len(self.restored)} from cache), removed {len(self.removed)}, "
            f"{len(self.warnings)} warning(s), {self.seconds:.1f} s"
        )


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
) -> BuildResult:
    """Build every document of the records under ``path`` into ``out``.

    Raises `RecordsInvalid` (having written nothing) when a record has an
    error, a placeholder (unless ``draft``) or, for the ``public`` copies,
    unmarked personal data. Outputs whose key is unchanged are left alone, outputs made
    before are restored from the cache, the rest are rendered by ``jobs``
    processes (default: one per core). With ``reports``, also the follow-up
    report (as of ``as_of``, default today) and an audit per organisation."""
    started = time.perf_counter()
    repo = _validated(path, strict, draft=draft, public=public)
    settings = Settings(public, as_of or date.today(), tuple(sorted(set(formats))))
    todo = plan(
        repo, formats, public=public, shard=shard, reports=_reports(repo, reports), as_of=settings.as_of
    )
    writer = _Writer(Path(out), OutputCache(cache_dir or _default_cache(repo.root)))
    manifest = Manifest(sorted(set(formats)), public, str(shard) if shard else None)
    result = BuildResult(writer.out, manifest, problems=list(repo.problems))
    result.warnings = [p.format() for p in repo.problems]
    result.sources = sorted(relpath(file) for file in repo.files.values())
    missing = writer.settle(todo, result)
    progress.start(len(missing))
    by_id = {job.id: job for job in missing}
    for rendered in run_jobs(repo, missing, settings, workers=_workers(jobs), render=render):
        writer.store(by_id[rendered.job_id], rendered, result)
        progress.advance(rendered.job_id)
    progress.finish()
    writer.remove_stale(result)
    manifest.write(writer.out, writer.tmp)
    result.seconds = time.perf_counter() - started
    return result


def _validated(path: Path | str, strict: bool, *, draft: bool, public: bool) -> Repository:
    from govdocs.build.validation import validate_cached
    from govdocs.checks.placeholders import final
    from govdocs.document.personal import public_copy_problems

    repo = validate_cached(path, strict=strict, draft=draft)
    repo.problems = final(repo.problems, draft=draft)
    if public and not repo.errors:
        for decision in repo.decisions.values():
            repo.problems += public_copy_problems(repo, decision)
    if repo.errors:
        raise RecordsInvalid(repo.problems)
    return repo


def _default_cache(root: Path) -> Path:
    # Records arrive through pull requests: a '.govdocs-cache' symlink in
    # them must not make the build write wherever it points.
    folder = root / CACHE_DIR_NAME
    if folder.is_symlink() or not is_inside(folder, root):
        raise UnsafePath(f"{folder} is a symbolic link; remove it or give --cache-dir")
    return folder


def _reports(repo: Repository, wanted: bool) -> list[Report]:
    from govdocs.build.renderers import available_reports

    return available_reports(repo) if wanted else []


def _workers(jobs: int | None) -> int:
    import os

    return max(1, jobs if jobs is not None else (os.cpu_count() or 1))


class _Writer:
    """Puts outputs in place: reused, restored from the cache, or freshly
    rendered, every file written atomically; records them in the manifest."""

    def __init__(self, out: Path, cache: OutputCache):
        self.out = out
        self.cache = cache.open()
        self.previous = read_manifest(out)
        self.tmp = temp_dir_for(out, cache.tmp)
        clear_temp(out)

    def settle(self, jobs: list[Job], result: BuildResult) -> list[Job]:
        """Reuse or restore every output it can; the jobs (narrowed to the
        formats still missing) that must be rendered."""
        missing = []
        for job in jobs:
            left = tuple(o for o in job.outputs if not self._settle(job, o, result))
            if left:
                missing.append(replace(job, outputs=left))
        return missing

    def _settle(self, job: Job, output: Output, result: BuildResult) -> bool:
        before = self.previous.outputs.get(output.path) if self.previous else None
        if before and before.key == output.key and self._intact(output.path, before):
            result.manifest.outputs[output.path] = before
            result.reused.append(output.path)
            return True
        data = self.cache.get(output.key)
        if data is None:
            return False
        self._put(job, output, data, result)
        result.restored.append(output.path)
        return True

    def _intact(self, name: str, entry: Entry) -> bool:
        # The size is checked, not the hash: re-reading every output would
        # cost more than the whole no-op build. Outputs are written only by
        # builds, atomically, so a same-size file with other bytes means
        # someone edited an output by hand.
        try:
            return (self.out / name).stat().st_size == entry.bytes
        except FileNotFoundError:
            return False

    def store(self, job: Job, rendered: Rendered, result: BuildResult) -> None:
        """Cache and place the freshly rendered files of one job."""
        # the completeness warnings of rendering repeat validation's
        result.warnings.extend(w for w in rendered.warnings if w not in result.warnings)
        for output in job.outputs:
            data = rendered.files[output.format]
            self.cache.put(output.key, data)
            self._put(job, output, data, result)
            result.built.append(output.path)

    def _put(self, job: Job, output: Output, data: bytes, result: BuildResult) -> None:
        atomic_write(safe_join(self.out, output.path), data, tmp_dir=self.tmp, sync=False)
        digest = hashlib.sha256(data).hexdigest()
        entry = Entry(job.id, job.source, output.format, output.key, digest, len(data))
        result.manifest.outputs[output.path] = entry

    def remove_stale(self, result: BuildResult) -> None:
        """Delete outputs of the previous build that this one no longer
        makes (source gone, format dropped). Only files the manifest lists
        are touched, never anything else in the folder."""
        if self.previous is None:
            return
        for name in sorted(set(self.previous.outputs) - set(result.manifest.outputs)):
            safe_join(self.out, name).unlink(missing_ok=True)  # a crafted manifest cannot reach out
            result.removed.append(name)
        reports = self.out / "reports"
        if reports.is_dir() and not any(reports.iterdir()):
            reports.rmdir()

"""Rendering in a pool of processes that stay warm.

Each worker imports WeasyPrint, loads the fonts and parses the CSS once (in
its initializer) and then renders many decisions; the parent only writes
files. Workers are forked, so they share the already-loaded repository
instead of reading or unpickling it again.

The seam to the renderer is one function: repository, source id, formats,
public → {format: bytes} plus warnings.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from datetime import date

from govdocs.build.plan import Job
from govdocs.repository import Repository


@dataclass
class Rendered:
    """What a worker sends back for one job."""

    job_id: str
    files: dict[str, bytes]
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Settings:
    """What every job of one build shares."""

    public: bool
    as_of: date
    """The day the reports describe."""
    formats: tuple[str, ...] = ()
    """The formats to render (the workers load only what these need)."""
    lang: str | None = None
    """The documents' language (None: each record's own)."""


RenderFn = Callable[[Repository, Job, Settings], Rendered]

_STATE: dict[str, object] = {}


def render_job(repo: Repository, job: Job, settings: Settings) -> Rendered:
    """Render every format of one job with the real renderers."""
    from govdocs.build import renderers

    files, warnings = renderers.render(
        repo, job.kind, job.id, job.formats, settings.public, settings.as_of, subject=job.subject or None,
        lang=settings.lang,
    )
    return Rendered(job.id, files, warnings)


def _init_worker(repo: Repository, settings: Settings, render: RenderFn, parent: int | None) -> None:
    from govdocs.build import renderers

    _STATE.update(repo=repo, settings=settings, render=render)
    renderers.warm_up(settings.formats)
    if parent is not None:
        threading.Thread(target=_exit_with_parent, args=(parent,), daemon=True).start()


def _exit_with_parent(parent: int) -> None:
    # A parent killed with SIGKILL cannot stop its pool; without this the
    # workers would wait for work forever.
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


def _run_one(job: Job) -> Rendered:
    render: RenderFn = _STATE["render"]  # type: ignore[assignment]
    return render(_STATE["repo"], job, _STATE["settings"])  # type: ignore[arg-type]


def run_jobs(
    repo: Repository, jobs: list[Job], settings: Settings, *, workers: int, render: RenderFn = render_job
) -> Iterator[Rendered]:
    """Render ``jobs``, yielding each result as soon as it is ready (in
    completion order: the caller must not depend on it)."""
    if not jobs:
        return  # a no-op build never loads WeasyPrint
    if workers <= 1 or len(jobs) <= 1:
        yield from (render(repo, job, settings) for job in jobs)
        return
    context = multiprocessing.get_context("fork")
    initargs = (repo, settings, render, os.getpid())
    # Forked workers share the repository's memory until they write to it;
    # the collector would write to every object it scans (and so copy every
    # page), so the objects that exist now are moved out of its reach.
    gc.freeze()
    try:
        pool = ProcessPoolExecutor(workers, mp_context=context, initializer=_init_worker, initargs=initargs)
        with pool:
            yield from _bounded(pool, jobs, limit=workers * 4)
    finally:
        gc.unfreeze()


def _bounded(pool: ProcessPoolExecutor, jobs: Iterable[Job], limit: int) -> Iterator[Rendered]:
    # Keep only a few jobs in flight, so rendered bytes never pile up in
    # memory when the parent writes more slowly than the workers render.
    pending: set[Future[Rendered]] = set()
    for job in jobs:
        pending.add(pool.submit(_run_one, job))
        if len(pending) >= limit:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            yield from (future.result() for future in done)
    for future in pending:
        yield future.result()

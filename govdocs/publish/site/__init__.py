"""The public website: a static folder of pages, feeds and a search index,
made from the public copies only, incrementally like a build.

    validate (nothing written on an error) → the documents: a `govdocs build`
    of the public copies into ``asiakirjat/`` (PDF by default) → every page
    (`pages.pages`) with its key → render the pages whose key changed or
    whose file is not intact → the search index (`search`) when any indexed
    page changed → remove what the site no longer has → ``site-manifest.json``

A page's key is a SHA-256 over what it shows: the bytes of the records it
reads (`pages.Page.reads`, and the decisions they cite), the registry,
govdocs' code and templates, and, for web copies, the personal data they
still show on the day (`govdocs.publish.lifecycle`), so a page is made
again the day a name must go. Nothing changed: nothing is rendered and no
file is written.

Example::

    result = build_site("records", "public", as_of=date(2025, 12, 9))
    result.made        # ['index.html', 'paatokset/kv-2025-248.html', ...]
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from govdocs.build import atomic
from govdocs.build.atomic import output_lock
from govdocs.build.builder import BuildResult, default_cache_dir, validated
from govdocs.build.builder import build as build_documents
from govdocs.build.plan import Hasher
from govdocs.errors import InputError
from govdocs.publish.site import paths
from govdocs.publish.site.pages import KINDS, Made, Page, Site, pages
from govdocs.publish.site.search import SearchEntry, build_index, with_terms
from govdocs.repository import Repository
from govdocs.safepath import UnsafePath, read_beneath, write_beneath

__all__ = ["SITE_MANIFEST", "SiteError", "SiteResult", "build_site"]

SITE_MANIFEST = "site-manifest.json"
"""The site's own record of its files (path → key, SHA-256): what the next
build compares with and what it may remove. Never lists the documents'
build, which keeps its own manifest in ``asiakirjat/``."""
SITE_MANIFEST_VERSION = 1
STATIC = ("site.css", "haku.js")
"""Files copied as they are from templates/site/."""


class SiteError(InputError):
    """A site folder that cannot be built into (a broken manifest)."""


@dataclass
class SiteResult:
    """What one site build did."""

    out: Path
    files: int = 0
    """Files the site holds (its pages, feeds, index, static files)."""
    made: list[str] = field(default_factory=list)
    """Files written, in path order."""
    rendered: int = 0
    """Pages rendered (written or found unchanged)."""
    removed: list[str] = field(default_factory=list)
    index_built: bool = False
    documents: BuildResult | None = None
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def summary(self) -> str:
        """One line for the command line."""
        index = "search index rebuilt" if self.index_built else "search index unchanged"
        return (
            f"site: {self.files} file(s) in {self.out}: {len(self.made)} written, "
            f"{len(self.removed)} removed, {index} ({self.seconds:.1f} s)"
        )


def build_site(
    path: Path | str = ".",
    out: Path | str = "site",
    *,
    as_of: date | None = None,
    documents: Iterable[str] = ("pdf",),
    jobs: int | None = None,
    cache_dir: Path | None = None,
    lock_wait: float | None = None,
    cache_url: str | None = None,
    cache_endpoint: str | None = None,
    cache_write: bool = False,
) -> SiteResult:
    """Build the public site of the records under ``path`` into ``out`` as
    it must be on ``as_of`` (default today). ``documents``: the formats of
    the public copies built into ``asiakirjat/`` and linked from the pages
    (none: no documents). Raises `RecordsInvalid`, having written nothing,
    when a record has an error. ``cache_url`` (and ``cache_endpoint``,
    ``cache_write``) put the shared remote cache behind the documents'
    build, as for `govdocs build`."""
    started = time.perf_counter()
    day = as_of or date.today()
    out = Path(out)
    formats = tuple(sorted(set(documents)))
    if cache_url:  # a bad URL is refused before anything is read or made
        from govdocs.build.remote import parse_cache_url

        parse_cache_url(cache_url, cache_endpoint)
    repo = validated(path, False, draft=False, public=True)
    result = SiteResult(out, warnings=[p.format() for p in repo.problems])
    old = _read_manifest(out)
    cache = (cache_dir or default_cache_dir()) / "site-entries"
    with output_lock(out, atomic.LOCK_WAIT if lock_wait is None else lock_wait):
        if formats:
            result.documents = build_documents(
                path,
                out / paths.DOCUMENTS,
                formats=formats,
                public=True,
                as_of=day,
                reports=False,
                jobs=jobs,
                cache_dir=cache_dir,
                cache_url=cache_url,
                cache_endpoint=cache_endpoint,
                cache_write=cache_write,
            )
            built = {Path(name).name for name in result.documents.manifest.outputs}
        else:
            built = set()
        site = Site(repo, day, built)
        files = _Files(out, old)
        keys = _Keys(repo, day)
        every = [(page, keys.page(page, site)) for page in pages(site)]
        entries: dict[str, tuple[str, SearchEntry]] = {}
        todo = []
        for page, key in every:
            if not files.intact(page.path, key):
                todo.append((page, key))
            elif page.kind in _INDEXED:
                entry = _cached_entry(cache, key)
                if entry is None:
                    todo.append((page, key))  # rendered for its entry; the file is intact and stays
                else:
                    entries[page.path] = (key, entry)
        for (page, key), made in zip(todo, _render(site, [page for page, _ in todo], jobs), strict=True):
            result.rendered += 1
            if not files.intact(page.path, key):
                files.put(page.path, key, made.data)
            if made.entry is not None:
                _store_entry(cache, key, made.entry)
                entries[page.path] = (key, made.entry)
        indexed = [entries[path] for path in sorted(entries)]
        for name in STATIC:
            data = _static(name)
            files.put(name, hashlib.sha256(data).hexdigest(), data, if_changed=True)
        index_key = keys.index(indexed)
        if not all(files.intact(p, index_key) for p in files.under(old, "pagefind/")) or not files.under(
            old, "pagefind/"
        ):
            bundle = build_index([entry for _, entry in indexed])
            result.index_built = True
            for name, data in sorted(bundle.items()):
                files.put(name, index_key, data, same_bytes=True)
        else:
            files.keep_under(old, "pagefind/")
        result.removed = files.remove_stale()
        files.write_manifest()
    result.made = sorted(files.made)
    result.files = len(files.now)
    result.seconds = time.perf_counter() - started
    return result


_INDEXED = frozenset({"decision", "meeting"})
"""The kinds of page the search index holds."""


PARALLEL_FROM = 200
"""Fewer pages than this are made in this process: a pool costs more."""

_SITE: list[Site] = []
"""The site a forked worker makes pages of (shared, not pickled)."""


def _render(site: Site, todo: list[Page], jobs: int | None) -> Iterator[Made]:
    """Every page of ``todo``, in order: in forked worker processes (which
    share the loaded records) when there are many and more than one core."""
    workers = min(jobs or os.cpu_count() or 1, 8)
    if workers < 2 or len(todo) < PARALLEL_FROM or "fork" not in multiprocessing.get_all_start_methods():
        for page in todo:
            yield _made(site, page)
        return
    _SITE[:] = [site]
    try:
        context = multiprocessing.get_context("fork")
        with context.Pool(workers) as pool:
            yield from pool.imap(_make_in_worker, todo, chunksize=16)
    finally:
        _SITE.clear()


def _make_in_worker(page: Page) -> Made:
    return _made(_SITE[0], page)


def _made(site: Site, page: Page) -> Made:
    """The page, and its search entry with Voikko's terms (in the worker that made it)."""
    made = KINDS[page.kind](site, page)
    if made.entry is None:
        return made
    return replace(made, entry=with_terms(made.entry))


class _Keys:
    """The build keys of one site build's pages."""

    def __init__(self, repo: Repository, as_of: date):
        self.repo = repo
        self.hasher = Hasher(repo, True, {}, None, as_of)
        self.day = as_of.isoformat()
        self.all_shown: dict[str, Any] | None = None
        self.files = set(repo.files)  # once: a set per page cost 3 ms a page at 10,000 decisions

    def page(self, page: Page, site: Site) -> str:
        repo, hasher = self.repo, self.hasher
        if page.whole:
            records: Any = hasher.every_record(repo)
            if self.all_shown is None:  # once: every page that reads every record shares it
                self.all_shown = hasher.shown(repo.decisions)
            shown: dict[str, Any] = self.all_shown
        else:
            cited = {c for rid in page.reads if rid in repo.decisions for c in site.cited(rid)}
            ids = sorted({*page.reads, *cited} & self.files)
            records = {rid: hasher.file(repo.files[rid]) for rid in ids}
            shown = hasher.shown(ids)
        documents = sorted(site.documents) if page.kind in ("decision", "meeting") else []
        base = {
            "site": page.kind,
            "path": page.path,
            "subject": page.subject,
            "lang": page.lang,
            "records": records,
            "documents": documents,
            "as_of": self.day if page.dated else None,
            **shown,
        }
        return hasher.key(base, "site")

    def index(self, entries: list[tuple[str, SearchEntry]]) -> str:
        from govdocs.build.plan import _version

        blob = json.dumps({"pages": sorted(key for key, _ in entries), "pagefind": _version("pagefind")})
        return hashlib.sha256(blob.encode()).hexdigest()


class _Files:
    """The site folder's files: what the last build left (its manifest),
    what this one holds, what it wrote."""

    def __init__(self, out: Path, old: dict[str, dict[str, Any]]):
        self.out = out
        self.old = old
        self.now: dict[str, dict[str, Any]] = {}
        self.made: list[str] = []

    def intact(self, path: str, key: str) -> bool:
        """The file the last build made for ``key`` is there, unchanged: kept."""
        entry = self.old.get(path)
        if entry is None or entry.get("key") != key:
            return False
        try:
            data = read_beneath(self.out, path)
        except (OSError, UnsafePath):
            return False
        if hashlib.sha256(data).hexdigest() != entry.get("sha256"):
            return False
        self.now[path] = entry
        return True

    def put(
        self, path: str, key: str, data: bytes, *, if_changed: bool = False, same_bytes: bool = False
    ) -> None:
        """Write ``data`` at ``path`` under ``key``. ``if_changed``: not when
        the last build left it under the same key; ``same_bytes``: not when
        the file there is intact and holds these bytes already (a rebuilt
        search index rewrites only the fragments and chunks that changed)."""
        if if_changed and self.intact(path, key):
            return
        sha = hashlib.sha256(data).hexdigest()
        before = self.old.get(path)
        kept = same_bytes and before is not None and before.get("sha256") == sha
        if kept and before is not None and self.intact(path, str(before.get("key"))):
            self.now[path] = {**before, "key": key}
            return
        write_beneath(self.out, path, data)
        self.now[path] = {"key": key, "sha256": sha, "bytes": len(data)}
        self.made.append(path)

    def under(self, old: dict[str, dict[str, Any]], prefix: str) -> list[str]:
        return sorted(p for p in old if p.startswith(prefix))

    def keep_under(self, old: dict[str, dict[str, Any]], prefix: str) -> None:
        for path in self.under(old, prefix):
            self.now[path] = old[path]

    def remove_stale(self) -> list[str]:
        """Remove what the last build made and this one does not hold."""
        gone = sorted(set(self.old) - set(self.now))
        for path in gone:
            target = self.out / path
            if target.is_file() and not target.is_symlink():
                target.unlink()
        return gone

    def write_manifest(self) -> None:
        data = {"site": SITE_MANIFEST_VERSION, "files": dict(sorted(self.now.items()))}
        text = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
        write_beneath(self.out, SITE_MANIFEST, text.encode("utf-8"), sync=True)


def _read_manifest(out: Path) -> dict[str, dict[str, Any]]:
    """The last build's files (none for a new folder); SiteError when the
    manifest is there but is not one."""
    try:
        raw = read_beneath(out, SITE_MANIFEST)
    except FileNotFoundError:
        return {}
    except (OSError, UnsafePath) as exc:
        raise SiteError(f"{out / SITE_MANIFEST}: cannot read it ({exc})") from None
    try:
        data = json.loads(raw)
        files = data["files"]
        if data.get("site") != SITE_MANIFEST_VERSION or not isinstance(files, dict):
            raise ValueError("not a site manifest of this version")
        return {str(p): dict(e) for p, e in files.items() if _safe(p)}
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise SiteError(
            f"{out / SITE_MANIFEST}:1:1: error: not a govdocs site manifest ({exc}); "
            "remove it to build the site afresh"
        ) from None


def _safe(path: str) -> bool:
    parts = path.split("/")
    return bool(path) and not path.startswith("/") and all(p not in ("", ".", "..") for p in parts)


def _static(name: str) -> bytes:
    from govdocs.publish.site.render import SITE_DIR

    return (SITE_DIR / name).read_bytes()


def _entry_path(cache: Path, key: str) -> Path:
    return cache / key[:2] / f"{key}.json"


def _cached_entry(cache: Path, key: str) -> SearchEntry | None:
    try:
        data = json.loads(_entry_path(cache, key).read_text(encoding="utf-8"))
        return SearchEntry(**data)
    except (OSError, ValueError, TypeError):
        return None


def _store_entry(cache: Path, key: str, entry: SearchEntry | None) -> None:
    if entry is None:
        return
    from dataclasses import asdict

    from govdocs.safepath import atomic_write

    try:
        atomic_write(
            _entry_path(cache, key), json.dumps(asdict(entry), ensure_ascii=False).encode(), sync=False
        )
    except OSError:
        pass  # an optimisation only: the next build renders the page again

"""What to build: every output, the source it comes from, and its cache key.

A cache key is a SHA-256 over everything the output depends on, so an
unchanged key means unchanged bytes and the output is reused:

- the record file's bytes, and the bytes of every other decision it names
  (a cited decision's title may appear in the document); for a meeting's
  agenda and minutes, the meeting file and every decision on its agenda
  (and those they cite), for an extract its decision and its meeting (the
  kind's ``reads``), so editing one item's decision renders that meeting's
  documents again and no other meeting's;
- for a report, every record file; for a kind that says what one of its
  documents shows (``Kind.shows``: an organisation's audit), the facts
  derived for it and the files of the records they come from instead;
- the whole registry file. Hashing only the entries a decision uses would
  re-render less after a registry edit, but the renderer reads the registry
  in several places (maker, organisations' inflected names, the registry
  office's address in the appeal text); a missed dependency would ship a
  stale official document, so we take the safe, simple choice;
- the template files the format uses (`template_digest`), fonts included
  for PDF;
- govdocs' version and the digest of its own code: every module but the
  command line (`code_digest`; the build's own renderers.py shapes links
  and file names, so it counts), so a development checkout never reuses
  output of older code; and the versions of the libraries that write the
  bytes;
- the format and whether the copy is public.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from govdocs import __version__
from govdocs.build import renderers
from govdocs.build.renderers import Report
from govdocs.document.kinds import KINDS, Kind
from govdocs.errors import UsageError
from govdocs.publish.lifecycle import shown_personal_data
from govdocs.repository import Repository
from govdocs.resources import TEMPLATES_DIR
from govdocs.writers import FORMATS as WRITER_FORMATS

FORMATS = tuple(WRITER_FORMATS)
"""Every format a decision renders to (the table is `govdocs.writers.FORMATS`)."""

PACKAGE_DIR = Path(__file__).resolve().parents[1]

# Which template files a format does NOT read. Everything else counts, so a
# new data file is a dependency of every format (and of every companion
# file, such as a report's timeline SVG) until listed here: a wasted
# rebuild is cheap, a stale official document is not.
_NOT_READ_BY: dict[str, tuple[str, ...]] = {
    "html": ("fonts/*",),
    "pdf": (),
    "docx": ("*.css", "*.html", "*.j2", "*.jinja"),  # fonts: the timeline picture is drawn with them
    "txt": ("fonts/*", "*.css", "*.html", "*.j2", "*.jinja", "*.docx"),
}

class ShardError(UsageError, ValueError):
    """A --shard value that is not I/N with 1 <= I <= N."""


@dataclass(frozen=True)
class Shard:
    """One of ``count`` stable parts of the work (1-based ``index``)."""

    index: int
    count: int

    @classmethod
    def parse(cls, text: str) -> Shard:
        """'3/8' → Shard(3, 8)."""
        index, slash, count = text.partition("/")
        if not (slash and index.isdigit() and count.isdigit()) or not 1 <= int(index) <= int(count):
            raise ShardError(f"shard must be I/N with 1 <= I <= N (e.g. 3/8), not {text!r}")
        return cls(int(index), int(count))

    def holds(self, job_id: str) -> bool:
        """True when this shard builds ``job_id``. A hash of the id alone,
        so each shard's share never depends on what else exists."""
        digest = hashlib.sha256(job_id.encode()).digest()
        return int.from_bytes(digest[:8], "big") % self.count == self.index - 1

    def __str__(self) -> str:
        return f"{self.index}/{self.count}"


@dataclass(frozen=True)
class Output:
    """One file to build: its path inside the output folder and its key."""

    path: str
    format: str
    key: str


@dataclass(frozen=True)
class Job:
    """The outputs of one source (a decision, or a repository report)."""

    kind: str
    """'decision' or a report kind ('followup', 'audit')."""
    id: str
    source: str
    """The record file, relative to the repository root ('*' for reports)."""
    outputs: tuple[Output, ...]
    inputs: tuple[Path, ...] = ()
    """The record files whose bytes are in the keys (besides the registry);
    empty for a report, which reads every record."""
    subject: str = ""
    """What the document is about when the id is not it: the meeting of
    '<meeting>-poytakirja', the decision of '<decision>-ote'."""

    @property
    def formats(self) -> tuple[str, ...]:
        return tuple(o.format for o in self.outputs)


def plan(
    repo: Repository,
    formats: Iterable[str],
    *,
    public: bool = False,
    shard: Shard | None = None,
    reports: Iterable[Report] = (),
    as_of: date | None = None,
    digests: dict[Path, str] | None = None,
    lang: str | None = None,
) -> list[Job]:
    """Every job this build is responsible for, sorted by id. Reports show
    the state ``as_of`` a date (default today), which is part of their key.
    ``digests`` are the SHA-256s of files hashed before they were read
    (`snapshot`): the keys then describe the bytes that were parsed.
    ``lang`` (a language other than the records' own) is part of every key."""
    formats = tuple(sorted(set(formats)))
    hasher = Hasher(repo, public, digests or {}, lang, as_of or date.today())
    day = hasher.as_of.isoformat()
    jobs = [_decision_job(repo, hasher, did, formats) for did in repo.decisions]
    jobs += [_record_job(repo, hasher, k, subject, formats)
             for k in KINDS.values() if k.reads is not None for subject in k.subjects(repo)]
    jobs += [_report_job(repo, hasher, report, formats, day) for report in reports]
    jobs = [job for job in jobs if shard is None or shard.holds(job.id)]
    return sorted(jobs, key=lambda job: job.id)


def output_name(kind: str, job_id: str, fmt: str, public: bool) -> str:
    """Where an output goes inside the output folder: decisions named as
    `govdocs render` names them, reports in ``reports/``."""
    return renderers.output_name(kind, job_id, fmt, public)


def _decision_job(repo: Repository, hasher: Hasher, did: str, formats: tuple[str, ...]) -> Job:
    file = repo.files[did]
    related = {rid: hasher.file(repo.files[rid]) for rid in sorted(cited_decisions(repo, did))}
    base = {"kind": "decision", "id": did, "record": hasher.file(file), "related": related,
            **hasher.shown([did])}
    outputs = tuple(
        Output(output_name("decision", did, f, hasher.public), f, hasher.key(base, f))
        for f in renderers.job_parts("decision", formats)
    )
    inputs = (file, *(repo.files[rid] for rid in related))
    return Job("decision", did, _relative(file, repo.root), outputs, inputs)


def _record_job(repo: Repository, hasher: Hasher, kind: Kind, subject: str, formats: tuple[str, ...]) -> Job:
    """A document that reads a few records (a meeting's minutes): their
    bytes, and those of the decisions they cite, are in its key."""
    assert kind.reads is not None
    read = [rid for rid in kind.reads(repo, subject) if rid in repo.files]
    cited = {c for rid in read if rid in repo.decisions for c in cited_decisions(repo, rid)}
    related = sorted(cited - set(read))
    job_id = kind.stem(subject, False)
    base = {"kind": kind.name, "id": job_id, "records": {rid: hasher.file(repo.files[rid]) for rid in read},
            "related": {rid: hasher.file(repo.files[rid]) for rid in related},
            **hasher.shown(read)}
    outputs = tuple(
        Output(kind.build_path(kind.stem(subject, hasher.public), f), f, hasher.key(base, f))
        for f in renderers.job_parts(kind.name, formats)
    )
    inputs = tuple(repo.files[rid] for rid in (*read, *related))
    return Job(kind.name, job_id, _relative(inputs[0], repo.root), outputs, inputs, subject=subject)


def _report_job(repo: Repository, hasher: Hasher, report: Report, formats: tuple[str, ...], day: str) -> Job:
    base: dict[str, Any] = {
        "kind": report.kind,
        "id": report.stem,
        "records": hasher.every_record(repo),
        "as_of": day if report.dated else None,
    }
    shows = KINDS[report.kind].shows
    if shows is not None and not hasher.public:  # what it shows, and the records it comes from
        facts, ids = shows(repo, report.subject)
        base["records"] = {rid: hasher.file(repo.files[rid]) for rid in ids if rid in repo.files}
        base["facts"] = hashlib.sha256(facts.encode()).hexdigest()
    outputs = tuple(
        Output(output_name(report.kind, report.stem, f, hasher.public), f, hasher.key(base, f))
        for f in renderers.job_parts(report.kind, formats)
    )
    return Job(report.kind, report.stem, "*", outputs)


def cited_decisions(repo: Repository, did: str) -> set[str]:
    """Other decisions (and follow-ups) whose ids, or whose sub-records'
    ids, appear anywhere in decision ``did``."""
    cited: set[str] = set()
    for value in _strings(repo.decisions[did]):
        owner = repo.owner.get(value)
        if owner is not None and owner != did and owner in repo.files:
            cited.add(owner)
    return cited


def _strings(value: Any) -> Iterator[str]:
    # Walks the models' attributes directly: model_dump would build a copy
    # of every decision on each no-op build.
    if isinstance(value, str):
        yield value
    elif isinstance(value, BaseModel):
        for item in value.__dict__.values():
            yield from _strings(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)


class Hasher:
    """Hashes shared by every job of one plan, computed once."""

    def __init__(self, repo: Repository, public: bool, digests: dict[Path, str], lang: str | None,
                 as_of: date):
        self.repo = repo
        self.files: dict[Path, str] = dict(digests)
        self.public = public
        self.as_of = as_of
        self.all_records: str | None = None
        self.common = {
            "govdocs": __version__,
            "code": code_digest(),
            "registry": [self.file(path) for path in repo.registry_files],
            "public": public,
        }
        if lang is not None:  # a build in the records' own languages keeps the keys it always had
            self.common["lang"] = lang
        self.templates: dict[str, str] = {}

    def file(self, path: Path) -> str:
        if path not in self.files:
            self.files[path] = hashlib.sha256(path.read_bytes()).hexdigest()
        return self.files[path]

    def shown(self, ids: Iterable[str]) -> dict[str, Any]:
        """For a web copy: the personal data it still shows on the build's
        day (`govdocs.publish.lifecycle`), so the copy is made again the day
        it must go; nothing (and the key it always had) when none."""
        if not self.public:
            return {}
        decisions = [self.repo.decisions[i] for i in ids if i in self.repo.decisions]
        shown = {d.id: shown_personal_data(self.repo, d, self.as_of) for d in decisions}
        shown = {i: names for i, names in shown.items() if names}
        return {"shown": shown} if shown else {}

    def every_record(self, repo: Repository) -> str:
        """One digest over every record file: a report reads them all."""
        if self.all_records is None:
            names = sorted(repo.files.items())
            blob = "\n".join(f"{rid} {self.file(path)}" for rid, path in names)
            self.all_records = hashlib.sha256(blob.encode()).hexdigest()
        return self.all_records

    def key(self, base: dict[str, Any], fmt: str) -> str:
        if fmt not in self.templates:
            self.templates[fmt] = template_digest(fmt)
        parts = {**self.common, **base, "format": fmt, "templates": self.templates[fmt]}
        parts["libraries"] = {lib: _version(lib) for lib in renderers.part_libraries(fmt)}
        blob = json.dumps(parts, sort_keys=True, ensure_ascii=False).encode()
        return hashlib.sha256(blob).hexdigest()


def snapshot(files: Iterable[Path]) -> dict[Path, str]:
    """The SHA-256 of every file, read now (before the build reads them, and
    again after it rendered: see `builder`); "" for one that cannot be read
    or is larger than a record may be (validation refuses it)."""
    from govdocs.read.yamlsource import MAX_FILE_BYTES

    found = {}
    for path in files:
        try:
            small = path.stat().st_size <= MAX_FILE_BYTES
            found[path] = hashlib.sha256(path.read_bytes()).hexdigest() if small else ""
        except OSError:
            found[path] = ""
    return found


def code_digest(package: Path | None = None) -> str:
    """SHA-256 over every module of govdocs that can shape an output: all of
    the package but the command line (which only reads options and prints)."""
    root = package or PACKAGE_DIR
    stamp = tuple(item for item in _tree_stamp(root, "*.py") if not item[0].startswith(("cli/",)))
    return _code_digest(root, stamp)


@cache
def _code_digest(root: Path, stamp: tuple[tuple[str, int, int], ...]) -> str:
    return _tree_digest(root, [root / name for name, _, _ in stamp])


def template_digest(fmt: str, templates: Path | None = None) -> str:
    """SHA-256 over the template, label, appeal-text, CSS and font files
    that format ``fmt`` reads (see `_NOT_READ_BY`)."""
    root = templates or TEMPLATES_DIR
    return _template_digest(root, fmt, _tree_stamp(root))


@cache
def _template_digest(root: Path, fmt: str, stamp: tuple[tuple[str, int, int], ...]) -> str:
    skip = _NOT_READ_BY.get(fmt, ())
    files = [root / name for name, _, _ in stamp if not any(Path(name).match(p) for p in skip)]
    return _tree_digest(root, files)


def _tree_stamp(root: Path, pattern: str = "*") -> tuple[tuple[str, int, int], ...]:
    # Size and mtime decide whether the cached digest is still right, so a
    # long-lived process (tests, a watcher) sees edited templates.
    if not root.is_dir():
        return ()
    files = sorted(p for p in root.rglob(pattern) if p.is_file() and "__pycache__" not in p.parts)
    return tuple((p.relative_to(root).as_posix(), *_stat(p)) for p in files)


def _stat(path: Path) -> tuple[int, int]:
    st = path.stat()
    return st.st_size, st.st_mtime_ns


def _tree_digest(root: Path, files: Iterable[Path]) -> str:
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


@cache
def _version(distribution: str) -> str:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return "absent"


def _relative(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()

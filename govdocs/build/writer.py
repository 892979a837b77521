"""Putting outputs in place: reused when intact, restored from the store
when verified, or freshly rendered; every write atomic and through no link.

An output is reused only when its bytes hash to what the previous manifest
says (a file edited by hand, or left by a killed build of other inputs, is
rewritten). A freshly rendered output enters the store's action map only
when the files it was made from hashed the same before reading and after
rendering (`settle`): bytes made from a record edited during the build are
never cached, and their manifest key makes the next build render them again.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from govdocs.build.atomic import OutputError, TempFolder, clear_temp
from govdocs.build.manifest import MANIFEST, Entry, Manifest, read_manifest
from govdocs.build.plan import Job, Output
from govdocs.build.store import Store, sha256
from govdocs.problems import relpath
from govdocs.safepath import UnsafePath, check_name, open_folder, read_beneath, write_beneath

if TYPE_CHECKING:
    from govdocs.build.builder import BuildResult
    from govdocs.build.workers import Rendered

UNSETTLED = "changed-during-build"
"""The manifest key of an output whose inputs changed while it was made:
it matches no plan, so the next build renders the output again."""


@dataclass(frozen=True)
class _Made:
    job: Job
    output: Output
    digest: str


class OutputWriter:
    """Writes one build's outputs into ``out`` (whose lock the caller holds)."""

    def __init__(self, out: Path, store: Store, store_tmp: Path | None):
        self.out = out
        self.store = store
        self.previous = read_manifest(out)
        clear_temp(out)  # leftovers of a killed build: ours to remove, we hold the lock
        self._own_tmp: TempFolder | None = None
        if store_tmp is not None and os.stat(store_tmp).st_dev == os.stat(out).st_dev:
            self.tmp = store_tmp
        else:  # a cache on another file system: a folder of our own in out
            self._own_tmp = TempFolder(out, ".govdocs-tmp-")
            self.tmp = self._own_tmp.path
        self.made: list[_Made] = []

    def close(self) -> None:
        if self._own_tmp is not None:
            self._own_tmp.close()

    def settle(self, jobs: list[Job], result: BuildResult) -> list[Job]:
        """Reuse or restore every output it can; the jobs (narrowed to the
        formats still missing) that must be rendered."""
        check_folders(self.out, {o.path.rpartition("/")[0] for job in jobs for o in job.outputs})
        self.store.prefetch(o.key for job in jobs for o in job.outputs if not self._same_key(o))
        missing = []
        for job in jobs:
            left = tuple(o for o in job.outputs if not self._settle(job, o, result))
            if left:
                missing.append(replace(job, outputs=left))
        return missing

    def _same_key(self, output: Output) -> bool:
        before = self.previous.outputs.get(output.path) if self.previous else None
        return before is not None and before.key == output.key

    def _settle(self, job: Job, output: Output, result: BuildResult) -> bool:
        before = self.previous.outputs.get(output.path) if self.previous else None
        if before and before.key == output.key and self._intact(output.path, before):
            result.manifest.outputs[output.path] = before
            result.reused.append(output.path)
            return True
        digest = self.store.get_action(output.key)
        data = self.store.get(digest) if digest else None  # hashed: a forged or broken blob is a miss
        if data is None:
            return False
        self._put(job, output, data, digest or sha256(data), result)
        result.restored.append(output.path)
        return True

    def _intact(self, name: str, entry: Entry) -> bool:
        return intact(self.out, name, entry)

    def store_rendered(self, job: Job, rendered: Rendered, result: BuildResult) -> None:
        """Store and place the freshly rendered files of one job."""
        # the completeness warnings of rendering repeat validation's
        result.warnings.extend(w for w in rendered.warnings if w not in result.warnings)
        for output in job.outputs:
            data = rendered.files[output.format]
            digest = self.store.put(data)  # a blob alone is inert: only an action entry names it
            self._put(job, output, data, digest, result)
            self.made.append(_Made(job, output, digest))
            result.built.append(output.path)

    def _put(self, job: Job, output: Output, data: bytes, digest: str, result: BuildResult) -> None:
        self._write(output.path, data, sync=False)
        entry = Entry(job.id, job.source, output.format, output.key, digest, len(data))
        result.manifest.outputs[output.path] = entry

    def _write(self, name: str, data: bytes, *, sync: bool) -> None:
        try:
            write_beneath(self.out, name, data, tmp_dir=self.tmp, sync=sync)
        except UnsafePath:
            raise
        except OSError as exc:
            raise OutputError(f"{self.out / name}: cannot write ({exc.strerror or exc})") from None

    def record(self, changed: set[Path], everything: bool, result: BuildResult) -> None:
        """Enter each freshly made output in the action map, unless a file
        it was made from ``changed`` while the build ran (``everything``:
        what every output reads did: the registry, a template, the code)."""
        for made in self.made:
            if everything or _depends_on(made.job, changed):
                entry = result.manifest.outputs[made.output.path]
                result.manifest.outputs[made.output.path] = replace(entry, key=UNSETTLED)
            else:
                self.store.put_action(made.output.key, made.digest)
        for path in sorted(changed):
            result.warnings.append(
                f"{relpath(path)}: warning: changed while the build ran; the outputs made from it "
                "are not cached, and the next build renders them again"
            )

    def remove_stale(self, result: BuildResult) -> None:
        """Delete outputs of the previous build that this one no longer
        makes (source gone, format dropped). Only files the manifest lists
        are touched, never anything else in the folder, never through a link."""
        if self.previous is None:
            return
        for name in sorted(set(self.previous.outputs) - set(result.manifest.outputs)):
            _unlink_beneath(self.out, name)
            result.removed.append(name)
        reports = self.out / "reports"
        if reports.is_dir() and not reports.is_symlink() and not any(reports.iterdir()):
            reports.rmdir()

    def write_manifest(self, manifest: Manifest) -> None:
        self._write(MANIFEST, manifest.to_json().encode(), sync=True)


def _depends_on(job: Job, changed: set[Path]) -> bool:
    if not changed:
        return False
    if not job.inputs:
        return True  # a report reads every record
    return any(path in changed for path in job.inputs)


def check_folders(out: Path, folders: set[str]) -> None:
    """Raise `UnsafePath` for a link among ``folders`` of ``out``: checked
    before the first write, so a build or merge stops with nothing written
    (rather than half of it)."""
    for folder in sorted(folders - {""}):
        try:
            os.close(open_folder(out, folder))
        except FileNotFoundError:
            continue


def _unlink_beneath(root: Path, name: str) -> None:
    folder, _, leaf = name.rpartition("/")
    try:
        fd = open_folder(root, folder)  # a link on the way is refused, not followed
    except FileNotFoundError:
        return
    try:
        os.unlink(check_name(leaf), dir_fd=fd)
    except FileNotFoundError:
        pass
    finally:
        os.close(fd)


def intact(out: Path, name: str, entry: Entry) -> bool:
    """Whether output ``name`` in ``out`` is the file the manifest lists.
    By hash, not size: an output edited in place (or left by a killed build
    of other inputs) with the same size must not be kept."""
    try:
        data = read_beneath(out, name)
    except (OSError, UnsafePath):
        return False
    return len(data) == entry.bytes and sha256(data) == entry.sha256

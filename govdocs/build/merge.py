"""Joining shard builds: each CI job builds ``--shard I/N`` into its own
folder; one last step merges the folders (files and manifests) into one.

Shard folders come from other machines (CI artifacts), so they are input
like records: every file must be a regular file, reached through no link,
with no setuid, setgid or sticky bit, whose bytes hash to what its
manifest says. Everything is checked before anything is written; writes
go through the same link-refusing path as a build, under the same lock.
"""

from __future__ import annotations

import hashlib
import stat
from collections.abc import Sequence
from pathlib import Path

from govdocs.build import atomic
from govdocs.build.atomic import output_lock
from govdocs.build.manifest import Entry, Manifest, ManifestError, read_manifest
from govdocs.build.plan import Shard, ShardError
from govdocs.build.writer import check_folders
from govdocs.safepath import UnsafePath, is_inside, read_file_beneath, write_beneath

_ODD_MODES = stat.S_ISUID | stat.S_ISGID | stat.S_ISVTX


def merge(shards: Sequence[Path], out: Path, *, lock_wait: float | None = None) -> Manifest:
    """Copy every shard's outputs into ``out`` and write the joined
    manifest. Raises `ManifestError` when a folder has no manifest, the
    shards were built with different options, two shards made the same
    output differently, a shard of the set is missing, or a shard's file is
    not what its manifest says; `UnsafePath` for a link in ``out``."""
    manifests = [_read(folder) for folder in shards]
    _check_complete(shards, manifests)
    joined = Manifest(manifests[0].formats, manifests[0].public, None, lang=manifests[0].lang)
    sources: dict[str, Path] = {}
    for folder, manifest in zip(shards, manifests, strict=True):
        _check_options(folder, manifest, joined)
        for name, entry in manifest.outputs.items():
            other = joined.outputs.get(name)
            if other is not None and other.sha256 != entry.sha256:
                raise ManifestError(f"{folder}: {name} differs from the same output in another shard")
            _verified(folder, name, entry)
            joined.outputs[name], sources[name] = entry, folder
    with output_lock(out, atomic.LOCK_WAIT if lock_wait is None else lock_wait):
        check_folders(out, {name.rpartition("/")[0] for name in joined.outputs})
        for name, folder in sources.items():
            if not _same_folder(folder, out):
                write_beneath(out, name, _verified(folder, name, joined.outputs[name]))
        joined.write(out)
    return joined


def _read(folder: Path) -> Manifest:
    try:
        manifest = read_manifest(folder)
    except UnsafePath as exc:
        raise ManifestError(f"{folder}: {exc.message}") from None
    if manifest is None:
        raise ManifestError(f"{folder}: no manifest.json (is it a govdocs build folder?)")
    return manifest


def _verified(folder: Path, name: str, entry: Entry) -> bytes:
    """The bytes of a shard's output, when they are a plain file's and
    hash to the manifest's SHA-256."""
    try:
        data, mode = read_file_beneath(folder, name)
    except FileNotFoundError:
        raise ManifestError(f"{folder / name}: listed in its manifest but missing") from None
    except UnsafePath as exc:
        raise ManifestError(f"{exc.message}; a shard holds only the files its build wrote") from None
    except OSError as exc:
        raise ManifestError(f"{folder / name}: cannot read ({exc.strerror or exc})") from None
    if mode & _ODD_MODES:
        raise ManifestError(f"{folder / name}: has mode {stat.filemode(mode)} (setuid, setgid or sticky); "
                            "a build never writes such a file")
    if len(data) != entry.bytes or hashlib.sha256(data).hexdigest() != entry.sha256:
        raise ManifestError(f"{folder / name}: its bytes do not match the SHA-256 in "
                            f"{folder / 'manifest.json'}; build that shard again")
    return data


def _same_folder(folder: Path, out: Path) -> bool:
    return is_inside(folder, out) and is_inside(out, folder)


def _check_options(folder: Path, manifest: Manifest, joined: Manifest) -> None:
    built = (sorted(manifest.formats), manifest.public, manifest.lang)
    if built != (sorted(joined.formats), joined.public, joined.lang):
        raise ManifestError(f"{folder}: built with other --formats, --public or --lang than the first shard")


def _check_complete(shards: Sequence[Path], manifests: Sequence[Manifest]) -> None:
    # Shard builds say which part they are; a missing part would silently
    # drop documents from the published set.
    parts: dict[str, Shard] = {}
    for folder, manifest in zip(shards, manifests, strict=True):
        if manifest.shard:
            parts[manifest.shard] = _shard(folder, manifest.shard)
    if not parts:
        return
    counts = {part.count for part in parts.values()}
    if len(counts) != 1:
        raise ManifestError(f"shards of different splits: {', '.join(sorted(parts))}")
    count = counts.pop()
    missing = sorted(set(range(1, count + 1)) - {part.index for part in parts.values()})
    if missing:
        raise ManifestError(f"shard(s) {', '.join(f'{i}/{count}' for i in missing)} missing from the merge")


def _shard(folder: Path, text: object) -> Shard:
    try:
        return Shard.parse(str(text))
    except ShardError as exc:
        raise ManifestError(f"{folder / 'manifest.json'}: {exc}") from None

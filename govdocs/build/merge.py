"""Joining shard builds: each CI job builds ``--shard I/N`` into its own
folder; one last step merges the folders (files and manifests) into one."""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from pathlib import Path

from govdocs.build.manifest import Manifest, ManifestError, read_manifest
from govdocs.safepath import atomic_write


def merge(shards: Sequence[Path], out: Path) -> Manifest:
    """Copy every shard's outputs into ``out`` and write the joined
    manifest. Raises `ManifestError` when a folder has no manifest, the
    shards were built with different options, two shards made the same
    output differently, or a shard of the set is missing."""
    manifests = [_read(folder) for folder in shards]
    _check_complete(shards, manifests)
    joined = Manifest(manifests[0].formats, manifests[0].public, None)
    for folder, manifest in zip(shards, manifests, strict=True):
        _check_options(folder, manifest, joined)
        for name, entry in manifest.outputs.items():
            other = joined.outputs.get(name)
            if other is not None and other.sha256 != entry.sha256:
                raise ManifestError(f"{folder}: {name} differs from the same output in another shard")
            joined.outputs[name] = entry
            _copy(folder / name, out / name)
    joined.write(out)
    return joined


def _read(folder: Path) -> Manifest:
    manifest = read_manifest(folder)
    if manifest is None:
        raise ManifestError(f"{folder}: no manifest.json (is it a govdocs build folder?)")
    return manifest


def _check_options(folder: Path, manifest: Manifest, joined: Manifest) -> None:
    if sorted(manifest.formats) != sorted(joined.formats) or manifest.public != joined.public:
        raise ManifestError(f"{folder}: built with other --formats or --public than the first shard")


def _check_complete(shards: Sequence[Path], manifests: Sequence[Manifest]) -> None:
    # Shard builds say which part they are; a missing part would silently
    # drop documents from the published set.
    parts = {m.shard for m in manifests if m.shard}
    if not parts:
        return
    counts = {int(part.split("/")[1]) for part in parts}
    if len(counts) != 1:
        raise ManifestError(f"shards of different splits: {', '.join(sorted(parts))}")
    count = counts.pop()
    missing = sorted(set(range(1, count + 1)) - {int(p.split("/")[0]) for p in parts})
    if missing:
        raise ManifestError(f"shard(s) {', '.join(f'{i}/{count}' for i in missing)} missing from the merge")


def _copy(source: Path, target: Path) -> None:
    if source.resolve() == target.resolve():
        return
    if not source.is_file():
        raise ManifestError(f"{source}: listed in its manifest but missing")
    atomic_write(target, source.read_bytes())
    shutil.copymode(source, target)

"""Stage 6: build many documents, like a build tool.

    validate → plan (outputs and cache keys) → reuse intact outputs /
    restore verified ones from the store (local, then the shared remote
    cache of `remote`) → render the rest in warm worker processes → record
    what was made from unchanged inputs → remove stale outputs → manifest.json

`build` builds a records repository into a folder; `merge` joins the
folders that ``--shard I/N`` builds made on separate CI machines.
"""

from __future__ import annotations

from govdocs.build.atomic import OutputBusy, OutputError
from govdocs.build.builder import BuildResult, build, default_cache_dir
from govdocs.build.manifest import Manifest, ManifestError, read_manifest
from govdocs.build.merge import merge
from govdocs.build.plan import FORMATS, Shard, ShardError

__all__ = [
    "FORMATS",
    "BuildResult",
    "Manifest",
    "ManifestError",
    "OutputBusy",
    "OutputError",
    "Shard",
    "ShardError",
    "build",
    "default_cache_dir",
    "merge",
    "read_manifest",
]

"""Stage 6: build many documents, like a build tool.

    validate → plan (outputs and cache keys) → reuse / restore from cache
    → render the rest in warm worker processes → remove stale outputs
    → manifest.json

`build` builds a records repository into a folder; `merge` joins the
folders that ``--shard I/N`` builds made on separate CI machines.
"""

from __future__ import annotations

from govdocs.build.builder import BuildResult, build
from govdocs.build.manifest import Manifest, ManifestError, read_manifest
from govdocs.build.merge import merge
from govdocs.build.plan import FORMATS, Shard, ShardError

__all__ = [
    "FORMATS",
    "BuildResult",
    "Manifest",
    "ManifestError",
    "Shard",
    "ShardError",
    "build",
    "merge",
    "read_manifest",
]

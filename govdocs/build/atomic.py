"""Where the build keeps temporary files: writes go through
`govdocs.safepath.atomic_write` with a temporary folder in the build's cache
(same file system), so a build killed mid-write leaves nothing half-written
among the outputs; the next build empties that folder.
"""

from __future__ import annotations

import os
from pathlib import Path


def temp_dir_for(target_dir: Path, preferred: Path) -> Path | None:
    """``preferred`` when it is on the same filesystem as ``target_dir``
    (so `os.replace` works), else None (write beside the target)."""
    target_dir.mkdir(parents=True, exist_ok=True)
    preferred.mkdir(parents=True, exist_ok=True)
    same = os.stat(target_dir).st_dev == os.stat(preferred).st_dev
    return preferred if same else None


def clear_temp(folder: Path) -> int:
    """Remove what a killed build left in a temporary folder; the count."""
    if not folder.is_dir():
        return 0
    removed = 0
    for leftover in folder.glob(".*.tmp"):
        leftover.unlink(missing_ok=True)
        removed += 1
    return removed

"""Atomic file writes: a reader (or the next build) sees the old file or the
new one, never half of one.

The bytes go to a temporary file first and are moved over the target with
`os.replace`, which is atomic on one filesystem. Temporary files live in a
separate folder when one is given (the build keeps them in its cache), so a
build killed mid-write leaves nothing half-written among the outputs; the
next build empties that folder.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def atomic_write(path: Path, data: bytes, *, tmp_dir: Path | None = None, sync: bool = False) -> None:
    """Write ``data`` to ``path`` atomically, creating parent folders.

    ``tmp_dir`` must be on the same filesystem as ``path`` (`temp_dir_for`
    picks one). ``sync`` flushes to disk before the rename, which protects
    against power loss too; a killed process needs only the rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    folder = tmp_dir if tmp_dir is not None else path.parent
    folder.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            if sync:
                handle.flush()
                os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)  # mkstemp makes 0600; outputs are for others to read
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


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

"""Where a build keeps temporary files, and the lock on its output folder.

Outputs are written through a temporary file and renamed into place, so a
build killed mid-write leaves nothing half-written among the outputs. The
temporary files of one build are its own: each build makes a folder of its
own (locked while the build runs) and removes it at the end; a later build
removes only folders whose lock is free, i.e. whose build has died. Two
builds into one output folder would mix their outputs and manifests, so a
build holds an exclusive lock on ``<out>/.govdocs.lock`` while it writes.
"""

from __future__ import annotations

import errno
import fcntl
import os
import secrets
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from govdocs.errors import EnvironmentFailure
from govdocs.safepath import UnsafePath, open_folder

LOCK_FILE = ".govdocs.lock"
LOCK_WAIT = 10.0
"""Seconds a build waits for another build to release the output folder."""


class OutputError(EnvironmentFailure):
    """The output folder cannot be written (read-only, full, busy)."""


class OutputBusy(OutputError):
    """Another build is writing into the same output folder."""


@contextmanager
def output_lock(out: Path, wait: float = LOCK_WAIT) -> Iterator[None]:
    """Hold the output folder's lock (making the folder) for the block;
    wait up to ``wait`` seconds for another build to release it, then
    raise `OutputBusy`. The folder and the lock file are never links."""
    try:
        folder = open_folder(out, create=True)
    except UnsafePath:
        raise
    except OSError as exc:
        raise OutputError(f"{out}: cannot create the folder ({exc.strerror or exc})") from None
    try:
        fd = os.open(LOCK_FILE, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o644, dir_fd=folder)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise UnsafePath(f"{out / LOCK_FILE} is a symbolic link; remove it") from None
        raise OutputError(f"{out}: cannot create the lock file ({exc.strerror or exc})") from None
    finally:
        os.close(folder)
    try:
        _acquire(fd, out, wait)
        yield
    finally:
        os.close(fd)  # releases the lock


def _acquire(fd: int, out: Path, wait: float) -> None:
    deadline = time.monotonic() + wait
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if time.monotonic() >= deadline:
                raise OutputBusy(
                    f"another govdocs build is writing into {out} (it holds {out / LOCK_FILE}); "
                    f"waited {wait:g} s: let it finish, or give another --out"
                ) from None
            time.sleep(0.1)


class TempFolder:
    """A fresh folder ``<parent>/<prefix><random>`` of this process alone,
    locked while it lives. Made and swept under a lock on ``parent``, so a
    sweep never takes a folder that is being made."""

    def __init__(self, parent: Path, prefix: str):
        parent_fd = open_folder(parent, create=True)
        try:
            fcntl.flock(parent_fd, fcntl.LOCK_EX)
            _sweep(parent, parent_fd, prefix)
            name = prefix + secrets.token_hex(8)
            os.mkdir(name, 0o700, dir_fd=parent_fd)
            self.fd = os.open(name, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW, dir_fd=parent_fd)
            fcntl.flock(self.fd, fcntl.LOCK_EX)
        finally:
            os.close(parent_fd)  # also releases the lock on parent
        self.path = parent / name

    def close(self) -> None:
        """Remove the folder and what is left in it."""
        shutil.rmtree(self.path, ignore_errors=True)
        os.close(self.fd)


def _sweep(parent: Path, parent_fd: int, prefix: str) -> None:
    # A folder whose lock can be taken belongs to a build that has ended
    # (killed: a finished build removes its own).
    for name in os.listdir(parent_fd):
        if not name.startswith(prefix):
            continue
        try:
            fd = os.open(name, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW, dir_fd=parent_fd)
        except OSError:
            continue  # not a folder of ours (a file, a link): left alone
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            continue  # a live build's
        shutil.rmtree(name, dir_fd=parent_fd, ignore_errors=True)
        os.close(fd)


def clear_temp(folder: Path) -> int:
    """Remove the temporary files a killed build left beside its outputs
    (only called while holding the folder's lock); the count."""
    removed = 0
    for leftover in folder.glob(".*.tmp"):
        if leftover.is_file() or leftover.is_symlink():
            leftover.unlink(missing_ok=True)
            removed += 1
    return removed

"""The output cache: a content-addressed store, verified on every read.

    cas/<d[:2]>/<d>   blobs, stored under the SHA-256 of their bytes
    ac/<k[:2]>/<k>    action entries: a cache key (plan.py) → a blob's digest
    tmp/              each build's own temporary folder

A build looks up an output's key in the action map, then the blob by its
digest, and hashes the blob before using it: a flipped byte, a truncated
PDF or a file swapped in by hand is a miss (rendered again, with a
warning), never an output. Nothing is followed through a symbolic link.
The store is only an optimisation: when its folder is full, read-only or
not a folder, the build warns once and goes on without it.

`Store` is the whole interface, so the remote cache (`remote.RemoteStore`:
S3, HTTP) stands behind the same four calls, and a fifth that lets it look
keys up in parallel.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Protocol

from govdocs.build.atomic import TempFolder
from govdocs.safepath import UnsafePath, is_inside, open_folder, read_beneath, write_beneath

DIGEST = re.compile(r"[0-9a-f]{64}")
"""A SHA-256 in hex: the only name a blob or an action entry can have."""


class Store(Protocol):
    """Blobs by digest and an action map from cache keys to digests."""

    def get(self, digest: str) -> bytes | None:
        """The blob whose SHA-256 is ``digest``, checked; None when absent."""
        ...

    def put(self, data: bytes) -> str:
        """Store ``data``; its digest."""
        ...

    def get_action(self, key: str) -> str | None:
        """The digest recorded for cache key ``key``; None when absent."""
        ...

    def put_action(self, key: str, digest: str) -> None:
        """Record that ``key`` made the blob ``digest``."""
        ...

    def prefetch(self, keys: Iterable[str]) -> None:
        """Get ready to be asked for ``keys`` (a remote store looks them up
        in parallel); nothing for a local one."""
        ...

    def close(self) -> None:
        """Remove this build's temporary files."""
        ...


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class NoStore:
    """No cache at all: every output is rendered."""

    def get(self, digest: str) -> bytes | None:
        return None

    def put(self, data: bytes) -> str:
        return sha256(data)

    def get_action(self, key: str) -> str | None:
        return None

    def put_action(self, key: str, digest: str) -> None:
        pass

    def prefetch(self, keys: Iterable[str]) -> None:
        pass

    def close(self) -> None:
        pass


Warn = Callable[[str], None]


class LocalStore:
    """The store in a local folder (see the module's docstring)."""

    def __init__(self, folder: Path, warn: Warn):
        self.folder = folder
        self.warn = warn
        self.usable = True
        os.close(open_folder(folder, create=True))  # refuses a folder that is a link
        self.temp = TempFolder(folder / "tmp", "build-")

    @property
    def tmp(self) -> Path:
        return self.temp.path

    def get(self, digest: str) -> bytes | None:
        if not DIGEST.fullmatch(digest):
            return None
        data = self._read(f"cas/{digest[:2]}/{digest}")
        if data is not None and sha256(data) != digest:
            self.warn(f"{self.folder}: warning: cache entry cas/{digest[:2]}/{digest} does not match its "
                      "SHA-256 (corrupt or edited); rendering the output again")
            return None
        return data

    def put(self, data: bytes) -> str:
        digest = sha256(data)
        self._write(f"cas/{digest[:2]}/{digest}", data)
        return digest

    def get_action(self, key: str) -> str | None:
        if not DIGEST.fullmatch(key):
            return None
        data = self._read(f"ac/{key[:2]}/{key}")
        if data is None:
            return None
        digest = data.decode("ascii", "replace").strip()
        if not DIGEST.fullmatch(digest):
            self.warn(f"{self.folder}: warning: cache entry ac/{key[:2]}/{key} is not a digest; ignored")
            return None
        return digest

    def put_action(self, key: str, digest: str) -> None:
        if DIGEST.fullmatch(key) and DIGEST.fullmatch(digest):
            self._write(f"ac/{key[:2]}/{key}", f"{digest}\n".encode())

    def prefetch(self, keys: Iterable[str]) -> None:
        pass

    def close(self) -> None:
        self.temp.close()

    def _read(self, name: str) -> bytes | None:
        if not self.usable:
            return None
        try:
            return read_beneath(self.folder, name)
        except FileNotFoundError:
            return None
        except UnsafePath as exc:  # a link in the cache: someone else has been writing here
            self._give_up(exc.message)
        except OSError as exc:
            self._give_up(exc.strerror or str(exc))
        return None

    def _write(self, name: str, data: bytes) -> None:
        if not self.usable:
            return
        try:
            write_beneath(self.folder, name, data, tmp_dir=self.tmp)
        except UnsafePath as exc:
            self._give_up(exc.message)
        except OSError as exc:
            self._give_up(exc.strerror or str(exc))

    def _give_up(self, reason: str) -> None:
        # once: the rest of the build neither reads nor writes the cache
        self.usable = False
        self.warn(f"{self.folder}: warning: output cache unusable ({reason}); building without it")


def open_store(folder: Path, records: Path, warn: Warn) -> Store:
    """The local store in ``folder``, or `NoStore` (with one warning) when
    it lies inside the records repository (whose content is untrusted:
    a committed entry would be published) or cannot be opened."""
    if is_inside(folder, records):
        warn(f"{folder}: warning: the output cache is inside the records repository, whose files anyone "
             "proposing a change can write; building without a cache (give --cache-dir elsewhere)")
        return NoStore()
    try:
        return LocalStore(folder, warn)
    except UnsafePath as exc:
        warn(f"{folder}: warning: output cache unusable ({exc.message}); building without it")
    except OSError as exc:
        warn(f"{folder}: warning: output cache unusable ({exc.strerror or exc}); building without it")
    return NoStore()


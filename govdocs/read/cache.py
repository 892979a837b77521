"""A per-file cache of parsed and schema-checked records.

Reading YAML with positions is most of the cost of validating a large
repository (several milliseconds per typical decision with PyYAML's
pure-Python parser), and a CI run or a second `govdocs validate` reads
mostly unchanged files. Each file's result
(the model and its problems) is pickled under a key made of the file's
bytes, the name shown in messages and govdocs' code, in this user's cache
folder (``$XDG_CACHE_HOME/govdocs/load``, default ``~/.cache``): never in
the records folder, which validation must leave untouched. A cached record's positions are read
again from its file only when a message needs them (`LazySourceDoc`).

Entries are pickles, and unpickling runs code, so a crafted entry (planted
by another user of a shared cache folder, or restored from somewhere else)
must not get run: every entry carries an HMAC made with a per-user secret
(``$XDG_CACHE_HOME/govdocs/cache-key``, mode 0600), and an entry whose HMAC
does not match is ignored unread.

The cache is an optimisation only: any failure to read or write it falls
back to reading the file, and ``GOVDOCS_NO_CACHE=1`` turns it off.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import pickle
import secrets
import stat
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

from govdocs.problems import Problem, relpath
from govdocs.read.yamlsource import MAX_FILE_BYTES, SourceDoc, load_file

Loaded = tuple[Any, SourceDoc | None, list[Problem]]


class LazySourceDoc(SourceDoc):
    """A `SourceDoc` whose text and positions are read from the file on
    first use (cached records need them only for messages)."""

    def __init__(self, file: str, path: Path):  # no dataclass __init__: nothing loaded yet
        self.file = file
        self._path = path
        self._doc: SourceDoc | None = None

    def _loaded(self) -> SourceDoc:
        if self._doc is None:
            self._doc = load_file(self._path, self.file)
        return self._doc

    data = property(lambda self: self._loaded().data)
    text = property(lambda self: self._loaded().text)
    key_spans = property(lambda self: self._loaded().key_spans)
    value_spans = property(lambda self: self._loaded().value_spans)


def cached_loader(load: Callable[[Path], Loaded]) -> Callable[[Path], Loaded]:
    """``load`` wrapped with the cache; ``load`` itself when caching is off."""
    if os.environ.get("GOVDOCS_NO_CACHE"):
        return load
    try:
        secret_key()
    except OSError:  # no writable home (a locked-down CI runner): no cache
        return load
    folder = user_cache_dir() / "load"

    def load_cached(path: Path) -> Loaded:
        try:
            # only regular files within the reader's size limit are hashed;
            # anything else goes straight to the reader, which refuses it
            # without reading it all (a device, a pipe, a 10 GB file)
            info = path.lstat()  # a link goes to the reader, which refuses it
            if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_FILE_BYTES:
                return load(path)
            raw = path.read_bytes()
        except OSError:
            return load(path)
        shown = relpath(path)
        entry = _entry(folder, _key(raw, shown))
        hit = read_entry(entry)
        if isinstance(hit, tuple) and len(hit) == 2:
            record, problems = hit
            return record, LazySourceDoc(shown, path), problems
        record, doc, problems = load(path)
        if doc is not None:  # unreadable files are cheap to re-read and rare
            write_entry(entry, (record, problems))
        return record, doc, problems

    def is_cached(path: Path) -> bool:
        """Whether ``path`` as it is now has an entry (no entry is read)."""
        try:
            return _entry(folder, _key(path.read_bytes(), relpath(path))).is_file()
        except OSError:
            return False

    load_cached.is_cached = is_cached  # type: ignore[attr-defined]
    return load_cached


def _entry(folder: Path, key: str) -> Path:
    """Entries fan out over 256 subfolders (as git's objects do): creating
    files in one folder of tens of thousands is slow."""
    return folder / key[:2] / key[2:]


def _key(raw: bytes, shown: str) -> str:
    digest = hashlib.sha256(raw)
    digest.update(b"\0" + shown.encode() + b"\0" + code_digest().encode())
    return digest.hexdigest()


@cache
def code_digest() -> str:
    """SHA-256 over govdocs' own Python files (names and bytes), except the
    command line and the build stage, which shape no record or document."""
    package = Path(__file__).resolve().parents[1]
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*.py")):
        name = path.relative_to(package)
        if name.parts[0] not in ("cli", "build"):
            digest.update(name.as_posix().encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def read_entry(entry: Path) -> Any:
    """The value pickled in a signed cache entry; None when it is missing
    or not signed by this user."""
    try:
        blob = entry.read_bytes()
    except OSError:
        return None
    mac, payload = blob[:32], blob[32:]
    if not hmac.compare_digest(mac, _sign(payload)):
        return None  # foreign, tampered or truncated: never unpickled
    try:
        value = pickle.loads(payload)
    except Exception:  # written by another version of a model class
        return None
    return value


def write_entry(entry: Path, value: Any) -> None:
    """Pickle and sign ``value`` into ``entry``, atomically; failures are
    ignored (the cache is only an optimisation)."""
    tmp = entry.with_name(f".{entry.name}.{os.getpid()}.tmp")
    try:
        payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        entry.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_bytes(_sign(payload) + payload)
        os.replace(tmp, entry)  # atomic: readers never see half an entry
    except (OSError, pickle.PicklingError):
        tmp.unlink(missing_ok=True)


def _sign(payload: bytes) -> bytes:
    return hmac.new(secret_key(), payload, hashlib.sha256).digest()


def user_cache_dir() -> Path:
    """``$XDG_CACHE_HOME/govdocs`` (default ``~/.cache/govdocs``)."""
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "govdocs"


@cache
def secret_key() -> bytes:
    """This user's cache-signing key, created on first use (mode 0600)."""
    path = user_cache_dir() / "cache-key"
    try:
        return path.read_bytes()
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".cache-key.{os.getpid()}")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(secrets.token_bytes(32))
        os.replace(tmp, path)  # two racing processes: one key wins, both read it
        return path.read_bytes()

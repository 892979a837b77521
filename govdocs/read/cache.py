"""What the persistent index (`govdocs.read.index`) and the output cache
share: the user's cache folder (``$XDG_CACHE_HOME/govdocs``, default
``~/.cache/govdocs``: never the records folder, which validation must leave
untouched), this user's secret key that signs every pickled entry
(``cache-key``, mode 0600: unpickling runs code, so an entry planted by
another user of a shared cache folder is never unpickled), the digest of
govdocs' own code that every entry is made under, and `LazySourceDoc`, the
source of an indexed record whose positions are read from its file only
when a message needs them.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from functools import cache
from pathlib import Path
from typing import Any

from govdocs.problems import Span
from govdocs.read.yamlsource import (
    DataPath,
    SourceDoc,
    YamlError,
    decode,
    load_file,
    quick_span,
    quick_text,
    read_raw,
)

_UNREAD = object()


class LazySourceDoc(SourceDoc):
    """A `SourceDoc` whose text and positions are read from the file on
    first use (cached records need them only for messages)."""

    def __init__(self, file: str, path: Path | str):  # no dataclass __init__: nothing loaded yet
        # (``path`` may be text: a derived table names 100,000 files, and a Path each costs)
        self.file = file
        self._path = path
        self._doc: SourceDoc | None = None
        self._text: Any = _UNREAD

    def _loaded(self) -> SourceDoc:
        if self._doc is None:
            self._doc = load_file(self._path, self.file)
        return self._doc

    def span(self, path: DataPath, *, key: bool = False) -> Span | None:
        """One position, from libyaml's events of the file when it is one
        the lean reader reads (`quick_span`: a listing's file:line:col for
        thousands of records), else from the careful reader."""
        if self._doc is None:
            if self._text is _UNREAD:
                try:
                    self._text = quick_text(decode(read_raw(self._path)[0]))
                except YamlError:
                    self._text = None
            if self._text is not None:
                found = quick_span(self._text, path, key=key)
                if found is not None:
                    return found
        return super().span(path, key=key)

    data = property(lambda self: self._loaded().data)
    text = property(lambda self: self._loaded().text)
    key_spans = property(lambda self: self._loaded().key_spans)
    value_spans = property(lambda self: self._loaded().value_spans)


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


def sign(payload: bytes) -> bytes:
    """The HMAC of ``payload`` under this user's secret key."""
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

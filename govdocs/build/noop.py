"""A build with nothing to do, known without reading a record.

After a build, what it was asked (formats, public or not, shard, language,
reports, strict, draft, the day it builds as of), the state of the records
it read (`govdocs.derive.store`: every file's name and content hash, the
code) and govdocs' own code and templates make one key. The key, the
manifest's SHA-256 and what the build reported are kept in the user's cache
(``builds/``, never in the records or the output folder, whose files a
merged build must match byte for byte), signed like every cache entry.

A later build whose key is the same, in a folder whose manifest is that
manifest and whose every output is intact (by SHA-256, as any reuse is
checked), is that build again: it reads no record, plans nothing and
writes nothing, and reports what the first one reported. Anything else,
one byte of one output included, goes the whole way (`builder.build`).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import pickle
from collections.abc import Callable
from pathlib import Path
from typing import Any

from govdocs.build.manifest import MANIFEST, Manifest, parse_manifest
from govdocs.safepath import UnsafePath, read_beneath


def build_key(state: str, asked: dict[str, Any], code: tuple[str, ...]) -> str:
    """The key of a build of the records in ``state``, asked ``asked``, by
    this code and these templates."""
    text = json.dumps({"state": state, "asked": asked, "code": code}, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def recall(out: Path, key: str, intact: Callable[[str, Any], bool]) -> tuple[Manifest, dict[str, Any]] | None:
    """The manifest and report of the build ``key`` in ``out``, when it is
    the last one made there and every output is still ``intact``."""
    from govdocs.read.cache import sign

    try:
        raw = _record_file(out).read_bytes()
        mac, payload = raw[:32], raw[32:]
        if not hmac.compare_digest(mac, sign(payload)):
            return None
        record = pickle.loads(payload)  # noqa: S301 (signed with this user's key)
        if record["key"] != key:
            return None
        manifest_bytes = read_beneath(out, MANIFEST)
    except (OSError, UnsafePath, pickle.UnpicklingError, KeyError, TypeError, ValueError, EOFError):
        return None
    if hashlib.sha256(manifest_bytes).hexdigest() != record["manifest"]:
        return None
    manifest = parse_manifest(manifest_bytes, out / MANIFEST)
    if not all(intact(name, entry) for name, entry in manifest.outputs.items()):
        return None
    return manifest, record["report"]


def remember(out: Path, key: str, report: dict[str, Any]) -> None:
    """Keep ``key`` and ``report`` as the last build made in ``out``."""
    from govdocs.read.cache import sign

    try:
        manifest = hashlib.sha256(read_beneath(out, MANIFEST)).hexdigest()
        payload = pickle.dumps({"key": key, "manifest": manifest, "report": report},
                               protocol=pickle.HIGHEST_PROTOCOL)
        path = _record_file(out)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}")
        tmp.write_bytes(sign(payload) + payload)
        os.replace(tmp, path)
    except (OSError, UnsafePath, pickle.PicklingError):
        pass  # only slower next time


def forget(out: Path) -> None:
    """The next build in ``out`` goes the whole way."""
    try:
        _record_file(out).unlink()
    except OSError:
        pass


def _record_file(out: Path) -> Path:
    from govdocs.read.cache import user_cache_dir

    name = hashlib.sha256(os.path.abspath(out).encode()).hexdigest()[:24]
    return user_cache_dir() / "builds" / f"{name}.build"

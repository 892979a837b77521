"""manifest.json: every output of a build with its source, format, cache
key and SHA-256, written deterministically (sorted keys, no times), so two
builds of the same records give the same manifest byte for byte."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from govdocs import __version__
from govdocs.errors import InputError
from govdocs.safepath import UnsafePath, check_name, read_beneath, write_beneath

MANIFEST = "manifest.json"
MANIFEST_VERSION = 1


class ManifestError(InputError):
    """A manifest that cannot be read or merged."""


@dataclass(frozen=True)
class Entry:
    """One output file as the manifest records it."""

    id: str
    source: str
    format: str
    key: str
    sha256: str
    bytes: int


@dataclass
class Manifest:
    """The outputs of one build (or of merged shards), by path."""

    formats: list[str]
    public: bool
    shard: str | None = None
    outputs: dict[str, Entry] = field(default_factory=dict)
    lang: str | None = None
    """The language built in (None: each record's own)."""

    def to_json(self) -> str:
        data = {
            "manifest": MANIFEST_VERSION,
            "generator": f"govdocs {__version__}",
            "formats": sorted(self.formats),
            "public": self.public,
            "shard": self.shard,
            "outputs": {path: asdict(entry) for path, entry in self.outputs.items()},
        }
        if self.lang is not None:
            data["lang"] = self.lang
        return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"

    def write(self, folder: Path, tmp_dir: Path | None = None) -> None:
        write_beneath(folder, MANIFEST, self.to_json().encode(), tmp_dir=tmp_dir, sync=True)

    def sources(self) -> dict[str, dict[str, Any]]:
        """Per source id: its record file and the formats built for it."""
        found: dict[str, dict[str, Any]] = {}
        for entry in self.outputs.values():
            item = found.setdefault(entry.id, {"source": entry.source, "formats": []})
            item["formats"].append(entry.format)
        return found


def read_manifest(folder: Path) -> Manifest | None:
    """The manifest in ``folder``; None when there is none yet. A manifest
    that is a link (committed beside the records) is refused, not read."""
    try:
        raw = read_beneath(folder, MANIFEST)
    except FileNotFoundError:
        return None
    return parse_manifest(raw, folder / MANIFEST)


def parse_manifest(raw: bytes, path: Path) -> Manifest:
    """The manifest whose bytes are ``raw`` (read from ``path``)."""
    try:
        data = json.loads(raw.decode("utf-8"))
        outputs = {_checked(name): Entry(**entry) for name, entry in data["outputs"].items()}
        shard, lang = data.get("shard"), data.get("lang")
        return Manifest(list(data["formats"]), bool(data["public"]), shard, outputs, lang)
    except UnsafePath:
        raise  # says which name is unsafe; the caller stops before writing
    except (ValueError, KeyError, TypeError) as exc:
        raise ManifestError(f"{path}: not a govdocs manifest ({exc})") from None


def _checked(name: str) -> str:
    # The output folder may come with the records, so its manifest is input:
    # a name like '../../x' must stop the build before anything is written
    # (removing stale outputs would otherwise delete outside the folder).
    for part in name.split("/"):
        check_name(part)
    return name

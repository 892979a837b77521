"""The content-addressed output cache: rendered bytes stored under their
cache key, so a build restores any output it has made before (after a
branch switch, or in CI with the cache folder kept between runs) instead of
rendering it again."""

from __future__ import annotations

import shutil
from pathlib import Path

from govdocs.build.atomic import clear_temp
from govdocs.safepath import atomic_write

CACHE_DIR_NAME = ".govdocs-cache"


class OutputCache:
    """Objects at ``<dir>/objects/<key[:2]>/<key>``; temporary files for
    atomic writes in ``<dir>/tmp`` (emptied by `open`)."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.objects = folder / "objects"
        self.tmp = folder / "tmp"

    def open(self) -> OutputCache:
        """Create the folders and clear what a killed build left behind."""
        self.objects.mkdir(parents=True, exist_ok=True)
        self.tmp.mkdir(parents=True, exist_ok=True)
        clear_temp(self.tmp)
        return self

    def path(self, key: str) -> Path:
        return self.objects / key[:2] / key

    def has(self, key: str) -> bool:
        return self.path(key).is_file()

    def get(self, key: str) -> bytes | None:
        try:
            return self.path(key).read_bytes()
        except FileNotFoundError:
            return None

    def put(self, key: str, data: bytes) -> None:
        atomic_write(self.path(key), data, tmp_dir=self.tmp, sync=False)

    def clear(self) -> None:
        """Forget every stored output."""
        shutil.rmtree(self.objects, ignore_errors=True)

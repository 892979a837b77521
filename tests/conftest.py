"""Shared fixtures: the project root and a
copy of the bundled records that a test may break without touching the
real ones."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.bundled import copy_registry

ROOT = Path(__file__).resolve().parents[1]
SEED = "decisions/2016/kj-2016-59.yaml"


@pytest.fixture(autouse=True)
def user_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A cache folder of each test's own ($XDG_CACHE_HOME, where builds keep
    their output cache), outside tmp_path so trees compared there hold
    only what the test made; no test sees another's cached outputs."""
    folder = tmp_path_factory.mktemp("xdg-cache")
    monkeypatch.setenv("XDG_CACHE_HOME", str(folder))
    return folder


@pytest.fixture
def root() -> Path:
    return ROOT


@pytest.fixture
def records(tmp_path: Path) -> Path:
    """A writable copy of registry.yaml and decisions/ in tmp_path."""
    dest = tmp_path / "records"
    dest.mkdir()
    copy_registry(dest)
    shutil.copytree(ROOT / "decisions", dest / "decisions")
    return dest


@pytest.fixture
def edit(records: Path) -> Callable[[str, str, str], Path]:
    """Replace exactly one occurrence of ``old`` by ``new`` in a record
    file of the copy; fails loudly if ``old`` is not there once."""

    def _edit(relative: str, old: str, new: str) -> Path:
        path = records / relative
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {relative}"
        path.write_text(text.replace(old, new), encoding="utf-8")
        return path

    return _edit

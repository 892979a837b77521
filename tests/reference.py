"""The published reference texts some tests compare with: decisions,
appeal instructions. They are not part of the project (never copied in);
they sit in ``../shared/reference`` beside the checkout, or wherever
``$GOVDOCS_REFERENCE`` points.

When the folder is absent a test that needs it is skipped, all for the one
reason below, so a fresh clone's suite passes. CI sets
``GOVDOCS_REQUIRE_REFERENCE=1``: there an absent folder fails the test, so
the comparisons can never be skipped quietly."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
ABSENT = (
    "../shared/reference not found; set GOVDOCS_REFERENCE to the reference folder to run the tests "
    "that compare with published texts (GOVDOCS_REQUIRE_REFERENCE=1 makes this a failure, as in CI)"
)


def reference_root() -> Path:
    """``$GOVDOCS_REFERENCE``, else ``<project>/../shared/reference`` (neither need exist)."""
    given = os.environ.get("GOVDOCS_REFERENCE")
    return Path(given) if given else ROOT.parent / "shared" / "reference"


def reference(relative: str) -> Path:
    """The reference file ``relative`` (e.g. ``seed/000_….txt``). Skips the
    calling test when the reference folder is absent, fails it instead when
    ``GOVDOCS_REQUIRE_REFERENCE=1``; a folder without the file is a broken
    reference and always fails."""
    root = reference_root()
    _require(root)
    path = root / relative
    if not path.is_file():
        pytest.fail(f"the reference folder {root} has no {relative}", pytrace=False)
    return path


def _require(root: Path) -> None:
    """Skip (or in CI fail) the calling test when ``root`` is absent."""
    if not root.is_dir():
        if os.environ.get("GOVDOCS_REQUIRE_REFERENCE") == "1":
            pytest.fail(f"GOVDOCS_REQUIRE_REFERENCE=1 but the reference folder {root} is absent", pytrace=False)
        pytest.skip(ABSENT)


def schemas(name: str) -> Path:
    """The shared JSON Schema folder ``name`` ('oparl-1.1', 'popolo'),
    beside the reference folder; skipped or failed as :func:`reference`."""
    root = reference_root()
    _require(root)
    folder = root.parent / "schemas" / name
    if not folder.is_dir():
        pytest.fail(f"the shared folder {root.parent} has no schemas/{name}", pytrace=False)
    return folder

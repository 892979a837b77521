"""Where govdocs finds its own data: labels, appeal texts, HTML templates,
kinds, report labels and fonts.

They live in ``templates/`` at the top of the repository (one place to edit
them, beside the code, not inside it); the wheel carries the same folder
inside the package as ``govdocs/templates`` (``pyproject.toml`` maps it).
Every module asks here, so an installed govdocs and a checkout read the
same files the same way."""

from __future__ import annotations

from pathlib import Path

__all__ = ["TEMPLATES_DIR", "templates_root"]

_PACKAGE = Path(__file__).resolve().parent


def templates_root() -> Path:
    """The templates folder: ``govdocs/templates`` in an installed wheel,
    else the checkout's top-level ``templates/`` (editable installs and
    running from the source tree)."""
    installed = _PACKAGE / "templates"
    if installed.is_dir():
        return installed
    return _PACKAGE.parent / "templates"


TEMPLATES_DIR = templates_root()
"""`templates_root`, found once at import: the folder does not move while govdocs runs."""

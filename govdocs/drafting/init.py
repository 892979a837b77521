"""`govdocs init`: start a records repository.

The files are data under ``templates/init/`` (a registry that validates,
editor settings, a pre-commit configuration, the CI workflow), plus the
JSON Schemas of the installed govdocs where the modelines of
``govdocs new`` point. The CI workflow and the pre-commit hook install
govdocs from its git repository at the tag of the version that wrote the
files, so a records repository's schemas, hook and CI agree.

Nothing existing is overwritten and nothing is written through a symbolic
link: every target is checked first, and one problem stops the whole
run before anything is written."""

from __future__ import annotations

import os
import re
from pathlib import Path

from govdocs import __version__
from govdocs.errors import InputError
from govdocs.problems import Problem
from govdocs.resources import TEMPLATES_DIR
from govdocs.safepath import atomic_write

__all__ = ["SOURCE", "InitError", "init_repository", "skeleton", "workflow_text"]

SOURCE = "https://github.com/<org>/govdocs"
"""Where records repositories install govdocs from, until ``--source``
names the real repository. ``<org>`` is no valid account name, so the
placeholder can never install someone else's code."""

SKELETON_DIR = TEMPLATES_DIR / "init"
# path in the new repository: file under templates/init/ (no dot files
# there: package data globs skip them, and tools would take them as ours)
SKELETON: dict[str, str] = {
    "registry.yaml": "registry.yaml",
    "decisions/README.md": "decisions-README.md",
    ".vscode/settings.json": "vscode-settings.json",
    ".pre-commit-config.yaml": "pre-commit-config.yaml",
    ".github/workflows/govdocs.yml": "github-workflow.yml",
    ".gitignore": "gitignore",
}
SCHEMAS = {"decision": "docs/decision.schema.json", "registry": "docs/registry.schema.json"}
"""Where the schemas go; the modeline `govdocs new` writes in
``decisions/<year>/`` is ``../../`` + the decision schema's path."""

# A git URL pip and pre-commit both take; no quote, space or backslash, so
# it cannot break out of the YAML string it is written into.
_URL = re.compile(r"[a-z][a-z0-9+.-]*://[^\s\"'\\<>]+", re.IGNORECASE)


class InitError(InputError):
    """`init_repository` refused, having written nothing: every target in
    the way (it exists, or lies behind a symbolic link) is a problem."""

    def __init__(self, problems: list[Problem]):
        self._problems = problems
        super().__init__(f"{len(problems)} file(s) in the way; nothing written")

    @property
    def problems(self) -> list[Problem]:
        return self._problems


def _fill(text: str, source: str, rev: str) -> str:
    return text.replace("[[source]]", source).replace("[[rev]]", rev)


def workflow_text(source: str = SOURCE, rev: str = f"v{__version__}") -> str:
    """The CI workflow of a records repository (also docs/ci/github-actions.yml)."""
    return _fill((SKELETON_DIR / SKELETON[".github/workflows/govdocs.yml"]).read_text("utf-8"), source, rev)


def skeleton(source: str = SOURCE, rev: str = f"v{__version__}") -> dict[str, bytes]:
    """Every file `init_repository` writes, by its path in the new repository."""
    from govdocs.docs import schema_text  # pydantic: only when a repository is made

    files = {
        target: _fill((SKELETON_DIR / name).read_text("utf-8"), source, rev).encode("utf-8")
        for target, name in SKELETON.items()
    }
    for kind, target in SCHEMAS.items():
        files[target] = schema_text(kind).encode("utf-8")
    return files


def check_source(source: str) -> str:
    """``source`` when it is a git URL (``https://…``, ``ssh://…``, ``file://…``);
    raise ValueError saying what is expected."""
    if not _URL.fullmatch(source) or "[[" in source:
        raise ValueError(
            f"{source!r} is not a git URL; give one like https://github.com/ORGANISATION/govdocs"
        )
    return source


def init_repository(root: Path, source: str = SOURCE) -> list[str]:
    """Write the skeleton of a records repository into ``root`` (created
    when missing) and return the paths written, relative to ``root``.
    Raises `InitError`, having written nothing, when any target exists or
    any folder on the way is a symbolic link."""
    files = skeleton(source if source == SOURCE else check_source(source))
    if root.exists() and not root.is_dir():
        raise InitError([_refused(root, "exists and is not a folder")])
    base = root.resolve()  # links in the path the user typed are theirs; below it, none is followed
    refused = [_refused(root / target, why) for target in files if (why := _refusal(base, target))]
    if refused:
        raise InitError(refused)
    for target, data in files.items():
        atomic_write(base / target, data, root=base)
    return list(files)


def _refused(path: Path, why: str) -> Problem:
    return Problem(str(path), None, why, code="init-refused")


def _refusal(base: Path, target: str) -> str | None:
    """Why ``target`` cannot be written under ``base``, or None."""
    path = base
    for part in Path(target).parts:
        path = path / part
        if path.is_symlink():
            shown = "" if path == base / target else f"{path.relative_to(base)}/ "
            return f"{shown}is a symbolic link; govdocs init writes nothing through links"
        if not os.path.lexists(path):
            return None
        if path != base / target and not path.is_dir():
            return f"{path.relative_to(base)} is a file, not a folder"
    return "exists already; govdocs init never overwrites a file"

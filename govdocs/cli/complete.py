"""Light scans of a records repository, for shell completion and for
turning a record file into its id: file names and top-level ``id:`` lines,
never a full read and check (completion runs on every Tab)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import click
from click.shell_completion import CompletionItem

REGISTRY = "registry.yaml"
RECORDS = "decisions"
_ID_LINE = re.compile(r"""^id:[ \t]*["']?([^"'\s#]+)""", re.M)
_HEAD = 4096
"""Bytes read to find a record's ``id:`` (it is near the top)."""


def find_root(start: Path | None = None) -> Path | None:
    """The folder holding registry.yaml, from ``start`` upward (no error)."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / REGISTRY).is_file():
            return folder
    return None


def record_files(root: Path) -> list[Path]:
    base = root / RECORDS
    if not base.is_dir():
        return []
    return sorted(p for p in base.rglob("*.y*ml") if p.suffix in (".yaml", ".yml") and not p.is_symlink())


def record_id(path: Path) -> str | None:
    """The top-level ``id:`` of a record file, or None."""
    try:
        with path.open("rb") as handle:
            head = handle.read(_HEAD).decode("utf-8", errors="replace")
    except OSError:
        return None
    found = _ID_LINE.search(head)
    return found.group(1) if found else None


def decision_ids(root: Path) -> list[str]:
    """Decision ids as the file names give them (``<id>.yaml``)."""
    return [p.stem for p in record_files(root)]


def file_of(root: Path, wanted: str) -> Path | None:
    """The record file of decision ``wanted``: by file name, else by scan."""
    files = record_files(root)
    for path in files:
        if path.stem == wanted:
            return path
    return next((path for path in files if record_id(path) == wanted), None)


def registry_ids(root: Path, section: str) -> list[str]:
    """The ids of one list in registry.yaml (``organisations``, ...)."""
    import yaml

    try:
        data = yaml.load((root / REGISTRY).read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    except (OSError, yaml.YAMLError, UnicodeDecodeError):
        return []
    items = data.get(section) if isinstance(data, dict) else None
    return [str(item["id"]) for item in items or [] if isinstance(item, dict) and "id" in item]


def kind_names(root: Path | None) -> list[str]:
    from govdocs.resources import TEMPLATES_DIR

    folders = [TEMPLATES_DIR / "kinds"] + ([root / "templates" / "kinds"] if root else [])
    return sorted({p.stem for folder in folders if folder.is_dir() for p in folder.glob("*.yaml")})


# --- click completion callbacks ---------------------------------------------------


def _root(ctx: click.Context) -> Path | None:
    given = ctx.params.get("repo") or ctx.params.get("legacy_path")
    return find_root(Path(given) if given else None)


def _items(words: list[str], incomplete: str) -> list[CompletionItem]:
    return [CompletionItem(w) for w in sorted(set(words)) if w.startswith(incomplete)]


def decisions(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    """Decision ids, and files when what is typed looks like a path."""
    if "/" in incomplete or incomplete.startswith("."):
        return [CompletionItem(incomplete, type="file")]
    root = _root(ctx)
    return _items(decision_ids(root), incomplete) if root else []


_MEETING_LINE = re.compile(r"""^record:[ \t]*["']?meeting\b""", re.M)


def meeting_ids(root: Path) -> list[str]:
    """Ids of the meeting records (``record: meeting`` near the top)."""
    found = []
    for path in record_files(root):
        try:
            with path.open("rb") as handle:
                head = handle.read(_HEAD).decode("utf-8", errors="replace")
        except OSError:
            continue
        if _MEETING_LINE.search(head):
            ident = _ID_LINE.search(head)
            found.append(ident.group(1) if ident else path.stem)
    return found


def meetings(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    """Meeting ids, and files when what is typed looks like a path."""
    if "/" in incomplete or incomplete.startswith("."):
        return [CompletionItem(incomplete, type="file")]
    root = _root(ctx)
    return _items(meeting_ids(root), incomplete) if root else []


def _registry(section: str) -> Any:
    def complete(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
        root = _root(ctx)
        return _items(registry_ids(root, section), incomplete) if root else []

    return complete


organisations = _registry("organisations")
makers = _registry("decision_makers")
functions = _registry("functions")


def subjects(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    """Functions and organisations (the subjects of an audit)."""
    return organisations(ctx, param, incomplete) + _registry("functions")(ctx, param, incomplete)


def kinds(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    # 'meeting' is no kind file: `govdocs new meeting` starts a meeting record
    return _items(sorted({*kind_names(_root(ctx)), "meeting"}), incomplete)

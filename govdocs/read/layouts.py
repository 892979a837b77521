"""Read the layout profiles a repository's municipalities name: a
repository's own ``layouts/<name>.yaml`` first, else the shipped
``templates/layouts/<name>.yaml``; each schema-checked with located problems
like every other input."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter

from govdocs.checks.schema import check
from govdocs.model.layout import Layout, Part
from govdocs.problems import Problem, relpath
from govdocs.read.yamlsource import SourceDoc, YamlError, load_file
from govdocs.resources import TEMPLATES_DIR

__all__ = ["LAYOUTS_DIR", "SHIPPED_LAYOUTS", "layout_file", "load_layout", "shipped_layout"]

LAYOUTS_DIR = "layouts"
"""A repository's own profiles, beside registry.yaml."""
SHIPPED_LAYOUTS = TEMPLATES_DIR / "layouts"
"""The profiles govdocs ships (Helsinki, Espoo, Turku)."""
_ADAPTER = TypeAdapter(Layout)


def layout_file(root: Path, name: str) -> Path | None:
    """The file of profile ``name``: the repository's own, else the shipped
    one; None when neither exists (a name with a path in it never does)."""
    if not name or "/" in name or "\\" in name or name.startswith("."):
        return None
    for folder in (root / LAYOUTS_DIR, SHIPPED_LAYOUTS):
        path = folder / f"{name}.yaml"
        if path.is_file() and not path.is_symlink():
            return path
    return None


def load_layout(path: Path) -> tuple[Layout | None, list[Problem]]:
    """The profile in ``path``, or its problems (file:line:column)."""
    shown = relpath(path)
    try:
        doc = load_file(path, shown)
    except YamlError as exc:
        return None, [Problem(shown, exc.span, exc.message, code=exc.code)]
    if not isinstance(doc.data, dict):
        return None, [doc.problem((), "a layout profile must be a mapping of keys", code="invalid-layout")]
    checked = check(doc, _ADAPTER, Layout)
    layout, problems = checked
    if layout is None:
        return None, problems
    wrong = [*_table_missing(doc, layout), *_unknown_labels(doc, layout)]
    return (None, problems + wrong) if wrong else (layout, problems)


def _table_missing(doc: SourceDoc, layout: Layout) -> Iterator[Problem]:
    if Part.HANDLINGS in layout.parts and layout.handlings is None:
        yield doc.problem(("parts", layout.parts.index(Part.HANDLINGS)),
                          "part 'handlings' needs the table: handlings: {columns: [§, Kokouspvm, Asia]}",
                          code="invalid-layout")


def _unknown_labels(doc: SourceDoc, layout: Layout) -> Iterator[Problem]:
    """A profile's label must be one the label set of its language has,
    with a text (or nested labels) where the set has one."""
    from govdocs.document.labels import LANGUAGES, labels_for

    for lang, changes in layout.labels.items():
        if lang not in LANGUAGES:
            yield doc.problem(("labels", lang), f"no label set for language '{lang}'; choose from "
                              f"{', '.join(LANGUAGES)}", key=True, code="unknown-label")
            continue
        base = labels_for(lang)
        for path, value in _leaves(changes, ()):
            if not base.has(*path) or isinstance(base.get(*path), dict) or not isinstance(value, str):
                shown = ".".join(path)
                yield doc.problem(("labels", lang, *path), f"'{shown}' is not a text label of "
                                  f"templates/labels/{lang}.yaml", key=True, code="unknown-label")


def _leaves(value: Any, path: tuple[str, ...]) -> Iterator[tuple[tuple[str, ...], Any]]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _leaves(item, (*path, str(key)))
    else:
        yield path, value


@functools.cache
def shipped_layout(name: str) -> Layout:
    """A shipped profile (cached: the files never change at run time);
    LookupError when there is none or it does not validate."""
    path = SHIPPED_LAYOUTS / f"{name}.yaml"
    layout, problems = load_layout(path) if path.is_file() else (None, [])
    if layout is None:
        detail = f": {problems[0].format()}" if problems else ""
        raise LookupError(f"no usable layout profile '{name}'{detail}")
    return layout

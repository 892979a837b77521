"""Label sets: the fixed words of every document kind, one YAML file per
language under ``templates/<set>/<lang>.yaml`` (``labels`` for decisions,
``followup`` for the follow-up report and the calendar, ``audit`` for the
responsibility audit). One loader for all of them, so Finnish stays in data
files and every set fails the same way when a key is missing."""

from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping
from typing import Any

import yaml

from govdocs.resources import TEMPLATES_DIR

__all__ = ["LABELS_DIR", "LANGUAGES", "Labels", "label_set", "labels_for"]

LABELS_DIR = TEMPLATES_DIR / "labels"
LANGUAGES = ("fi", "sv")


class Labels(Mapping[str, Any]):
    """One language's labels; ``labels["contacts"]`` or ``labels.get("sections", "grounds")``."""

    def __init__(self, lang: str, data: dict[str, Any], name: str = "labels") -> None:
        self.lang = lang
        self.name = name
        self._data = data

    def __getitem__(self, key: str) -> Any:
        if key not in self._data:
            raise KeyError(f"templates/{self.name}/{self.lang}.yaml has no label {key}")
        return self._data[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def overlaid(self, changes: Mapping[str, Any]) -> Labels:
        """These labels with ``changes`` (nested like the file) in their
        place: a layout profile's own wording."""
        if not changes:
            return self
        return Labels(self.lang, _merged(self._data, changes), self.name)

    def has(self, *path: str) -> bool:
        """Whether the nested label ``path`` exists."""
        value: Any = self._data
        for key in path:
            if not isinstance(value, dict) or key not in value:
                return False
            value = value[key]
        return True

    def get(self, *path: str) -> Any:  # type: ignore[override]
        """A nested label: ``get("sections", "grounds")``; KeyError names the file."""
        value: Any = self._data
        for key in path:
            if not isinstance(value, dict) or key not in value:
                raise KeyError(f"templates/{self.name}/{self.lang}.yaml has no label {'.'.join(path)}")
            value = value[key]
        return value


def _merged(base: Mapping[str, Any], changes: Mapping[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in changes.items():
        old = out.get(key)
        out[key] = _merged(old, value) if isinstance(old, dict) and isinstance(value, Mapping) else value
    return out


@functools.cache
def label_set(name: str, lang: str = "fi") -> Labels:
    """The label set ``name`` ('labels', 'followup', 'audit') of ``lang``
    (cached: the files never change at run time)."""
    folder = TEMPLATES_DIR / name
    path = folder / f"{lang}.yaml"
    if lang not in LANGUAGES or not path.is_file():
        have = sorted(p.stem for p in folder.glob("*.yaml"))
        raise ValueError(f"no {name} label set for language '{lang}'; choose from {', '.join(have)}")
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return Labels(lang, data, name)


def labels_for(lang: str) -> Labels:
    """The decision document's label set of ``lang`` ('fi' or 'sv')."""
    if lang not in LANGUAGES:
        raise ValueError(f"no label set for language '{lang}'; choose from {', '.join(LANGUAGES)}")
    return label_set("labels", lang)

"""Label sets: the fixed words of a decision document, from
``templates/labels/<lang>.yaml`` (Finnish and Swedish)."""

from __future__ import annotations

import functools
from typing import Any

import yaml

from govdocs.resources import TEMPLATES_DIR

__all__ = ["LABELS_DIR", "LANGUAGES", "Labels", "labels_for"]

LABELS_DIR = TEMPLATES_DIR / "labels"
LANGUAGES = ("fi", "sv")


class Labels:
    """One language's labels; ``labels["contacts"]`` or ``labels.get("sections", "grounds")``."""

    def __init__(self, lang: str, data: dict[str, Any]) -> None:
        self.lang = lang
        self._data = data

    def __getitem__(self, key: str) -> Any:
        return self._data[key]

    def get(self, *path: str) -> Any:
        """A nested label: ``get("sections", "grounds")``; KeyError names the file."""
        value: Any = self._data
        for key in path:
            if not isinstance(value, dict) or key not in value:
                raise KeyError(f"templates/labels/{self.lang}.yaml has no label {'.'.join(path)}")
            value = value[key]
        return value


@functools.cache
def labels_for(lang: str) -> Labels:
    """The label set of ``lang`` ('fi' or 'sv')."""
    if lang not in LANGUAGES:
        raise ValueError(f"no label set for language '{lang}'; choose from {', '.join(LANGUAGES)}")
    data = yaml.safe_load((LABELS_DIR / f"{lang}.yaml").read_text(encoding="utf-8"))
    return Labels(lang, data)

"""Follow-up labels from templates/followup/<lang>.yaml: Finnish stays in
data files, not in Python literals."""

from __future__ import annotations

from functools import cache
from typing import Any

import yaml

from govdocs.resources import TEMPLATES_DIR

TEMPLATES = TEMPLATES_DIR / "followup"


@cache
def followup_labels(lang: str = "fi") -> dict[str, Any]:
    """The label set of one language (cached; the files never change at run time)."""
    data: dict[str, Any] = yaml.safe_load((TEMPLATES / f"{lang}.yaml").read_text(encoding="utf-8"))
    return data

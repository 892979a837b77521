"""The site's search index (placeholder until the Pagefind index lands)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True)
class SearchEntry:
    """What the search index holds of one page."""

    url: str
    lang: str
    title: str
    text: str
    filters: dict[str, list[str]] = field(default_factory=dict)
    meta: dict[str, str] = field(default_factory=dict)


def build_index(entries: Sequence[SearchEntry]) -> dict[str, bytes]:
    return {}

"""What one file under ``decisions/`` can be: a decision, a follow-up
record or a meeting, told apart by its ``record`` key."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import Discriminator, Tag

from govdocs.model.decision import Decision, FollowUp
from govdocs.model.meeting import Meeting

__all__ = ["AnyRecord", "RecordFile"]

AnyRecord = Decision | FollowUp | Meeting


def _record_kind(value: Any) -> str:
    kind = value.get("record") if isinstance(value, dict) else None
    return kind if kind in ("followup", "meeting") else "decision"


RecordFile = Annotated[
    Annotated[Decision, Tag("decision")]
    | Annotated[FollowUp, Tag("followup")]
    | Annotated[Meeting, Tag("meeting")],
    Discriminator(_record_kind),
]
"""One file under decisions/: a decision, a follow-up record or a meeting."""

"""Drafting for secretaries: new decisions from kinds, numbering,
generated Finnish phrasing, agreement checks and the pre-signing check.

    from govdocs.drafting import new_decision, new_meeting, regenerate, check, expand
"""

from __future__ import annotations

from govdocs.drafting.check import CheckReport, check
from govdocs.drafting.kinds import Kind, KindSet, load_kinds
from govdocs.drafting.newdoc import DraftingError, NewDecision, new_decision
from govdocs.drafting.newmeeting import NewMeeting, new_meeting
from govdocs.drafting.numbering import NumberPlan, new_case_number, next_number
from govdocs.drafting.phrasing import Generation, expand, generate
from govdocs.drafting.regenerate import Regeneration, regenerate

__all__ = [
    "CheckReport",
    "DraftingError",
    "Generation",
    "Kind",
    "KindSet",
    "NewDecision",
    "NewMeeting",
    "NumberPlan",
    "Regeneration",
    "check",
    "expand",
    "generate",
    "load_kinds",
    "new_case_number",
    "new_decision",
    "new_meeting",
    "next_number",
    "regenerate",
]

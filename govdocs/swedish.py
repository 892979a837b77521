"""A decision's Swedish version: where each Finnish text has its Swedish
one, what is missing, and the decision as its Swedish text says it.

The Swedish title and text sit in the decision's ``sv`` block; every other
text that is printed or quoted keeps its Swedish beside the Finnish one, in
a field of the same name with ``_sv`` (``quote`` / ``quote_sv``,
``conditions`` / ``conditions_sv``, a contact's ``title`` / ``title_sv``).
One walk over the record (:func:`pairs`) finds them all, so a field added to
a model with its ``_sv`` sibling is checked and translated without more
code here.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from govdocs.model.decision import Decision
from govdocs.model.registry import Names
from govdocs.problems import Problem, RecordsInvalid
from govdocs.repository import Origin

__all__ = ["QUOTE_FIELDS", "Pair", "in_language", "missing", "pairs"]

SUFFIX = "_sv"
QUOTE_FIELDS = frozenset({"quote", "conditions", "duties", "condition", "text"})
"""Fields whose values are quotes of the decision's own text: their Swedish
values are checked against the Swedish text."""
OPTIONAL = frozenset({"name"})
"""Fields whose Swedish is given only where it differs (a voter's name)."""
_SKIP = frozenset({"sv", "sections", "drafting"})

Path = tuple[str | int, ...]


@dataclass(frozen=True)
class Pair:
    """One Finnish text and its Swedish (None when not given)."""

    field: str
    finnish: str
    swedish: str | None
    at: Path
    """Where the Finnish value is: ('items', 0, 'quote')."""
    sv_at: Path
    """Where the Swedish value goes: ('items', 0, 'quote_sv')."""
    slot: Path
    """The Finnish value's exact place in the record's data (with its
    index in a list even where the file writes a single string)."""

    @property
    def is_quote(self) -> bool:
        return self.field in QUOTE_FIELDS


def pairs(model: BaseModel, at: Path = ()) -> Iterator[Pair]:
    """Every Finnish text of ``model`` (a decision) that has a Swedish
    sibling field, with that sibling's value, in document order. A name's
    forms (`Names`: the Finnish cases, the Swedish genitive) are forms of
    one name, not texts to translate."""
    if isinstance(model, Names):
        return
    fields = type(model).model_fields
    for name in fields:
        if name in _SKIP or name.endswith(SUFFIX):
            continue
        value = getattr(model, name)
        key = fields[name].alias or name
        if f"{name}{SUFFIX}" in fields:
            yield from _paired(name, value, getattr(model, f"{name}{SUFFIX}"), (*at, key))
        elif isinstance(value, BaseModel):
            yield from pairs(value, (*at, key))
        elif isinstance(value, list):
            for i, element in enumerate(value):
                if isinstance(element, BaseModel):
                    yield from pairs(element, (*at, key, i))


def _paired(name: str, finnish: Any, swedish: Any, at: Path) -> Iterator[Pair]:
    sv_at = (*at[:-1], f"{at[-1]}{SUFFIX}")
    if isinstance(finnish, str):
        yield Pair(name, finnish, swedish, at, sv_at, at)
    elif isinstance(finnish, list):
        many = len(finnish) > 1 or isinstance(swedish, list) and len(swedish) > 1
        given = swedish or []
        for i, text in enumerate(finnish):
            # A single quote may be written as a string beside a list of one.
            sv = given[i] if i < len(given) else None
            yield Pair(name, text, sv, (*at, i) if many else at, (*sv_at, i) if many else sv_at, (*at, i))


def missing(origin: Origin, decision: Decision, lang: str = "sv") -> list[Problem]:
    """Every Finnish text the Swedish rendering of ``decision`` would have
    to print or quote without its Swedish, located where the Finnish is.
    A record holds a Finnish decision with its Swedish version, never the
    other way round: a Swedish record has no other language."""
    if lang == decision.language:
        return []
    if lang != "sv" or decision.language != "fi":
        return [origin.problem(
            f"decision '{decision.id}' is written in '{decision.language}' and has no '{lang}' version",
            "language", code="swedish-missing")]
    if decision.sv is None:
        return [origin.problem(
            f"decision '{decision.id}' has no Swedish version: add 'sv:' with its title and sections "
            "(the Swedish rendering does not mix languages)", "title", code="swedish-missing")]
    return [
        origin.problem(
            f"'{pair.field}' has no Swedish beside it: add '{pair.field}{SUFFIX}' "
            "(the Swedish rendering does not mix languages)", *pair.at, code="swedish-missing")
        for pair in pairs(decision) if pair.swedish is None and pair.field not in OPTIONAL
    ]


def in_language(origin: Origin, decision: Decision, lang: str | None) -> Decision:
    """``decision`` as its text in ``lang`` says it: for Swedish, the
    ``sv`` title and sections and every ``_sv`` value in place of the
    Finnish one (quotes too, so the copy agrees with its own text).
    RecordsInvalid, with every gap located, when a Swedish text is missing."""
    if lang is None or lang == decision.language:
        return decision
    gaps = missing(origin, decision, lang)
    if gaps:
        raise RecordsInvalid(gaps)
    assert decision.sv is not None  # noqa: S101 - missing() refuses a decision without it
    # The sections are taken as they are (the Swedish ones): only the
    # fields around them are rewritten.
    data = decision.model_dump(by_alias=True, exclude_unset=True, exclude={"sections", "sv"})
    for pair in pairs(decision):
        if pair.swedish is not None:
            _put(data, pair.slot, pair.swedish)
    data.update(language=lang, title=decision.sv.title, sections=decision.sv.sections, sv=decision.sv)
    if decision.sv.public_title is not None:
        data["public_title"] = decision.sv.public_title
    return Decision.model_validate(data)


def _put(data: Any, at: Path, value: str) -> None:
    for key in at[:-1]:
        data = data[key]
    data[at[-1]] = value

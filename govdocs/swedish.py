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
from functools import cache
from typing import Any, TypeVar, get_args

from pydantic import BaseModel

from govdocs.model.decision import Decision
from govdocs.model.meeting import Meeting
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
R = TypeVar("R", Decision, Meeting)


@dataclass(frozen=True)
class Pair:
    """One Finnish text and its Swedish (None when not given)."""

    field: str
    finnish: Any
    """A text, or a text of blocks (paragraphs, lists)."""
    swedish: Any
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
    for name, key, sibling in _walk(type(model)):
        value = getattr(model, name)
        if sibling is not None:
            yield from _paired(name, value, getattr(model, sibling), (*at, key))
        elif isinstance(value, BaseModel):
            yield from pairs(value, (*at, key))
        elif isinstance(value, list):
            for i, element in enumerate(value):
                if isinstance(element, BaseModel):
                    yield from pairs(element, (*at, key, i))


@cache
def _walk(model: type[BaseModel]) -> tuple[tuple[str, str, str | None], ...]:
    """The fields `pairs` looks into, once per model class: (name, key as
    written, its Swedish sibling's name or None); a field that can hold
    neither a text with a sibling nor a model (a date, a number, a text
    without one) is left out, so a decision's walk skips most of it."""
    if issubclass(model, Names):
        return ()
    fields = model.model_fields
    walked = []
    for name, info in fields.items():
        if name in _SKIP or name.endswith(SUFFIX):
            continue
        sibling = f"{name}{SUFFIX}" if f"{name}{SUFFIX}" in fields else None
        if sibling is not None or _may_hold_model(info.annotation):
            walked.append((name, info.alias or name, sibling))
    return tuple(walked)


def _may_hold_model(annotation: Any) -> bool:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return True
    return any(_may_hold_model(arg) for arg in get_args(annotation))


def _paired(name: str, finnish: Any, swedish: Any, at: Path) -> Iterator[Pair]:
    sv_at = (*at[:-1], f"{at[-1]}{SUFFIX}")
    if isinstance(finnish, list) and not all(isinstance(text, str) for text in finnish):
        # a text of blocks (an agenda item's proposal): its Swedish is one whole
        yield Pair(name, finnish, swedish, at, sv_at, at)
    elif isinstance(finnish, str):
        yield Pair(name, finnish, swedish, at, sv_at, at)
    elif isinstance(finnish, list):
        many = len(finnish) > 1 or isinstance(swedish, list) and len(swedish) > 1
        given = swedish or []
        for i, text in enumerate(finnish):
            # A single quote may be written as a string beside a list of one.
            sv = given[i] if i < len(given) else None
            yield Pair(name, text, sv, (*at, i) if many else at, (*sv_at, i) if many else sv_at, (*at, i))


def _gaps(origin: Origin, model: BaseModel) -> list[Problem]:
    return [
        origin.problem(
            f"'{pair.field}' has no Swedish beside it: add '{pair.field}{SUFFIX}' "
            "(the Swedish rendering does not mix languages)", *pair.at, code="swedish-missing")
        for pair in pairs(model) if pair.swedish is None and pair.field not in OPTIONAL
    ]


def _other_language(origin: Origin, record: Decision | Meeting, lang: str) -> list[Problem] | None:
    """[] when ``record`` is in ``lang`` already; a problem when it cannot
    have a version in it; None when its Swedish is to be looked for."""
    if lang == record.language:
        return []
    if lang != "sv" or record.language != "fi":
        return [origin.problem(
            f"'{record.id}' is written in '{record.language}' and has no '{lang}' version",
            "language", code="swedish-missing")]
    return None


def missing(origin: Origin, record: Decision | Meeting, lang: str = "sv") -> list[Problem]:
    """Every Finnish text the Swedish rendering of ``record`` (a decision
    or a meeting) would have to print or quote without its Swedish,
    located where the Finnish is. A record is Finnish with its Swedish
    beside it, never the other way round: a Swedish record has no other
    language."""
    other = _other_language(origin, record, lang)
    if other is not None:
        return other
    if isinstance(record, Decision) and record.sv is None:
        return [origin.problem(
            f"decision '{record.id}' has no Swedish version: add 'sv:' with its title and sections "
            "(the Swedish rendering does not mix languages)", "title", code="swedish-missing")]
    return _gaps(origin, record)


def in_language(origin: Origin, record: R, lang: str | None) -> R:
    """``record`` as its text in ``lang`` says it: for Swedish every
    ``_sv`` value in place of the Finnish one (quotes too, so the copy
    agrees with its own text) and, for a decision, the ``sv`` title and
    sections. RecordsInvalid, with every gap located, when a Swedish text
    is missing."""
    if lang is None or lang == record.language:
        return record
    gaps = missing(origin, record, lang)
    if gaps:
        raise RecordsInvalid(gaps)
    translated: Any = record
    for pair in pairs(record):
        if pair.swedish is not None:
            translated = _replaced(translated, pair.slot, pair.swedish)
    update: dict[str, Any] = {"language": lang}
    if isinstance(record, Decision) and record.sv is not None:
        update.update(title=record.sv.title, sections=record.sv.sections)
        if record.sv.public_title is not None:
            update["public_title"] = record.sv.public_title
    done = translated.model_copy(update=update)
    if isinstance(done, Decision):
        done._plain = {}  # its text is another now
    result: R = done
    return result


def _replaced(value: Any, at: Path, new: Any) -> Any:
    """``value`` (a model, a list) with the value at path ``at`` replaced."""
    if not at:
        return new
    key, rest = at[0], at[1:]
    if isinstance(value, list):
        assert isinstance(key, int)  # noqa: S101 - a path into a list is an index
        return [*value[:key], _replaced(value[key], rest, new), *value[key + 1 :]]
    fields = type(value).model_fields
    name = next(n for n, info in fields.items() if (info.alias or n) == key)
    return value.model_copy(update={name: _replaced(getattr(value, name), rest, new)})

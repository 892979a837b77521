"""Turn pydantic's validation errors into located, human messages.

Pydantic reports a location as a tuple that mixes data keys with union tags;
we walk the data to find the real key or value and the model type to offer
a did-you-mean for misspelt keys and enum values."""

from __future__ import annotations

import difflib
import re
import types
import typing
import unicodedata
from collections.abc import Sequence
from typing import Any, TypeVar

from pydantic import BaseModel, TypeAdapter, ValidationError

from govdocs.model.common import _describe, visible
from govdocs.problems import Problem, Severity, Span, did_you_mean
from govdocs.read.yamlsource import DataPath, SourceDoc

T = TypeVar("T")


def check(doc: SourceDoc, adapter: TypeAdapter[T], root: Any) -> tuple[T | None, list[Problem]]:
    """Validate a document's data; return the model or every problem."""
    try:
        return adapter.validate_python(doc.data), invisible_characters(doc, set())
    except ValidationError as exc:
        errors = _drop_missing_explained_by_typo(doc, exc.errors(include_url=False), root)
        problems = _dedupe([_problem(doc, err, root) for err in errors])
        errored = {data_path(doc.data, tuple(err["loc"]), keep_last_key=False) for err in errors}
        return None, problems + invisible_characters(doc, errored)


# Characters that show nothing yet change what a reader sees or a search
# finds: bidirectional controls (U+202E makes 'Summa 1<U+202E>0001<U+202C>
# euroa' show as 11000) and zero-width characters hiding inside words. In
# ids, numbers, dates and diary numbers they are errors already (those
# take only ASCII); in text they are warnings. The soft hyphen is a
# hyphenation hint that text may hold.
_BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_ZERO_WIDTH = "\u115f\u1160\u180e\u200b-\u200d\u2060-\u2064\u3164\ufeff"
_INVISIBLE = re.compile(f"[{_BIDI}{_ZERO_WIDTH}]")
_IS_BIDI = re.compile(f"[{_BIDI}]")


def invisible_characters(doc: SourceDoc, errored: set[DataPath]) -> list[Problem]:
    """A located warning for each text value holding an invisible
    character (the first one in it), except where the value already has an
    error. Only files that can hold one (the character itself, or an escape
    in double quotes) are walked."""
    if not (_INVISIBLE.search(doc.text) or "\\" in doc.text):
        return []
    found: list[Problem] = []
    for path, text in _strings(doc.data, ()):
        hit = _INVISIBLE.search(text)
        if hit is None or path in errored:
            continue
        char = hit.group()
        span = _char_span(doc, path, char)
        message = _invisible_message(path, char)
        found.append(Problem(doc.file, span, message, severity=Severity.WARNING, code="invisible-character"))
    return found


def _strings(data: Any, path: DataPath) -> typing.Iterator[tuple[DataPath, str]]:
    if isinstance(data, str):
        yield path, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from _strings(value, (*path, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _strings(value, (*path, i))


def _char_span(doc: SourceDoc, path: DataPath, char: str) -> Span | None:
    """The character itself when it is on the value's first line, else the value."""
    span = doc.span(path)
    if span is None:
        return None
    lines = doc.text.split("\n", span.line)
    line = lines[span.line - 1] if len(lines) >= span.line else ""
    at = line.find(char, span.column - 1)
    return Span(span.line, at + 1) if at >= 0 else span


def _invisible_message(path: DataPath, char: str) -> str:
    name = unicodedata.name(char, "").lower() or "invisible character"
    what = (
        "a bidirectional-text control: it can make the text show something other than what it says "
        "(an amount or a name shown reversed)"
        if _IS_BIDI.match(char)
        else "an invisible character: it hides inside a word and breaks searching and quoting"
    )
    return f"{show_path(path)}: U+{ord(char):04X} ({name}) is {what}; delete it"


def _drop_missing_explained_by_typo(doc: SourceDoc, errors: list[Any], root: Any) -> list[Any]:
    """'titel' unknown + 'title' missing is one mistake: keep only the
    did-you-mean message."""
    suggested: set[tuple[object, ...]] = set()
    for err in errors:
        if err["type"] == "extra_forbidden":
            path = data_path(doc.data, err["loc"])
            match = difflib.get_close_matches(str(path[-1]), _allowed_keys(root, err["loc"]), n=1, cutoff=0.6)
            if match:
                suggested.add((*path[:-1], match[0]))
    return [
        err
        for err in errors
        if not (err["type"] == "missing" and data_path(doc.data, err["loc"]) in suggested)
    ]


def _dedupe(problems: Sequence[Problem]) -> list[Problem]:
    seen: set[tuple[object, ...]] = set()
    out = []
    for p in problems:
        key = (p.span, p.message)
        if key not in seen:
            seen.add(key)
            out.append(p)
    return out


def data_path(data: Any, loc: Sequence[str | int], *, keep_last_key: bool = True) -> DataPath:
    """The part of a pydantic location that exists in the data (union tags
    and model names dropped); a final missing or unknown key is kept."""
    path: list[str | int] = []
    node = data
    for i, el in enumerate(loc):
        if isinstance(node, dict) and el in node:
            path.append(el)
            node = node[el]
        elif isinstance(node, list) and isinstance(el, int) and 0 <= el < len(node):
            path.append(el)
            node = node[el]
        elif keep_last_key and i == len(loc) - 1 and isinstance(node, dict) and isinstance(el, str):
            path.append(el)  # the missing or unknown key itself
    return tuple(path)


def show_path(path: DataPath) -> str:
    out = ""
    for el in path:
        out += f"[{el}]" if isinstance(el, int) else (f".{el}" if out else str(el))
    return out or "(top level)"


def _problem(doc: SourceDoc, err: Any, root: Any) -> Problem:
    loc = tuple(err["loc"])
    kind = err["type"]
    path = data_path(doc.data, loc, keep_last_key=kind in ("missing", "extra_forbidden"))
    where = show_path(path)
    if kind == "missing":
        parent = path[:-1]
        key = path[-1] if path else loc[-1]
        desc = _description(root, loc)
        message = f"{show_path(parent)}: missing required key '{key}'" + (f" ({desc})" if desc else "")
        return doc.problem(parent, message, code="missing-key")
    if kind == "extra_forbidden":
        key = str(path[-1]) if path else str(loc[-1])
        allowed = _allowed_keys(root, loc)
        hint = did_you_mean(key, allowed) if allowed else ""
        if not hint and allowed:
            hint = "; allowed here: " + ", ".join(sorted(allowed))
        message = f"{where}: unknown key '{key}'{hint}"
        return doc.problem(path, message, key=True, code="unknown-key")
    return doc.problem(path, f"{where}: {_message(err)}", code=kind.replace("_", "-"))


def _message(err: Any) -> str:
    kind, value, ctx = err["type"], err.get("input"), err.get("ctx") or {}
    found = _describe(value)
    if kind in ("string_type",):
        if isinstance(value, dict) and len(value) == 1 and None in value.values():
            key = next(iter(value))
            return (
                f"expected text, found '{key}:', which YAML reads as a key because it ends "
                "with ':'; put the text in quotes"
            )
        return f"expected text, found {found}"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"expected a whole number, found {found}"
    if kind in ("bool_type", "bool_parsing"):
        return f"expected true or false, found {found}"
    if kind in ("list_type",):
        return f"expected a list (lines starting with '- '), found {found}"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return f"expected a mapping (key: value lines), found {found}"
    if kind in ("enum", "literal_error"):
        options = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
        return f"expected one of {', '.join(repr(o) for o in options)}; found {found}" + (
            did_you_mean(str(value), options) if isinstance(value, str) else ""
        )
    if kind == "string_pattern_mismatch":
        if ctx.get("pattern", "").startswith("^[a-z0-9]"):
            return (
                f"'{visible(str(value))}' is not a valid id: use lower-case letters a-z, digits and . _ - "
                "(no spaces, no ä/ö), e.g. 'kj-2016-59'"
            )
        return f"'{visible(str(value))}' does not match the required form {ctx.get('pattern')}"
    if kind == "string_too_short":
        if ctx.get("min_length", 1) > 1:
            return f"too short ({len(str(value))} characters; at least {ctx['min_length']} needed)"
        return "must not be empty"
    if kind == "too_short":
        return f"needs at least {ctx.get('min_length', 1)} item(s), found {len(value or [])}"
    if kind == "value_error":
        return str(err["msg"]).removeprefix("Value error, ")
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        return f"{err['msg'].lower()}, found {found}"
    return str(err["msg"])


# --- walking the model types along a pydantic location ----------------------


def _unwrap(tp: Any) -> Any:
    while typing.get_origin(tp) is typing.Annotated:
        tp = typing.get_args(tp)[0]
    return tp


def _tag(tp: Any) -> str | None:
    if typing.get_origin(tp) is typing.Annotated:
        for meta in typing.get_args(tp)[1:]:
            if type(meta).__name__ == "Tag":
                return str(meta.tag)
    return None


def _step(tp: Any, el: str | int) -> Any:
    raw = tp
    tp = _unwrap(tp)
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        members = typing.get_args(tp)
        for member in members:
            if _tag(member) == el:
                return member, True
        for member in members:
            found = _step(member, el)
            if found is not None:
                return found
        return None
    if origin is list and isinstance(el, int):
        return typing.get_args(tp)[0], False
    if origin is dict:
        return typing.get_args(tp)[1], False
    if isinstance(tp, type) and issubclass(tp, BaseModel) and isinstance(el, str):
        for name, info in tp.model_fields.items():
            if el in (name, info.alias):
                return info.annotation, False
        if el == tp.__name__:
            return tp, True
    del raw
    return None


def _walk(root: Any, loc: Sequence[str | int]) -> Any:
    tp = root
    for el in loc:
        found = _step(tp, el)
        if found is None:
            continue  # a location element with no type meaning (function-before, ...)
        tp = found[0]
    return tp


def _model_at(root: Any, loc: Sequence[str | int]) -> type[BaseModel] | None:
    tp = _unwrap(_walk(root, loc))
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        models = [m for m in map(_unwrap, typing.get_args(tp)) if isinstance(m, type)]
        tp = next((m for m in models if issubclass(m, BaseModel)), None)
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return tp
    return None


def _allowed_keys(root: Any, loc: Sequence[str | int]) -> set[str]:
    model = _model_at(root, loc[:-1])
    if model is None:
        return set()
    return {info.alias or name for name, info in model.model_fields.items()}


def _description(root: Any, loc: Sequence[str | int]) -> str:
    model = _model_at(root, loc[:-1])
    if model is None:
        return ""
    for name, info in model.model_fields.items():
        if loc[-1] in (name, info.alias):
            return (info.description or "").split("\n")[0].rstrip(".")
    return ""

"""Building blocks shared by the record models: dates, "not stated"
values, and the base class that forbids unknown keys."""

from __future__ import annotations

import ast
import enum
import functools
import inspect
import re
from datetime import date
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    Strict,
    Tag,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError


class Record(BaseModel):
    """Base of every model: unknown keys are errors, values are immutable
    facts, and field docstrings become the schema's descriptions."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        use_attribute_docstrings=True,
        coerce_numbers_to_str=True,
        populate_by_name=True,
        validate_default=False,
    )


# ASCII digits only: Python's \d (and int()) also take full-width '２０２４'
# and Arabic-Indic '٢٠٢٤' digits, which no record means as a date
_ISO = re.compile(r"^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})\Z")
_FI = re.compile(r"^([0-9]{1,2})\.([0-9]{1,2})\.([0-9]{4})\Z")
_DIGIT = re.compile(r"\d")


def parse_date(value: Any) -> date:
    """A date written as ``2016-01-07`` or the Finnish ``7.1.2016``."""
    if isinstance(value, date):
        return _in_range(value, value)
    if not isinstance(value, str):
        raise PydanticCustomError(
            "date_type",
            "expected a date (YYYY-MM-DD or D.M.YYYY), found {found}",
            {"found": _describe(value)},
        )
    text = value.strip()
    if m := _ISO.match(text):
        y, mo, d = (int(g) for g in m.groups())
    elif m := _FI.match(text):
        d, mo, y = (int(g) for g in m.groups())
    elif any(not "0" <= d <= "9" for d in _DIGIT.findall(text)):
        raise PydanticCustomError(
            "date_format",
            "'{value}' has digits other than 0-9 (full-width or Arabic-Indic); write the date with "
            "the digits 0-9, as YYYY-MM-DD or D.M.YYYY",
            {"value": visible(value)},
        )
    else:
        raise PydanticCustomError(
            "date_format",
            "expected a date as YYYY-MM-DD or D.M.YYYY, found '{value}'",
            {"value": visible(value)},
        )
    try:
        day = date(y, mo, d)
    except ValueError as exc:
        raise PydanticCustomError(
            "date_value", "'{value}' is not a real date ({reason})", {"value": value, "reason": str(exc)}
        ) from None
    return _in_range(day, value)


FIRST_YEAR, LAST_YEAR = 1800, 2200
"""Dates outside these years are typing mistakes (0001-01-01, 9999-12-31),
and date arithmetic near the ends of the calendar overflows."""


def _in_range(day: date, value: Any) -> date:
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise PydanticCustomError(
            "date_range",
            "'{value}' is outside the years {first}–{last} that records use",
            {"value": str(value), "first": FIRST_YEAR, "last": LAST_YEAR},
        )
    return day


def _describe(value: Any) -> str:
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str) and len(value) > MAX_QUOTED:
        value = value[:MAX_QUOTED] + "…"
    shown = repr(value)
    return f"{type(value).__name__} {shown}"


MAX_QUOTED = 80
"""How much of a wrong value a message quotes: enough to recognise it, not
a whole file (a record that turned out to be a copy of a key file)."""


def visible(text: str) -> str:
    """``text`` with invisible and control characters written as escapes
    ('kj-2024\\u200b-1'), for quoting in messages, and cut at `MAX_QUOTED`."""
    cut = text[:MAX_QUOTED] + "…" if len(text) > MAX_QUOTED else text
    return "".join(c if c.isprintable() or c == " " else repr(c)[1:-1] for c in cut)


Date = Annotated[
    date,
    BeforeValidator(parse_date),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": r"^(\d{4}-\d{1,2}-\d{1,2}|\d{1,2}\.\d{1,2}\.\d{4})$",
            "description": "A date: 2016-01-07 or 7.1.2016.",
        }
    ),
]

ID_PATTERN = r"^[a-z0-9][a-z0-9._-]{0,119}$"
Id = Annotated[str, Field(pattern=ID_PATTERN)]
"""A stable, readable identifier: lower-case letters, digits, '.', '_', '-'."""

Text = Annotated[str, Field(min_length=1)]

Int = Annotated[int, Strict()]
"""A whole number written as one: ``5``. Not ``true`` (Python's bool is an
int, so ``number: true`` became "1 §"), not ``1_0`` (Python reads it as 10),
not ``'5'`` and not ``1.0``."""


class NotStated(Record):
    """A fact the source does not state. It is never invented: the record
    says so, and may give the value it assumes for computation and why."""

    not_stated: Text
    """Why the value is missing, e.g. 'Lähteen ote ei kerro päätöspäivää.'"""
    assumed: Date | None = None
    """A date the tools use in its place for computing (timelines,
    deadlines); shown everywhere as assumed, never as stated."""
    basis: str | None = None
    """What the assumption rests on."""


def _stated_or_not(value: Any) -> str:
    return "not-stated" if isinstance(value, dict | NotStated) else "stated"


DateOrNotStated = Annotated[
    Annotated[Date, Tag("stated")] | Annotated[NotStated, Tag("not-stated")],
    Discriminator(_stated_or_not),
]
"""A date, or a `not_stated` mapping."""

RefOrNotStated = Annotated[
    Annotated[Id, Tag("stated")] | Annotated[NotStated, Tag("not-stated")],
    Discriminator(_stated_or_not),
]
"""An id, or a `not_stated` mapping."""


def effective_date(value: date | NotStated | None) -> date | None:
    """The date to compute with: the stated one, else the assumed one."""
    if isinstance(value, NotStated):
        return value.assumed
    return value


def stated(value: object) -> bool:
    return value is not None and not isinstance(value, NotStated)


_SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Collapse white space and drop soft hyphens: the form in which quotes
    are compared with the text."""
    return _SPACE.sub(" ", text.replace("\u00ad", "")).strip()


@functools.cache
def member_docs(cls: type[enum.Enum]) -> dict[str, str]:
    """The docstring under each member of an enum, by member value.

    Python keeps no docstring per enum member (``member.__doc__`` is the
    class's), so they are read from the class's source, the way pydantic
    reads the field docstrings of `Record` models. A member without one is
    absent; without the source (a frozen build) the mapping is empty."""
    try:
        tree = ast.parse(inspect.cleandoc("\n" + inspect.getsource(cls)))
    except (OSError, TypeError, SyntaxError):
        return {}
    body = tree.body[0].body if tree.body and isinstance(tree.body[0], ast.ClassDef) else []
    docs: dict[str, str] = {}
    for node, after in zip(body, body[1:], strict=False):
        if (
            isinstance(node, ast.Assign)
            and isinstance(node.targets[0], ast.Name)
            and node.targets[0].id in cls.__members__
            and isinstance(after, ast.Expr)
            and isinstance(after.value, ast.Constant)
            and isinstance(after.value.value, str)
        ):
            member = cls.__members__[node.targets[0].id]
            docs[str(member.value)] = " ".join(after.value.value.split())
    return docs

"""A layout profile: how one municipality lays out its decision documents.

Helsinki, Espoo and Turku print the same facts in different anatomies
(the order of the parts, the header, where the diary number goes, how §
is written). A profile is data, ``templates/layouts/<name>.yaml`` or a
repository's own ``layouts/<name>.yaml``; a municipality names its profile
in its registry (``municipality.layout``). The decision and meeting
builders read it; the writers never do.
"""

from __future__ import annotations

import string
from enum import StrEnum
from typing import Annotated

from pydantic import Field, field_validator

from govdocs.model.common import Record
from govdocs.model.registry import check_format_widths

__all__ = ["DateStyle", "Header", "HeaderField", "Layout", "Mark", "Part"]


class Part(StrEnum):
    """One part of a decision document, in the order the profile lists them."""

    MARK = "mark"
    """The section mark: '§ 898', '59 §'."""
    TITLE = "title"
    """The title."""
    CASE = "case"
    """The diary number (with the task code, project number and Facta number)."""
    PUBLICITY_NOTE = "publicity_note"
    """The mention at the top of a record copy that is not public."""
    SECTIONS = "sections"
    """The decision's text sections."""
    SIGNATURE = "signature"
    """The signature block."""
    CONTACTS = "contacts"
    """The presenter (Esittelijä) and the contacts (Lisätiedot)."""
    ATTACHMENTS = "attachments"
    """The attachment list."""
    APPEAL = "appeal"
    """The appeal instructions."""
    DISTRIBUTION = "distribution"
    """Extracts (Otteet) and for-information (Tiedoksi)."""


class HeaderField(StrEnum):
    """A line of the running header."""

    MUNICIPALITY = "municipality"
    """'Helsingin kaupunki' (the municipality's `short_name`)."""
    MAKER = "maker"
    """The decision maker: 'Kaupunginhallitus'."""
    DOCUMENT_TYPE = "document_type"
    """'Pöytäkirja', 'Päätös'."""
    DATE = "date"
    """The decision's date, when stated."""


class DateStyle(StrEnum):
    """How the profile writes a date."""

    SHORT = "short"
    """'2.5.2017'."""
    PADDED = "padded"
    """'02.05.2017'."""


class Header(Record):
    """The running header on every page."""

    left: list[HeaderField] = Field(default_factory=list)
    """Lines on the left, top down."""
    right: list[HeaderField] = Field(default_factory=list)
    """Lines on the right, top down."""
    page: bool = True
    """The page as '1 (3)' under the right lines."""


_MARK_FIELDS = ("number", "abbreviation")


class Mark(Record):
    """How the section mark is written: '{number}' is the §'s number,
    '{abbreviation}' the maker's abbreviation in the registry ('Kh')."""

    body: str
    """A body's: '§ {number}' (Helsinki), '{number} §' (Espoo)."""
    office_holder: str
    """An office holder's: '{number} §'."""

    @field_validator("body", "office_holder")
    @classmethod
    def _usable(cls, value: str) -> str:
        try:
            names = [name for _, name, _, _ in string.Formatter().parse(value) if name is not None]
        except ValueError as exc:
            raise ValueError(f"not a usable mark: {exc}") from None
        if "number" not in names or any(n not in _MARK_FIELDS for n in names):
            raise ValueError("a mark uses {number} and may use {abbreviation}, e.g. '§ {number}'")
        check_format_widths(value)
        return value


class Layout(Record):
    """A layout profile (``templates/layouts/<name>.yaml``)."""

    description: str | None = None
    """What the profile is and where its anatomy comes from."""
    header: Header
    """The running header."""
    mark: Mark
    """How § is written."""
    date: DateStyle = DateStyle.SHORT
    """How dates are written in the header."""
    parts: Annotated[list[Part], Field(min_length=1)]
    """The parts of a decision document, in order."""

    @field_validator("parts")
    @classmethod
    def _once_each(cls, value: list[Part]) -> list[Part]:
        seen: set[Part] = set()
        for part in value:
            if part in seen:
                raise ValueError(f"part '{part.value}' is listed twice; each part comes once")
            seen.add(part)
        return value


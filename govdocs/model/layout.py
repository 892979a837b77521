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
from typing import Annotated, Any

from pydantic import Field, ValidationInfo, field_validator

from govdocs.model.common import Record
from govdocs.model.registry import check_format_widths

__all__ = ["DateStyle", "HandlingsTable", "Header", "HeaderField", "Layout", "Mark", "Part"]


class Part(StrEnum):
    """One part of a decision document, in the order the profile lists them."""

    HANDLINGS = "handlings"
    """The table of the case's handlings, the earlier ones (`history`) and
    this one (Turku: ``Turun kaupunki | § | Kokouspvm | Asia``); needs the
    profile's `handlings`."""
    MARK = "mark"
    """The section mark: '§ 898', '59 §'."""
    TITLE = "title"
    """The title."""
    CASE = "case"
    """The diary number (with the task code, project number and Facta number)."""
    PUBLICITY_NOTE = "publicity_note"
    """The mention at the top of a record copy that is not public."""
    SUMMARY = "summary"
    """The summary sections (Tiivistelmä); where the profile lists this
    part, the other section parts leave them out."""
    HISTORY = "history"
    """The texts of the earlier handlings (`history`) whose records the
    repository holds, each under its handling mark ('Ksylk § 84') and laid
    out by the profile's `handling_parts`."""
    HANDLING_MARK = "handling_mark"
    """This handling's mark among the case's handlings ('Kh § 195'), before
    its own text where the earlier handlings' texts precede it."""
    SECTIONS = "sections"
    """The decision's text sections."""
    LEADING_SECTIONS = "leading_sections"
    """The sections before the first proposal or decision section (the
    presentation: what the preparer wrote)."""
    PRESENTER_LINE = "presenter_line"
    """The presenter as one line before the proposal ('Kaupunginjohtaja
    Aleksi Randell:'; label ``presenter_line``)."""
    CLOSING_SECTIONS = "closing_sections"
    """The sections from the first proposal or decision section on."""
    SIGNATURE = "signature"
    """The signature block."""
    CONTACTS = "contacts"
    """The presenter (Esittelijä) and the contacts (Lisätiedot)."""
    ATTACHMENTS = "attachments"
    """The attachment list."""
    HANDLING_ATTACHMENTS = "handling_attachments"
    """The attachments of every handling with any, each under its handling
    mark (Turku's closing 'Liitteet:' list)."""
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
    handling: str = "{abbreviation} § {number}"
    """A handling's mark among the case's handlings: 'Ksylk § 84'."""

    @field_validator("body", "office_holder", "handling")
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


class HandlingsTable(Record):
    """The table of the case's handlings at the top of a document (Turku)."""

    columns: Annotated[list[str], Field(min_length=3, max_length=3)]
    """Headings of the §, date and item columns: ['§', 'Kokouspvm', 'Asia'];
    the first column's heading is the municipality, its cells the makers."""
    page_column: bool = False
    """A last column headed by the number of the page the table stands on
    (the first: the table opens the document)."""


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
    handling_parts: list[Part] = Field(default_factory=list)
    """The parts of an earlier handling's text where `history` lays it out
    (Turku: leading_sections, presenter_line, closing_sections)."""
    handlings: HandlingsTable | None = None
    """The handlings table, when `parts` has it."""
    labels: dict[str, dict[str, Any]] = Field(default_factory=dict)
    """Labels of the decision label set (``templates/labels/<lang>.yaml``)
    this profile words otherwise, by language: ``{fi: {attachments:
    'Liitteet:', sections: {proposal: Ehdotus}}}``; an empty heading prints none."""

    @field_validator("parts", "handling_parts")
    @classmethod
    def _once_each(cls, value: list[Part], info: ValidationInfo) -> list[Part]:
        if info.field_name == "handling_parts" and {Part.HISTORY, Part.HANDLINGS} & set(value):
            raise ValueError("an earlier handling's parts cannot hold 'history' or 'handlings' again")
        seen: set[Part] = set()
        for part in value:
            if part in seen:
                raise ValueError(f"part '{part.value}' is listed twice; each part comes once")
            seen.add(part)
        return value

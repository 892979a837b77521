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
from govdocs.model.decision import SectionKind
from govdocs.model.meeting import Role
from govdocs.model.registry import check_format_widths

__all__ = ["AGENDA_PARTS", "DateStyle", "HandlingsTable", "Header", "HeaderField", "Layout", "Mark", "Part"]


class Part(StrEnum):
    """One part of a decision document, in the order the profile lists them."""

    ITEM_HEADER = "item_header"
    """The item's own header at the top of its text: the maker's name and a
    line naming the document, its date and the item (Espoo: 'Kaupunginhallitus'
    / 'Pöytäkirja 08.05.2017 Pykälä 127'; labels ``item_header`` and, for an
    agenda item, ``agenda_item_header``)."""
    ATTACHMENT_INDEX = "attachment_index"
    """The titles of the files published with the item, without numbers,
    under ``attachment_index`` (Espoo's 'Liitteet' at the top): the
    attachments and the list entries of the text sections `index_sections` names."""
    EARLIER_HANDLINGS = "earlier_handlings"
    """Each earlier handling (`history`) as the lines of `earlier_handling`
    (Espoo: 'Kaupunginhallitus' / '105 §' / '10.4.2017')."""

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
    presentation: what the preparer wrote), or before the first of the
    profile's `split_before`."""
    PRESENTER_LINE = "presenter_line"
    """The presenter as one line before the proposal ('Kaupunginjohtaja
    Aleksi Randell:'; label ``presenter_line``)."""
    CLOSING_SECTIONS = "closing_sections"
    """The sections from the first proposal or decision section on (or
    from the first of the profile's `split_before`)."""
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
_HANDLING_FIELDS = ("maker", "number", "date")
AGENDA_PARTS = (Part.ITEM_HEADER, Part.ATTACHMENT_INDEX, Part.CASE, Part.MARK, Part.TITLE, Part.CONTACTS,
                Part.SECTIONS, Part.ATTACHMENTS, Part.DISTRIBUTION)
"""The parts an agenda item without a decision record can have (`agenda_parts`)."""


def _fields(value: str) -> list[str]:
    try:
        return [name for _, name, _, _ in string.Formatter().parse(value) if name is not None]
    except ValueError as exc:
        raise ValueError(f"not a usable pattern: {exc}") from None


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
        names = _fields(value)
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
    agenda_parts: list[Part] = Field(default_factory=list)
    """The parts of an agenda item without a decision record, in order
    (Espoo: item_header, attachment_index, case, mark, title, contacts,
    sections, distribution); `sections` is the proposal and the rest of the
    printed text. Empty: the mark, title, diary number, proposal, presenter,
    text, contacts and attachments."""
    split_before: list[SectionKind] = Field(
        default_factory=lambda: [SectionKind.PROPOSAL, SectionKind.DECISION])
    """The section kinds at the first of which the text splits into
    `leading_sections` and `closing_sections` (Espoo: [grounds], so that the
    numbered attachments stand between the decision and Selostus)."""
    index_sections: list[str] = Field(default_factory=list)
    """Headings of text sections whose list entries the `attachment_index`
    lists too (Espoo's 'Liitteet' lists the files of Oheismateriaali)."""
    earlier_handling: list[str] = Field(default_factory=lambda: ["{maker}", "{number} §", "{date}"])
    """The lines of one earlier handling in `earlier_handlings`: '{maker}'
    is its maker's name, '{number}' its §, '{date}' its date ('10.4.2017')."""
    task_code_line: bool = False
    """The task code on a line of its own under the diary number, without
    the ``task_code_prefix`` (Espoo: '730/2017' / '00.01.01.00')."""
    presenter_in_proposal: bool = False
    """The presenter stands after the proposal's heading on its line
    ('Päätösehdotus Kaupunginjohtaja Jukka Mäkelä'; label
    ``proposal_presenter``) instead of in a part Esittelijä of its own."""
    empty_for_information: bool = False
    """The heading ``for_information`` (Tiedoksi) is printed even when no
    unit is listed (Espoo's pages end with it)."""
    roles_after_title: list[Role] = Field(default_factory=list)
    """The meeting roles the attendance prints after a person's title
    (Espoo: [secretary] for 'kaupunginsihteeri, sihteeri'; the role's label
    is ``meeting.roles``); otherwise a title stands in place of the role."""
    labels: dict[str, dict[str, Any]] = Field(default_factory=dict)
    """Labels of the decision label set (``templates/labels/<lang>.yaml``)
    this profile words otherwise, by language: ``{fi: {attachments:
    'Liitteet:', sections: {proposal: Ehdotus}}}``; an empty heading prints none."""

    @field_validator("earlier_handling")
    @classmethod
    def _handling_lines(cls, value: list[str]) -> list[str]:
        for line in value:
            if any(n not in _HANDLING_FIELDS for n in _fields(line)):
                raise ValueError("a line of an earlier handling may use {maker}, {number} and {date}")
        return value

    @field_validator("agenda_parts")
    @classmethod
    def _agenda_parts(cls, value: list[Part]) -> list[Part]:
        wrong = [p.value for p in value if p not in AGENDA_PARTS]
        if wrong:
            raise ValueError(f"an agenda item has no part '{wrong[0]}'; choose from "
                             f"{', '.join(p.value for p in AGENDA_PARTS)}")
        return _no_repeats(value)

    @field_validator("parts", "handling_parts")
    @classmethod
    def _once_each(cls, value: list[Part], info: ValidationInfo) -> list[Part]:
        if info.field_name == "handling_parts" and {Part.HISTORY, Part.HANDLINGS} & set(value):
            raise ValueError("an earlier handling's parts cannot hold 'history' or 'handlings' again")
        return _no_repeats(value)


def _no_repeats(value: list[Part]) -> list[Part]:
    seen: set[Part] = set()
    for part in value:
        if part in seen:
            raise ValueError(f"part '{part.value}' is listed twice; each part comes once")
        seen.add(part)
    return value

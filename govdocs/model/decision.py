"""The decision (päätös) and the lighter follow-up record: one per file
under ``decisions/<year>/``."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date as _date
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import Discriminator, Field, PrivateAttr, Tag, model_validator

from govdocs.model.common import Date as DateField
from govdocs.model.common import (
    DateOrNotStated,
    Id,
    Int,
    NotStated,
    Record,
    Text,
    effective_date,
    normalise,
)
from govdocs.model.effects import Fulfilment, Mandate, MandateChange, Obligation, Transfer
from govdocs.model.initiatives import Initiative
from govdocs.model.items import (
    BodyPresenter,
    Disqualification,
    EarlierHandling,
    Heard,
    Item,
    Motion,
    Preparer,
    Vote,
)


class Handling(StrEnum):
    OFFICE_HOLDER = "office-holder"
    """an office holder deciding alone (viranhaltijapäätös)"""
    JOHTAJISTOKASITTELY = "johtajistokasittely"
    """the city manager in the meeting of the deputy mayors"""
    MEETING = "meeting"
    """a body in its meeting (kokous)"""
    ELECTRONIC_MEETING = "electronic-meeting"
    """a body in an electronic meeting"""


class PublicityClass(StrEnum):
    PUBLIC = "julkinen"
    """Julkinen"""
    PARTLY_SECRET = "osittain-salassa-pidettava"
    """Osittain salassa pidettävä"""
    SECRET = "salassa-pidettava"
    """Salassa pidettävä"""
    NOT_PUBLIC = "ei-julkinen"
    """Ei-julkinen"""


class Publicity(Record):
    """Publicity class (julkisuusluokka) and, where not public, its legal basis."""

    class_: PublicityClass = Field(default=PublicityClass.PUBLIC, alias="class")
    """Publicity class."""
    basis: str | None = None
    """Legal basis of secrecy: 'JulkL (621/1999) 24.1 § 25 k'."""

    @model_validator(mode="after")
    def _basis_when_secret(self) -> Publicity:
        if self.class_ is not PublicityClass.PUBLIC and not self.basis:
            raise ValueError(
                f"publicity class '{self.class_}' needs 'basis': the legal ground of secrecy, "
                "e.g. 'JulkL (621/1999) 24.1 § 25 k'"
            )
        return self


class ListBlock(Record):
    """A bulleted list."""

    list: Annotated[list[Text], Field(min_length=1)]
    """The items, in order."""


class NumberedBlock(Record):
    """A numbered list."""

    numbered: Annotated[list[Text], Field(min_length=1)]
    """The items, in order."""


class SubheadingBlock(Record):
    """A heading inside a section ('Matkailun yhteistyöryhmän jäsenet')."""

    subheading: Text
    """The heading text."""


class TableData(Record):
    """The cells of a table as printed: a header row and the rows under it."""

    columns: Annotated[list[str], Field(min_length=1)]
    """The header row; a column the source prints without a header is ''."""
    rows: Annotated[list[list[str]], Field(min_length=1)]
    """The rows, each with one cell per column ('' for an empty cell)."""

    @model_validator(mode="after")
    def _rectangular(self) -> TableData:
        for n, row in enumerate(self.rows, 1):
            if len(row) != len(self.columns):
                raise ValueError(f"row {n} has {len(row)} cells; the table has {len(self.columns)} columns")
        return self

    def cells(self) -> Iterator[str]:
        """Every non-empty cell, header first, row by row."""
        for row in (self.columns, *self.rows):
            yield from (cell for cell in row if cell)


class TableBlock(Record):
    """A table (a meeting calendar: nro, viikko, päivä, klo), its rows held as facts."""

    table: TableData
    """Its header and rows."""


def _block_kind(value: Any) -> str:
    if isinstance(value, dict):
        for key in ("list", "numbered", "subheading", "table"):
            if key in value:
                return key
    # Anything else is checked as a paragraph, so that a paragraph ending in
    # ':' (which YAML reads as a key) gets the message that explains it.
    return "paragraph"


Block = Annotated[
    Annotated[Text, Tag("paragraph")]
    | Annotated[ListBlock, Tag("list")]
    | Annotated[NumberedBlock, Tag("numbered")]
    | Annotated[SubheadingBlock, Tag("subheading")]
    | Annotated[TableBlock, Tag("table")],
    Discriminator(_block_kind),
]
"""A paragraph (plain text), a list, a numbered list, a subheading or a table."""


class SectionKind(StrEnum):
    DECISION = "decision"
    """Päätös"""
    PROPOSAL = "proposal"
    """Päätösehdotus"""
    GROUNDS = "grounds"
    """Päätöksen perustelut"""
    PRESENTER_GROUNDS = "presenter-grounds"
    """Esittelijän perustelut"""
    HANDLING = "handling"
    """Käsittely"""
    SUMMARY = "summary"
    """Tiivistelmä: the summary a layout may print before the handlings' texts"""
    FREE = "free"
    """any other heading (give heading)"""


class Section(Record):
    """A headed part of the decision text, in document order."""

    kind: SectionKind = SectionKind.FREE
    """Which standard section; its heading comes from the label set."""
    heading: str | None = None
    """Heading for a free section ('Toimivalta', 'Sovelletut säännökset')."""
    body: Annotated[list[Block], Field(min_length=1)]
    """Paragraphs, lists and subheadings."""
    publicity: Publicity | None = None
    """Set when this section is secret: the public copy shows only a mention."""
    generated: str | None = None
    """Set when govdocs wrote this section from the structured data: the
    phrasing template that made it ('working-group/decision'; 'handling/fi'
    for a body's Käsittely, from its motions, votes and disqualifications,
    'handling/council-fi' for the council's; 'rollcall/fi' and 'checkers/fi'
    from the attendance and the minute checkers of the decision's meeting).
    `govdocs draft regenerate` rewrites such sections; delete this line to
    keep your own text (`govdocs check` then compares it with the data)."""

    @model_validator(mode="after")
    def _heading_for_free(self) -> Section:
        if self.kind is SectionKind.FREE and not self.heading:
            raise ValueError("a free section needs 'heading' (or set 'kind': decision, grounds, ...)")
        return self


class Swedish(Record):
    """The decision's Swedish version (`sv:`), as the Swedish minutes or
    decision print it: its title and its text in the same kind of sections.
    The facts are held once; every text of theirs that is quoted or printed
    has its Swedish in a field of the same name ending in `_sv`, right
    beside the Finnish one: `quote_sv` (and `conditions_sv`, `duties_sv`,
    `condition_sv`) is checked word for word against this Swedish text as
    `quote` is against the Finnish; a contact's `title_sv`, an extract's
    `to_sv` and `attachments_sv`, a motion's `text_sv`, a vote's
    `question_sv`, `jaa_sv`, `ei_sv` (and a voter's `name_sv` where the
    Swedish list spells the name otherwise) are printed in the Swedish
    document. Attachments keep their own titles (the Swedish minutes print
    a Finnish attachment's Finnish title). `govdocs render --lang sv`
    renders from it and refuses, located, a decision whose Swedish is
    missing anywhere (`swedish-missing`), instead of mixing languages.
    From Kaupunginvaltuusto § 255, 2025 (`meeting/kaupunginvaltuusto-2025-10-22/255-sv.txt`):

    ```yaml
    title: Valtuutettu Nita Austeron aloite ...
    sections:
      - kind: decision
        body:
          - Kaupunginvaltuusto katsoi aloitteen loppuun käsitellyksi.
    contacts:
      - name: Jan Ihatsu
        title: kaupunginsihteeri
        title_sv: stadssekreterare
    items:
      - id: kv-2025-255.aloite
        action: answer-initiative
        quote: Kaupunginvaltuusto katsoi aloitteen loppuun käsitellyksi.
        quote_sv: Stadsfullmäktige betraktade motionen som slutbehandlad.
    sv:
      title: Ledamoten Nita Austeros motion om att inte ändra behörighetskraven för vikarier ...
      sections:
        - kind: decision
          body:
            - Stadsfullmäktige betraktade motionen som slutbehandlad.
        - kind: handling
          generated: handling/council-sv
          body: [...]
    ```
    """

    title: Text
    """Title in Swedish: 'Val av protokolljusterare'."""
    sections: Annotated[list[Section], Field(min_length=1)]
    """The Swedish text in ordered, headed sections (a generated one names
    its Swedish template: 'handling/council-sv', 'rollcall/sv')."""
    public_title: str | None = None
    """For a secret decision: the title the Swedish public copy may show."""


def block_texts(blocks: Iterable[Block]) -> Iterator[str]:
    """Every piece of text of ``blocks`` in order: paragraphs, list items,
    table cells and subheadings."""
    for block in blocks:
        if isinstance(block, str):
            yield block
        elif isinstance(block, ListBlock):
            yield from block.list
        elif isinstance(block, NumberedBlock):
            yield from block.numbered
        elif isinstance(block, TableBlock):
            yield from block.table.cells()
        else:
            yield block.subheading


class Contact(Record):
    """A person who gives more information (Lisätiedot; Hallintolaki 44 §)."""

    name: Text
    """Name."""
    title: str | None = None
    """Title: 'erityissuunnittelija'."""
    title_sv: str | None = None
    """Title in Swedish: 'stadssekreterare'."""
    phone: str | None = None
    """Phone as printed: '310 76461'."""
    email: str | None = None
    """E-mail address."""
    person: Id | None = None
    """The person's registry id, if listed."""


class Presenter(Record):
    """The presenting official (Esittelijä) of a body's decision."""

    title: Text
    """Title as printed: 'hallintojohtaja'."""
    title_sv: str | None = None
    """Title in Swedish: 'förvaltningsdirektör'."""
    name: Text
    """Name."""


def _presenter_kind(value: Any) -> str:
    if isinstance(value, BodyPresenter) or (isinstance(value, dict) and "body" in value):
        return "body"
    return "person"


AnyPresenter = Annotated[
    Annotated[Presenter, Tag("person")] | Annotated[BodyPresenter, Tag("body")],
    Discriminator(_presenter_kind),
]
"""An office holder (title and name) or a body ({body: kaupunginhallitus})."""


class Signature(Record):
    """Who signed: 'Päätös on sähköisesti allekirjoitettu.'"""

    name: Text
    """Name."""
    title: Text
    """Title."""
    title_sv: str | None = None
    """Title in Swedish."""
    electronic: bool = True
    """Signed electronically."""


class Attachment(Record):
    """A numbered attachment (Liite)."""

    number: Int = Field(ge=1)
    """Its number: 1, 2, ..."""
    title: Text
    """Title: 'Eroilmoitus'."""
    publicity: Publicity = Field(default_factory=Publicity)
    """Its own publicity; a secret one is listed with its basis only."""
    personal: bool = False
    """Contains personal data: left out of the public copy."""
    published: bool | None = None
    """Whether the web copy publishes its file (Ahjo lists it); empty:
    published unless secret. false for an attachment the text lists but
    whose file is not published (a lease agreement, a list of members)."""

    @property
    def on_web(self) -> bool:
        """The web copy publishes this attachment's file."""
        if self.published is not None:
            return self.published
        return self.publicity.class_ is PublicityClass.PUBLIC


class Reference(Record):
    """An earlier decision or a document this decision refers to."""

    id: Id
    """Stable id, e.g. 'kj-2016-4'."""
    decision: Id | None = None
    """The referred decision's id, when it is in these records."""
    maker: Id | None = None
    """Decision maker of a referred decision not in the records."""
    number: Int | None = None
    """Its § number."""
    date: DateField | None = None
    """Its date (or the document's date)."""
    document: str | None = None
    """A document's title: 'Työmarkkinatuki-ryhmän loppuraportti'."""
    cited: str | None = None
    """How the text cites it: '17.6.2015 (§ 45)'."""
    summary: str | None = None
    """What it decided or says, in a sentence."""


class AppealRoute(StrEnum):
    OIKAISUVAATIMUS = "oikaisuvaatimus"
    """oikaisuvaatimus under Kuntalaki 134 §: 14 days"""
    KUNNALLISVALITUS = "kunnallisvalitus"
    """council decisions and decisions on oikaisuvaatimus: 30 days"""
    OIKAISUVAATIMUS_ERITYISLAKI = "oikaisuvaatimus-erityislaki"
    """under a special law (Hallintolaki 49 c §): 30 days"""
    HALLINTOVALITUS = "hallintovalitus"
    """to the administrative court under a special law"""
    HALLINTOVALITUS_MRL = "hallintovalitus-mrl"
    """to the administrative court, of a decision on an oikaisuvaatimus about
    a building, action, demolition or landscape-work permit
    (Maankäyttö- ja rakennuslaki): 30 days"""
    HANKINTA = "hankintaoikaisu"
    """procurement: hankintaoikaisu and markkinaoikeus"""
    MUUTOKSENHAKUKIELTO = "muutoksenhakukielto"
    """no appeal: preparation or implementation only (Kuntalaki 136 §)"""


class Appeal(Record):
    """How the decision can be appealed (Muutoksenhaku)."""

    route: AppealRoute
    """The route; its instruction text comes from the templates."""
    authority: Id | None = None
    """Body that hears the oikaisuvaatimus; default: the maker's appeal authority."""
    court: str | None = None
    """Court for a valitus: 'Helsingin hallinto-oikeus'; the text prints the
    court of the municipality's registry, and this must name the same."""
    law: str | None = None
    """The provision applied: 'Kuntalaki 136 §'."""
    days: Int | None = Field(default=None, ge=1, le=365)
    """Period in days where a special law sets it."""
    elections: bool = False
    """A muutoksenhakukielto of an election (vaalit): the general sentence
    with the provision given in `law`."""
    variant: Id | None = None
    """The route's wording for a kind of matter whose law adds appellants or
    changes how notice is given, a folder under
    ``templates/appeal/<route>/``: 'kaava' for the kunnallisvalitus of a
    plan or building order (Alueidenkäyttölaki 191 §). Empty: the route's
    general wording."""


class Extract(Record):
    """An extract (Ote) sent to someone, with its instructions."""

    to: Text
    """Recipient: 'Päätöksessä mainitut'."""
    to_sv: str | None = None
    """Recipient in Swedish: 'Den som väckt motionen'."""
    attachments: list[str] = Field(default_factory=list)
    """What goes with it: 'Oikaisuvaatimusohje, kaupunginhallitus'."""
    attachments_sv: list[str] = Field(default_factory=list)
    """What goes with it, in Swedish, in the same order: 'Förslagstext'."""


class Distribution(Record):
    """Who is told (Tiedoksi) and who gets an extract (Otteet)."""

    for_information: list[Text] = Field(default_factory=list)
    """Tiedoksi: units that are told."""
    for_information_sv: list[Text] = Field(default_factory=list)
    """För kännedom: the same units in Swedish, in the same order."""
    extracts: list[Extract] = Field(default_factory=list)
    """Otteet."""


class Drafting(Record):
    """How the decision was started: its kind (a file under
    ``templates/kinds/``) and the kind's own inputs, for the parts of the
    text that have no record model of their own (a deputy list, a
    validity date)."""

    kind: Id
    """The kind: 'working-group', 'deputy-order', ..."""
    values: dict[str, str | list[str]] = Field(default_factory=dict)
    """The inputs the kind file declares, by name."""


class Decision(Record):
    """A decision (päätös): the document and what it establishes."""

    _plain: dict[str, str] = PrivateAttr(default_factory=dict)

    record: Literal["decision"] = "decision"
    """The kind of record file."""
    id: Id
    """Stable id used everywhere, e.g. 'kj-2016-59' (maker, year, §)."""
    maker: Id
    """Decision maker (registry decision_makers id): 'kaupunginjohtaja'."""
    handling: Handling = Handling.OFFICE_HOLDER
    """How it was decided."""
    date: DateOrNotStated
    """Date of the decision; not_stated when the source does not give it."""
    number: Int = Field(ge=1)
    """§ number in the maker's yearly series."""
    title: Text
    """Title (otsikko)."""
    case: str | None = None
    """Diary number: 'HEL 2014-011413'."""
    task_code: str | None = None
    """Task-classification code: '00 00 02' (printed 'T 00 00 02')."""
    project_number: str | None = None
    """Hankenumero, printed under the diary number: '5264_203'."""
    facta: str | None = None
    """Building control's own case numbers (Facta), printed under the diary
    number: '35-2155-21-AJ ja 35-0033-21-OIK'."""
    language: Literal["fi", "sv"] = "fi"
    """Language of the record's own text (title, sections, the facts'
    quotes); a Finnish decision's Swedish version is `sv`."""
    publicity: Publicity = Field(default_factory=Publicity)
    """Publicity of the decision as a whole."""
    public_title: str | None = None
    """For a secret decision: the title of the matter as it may be published
    ('Lastensuojeluasia'); without it the public copy says only 'Salassa
    pidettävä päätös', since the title itself may tell the secret."""
    sections: Annotated[list[Section], Field(min_length=1)]
    """The text in ordered, headed sections."""
    grounds_exception: str | None = None
    """Hallintolaki 45 § exception that allows leaving out the grounds."""
    presenter: AnyPresenter | None = None
    """Esittelijä (bodies): an office holder, or a body for a council item."""
    heard: list[Heard] = Field(default_factory=list)
    """Experts heard during the handling (kuultavana), in printed order."""
    preparers: list[Preparer] = Field(default_factory=list)
    """Valmistelijat: the people who prepared the matter."""
    signature: Signature | NotStated | None = None
    """Signer, or not_stated."""
    contacts: list[Contact] = Field(default_factory=list)
    """Lisätiedot: one or more contacts."""
    attachments: list[Attachment] = Field(default_factory=list)
    """Liitteet."""
    references: list[Reference] = Field(default_factory=list)
    """Earlier decisions and documents referred to."""
    history: list[EarlierHandling] = Field(default_factory=list)
    """Päätöshistoria: the earlier handlings of the same case, oldest first."""
    item_number: Int | None = Field(default=None, ge=1)
    """This handling's number in the 'Asia' column of the table of
    handlings (Turku), as printed; see `history`."""
    appeal: Appeal | NotStated | None = None
    """Muutoksenhaku; not_stated when the source omits it."""
    distribution: Distribution = Field(default_factory=Distribution)
    """Tiedoksi and Otteet."""
    personal_data: list[Text] = Field(default_factory=list)
    """Personal data in the text (names of private persons...) that the
    public web copy replaces with '*****' (Kuntalaki 140 §)."""
    published_personal_data: list[Text] = Field(default_factory=list)
    """Personal data the public needs while the decision can be appealed (a
    permit holder's or an appointee's name): the web copy shows it until
    the appeal period of the members of the municipality ends, and from
    the next day replaces it with '*****' (Kuntalaki 140 §; `govdocs site
    --as-of`). Without a known publication day (`published_on`, or the
    minutes' display day) it is never shown."""
    published_on: DateField | None = None
    """The day an office holder's decision went online in the general data
    network, from which its appeal period counts for the members of the
    municipality; a body's decision is published with its minutes
    (`meeting`)."""
    items: list[Item] = Field(default_factory=list)
    """What the decision does, act by act, each quoting its sentence(s)."""
    motions: list[Motion] = Field(default_factory=list)
    """Proposals made in the handling (Käsittely), with their outcomes."""
    votes: list[Vote] = Field(default_factory=list)
    """Votes of the handling."""
    disqualifications: list[Disqualification] = Field(default_factory=list)
    """Members who were disqualified (Esteelliset)."""
    meeting: Id | None = None
    """The meeting (its record id) whose agenda this decision is an item of:
    'kaupunginvaltuusto-2025-16'. Its appeal period counts from that
    meeting's minutes going on public display."""
    as_proposed: bool | None = None
    """A body's decision is its presenter's proposal unchanged ('Esitys on
    ehdotuksen mukainen': true) or as changed in the handling (false);
    empty: not stated. A changed decision has an adopted motion."""
    mandates: list[Mandate] = Field(default_factory=list)
    """Working groups this decision sets up (or first records)."""
    mandate_changes: list[MandateChange] = Field(default_factory=list)
    """Changes to existing mandates."""
    transfers: list[Transfer] = Field(default_factory=list)
    """Responsibility statements: what moves and what stays."""
    obligations: list[Obligation] = Field(default_factory=list)
    """Follow-up obligations created."""
    fulfils: list[Fulfilment] = Field(default_factory=list)
    """Earlier obligations this decision fulfils, cancels or supersedes."""
    initiatives: list[Initiative] = Field(default_factory=list)
    """Initiatives this decision records being left (Kokouksessa jätetyt
    aloitteet), each a follow-up duty until an `answer-initiative` item
    of a later decision names it."""
    drafting: Drafting | None = None
    """The kind the decision was drafted from and its inputs (`govdocs new`)."""
    sv: Swedish | None = None
    """The Swedish version: title and text (Helsinki publishes every council
    item in both languages); the facts' Swedish quotes sit beside their
    Finnish ones (`quote_sv`)."""

    @property
    def day(self) -> _date | None:
        """The date to compute with (stated or assumed), or None."""
        return effective_date(self.date)

    def text_sections(self, lang: str | None = None) -> list[Section]:
        """The sections of the text in ``lang`` (default: the record's
        language): the record's own, or its Swedish version's (none when it
        has no ``sv``)."""
        if lang is None or lang == self.language:
            return self.sections
        return self.sv.sections if lang == "sv" and self.sv is not None else []

    def blocks(self, lang: str | None = None) -> Iterator[str]:
        """Every piece of text in document order (headings excluded), of
        the text in ``lang``."""
        for section in self.text_sections(lang):
            yield from block_texts(section.body)

    def plain_text(self, lang: str | None = None) -> str:
        """The decision's text in ``lang`` as one whitespace-normalised
        string, for checking that quotes really are in it. Computed once:
        the record is immutable and every quote of the decision is checked
        against it."""
        key = lang or self.language
        if key not in self._plain:
            self._plain[key] = normalise(" ".join(self.blocks(key)))
        return self._plain[key]


class Document(Record):
    """A document a follow-up record points to."""

    title: Text
    """Title."""
    date: DateField | None = None
    """Its date."""
    reference: str | None = None
    """Where to find it: a diary number, an address."""


class FollowUp(Record):
    """A light record that a report was presented or a duty done, without a
    decision of its own: it fulfils obligations with a document as evidence."""

    record: Literal["followup"]
    """Always 'followup'."""
    id: Id
    """Stable id."""
    date: DateField
    """When it happened."""
    title: Text
    """What happened: 'Kuntouttava työtoiminta esitelty elinkeinojaostolle'."""
    by: Id | None = None
    """Organisation that did it."""
    document: Document | None = None
    """The evidence."""
    fulfils: Annotated[list[Fulfilment], Field(min_length=1)]
    """Obligations fulfilled, cancelled or superseded."""

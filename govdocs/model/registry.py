"""registry.yaml: the municipality and everything records refer to by id."""

from __future__ import annotations

import re
import string
from datetime import date
from enum import StrEnum

import regex
from pydantic import Field, field_validator

from govdocs.model.common import Date, Id, Int, Record, Text


class Names(Record):
    """An organisation's or body's name in the forms generated Finnish text
    needs. Finnish cannot be produced by pasting the nominative into a
    sentence: "siirretään kaupunginkanslian elinkeino-osastolle"."""

    fi: Text
    """Nominative, Finnish: 'Kaupunginkanslia'."""
    sv: str | None = None
    """Swedish name: 'Stadskansliet'."""
    genitive: str | None = None
    """Genetiivi: 'kaupunginkanslian'."""
    elative: str | None = None
    """Elatiivi (from): 'kaupunginkansliasta'."""
    illative: str | None = None
    """Illatiivi (into): 'kaupunginkansliaan'."""
    inessive: str | None = None
    """Inessiivi (in): 'kaupunginkansliassa'."""
    allative: str | None = None
    """Allatiivi (to): 'kaupunginkanslialle'."""
    adessive: str | None = None
    """Adessiivi (at): 'kaupunginkanslialla'."""
    ablative: str | None = None
    """Ablatiivi (from, on-surface): 'kaupunginkanslialta'."""
    partitive: str | None = None
    """Partitiivi: 'kaupunginkansliaa'."""
    essive: str | None = None
    """Essiivi (as): 'kaupunginkansliana'."""
    genitive_sv: str | None = None
    """Swedish genitive as a sentence writes it: 'stadsstyrelsens',
    'Maria Aarnilinnas'."""

    def named(self, lang: str) -> str:
        """The name in ``lang``: the Swedish one where given, else the Finnish."""
        return (self.sv if lang == "sv" else None) or self.fi


class OrgKind(StrEnum):
    DIVISION = "division"
    """toimiala (Helsinki from 1.6.2017)"""
    DEPARTMENT = "department"
    """virasto (Helsinki before 1.6.2017)"""
    OFFICE = "office"
    """kaupunginkanslia and similar central offices"""
    UNIT = "unit"
    """osasto, yksikkö, palvelu"""
    ENTERPRISE = "enterprise"
    """liikelaitos"""
    COMPANY = "company"
    """city-owned company or foundation"""
    EXTERNAL = "external"
    """outside the city (Kela, the state)"""


class Organisation(Record):
    """An administrative organisation that can hold responsibilities."""

    id: Id
    """Stable id used by records, e.g. 'kaupunginkanslia'."""
    name: Names
    """Names and inflected forms."""
    kind: OrgKind
    """What sort of organisation it is."""
    parent: Id | None = None
    """The organisation it is part of (e.g. the department of a unit)."""
    valid_from: Date | None = None
    """First day it exists; empty when older than the records."""
    valid_to: Date | None = None
    """Last day it exists; empty while it exists."""
    successor: Id | None = None
    """Who takes over what it held when it ends (day after valid_to)."""
    successor_basis: str | None = None
    """The decision or rule that made the successor, for the audit."""

    def exists_on(self, day: date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )


class MakerKind(StrEnum):
    BODY = "body"
    """toimielin: valtuusto, kaupunginhallitus, lautakunta, jaosto, johtokunta"""
    OFFICE_HOLDER = "office-holder"
    """viranhaltija: kaupunginjohtaja, kansliapäällikkö, ..."""


class SeatRole(StrEnum):
    """A member's standing in the body for a term."""

    CHAIR = "chair"
    """puheenjohtaja"""
    VICE_CHAIR = "vice-chair"
    """varapuheenjohtaja (first, second: `rank`)"""
    MEMBER = "member"
    """jäsen (valtuutettu)"""
    DEPUTY = "deputy"
    """varajäsen: a personal deputy (`deputy_of`), or a council's varavaltuutettu of a group"""


class Membership(Record):
    """One seat holder of a body for a term: who, in which role, from when to
    when; a personal deputy names the member they are paired to."""

    name: Text
    """As printed: 'Maria Aarnilinna'."""
    person: Id | None = None
    """Their registry id, if listed."""
    also: list[Text] = Field(default_factory=list)
    """Other spellings the sources print for the same person ('Jenny Hjelt' for 'Jenni Hjelt')."""
    role: SeatRole = SeatRole.MEMBER
    """Member, chair, vice-chair or deputy."""
    rank: Int | None = Field(default=None, ge=1)
    """For a vice-chair: first (1), second (2)…; for a council deputy: the order in the group."""
    group: str | None = None
    """Their council group (valtuustoryhmä), where known."""
    deputy_of: str | None = None
    """For a personal deputy: the member (by name) they are paired to."""
    valid_from: Date | None = None
    """The first day of the seat (the term's start)."""
    valid_to: Date | None = None
    """The last day of the seat."""
    basis: str | None = None
    """The election: a decision id or its citation."""

    def holds_on(self, day: date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )

    def known_as(self, name: str) -> bool:
        return name == self.name or name in self.also


class AhjoIdentity(Record):
    """How Helsinki's case system Ahjo names a decision maker in its
    published data (``Organization`` of a decision): what the open-data
    export writes where Ahjo's own API has it."""

    id: str
    """Ahjo's organisation id: 'U540', '00400', 'U48040020VH1'."""
    type: str | None = None
    """Ahjo's organisation type as written: 'Lautakunta', 'Jaosto', 'Viranhaltija'."""
    sector_id: str | None = None
    """The id of the sector (toimiala) Ahjo places it in: 'U541000'."""
    sector: str | None = None
    """That sector's name as Ahjo writes it: 'Kaupunkiympäristön toimiala'."""


class DecisionMaker(Record):
    """A body or office holder that decides, presents to, or receives reports."""

    id: Id
    """Stable id, e.g. 'kaupunginjohtaja', 'elinkeinojaosto'."""
    name: Names
    """Names and inflected forms ('Kaupunginjohtaja', 'kaupunginjohtajan')."""
    abbreviation: str | None = None
    """The abbreviation a layout may write its marks with: 'Kh', 'Ksylk'."""
    kind: MakerKind
    """A body numbers its sections '§ 898', an office holder '59 §'."""
    organisation: Id | None = None
    """The organisation it belongs to."""
    appeal_authority: Id | None = None
    """The body that hears an oikaisuvaatimus against its decisions."""
    valid_from: Date | None = None
    """First day it exists."""
    valid_to: Date | None = None
    """Last day it exists."""
    council: bool = False
    """The council (valtuusto): a quorum needs two thirds of its councillors
    present; any other body more than half of its members (Kuntalaki 103 §)."""
    seats: Int | None = Field(default=None, ge=1)
    """How many members the body has (valtuutettujen lukumäärä), the base of
    its quorum; empty: the number of members listed for the day."""
    members: list[Membership] = Field(default_factory=list)
    """Its composition over time: members with their terms, and deputies
    (paired to members where the body has personal deputies)."""
    ahjo: AhjoIdentity | None = None
    """Its identity in Ahjo's published data, where that data states it."""

    def composition(self, day: date) -> list[Membership]:
        """Seat holders on ``day``."""
        return [m for m in self.members if m.holds_on(day)]

    def seat_count(self, day: date) -> int | None:
        """The quorum base on ``day``: `seats`, else the members listed."""
        if self.seats is not None:
            return self.seats
        count = sum(1 for m in self.composition(day) if m.role is not SeatRole.DEPUTY)
        return count or None

    def quorum(self, day: date) -> int | None:
        """How many members must be present (Kuntalaki 103 §): two thirds of
        a council's councillors, more than half of any other body's members."""
        seats = self.seat_count(day)
        if seats is None:
            return None
        return -(-2 * seats // 3) if self.council else seats // 2 + 1

    def exists_on(self, day: date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )


class Person(Record):
    """A person named in records (contacts, presenters, members)."""

    id: Id
    """Stable id, e.g. 'ilkka-oksman'."""
    name: Text
    """Full name as printed."""
    title: str | None = None
    """Title (virkanimike) as printed: 'erityissuunnittelija'."""
    organisation: Id | None = None
    """Organisation the person works for."""
    phone: str | None = None
    """Phone as printed: '310 76461'."""
    email: str | None = None
    """E-mail address."""


class FunctionKind(StrEnum):
    FUNCTION = "function"
    """a task or duty (tehtävä, järjestämisvastuu)"""
    SERVICE = "service"
    """a service (palvelu)"""
    APPROPRIATION = "appropriation"
    """a budget appropriation (määräraha)"""


class InitialHolder(Record):
    """Who held a function when the records begin."""

    organisation: Id
    """The holder."""
    since: Date | None = None
    """Since when, if known."""
    basis: str | None = None
    """Where this is known from (a rule book, an earlier decision)."""


class Function(Record):
    """A function, service or appropriation whose holder can change."""

    id: Id
    """Stable id, e.g. 'helsingin-typ'."""
    name: Text
    """Name as printed: 'Helsingin TYP'."""
    kind: FunctionKind
    """Function, service or appropriation."""
    description: str | None = None
    """What it is, in a sentence."""
    holder: InitialHolder | None = None
    """Holder when the records begin; later holders come from transfers."""
    parts: list[Id] = Field(default_factory=list)
    """Named parts that can move separately (e.g. 'neuvonta-ja-ohjaus')."""


class Premises(Record):
    """The parts of an office's or a court's contact details that are
    written in a language: addresses and opening hours, as printed."""

    postal_address: list[Text] = Field(min_length=1)
    """Postal address lines: ['PB 10', '00099 HELSINGFORS STAD']."""
    visiting_address: Text
    """Street address: 'Norra esplanaden 11-13'."""
    hours: str | None = None
    """Opening hours sentence: 'Registratorskontoret är öppet måndag–fredag kl. 08.15–16.00.'"""


class RegistryOffice(Record):
    """The registry office (kirjaamo), printed in appeal instructions: its
    Finnish addresses here, the Swedish ones under ``sv``."""

    email: str
    """E-mail address."""
    postal_address: list[str]
    """Postal address lines."""
    visiting_address: str
    """Street address."""
    phone: str
    """Phone number as printed."""
    hours: str
    """Opening hours sentence."""
    secure_mail: str | None = None
    """The secure e-mail service's address ('https://securemail.hel.fi/');
    the appeal texts tell people to use it only where it is given."""
    sv: Premises | None = None
    """Swedish addresses and hours, for the Swedish appeal texts."""


class Relocation(Record):
    """A move of a court that the appeal texts announce: the address
    before and after, printed by the version that gives both."""

    until: Date
    """The last day of the old address (the court's own, above)."""
    since: Date
    """The first day of the new address."""
    postal_address: list[Text] = Field(min_length=1)
    """The new postal address lines."""
    visiting_address: Text
    """The new street address."""
    sv: Premises | None = None
    """The new address in Swedish."""


class Court(Record):
    """The administrative court (hallinto-oikeus) that hears the appeals of
    the municipality's decisions, as the appeal texts print it: its
    Finnish addresses here, the Swedish ones under ``sv``."""

    name: Names
    """'Helsingin hallinto-oikeus' with its allative ('Helsingin
    hallinto-oikeudelle') and the Swedish name ('Helsingfors förvaltningsdomstol')."""
    email: str
    """E-mail address: 'helsinki.hao@oikeus.fi'."""
    phone: str
    """Phone number as printed: '029 56 42000'."""
    fax: str | None = None
    """Fax number as printed: '029 56 42079'."""
    postal_address: list[Text] = Field(min_length=1)
    """Postal address lines: ['Radanrakentajantie 5', '00520 HELSINKI']."""
    visiting_address: Text
    """Street address: 'Radanrakentajantie 5'."""
    hours: str | None = None
    """Opening hours sentence, if the texts print it: 'Hallinto-oikeuden
    aukioloaika on maanantaista perjantaihin klo 08.00-16.15.'"""
    sv: Premises | None = None
    """Swedish addresses and hours."""
    relocation: Relocation | None = None
    """A move the texts announce (Helsinki's of 27.12.2021)."""


class BudgetCalendar(Record):
    """Dates that turn 'in budget year 2018' or 'before the frame phase'
    into concrete deadlines. Month-day defaults with per-year exceptions."""

    frame_phase: str = "04-30"
    """Month-day (MM-DD) by which the budget frame (raami) is set each year."""
    frame_phase_by_year: dict[int, Date] = Field(default_factory=dict)
    """Exact frame-phase dates where known, by year."""
    proposal: str = "10-31"
    """Month-day in the previous year by which the budget proposal for a
    budget year is ready (the deadline for incorporating something)."""
    proposal_by_year: dict[int, Date] = Field(default_factory=dict)
    """Exact proposal dates by budget year, where known."""
    due_soon_days: Int = Field(default=30, ge=0, le=366)
    """How many days before its due date an open obligation shows as due
    soon (follow-up lists, `--fail-on due-soon`)."""


class Municipality(Record):
    """The municipality whose records these are."""

    id: Id | None = None
    """Short id: 'helsinki'. Required when the repository holds several
    municipalities; a member's id is the name of its file in registries/."""
    business_id: str | None = Field(default=None, pattern=r"^\d{7}-\d$")
    """Y-tunnus (business id): '0201256-6'."""
    name: Names
    """'Helsingin kaupunki' and its forms."""
    short_name: str
    """Used in the document header: 'Helsingin kaupunki'."""
    layout: Id = "helsinki"
    """The layout profile its documents are laid out in: a repository's own
    ``layouts/<name>.yaml``, else govdocs' ``templates/layouts/<name>.yaml``
    (helsinki, espoo, turku)."""
    registry_office: RegistryOffice
    """Kirjaamo: printed in appeal instructions."""
    administrative_court: Court | None = None
    """The hallinto-oikeus its decisions are appealed to, as the appeal
    instructions print it; a route whose text names the court needs it."""
    case_number_pattern: str = r"^[A-Z]+ \d{4}-\d{6}$"
    """Regular expression a diary number must match."""
    case_number_format: str = "HEL {year}-{serial:06d}"
    """How new diary numbers are written."""
    task_code_pattern: str = r"^\d{2} \d{2} \d{2}$"
    """Regular expression for the task-classification code."""
    budget_calendar: BudgetCalendar = Field(default_factory=BudgetCalendar)
    """Budget dates for due dates given as years or budget years."""
    attachment_note: str | None = None
    """What the municipality's web pages say of the attachments they do not
    publish, and why (Helsinki's "Päätösasiakirjoissa on mainittu liitteitä,
    joita ei julkaista internetissä. ..."): shown under a decision's
    attachments on the public site. Empty: the site gives each one's reason only."""
    attachment_note_sv: str | None = None
    """The same in Swedish, for the Swedish pages."""

    @property
    def example_case_number(self) -> str:
        """The diary number the appeal texts give as an example
        ('HEL 2021-000123'), from `case_number_format`."""
        return self.case_number_format.format(year=EXAMPLE_CASE_YEAR, serial=EXAMPLE_CASE_SERIAL)

    @field_validator("case_number_pattern", "task_code_pattern")
    @classmethod
    def _usable_pattern(cls, value: str) -> str:
        return check_pattern(value)

    @field_validator("case_number_format")
    @classmethod
    def _usable_format(cls, value: str) -> str:
        try:
            fields = [name for _, name, _, _ in string.Formatter().parse(value) if name is not None]
        except ValueError as exc:
            raise ValueError(f"not a usable format: {exc}") from None
        if any(name not in ("year", "serial") for name in fields):
            raise ValueError("the format may use only {year} and {serial}, e.g. 'HEL {year}-{serial:06d}'")
        check_format_widths(value)
        try:
            value.format(year=2016, serial=1234)
        except ValueError as exc:
            raise ValueError(f"not a usable format: {exc}") from None
        return value


EXAMPLE_CASE_YEAR, EXAMPLE_CASE_SERIAL = 2021, 123
"""The example diary number of the appeal texts: Helsinki's 'HEL 2021-000123'."""

MAX_FORMAT_WIDTH = 32
"""Widest field a diary-number format may pad to: '{serial:>1000000000}'
would otherwise build a gigabyte of spaces on every validation."""

_SPEC_NUMBER = re.compile(r"\d+")


def check_format_widths(value: str) -> None:
    """Refuse nested fields ('{serial:{year}}': a width taken from data)
    and widths or precisions over `MAX_FORMAT_WIDTH`, before formatting."""
    for _, name, spec, _ in string.Formatter().parse(value):
        if name is None or not spec:
            continue
        if "{" in spec:
            raise ValueError(f"the format of {{{name}}} cannot contain another field ('{spec}')")
        widest = max((int(n) for n in _SPEC_NUMBER.findall(spec)), default=0)
        if widest > MAX_FORMAT_WIDTH:
            raise ValueError(
                f"the field {{{name}:{spec[:40]}}} is {widest:,} characters wide; the limit is "
                f"{MAX_FORMAT_WIDTH} (e.g. {{serial:06d}})"
            )


MAX_PATTERN_CHARS = 1000
"""Longest registry pattern: a diary-number pattern is a line, not a program."""

MATCH_SECONDS = 0.1
"""Time bound for one match of a registry pattern (a real one takes
microseconds). Patterns run with the `regex` module, whose matcher can be
interrupted; Python's `re` cannot."""

_PROBE_LENGTH = 40
_PROBE_CHARS = ("1", "a", "A", " ", "-", "0a", "1 ")


class PatternTooSlow(ValueError):
    """A registry pattern did not answer within `MATCH_SECONDS`."""


def pattern_matches(pattern: str, text: str) -> bool:
    """Whether ``text`` matches the registry ``pattern`` from its start,
    within `MATCH_SECONDS`; raises `PatternTooSlow` when it backtracks
    catastrophically on this text."""
    try:
        # ASCII: '\d' is 0-9 only, so a full-width or Arabic-Indic diary number does not pass
        return regex.match(pattern, text, flags=regex.ASCII, timeout=MATCH_SECONDS) is not None
    except TimeoutError:
        raise PatternTooSlow(
            f"the pattern '{pattern}' takes more than {MATCH_SECONDS} s on a text of {len(text)} "
            "characters (catastrophic backtracking: a repetition that can match the same text in "
            "several ways, such as '(\\d|\\d\\d)+'); simplify it, e.g. '\\d+'"
        ) from None


def check_pattern(value: str) -> str:
    """A registry regular expression that compiles and cannot take
    exponential time: records come from outside, and a repeated group that
    repeats inside ('(a+)+', '(\\w+\\s?)*') hangs the check on a crafted
    diary number. What the nested-repetition analysis cannot see (a
    repeated alternation whose branches overlap, '(\\d|\\d\\d)+') is found
    by running the pattern, under the time bound, on texts made to make it
    backtrack; and every later match runs under the same bound."""
    if len(value) > MAX_PATTERN_CHARS:
        raise ValueError(f"the pattern is {len(value):,} characters long; the limit is {MAX_PATTERN_CHARS:,}")
    try:
        parsed = re._parser.parse(value)  # type: ignore[attr-defined]
        regex.compile(value)
    except (re.error, regex.error) as exc:
        raise ValueError(f"not a valid regular expression: {exc}") from None
    if _nested_repeat(parsed, inside=False):
        raise ValueError(
            "a repeated group that itself contains repetition can take exponential time; "
            "write the pattern without nested repetition"
        )
    for chars in _PROBE_CHARS:
        probe = (chars * _PROBE_LENGTH)[:_PROBE_LENGTH] + "!"
        pattern_matches(value, probe)  # PatternTooSlow is a ValueError: located by the schema check
    return value


def _nested_repeat(items: object, inside: bool) -> bool:
    for op, arg in items:  # type: ignore[attr-defined]
        name = str(op)
        if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            low, high, sub = arg
            if high > 1 and inside:
                return True
            if _nested_repeat(sub, inside or high > 1):
                return True
        elif name == "SUBPATTERN":
            if _nested_repeat(arg[-1], inside):
                return True
        elif name == "BRANCH":
            if any(_nested_repeat(branch, inside) for branch in arg[1]):
                return True
    return False


class DraftingSettings(Record):
    """How `govdocs new`, `draft regenerate`, `check` and the preview treat
    this repository's own kinds (files under its ``templates/kinds/``)."""

    override_kinds: list[Id] = Field(default_factory=list)
    """Built-in kinds this repository's kind files may replace, by name:
    ``[working-group]``. A repository kind may always add a kind of a new
    name; one with a built-in name is refused unless listed here, so a
    pull request that adds a kind file cannot silently change the text of
    every decision of a standard kind."""


class Registry(Record):
    """registry.yaml: one per records repository, and one per further
    municipality the repository holds (``registries/<id>.yaml``)."""

    municipality: Municipality
    """The municipality."""
    municipalities: list[Id] = Field(default_factory=list)
    """Other municipalities whose records this repository holds too, by
    id: each one's registry is ``registries/<id>.yaml`` (the same format,
    without this list). Registry ids are unique across all of them; a
    record belongs to the municipality of its decision maker."""
    organisations: list[Organisation] = Field(default_factory=list)
    """Organisations with hierarchy, validity and successors."""
    decision_makers: list[DecisionMaker] = Field(default_factory=list)
    """Bodies and office holders."""
    people: list[Person] = Field(default_factory=list)
    """People named in records."""
    functions: list[Function] = Field(default_factory=list)
    """Functions, services and appropriations whose holders change."""
    drafting: DraftingSettings = Field(default_factory=DraftingSettings)
    """Settings of the drafting tools (which built-in kinds the repository replaces)."""

"""What a decision establishes beyond its prose: working-group mandates and
their changes, responsibility transfers, follow-up obligations and their
fulfilment. Each quotes the sentence of its decision that establishes it."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import BeforeValidator, Field, WithJsonSchema, model_validator

from govdocs.model.common import (
    ID_PATTERN,
    Date,
    DateOrNotStated,
    Id,
    Int,
    NotStated,
    Record,
    RefOrNotStated,
    Text,
    effective_date,
)
from govdocs.model.registry import Names

Quote = Annotated[str, Field(min_length=10)]
"""Sentence(s) copied word for word from the decision's own text."""


class Member(Record):
    """A member of a working group: a named person or an office."""

    name: str | None = None
    """Person's name: 'Nina Vesterinen'. Leave out when an office is named."""
    person: Id | None = None
    """The person's id in the registry, if listed there."""
    office: str | None = None
    """The office or title that sits in the group: 'matkailupäällikkö'."""
    title: str | None = None
    """Title printed after the name: 'matkailupäällikkö'."""
    organisation: str | None = None
    """Organisation as printed: 'kaupunginkanslia', or an organisation id."""
    role: str | None = None
    """'puheenjohtaja', 'sihteeri', 'varapuheenjohtaja', or empty for a member."""

    @model_validator(mode="after")
    def _someone(self) -> Member:
        if not (self.name or self.person or self.office):
            raise ValueError("a member needs 'name', 'person' or 'office'")
        return self


class Period(StrEnum):
    YEARLY = "yearly"
    """once a year (vuosittain)"""
    QUARTERLY = "quarterly"
    """once a quarter (neljännesvuosittain)"""
    MONTHLY = "monthly"
    """once a month (kuukausittain)"""


class Reporting(Record):
    """A reporting duty of a working group."""

    id: Id | None = None
    """Stable id, so that a later record can mark one period reported:
    ``fulfils: [{obligation: <this id>, period: 2022}]``."""
    to: Id
    """The body reported to (decision-maker id), e.g. 'elinkeinojaosto'."""
    every: Period
    """How often."""
    quote: Quote | None = None
    """The sentence that sets the duty."""
    quote_sv: Quote | None = None
    """The same sentence in the decision's Swedish text (`sv`), word for word."""


class Task(Record):
    """A numbered task of a working group."""

    id: Id
    """Stable id, e.g. 'tyomarkkinatuki-ryhma.johtoryhma'."""
    text: Text
    """The task as the mandate words it."""
    added_by: Id | None = None
    """Decision or reference id that gave the task (empty: the founding one).
    The task holds from that record's date, even when a later decision tells it."""


class Term(Record):
    """The period a working group is set up for."""

    start: DateOrNotStated | None = None
    """First day."""
    end: DateOrNotStated | None = None
    """Last day; empty for 'toistaiseksi' (until further notice)."""


class Mandate(Record):
    """A working group and the mandate that set it up (asettamispäätös)."""

    id: Id
    """Stable id, e.g. 'matkailun-yhteistyoryhma'."""
    name: Text
    """The group's name: 'Helsingin kaupunkikonsernin matkailun yhteistyöryhmä'."""
    forms: Names | None = None
    """Inflected forms of the full name for generated sentences
    (genitive: 'Helsingin kaupunkikonsernin matkailun yhteistyöryhmän')."""
    short: Names | None = None
    """The short name used after the first mention and its forms
    ('Matkailun yhteistyöryhmä', genitive 'Matkailun yhteistyöryhmän')."""
    established_by: RefOrNotStated
    """This decision's id, a reference id, or not_stated."""
    purpose: str | None = None
    """The group's goal (tavoite)."""
    term: Term = Field(default_factory=Term)
    """The term."""
    tasks: list[Task] = Field(default_factory=list)
    """Numbered tasks, in order."""
    members: list[Member] = Field(default_factory=list)
    """Chair, secretary and members (role says which)."""
    reporting: list[Reporting] = Field(default_factory=list)
    """Reporting duties."""
    ways_of_working: list[str] = Field(default_factory=list)
    """Toimintatapa: how the group works."""
    quote: Quote | None = None
    """The sentence that sets the group up, if in this decision."""
    quote_sv: Quote | None = None
    """The same sentence in the decision's Swedish text (`sv`), word for word."""


class MandateAction(StrEnum):
    EXTEND = "extend"
    """lengthen the term (give term_end)"""
    ADD_TASK = "add-task"
    """give the group a new task (give task)"""
    END_TASK = "end-task"
    """declare one task ended (the seed ends the steering-group role)"""
    CONCLUDE_TASK = "conclude-task"
    """a task ends with a finding (e.g. 'rule changes are not needed')"""
    END = "end"
    """the group's work ends entirely"""
    CHANGE_MEMBERS = "change-members"
    """members replaced or added"""


class MandateChange(Record):
    """A later decision changing a working group's mandate."""

    id: Id
    """Stable id of this change."""
    mandate: Id
    """The mandate changed."""
    action: MandateAction
    """What happens."""
    task: Id | None = None
    """The task ended or concluded (end-task, conclude-task)."""
    new_task: Task | None = None
    """The task added (add-task)."""
    term_end: Date | None = None
    """New last day (extend)."""
    members: list[Member] = Field(default_factory=list)
    """New member list (change-members)."""
    finding: str | None = None
    """The finding a concluded task ends with."""
    effective: DateOrNotStated | None = None
    """From when; empty means the decision's date."""
    quote: Quote
    """The sentence(s) of this decision that make the change."""
    quote_sv: Quote | None = None
    """The same sentence in the decision's Swedish text (`sv`), word for word."""

    @model_validator(mode="after")
    def _fields_for_action(self) -> MandateChange:
        needs = {
            MandateAction.END_TASK: ("task",),
            MandateAction.CONCLUDE_TASK: ("task", "finding"),
            MandateAction.ADD_TASK: ("new_task",),
            MandateAction.EXTEND: ("term_end",),
        }.get(self.action, ())
        missing = [f for f in needs if getattr(self, f) is None]
        if missing:
            raise ValueError(f"action '{self.action}' needs '{missing[0]}'")
        return self


class Change(StrEnum):
    MOVES = "moves"
    """the responsibility moves from one holder to another"""
    STAYS = "stays"
    """explicitly stays where it is (an explicit non-transfer)"""


class Scope(StrEnum):
    WHOLE = "whole"
    """all of it"""
    MOSTLY = "mostly"
    """'pääosin': most of it; the rest is not specified"""
    PART = "part"
    """a named part (give part)"""


class Transfer(Record):
    """A responsibility statement: a function, service, part of one or an
    appropriation moves between organisations, or explicitly stays."""

    id: Id
    """Stable id, e.g. 'kj-2016-59.typ'."""
    change: Change = Change.MOVES
    """'moves' or 'stays'."""
    what: Annotated[
        list[Id],
        Field(min_length=1),
        BeforeValidator(lambda v: [v] if isinstance(v, str) else v),
        WithJsonSchema(
            {
                "anyOf": [
                    {"type": "string", "pattern": ID_PATTERN},
                    {"type": "array", "items": {"type": "string", "pattern": ID_PATTERN}, "minItems": 1},
                ]
            }
        ),
    ]
    """Function id from the registry, or a list of ids moving together."""
    part: Id | None = None
    """The named part when scope is 'part' (one of the function's parts)."""
    scope: Scope = Scope.WHOLE
    """How much moves."""
    from_: RefOrNotStated | None = Field(default=None, alias="from")
    """Organisation it moves from (moves only); not_stated when the text does not say."""
    to: Id | None = None
    """Organisation it moves to; for 'stays', the organisation keeping it."""
    effective: DateOrNotStated
    """From when; not_stated with an assumed date when the text does not say."""
    until: DateOrNotStated | None = None
    """Last day it holds; empty: until further notice. After it, the
    responsibility is back where it was before, with no new record."""
    legal_basis: str | None = None
    """Rule or law it rests on."""
    context_only: bool = False
    """True for a fact the decision records but does not decide (e.g. a
    change by national law): shown in timelines, marked as context."""
    quote: Quote
    """The sentence(s) of this decision that establish it."""
    quote_sv: Quote | None = None
    """The same sentence in the decision's Swedish text (`sv`), word for word."""

    @model_validator(mode="after")
    def _consistent(self) -> Transfer:
        if self.to is None:
            raise ValueError("'to' is required: the organisation it moves to (or stays with)")
        if self.change is Change.STAYS and self.from_ is not None:
            raise ValueError("a 'stays' statement has no 'from'; name the holder in 'to'")
        if self.scope is Scope.PART and self.part is None:
            raise ValueError("scope 'part' needs 'part': the named part that moves")
        start, end = effective_date(self.effective), effective_date(self.until)
        if start is not None and end is not None and end < start:
            raise ValueError(f"'until' ({end.isoformat()}) is before 'effective' ({start.isoformat()})")
        return self


class ObligationKind(StrEnum):
    BUDGET = "budget-incorporation"
    """take something into account in the budget"""
    REPORT = "report"
    """report or present to a body"""
    DEVELOP = "develop"
    """develop or prepare something"""
    RULE_CHANGE = "rule-change"
    """change a rule book"""
    AGREEMENT = "agreement"
    """agree something (e.g. a cooperation agreement)"""
    RESOLUTION = "resolution"
    """an adopted toivomusponsi: derived from its motion (`Motion`), not
    written as an obligation"""
    INITIATIVE = "initiative"
    """an initiative (aloite) to answer: derived from its record
    (`Initiative`), not written as an obligation"""
    OTHER = "other"
    """anything else"""


class Anchor(StrEnum):
    FRAME_PHASE = "budget-frame-phase"
    """the budget frame phase of the year (registry budget_calendar)"""
    YEAR_END = "year-end"
    """31 December"""


class Due(Record):
    """When an obligation is due. Give exactly one of date, year,
    budget_year, every or not_stated."""

    date: Date | None = None
    """A concrete day."""
    year: Int | None = Field(default=None, ge=1900, le=2200)
    """During a calendar year: due 31.12. of it."""
    budget_year: Int | None = Field(default=None, ge=1900, le=2200)
    """Into the budget of that year: due when its proposal is ready
    (registry budget_calendar.proposal, in the previous year)."""
    every: Period | None = None
    """Recurring: one instance per period."""
    before: Anchor | None = None
    """For recurring duties: the anchor each instance is due at."""
    start: Int | None = Field(default=None, ge=1900, le=2200)
    """First year of a recurring duty."""
    until: Int | None = Field(default=None, ge=1900, le=2200)
    """Last year of a recurring duty (empty: open-ended)."""
    basis: str | None = None
    """Why this due applies when the text leaves it implicit."""
    not_stated: str | None = None
    """The text sets no due date (why): the duty is open without a due,
    never due soon or overdue, until a record closes it."""

    @model_validator(mode="after")
    def _exactly_one(self) -> Due:
        keys = ("date", "year", "budget_year", "every", "not_stated")
        given = [k for k in keys if getattr(self, k) is not None]
        if len(given) != 1:
            found = ", ".join(given) if given else "none"
            raise ValueError(f"give exactly one of {', '.join(keys)} (found: {found})")
        if self.every is not None and self.start is None:
            raise ValueError("a recurring due needs 'start' (the first year)")
        return self


class Obligation(Record):
    """A follow-up duty a decision creates. Its status (open, overdue,
    fulfilled ...) is derived from later records, never typed in."""

    id: Id
    """Stable id, e.g. 'kj-2016-59.talousarvio'."""
    kind: ObligationKind
    """What sort of duty."""
    what: Text
    """The duty in a short sentence."""
    owner: RefOrNotStated
    """Organisation that must act; not_stated when the text does not say."""
    addressee: Id | None = None
    """Body it is presented or reported to (decision-maker id)."""
    due: Due
    """When it is due."""
    quote: Quote
    """The sentence(s) of this decision that create it."""
    quote_sv: Quote | None = None
    """The same sentence in the decision's Swedish text (`sv`), word for word."""


class Outcome(StrEnum):
    FULFILLED = "fulfilled"
    """done as the decision required"""
    CANCELLED = "cancelled"
    """no longer required: a later decision cancelled it"""
    SUPERSEDED = "superseded"
    """replaced by another obligation (give superseded_by)"""


PeriodLabel = Annotated[str, Field(pattern=r"^\d{4}-(0[1-9]|1[0-2]|Q[1-4])$")]
"""A month ('2018-02') or a quarter ('2018-Q1') of a recurring obligation."""


class Fulfilment(Record):
    """A later record marking an obligation (or one period of a recurring
    one) fulfilled, cancelled or superseded, with evidence."""

    obligation: Id
    """The obligation."""
    period: Int | PeriodLabel | None = None
    """For a recurring obligation, the instance: the year (2018) of a yearly
    one, '2018-02' of a monthly one, '2018-Q1' of a quarterly one."""
    outcome: Outcome = Outcome.FULFILLED
    """What happened."""
    date: Date | None = None
    """When; empty means the date of the record holding this."""
    evidence: str | None = None
    """The document or decision that shows it (a reference or text)."""
    superseded_by: Id | None = None
    """For 'superseded': the obligation that replaces it."""
    quote: Quote | None = None
    """The sentence of this decision that records it, when in a decision."""
    quote_sv: Quote | None = None
    """The same sentence in the decision's Swedish text (`sv`), word for word."""


__all__ = [
    "Change",
    "Due",
    "Fulfilment",
    "Mandate",
    "MandateAction",
    "MandateChange",
    "Member",
    "NotStated",
    "Obligation",
    "Outcome",
    "Reporting",
    "Scope",
    "Task",
    "Term",
    "Text",
    "Transfer",
]

"""The meeting (kokous) of a collegial body: one file per meeting under
``decisions/<year>/<body>/``, beside the decisions it produced.

A meeting record holds what happened at the meeting and nothing it can
derive: who was there (and from which § to which), who stood in for whom,
the agenda in order with each item's proposal and the decision record it
produced, who checked the minutes and the day they went on public display.
The meeting's status (scheduled, held, minutes checked, on display,
cancelled) is derived from these facts on a day, never written
(`govdocs.derive.meetings`). Motions, votes and disqualifications of an item
are its decision's (`model.items`); the meeting puts them in their place.
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Annotated, Any, ClassVar, Literal

from pydantic import Field, field_validator, model_validator

from govdocs.model.common import Date as DateField
from govdocs.model.common import DateOrNotStated, Id, Int, NotStated, Record, Text, normalise
from govdocs.model.decision import AppealRoute, Attachment, Block, Contact, Section, block_texts
from govdocs.model.items import Item

__all__ = [
    "AgendaItem",
    "Arrival",
    "Attendance",
    "Attendee",
    "Break",
    "Cancellation",
    "Checker",
    "Departure",
    "IndexAppeal",
    "ItemOutcome",
    "Meeting",
    "Minutes",
    "Role",
    "Signer",
    "Time",
]

_TIME = re.compile(r"^([01][0-9]|2[0-3])[.:]([0-5][0-9])\Z")


def _time(value: Any) -> Any:
    if isinstance(value, str):
        match = _TIME.match(value)
        if match is None:
            raise ValueError(f"a time is written hh.mm or hh:mm (18.00), not '{value}'")
        return f"{match.group(1)}.{match.group(2)}"
    return value


Time = Annotated[str, Field(pattern=r"^([01][0-9]|2[0-3])[.:][0-5][0-9]$")]
"""A time of day as printed in Finnish minutes: '18.00' (or '18:00')."""


class Role(StrEnum):
    """A person's role at the meeting."""

    CHAIR = "chair"
    """puheenjohtaja"""
    VICE_CHAIR = "vice-chair"
    """varapuheenjohtaja"""
    MEMBER = "member"
    """jäsen (valtuutettu)"""
    DEPUTY = "deputy"
    """varajäsen (varavaltuutettu) standing in for a member (`stands_in_for`)"""
    PRESENTER = "presenter"
    """esittelijä"""
    SECRETARY = "secretary"
    """pöytäkirjanpitäjä"""
    EXPERT = "expert"
    """asiantuntija, heard in an item"""
    OTHER = "other"
    """muu läsnäolo-oikeutettu: the city board's representative, a youth council member, officials"""


VOTING_ROLES = frozenset({Role.CHAIR, Role.VICE_CHAIR, Role.MEMBER, Role.DEPUTY})
"""The roles that count towards quorum and vote."""


class Attendance(StrEnum):
    """Where a person stood at the roll call (nimenhuuto)."""

    PRESENT = "present"
    """läsnä"""
    ABSENT = "absent"
    """poissa: not there at the roll call, without a substitute called"""
    EXCUSED = "excused"
    """esteilmoitus: sent apologies (a deputy may stand in)"""


class _Movement(Record):
    """What an arrival and a departure share: the § it is tied to (exactly,
    or as a bound the minutes give when they do not say the moment), the
    time printed and the words that state it. ``arrived: 248`` is short for
    ``arrived: {section: 248}``."""

    _bound: ClassVar[str]
    _meaning: ClassVar[str]
    _time_alone: ClassVar[bool] = False

    section: Int | None = Field(default=None, ge=1)
    """The § it is tied to: an arrival's first § present, a departure's last."""
    time: Time | None = None
    """The time printed, if any: '19.05'."""
    quote: str | None = None
    """The sentence or list that states it, as printed."""

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, value: Any) -> Any:
        return {"section": value} if isinstance(value, int) and not isinstance(value, bool) else value

    @field_validator("time", mode="before")
    @classmethod
    def _clock(cls, value: Any) -> Any:
        return _time(value)

    @model_validator(mode="after")
    def _one(self) -> _Movement:
        bound = getattr(self, self._bound)
        if self._time_alone and self.time is not None and self.section is None and bound is None:
            return self
        if (self.section is None) == (getattr(self, self._bound) is None):
            raise ValueError(f"give exactly one of 'section' and '{self._bound}' ({self._meaning})")
        return self


class Arrival(_Movement):
    """When someone came after the roll call. Exactly one of `section` (the
    § from which they were present) and `by` (the § at which they were
    present at the latest; when exactly the minutes do not say)."""

    _bound: ClassVar[str] = "by"
    _meaning: ClassVar[str] = "present from this §, or at this § at the latest"

    by: Int | None = Field(default=None, ge=1)
    """Present at this § at the latest; the source does not say when they came."""

    @property
    def first(self) -> int:
        """The first § they are known to be present at."""
        return self.section if self.section is not None else self.by  # type: ignore[return-value]


class Departure(_Movement):
    """When someone left before the end. Exactly one of `section` (the last
    § they were present at) and `before` (the § by which they had gone;
    when exactly the minutes do not say), or neither when the minutes print
    only the time ('poistui klo 17.40')."""

    _bound: ClassVar[str] = "before"
    _meaning: ClassVar[str] = "the last § present at, or gone by this §"
    _time_alone: ClassVar[bool] = True
    """A departure may give its time alone, when the minutes print only
    when someone left ('poistui klo 17.40'): at which § is then not known."""

    before: Int | None = Field(default=None, ge=1)
    """Gone by this §; the source does not say when they left."""


class Attendee(Record):
    """One person on the meeting's list: a member, a deputy standing in, the
    presenter, the secretary, an expert or another person entitled to attend."""

    name: Text
    """Their name: 'Jenni Hjelt'. Votes and disqualifications name them so."""
    printed: str | None = None
    """The name as the roll call prints it, where it differs from `name`
    (a misspelling kept word for word): 'Jenny Hjelt'."""
    person: Id | None = None
    """Their registry id, if listed."""
    role: Role
    """Their role at the meeting."""
    title: str | None = None
    """A title printed beside the name ('kaupunginsihteeri')."""
    title_sv: str | None = None
    """The title in Swedish ('stadssekreterare')."""
    group: str | None = None
    """Their council group, where the source gives it."""
    stands_in_for: str | None = None
    """For a deputy: the member (by name) they stand in for."""
    attendance: Attendance = Attendance.PRESENT
    """At the roll call: present, absent, or excused (sent apologies)."""
    arrived: Arrival | None = None
    """Came after the roll call: from which § (or by which §)."""
    left: Departure | None = None
    """Left before the end: after which § (or before which §)."""
    sections: list[Int] = Field(default_factory=list)
    """For an expert or other person present for some items only: those §."""

    @model_validator(mode="after")
    def _consistent(self) -> Attendee:
        if self.role is Role.DEPUTY and not self.stands_in_for:
            raise ValueError("a deputy names the member they stand in for in 'stands_in_for'")
        if self.stands_in_for and self.role is not Role.DEPUTY:
            raise ValueError("only a deputy (role: deputy) stands in for a member")
        if self.arrived is not None and self.attendance is Attendance.PRESENT:
            raise ValueError("'arrived' is for someone absent or excused at the roll call who came later")
        return self


class Break(Record):
    """A break in the meeting (tauko)."""

    start: Time
    """When it began: '20.05'."""
    end: Time
    """When the meeting went on: '20.35'."""
    after: Int | None = Field(default=None, ge=1)
    """The § after (or during) which it was held, if stated."""

    @field_validator("start", "end", mode="before")
    @classmethod
    def _clock(cls, value: Any) -> Any:
        return _time(value)


class Checker(Record):
    """A minute checker (pöytäkirjan tarkastaja)."""

    name: Text
    """As printed: 'Veli-Pekka Dufva'."""
    person: Id | None = None
    """Their registry id, if listed."""
    title: str | None = None
    """As printed before the name: 'valtuutettu'."""
    title_sv: str | None = None
    """The title in Swedish."""
    deputy: bool = False
    """Elected as a deputy checker (varalle)."""
    checked: DateOrNotStated | None = None
    """The day they checked the minutes; `not_stated` if the source does not say; empty: not yet."""


class Signer(Record):
    """Who signs the minutes: the chair and the secretary."""

    name: Text
    """As printed."""
    role: Literal["chair", "secretary"]
    """puheenjohtaja or pöytäkirjanpitäjä."""
    title: str | None = None
    """The title printed under the name."""
    title_sv: str | None = None
    """The title in Swedish."""


class Minutes(Record):
    """The minutes' own facts: who checks and signs them, and when they
    went on public display in the general data network (Kuntalaki 140 §)."""

    checkers: list[Checker] = Field(default_factory=list)
    """The minute checkers (and deputy checkers), as elected at the meeting."""
    checkers_from: Id | None = None
    """The decision (§) that elected them; its text is generated from them."""
    signers: list[Signer] = Field(default_factory=list)
    """The chair and secretary who sign."""
    display: DateField | None = None
    """The day the minutes went on public display in the general data
    network; the appeal periods of the items count from it."""
    display_quote: str | None = None
    """Where the display day comes from, when not from the minutes themselves."""


class ItemOutcome(StrEnum):
    """What became of an agenda item."""

    DECIDED = "decided"
    """handled and decided (its decision record holds the decision)"""
    TABLED = "tabled"
    """pantiin pöydälle: to come back at a later meeting"""
    RETURNED = "returned"
    """palautettiin valmisteluun"""
    WITHDRAWN = "withdrawn"
    """poistettiin esityslistalta"""
    PENDING = "pending"
    """not yet handled: the meeting is still to be held"""


class IndexAppeal(Record):
    """The appeal route a minutes' index prints for an item, or for part of
    it, when no decision record of the item gives its own appeal."""

    route: AppealRoute
    """The route: muutoksenhakukielto, oikaisuvaatimus, ..."""
    law: str | None = None
    """The provision printed with it: 'kuntalaki 91 §'."""
    parts: str | None = None
    """The parts of the item it covers, as printed ('kohdat 1-2'); empty: the whole item."""
    printed: Text
    """The index's wording: 'Muutoksenhakukielto kuntalaki 91 §', 'Oikaisuvaatimusohje'."""


class AgendaItem(Record):
    """One item of the agenda (esityslista), in order."""

    number: Int = Field(ge=1)
    """Its number on the agenda (asiakohta): 1, 2, …"""
    section: Int | None = Field(default=None, ge=1)
    """Its § in the minutes: 244. Empty until the meeting numbers it."""
    decision: Id | None = None
    """The decision record it produced (or the record of tabling or returning it)."""
    title: str | None = None
    """The title, when there is no decision record to take it from."""
    title_sv: str | None = None
    """The title in Swedish."""
    case: str | None = None
    """The diary number, when there is no decision record to take it from."""
    presenter: str | None = None
    """Who presents it, when there is no decision record to say so."""
    presenter_sv: str | None = None
    """Who presents it, in Swedish."""
    proposal: Annotated[list[Block], Field(min_length=1)] | NotStated | None = None
    """The proposal (päätösehdotus) as the agenda printed it, kept apart from
    the decision; `not_stated` when the source is the minutes alone."""
    proposal_sv: Annotated[list[Block], Field(min_length=1)] | None = None
    """The proposal as the Swedish agenda printed it."""
    outcome: ItemOutcome = ItemOutcome.DECIDED
    """What became of it."""
    quote: str | None = None
    """For a tabled, returned or withdrawn item without a record: the sentence saying so."""
    quote_sv: str | None = None
    """The same sentence in the Swedish minutes."""
    publicity: Literal["julkinen", "ei-julkinen"] | None = None
    """The agenda's publicity mark for the item, where the source gives it."""
    personal_data: bool | None = None
    """The agenda's mark 'Sisältää henkilötietoja', where the source gives it."""
    task_code: str | None = None
    """The task-classification code the agenda prints, without a decision record."""
    text: list[Section] = Field(default_factory=list)
    """The rest of the item as the agenda printed it, without a decision
    record: its Selostus and other headed parts, after the proposal."""
    contacts: list[Contact] = Field(default_factory=list)
    """Valmistelijat / lisätiedot, as the agenda printed them."""
    attachments: list[Attachment] = Field(default_factory=list)
    """Liitteet, as the agenda listed them."""
    items: list[Item] = Field(default_factory=list)
    """What the proposal would do, act by act, each quoting the agenda's
    text (the proposal or `text`): the facts of an item not yet decided."""
    handled_after: Int | None = Field(default=None, ge=1)
    """The § after which the meeting took the item, when out of the agenda's
    order ('Asia käsiteltiin pykälän 146 jälkeen'): who was present at it
    is who was present at that §."""
    appeals: list[IndexAppeal] = Field(default_factory=list)
    """The appeal routes the minutes' index prints for the item (a part may
    have its own), when no decision record gives them."""


    def plain_text(self) -> str:
        """The item's printed text (its proposal and `text`) as one
        whitespace-normalised string, for checking its items' quotes."""
        proposal = self.proposal if isinstance(self.proposal, list) else []
        parts = [*block_texts(proposal), *(t for s in self.text for t in block_texts(s.body))]
        return normalise(" ".join(parts))


class Cancellation(Record):
    """A meeting that was called off."""

    quote: Text
    """The notice, as published."""
    date: DateField | None = None
    """When it was called off."""


class Meeting(Record):
    """A meeting of a body: who, when, where, who was there, the agenda and
    the minutes' facts. Its status is derived (scheduled, held, minutes
    checked, on display, cancelled)."""

    record: Literal["meeting"]
    """Marks the file as a meeting record."""
    id: Id
    """Stable id: '<body>-<year>-<number>', 'kaupunginvaltuusto-2025-16'."""
    body: Id
    """The body (decision-maker id)."""
    number: Int | None = Field(default=None, ge=1)
    """Its number in the body's year: 16 (of 16/2025); empty when the
    source does not print it (Espoo's minutes give the date and time only)."""
    date: DateField
    """The meeting day."""
    start: Time | NotStated | None = None
    """When it began: '18.00'."""
    end: Time | NotStated | None = None
    """When it ended: '22.41'."""
    breaks: list[Break] = Field(default_factory=list)
    """Breaks, in order."""
    place: str | NotStated | None = None
    """Where: 'Valtuustosali, Aleksanterinkatu 20'."""
    place_sv: str | None = None
    """Where, as the Swedish minutes print it."""
    electronic: bool = False
    """Held as an electronic meeting (sähköinen kokous)."""
    language: Literal["fi", "sv"] = "fi"
    """The language of this record's texts."""
    external_id: str | None = None
    """The meeting's id in the source system: Ahjo's MeetingID '02900202514'."""
    attendance: list[Attendee] = Field(default_factory=list)
    """Everyone on the meeting's list; empty until the meeting is held."""
    attendance_quote: str | None = None
    """Where the attendance facts come from, when not from a list printed as such."""
    agenda: list[AgendaItem] = Field(default_factory=list)
    """The agenda, in order."""
    minutes: Minutes = Field(default_factory=Minutes)
    """Who checks and signs the minutes, and when they went on display."""
    cancelled: Cancellation | None = None
    """Set when the meeting was called off."""

    @field_validator("start", "end", mode="before")
    @classmethod
    def _clock(cls, value: Any) -> Any:
        return _time(value)

    @property
    def year(self) -> int:
        return self.date.year

    @property
    def label(self) -> str:
        """'16/2025'; the date '8.5.2017' when the number is not stated."""
        if self.number is None:
            return f"{self.date.day}.{self.date.month}.{self.date.year}"
        return f"{self.number}/{self.year}"

    def item_of(self, decision_id: str) -> AgendaItem | None:
        return next((i for i in self.agenda if i.decision == decision_id), None)

"""What a decision does, act by act: its items, and the motions and votes
of its handling.

A decision's operative part is a list of items (`items:`). Each item quotes
the sentence(s) of the decision's own text that make it (`quote`, word for
word; the checks find it in the text) and names its `action` from one closed
vocabulary (`Action`). The parts an item can carry are shared by every
action, and each is optional:

- **holders**: who is given, elected, ordered, released or stands in: a
  registry organisation, decision maker or person, or a name, office
  (with its vacancy number) or group as the text prints it; `redacted`
  when the published text removes the names (`**********`). For a right
  given, `holding` says whether the holders have it `instead` of its
  current holder (the right moves) or `alongside` it (the holder keeps it:
  a delegation), and `responsibility` under whose responsibility
  (vastuulla) they use it.
- **validity**: `from` and `to`, each a date or `not_stated`; no `to` is
  until further notice (toistaiseksi), and `until_further_notice` marks a
  period that may end earlier ('tai kunnes toisin päätetään'). When the
  validity ends the act simply stops: the state returns to what it was
  before, with no new record (a delegation valid until 31.12.2022 is gone
  on 1.1.2023).
- **conditions**: the conditions the act is made on, each quoted.
- **amounts**: money, with currency, what the sum is (a ceiling, a
  per-holder limit, an estimate, a rent ...), whether VAT is in it, a rate
  (`per`) and a price level. A holder's own limit sits on the holder.
- **objects**: what the act acts on: a document, one of the decision's
  attachments, an agreement, a plan (with its drawing number), a rule
  book, an earlier decision, premises or a plot (kaupunginosa, kortteli,
  tontti), with its date.
- **parties**: the other side of an agreement, lease or permit, a claimant,
  a member of a joint arrangement (vastuukunta); `redacted` for a private
  person the published text hides.

The older, more specialised acts (responsibility transfers, follow-up
obligations, working-group mandates and their changes, in
`govdocs.model.effects`) are members of the same family: an item with
action `transfer`, `order` or `establish` points at them through `acts`.

Motions (`motions:`) and votes (`votes:`) belong to the handling
(Käsittely) of a body's decision. A motion is a proposal, counter-proposal,
amendment, toivomusponsi or dissent with its proposer, seconders and
outcome: adopted, rejected, withdrawn, fell for want of a seconder (then it
has no seconders) or left on the minutes. A vote gives the JAA and EI
proposals, the motions they stand for, the counts and, when the minutes
name them, every voter with their ballot: the counts must equal the named
voters, and the side that won cannot have fewer votes than the other. An
item with action `adopt-motion` or `reject-motion` names the motion it
decides. An adopted toivomusponsi is a follow-up duty of the body it names
(`addressee`) or of the organisation that must act (`owner`); a rejected
one asks nothing of anyone and is no duty.

Initiatives a decision records being left (`initiatives:`, in
`govdocs.model.initiatives`) are follow-up duties of the body that must
answer them. An item with action `answer-initiative` names the initiative
it answers (`initiative`), which closes its duty from the answer's date; an
initiative left before the records begin is described in the item's
`objects` instead (kind `initiative`, with `by`, `initiative_kind`, `date`
and the attachment that holds it), and nothing is open for it."""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BeforeValidator, Discriminator, Field, Tag, WithJsonSchema, model_validator

from govdocs.model.common import Date, DateOrNotStated, Id, Int, NotStated, Record, Text, effective_date
from govdocs.model.effects import Due, Obligation, ObligationKind
from govdocs.model.initiatives import InitiativeKind
from govdocs.model.registry import Names

Quote = Annotated[str, Field(min_length=10)]
"""Sentence(s) copied word for word from the decision's own text."""


def _one_or_many(value: object) -> object:
    return [value] if isinstance(value, str) else value


Quotes = Annotated[
    list[Quote],
    Field(min_length=1),
    BeforeValidator(_one_or_many),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "minLength": 10},
                {"type": "array", "items": {"type": "string", "minLength": 10}, "minItems": 1},
            ]
        }
    ),
]
"""One quote, or a list of quotes when the act is made by sentences apart."""


class Action(StrEnum):
    """What an item does. The vocabulary is closed and covers what the
    reference decisions do; `docs/records.md` gives an example of each from
    a published decision, or says that none of them does it yet."""

    NOTE = "note"
    """merkitä tiedoksi: take note of a report, a letter, a decision"""
    APPROVE = "approve"
    """hyväksyä: a plan, agreement, report, budget or rule book (give objects)"""
    DECIDE = "decide"
    """päättää: decide a matter that no other action names"""
    ESTABLISH = "establish"
    """asettaa: set up a body, a working group or a committee"""
    ELECT = "elect"
    """valita: elect members to a body (give holders with their roles)"""
    APPOINT = "appoint"
    """nimetä, ottaa: appoint a person to an office or a task"""
    RELEASE = "release"
    """myöntää ero, vapauttaa: release someone from an office or a body"""
    DELEGATE = "delegate"
    """siirtää toimivaltaa, oikeuttaa: give a right to decide or act, alongside
    or instead of its holder (give holders, validity, conditions, limits)"""
    TRANSFER = "transfer"
    """siirtää: move a responsibility or an appropriation (see transfers)"""
    ORDER = "order"
    """määrätä: order duties, a division of tasks or a follow-up (see obligations)"""
    DEPUTIES = "deputies"
    """määrätä sijaiset: order who stands in for an office holder, in order"""
    PUT_IN_FORCE = "put-in-force"
    """panna voimaan: a rule book (toimintasääntö, johtosääntö) from a date"""
    REPEAL = "repeal"
    """kumota: repeal an earlier decision or rule book"""
    STATEMENT = "statement"
    """antaa lausunto: give a statement to another body"""
    PROPOSE = "propose"
    """esittää: propose to another body (esitys)"""
    GRANT_PERMIT = "grant-permit"
    """myöntää lupa: grant a permit (research permit, building permit ...)"""
    REFUSE_PERMIT = "refuse-permit"
    """evätä lupa: refuse a permit"""
    LEASE = "lease"
    """vuokrata: enter a lease (give parties, validity and the rent)"""
    CONTRACT = "contract"
    """hankkia, tehdä sopimus: procure, enter or extend a contract or its option"""
    RESERVE = "reserve"
    """varata: reserve plots or premises for someone"""
    REJECT_CLAIM = "reject-claim"
    """hylätä oikaisuvaatimus: reject a claim for rectification or an appeal"""
    ACCEPT_CLAIM = "accept-claim"
    """hyväksyä oikaisuvaatimus: accept a claim for rectification"""
    PUBLISH = "publish"
    """pitää nähtävänä: keep minutes or a decision on public display"""
    CHECK_MINUTES = "check-minutes"
    """tarkastaa pöytäkirja heti: check the minutes of the item at once"""
    TABLE = "table"
    """panna pöydälle: table the item to a later meeting"""
    RETURN = "return"
    """palauttaa valmisteltavaksi: return the item for preparation"""
    ANSWER_INITIATIVE = "answer-initiative"
    """todeta aloite loppuun käsitellyksi: answer an initiative (give
    initiative, or an object of kind initiative for one left before the records)"""
    ADOPT_MOTION = "adopt-motion"
    """hyväksyä toivomusponsi tai vastaehdotus (give motion)"""
    REJECT_MOTION = "reject-motion"
    """hylätä toivomusponsi tai vastaehdotus (give motion)"""


class Holding(StrEnum):
    """How a holder holds what an item gives."""

    INSTEAD = "instead"
    """in place of the current holder (a transfer of the right)"""
    ALONGSIDE = "alongside"
    """beside the current holder, who keeps it (a delegation)"""


class Vat(StrEnum):
    EXCLUDED = "excluded"
    """arvonlisäveroton (veroton)"""
    INCLUDED = "included"
    """arvonlisäverollinen (verollinen)"""
    NOT_STATED = "not-stated"
    """the text does not say"""


class AmountKind(StrEnum):
    CEILING = "ceiling"
    """enintään: the most that may be spent"""
    FLOOR = "floor"
    """vähintään: the least that must be paid (a sale's minimum price)"""
    LIMIT = "limit"
    """a per-holder or per-purchase limit of a delegated right"""
    ESTIMATE = "estimate"
    """ennakoitu, arvioitu: an estimated value"""
    TOTAL = "total"
    """a total price or cost"""
    RENT = "rent"
    """rent (give per)"""
    APPROPRIATION = "appropriation"
    """an appropriation granted or moved"""
    PART = "part"
    """one part of a total (give about)"""
    OTHER = "other"
    """any other sum"""


Money = Annotated[Decimal, Field(ge=0, max_digits=18, decimal_places=4)]

AmountValue = Annotated[
    Annotated[Money, Tag("stated")] | Annotated[NotStated, Tag("not-stated")],
    Discriminator(lambda v: "not-stated" if isinstance(v, dict | NotStated) else "stated"),
]
"""A number, or a `not_stated` mapping when the text refers to a sum it
does not print (a per-person limit in a list removed from the public copy)."""


class Amount(Record):
    """A sum of money the item states (or refers to without printing it)."""

    value: AmountValue
    """The number as stated: 250000000, 142245.38; not_stated with the
    reason when the text refers to a sum it does not give."""
    currency: Annotated[str, Field(pattern=r"^[A-Z]{3}$")] = "EUR"
    """ISO 4217 code."""
    kind: AmountKind = AmountKind.OTHER
    """What the sum is."""
    vat: Vat = Vat.NOT_STATED
    """Whether value added tax is in it."""
    per: str | None = None
    """For a rate: 'month', 'year', 'm2/month', 'person'."""
    price_level: str | None = None
    """The price level a ceiling is tied to: 'kustannustaso 10/2021'."""
    about: str | None = None
    """What the sum is for, when the item has several: 'Asuintilat'."""
    area: str | None = None
    """The floor area the sum is for, as printed: '6064 m²' (a rent's split by use)."""
    approximate: bool = False
    """The text gives the sum as approximate ('noin 42 000 euroa')."""
    quote: Quote | None = None
    """The sentence that states it, when not the item's own quote."""
    quote_sv: Quote | None = None
    """The same sentence in the decision's Swedish text (`sv`), word for word."""


class Validity(Record):
    """When an act is in force. An act whose validity ends stops at the end
    of its last day; the state returns to what it was, with no new record."""

    from_: DateOrNotStated | None = Field(default=None, alias="from")
    """First day; empty: the decision's date. not_stated when the text
    does not say."""
    to: DateOrNotStated | None = None
    """Last day; empty: until further notice (toistaiseksi)."""
    until_further_notice: bool = False
    """The text says 'tai kunnes toisin päätetään': it may end earlier."""
    condition: str | None = None
    """The act takes effect only on a condition (a quote)."""
    condition_sv: str | None = None
    """The condition as the Swedish text (`sv`) says it."""
    notice_period: str | None = None
    """Irtisanomisaika as printed, for an act in force until further notice:
    'yksi vuosi' (a lease)."""

    @model_validator(mode="after")
    def _ordered(self) -> Validity:
        start, end = effective_date(self.from_), effective_date(self.to)
        if start is not None and end is not None and end < start:
            raise ValueError(f"validity ends ({end.isoformat()}) before it starts ({start.isoformat()})")
        return self


class Holder(Record):
    """Who an item gives something to (or takes it from, or elects): a
    party the registry knows, or a person or group the text names.

    Give one of organisation, maker, person, name, office or group."""

    organisation: Id | None = None
    """An organisation id from the registry."""
    maker: Id | None = None
    """A decision maker or office (registry decision_makers id)."""
    person: Id | None = None
    """A person id from the registry."""
    name: str | None = None
    """A person's name as printed, when not in the registry."""
    office: str | None = None
    """An office or post the text names without a person: 'vastaava ohjaaja'."""
    vacancy: str | None = None
    """The post's vacancy number (vakanssinumero), when printed: '036931'."""
    group: str | None = None
    """A group the text names without names: 'jäljempänä mainitut henkilöt'."""
    redacted: bool = False
    """The names are removed from the published text (**********)."""
    role: str | None = None
    """The role given: 'jäsen', 'puheenjohtaja', 'varajäsen', 'sijainen'."""
    of: str | None = None
    """Whom or what the role is for: the body elected to, the office stood in for."""
    rank: Int | None = Field(default=None, ge=1)
    """Order among equals (sijaantulojärjestys): 1 is first."""
    limit: Amount | None = None
    """This holder's own limit (a euro limit per person)."""
    affiliation: str | None = None
    """What the text prints after the name: '(kaupunginkanslia, henkilöstöosasto)'."""
    attachment: Int | None = Field(default=None, ge=1)
    """The number of this decision's attachment that names them, when the
    text itself does not ('valitsi ... jäsenet liitteen 2 mukaisesti'): the
    names are then not in the record."""
    duties: list[Quote] = Field(default_factory=list)
    """What this holder is ordered to do (a division of duties, tehtäväjako),
    each duty quoted word for word: 'eläinten vientitarkastukset'."""
    duties_sv: list[Quote] = Field(default_factory=list)
    """The duties as the Swedish text (`sv`) says them, in the same order."""

    @model_validator(mode="after")
    def _someone(self) -> Holder:
        if not any((self.organisation, self.maker, self.person, self.name, self.office, self.group)):
            raise ValueError("a holder needs one of organisation, maker, person, name, office or group")
        return self


class ObjectKind(StrEnum):
    DOCUMENT = "document"
    """a document or report"""
    ATTACHMENT = "attachment"
    """one of this decision's attachments (give attachment)"""
    AGREEMENT = "agreement"
    """an agreement or contract"""
    PLAN = "plan"
    """a plan, programme or project plan"""
    DECISION = "decision"
    """an earlier decision (give decision or reference)"""
    RULE_BOOK = "rule-book"
    """a rule book: toimintasääntö, johtosääntö, hallintosääntö"""
    INITIATIVE = "initiative"
    """a council initiative (aloite) or a toivomusponsi"""
    REQUEST = "request"
    """a request for a statement (lausuntopyyntö) or an application"""
    PREMISES = "premises"
    """premises, a plot or a building (give address, or plot)"""
    SERVICE = "service"
    """a service or supply procured"""
    RIGHT = "right"
    """a right or power (toimivalta) delegated"""


class Plot(Record):
    """A plot (tontti) by its place in the town plan, as the text prints it:
    '22. kaupunginosan (Vallila) korttelin 693 tontin 35', '(AK) 20073/4'."""

    district: Int | None = Field(default=None, ge=1)
    """The kaupunginosa's number, when printed: 22."""
    district_name: str | None = None
    """The kaupunginosa's name, when printed: 'Vallila', 'Länsisatama'."""
    subdistrict: str | None = None
    """The part of the kaupunginosa printed beside it (osa-alue): 'Jätkäsaari'."""
    block: Int = Field(ge=1)
    """Kortteli: 693, 20073."""
    plot: Int = Field(ge=1)
    """Tontti: 35, 4."""
    use: str | None = None
    """The plan's use designation printed with it (käyttötarkoitus): 'AK'."""


class ObjectRef(Record):
    """What an item acts on."""

    kind: ObjectKind
    """What sort of thing."""
    title: str | None = None
    """Its title or description as the text gives it."""
    date: Date | None = None
    """Its date."""
    attachment: Int | None = Field(default=None, ge=1)
    """The number of this decision's attachment that holds it."""
    decision: Id | None = None
    """An earlier decision in these records."""
    reference: Id | None = None
    """One of this decision's references (its id)."""
    case: str | None = None
    """Its diary number, when the text gives it."""
    number: str | None = None
    """Its own number as printed: a plan's drawing number ('piirustuksen
    numero 12850')."""
    plot: Plot | None = None
    """The plot it is (kind premises) or the plot a plan covers."""
    by: str | None = None
    """Who made it, as printed: an initiative's author ('Harjanne Atte',
    'Vihreä valtuustoryhmä'), a letter's sender."""
    initiative_kind: InitiativeKind | None = None
    """For an initiative outside these records: which sort it is, as its
    attachment or title says (valtuustoaloite, ryhmäaloite ...)."""
    address: str | None = None
    """An address: of premises, or where a document is kept on display
    ('www.hel.fi')."""
    area: str | None = None
    """Its size as printed: '11 262,5 m²'."""
    validity: Validity | None = None
    """Its own term, when the text states it: the main period of a contract
    whose option the item takes (ends 19.5.2022)."""
    quote: Quote | None = None
    """The sentence(s) that describe it, when not the item's own quote."""
    quote_sv: Quote | None = None
    """The same sentence(s) in the decision's Swedish text (`sv`), word for word."""


class Party(Record):
    """The other side of an agreement, lease or permit, or a member of a
    joint arrangement."""

    name: Text
    """Name as printed: 'Helsingin Kaupungin Asunnot Oy'."""
    role: str | None = None
    """Its role: 'vuokranantaja', 'toimittaja', 'luvansaaja', 'vastuukunta'."""
    organisation: Id | None = None
    """Its registry id, when the registry lists it."""
    business_id: Annotated[str, Field(pattern=r"^\d{7}-\d$")] | None = None
    """Y-tunnus."""
    affiliation: str | None = None
    """What the text prints after the name: '(Helsingin ja Tampereen yliopistot)'."""
    redacted: bool = False
    """The name is removed from the published text (a private person)."""


class Item(Record):
    """One act of the decision."""

    id: Id
    """Stable id, e.g. 'tp-2022-2.hankinnat'."""
    action: Action
    """What the act does."""
    subject: str | None = None
    """What it is about, in a few words: 'oikeus toteuttaa hankintoja'."""
    count: Int | None = Field(default=None, ge=1)
    """How many the act sets up, elects or orders, when the text gives the
    number ('asetti kuusi vaalitoimikuntaa': 6)."""
    function: Id | None = None
    """The registry function the act concerns (delegate, transfer)."""
    holders: list[Holder] = Field(default_factory=list)
    """Who is given, elected, ordered or released."""
    holding: Holding | None = None
    """For a right given: instead of the current holder or alongside it."""
    responsibility: Id | None = None
    """Under whose responsibility a delegated right is used (vastuulla):
    a decision maker or office id."""
    validity: Validity | None = None
    """When it is in force; empty: from the decision's date, indefinitely."""
    conditions: list[Quote] = Field(default_factory=list)
    """Conditions, each quoted: 'toteutettava hankinta on ... tarpeellinen'."""
    conditions_sv: list[Quote] = Field(default_factory=list)
    """The conditions as the Swedish text (`sv`) says them, in the same order."""
    duties: list[Quote] = Field(default_factory=list)
    """Duties that come with a right given, each quoted: 'Hankinnat on
    dokumentoitava tarkoituksenmukaisella tavalla.'"""
    duties_sv: list[Quote] = Field(default_factory=list)
    """The duties as the Swedish text (`sv`) says them, in the same order."""
    amounts: list[Amount] = Field(default_factory=list)
    """Sums: a ceiling, an estimate, a rent."""
    objects: list[ObjectRef] = Field(default_factory=list)
    """What it acts on: a report, an agreement, a rule book."""
    parties: list[Party] = Field(default_factory=list)
    """The other side of an agreement, lease or permit."""
    to: Id | None = None
    """The body a statement or proposal goes to (decision-maker id)."""
    motion: Id | None = None
    """The motion adopted or rejected (adopt-motion, reject-motion)."""
    initiative: Id | None = None
    """The initiative answered (answer-initiative), when these records hold
    it (its id): the answer closes its duty. An initiative left before the
    records is described in `objects` (kind `initiative`) instead."""
    replaces: list[Id] = Field(default_factory=list)
    """Earlier decisions or references this act replaces or repeals."""
    acts: list[Id] = Field(default_factory=list)
    """The transfers, obligations, initiatives, mandates or mandate changes
    of this decision that are this item's detail (their ids)."""
    option: bool = False
    """The act takes up an option (optiokausi) of an existing contract:
    validity is the option period, objects name the contract and the
    decision that made it."""
    legal_basis: str | None = None
    """The provision it rests on: 'hallintosäännön 20 luvun 8 §:n 3 momentti'."""
    quote: Quotes
    """The sentence(s) of this decision that make the act."""
    quote_sv: Quotes | None = None
    """The same sentence(s) in the decision's Swedish text (`sv`), word for
    word: one quote, or a list beside a list."""

    @model_validator(mode="after")
    def _parts_for_action(self) -> Item:
        if self.action in (Action.ADOPT_MOTION, Action.REJECT_MOTION) and self.motion is None:
            raise ValueError(f"action '{self.action}' needs 'motion': the id of the motion")
        if self.initiative is not None and self.action is not Action.ANSWER_INITIATIVE:
            raise ValueError("'initiative' names the initiative an 'answer-initiative' item answers")
        if (
            self.action is Action.ANSWER_INITIATIVE
            and self.initiative is None
            and not any(o.kind is ObjectKind.INITIATIVE for o in self.objects)
        ):
            raise ValueError(
                "action 'answer-initiative' needs 'initiative' (the id of an initiative in these "
                "records) or an object of kind 'initiative' describing one left before them"
            )
        if self.action is Action.DELEGATE and not self.holders:
            raise ValueError("action 'delegate' needs 'holders': who is given the right")
        if self.holding is not None and not self.holders:
            raise ValueError("'holding' says how the holders hold it; give 'holders'")
        ranked: dict[tuple[str | None, int], int] = {}
        for n, holder in enumerate(self.holders):
            if holder.rank is None:
                continue
            first = ranked.setdefault((holder.of, holder.rank), n)
            if first != n:
                raise ValueError(
                    f"holders {first + 1} and {n + 1} both have rank {holder.rank}"
                    + (f" for '{holder.of}'" if holder.of else "")
                    + "; each place in the order (sijaantulojärjestys) is one holder's"
                )
        return self


class MotionKind(StrEnum):
    PROPOSAL = "proposal"
    """the presenter's or chair's proposal (pohjaehdotus)"""
    COUNTER = "counter-proposal"
    """vastaehdotus"""
    AMENDMENT = "amendment"
    """muutosehdotus or lisäysehdotus"""
    REJECTION = "rejection"
    """hylkäysehdotus: reject the proposal"""
    TABLING = "tabling"
    """pöydällepanoehdotus"""
    RETURN = "return"
    """palautusehdotus"""
    RESOLUTION = "resolution"
    """toivomusponsi: the council expects something to be looked into"""
    DISSENT = "dissent"
    """eriävä mielipide: a dissenting opinion left on the minutes"""


class MotionOutcome(StrEnum):
    ADOPTED = "adopted"
    """hyväksyttiin (after a vote or unanimously)"""
    REJECTED = "rejected"
    """hylättiin (in a vote)"""
    WITHDRAWN = "withdrawn"
    """peruttiin"""
    FELL = "fell"
    """raukesi: not seconded"""
    LEFT = "left"
    """left on the minutes (a dissent)"""


class Motion(Record):
    """A proposal made in the handling, with its outcome.

    An adopted toivomusponsi (kind `resolution`, outcome `adopted`) is a
    follow-up duty: `govdocs obligations` and the follow-up report list it
    as an obligation of kind `resolution`, owned by `owner` when the text
    names the organisation, else by the body in `addressee`, and a later
    record closes it with `fulfils: [{obligation: <the motion's id>}]`. Its
    due date is what its text says (`due`); a toivomusponsi rarely sets one,
    and then none is invented: the duty is open without a due, never due
    soon or overdue, until a record closes it. A rejected, withdrawn or
    fallen toivomusponsi is no duty at all."""

    id: Id
    """Stable id: 'kylk-2021-659.rautava'."""
    kind: MotionKind
    """What sort of motion."""
    proposer: Text
    """Who made it, as printed: 'Risto Rautava'."""
    proposer_forms: Names | None = None
    """Inflected forms of the proposer's name for generated sentences
    ('Mika Raatikaisen vastaehdotusta ei kannatettu'): {fi: Mika Raatikainen,
    genitive: Mika Raatikaisen}. Forms are data, never derived."""
    seconders: list[Text] = Field(default_factory=list)
    """Who seconded it (kannattaja)."""
    seconder_forms: list[Names] = Field(default_factory=list)
    """Inflected forms of the seconders' names, in the order of `seconders`,
    for generated sentences ('valtuutettu Ville Merisen kannattamana'):
    [{fi: Ville Merinen, genitive: Ville Merisen}]."""
    text: Text
    """The motion's words as printed (a quote of the decision's text)."""
    text_sv: str | None = None
    """The motion's words as the Swedish text (`sv`) prints them."""
    outcome: MotionOutcome
    """What became of it."""
    vote: Id | None = None
    """The vote that decided it, if any."""
    addressee: Id | None = None
    """For a resolution: the body it asks to act (decision-maker id)."""
    owner: Id | None = None
    """For a resolution: the organisation that must act, when stated."""
    due: Due | None = None
    """For a resolution: when it is due, if the text says (it rarely does);
    empty: not stated, and the duty is open without a due."""
    quote: Quote | None = None
    """Sentence(s) that report its outcome ('... ei kannatettu, joten se raukesi.')."""
    quote_sv: Quote | None = None
    """The same sentence in the decision's Swedish text (`sv`), word for word."""

    @model_validator(mode="after")
    def _outcome(self) -> Motion:
        if self.outcome is MotionOutcome.FELL and self.seconders:
            raise ValueError("a motion that fell for want of support has no seconders")
        if [f.fi for f in self.seconder_forms] not in ([], self.seconders):
            raise ValueError("'seconder_forms' gives one entry per seconder, in the order of 'seconders'")
        if self.due is not None and self.kind is not MotionKind.RESOLUTION:
            raise ValueError("only a resolution (toivomusponsi) has a 'due'")
        return self

    def duty(self) -> Obligation | None:
        """An adopted toivomusponsi as the follow-up duty it is, of the
        organisation named as owner, else of the body it names; None for
        every other motion (a rejected, withdrawn or fallen one is no duty)."""
        if self.kind is not MotionKind.RESOLUTION or self.outcome is not MotionOutcome.ADOPTED:
            return None
        owner = self.owner or self.addressee or NotStated(not_stated=NO_OWNER)
        due = self.due or Due(not_stated=NO_DUE)
        what, said = " ".join(self.text.split()), self.quote or self.text
        kind = ObligationKind.RESOLUTION
        return Obligation(
            id=self.id, kind=kind, what=what, owner=owner, addressee=self.addressee, due=due, quote=said
        )


NO_DUE = "the resolution sets no due date"
"""Why a resolution's duty has no due, when its text states none."""
NO_OWNER = "the resolution names neither a body nor an organisation"


class Ballot(StrEnum):
    JAA = "jaa"
    """voted for the JAA proposal"""
    EI = "ei"
    """voted for the EI proposal"""
    TYHJA = "tyhjä"
    """voted blank"""
    POISSA = "poissa"
    """absent from the vote"""


class Voter(Record):
    """One named voter."""

    name: Text
    """As printed in the voting list: 'Silja Borgarsdottir Sandelin'."""
    name_sv: str | None = None
    """The name as the Swedish minutes print it, where it differs
    ('Silja Borgarsdóttir Sandelin')."""
    ballot: Ballot
    """How they voted."""
    group: str | None = None
    """Their council group, where known."""
    person: Id | None = None
    """Their registry id, if listed."""


class Counts(Record):
    jaa: Int = Field(ge=0)
    ei: Int = Field(ge=0)
    tyhja: Int = Field(default=0, ge=0, alias="tyhjä")
    poissa: Int = Field(default=0, ge=0)


class Vote(Record):
    """A vote (äänestys) of the handling."""

    id: Id
    """Stable id: 'kylk-2021-659.vote-1'."""
    number: Int = Field(default=1, ge=1)
    """Its number in the item: '1 äänestys'."""
    question: str | None = None
    """What was voted on, when the text states it."""
    question_sv: str | None = None
    """The question as the Swedish minutes print it: '... JA, motsätter sig NEJ'."""
    jaa: Text | NotStated
    """JAA-ehdotus as printed: 'Esityksen mukaan'; not_stated when the
    minutes print only the counts (the voting list is an attachment)."""
    jaa_sv: str | None = None
    """The JA-förslag of the Swedish minutes."""
    ei: Text | NotStated
    """EI-ehdotus as printed; not_stated as for `jaa`."""
    ei_sv: str | None = None
    """The NEJ-förslag of the Swedish minutes: 'Motsätter sig'."""
    jaa_motion: Id | None = None
    """The motion the JAA side stands for."""
    ei_motion: Id | None = None
    """The motion the EI side stands for."""
    counts: Counts
    """Jaa, ei, tyhjä, poissa."""
    voters: list[Voter] = Field(default_factory=list)
    """Every named voter, in printed order; empty when the text gives counts only."""
    result: Ballot
    """Which side won: jaa or ei."""
    quote: Quote | None = None
    """The sentence reporting the result: 'Esittelijän ehdotus jäi voimaan äänin 9-4.'"""
    quote_sv: Quote | None = None
    """The same sentence in the decision's Swedish text (`sv`), word for word."""

    @model_validator(mode="after")
    def _counts_match_voters(self) -> Vote:
        if self.result not in (Ballot.JAA, Ballot.EI):
            raise ValueError("'result' is jaa or ei: the side that won")
        if self.voters:
            for ballot, stated in (
                (Ballot.JAA, self.counts.jaa),
                (Ballot.EI, self.counts.ei),
                (Ballot.TYHJA, self.counts.tyhja),
                (Ballot.POISSA, self.counts.poissa),
            ):
                named = sum(1 for v in self.voters if v.ballot is ballot)
                if named != stated:
                    raise ValueError(
                        f"counts say {ballot} {stated} but {named} voter(s) are named with ballot '{ballot}'"
                    )
        winner = self.counts.jaa if self.result is Ballot.JAA else self.counts.ei
        loser = self.counts.ei if self.result is Ballot.JAA else self.counts.jaa
        if winner < loser:
            raise ValueError(
                f"result '{self.result}' won with fewer votes ({winner}) than the other side ({loser})"
            )
        return self


class Disqualification(Record):
    """A member who was disqualified (esteellinen) and took no part."""

    name: Text
    """As printed: 'Tuula Saxholm'."""
    reason: str | None = None
    """Esteellisyyden syy as printed, without its provision: 'yhteisöjäävi'."""
    basis: str | None = None
    """The provision, as printed after the reason in brackets:
    'hallintolaki 28.1 § 5 kohta'."""
    person: Id | None = None
    """Their registry id, if listed."""
    left_room: bool | None = None
    """Whether they left the room for the item (poistui kokouksesta asian
    käsittelyn ajaksi), as the minutes state; empty: not stated."""


class BodyPresenter(Record):
    """A body as the presenter of a council item ('Kaupunginhallitus')."""

    body: Id
    """The presenting body (decision-maker id)."""
    office: Literal["chair"] | None = None
    """An office of that body that presents instead of the body itself:
    'chair' for 'Kaupunginvaltuuston puheenjohtaja' (its wording comes from
    the label set, `body_offices`)."""


class Preparer(Record):
    """A person who prepared the matter (valmistelija)."""

    name: Text
    """Name."""
    title: str | None = None
    """Title."""
    person: Id | None = None
    """Registry id, if listed."""


class Heard(Record):
    """An expert heard during the item (Asian aikana kuultavana oli ...)."""

    name: Text
    """Name: 'Mika Malmberg'."""
    title: str | None = None
    """Title as printed before the name: 'talous- ja suunnittelupäällikkö'."""
    person: Id | None = None
    """Registry id, if listed."""


class EarlierHandling(Record):
    """One earlier handling of the same case (Päätöshistoria)."""

    maker: Id | None = None
    """Decision maker (registry id)."""
    maker_name: str | None = None
    """The maker as printed, when not in the registry."""
    date: Date | None = None
    """The day it was handled."""
    number: Int | None = Field(default=None, ge=1)
    """Its § number."""
    title: str | None = None
    """Its title."""
    did: str | None = None
    """What was done: 'antoi lausunnon', 'pani asian pöydälle'."""
    item_number: Int | None = Field(default=None, ge=1)
    """The handling's number in the 'Asia' column of a table of handlings
    (Turku), as printed."""
    decision: Id | None = None
    """Its record, when in these records."""

    @model_validator(mode="after")
    def _who(self) -> EarlierHandling:
        if not (self.maker or self.maker_name):
            raise ValueError("an earlier handling needs 'maker' (registry id) or 'maker_name'")
        return self


__all__ = [
    "Action",
    "Amount",
    "AmountKind",
    "Ballot",
    "BodyPresenter",
    "Counts",
    "Disqualification",
    "EarlierHandling",
    "Heard",
    "Holder",
    "Holding",
    "Item",
    "Motion",
    "MotionKind",
    "MotionOutcome",
    "ObjectKind",
    "ObjectRef",
    "Party",
    "Plot",
    "Preparer",
    "Quote",
    "Quotes",
    "Validity",
    "Vat",
    "Vote",
    "Voter",
]

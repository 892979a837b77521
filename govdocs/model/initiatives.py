"""Initiatives (aloitteet): a councillor's or a council group's initiative
left at a council meeting, a member of the municipality's initiative
(Kuntalaki 23 §) or a youth initiative. Each asks a body to answer it, so
each is a follow-up duty until a later decision answers it.

A decision records initiatives being left (`initiatives:`; Helsinki's
"Kokouksessa jätetyt aloitteet" item lists them, one line each). A later
decision's item with action `answer-initiative` names the one it answers
(`Item.initiative`), and the duty is closed from that decision's date: the
answer itself is the fact, so no `fulfils:` entry repeats it. An answer to
an initiative left before the records begin names no id; its item
describes the initiative in `objects` (kind `initiative`: title, date,
author, attachment), and nothing is open for it."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import Field

from govdocs.model.common import Date, Id, NotStated, Record, Text
from govdocs.model.effects import Due, Obligation, ObligationKind

__all__ = ["NO_ADDRESSEE", "NO_INITIATIVE_DUE", "Initiative", "InitiativeKind"]

Quote = Annotated[str, Field(min_length=10)]


class InitiativeKind(StrEnum):
    """Who made the initiative."""

    COUNCILLOR = "councillor"
    """valtuustoaloite: by a councillor (or several)"""
    GROUP = "group"
    """ryhmäaloite: by a council group (valtuustoryhmä)"""
    RESIDENT = "resident"
    """kunnan jäsenen aloite (Kuntalaki 23 §): by residents, a community or a foundation"""
    YOUTH = "youth"
    """nuorten aloite: by young people or the youth council"""


class Initiative(Record):
    """An initiative left, as the recording decision prints it. Its duty
    (kind `initiative`) is open until an `answer-initiative` item names it;
    it has a due only when a record states one, never an assumed one."""

    id: Id
    """Stable id: 'kv-2025-256.lonka'."""
    kind: InitiativeKind
    """Councillor's, group's, resident's or youth initiative."""
    by: Text
    """Who made it, their name as printed elsewhere in the nominative
    ('Pirjo Lonka'; the list line prints 'valtuutettu Pirjo Longan aloite'),
    or the group's name ('Vihreä valtuustoryhmä')."""
    title: Text
    """What it is about, as printed: 'kulttuuriseteli- tai
    kulttuuripassikokeilusta Laajasalon kotoutujaopiskelijoille'."""
    date: Date | None = None
    """The day it was left; empty: the recording decision's date."""
    addressee: Id | None = None
    """The body that must answer it (decision-maker id): usually the
    kaupunginhallitus, which prepares the council's answer."""
    basis: str | None = None
    """Where the addressee (or the due) comes from when the text does not
    print it: a rule book, or the body that presents the answers."""
    due: Due | None = None
    """When an answer is due, if a record states it; empty: none stated,
    and the duty is open without a due (never overdue)."""
    quote: Quote
    """The line (or sentence) of the recording decision that lists it."""
    quote_sv: Quote | None = None
    """The same sentence in the decision's Swedish text (`sv`), word for word."""

    def duty(self) -> Obligation:
        """The initiative as the follow-up duty it is: the addressee's, due
        when a record says and otherwise open without a due."""
        owner = self.addressee or NotStated(not_stated=NO_ADDRESSEE)
        due = self.due or Due(not_stated=NO_INITIATIVE_DUE)
        return Obligation(
            id=self.id,
            kind=ObligationKind.INITIATIVE,
            what=" ".join(self.quote.split()),
            owner=owner,
            addressee=self.addressee,
            due=due,
            quote=self.quote,
        )


NO_INITIATIVE_DUE = "no record states when the initiative must be answered"
"""Why an initiative's duty has no due, when no record states one."""
NO_ADDRESSEE = "the record names no body to answer the initiative"

"""Do the structured data and the written text agree? The secretary may
write (or override) any paragraph by hand; these checks tell when her
text and the data say different things: a member in the data missing from
the text, a term or a date that differs."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from pydantic_core import PydanticCustomError

from govdocs.describe import fi_date
from govdocs.drafting.kinds import Kind
from govdocs.drafting.phrasing import term_phrase
from govdocs.model.common import effective_date, normalise, parse_date
from govdocs.model.decision import Decision
from govdocs.model.effects import Mandate

_DATE_OR_YEARS = re.compile(r"\b\d{1,2}\.\d{1,2}\.\d{4}\b|\b\d{4}\s*[–-]\s*\d{4}\b")


@dataclass(frozen=True)
class Disagreement:
    """Data and text say different things."""

    message: str
    path: tuple[str | int, ...]
    """Where in the record the data is."""


def disagreements(decision: Decision, kind: Kind | None = None) -> list[Disagreement]:
    """Every place where the data of ``decision`` is not in its text."""
    text = decision.plain_text()
    found: list[Disagreement] = []
    for i, mandate in enumerate(decision.mandates):
        found += _mandate(text, i, mandate)
    for i, transfer in enumerate(decision.transfers):
        day = (
            transfer.effective if isinstance(transfer.effective, date) else None
        )  # assumed dates are not said
        if day and fi_date(day) not in text:
            found.append(
                Disagreement(
                    f"transfer '{transfer.id}' takes effect {fi_date(day)}, which the text does not say",
                    ("transfers", i, "effective"),
                )
            )
    found += _input_dates(decision, text, kind)
    return found


def _mandate(text: str, index: int, mandate: Mandate) -> Iterator[Disagreement]:
    for j, member in enumerate(mandate.members):
        shown = member.name or member.office
        if shown and normalise(shown) not in text:
            yield Disagreement(
                f"member '{shown}' of '{mandate.id}' is in the data but not in the text",
                ("mandates", index, "members", j),
            )
    if effective_date(mandate.term.start) is None:
        return
    expected = term_phrase(mandate.term)
    if expected not in text:
        said = ", ".join(f"'{m}'" for m in dict.fromkeys(_DATE_OR_YEARS.findall(text))) or "no date"
        yield Disagreement(
            f"the term of '{mandate.id}' is '{expected}' in the data, "
            f"but the text does not say so (it has {said})",
            ("mandates", index, "term"),
        )


def _input_dates(decision: Decision, text: str, kind: Kind | None) -> Iterator[Disagreement]:
    if kind is None or decision.drafting is None:
        return
    for spec in kind.inputs:
        value = decision.drafting.values.get(spec.name)
        if spec.type != "date" or not isinstance(value, str):
            continue
        try:
            day = parse_date(value)
        except PydanticCustomError:
            continue
        if fi_date(day) not in text:
            yield Disagreement(
                f"'{spec.name}' is {fi_date(day)} in the data, but the text does not say so",
                ("drafting", "values", spec.name),
            )

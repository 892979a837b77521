"""The one quote matcher: a quote must appear word for word (white space
normalised) in its own decision's text; the message says how far it
matches, so the writer finds the typo quickly."""

from __future__ import annotations

from collections.abc import Iterable

from govdocs.model.common import normalise
from govdocs.model.decision import Decision
from govdocs.problems import Problem
from govdocs.repository import Origin


def check_quote(
    origin: Origin, decision: Decision, quote: str, at: tuple[str | int, ...]
) -> Iterable[Problem]:
    yield from check_quote_in(origin, decision.plain_text(), f"decision '{decision.id}'", quote, at)


def check_quote_in(
    origin: Origin, text: str, whose: str, quote: str, at: tuple[str | int, ...]
) -> Iterable[Problem]:
    """``quote`` is in ``text`` (normalised), the text of ``whose``: "decision 'kj-2016-59'"."""
    wanted = normalise(quote)
    if wanted in text:
        return
    # Say how far the quote matches, so the writer finds the typo quickly.
    words = wanted.split(" ")
    good = 0
    for n in range(1, len(words) + 1):
        if " ".join(words[:n]) in text:
            good = n
        else:
            break
    if good:
        matched = " ".join(words[max(0, good - 4) : good])
        differs = words[good] if good < len(words) else ""
        hint = f"; the text matches up to '{matched}' and then differs at '{differs}'"
    else:
        hint = "; not even its first word is in the text"
    yield origin.problem(
        f"quote is not in the text of {whose}{hint}", *at, code="quote-not-in-text"
    )

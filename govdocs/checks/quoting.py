"""The one quote matcher: a quote must appear word for word (white space
normalised) in its own decision's text, of its own language (a Swedish
quote, ``quote_sv``, in the Swedish text ``sv``); the message says how far
it matches, so the writer finds the typo quickly."""

from __future__ import annotations

from collections.abc import Iterable

from govdocs.model.common import normalise
from govdocs.model.decision import Decision
from govdocs.problems import Problem
from govdocs.repository import Origin


def check_quote(
    origin: Origin, decision: Decision, quote: str, at: tuple[str | int, ...], lang: str | None = None
) -> Iterable[Problem]:
    which = "Swedish text" if lang == "sv" else "text"
    text = decision.plain_text(lang)
    yield from check_quote_in(origin, text, f"decision '{decision.id}'", quote, at, which)


def check_quote_in(
    origin: Origin, text: str, whose: str, quote: str, at: tuple[str | int, ...], which: str = "text"
) -> Iterable[Problem]:
    """``quote`` is in ``text`` (normalised), the ``which`` ("text",
    "Swedish text") of ``whose``: "decision 'kj-2016-59'"."""
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
        f"quote is not in the {which} of {whose}{hint}", *at, code="quote-not-in-text"
    )


def check_swedish_quotes(origin: Origin, decision: Decision) -> Iterable[Problem]:
    """Every Swedish quote (``quote_sv``, ``conditions_sv``...) is in the
    decision's Swedish text; a decision without one has no Swedish quotes."""
    from govdocs.swedish import pairs

    for pair in pairs(decision):
        if not pair.is_quote or pair.swedish is None:
            continue
        if decision.sv is None and decision.language != "sv":
            yield origin.problem(
                f"a Swedish quote, but decision '{decision.id}' has no Swedish text: add 'sv:' with its "
                "title and sections", *pair.sv_at, code="quote-not-in-text")
            return
        yield from check_quote(origin, decision, pair.swedish, pair.sv_at, "sv")

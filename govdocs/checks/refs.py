"""The one 'unknown id' message: a record or registry entry names an id
that is not in the pool it must come from; the message offers the nearest
id (did you mean ...?). Shared by the core rules and the item rules."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator

from govdocs.problems import Problem, did_you_mean
from govdocs.repository import Origin


def unknown(origin: Origin, what: str, value: str, pool: Iterable[str], *at: str | int) -> Problem:
    message = f"unknown {what} '{value}'{did_you_mean(value, pool)}"
    return origin.problem(message, *at, code="dangling-reference")


def ref(origin: Origin, what: str, value: object, pool: Collection[str], *at: str | int) -> Iterator[Problem]:
    """One problem when ``value`` is an id not in ``pool`` (a mapping by id or a set); none for None."""
    if isinstance(value, str) and value not in pool:
        yield unknown(origin, what, value, pool, *at)

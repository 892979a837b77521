"""Chains that must not loop: an organisation's successors (A ends, B takes
over, B ends, A takes over what A no longer is), its parents (a unit that is
part of itself) and obligations superseded by one another (each replaced by
the other, so neither is in force).

Records come from pull requests, so such a loop is input like any other: it
gets one located error naming both ends (the link that closes the loop and
the link it returns to), and the derive stages stop walking a chain at the
first repeat, so a query terminates even when validation was skipped."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

from govdocs.model.effects import Outcome
from govdocs.problems import Problem
from govdocs.repository import Origin, Repository

Link = tuple[str, Origin, tuple[str | int, ...]]
"""The next id in a chain, and where the link to it is written."""


def find_cycles(links: Mapping[str, Link]) -> list[list[str]]:
    """Every loop in a graph where each node has at most one next node, once
    each, starting at the node that comes first in ``links`` (registry or
    reading order). Linear: every node is walked at most once."""
    done: set[str] = set()
    cycles: list[list[str]] = []
    for start in links:
        path: list[str] = []
        on_path: dict[str, int] = {}
        node: str | None = start
        while node is not None and node not in done and node not in on_path:
            on_path[node] = len(path)
            path.append(node)
            node = links[node][0] if node in links else None
        if node is not None and node in on_path:
            loop = path[on_path[node] :]
            first = min(loop, key=list(links).index)
            at = loop.index(first)
            cycles.append(loop[at:] + loop[:at])
        done.update(path)
    return cycles


def _problems(links: Mapping[str, Link], what: str, code: str, fix: str) -> Iterable[Problem]:
    for loop in find_cycles(links):
        chain = " → ".join(f"'{n}'" for n in [*loop, loop[0]])
        last = links[loop[-1]]
        closing = last[1].where(*last[2])
        first = links[loop[0]]
        if len(loop) == 1:
            message = f"'{loop[0]}' names itself as its {what}; {fix}"
        else:
            message = f"{what} cycle {chain}: the loop closes at {closing}; {fix}"
        yield first[1].problem(message, *first[2], code=code, related=(closing,))


def _registry_links(repo: Repository, attr: str) -> dict[str, Link]:
    links: dict[str, Link] = {}
    for org in repo.registry.organisations:
        target = getattr(org, attr)
        if isinstance(target, str) and org.id not in links:
            links[org.id] = (target, repo.registry_origin("organisations", org.id), (attr,))
    return links


def succession_cycles(repo: Repository) -> Iterable[Problem]:
    """No organisation succeeds itself, directly or through others."""
    yield from _problems(
        _registry_links(repo, "successor"),
        "successor",
        "succession-cycle",
        "a successor takes over when its predecessor ends, so the chain must end in an organisation "
        "that still exists (remove or change one 'successor')",
    )


def parent_cycles(repo: Repository) -> Iterable[Problem]:
    """No organisation is part of itself, directly or through others."""
    yield from _problems(
        _registry_links(repo, "parent"),
        "parent",
        "parent-cycle",
        "the hierarchy must end in a top-level organisation (remove or change one 'parent')",
    )


def supersession_cycles(repo: Repository) -> Iterable[Problem]:
    """No obligation is superseded, through others, by itself: then none
    of them would be in force."""
    links: dict[str, Link] = {}
    for rid, record in repo.records.items():
        for i, fulfilment in enumerate(getattr(record, "fulfils", None) or []):
            target = fulfilment.superseded_by
            if fulfilment.outcome is not Outcome.SUPERSEDED or target is None:
                continue
            if target != fulfilment.obligation and fulfilment.obligation not in links:
                # superseded by itself is already 'superseded-by-self'
                links[fulfilment.obligation] = (target, repo.origins[rid], ("fulfils", i, "superseded_by"))
    yield from _problems(
        links,
        "supersession",
        "supersession-cycle",
        "an obligation is replaced by a later one that stays in force (remove or change one 'superseded_by')",
    )


CYCLE_RULES: list[Callable[[Repository], Iterable[Problem]]] = [
    succession_cycles,
    parent_cycles,
    supersession_cycles,
]

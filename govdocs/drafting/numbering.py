"""Numbers for a new decision: the next free § in the maker's yearly
series (with gaps and collisions reported) and a new diary number in the
municipality's format (registry ``case_number_format``)."""

from __future__ import annotations

import re
import string
from collections import defaultdict
from dataclasses import dataclass, field

from govdocs.repository import Repository


@dataclass(frozen=True)
class NumberPlan:
    """The next free § of one maker and year, and what is odd in the series."""

    maker: str
    year: int
    number: int
    """The next free §: one more than the highest used."""
    gaps: list[int] = field(default_factory=list)
    """Numbers below the highest that no record uses."""
    collisions: dict[int, list[str]] = field(default_factory=dict)
    """Numbers used by more than one decision, with their ids."""

    def notes(self) -> list[str]:
        """Human-readable remarks for the secretary."""
        out = []
        if self.gaps:
            out.append(
                f"gaps in {self.maker} {self.year}: § {', '.join(map(str, self.gaps))} not in the records"
            )
        for number, ids in sorted(self.collisions.items()):
            out.append(f"collision in {self.maker} {self.year}: § {number} is used by {', '.join(ids)}")
        return out


def used_numbers(repo: Repository, maker: str, year: int) -> dict[int, list[str]]:
    """§ number → decision ids, for one maker and year."""
    used: dict[int, list[str]] = defaultdict(list)
    for rid, decision in repo.decisions.items():
        day = decision.day
        if decision.maker == maker and day is not None and day.year == year:
            used[decision.number].append(rid)
    return dict(used)


def next_number(repo: Repository, maker: str, year: int) -> NumberPlan:
    """The next free § for ``maker`` in ``year``: after the highest used,
    so a gap is never filled silently (it may be a decision not yet in the
    records); gaps and collisions are reported."""
    used = used_numbers(repo, maker, year)
    highest = max(used, default=0)
    gaps = [n for n in range(1, highest) if n not in used]
    collisions = {n: sorted(ids) for n, ids in used.items() if len(ids) > 1}
    return NumberPlan(maker, year, highest + 1, gaps, collisions)


def case_number_regex(fmt: str) -> re.Pattern[str]:
    """A pattern that reads diary numbers written with ``fmt`` back, with
    groups ``year`` and ``serial``: 'HEL {year}-{serial:06d}'. What follows
    after a space is not part of it: Turku writes the task class after
    the number, '5024-2017 (010)'."""
    parts = []
    for literal, name, _spec, _conv in string.Formatter().parse(fmt):
        parts.append(re.escape(literal))
        if name in ("year", "serial"):
            parts.append(rf"(?P<{name}>\d+)")
        elif name is not None:
            raise ValueError(f"case_number_format knows only {{year}} and {{serial}}, not {{{name}}}")
    return re.compile("^" + "".join(parts) + r"(?=\s|$)")


def new_case_number(repo: Repository, year: int, maker: str | None = None) -> str:
    """A diary number for a new case in ``year`` of ``maker``'s municipality:
    one more than the highest serial of that year in the records."""
    part = repo.registry_part("decision_makers", maker) if maker else None
    registry = repo.registries[part or 0][0]
    fmt = registry.municipality.case_number_format
    pattern = case_number_regex(fmt)
    serials = [0]
    for rid, decision in repo.decisions.items():
        if repo.members and repo.registry_of(rid) is not registry:
            continue
        match = pattern.match(decision.case or "")
        if match and int(match.group("year") if "year" in pattern.groupindex else year) == year:
            serials.append(int(match.group("serial")))
    return fmt.format(year=year, serial=max(serials) + 1)


def id_prefix(repo: Repository, maker: str) -> str:
    """The prefix of decision ids for ``maker``, as the records already
    write it ('kp' in 'kp-2021-5'); the maker's id when there are none."""
    for rid, decision in sorted(repo.decisions.items()):
        match = re.match(r"^(.+)-\d{4}-\d+$", rid)
        if decision.maker == maker and match:
            return match.group(1)
    return maker

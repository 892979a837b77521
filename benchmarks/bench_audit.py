"""How long `govdocs responsibilities --at` and `govdocs audit` take on a
synthetic repository (default: 10,000 decisions, 20,000 transfers, 200
organisations), stage by stage, so it is clear what dominates:

    python benchmarks/bench_audit.py [--decisions 10000] [--transfers 20000]
                                     [--dir /tmp/govdocs-bench-audit] [--cli]

Stages: reading and schema-checking every file (the loader's cache off,
then on), the cross-record rules (of which the responsibility timeline),
the queries with their printed output, and with --cli the two commands end
to end as a user runs them (a fresh process each). Prints figures only."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.synthetic import generate  # noqa: E402

AT = date(2018, 6, 1)


def timed(label: str, action: Callable[[], Any]) -> Any:
    start = time.perf_counter()
    result = action()
    print(f"{label:<58} {time.perf_counter() - start:8.2f} s", flush=True)
    return result


def ensure(root: Path, decisions: int, transfers: int, organisations: int) -> None:
    marker = root / f".generated-{decisions}-{transfers}-{organisations}"
    if not marker.exists():
        timed(f"generate {decisions} decisions, {transfers} transfers", lambda: generate(
            root, decisions, organisations=organisations, transfers=transfers))
        marker.touch()


def in_process(root: Path, quick: bool = False) -> str:
    """Each stage on its own, in one process (``quick``: warm load only, no full rules)."""
    from govdocs.checks import run_rules
    from govdocs.derive.responsibilities import build, history, holders_at
    from govdocs.export.responsibility_tables import audit_text, holdings_table
    from govdocs.read.loader import read_repository

    if not quick:
        os.environ["GOVDOCS_NO_CACHE"] = "1"
        timed("read + schema-check every file (cache off)", lambda: read_repository(root))
        os.environ.pop("GOVDOCS_NO_CACHE")
        timed("read + schema-check every file (cache fill)", lambda: read_repository(root))
    repo = timed("read + schema-check every file (cache warm)", lambda: read_repository(root))
    line = timed("responsibility timeline alone (build)", lambda: build(repo))
    print(f"  {sum(len(v) for v in line.holdings.values())} holding intervals, {len(line.steps)} steps, "
          f"{len(line.issues)} contradictions")
    if not quick:
        timed("every cross-record rule (timeline included)", lambda: run_rules(repo))
    holdings = timed(f"holders_at({AT})", lambda: holders_at(repo, AT))
    timed(f"  printed as a table ({len(holdings)} rows)", lambda: holdings_table(repo, AT, holdings))
    org = max(repo.organisations, key=lambda o: sum(h.holder == o for h in holdings))
    found = timed(f"history({org}) over all years", lambda: history(repo, org))
    timed(f"  printed ({len(found.steps)} steps)", lambda: audit_text(repo, found))
    return org


def end_to_end(root: Path, org: str) -> None:
    """The two commands as a user runs them (warm loader cache)."""
    govdocs = str(Path(sys.executable).with_name("govdocs"))
    for label, args in (
        (
            f"govdocs responsibilities --as-of {AT}",
            ["responsibilities", "--as-of", AT.isoformat(), "-C", str(root)],
        ),
        (f"govdocs audit {org}", ["audit", org, "-C", str(root)]),
    ):
        done = timed(label, lambda a=args: subprocess.run([govdocs, *a], capture_output=True, text=True))  # type: ignore[misc]
        print(f"  exit {done.returncode}, {len(done.stdout.splitlines())} lines of output")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--decisions", type=int, default=10_000)
    parser.add_argument("--transfers", type=int, default=20_000)
    parser.add_argument("--organisations", type=int, default=200)
    parser.add_argument("--dir", type=Path, default=Path("/tmp/govdocs-bench-audit"))
    parser.add_argument("--cli", action="store_true", help="also time the commands end to end")
    parser.add_argument("--quick", action="store_true", help="skip the cold loads and the full rules")
    args = parser.parse_args(argv)
    root = args.dir / f"{args.decisions}-{args.transfers}-{args.organisations}"
    ensure(root, args.decisions, args.transfers, args.organisations)
    org = in_process(root, args.quick)
    if args.cli:
        end_to_end(root, org)


if __name__ == "__main__":
    main()

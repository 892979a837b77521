"""How long `govdocs obligations` and `govdocs budget` take on a synthetic
repository (default 10,000 decisions, written by benchmarks/synthetic.py).

Prints, for each command: the whole command as a user runs it (a fresh
process: start-up, loading and validating the records, deriving, printing),
and the follow-up part alone on an already loaded repository. Target: under
2 s per command, most of it loading.

    .venv/bin/python benchmarks/bench_followup.py [DECISIONS] [--keep DIR]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from synthetic import generate  # noqa: E402

import govdocs  # noqa: E402
from govdocs.derive.budget import budget_checklist  # noqa: E402
from govdocs.derive.obligations import list_obligations  # noqa: E402
from govdocs.export.followup_tables import obligations_table  # noqa: E402

AS_OF = date(2020, 1, 1)
GOVDOCS = Path(sys.executable).with_name("govdocs")


def best_of(runs: int, fn: Callable[[], object]) -> float:
    """The fastest of ``runs`` timings (seconds): the least disturbed by
    the other work on a shared machine."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def command(root: Path, *args: str) -> Callable[[], object]:
    def run() -> object:
        return subprocess.run([str(GOVDOCS), *args, "-C", str(root)], capture_output=True, check=False)

    return run


def busiest_budget_year(repo: govdocs.Repository) -> int:
    counts = {y: len(budget_checklist(repo, y, AS_OF).items) for y in range(2011, 2026)}
    return max(counts, key=lambda y: counts[y])


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("decisions", type=int, nargs="?", default=10_000)
    parser.add_argument("--keep", type=Path, help="write the repository here and keep it")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        root = args.keep or Path(tmp) / "records"
        if not (root / "registry.yaml").exists():
            start = time.perf_counter()
            generate(root, args.decisions)
            print(f"generated {args.decisions} decisions in {time.perf_counter() - start:.1f} s")
        report(root, args.runs)


def report(root: Path, runs: int) -> None:
    start = time.perf_counter()
    repo = govdocs.validate(root)
    print(f"load + validate (in process): {time.perf_counter() - start:.2f} s, {len(repo.errors)} error(s)")
    instances = list_obligations(repo, AS_OF)
    year = busiest_budget_year(repo)
    items = len(budget_checklist(repo, year, AS_OF).items)
    print(
        f"{len(repo.decisions)} decisions, {len(instances)} obligation instances as of {AS_OF}; "
        f"budget {year}: {items} items"
    )
    derive_o = best_of(runs, lambda: obligations_table(list_obligations(repo, AS_OF), AS_OF))
    derive_b = best_of(runs, lambda: budget_checklist(repo, year, AS_OF))
    print(f"obligations, derive + format only: {derive_o:.3f} s")
    print(f"budget {year}, derive only: {derive_b:.3f} s")
    if repo.errors:
        # the commands refuse invalid records (exit 1 after validating), so
        # timing them would not measure the follow-up work
        print(f"records invalid (first: {repo.errors[0].format()}); whole-command timings skipped")
        return
    as_of = ["--as-of", AS_OF.isoformat()]
    cmd_o = best_of(runs, command(root, "obligations", *as_of))
    cmd_b = best_of(runs, command(root, "budget", str(year), *as_of))
    print(f"govdocs obligations --as-of {AS_OF} (whole command): {cmd_o:.2f} s")
    print(f"govdocs budget {year} --as-of {AS_OF} (whole command): {cmd_b:.2f} s")


if __name__ == "__main__":
    main()

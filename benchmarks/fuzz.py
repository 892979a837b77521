"""The long fuzz run: N mutated records through `govdocs validate`, and the
ones that still validate through `govdocs render`, all in-process.

    .venv/bin/python benchmarks/fuzz.py -n 10000 [--seed 1] [--render-every 10] [--pdf-every 200]

Prints the cases run, how many validated, how many were rendered, and
every failure (a traceback, an exit code other than 0 or 1, exit 1
without a located error, a partial output file, a changed record or a
file written outside the output folder) with its seed, so that
``--seed S -n 1`` replays it. Exits 1 when anything failed.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.test_fuzz import run_one  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("-n", type=int, default=10_000, help="cases to run")
    parser.add_argument("--seed", type=int, default=1, help="seed of the first case; case i uses seed + i")
    parser.add_argument(
        "--render-every",
        type=int,
        default=10,
        help="render every k-th case that validates (html, docx, txt); 0: never",
    )
    parser.add_argument(
        "--pdf-every", type=int, default=200, help="of those, every k-th also as PDF; 0: never"
    )
    args = parser.parse_args()
    start, failures, exits, mutations = time.perf_counter(), [], Counter(), Counter()
    rendered = valid = 0
    with tempfile.TemporaryDirectory(prefix="govdocs-fuzz-") as tmp:
        os.environ["XDG_CACHE_HOME"] = f"{tmp}/cache"  # ten thousand records: not in the user's cache
        root = Path(tmp) / "repo"
        root.mkdir()
        os.chdir(root)
        for i in range(args.n):
            seed = args.seed + i
            formats = None
            if args.render_every and valid % args.render_every == 0:
                formats = "html,docx,txt"
                if args.pdf_every and (valid // args.render_every) % args.pdf_every == 0:
                    formats += ",pdf"
            case = run_one(root, random.Random(seed), render_formats=formats)
            exits[case.validate_exit] += 1
            mutations.update(case.mutations)
            valid += case.validate_exit == 0
            rendered += case.rendered
            for failure in case.failures:
                failures.append(f"seed {seed} ({case.target}: {', '.join(case.mutations)}): {failure}")
                print(failures[-1], flush=True)
            if (i + 1) % 1000 == 0:
                print(
                    f"... {i + 1} cases, {len(failures)} failure(s), {time.perf_counter() - start:.0f} s",
                    flush=True,
                )
    elapsed = time.perf_counter() - start
    print(f"cases run: {args.n}")
    print(f"validate exit codes: {dict(sorted((str(k), v) for k, v in exits.items()))}")
    print(f"validated clean: {valid}; rendered: {rendered}")
    print(f"mutations applied: {dict(mutations.most_common())}")
    print(f"failures: {len(failures)}")
    print(f"time: {elapsed:.1f} s ({1000 * elapsed / max(args.n, 1):.1f} ms per case)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

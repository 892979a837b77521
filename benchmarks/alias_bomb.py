"""How fast, and in how little memory, the alias bomb is refused.

    .venv/bin/python benchmarks/alias_bomb.py [--repeat 20]

tests/hostile/records/alias-bomb.yaml is a 'billion laughs' record: a few
kilobytes that expand to 10^9 values. The target is refusal in under 1 s
with peak memory under 200 MB. Prints, for the library call (`load_file`,
in-process: time and tracemalloc peak) and for the whole command
(`govdocs validate` in a fresh process: wall time and peak RSS), the
figures and whether each meets the target. For contrast, plain
`yaml.safe_load` runs in a child limited to 1 GB and 10 s.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BOMB = ROOT / "tests" / "hostile" / "records" / "alias-bomb.yaml"
REGISTRY = ROOT / "tests" / "hostile" / "registry.yaml"
GOVDOCS = Path(sys.executable).with_name("govdocs")
MAX_SECONDS, MAX_MB = 1.0, 200


def library(repeat: int) -> tuple[float, float, str]:
    """Slowest refusal time (s), tracemalloc peak (MB, a separate run: tracing
    slows Python down) and the message."""
    from govdocs.read.yamlsource import YamlError, load_file

    def refuse() -> str:
        try:
            load_file(BOMB, "alias-bomb.yaml")
        except YamlError as exc:
            return f"{exc.span.line}:{exc.span.column}: {exc.message}" if exc.span else exc.message
        return "ACCEPTED"

    worst = 0.0
    for _ in range(repeat):
        start = time.perf_counter()
        message = refuse()
        worst = max(worst, time.perf_counter() - start)
    tracemalloc.start()
    refuse()
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return worst, peak, message


def baseline() -> float:
    """Wall time of `govdocs validate` on a valid record: the start-up cost."""
    return _run_validate(ROOT / "tests" / "hostile" / "base.yaml")[0]


def command() -> tuple[float, float, int, str]:
    """Wall time (s), peak RSS (MB), exit code and first line of `govdocs validate`."""
    wall, done = _run_validate(BOMB)
    rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return wall, rss, done.returncode, done.stdout.splitlines()[0] if done.stdout else done.stderr


def _run_validate(record: Path) -> tuple[float, subprocess.CompletedProcess[str]]:
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "decisions").mkdir()
        shutil.copy(REGISTRY, Path(tmp) / "registry.yaml")
        shutil.copy(record, Path(tmp) / "decisions" / record.name)
        start = time.perf_counter()
        done = subprocess.run(
            [str(GOVDOCS), "validate", f"decisions/{record.name}"],
            cwd=tmp,
            capture_output=True,
            text=True,
            timeout=60,
            env={"GOVDOCS_NO_CACHE": "1", "PATH": "/usr/bin:/bin"},
        )
        return time.perf_counter() - start, done


def plain_pyyaml() -> str:
    """What yaml.safe_load does with the same file, inside limits."""
    code = (
        "import resource, yaml, sys\n"
        "resource.setrlimit(resource.RLIMIT_AS, (2**30, 2**30))\n"
        f"data = yaml.safe_load(open({str(BOMB)!r}, encoding='utf-8'))\n"
        "print(len(str(data)))\n"  # what any consumer walking the data does
    )
    start = time.perf_counter()
    try:
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=10)
    except subprocess.TimeoutExpired:
        return "still running after 10 s (killed)"
    last = (done.stderr.strip().splitlines() or ["finished"])[-1]
    return f"exit {done.returncode} after {time.perf_counter() - start:.1f} s: {last}"


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    print(f"file: {BOMB.relative_to(ROOT)} ({BOMB.stat().st_size:,} bytes)")
    seconds, peak, message = library(args.repeat)
    ok_lib = seconds < MAX_SECONDS and peak < MAX_MB
    print(
        f"load_file: slowest of {args.repeat} refusals {seconds * 1000:.1f} ms, "
        f"tracemalloc peak {peak:.2f} MB -> {'OK' if ok_lib else 'OVER TARGET'}"
    )
    print(f"  message: {message}")
    wall, rss, code, line = command()
    start_up = baseline()
    ok_cli = rss < MAX_MB and code == 1
    print(
        f"govdocs validate (fresh process): {wall * 1000:.0f} ms, of which start-up (same command on a "
        f"valid record) {start_up * 1000:.0f} ms; peak RSS {rss:.1f} MB, exit {code} "
        f"-> {'OK' if ok_cli else 'OVER TARGET'}"
    )
    print(f"  output: {line}")
    print(f"plain yaml.safe_load, 1 GB limit: {plain_pyyaml()}")
    return 0 if ok_lib and ok_cli else 1


if __name__ == "__main__":
    sys.exit(main())

"""Build-tool benchmarks for CI: validate, full build, no-op rebuild, one
change, start-up, peak memory, and LibreOffice as the alternative.

Every figure is the wall time of a fresh ``govdocs`` process (as CI runs
it) on synthetic repositories from `synthetic.py`, median of ``--repeat``
runs (runs longer than 60 s are not repeated). Prints one Markdown table.

    .venv/bin/python benchmarks/bench_build.py            # ~15 min on 2 cores
    .venv/bin/python benchmarks/bench_build.py --quick    # small sizes, ~2 min

Targets (issue 6, 2 cores): validate 10,000 < 5 s cold, < 1 s unchanged;
full build of 1,000 in four formats at -j2 < 120 s; no-op rebuild < 2 s;
one record changed < 3 s; ``govdocs --help`` < 0.3 s; peak memory of a full
build of 10,000 < 1 GiB; PDFs per second >= 2x LibreOffice's.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
GOVDOCS = str(Path(sys.executable).parent / "govdocs")
MiB = 1024 * 1024


@dataclass
class Row:
    what: str
    value: str
    target: str = ""
    note: str = ""


def generate(folder: Path, decisions: int) -> Path:
    """A synthetic repository, made once and reused by later runs."""
    from synthetic import generate as make

    done = folder / ".complete"
    if not done.exists():
        shutil.rmtree(folder, ignore_errors=True)
        make(folder, decisions)
        done.write_text("")
    return folder


class Env:
    """Where runs keep their caches: the user cache (loaded records) in a
    folder of our own, so 'cold' really starts empty."""

    def __init__(self, work: Path):
        self.work = work

    def fresh_user_cache(self) -> None:
        shutil.rmtree(self.work / "xdg", ignore_errors=True)

    def run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[bytes]:
        env = {**os.environ, "XDG_CACHE_HOME": str(self.work / "xdg")}
        return subprocess.run([GOVDOCS, *args], env=env, check=check, capture_output=True)


def timed(
    action: Callable[[], object], repeat: int, prepare: Callable[[], object] = lambda: None
) -> list[float]:
    """Wall seconds of ``action`` (``prepare`` runs untimed before each)."""
    times: list[float] = []
    for _ in range(repeat):
        prepare()
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
        if times[-1] > 60:
            break
    return times


def median(times: list[float]) -> str:
    shown = f"{statistics.median(times):.2f} s"
    return shown if len(times) == 1 else f"{shown} (n={len(times)}, {min(times):.2f}–{max(times):.2f})"


class PeakPss:
    """Peak proportional set size (shared pages split between the
    processes that share them, so forked workers are not double counted)
    of a process and its descendants, sampled every 50 ms."""

    def __init__(self, pid: int):
        self.pid, self.peak, self.done = pid, 0, False
        self.thread = threading.Thread(target=self._sample, daemon=True)
        self.thread.start()

    def _sample(self) -> None:
        while not self.done:
            self.peak = max(self.peak, sum(_pss(pid) for pid in _tree(self.pid)))
            time.sleep(0.05)

    def stop(self) -> int:
        self.done = True
        self.thread.join()
        return self.peak


def _tree(root: int) -> list[int]:
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parents[int(entry.name)] = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
    found, frontier = [root], [root]
    while frontier:
        frontier = [pid for pid, parent in parents.items() if parent in frontier]
        found += frontier
    return found


def _pss(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def with_peak(env: Env, *args: str) -> tuple[float, int]:
    """Wall seconds and peak PSS of one govdocs run."""
    process_env = {**os.environ, "XDG_CACHE_HOME": str(env.work / "xdg")}
    start = time.perf_counter()
    process = subprocess.Popen([GOVDOCS, *args], env=process_env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    sampler = PeakPss(process.pid)
    if process.wait() != 0:
        raise SystemExit(f"govdocs {' '.join(args)} failed")
    return time.perf_counter() - start, sampler.stop()


VALIDATE_CACHED = (
    "import sys; from govdocs.api import validate; "
    "sys.exit(1 if validate(sys.argv[1]).errors else 0)"
)


def bench_validate(env: Env, repo: Path, n: int, repeat: int) -> list[Row]:
    cold = timed(lambda: env.run("validate", str(repo)), 1, env.fresh_user_cache)
    warm = timed(lambda: env.run("validate", str(repo)), repeat)
    python = [sys.executable, "-c", VALIDATE_CACHED, str(repo)]
    xdg = {**os.environ, "XDG_CACHE_HOME": str(env.work / "xdg")}
    subprocess.run(python, env=xdg, check=True)  # stores the rules' result
    cached = timed(lambda: subprocess.run(python, env=xdg, check=True), repeat)
    return [
        Row(f"validate {n:,}, cold (`govdocs validate`, empty cache)", median(cold), "< 5 s"),
        Row(f"validate {n:,}, unchanged (`govdocs validate`: reading cached, rules run)",
            median(warm), "< 1 s"),
        Row(f"validate {n:,}, unchanged (as `govdocs build` validates: reading and rules cached)",
            median(cached), "< 1 s"),
    ]


def bench_build(env: Env, repo: Path, n: int, repeat: int) -> tuple[list[Row], Path]:
    out = env.work / f"out-{n}"
    cache = env.work / f"build-cache-{n}"
    build = ["build", str(repo), "--out", str(out), "-j", "2", "--cache-dir", str(cache), "--no-reports"]

    def clean() -> None:
        shutil.rmtree(out, ignore_errors=True)
        shutil.rmtree(cache, ignore_errors=True)

    clean()
    full, peak = with_peak(env, *build)
    noop = timed(lambda: env.run(*build), repeat)
    victim = sorted((repo / "decisions").rglob("*.yaml"))[n // 2]
    original = victim.read_bytes()
    edits = iter(range(1, 1000))
    one = timed(lambda: env.run(*build), repeat,
                lambda: victim.write_bytes(original + f"# muutos {next(edits)}\n".encode()))
    victim.write_bytes(original)
    env.run(*build)
    reports = timed(lambda: env.run(*build[:-1]), 1)
    count = sum(1 for name in (out / "reports").iterdir()) // 4
    rows = [
        Row(f"full build of {n:,} decisions, 4 formats, -j2", median([full]), "< 120 s",
            f"{4 * n / full:.1f} files/s"),
        Row(f"no-op rebuild of {n:,}", median(noop), "< 2 s"),
        Row(f"rebuild after one record changed ({n:,})", median(one), "< 3 s"),
        Row(f"then the reports: follow-up + {count - 1} audits, 4 formats, -j2", median(reports), "",
            "every report reads every record, so any record change rebuilds them all"),
        Row(f"peak memory, full build of {n:,} (PSS, parent + workers)", f"{peak / MiB:.0f} MiB"),
    ]
    return rows, out


def bench_help(repeat: int) -> Row:
    times = timed(lambda: subprocess.run([GOVDOCS, "--help"], check=True, capture_output=True), repeat)
    return Row("`govdocs --help` start-up", median(times), "< 0.3 s")


def bench_memory_large(env: Env, repo: Path, n: int) -> Row:
    """Peak memory of building all ``n`` decisions, in the text format only
    (four formats would take about half an hour here). Workers copy the
    pages of every record they render (reading a Python object writes its
    reference count), so a shard would understate it: all are rendered."""
    out = env.work / f"out-{n}-txt"
    shutil.rmtree(out, ignore_errors=True)
    shutil.rmtree(env.work / f"cache-{n}", ignore_errors=True)
    seconds, peak = with_peak(env, "build", str(repo), "--out", str(out), "-f", "txt", "-j", "2",
                              "--no-reports", "--cache-dir", str(env.work / f"cache-{n}"))
    what = f"peak memory, build of {n:,}, text format, -j2 (PSS, parent + workers)"
    return Row(what, f"{peak / MiB:.0f} MiB", "< 1 GiB", f"{seconds:.0f} s")


def bench_pdfs(env: Env, repo: Path, docx_from: Path, shard: str) -> list[Row]:
    """PDFs per second, govdocs (whole `govdocs build` command, at -j1 and
    -j2) against LibreOffice converting the same decisions' DOCX files in
    one batch."""
    rows, count = [], 0
    for jobs in ("1", "2"):
        out, cache = env.work / f"pdf-j{jobs}", env.work / f"pdf-cache-j{jobs}"
        for folder in (out, cache):
            shutil.rmtree(folder, ignore_errors=True)
        args = ["build", str(repo), "--out", str(out), "-f", "pdf", "--no-reports", "-j", jobs,
                "--shard", shard, "--cache-dir", str(cache)]
        seconds = timed(lambda: env.run(*args), 1)[0]  # noqa: B023 - called at once
        count = len(list(out.glob("*.pdf")))
        rows.append(Row(f"govdocs build -f pdf -j{jobs}: {count} PDFs (shard {shard})", f"{seconds:.1f} s",
                        "", f"{count / seconds:.2f} PDFs/s"))
    stems = sorted(p.stem for p in (env.work / "pdf-j1").glob("*.pdf"))
    lo = libreoffice(env.work, [docx_from / f"{stem}.docx" for stem in stems])
    if lo is None:
        rows.append(Row("LibreOffice headless, same DOCX in one batch", "not installed"))
        return rows
    rows.append(Row(f"LibreOffice headless: the same {len(stems)} DOCX → PDF, one batch", f"{lo:.1f} s", "",
                    f"{len(stems) / lo:.2f} PDFs/s"))
    govdocs_j1 = count and len(stems) / float(rows[0].value.split()[0])
    govdocs_j2 = len(stems) / float(rows[1].value.split()[0])
    lo_rate = len(stems) / lo
    rows.append(Row("PDFs/s, govdocs ÷ LibreOffice", f"{govdocs_j1 / lo_rate:.1f}x at -j1, "
                    f"{govdocs_j2 / lo_rate:.1f}x at -j2", ">= 2x"))
    return rows


def libreoffice(work: Path, files: list[Path]) -> float | None:
    soffice = shutil.which("soffice")
    if soffice is None or not files:
        return None
    out = work / "lo-pdf"
    shutil.rmtree(out, ignore_errors=True)
    command = [soffice, f"-env:UserInstallation={(work / 'lo-profile').as_uri()}", "--headless",
               "--convert-to", "pdf", "--outdir", str(out)]
    subprocess.run([*command, str(files[0])], check=True, capture_output=True)  # creates the profile
    shutil.rmtree(out)
    start = time.perf_counter()
    subprocess.run([*command, *map(str, files)], check=True, capture_output=True)
    seconds = time.perf_counter() - start
    converted = len(list(out.glob("*.pdf")))
    if converted != len(files):
        raise SystemExit(f"LibreOffice converted {converted} of {len(files)} files")
    return seconds


def table(rows: list[Row]) -> str:
    lines = ["| measurement | median | target | note |", "|---|---|---|---|"]
    lines += [f"| {r.what} | {r.value} | {r.target} | {r.note} |" for r in rows]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", type=Path, default=Path("/tmp/govdocs-bench-build"),
                        help="folder for the synthetic repositories and outputs (kept between runs)")
    parser.add_argument("--decisions", type=int, default=1000, help="size of the build benchmarks")
    parser.add_argument("--validate-decisions", type=int, default=10000,
                        help="size of the validate benchmark")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--shard", default="1/5", help="the part of the build repository used for PDFs/s")
    parser.add_argument("--quick", action="store_true", help="100 and 1,000 decisions: a smoke run")
    args = parser.parse_args()
    if args.quick:
        args.decisions, args.validate_decisions = 100, 1000
    env = Env(args.work)
    args.work.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    large = generate(args.work / f"synthetic-{args.validate_decisions}", args.validate_decisions)
    small = generate(args.work / f"synthetic-{args.decisions}", args.decisions)
    rows = [bench_help(10), *bench_validate(env, large, args.validate_decisions, args.repeat)]
    build_rows, out = bench_build(env, small, args.decisions, args.repeat)
    rows += build_rows
    rows.append(bench_memory_large(env, large, args.validate_decisions))
    rows += bench_pdfs(env, small, out, args.shard)
    load = " / ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"govdocs build benchmarks: {os.cpu_count()} cores, load average {load} at the end "
          f"(other work shares the cores), {time.perf_counter() - started:.0f} s in all")
    print(f"command: .venv/bin/python benchmarks/bench_build.py {' '.join(sys.argv[1:])}".rstrip())
    print()
    print(table(rows))


if __name__ == "__main__":
    main()

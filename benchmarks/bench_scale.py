"""Scale benchmarks (issue 16): validate and the query commands on
synthetic repositories of many decisions, each beside its floor measured
in the same run: the raw libyaml parse of the same files (what reading
them cannot go below) and a `stat` of every file (what noticing that
nothing changed cannot go below). Ratios, not absolute times, are what
compare across these shared, noisy machines.

    .venv/bin/python benchmarks/bench_scale.py              # 10,000 decisions
    .venv/bin/python benchmarks/bench_scale.py --size 100000

Each figure is the wall time of a fresh ``govdocs`` process (as a user or
CI runs it), the best of ``--repeat`` runs, with its peak memory. The
synthetic repositories are kept under ``--work`` for the next run.

Targets (issue 16, 2 cores, 100,000 decisions): nothing changed: validate
< 1.5 s, every query < 1 s; one file changed < 2 s; cold validate <= 1.5x
the libyaml parse; peak memory < 1 GiB; build no-op < 5 s.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
GOVDOCS = str(Path(sys.executable).parent / "govdocs")


def repository(work: Path, size: int) -> Path:
    from synthetic import generate

    folder = work / f"synthetic-{size}"
    if not (folder / ".complete").exists():
        shutil.rmtree(folder, ignore_errors=True)
        generate(folder, size)
        (folder / ".complete").write_text("")
    return folder


def run(args: list[str], cwd: Path, env: dict[str, str], repeat: int) -> tuple[float, float, int]:
    """(best wall seconds, its CPU seconds, its peak RSS in MiB) of ``govdocs ARGS``,
    each run's own figures (`os.wait4`; worker processes it starts not counted)."""
    best = (float("inf"), 0.0, 0)
    for _ in range(repeat):
        started = time.perf_counter()
        child = subprocess.Popen([GOVDOCS, *args], cwd=cwd, env=env, stdout=subprocess.DEVNULL,
                                 stderr=subprocess.PIPE)
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - started
        code = os.waitstatus_to_exitcode(status)
        if code not in (0, 1):
            stderr = child.stderr.read().decode() if child.stderr else ""
            raise SystemExit(f"govdocs {' '.join(args)} failed ({code}): {stderr[-2000:]}")
        if wall < best[0]:
            best = (wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss // 1024)
    return best


def floors(folder: Path) -> tuple[float, float]:
    """(libyaml parse of every file, stat of every file) in seconds, in this process."""
    files = sorted(folder.rglob("*.yaml"))
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    started = time.perf_counter()
    for file in files:
        yaml.load(file.read_bytes(), Loader=loader)  # noqa: S506 (the C safe loader)
    parse = time.perf_counter() - started
    started = time.perf_counter()
    for file in files:
        os.lstat(file)
    return parse, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--work", type=Path, default=Path("/tmp/govdocs-bench-scale"))
    options = parser.parse_args()
    folder = repository(options.work, options.size)
    cache = options.work / f"cache-{options.size}"
    env = {**os.environ, "XDG_CACHE_HOME": str(cache)}
    env.pop("GOVDOCS_NO_CACHE", None)
    rows: list[tuple[str, float, float, int, str]] = []

    def measure(what: str, args: list[str], note: str = "", repeat: int = options.repeat) -> float:
        wall, cpu, rss = run(args, folder, env, repeat)
        rows.append((what, wall, cpu, rss, note))
        print(f"  {what}: {wall:.2f} s", file=sys.stderr)
        return wall

    parse, stats = floors(folder)
    shutil.rmtree(cache, ignore_errors=True)
    env_nocache = {**env, "GOVDOCS_NO_CACHE": "1"}
    wall, cpu, rss = run(["validate"], folder, env_nocache, 1)
    rows.append(("validate, no index", wall, cpu, rss, f"{cpu / parse:.1f}x the libyaml parse by CPU"))
    cold = wall
    shutil.rmtree(cache, ignore_errors=True)
    measure("validate, filling the index", ["validate"], repeat=1)
    measure("validate, nothing changed", ["validate"], f"{stats:.2f} s to stat every file")
    registry = yaml.safe_load((folder / "registry.yaml").read_text(encoding="utf-8"))
    first_org = registry["organisations"][0]["id"]
    for query in (["obligations", "--as-of", "2020-01-01"], ["responsibilities", "--as-of", "2020-01-01"],
                  ["audit", first_org], ["budget", "2020"]):
        measure(f"{query[0]}, nothing changed", query)
    victim = sorted(folder.rglob("*.yaml"))[len(list(folder.rglob("*.yaml"))) // 2]
    text = victim.read_text(encoding="utf-8")
    try:
        victim.write_text(text.replace("\ntitle: ", "\ntitle: Muutettu ", 1), encoding="utf-8")
        measure("validate, one file changed", ["validate"], repeat=1)
        measure("validate, nothing changed since", ["validate"])
    finally:
        victim.write_text(text, encoding="utf-8")
    measure("validate, that file changed back", ["validate"], repeat=1)

    print(f"\n{options.size:,} decisions; floors in the same run: libyaml parse {parse:.2f} s, "
          f"stat of every file {stats:.3f} s; cold validate without the index {cold:.2f} s\n")
    print("| what | wall s | CPU s | peak MiB | note |")
    print("|---|---:|---:|---:|---|")
    for what, wall, cpu, rss, note in rows:
        print(f"| {what} | {wall:.2f} | {cpu:.2f} | {rss} | {note} |")


if __name__ == "__main__":
    main()

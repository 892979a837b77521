"""The public site of a synthetic repository (issue 15): how long `govdocs
site` takes cold, with nothing changed and after one decision changed, how
big the site and its search index are, and Pagefind's own time over the
same pages (its binary indexing the built HTML), in one run.

    .venv/bin/python benchmarks/bench_site.py              # 10,000 decisions
    .venv/bin/python benchmarks/bench_site.py --quick      # 1,000

Built with --no-documents: the public PDFs of 10,000 decisions would
measure WeasyPrint (benchmarks/bench_render.py), not the site. Targets: a
no-op rebuild writes nothing; Pagefind's time is the reference for the
index; the bytes a browser downloads for one query are measured by the
browser test (tests/test_site_browser.py), not here.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

ROOT = Path(__file__).resolve().parents[1]
GOVDOCS = str(Path(sys.executable).with_name("govdocs"))


def repository(work: Path, size: int) -> Path:
    from synthetic import generate

    folder = work / f"synthetic-{size}"
    if not (folder / ".complete").exists():
        shutil.rmtree(folder, ignore_errors=True)
        generate(folder, size)
        (folder / ".complete").write_text("")
    return folder


def timed(args: list[str], env: dict[str, str]) -> tuple[float, float, str]:
    """(wall seconds, CPU seconds of the child and its workers, its last output line)."""
    import tempfile

    with tempfile.TemporaryFile() as errors:
        started = time.perf_counter()
        child = subprocess.Popen(args, env=env, stdout=subprocess.PIPE, stderr=errors)
        assert child.stdout is not None
        out = child.stdout.read()
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - started
        if os.waitstatus_to_exitcode(status) != 0:
            errors.seek(0)
            raise SystemExit(f"{' '.join(args)} failed: {errors.read().decode()[-2000:]}")
    lines = [line for line in out.decode().splitlines() if line.strip()]
    return wall, usage.ru_utime + usage.ru_stime, lines[-1] if lines else ""


def written(summary: str) -> int:
    found = re.search(r"(\d+) written", summary)
    return int(found.group(1)) if found else -1


def size_of(folder: Path, under: str = "") -> tuple[int, int]:
    files = [p for p in (folder / under).rglob("*") if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--decisions", type=int, default=10_000)
    parser.add_argument("--quick", action="store_true", help="1,000 decisions")
    parser.add_argument("--work", type=Path, default=Path("/tmp/govdocs-bench-site"))
    options = parser.parse_args()
    size = 1_000 if options.quick else options.decisions
    options.work.mkdir(parents=True, exist_ok=True)
    records = repository(options.work, size)
    out, cache = options.work / f"site-{size}", options.work / f"cache-{size}"
    shutil.rmtree(out, ignore_errors=True)
    shutil.rmtree(cache, ignore_errors=True)
    env = {**os.environ, "XDG_CACHE_HOME": str(cache)}
    site = [GOVDOCS, "site", "-C", str(records), "--out", str(out), "--no-documents", "--as-of", "2026-01-01"]

    rows = []
    wall, cpu, line = timed(site, env)
    rows.append(("site, cold (empty cache and folder)", wall, cpu, written(line)))
    wall, cpu, line = timed(site, env)
    rows.append(("site, nothing changed", wall, cpu, written(line)))
    noop_written = written(line)
    victim = sorted((records / "decisions").rglob("*.yaml"))[-1]
    text = victim.read_text(encoding="utf-8")
    try:
        victim.write_text(text.replace("\ntitle: ", "\ntitle: Muutettu ", 1), encoding="utf-8")
        wall, cpu, line = timed(site, env)
        rows.append(("site, one decision changed", wall, cpu, written(line)))
    finally:
        victim.write_text(text, encoding="utf-8")
    wall, cpu, line = timed(site, env)
    rows.append(("site, changed back", wall, cpu, written(line)))

    files, total = size_of(out)
    index_files, index_bytes = size_of(out, "pagefind")
    pages = sum(1 for _ in out.rglob("*.html"))

    # Pagefind's own indexing of the same pages: its binary over a copy of the built HTML
    theirs = options.work / f"pagefind-{size}"
    shutil.rmtree(theirs, ignore_errors=True)
    skip = shutil.ignore_patterns("pagefind", "site-manifest.json", ".govdocs.lock")
    shutil.copytree(out, theirs, ignore=skip)
    wall_pf, cpu_pf, _ = timed([sys.executable, "-m", "pagefind", "--site", str(theirs)], env)
    pf_files, pf_bytes = size_of(theirs, "pagefind")

    print(f"\n{size:,} synthetic decisions, {pages:,} HTML pages, {files:,} files, {total / 2**20:.1f} MiB "
          f"(search index {index_files:,} files, {index_bytes / 2**20:.1f} MiB)\n")
    print("| what | wall s | CPU s | files written |")
    print("|---|---:|---:|---:|")
    for what, wall, cpu, count in rows:
        print(f"| {what} | {wall:.2f} | {cpu:.2f} | {count:,} |")
    print(f"| Pagefind's own binary over the same pages (`python -m pagefind --site`) | {wall_pf:.2f} "
          f"| {cpu_pf:.2f} | {pf_files:,} (index {pf_bytes / 2**20:.1f} MiB) |")
    verdict = "met" if noop_written == 0 else "MISSED"
    print(f"\nno-op rebuild writes nothing: {verdict} ({noop_written} written)")
    cold = rows[0][1]
    print(f"cold site build / Pagefind alone: {cold / wall_pf:.1f}x by wall "
          "(ours renders every page and adds Voikko's terms; Pagefind only indexes them)")


if __name__ == "__main__":
    main()

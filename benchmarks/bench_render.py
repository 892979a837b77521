"""Rendering speed on this machine.

Prints, for the bundled decisions:

1. milliseconds per decision for each format in a warm process (record →
   document tree → soft hyphenation → writer, no file I/O), with each PDF's
   page count;
2. PDFs per second: govdocs rendering 50 decisions to PDF files, against
   LibreOffice headless converting the same decisions' DOCX files to PDF in
   one batch of 50, measured in the same run.

Targets (issue 16), printed beside the figures at the end: the seed
decision's PDF in at most 100 ms warm, and the batch at least 2x
LibreOffice by CPU time (the wall-clock ratio beside it).

    .venv/bin/python benchmarks/bench_render.py [--rounds 10] [--batch 50] [--decisions kj-2016-59]
        [--stock-line-breaker]
"""

from __future__ import annotations

import argparse
import io
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SEED = "kj-2016-59"
SEED_TARGET_MS = 100.0
LIBREOFFICE_TARGET = 2.0

import govdocs  # noqa: E402
from govdocs.render import FORMATS, build, document_bytes, render  # noqa: E402


def pages(pdf: bytes) -> int:
    import pikepdf

    with pikepdf.open(io.BytesIO(pdf)) as document:
        return len(document.pages)


def _timed(repo: govdocs.Repository, decision_id: str, fmt: str, rounds: int) -> tuple[float, float]:
    """Median wall and CPU milliseconds of one format of one decision."""
    walls, cpus = [], []
    for _ in range(rounds):
        wall, cpu = time.perf_counter(), time.process_time()
        document_bytes(build(repo, decision_id), fmt)
        walls.append((time.perf_counter() - wall) * 1000)
        cpus.append((time.process_time() - cpu) * 1000)
    return statistics.median(walls), statistics.median(cpus)


def per_format(repo: govdocs.Repository, ids: list[str], rounds: int) -> None:
    print(f"Warm, ms per decision, wall / CPU (median of {rounds}; build + hyphenate + write, in memory):")
    print(f"  {'decision':<14}{'pages':>6}" + "".join(f"{fmt:>16}" for fmt in FORMATS))
    for decision_id in ids:
        for fmt in FORMATS:  # warm-up: imports, fonts, caches
            document_bytes(build(repo, decision_id), fmt)
        cells = [_timed(repo, decision_id, fmt, rounds) for fmt in FORMATS]
        count = pages(document_bytes(build(repo, decision_id), "pdf"))
        row = "".join(f"{f'{wall:.1f} / {cpu:.1f}':>16}" for wall, cpu in cells)
        print(f"  {decision_id:<14}{count:>6}{row}")


def govdocs_batch(repo: govdocs.Repository, ids: list[str], batch: int, out: Path) -> tuple[float, float]:
    """Wall and CPU seconds to render ``batch`` PDFs to files in this process."""
    wall, cpu = time.perf_counter(), time.process_time()
    for index in range(batch):
        decision_id = ids[index % len(ids)]
        render(repo, decision_id, ["pdf"], out / f"{index:02d}")
    return time.perf_counter() - wall, time.process_time() - cpu


_REPO: govdocs.Repository | None = None


def _worker_init() -> None:
    global _REPO
    _REPO = govdocs.load(ROOT)
    for decision_id in sorted(_REPO.decisions):  # warm, like the single-process run
        document_bytes(build(_REPO, decision_id), "pdf")


def _worker_render(job: tuple[str, str]) -> None:
    assert _REPO is not None
    decision_id, out = job
    render(_REPO, decision_id, ["pdf"], Path(out))


def parallel_batch(ids: list[str], batch: int, out: Path, jobs: int) -> float:
    """Wall seconds for ``jobs`` warm worker processes to render ``batch`` PDFs."""
    import multiprocessing

    work = [(ids[i % len(ids)], str(out / f"{i:02d}")) for i in range(batch)]
    with multiprocessing.get_context("fork").Pool(jobs, initializer=_worker_init) as pool:
        pool.map(_worker_render, work[:jobs])  # wait until every worker is warm
        wall = time.perf_counter()
        pool.map(_worker_render, work, chunksize=1)
        return time.perf_counter() - wall


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def libreoffice_batch(
    repo: govdocs.Repository, ids: list[str], batch: int, work: Path
) -> tuple[float, float] | None:
    """Wall and CPU seconds for LibreOffice to convert ``batch`` DOCX files in one call."""
    soffice = shutil.which("soffice")
    if soffice is None:
        print("  LibreOffice (soffice) not installed: apt-get install libreoffice-writer-nogui")
        return None
    source, out = work / "docx", work / "lo-pdf"
    source.mkdir()
    for decision_id in ids:
        render(repo, decision_id, ["docx"], source / "one")
    files = []
    for index in range(batch):
        decision_id = ids[index % len(ids)]
        target = source / f"{index:02d}-{decision_id}.docx"
        shutil.copy(source / "one" / f"{decision_id}.docx", target)
        files.append(str(target))
    profile = (work / "profile").as_uri()
    command = [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
               "--outdir", str(out)]
    subprocess.run([*command, files[0]], check=True, capture_output=True)  # creates the profile
    wall, cpu = time.perf_counter(), _children_cpu()
    subprocess.run([*command, *files], check=True, capture_output=True)
    elapsed = time.perf_counter() - wall, _children_cpu() - cpu
    converted = len(list(out.glob("*.pdf")))
    if converted < batch:
        raise SystemExit(f"LibreOffice converted only {converted} of {batch} files")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--batch", type=int, default=50)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                        help="worker processes for the extra parallel figure (1: skip it)")
    parser.add_argument("--decisions", nargs="*", default=None,
                        help="decisions in the per-format table (default: all; the batch uses all)")
    parser.add_argument("--stock-line-breaker", action="store_true",
                        help="WeasyPrint's own soft-hyphen tries, for the 'before' figure")
    args = parser.parse_args()
    if args.stock_line_breaker:
        from govdocs.typeset import soft_hyphens

        soft_hyphens.install = lambda: False  # type: ignore[assignment]  # WeasyPrint left as it is
    repo = govdocs.load(ROOT)
    ids = sorted(repo.decisions)
    per_format(repo, args.decisions if args.decisions is not None else ids, args.rounds)
    seed = _timed(repo, SEED, "pdf", args.rounds)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        ours = govdocs_batch(repo, ids, args.batch, work / "govdocs")
        theirs = libreoffice_batch(repo, ids, args.batch, work)
        parallel = parallel_batch(ids, args.batch, work / "parallel", args.jobs) if args.jobs > 1 else None
    print(f"\nBatch of {args.batch} PDFs (decisions {', '.join(ids)} in turn), wall / CPU:")
    _line("govdocs (warm process, files written)", ours, args.batch)
    if theirs is not None:
        _line("LibreOffice headless, DOCX -> PDF", theirs, args.batch)
        print(f"  govdocs is {theirs[0] / ours[0]:.1f}x LibreOffice's speed by wall clock, "
              f"{theirs[1] / ours[1]:.1f}x by CPU time (target: at least 2x)")
    if parallel is not None:
        print(f"  extra: govdocs with {args.jobs} warm worker processes: {parallel:6.2f} s wall, "
              f"{args.batch / parallel:5.1f} PDFs/s (LibreOffice's batch converter uses one)")
    print(f"  load average during the run: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    _targets(seed, ours, theirs)


def _targets(
    seed: tuple[float, float], ours: tuple[float, float], theirs: tuple[float, float] | None
) -> None:
    print("\nTargets (issue 16):")
    print(f"  seed {SEED} PDF, warm: {seed[0]:.1f} ms wall / {seed[1]:.1f} ms CPU "
          f"(target: at most {SEED_TARGET_MS:.0f} ms) {_verdict(seed[0] <= SEED_TARGET_MS)}")
    if theirs is None:
        print("  LibreOffice ratio: not measured (LibreOffice missing)")
        return
    cpu, wall = theirs[1] / ours[1], theirs[0] / ours[0]
    print(f"  batch vs LibreOffice: {cpu:.2f}x by CPU time (target: at least {LIBREOFFICE_TARGET:.0f}x) "
          f"{_verdict(cpu >= LIBREOFFICE_TARGET)}; {wall:.2f}x by wall clock")


def _verdict(met: bool) -> str:
    return "met" if met else "MISSED"


def _line(name: str, seconds: tuple[float, float], batch: int) -> None:
    wall, cpu = seconds
    print(f"  {name:<38} {wall:6.2f} s / {cpu:6.2f} s   {batch / wall:5.1f} PDFs/s wall, "
          f"{batch / cpu:5.1f} PDFs/s CPU")


if __name__ == "__main__":
    main()

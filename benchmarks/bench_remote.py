"""Remote build cache: a cold build of the bundled records against a build
on a fresh machine (empty local cache, empty output folder) from a remote
cache that another runner filled, measured in one run.

Every figure is the wall time of a fresh ``govdocs build`` process (every
format, the reports, ``-j`` one per core), median of ``--repeat`` runs; the
remote cache is the Bazel-protocol HTTP server of ``tests/remote_servers.py``
on 127.0.0.1 (``--backend s3``: moto's S3 server).

    .venv/bin/python benchmarks/bench_remote.py
    .venv/bin/python benchmarks/bench_remote.py --backend s3 --repeat 3
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
GOVDOCS = str(Path(sys.executable).parent / "govdocs")

from tests.remote_servers import S3_ENV, bazel_cache, s3_client, s3_server  # noqa: E402


@contextlib.contextmanager
def remote(backend: str, folder: Path) -> Iterator[list[str]]:
    """The --cache-url options of a fresh, empty remote cache."""
    if backend == "http":
        with bazel_cache(folder) as server:
            yield ["--cache-url", f"{server.url}/govdocs"]
        return
    os.environ.update(S3_ENV)
    with s3_server() as endpoint:
        s3_client(endpoint).create_bucket(Bucket="bench")
        yield ["--cache-url", "s3://bench/govdocs", "--cache-endpoint", endpoint]


def build(work: Path, name: str, *options: str) -> tuple[float, str]:
    """Seconds and summary line of one build on a fresh 'machine'."""
    env = {**os.environ, "XDG_CACHE_HOME": str(work / f"xdg-{name}")}
    args = [GOVDOCS, "build", "-C", str(ROOT), "--out", str(work / f"out-{name}"), "--as-of", "2024-01-01"]
    started = time.perf_counter()
    done = subprocess.run([*args, *options], env=env, capture_output=True, text=True, check=True)
    seconds = time.perf_counter() - started
    return seconds, done.stdout.strip().splitlines()[-1]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--backend", choices=("http", "s3"), default="http")
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="govdocs-bench-remote-") as tmp:
        work = Path(tmp)
        with remote(args.backend, work / "server") as options:
            cold = [build(work, f"cold-{i}") for i in range(args.repeat)]
            fill = build(work, "fill", *options, "--cache-write")
            hits = [build(work, f"hit-{i}", *options) for i in range(args.repeat)]
    cold_s = statistics.median(s for s, _ in cold)
    hit_s = statistics.median(s for s, _ in hits)
    built = re.match(r"built (\d+)", hits[0][1])
    assert built and built[1] == "0", f"the build from the remote cache rendered something: {hits[0][1]}"
    print(f"| bundled records, every format and the reports, {args.backend} remote cache | wall |")
    print("|---|---|")
    print(f"| cold build, empty caches | {cold_s:.2f} s |")
    print(f"| cold build filling the remote cache (`--cache-write`) | {fill[0]:.2f} s |")
    print(f"| fresh machine, from the filled remote cache | {hit_s:.2f} s |")
    print(f"| ratio cold / from remote | {cold_s / hit_s:.1f}× |")
    print()
    print(f"cold:        {cold[0][1]}")
    print(f"fill:        {fill[1]}")
    print(f"from remote: {hits[0][1]}")


if __name__ == "__main__":
    main()

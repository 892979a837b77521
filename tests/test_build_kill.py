"""A build killed with SIGKILL mid-way leaves the previous outputs and
manifest intact and no partial file; the next build completes."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from govdocs.build import build
from tests.test_build import synthetic, tree


def start_build(records: Path, out: Path) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-c", "from govdocs.cli import main; main()",
               "build", str(records), "--out", str(out), "--formats", "pdf,txt", "-j", "2"]
    # its own session, so the test can clean up the whole group afterwards
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)


def wait_for_pdfs(out: Path, count: int, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 120
    while len(list(out.glob("*.pdf"))) < count:
        assert process.poll() is None, "the build ended before it could be killed"
        assert time.monotonic() < deadline, "no PDFs appeared"
        time.sleep(0.02)


@pytest.mark.slow
def test_a_killed_build_leaves_no_partial_file_and_the_next_completes(tmp_path: Path) -> None:
    records = synthetic(tmp_path / "records", 40)
    out = tmp_path / "out"
    build(records, out, formats=("txt",), jobs=1)
    previous = tree(out)
    # a new record file's bytes change every key: the next build renders everything
    (records / "registry.yaml").write_text((records / "registry.yaml").read_text() + "# muutos\n")
    process = start_build(records, out)
    try:
        wait_for_pdfs(out, 3, process)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
    finally:
        try:
            os.killpg(process.pid, signal.SIGKILL)  # the orphaned workers, if they still live
        except ProcessLookupError:
            pass
    killed = tree(out)
    assert process.returncode == -signal.SIGKILL
    assert killed["manifest.json"] == previous["manifest.json"]  # the old manifest, whole
    assert not [name for name in killed if name.endswith(".tmp")]
    finished = build(records, out, formats=("pdf", "txt"), jobs=2)
    final = tree(out)
    manifest = json.loads(final["manifest.json"])
    assert sorted(manifest["outputs"]) == sorted(name for name in final if name not in ("manifest.json", ".govdocs.lock"))
    # every file the killed build left is complete: byte for byte what the full build made
    for name, data in killed.items():
        if name != "manifest.json":
            assert data == final[name], f"{name} was left partial"
    assert len(finished.built) + len(finished.restored) + len(finished.reused) == len(manifest["outputs"])
    # decisions, follow-up report, audits in two formats, and each report's timeline picture
    assert len(manifest["outputs"]) == 2 * (40 + 1 + 20) + (1 + 20)

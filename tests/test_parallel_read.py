"""Reading with worker processes gives the same repository as reading in
one process: the same records in the same order, the same problems."""

from __future__ import annotations

from pathlib import Path

from govdocs.checks import run_rules
from govdocs.read.loader import read_repository


def test_parallel_and_serial_reading_agree(tmp_path: Path) -> None:
    from benchmarks.synthetic import generate

    generate(tmp_path, 60, organisations=20)
    broken = sorted((tmp_path / "decisions").rglob("*.yaml"))[7]
    broken.write_text(broken.read_text(encoding="utf-8").replace("title:", "titel:", 1), encoding="utf-8")
    serial, parallel = read_repository(tmp_path, jobs=1), read_repository(tmp_path, jobs=2)
    assert list(parallel.records) == list(serial.records)
    assert all(parallel.records[rid] == serial.records[rid] for rid in serial.records)
    assert [p.format() for p in parallel.problems] == [p.format() for p in serial.problems]
    assert any("unknown key 'titel'" in p.message for p in parallel.problems)
    # positions of workers' records are read again when a message needs them
    rid = next(iter(parallel.decisions))
    assert parallel.where(rid, "title") == serial.where(rid, "title")
    assert [p.format() for p in run_rules(parallel)] == [p.format() for p in run_rules(serial)]

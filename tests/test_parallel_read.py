"""Reading with worker processes gives the same repository as reading in
one process: the same records in the same order, the same problems."""

from __future__ import annotations

from pathlib import Path

import pytest

from govdocs.checks import run_rules
from govdocs.read.cache import LazySourceDoc
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


def test_an_index_filled_by_workers_gives_what_one_process_reads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The workers' pickles are what the index stores: read back, they are
    the records and problems one process makes."""
    from benchmarks.synthetic import generate

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("GOVDOCS_NO_CACHE", raising=False)
    generate(tmp_path / "records", 30, organisations=20)
    broken = sorted((tmp_path / "records" / "decisions").rglob("*.yaml"))[3]
    broken.write_text(broken.read_text(encoding="utf-8").replace("title:", "titel:", 1), encoding="utf-8")
    filled = read_repository(tmp_path / "records", jobs=2)
    indexed = read_repository(tmp_path / "records", jobs=1)
    monkeypatch.setenv("GOVDOCS_NO_CACHE", "1")
    fresh = read_repository(tmp_path / "records", jobs=1)
    assert indexed.files_read == fresh.files_read == 30
    assert all(isinstance(o.doc, LazySourceDoc) for o in indexed.origins.values())  # none was read again
    for repo in (filled, indexed):
        assert list(repo.records) == list(fresh.records)
        assert all(repo.records[rid] == fresh.records[rid] for rid in fresh.records)
        assert [p.format() for p in repo.problems] == [p.format() for p in fresh.problems]
    assert any("unknown key 'titel'" in p.message for p in indexed.problems)

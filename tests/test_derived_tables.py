"""Derived tables (`govdocs.derive.store`): a query over records that have
not changed answers from the tables kept in the index without reading one
record, and every answer is the answer without any index, byte for byte:
on the bundled records (three municipalities, mandates, delegations,
resolutions, initiatives) and on a synthetic repository; after a change the
tables are those of the new state; tampered or stale tables are never used."""

from __future__ import annotations

import sqlite3
import sys
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from govdocs.api import indexed
from govdocs.cli import cli
from govdocs.read import index
from govdocs.repository import Repository
from tests.bundled import ROOT

QUERIES = [
    ["obligations", "--as-of", "2018-01-01"],
    ["obligations", "--as-of", "2026-06-01", "--format", "json"],
    ["obligations", "--as-of", "2022-03-01", "--status", "open", "--format", "csv"],
    ["budget", "2017", "--as-of", "2016-12-31"],
    ["budget", "2026", "--as-of", "2025-12-31", "--format", "json"],
    ["responsibilities", "--as-of", "2017-06-01"],
    ["responsibilities", "--as-of", "2022-06-01", "--format", "json"],
    ["responsibilities", "--as-of", "2016-01-01", "--org", "kaupunginkanslia", "--format", "csv"],
    ["audit", "kaupunginkanslia"],
    ["audit", "tilaomaisuusyksikko", "--format", "json"],
    ["audit", "hankinnat", "--from", "2022-01-01", "--to", "2022-12-31"],
    ["authority", "--as-of", "2022-06-01"],
    ["authority", "--as-of", "2023-06-01", "--format", "json"],
    ["mandates", "--as-of", "2022-01-01"],
    ["mandates", "--as-of", "2024-06-01", "--format", "json"],
    ["obligations", "--as-of", "2026-06-01", "--municipality", "espoo"],
    ["diff", "2016-01-01", "2017-12-31"],
    ["diff", "2016-12-31", "2022-06-01", "--format", "json"],
]


pytestmark = pytest.mark.usefixtures("own_cache")


def answer(args: list[str], where: Path) -> tuple[int, str]:
    result = CliRunner().invoke(cli, [*args, "--repo", str(where)])
    return result.exit_code, result.output


def without_index(args: list[str], where: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[int, str]:
    with monkeypatch.context() as patched:
        patched.setenv("GOVDOCS_NO_CACHE", "1")
        return answer(args, where)


def tables(where: Path) -> int:
    with sqlite3.connect(index.index_path(where)) as db:
        return int(db.execute("SELECT count(*) FROM derived").fetchone()[0])


def test_every_query_answers_alike_with_and_without_its_tables(monkeypatch: pytest.MonkeyPatch) -> None:
    expected = {tuple(q): without_index(q, ROOT, monkeypatch) for q in QUERIES}
    assert all(code == 0 and out for code, out in expected.values()), expected
    assert len({out for _, out in expected.values()}) == len(QUERIES)  # the queries ask different things
    filling = {tuple(q): answer(q, ROOT) for q in QUERIES}  # reads the records, keeps the tables
    kept = tables(ROOT)
    assert kept >= 6
    from_tables = {tuple(q): answer(q, ROOT) for q in QUERIES}
    assert filling == expected
    assert from_tables == expected
    assert tables(ROOT) == kept  # nothing more to keep


def _deferred(repo: object) -> bool:
    return "decisions" not in repo.__dict__


def test_a_query_over_unchanged_records_reads_no_record() -> None:
    from govdocs.derive.authority import in_force
    from govdocs.derive.budget import budget_checklist
    from govdocs.derive.mandates import mandate_status
    from govdocs.derive.obligations import obligation_status
    from govdocs.derive.responsibilities import holders_at
    from govdocs.export.responsibility_tables import HOLDING_FORMATS

    def ask(repo: Repository) -> list[object]:
        day = date(2022, 6, 1)
        holdings = holders_at(repo, day)
        return [[i.as_dict() for i in obligation_status(repo, day)], budget_checklist(repo, 2022, day).as_dict(),
                [m.as_dict() for m in mandate_status(repo, day)],
                [(d.decision, d.right, d.start, d.end) for d in in_force(repo, day)],
                HOLDING_FORMATS["json"](repo, day, holdings, [])]

    first = indexed(ROOT)  # nothing indexed: this is validate, which reads everything
    assert not _deferred(first) and first.state
    made = ask(first)
    again = indexed(ROOT)
    assert _deferred(again), "nothing changed: the records are not read"
    assert again.state == first.state and again.problems == first.problems
    assert ask(again) == made
    assert _deferred(again), "the answers came from the derived tables alone"
    assert len(again.decisions) == len(first.decisions)  # touched: read now, the same records
    assert not _deferred(again)


def test_after_a_change_the_tables_are_the_new_states(records: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    query = ["obligations", "--as-of", "2026-06-01", "--format", "json"]
    before = answer(query, records)
    assert before == without_index(query, records, monkeypatch)
    seed = records / "decisions/2016/kj-2016-59.yaml"
    text = seed.read_text(encoding="utf-8")
    assert "owner: " in text
    # the seed's obligation moves to another organisation: a new state
    changed = text.replace("owner: kaupunginkanslia", "owner: kaupunginkanslia-elinkeino-osasto", 1)
    assert changed != text
    seed.write_text(changed, encoding="utf-8")
    after = answer(query, records)
    assert after == without_index(query, records, monkeypatch)
    assert after != before
    seed.write_text(text, encoding="utf-8")
    assert answer(query, records) == before


def test_a_tampered_table_is_never_unpickled(records: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    query = ["responsibilities", "--as-of", "2017-06-01"]
    expected = without_index(query, records, monkeypatch)
    answer(query, records)
    answer(query, records)
    planted = records / "planted"
    payload = b"cos\nsystem\n(S'touch " + str(planted).encode() + b"'\ntR."
    with sqlite3.connect(index.index_path(records)) as db:
        db.execute("UPDATE derived SET payload = ?", (payload,))
    assert answer(query, records) == expected
    assert not planted.exists()


def test_a_stored_table_holds_no_file_text(records: Path) -> None:
    """Places in a table are kept by file name and read back lazily: a
    table is facts, not a copy of the records."""
    answer(["audit", "kaupunginkanslia"], records)
    with sqlite3.connect(index.index_path(records)) as db:
        stored = dict(db.execute("SELECT name, payload FROM derived").fetchall())
    assert "responsibility-timeline" in stored
    seed_text = (records / "decisions/2016/kj-2016-59.yaml").read_text(encoding="utf-8")
    first_line = seed_text.splitlines()[0].encode()
    assert all(first_line not in payload for payload in stored.values())
    assert sys.getsizeof(stored["responsibility-timeline"]) < 2_000_000


def test_a_synthetic_repository_answers_alike(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Many transfers over many organisations, recurring duties, fulfilments."""
    import yaml

    from benchmarks.synthetic import generate

    where = generate(tmp_path / "synthetic", 300, organisations=40, seed=11)
    org = yaml.safe_load((where / "registry.yaml").read_text(encoding="utf-8"))["organisations"][3]["id"]
    queries = [["obligations", "--as-of", "2020-06-01", "--format", "json"], ["budget", "2020"],
               ["responsibilities", "--as-of", "2019-06-01", "--format", "csv"], ["audit", org],
               ["mandates", "--as-of", "2020-06-01"], ["authority", "--as-of", "2020-06-01"],
               ["diff", "2016-06-01", "2019-06-01"]]
    for query in queries:
        expected = without_index(query, where, monkeypatch)
        assert expected[0] == 0
        assert answer(query, where) == expected  # filling
        assert answer(query, where) == expected  # from the tables
    assert tables(where) >= 6

"""The persistent index (`govdocs.read.index`): an indexed read gives the
same records and problems as a fresh one, positions still work, unchanged
files are not read again, a changed one is, tampered entries are never
unpickled, the rules' problems are reused only while nothing changed, and
the index survives the faults thrown at it (a killed writer, a truncated
or foreign file in its place, two commands at once, a moved tree). Also
`govdocs cache` and the JUnit report of validation problems."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from govdocs.api import known_problems, validate
from govdocs.cli import cli
from govdocs.read import cache, index
from govdocs.read.loader import read_repository
from tests.bundled import RECORD_FILES, ROOT

SEED = "decisions/2016/kj-2016-59.yaml"


pytestmark = pytest.mark.usefixtures("own_cache")


def formatted(problems: list) -> list[str]:  # type: ignore[type-arg]
    return [p.format() for p in problems]


def rows(records: Path, table: str = "files") -> int:
    with sqlite3.connect(index.index_path(records)) as db:
        return int(db.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


def broken_seed(edit: Callable[..., Path]) -> Path:
    return edit("decisions/2021/kp-2021-5.yaml", "\nmaker: kansliapaallikko\n", "\nmaker: kanslia\n")


def test_an_indexed_read_equals_a_fresh_one_and_lives_in_the_user_cache(records: Path, own_cache: Path) -> None:
    before = sorted(p.relative_to(records) for p in records.rglob("*"))
    fresh = read_repository(records)
    indexed = read_repository(records)
    registries = 1 + len(list((records / "registries").glob("*.yaml")))
    assert rows(records) == len(RECORD_FILES) + registries
    assert index.index_path(records).parent == own_cache / "index"
    assert sorted(p.relative_to(records) for p in records.rglob("*")) == before  # nothing in the records
    assert indexed.decisions == fresh.decisions
    assert formatted(indexed.problems) == formatted(fresh.problems)
    assert indexed.digests == fresh.digests
    assert isinstance(indexed.origins["kj-2016-59"].doc, cache.LazySourceDoc)


def test_problems_of_indexed_records_keep_their_positions(
    records: Path, edit: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    broken_seed(edit)
    monkeypatch.chdir(records)
    first = formatted(validate(".").problems)
    second = formatted(validate(".").problems)
    assert second == first
    assert any(line.startswith("decisions/2021/kp-2021-5.yaml:5:8: error: unknown decision maker") for line in second)


def test_nothing_changed_is_answered_from_the_index_alone(records: Path, edit: Callable[..., Path]) -> None:
    assert known_problems(records) is None  # nothing indexed yet
    first = validate(records)
    known = known_problems(records)
    assert known is not None and formatted(known.problems) == formatted(first.problems)
    assert known.files_read == first.files_read == len(RECORD_FILES)
    broken_seed(edit)
    assert known_problems(records) is None  # one file changed: read (that file) and check again
    again = validate(records)
    assert any("unknown decision maker 'kanslia'" in line for line in formatted(again.problems))
    known = known_problems(records)
    assert known is not None and formatted(known.problems) == formatted(again.problems)


def test_a_snapshot_answers_without_a_row_and_any_change_of_a_file_misses_it(
    records: Path, edit: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """One look at every file's status (its fingerprint) answers an
    unchanged repository without fetching a file's row; a file rewritten,
    even to the same size and with its old time put back, changes its
    inode time and so the fingerprint; a file changed too recently to
    tell by its times is looked at row by row."""
    import time

    monkeypatch.setattr(index, "RACY_NANOSECONDS", 300_000_000)  # the racy window, shortened
    time.sleep(0.4)  # the copy is older than the window now
    first = formatted(validate(records).problems)
    assert formatted(known_problems(records).problems) == first  # row by row; the snapshot is kept
    assert rows(records, "snapshots") == 1

    def no_rows(*_: object) -> None:
        raise AssertionError("a row was fetched")

    with monkeypatch.context() as patched:
        patched.setattr(index.Index, "problems", no_rows)
        known = known_problems(records)
        assert known is not None and formatted(known.problems) == first
        assert known.files_read == len(RECORD_FILES)
    seed = records / "decisions/2021/kp-2021-5.yaml"
    before = seed.stat()
    text = seed.read_text(encoding="utf-8")
    changed = text.replace("\nmaker: kansliapaallikko\n", "\nmaker: kansliapaallikkx\n")
    assert len(changed) == len(text) and changed != text
    seed.write_text(changed, encoding="utf-8")
    os.utime(seed, ns=(before.st_atime_ns, before.st_mtime_ns))  # the old time put back
    assert known_problems(records) is None, "racily clean: checked by its content, which changed"
    time.sleep(0.4)
    assert known_problems(records) is None  # its content changed: read again
    again = formatted(validate(records).problems)
    assert any("unknown decision maker 'kansliapaallikkx'" in line for line in again)
    assert formatted(known_problems(records).problems) == again
    (records / "decisions/2021/extra.yml").write_text("id: x\n", encoding="utf-8")
    assert known_problems(records) is None  # a new file is no snapshot's


def test_a_layout_profiles_problem_is_in_the_indexed_answer_too(records: Path, edit: Callable[..., Path]) -> None:
    edit("registry.yaml", "  id: helsinki\n", "  id: helsinki\n  layout: helsinkki\n")
    first = formatted(validate(records).problems)
    assert any("no layout profile 'helsinkki'" in line for line in first)
    known = known_problems(records)
    assert known is not None and formatted(known.problems) == first


def test_a_change_that_keeps_size_and_time_is_still_seen(records: Path) -> None:
    validate(records)
    seed = records / SEED
    text = seed.read_text(encoding="utf-8")
    info = seed.stat()
    seed.write_text(text.replace("maker: kaupunginjohtaja", "maker: kaupunginjohtajx", 1), encoding="utf-8")
    os.utime(seed, ns=(info.st_atime_ns, info.st_mtime_ns))  # same size, same time: only ctime differs
    assert seed.stat().st_size == info.st_size
    assert any("unknown decision maker 'kaupunginjohtajx'" in p.message for p in validate(records).errors)


def test_a_tampered_entry_is_ignored_not_unpickled(records: Path) -> None:
    fresh = read_repository(records)
    with sqlite3.connect(index.index_path(records)) as db:
        db.execute("UPDATE files SET mac = zeroblob(32), pmac = zeroblob(32)")  # payload intact, signature wrong
    again = read_repository(records)
    assert again.decisions == fresh.decisions
    assert not isinstance(again.origins["kj-2016-59"].doc, cache.LazySourceDoc)


def test_cached_rules_follow_the_records(records: Path, edit: Callable[..., Path]) -> None:
    assert formatted(validate(records).problems) == formatted(_uncached(records))
    broken_seed(edit)
    changed = formatted(validate(records).problems)
    assert changed == formatted(_uncached(records))
    assert any("unknown decision maker 'kanslia'" in line for line in changed)
    assert rows(records, "rules") == 2  # one result per state of the records


def _uncached(records: Path) -> list:  # type: ignore[type-arg]
    os.environ["GOVDOCS_NO_CACHE"] = "1"
    try:
        return validate(records).problems
    finally:
        del os.environ["GOVDOCS_NO_CACHE"]


@pytest.mark.parametrize("damage", ["truncated", "foreign-bytes", "foreign-database", "older-version", "folder"])
def test_a_broken_or_foreign_index_is_rebuilt_never_trusted(records: Path, damage: str) -> None:
    expected = formatted(validate(records).problems)
    path = index.index_path(records)
    index.remove_index(path)
    if damage == "folder":
        path.mkdir()
    elif damage == "truncated":
        validate(records)
        path.write_bytes(path.read_bytes()[:3000])
    elif damage == "foreign-bytes":
        path.write_bytes(b"not a database at all " * 500)
    else:
        with sqlite3.connect(path) as db:
            db.execute("CREATE TABLE files (path TEXT, payload BLOB)")
            db.execute("INSERT INTO files VALUES ('decisions/2016/kj-2016-59.yaml', x'00')")
            if damage == "older-version":
                db.execute(f"PRAGMA application_id = {index._APPLICATION_ID}")
                db.execute("PRAGMA user_version = 0")
    assert formatted(validate(records).problems) == expected
    if damage == "folder":
        assert path.is_dir()  # not ours to delete: read without the index
    else:
        assert rows(records) > 0 and formatted(validate(records).problems) == expected


def test_a_killed_writer_leaves_the_index_as_it_was(records: Path) -> None:
    expected = formatted(validate(records).problems)
    script = (
        "import os, sys; from pathlib import Path; from govdocs.read.index import open_index\n"
        "i = open_index(Path(sys.argv[1]))\n"
        "i.db.execute('BEGIN IMMEDIATE')\n"
        "i.db.execute(\"UPDATE files SET sha256 = x'00', payload = x'00'\")\n"
        "os._exit(9)\n"
    )
    killed = subprocess.run([sys.executable, "-c", script, str(records)], env=os.environ, check=False)
    assert killed.returncode == 9
    assert formatted(validate(records).problems) == expected
    assert known_problems(records) is not None  # the rows before the killed transaction are intact


@pytest.mark.slow
def test_two_commands_at_once_give_the_same_answer(records: Path) -> None:
    command = [sys.executable, "-m", "govdocs", "validate", "-C", str(records)]
    alone = subprocess.run(command, capture_output=True, text=True, env=os.environ, check=False)
    index.remove_index(index.index_path(records))
    both = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=os.environ)
            for _ in range(3)]
    for proc in both:
        out, err = proc.communicate(timeout=300)
        assert (proc.returncode, out) == (alone.returncode, alone.stdout), err
    assert rows(records) == len(RECORD_FILES) + 1 + len(list((records / "registries").glob("*.yaml")))


def test_a_moved_tree_gets_its_own_index_and_prune_removes_the_old(records: Path, tmp_path: Path) -> None:
    expected = formatted(validate(records).problems)
    moved = tmp_path / "moved"
    shutil.move(records, moved)
    assert index.index_path(moved) != index.index_path(records)
    assert [line.replace(str(moved), str(records)) for line in formatted(validate(moved).problems)] == expected
    runner = CliRunner()
    listed = runner.invoke(cli, ["cache", "info", "--all"])
    assert listed.exit_code == 0 and "its repository is gone" in listed.output and str(moved) in listed.output
    pruned = runner.invoke(cli, ["cache", "prune"])
    assert pruned.exit_code == 0 and "removed 1 index(es)" in pruned.output
    assert not index.index_path(records).exists() and index.index_path(moved).exists()
    cleared = runner.invoke(cli, ["cache", "clear", "-C", str(moved)])
    assert cleared.exit_code == 0 and not index.index_path(moved).exists()


def test_validate_writes_junit_per_record_file(
    records: Path, edit: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    edit("decisions/2021/kp-2021-5.yaml", "\nmaker: kansliapaallikko\n", "\nmaker: kanslia\n")
    monkeypatch.chdir(records)
    result = CliRunner().invoke(cli, ["validate", "--junit", "report.xml"])
    assert result.exit_code == 1
    suite = ET.parse(records / "report.xml").getroot().find("testsuite")
    assert suite is not None and suite.get("tests") == str(len(RECORD_FILES)) and suite.get("failures") == "1"
    cases = {case.get("name"): case for case in suite.iter("testcase")}
    assert sorted(cases) == sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "decisions").rglob("*.yaml"))
    assert SEED in cases
    failure = cases["decisions/2021/kp-2021-5.yaml"].find("failure")
    assert failure is not None and failure.get("message", "").startswith("unknown decision maker 'kanslia'")
    assert failure.text and failure.text.startswith("decisions/2021/kp-2021-5.yaml:5:8: error: ")
    warnings = cases[SEED].find("system-out")
    assert warnings is not None and "warning: the decision date is not stated" in (warnings.text or "")


def test_an_index_of_another_shape_under_this_version_is_rebuilt(records: Path) -> None:
    """A table missing (an index written by a development version under the
    same version number) is not trusted: every write would fail and the
    index would never fill. It is rebuilt."""
    first = formatted(validate(records).problems)
    with sqlite3.connect(index.index_path(records)) as db:
        db.execute("DROP TABLE snapshots")
    assert formatted(validate(records).problems) == first
    assert rows(records, "snapshots") == 0 and rows(records) > 0  # rebuilt, and filled again
    assert known_problems(records) is not None

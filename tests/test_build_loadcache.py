"""The load cache: cached reads give the same records and problems as
fresh ones, positions still work, tampered entries are never unpickled,
and the rules' problems are reused only while nothing changed. Also the
JUnit report of validation problems."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from govdocs.api import validate
from govdocs.build.validation import validate_cached
from govdocs.cli import cli
from govdocs.read import cache
from govdocs.read.loader import read_repository
from tests.bundled import RECORD_FILES, ROOT

SEED = "decisions/2016/kj-2016-59.yaml"


@pytest.fixture(autouse=True)
def own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "user-cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(folder))
    monkeypatch.delenv("GOVDOCS_NO_CACHE", raising=False)
    cache.secret_key.cache_clear()
    return folder / "govdocs"


def formatted(problems: list) -> list[str]:  # type: ignore[type-arg]
    return [p.format() for p in problems]


def test_a_cached_read_equals_a_fresh_one(records: Path, own_cache: Path) -> None:
    fresh = read_repository(records)
    cached = read_repository(records)
    # one entry per record file and registry (in folders named by the key's first two hex digits)
    registries = 1 + len(list((records / "registries").glob("*.yaml")))
    assert len([p for p in (own_cache / "load").rglob("*") if p.is_file()]) == len(RECORD_FILES) + registries
    assert cached.decisions == fresh.decisions
    assert formatted(cached.problems) == formatted(fresh.problems)
    assert isinstance(cached.origins["kj-2016-59"].doc, cache.LazySourceDoc)


def test_problems_of_cached_records_keep_their_positions(
    records: Path, edit: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    edit("decisions/2021/kp-2021-5.yaml", "\nmaker: kansliapaallikko\n", "\nmaker: kanslia\n")
    monkeypatch.chdir(records)
    first = formatted(validate(".").problems)
    second = formatted(validate(".").problems)
    assert second == first
    assert any(line.startswith("decisions/2021/kp-2021-5.yaml:5:8: error: unknown decision maker") for line in second)


def test_a_tampered_entry_is_ignored_not_unpickled(records: Path, own_cache: Path) -> None:
    fresh = read_repository(records)
    for entry in (own_cache / "load").rglob("*"):
        if entry.is_file():
            blob = entry.read_bytes()
            entry.write_bytes(bytes(32) + blob[32:])  # payload intact, signature wrong
    again = read_repository(records)
    assert again.decisions == fresh.decisions
    assert not isinstance(again.origins["kj-2016-59"].doc, cache.LazySourceDoc)


def test_cached_rules_follow_the_records(records: Path, edit: Callable[..., Path], tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    assert formatted(validate_cached(records, cache_dir=rules).problems) == formatted(validate(records).problems)
    edit("decisions/2021/kp-2021-5.yaml", "\nmaker: kansliapaallikko\n", "\nmaker: kanslia\n")
    changed = formatted(validate_cached(records, cache_dir=rules).problems)
    assert changed == formatted(validate(records).problems)
    assert any("unknown decision maker 'kanslia'" in line for line in changed)
    assert len(list((rules / "rules").iterdir())) == 2  # one entry per state of the records


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

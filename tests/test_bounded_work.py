"""Registry patterns and formats come from pull requests: a pattern that
backtracks catastrophically or a format that pads to a gigabyte gets a
located error in well under a second, never a hang or an allocation."""

from __future__ import annotations

import copy
import time
import tracemalloc
from pathlib import Path
from typing import Any

import pytest

import govdocs
from govdocs.model.registry import MATCH_SECONDS, PatternTooSlow, check_pattern, pattern_matches
from tests.builders import REGISTRY, decision, write_repo


def registry(**municipality: Any) -> dict[str, Any]:
    reg = copy.deepcopy(REGISTRY)
    reg["municipality"].update(municipality)
    return reg


def validate(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, reg: dict[str, Any], **changes: Any) -> list[str]:
    write_repo(tmp_path, decision("kj-2016-1", 1, **changes), registry=reg)
    monkeypatch.chdir(tmp_path)
    return [p.format() for p in govdocs.validate(".").problems]


def test_an_overlapping_alternation_is_refused_quickly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    start = time.perf_counter()
    found = validate(tmp_path, monkeypatch, registry(case_number_pattern=r"^(\d|\d\d)+$"))
    assert time.perf_counter() - start < 1.5  # 37 s for a 40-character diary number before
    assert found == [
        r"registry.yaml:15:24: error: municipality.case_number_pattern: the pattern '^(\d|\d\d)+$' takes more "
        r"than 0.1 s on a text of 41 characters (catastrophic backtracking: a repetition that can match the same "
        r"text in several ways, such as '(\d|\d\d)+'); simplify it, e.g. '\d+'"
    ]


def test_a_pattern_slow_only_on_one_diary_number_is_located_there(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the probes do not use 'x', so only the record's own value shows it
    reg = registry(case_number_pattern=r"^(x|xx)+$")
    start = time.perf_counter()
    found = validate(tmp_path, monkeypatch, reg, case="x" * 40 + "!")
    assert time.perf_counter() - start < 2
    assert [p for p in found if "cannot be checked" in p] == [
        "decisions/2016/kj-2016-1.yaml:6:7: error: case '" + "x" * 40 + "!' cannot be checked: the pattern "
        "'^(x|xx)+$' takes more than 0.1 s on a text of 41 characters (catastrophic backtracking: a repetition "
        r"that can match the same text in several ways, such as '(\d|\d\d)+'); simplify it, e.g. '\d+' "
        "(registry: case_number_pattern at registry.yaml:15:24)"
    ]


def test_a_gigabyte_wide_format_is_refused_without_allocating_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tracemalloc.start()
    try:
        found = validate(tmp_path, monkeypatch, registry(case_number_format="TST {serial:>1000000000}"))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 100 * 1024 * 1024  # 1 GB per validation before
    assert found == [
        "registry.yaml:15:23: error: municipality.case_number_format: the field {serial:>1000000000} is "
        "1,000,000,000 characters wide; the limit is 32 (e.g. {serial:06d})"
    ]


@pytest.mark.parametrize("pattern", [r"^(\d|\d\d)+$", r"^(a|aa)+$", r"^(\w+\s?)*$", r"(-|--)+$"])
def test_every_backtracking_pattern_is_refused(pattern: str) -> None:
    with pytest.raises(ValueError):
        check_pattern(pattern)


@pytest.mark.parametrize("pattern", [r"^[A-Z]+ \d{4}-\d{6}$", r"^\d{2} \d{2} \d{2}$", r"^(HEL|ESP) \d+$"])
def test_ordinary_patterns_pass(pattern: str) -> None:
    assert check_pattern(pattern) == pattern


def test_a_match_is_bounded_in_time() -> None:
    start = time.perf_counter()
    with pytest.raises(PatternTooSlow):
        pattern_matches(r"^(x|xx)+$", "x" * 60 + "!")
    assert time.perf_counter() - start < MATCH_SECONDS + 2  # unbounded: hours (exponential); 2 s: a loaded machine

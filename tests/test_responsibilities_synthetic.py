"""The synthetic records generator the benchmarks share: what it writes
validates clean (responsibility checks included), holds what it promises,
and is the same for the same seed."""

from __future__ import annotations

from pathlib import Path

import govdocs
from benchmarks.synthetic import generate
from govdocs.derive.responsibilities import StepKind, timeline


def files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*.yaml"))}


def test_generated_records_validate_clean_and_keep_their_promises(tmp_path: Path) -> None:
    root = generate(tmp_path / "a", 120, organisations=30, seed=7)
    repo = govdocs.validate(root)
    assert [p.format() for p in repo.problems] == []
    assert len(repo.decisions) == 120 and len(repo.transfers) == 240
    ending = [o for o in repo.registry.organisations if o.valid_to]
    assert ending and all(o.successor in repo.organisations for o in ending)
    kinds = ("date", "year", "budget_year", "every")
    dues = {next(k for k in kinds if getattr(o.due, k)) for o in repo.obligations.values()}
    assert dues == {"date", "year", "budget_year", "every"}
    assert any(d.fulfils for d in repo.decisions.values())
    line = timeline(repo)
    assert line.issues == []
    assert {s.kind for s in line.steps} >= {StepKind.TRANSFER, StepKind.STAYS, StepKind.SUCCESSION}


def test_same_seed_same_files(tmp_path: Path) -> None:
    first = files(generate(tmp_path / "a", 30, organisations=20, transfers=90, seed=3))
    assert first == files(generate(tmp_path / "b", 30, organisations=20, transfers=90, seed=3))
    assert first != files(generate(tmp_path / "c", 30, organisations=20, transfers=90, seed=4))
    assert len(govdocs.validate(tmp_path / "a").transfers) == 90

"""An audit's build key holds what it shows (its history and the files of
the decisions that history comes from, `Kind.shows`) instead of every
record, so one changed decision renders again only the audits it is in.
The claim is tested the only way that can fail: after each edit, every
audit whose key did not change is rendered afresh and must be the bytes
kept from before."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from govdocs.api import validate
from govdocs.build.plan import plan
from govdocs.build.renderers import available_reports, render

DAY = date(2026, 6, 1)
PARTS = ["html", "svg"]


def audits(records: Path, *, public: bool = False) -> dict[str, tuple[str, dict[str, bytes]]]:
    """Audit stem → (its html key, its rendered parts)."""
    repo = validate(records)
    reports = [r for r in available_reports(repo) if r.kind == "audit"]
    jobs = {job.id: job for job in plan(repo, ("html",), reports=reports, as_of=DAY, public=public)}
    found = {}
    for report in reports:
        key = next(o.key for o in jobs[report.stem].outputs if o.format == "html")
        found[report.stem] = (key, render(repo, "audit", report.stem, PARTS, public, DAY)[0])
    return found


def transfers_file(records: Path) -> Path:
    return next(p for p in sorted(records.rglob("*.yaml")) if "\ntransfers:\n" in p.read_text(encoding="utf-8"))


def retitle(file: Path) -> None:
    """A decision no audit shows, its title changed."""
    text = file.read_text(encoding="utf-8")
    assert "transfers:" not in text
    changed = EDITS["its title"](text)
    assert changed != text
    file.write_text(changed, encoding="utf-8")


OTHER = "decisions/2021/kh-2021-858.yaml"


EDITS = {
    # every position in the file moves a line down: the places an audit prints change
    "a line above everything": lambda text: "# a note\n" + text,
    "its title": lambda text: text.replace("\ntitle: ", "\ntitle: Muutettu ", 1),
}


@pytest.mark.parametrize("edit", sorted(EDITS))
def test_an_unchanged_audit_key_means_unchanged_bytes(records: Path, edit: str) -> None:
    before = audits(records)
    target = transfers_file(records)
    text = target.read_text(encoding="utf-8")
    assert EDITS[edit](text) != text
    target.write_text(EDITS[edit](text), encoding="utf-8")
    after = audits(records)
    assert before.keys() == after.keys()
    kept = [stem for stem in before if before[stem][0] == after[stem][0]]
    changed = [stem for stem in before if stem not in kept]
    for stem in kept:
        assert after[stem][1] == before[stem][1], f"{stem}: the key kept, the bytes not"
    assert changed, "the audits of the organisations the decision moves things between are made again"
    assert kept, "and the others are not"


def test_a_decision_no_audit_shows_changes_no_audit_key(records: Path) -> None:
    before = audits(records)
    retitle(records / OTHER)
    after = audits(records)
    assert {s: k for s, (k, _) in after.items()} == {s: k for s, (k, _) in before.items()}


def test_a_registry_edit_changes_every_audit_key(records: Path) -> None:
    before = audits(records)
    registry = records / "registry.yaml"
    registry.write_text(registry.read_text(encoding="utf-8") + "\n# a note\n", encoding="utf-8")
    after = audits(records)
    assert all(after[s][0] != before[s][0] for s in before)


def test_the_web_copy_keeps_every_record_in_its_key(records: Path) -> None:
    """A public audit masks the personal data of every record: any edit
    anywhere may change it."""
    before = audits(records, public=True)
    retitle(records / OTHER)
    after = audits(records, public=True)
    assert all(after[s][0] != before[s][0] for s in before)


def test_on_a_synthetic_repository(tmp_path: Path) -> None:
    """Many organisations, many transfers: an edit of one decision renders
    a few audits again, and every audit whose key is kept is the same bytes."""
    from benchmarks.synthetic import generate

    root = generate(tmp_path / "synthetic", 80, organisations=20, seed=5)
    before = audits(root)
    target = sorted((root / "decisions").rglob("*.yaml"))[40]
    target.write_text("# a note\n" + target.read_text(encoding="utf-8"), encoding="utf-8")
    after = audits(root)
    kept = [s for s in before if before[s][0] == after[s][0]]
    assert 0 < len(kept) < len(before)
    for stem in kept:
        assert after[stem][1] == before[stem][1], stem

"""A build with nothing to do (`govdocs.build.noop`): the same build of the
same records into a folder whose outputs are intact reads no record and
writes nothing, and reports what the build before it reported; anything
else (an output's byte, a record, the day, the formats, a template) goes
the whole way."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from govdocs.build import build, builder

FAST = ("html", "txt")


class Validations:
    def __init__(self, monkeypatch: pytest.MonkeyPatch):
        self.count = 0
        real = builder.validated

        def counting(*args: object, **kwargs: object) -> object:
            self.count += 1
            return real(*args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(builder, "validated", counting)


def run(records: Path, out: Path, **options: object) -> builder.BuildResult:
    settings: dict[str, object] = {"formats": FAST, "jobs": 1, "reports": True, "as_of": None} | options
    return build(records, out, **settings)  # type: ignore[arg-type]


def test_the_same_build_again_reads_no_record_and_says_the_same(
    records: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    first = run(records, out)
    assert first.built and first.warnings
    files = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    validations = Validations(monkeypatch)
    again = run(records, out)
    assert validations.count == 0, "nothing changed: no record read"
    assert again.built == [] and sorted(again.reused) == sorted(first.manifest.outputs)
    assert again.warnings == first.warnings and again.sources == first.sources
    assert [p.format() for p in again.problems] == [p.format() for p in first.problems]
    assert again.manifest.to_json() == first.manifest.to_json()
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == files
    assert again.summary().startswith(f"built 0, reused {len(first.manifest.outputs)} ")


def test_an_output_changed_in_place_is_made_again(
    records: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    run(records, out, reports=False)
    target = out / "kj-2016-59.txt"
    good = target.read_bytes()
    target.write_bytes(good.replace(b"Kaupunginjohtaja", b"Kaupunginjohtajx", 1))  # the same size
    validations = Validations(monkeypatch)
    result = run(records, out, reports=False)
    assert validations.count == 1
    assert target.read_bytes() == good
    assert "kj-2016-59.txt" in result.restored + result.built


@pytest.mark.parametrize("change", ["record", "day", "formats", "public", "other folder"])
def test_anything_else_goes_the_whole_way(
    records: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, change: str
) -> None:
    from datetime import date

    out = tmp_path / "out"
    run(records, out, as_of=date(2026, 6, 1))
    options: dict[str, object] = {"as_of": date(2026, 6, 1)}
    if change == "record":
        seed = records / "decisions/2016/kj-2016-59.yaml"
        seed.write_text(seed.read_text(encoding="utf-8").replace("Loppuraportti", "Loppuraportti (muutettu)", 1),
                        encoding="utf-8")
    elif change == "day":
        options["as_of"] = date(2026, 6, 2)
    elif change == "formats":
        options["formats"] = ("txt",)
    elif change == "public":
        options["public"] = True
    else:
        shutil.copytree(out, tmp_path / "copy")
        out = tmp_path / "copy"
    validations = Validations(monkeypatch)
    run(records, out, **options)
    assert validations.count == 1
    validations.count = 0
    run(records, out, **options)
    assert validations.count == 0, "and the build after that is a no-op again"

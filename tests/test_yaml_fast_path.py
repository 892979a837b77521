"""The libyaml fast paths (the lean one that builds data without
positions, and the located one) and the careful pure-Python composer give
the same data, the same positions and the same errors, on every record we
have: the bundled ones, the hostile corpus and a synthetic repository."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from govdocs.read import yamlsource as y
from tests.conftest import ROOT

_COMPOSE = y.compose  # the real one: fast when it can be, careful otherwise
_LEAN = y._lean_data


def _no_lean(text: str) -> object:
    raise y._Fallback


def _inputs(synthetic: Path) -> list[Path]:
    tests = ROOT / "tests"
    return sorted(
        [*ROOT.joinpath("decisions").rglob("*.yaml"), ROOT / "registry.yaml",
         *tests.rglob("*.yaml"), *tests.rglob("*.yml"), *synthetic.rglob("*.yaml")]
    )


def _read(text: str, composer: Any, monkeypatch: pytest.MonkeyPatch, lean: Any = _no_lean) -> object:
    monkeypatch.setattr(y, "compose", composer)
    monkeypatch.setattr(y, "_lean_data", lean)
    try:
        doc = y.load_text(text, "x.yaml")
        return (doc.data, doc.key_spans, doc.value_spans)
    except y.YamlError as exc:
        return ("error", exc.span, exc.message, exc.code)


def test_both_composers_answer_alike(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from benchmarks.synthetic import generate

    generate(tmp_path, 40, organisations=20)
    compared = fast = lean = 0
    for path in _inputs(tmp_path):
        try:
            text = y.decode(path.read_bytes())
        except y.YamlError:
            continue  # refused before any composing
        careful = _read(text, y._compose_careful, monkeypatch)
        assert _read(text, _COMPOSE, monkeypatch) == careful, path
        assert _read(text, _COMPOSE, monkeypatch, _LEAN) == careful, path
        compared += 1
        fast += y._plainly_harmless(text)
        lean += _lean_taken(text)
    assert compared > 120 and fast > 60 and lean > 60  # the comparison really exercised every path


def _lean_taken(text: str) -> bool:
    try:
        _LEAN(text)
    except y._Fallback:
        return False
    return True


def test_lean_positions_come_from_the_same_text() -> None:
    doc = y.load_text("id: a\ntitle: 'b'\nlist:\n  - 1\n  - x\n", "x.yaml")
    assert isinstance(doc, y._LateSpans) and doc.data == {"id": "a", "title": "b", "list": [1, "x"]}
    assert doc.span(("list", 1)) == y.Span(5, 5) and doc.span(("title",), key=True) == y.Span(2, 1)


def test_the_fast_path_is_taken_for_ordinary_records() -> None:
    text = (ROOT / "decisions/2021/kp-2021-5.yaml").read_text(encoding="utf-8")
    assert y._plainly_harmless(text)


@pytest.mark.parametrize("text", ["a: &x 1\nb: *x\n", "a:\tb\n", "a: " + "[" * 40 + "]" * 40 + "\n",
                                  "a:\n" + "".join("  " * i + f"k{i}:\n" for i in range(1, 40))])
def test_unusual_input_takes_the_careful_path(text: str) -> None:
    assert not y._plainly_harmless(text)


def test_a_quoted_empty_key_does_not_let_a_plain_one_pass() -> None:
    assert y.load_text('"": 1\n', "x.yaml").data == {"": 1}
    with pytest.raises(y.YamlError) as caught:
        y.load_text("? \n: 2\n", "x.yaml")
    assert caught.value.code == "bad-key"


@pytest.mark.parametrize("text", ["a: !!str 5\n", "a: {b: !x c}\n", "a: &x 1\nb: *x\n", "a: Ernst & Young\n",
                                  "a: b\n\"c\": d\n" + "x: " + "y" * 250_000 + "\n"])
def test_the_lean_builder_leaves_tags_anchors_and_long_files_to_the_others(text: str) -> None:
    """It checks no tag and counts no alias expansion: a file that could hold
    either (or exceed a limit by its length alone) is never read lean."""
    assert not _lean_taken(text)


def test_a_lean_read_holds_the_same_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "id: a\nlist:\n" + "".join(f"  - {i}\n" for i in range(30))
    monkeypatch.setattr(y, "MAX_ITEMS", 20)
    with pytest.raises(y.YamlError) as caught:
        y.load_text(text, "x.yaml")
    assert caught.value.code == "too-large" and caught.value.span == y.Span(3, 3)


_PIECES = ["'", '"', ":", ": ", "#", "- ", "? ", "|", ">", "\\t", "\\n", "\\x07", "\\u2028", "{", "}", "[", "]",
           ",", "\n", "  ", "\n  ", "~", "null", "true", "0", "1.10", "-1", '""', "''", "%", "\\", "\n:",
           "\n? \n: x\n", "\u00a0", "\r", "1e3", "0x1F", "+1", ".5", "yes", "No"]


def test_mangled_records_read_alike_on_every_path(monkeypatch: pytest.MonkeyPatch) -> None:
    """Records with a few YAML-significant pieces pasted in at random
    places: the real reader (lean first) and the careful one alone give
    the same data, positions and errors."""
    import random

    rng = random.Random(16)
    seeds = [p.read_text(encoding="utf-8")[:1500] for p in sorted(ROOT.joinpath("decisions").rglob("*.yaml"))]
    lean = 0
    for _ in range(150):
        text = rng.choice(seeds)
        for _ in range(rng.randint(1, 3)):
            at = rng.randrange(len(text) + 1)
            text = text[:at] + rng.choice(_PIECES) + text[at:]
        careful = _read(text, y._compose_careful, monkeypatch)
        assert _read(text, _COMPOSE, monkeypatch, _LEAN) == careful, text
        lean += _lean_taken(text)
    assert lean > 40


def test_one_position_from_the_events_is_the_careful_readers() -> None:
    """`LazySourceDoc.span` reads libyaml's events as far as the one
    position a listing line shows; it must be the careful reader's: for
    a fixed sample of every bundled file's keys and values (a thousand of
    the seed's), for keys, and for paths that do not exist (the deepest
    existing parent's position)."""
    from govdocs.read.cache import LazySourceDoc
    from govdocs.read.yamlsource import _load_located
    from tests.bundled import ROOT

    files = sorted((ROOT / "decisions").rglob("*.yaml")) + [ROOT / "registry.yaml"]
    asked, quick_files = 0, 0
    for file in files:
        text = file.read_text(encoding="utf-8")
        careful = _load_located(text, str(file))
        quick = LazySourceDoc(str(file), file)
        paths = set(careful.key_spans) | set(careful.value_spans)
        missing = {(*p, "no-such-key") for p in list(paths)[:50]} | {(*p, 999) for p in list(paths)[:50]}
        asking = sorted(paths | missing, key=repr)
        asking = asking[:: max(1, len(asking) // (1000 if file.name == "kj-2016-59.yaml" else 200))]
        for path in asking:
            for key in (False, True):
                assert quick.span(path, key=key) == careful.span(path, key=key), (file, path, key)
                asked += 1
        quick_files += quick._doc is None  # else not plainly harmless: the careful reader answered
    assert asked > 15_000
    assert quick_files > len(files) // 2

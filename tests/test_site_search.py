"""The search index without a browser: what Voikko adds to a Finnish page
(base forms, compound parts, weak-grade forms, only where Snowball's stem is
new), Swedish left to Pagefind, and the same bytes from every run (the
browser test, tests/test_site_browser.py, runs the queries)."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from pathlib import Path

from govdocs.publish.site.search import SearchEntry, _decode, build_index, finnish_terms, glossary

ENTRIES = [
    SearchEntry(f"paatokset/d{i}.html", "fi" if i % 3 else "sv", f"Päätös {i}",
                "Talousarviossa toivomusponnesta työllisyydenhoito " * (i % 4 + 1) + ("luftkvaliteten" * (i % 3 == 0)),
                {"päättäjä": [f"Päättäjä {i % 4}"], "vuosi": [str(2020 + i % 3)], "laji": ["Toimielimen päätös"]},
                {"Päivämäärä": f"{i % 28 + 1}.1.2022"})
    for i in range(30)
]


def test_a_compound_gives_its_parts_and_an_inflected_word_its_base_form() -> None:
    terms = finnish_terms("Lausunto valtuutetun toivomusponnesta ja työllisyydenhoidon uudistuksesta.")
    assert {"toivomusponsi", "ponsi", "työllisyydenhoito", "uudistus"} <= set(terms)


def test_the_weak_grade_is_added_where_snowball_stems_it_apart() -> None:
    # 'työllisyydenhoito' and 'työllisyydenhoidon' have the stems '…hoito' and '…hoido'
    assert "työllisyydenhoidon" in finnish_terms("Työllisyydenhoito uudistetaan.")
    assert "hoidon" in finnish_terms("Työllisyydenhoito uudistetaan.")


def test_nothing_is_added_that_snowball_already_finds() -> None:
    # 'talousarviossa' stems to 'talousarvio', the base form's own stem; only the parts are new
    assert "talousarvio" not in finnish_terms("Talousarviossa.")
    assert {"talous", "arvio"} <= set(finnish_terms("Talousarviossa."))


def test_the_glossary_names_the_word_each_term_comes_from() -> None:
    assert "toivomusponnesta (toivomusponsi toivomus ponsi)" in glossary("Toivomusponnesta.")
    assert glossary("") == ""


def test_swedish_pages_are_indexed_as_swedish_without_voikko() -> None:
    files = build_index([e for e in ENTRIES if e.lang == "sv"])
    entry = json.loads(files["pagefind/pagefind-entry.json"])
    assert list(entry["languages"]) == ["sv"]
    fragments = [_fragment(data) for name, data in files.items() if name.endswith(".pf_fragment")]
    assert fragments and all("Hakusanat" not in f["content"] for f in fragments)


def test_every_filter_is_in_the_index() -> None:
    files = build_index(ENTRIES)
    filters = sorted(_decode(data)[0] for name, data in files.items() if name.endswith(".pf_filter"))
    assert filters == sorted(["laji", "päättäjä", "vuosi"] * 2)


def test_the_same_entries_give_the_same_bytes_in_every_process(tmp_path: Path) -> None:
    script = (
        "import hashlib, json, sys\n"
        "from tests.test_site_search import ENTRIES\n"
        "from govdocs.publish.site.search import build_index\n"
        "files = build_index(ENTRIES)\n"
        "print(json.dumps({k: hashlib.sha256(v).hexdigest() for k, v in files.items()}))\n"
    )
    runs = []
    for seed in ("1", "2", "3"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env,
                              cwd=Path(__file__).resolve().parents[1], check=True, timeout=300)
        runs.append(json.loads(done.stdout))
    assert runs[0] == runs[1] == runs[2]
    assert any(name.endswith(".pf_filter") for name in runs[0])


def _fragment(data: bytes) -> dict[str, str]:
    """A page's fragment: gzip, Pagefind's mark, JSON."""
    raw = gzip.decompress(data)
    assert raw.startswith(b"pagefind_dcd")
    return dict(json.loads(raw[len(b"pagefind_dcd"):]))

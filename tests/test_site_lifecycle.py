"""The site on the last day of a decision's appeal period and on the day
after differ exactly in its personal data, in every file: pages, feeds,
PDFs (their text), and the search index (its page fragments; its word
lists lose the name). Pages that show the state on the build's day (an
organisation's holders, a body's duties) differ by the day too and hold the
name on neither. No public PDF embeds a file, no YAML is on the site.

The liikuntajohtaja's research permit (liikunta-lj-2022-2) names its
researcher; here the record says the name is published while the decision
can be appealed and that the decision went online on Wed 19.1.2022. Its
oikaisuvaatimus period is 14 days from the day it is deemed received,
7 days after publication (Wed 26.1.2022): it ends Wed 9.2.2022, so the name
is on the site on 9.2. and gone from Thu 10.2.2022 (tests/test_lifecycle.py
works the same dates)."""

from __future__ import annotations

import gzip
import json
import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

from govdocs.document.redact import Redactor
from govdocs.publish.site import build_site
from govdocs.publish.site.search import _decode
from tests.bundled import ROOT, copy_registry
from tests.test_public_copy_leaks import _fold

pytestmark = pytest.mark.slow

NAME = "Melina Puolamäki"
FORMS = ("puolamäki", "puolamäelle", "puolamäen", "melina")
LAST, AFTER = date(2022, 2, 9), date(2022, 2, 10)


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    records = tmp_path_factory.mktemp("lifecycle") / "records"
    (records / "decisions" / "2022").mkdir(parents=True)
    copy_registry(records)
    source = (ROOT / "decisions/2022/liikunta-lj-2022-2.yaml").read_text(encoding="utf-8")
    marked = source.replace("\nitems:\n", f"\npublished_on: 2022-01-19\npublished_personal_data: [{NAME}]\nitems:\n", 1)
    assert marked != source
    (records / "decisions/2022/liikunta-lj-2022-2.yaml").write_text(marked, encoding="utf-8")
    cache = tmp_path_factory.mktemp("lifecycle-cache")
    made = []
    for day in (LAST, AFTER):
        out = records.parent / f"public-{day.isoformat()}"
        build_site(records, out, as_of=day, documents=("pdf",), cache_dir=cache)
        made.append(out)
    return made[0], made[1]


def texts(site: Path) -> dict[str, str]:
    """Every file of the site as text: PDFs by their text, the search
    index's files decoded (fragments as their JSON, the rest as their data)."""
    found = {}
    for path in sorted(site.rglob("*")):
        name = path.relative_to(site).as_posix()
        if not path.is_file() or name.endswith(".govdocs.lock") or name.startswith("asiakirjat/manifest.json"):
            continue
        if name.endswith(".pdf"):
            done = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True)
            found[name] = done.stdout.decode("utf-8")
        elif name.startswith("pagefind/") and name.endswith((".pf_fragment", ".pf_index", ".pf_meta", ".pf_filter")):
            raw = gzip.decompress(path.read_bytes())
            found[name] = raw.decode("utf-8", "replace") if name.endswith(".pf_fragment") else repr(_decode(path.read_bytes()))
        elif name.startswith("pagefind/") and not name.endswith((".js", ".css", ".json")):
            continue  # the search engine itself (wasm): the same bytes on both days
        else:
            found[name] = path.read_text(encoding="utf-8")
    return found


def _same_name(name: str) -> str:
    """A file whose name is its content's hash, by its kind alone."""
    return re.sub(r"(fi|sv|en|unknown)_[0-9a-f]+\.pf_", r"\1_#.pf_", name) if name.startswith("pagefind/") else name


def test_the_name_is_on_the_site_until_the_period_ends(sites: tuple[Path, Path]) -> None:
    before = texts(sites[0])
    holding = sorted(name for name, text in before.items() if "puolamä" in _fold(text))
    assert "paatokset/liikunta-lj-2022-2.html" in holding
    assert "asiakirjat/liikunta-lj-2022-2-julkinen.pdf" in holding
    assert any(name.startswith("pagefind/fragment/") for name in holding)
    assert any(name.startswith("pagefind/index/") for name in holding)  # the word itself is searchable


def test_after_the_period_no_file_holds_the_name_in_any_form(sites: tuple[Path, Path]) -> None:
    after = texts(sites[1])
    leaks = [(name, form) for name, text in after.items() for form in FORMS if form in _fold(text)]
    assert leaks == []


def test_the_two_days_differ_in_the_personal_data_only(sites: tuple[Path, Path]) -> None:
    before, after = texts(sites[0]), texts(sites[1])
    assert sorted(map(_same_name, before)) == sorted(map(_same_name, after))  # the same files
    mask = Redactor([NAME])
    differ = []
    for name, text in before.items():
        if name.startswith(DATED) or name in KEYS or (name.startswith("pagefind/") and "/fragment/" not in name):
            continue
        other = after.get(name)
        if other is None:  # a search fragment is named after its content: found by its page
            other = next(t for n, t in after.items() if _same_name(n) == _same_name(name) and _page(t) == _page(text))
        if _fold(_without_name_terms(mask(text))) != _fold(_uncounted(other)):  # folded: a PDF's lines break anew
            differ.append(name)
    assert differ == []
    changed = sorted(n for n in before if n in after and before[n] != after[n] and not n.startswith(DATED))
    assert changed, "the name was shown on the last day"
    assert [n for n in changed if n not in KEYS and not n.startswith("pagefind/")] == [
        "asiakirjat/liikunta-lj-2022-2-julkinen.pdf", "paatokset/liikunta-lj-2022-2.html"]
    manifests = [json.loads(t)["files"] for t in (before["site-manifest.json"], after["site-manifest.json"])]
    assert sorted(map(_same_name, manifests[0])) == sorted(map(_same_name, manifests[1]))


DATED = ("organisaatiot/", "sitoumukset/")
"""Pages that show the state on the build's day (who holds what, which
duty is due): they differ by the day as well, and hold no name on either."""
KEYS = ("site-manifest.json",)
"""The site's record of its files: their keys hold what the pages still show."""


def _without_name_terms(text: str) -> str:
    """The text without the search terms made from the name while it was
    shown (the glossary's group after a masked word: '***** (puolamäki puola mäki)')."""
    text, label, terms = text.partition("Hakusanat: ")
    return _uncounted(text + label + re.sub(r"\*{5} \([^)]*\)(; )?", "", terms))


def _uncounted(text: str) -> str:
    """A search fragment without its word count (fewer words once the name is gone)."""
    return re.sub(r'"word_count":\d+', '"word_count":#', text)


def _page(fragment: str) -> str:
    """The page a search fragment is of."""
    try:
        return str(json.loads(fragment[len("pagefind_dcd"):])["url"])
    except (ValueError, KeyError):
        return ""


def test_no_source_record_is_on_the_site(sites: tuple[Path, Path]) -> None:
    import pikepdf

    for site in sites:
        assert not [p for p in site.rglob("*") if p.suffix in (".yaml", ".yml")]
        for pdf in site.rglob("*.pdf"):
            with pikepdf.open(pdf) as document:
                assert len(document.attachments) == 0, pdf


def test_the_removal_day_makes_the_page_again_and_then_nothing(tmp_path: Path, sites: tuple[Path, Path]) -> None:
    copy = tmp_path / "public"
    shutil.copytree(sites[0], copy)
    records = sites[0].parent / "records"
    first = build_site(records, copy, as_of=AFTER, documents=("pdf",), cache_dir=tmp_path / "cache")
    assert "paatokset/liikunta-lj-2022-2.html" in first.made
    assert first.documents is not None
    assert "liikunta-lj-2022-2-julkinen.pdf" in first.documents.built + first.documents.restored
    again = build_site(records, copy, as_of=AFTER, documents=("pdf",), cache_dir=tmp_path / "cache")
    assert again.made == [] and again.rendered == 0

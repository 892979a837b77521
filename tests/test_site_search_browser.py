"""The search index alone in a real browser: a bundle of four synthetic
pages (three Finnish, one Swedish) and a bare HTML page, served on
127.0.0.1 to Chromium. Each Finnish query in a form no page holds finds
exactly the page that says the word in another form or inside a compound,
a filter narrows, Swedish is searched as Swedish, and the bytes a query
downloads are printed. A control bundle of the same pages without Voikko's
terms finds nothing for 'ponsi' and 'työllisyydenhoidon' (the titles say
nothing of the words: Pagefind searches the title too). The bundle is the
normalised one build_index returns, so this also shows the browser reads
what _canonical rewrote."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from govdocs.publish.site import search as site_search
from govdocs.publish.site.search import SearchEntry, build_index
from tests.browser import chromium, serve, watched_page

pytestmark = pytest.mark.slow

ENTRIES = [
    SearchEntry("paatokset/a.html", "fi", "Päätös 1", "Kaupunginhallitus hyväksyi talousarvio ehdotuksen.",
                {"vuosi": ["2021"], "laji": ["päätös"]}, {"date": "2021-05-01"}),
    SearchEntry("paatokset/b.html", "fi", "Päätös 2", "Valtuusto hyväksyi toivomusponsi yksimielisesti.",
                {"vuosi": ["2022"], "laji": ["päätös"]}),
    SearchEntry("paatokset/c.html", "fi", "Päätös 3", "Lautakunta uudistaa työllisyydenhoito kokonaan.",
                {"vuosi": ["2022"], "laji": ["lausunto"]}),
    SearchEntry("sv/paatokset/d.html", "sv", "Beslut 4", "Nämnden följer luftkvaliteten i centrum.",
                {"vuosi": ["2022"]}),
]
PAGE = '<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Haku</title></head>' \
       "<body><main><h1>Haku</h1></main></body></html>"
SEARCH = """async ([query, filters, bundle]) => {
    const pf = await import(bundle);
    await pf.init();
    const found = await pf.search(query, {filters});
    const data = await Promise.all(found.results.map(r => r.data()));
    return data.map(d => d.url);
}"""


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Any]]:
    root = tmp_path_factory.mktemp("search-site")
    with pytest.MonkeyPatch.context() as patch:
        # the control: the same pages with Pagefind's stemming alone, under plain/
        patch.setattr(site_search, "glossary", lambda text: "")
        plain = build_index(ENTRIES)
    bundles = {**build_index(ENTRIES), **{f"plain/{name}": data for name, data in plain.items()}}
    for name, data in bundles.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(data)
    (root / "index.html").write_text(PAGE.format(lang="fi"), encoding="utf-8")
    (root / "sv").mkdir()
    (root / "sv" / "index.html").write_text(PAGE.format(lang="sv"), encoding="utf-8")
    with serve(root) as base, chromium() as found:
        yield base, found


def run(browser: tuple[str, Any], query: str, filters: dict[str, str] | None = None,
        page_path: str = "/index.html", bundle: str = "/pagefind/pagefind.js") -> tuple[list[str], dict[str, int]]:
    base, found = browser
    page = watched_page(found)
    page.goto(base + page_path)
    before = len(page.downloaded)
    urls = list(page.evaluate(SEARCH, [query, filters or {}, bundle]))
    page.wait_for_load_state("networkidle")
    size: dict[str, int] = {}
    for url, n in page.downloaded[before:]:
        kind = "code" if url.endswith((".js", ".wasm")) or ".pagefind" in url else "index"
        size[kind] = size.get(kind, 0) + n
    page.check()
    page.close()
    return [u.rsplit("/", 1)[1] for u in urls], size


@pytest.mark.parametrize(("query", "page"), [
    ("talousarviossa", "a.html"),      # Snowball alone: the same stem
    ("ponsi", "b.html"),               # a compound's part, from Voikko
    ("työllisyydenhoidon", "c.html"),  # the weak grade of the base form, generated and confirmed by Voikko
])
def test_a_finnish_query_finds_exactly_its_page(browser: tuple[str, Any], query: str, page: str) -> None:
    urls, size = run(browser, query)
    print(f"query {query!r}: {sum(size.values())} bytes downloaded, {size.get('index', 0)} of them index"
          f" (entry, meta, fragments; the rest Pagefind's script and WebAssembly)")
    assert urls == [page]


@pytest.mark.parametrize("query", ["ponsi", "työllisyydenhoidon"])
def test_without_voikkos_terms_the_query_finds_nothing(browser: tuple[str, Any], query: str) -> None:
    assert run(browser, query, bundle="/plain/pagefind/pagefind.js")[0] == []


def test_a_filter_narrows_the_results(browser: tuple[str, Any]) -> None:
    assert sorted(run(browser, "hyväksyi")[0]) == ["a.html", "b.html"]
    assert run(browser, "hyväksyi", {"vuosi": "2022"})[0] == ["b.html"]
    assert run(browser, "hyväksyi", {"vuosi": "2021"})[0] == ["a.html"]


def test_swedish_is_searched_as_swedish(browser: tuple[str, Any]) -> None:
    assert run(browser, "luftkvalitet", page_path="/sv/index.html")[0] == ["d.html"]
    assert run(browser, "luftkvalitet")[0] == []  # the Finnish index does not hold the Swedish page

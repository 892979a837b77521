"""The public site of the bundled records in a real browser: Chromium over
a plain file server on 127.0.0.1. Finnish queries find the decisions that
say the word in another form or inside a compound, the Swedish page is
found in Swedish, filters narrow, navigation between the pages works, no
page logs an error or fails a request, axe-core finds nothing serious, and
a query downloads well under a megabyte. Screenshots of the main pages are
kept as artefacts (tests/browser.py)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from govdocs.publish.site import build_site
from tests.browser import assert_accessible, chromium, screenshot, serve, watched_page
from tests.bundled import ROOT

pytestmark = pytest.mark.slow

DAY = date(2026, 1, 1)
QUERIES = {
    # an inflected form of a word the pages hold in another form (Snowball alone finds these)
    "talousarviossa": {"kj-2016-59", "kuva-2021-213", "omaisuudenhallinta-tp-2022-2", "tilaomaisuus-yp-2022-2",
                       "kv-2025-247"},
    # a compound's part ("toivomusponnesta", "toivomusponnen"): Voikko's compound parts
    "ponsi": {"kylk-2021-611", "kv-2025-255"},
    # the weak grade of a page's "työllisyydenhoito": Voikko's base form and its generated forms
    "työllisyydenhoidon": {"kj-2016-59"},
}
SEARCH = """async ([bundle, query, filters]) => {
    const pagefind = await import(bundle);
    await pagefind.init();
    const found = await pagefind.search(query, {filters});
    const data = await Promise.all(found.results.map(r => r.data()));
    return data.map(d => d.url);
}"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("browser-site") / "public"
    build_site(ROOT, out, as_of=DAY, documents=("pdf",), cache_dir=tmp_path_factory.mktemp("cache"))
    return out


@pytest.fixture(scope="module")
def browser(site: Path) -> Iterator[tuple[str, Any]]:
    with serve(site) as base, chromium() as found:
        yield base, found


def decisions_in(urls: list[str]) -> set[str]:
    return {u.rsplit("/", 1)[1].removesuffix(".html") for u in urls if "/paatokset/" in u}


def search(page: Any, query: str, filters: dict[str, str] | None = None, lang: str = "fi") -> list[str]:
    bundle = "../pagefind/pagefind.js" if lang == "fi" else "../../pagefind/pagefind.js"
    return list(page.evaluate(SEARCH, [bundle, query, filters or {}]))


@pytest.mark.parametrize("query", sorted(QUERIES))
def test_a_finnish_query_finds_the_decisions(browser: tuple[str, Any], query: str) -> None:
    base, found = browser
    page = watched_page(found)
    page.goto(f"{base}/haku/index.html")
    assert decisions_in(search(page, query)) == QUERIES[query]
    page.check()


def test_the_search_form_leads_to_results_that_open_the_decision(browser: tuple[str, Any]) -> None:
    base, found = browser
    page = watched_page(found)
    page.goto(f"{base}/index.html")
    page.fill("#haku-q", "ponsi")
    page.keyboard.press("Enter")
    page.wait_for_selector(".pagefind-ui__result-link", timeout=15_000)
    links = page.locator(".pagefind-ui__result-link")
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    assert decisions_in([h or "" for h in hrefs]) == QUERIES["ponsi"]
    assert_accessible(page)
    screenshot(page, "search-ponsi")
    page.locator(".pagefind-ui__result-link", has_text="toivomusponnesta").first.click()
    page.wait_for_url("**/paatokset/kylk-2021-611.html")
    assert "Olympiaterminaalin" in page.locator("h1").inner_text()
    page.check()


def test_swedish_is_searched_as_swedish(browser: tuple[str, Any]) -> None:
    base, found = browser
    page = watched_page(found)
    page.goto(f"{base}/sv/haku/index.html")
    urls = search(page, "luftkvaliteten", lang="sv")
    assert [u for u in urls if "/paatokset/" in u] == ["/sv/paatokset/kv-2025-254.html"]
    assert page.locator("html").get_attribute("lang") == "sv"
    page.check()


def test_filters_narrow_by_maker_year_and_kind(browser: tuple[str, Any]) -> None:
    base, found = browser
    page = watched_page(found)
    page.goto(f"{base}/haku/index.html")
    assert decisions_in(search(page, "talousarviossa", {"vuosi": "2021"})) == {"kuva-2021-213"}
    assert decisions_in(search(page, "talousarviossa", {"päättäjä": "Kaupunginvaltuusto"})) == {"kv-2025-247"}
    assert decisions_in(search(page, "talousarviossa", {"laji": "Johtajistokäsittely"})) == {"kj-2016-59"}
    page.check()


def test_a_query_downloads_well_under_a_megabyte(browser: tuple[str, Any]) -> None:
    base, found = browser
    page = watched_page(found)
    page.goto(f"{base}/haku/index.html?q=talousarviossa")
    page.wait_for_selector(".pagefind-ui__result-link", timeout=15_000)
    page.wait_for_load_state("networkidle")
    total = sum(size for _, size in page.downloaded)
    print(f"search page and one query: {total} bytes in {len(page.downloaded)} requests")
    assert total < 1_000_000
    page.check()


def test_navigation_between_maker_year_decision_case_and_meeting(browser: tuple[str, Any]) -> None:
    base, found = browser
    page = watched_page(found)
    page.goto(f"{base}/index.html")
    page.get_by_role("link", name="Kaupunginvaltuusto", exact=True).first.click()
    page.wait_for_url("**/paattajat/kaupunginvaltuusto/index.html")
    page.get_by_role("link", name="2025 (13)").click()
    page.wait_for_url("**/paattajat/kaupunginvaltuusto/2025.html")
    page.get_by_role("link", name="Kaupunginvaltuuston kokousajat vuonna 2026").click()
    page.wait_for_url("**/paatokset/kv-2025-247.html")
    pdf = page.locator("dl.facts a", has_text="PDF").get_attribute("href")
    response = page.request.get(page.url.rsplit("/", 1)[0] + "/" + str(pdf))
    assert response.ok and response.body()[:5] == b"%PDF-"
    page.locator("dl.facts a[href*='kokoukset/']").click()
    page.wait_for_url("**/kokoukset/kaupunginvaltuusto-2025-16.html")
    page.locator("dl.facts a[href$='kv-2025-248.html']").click()
    page.wait_for_url("**/paatokset/kv-2025-248.html")
    page.locator("dl.facts a[href*='asiat/']").click()
    page.wait_for_url("**/asiat/*.html")
    page.locator("nav.crumbs a").first.click()
    page.wait_for_url("**/index.html")
    page.check()


def test_navigation_between_commitments_decision_and_organisation(browser: tuple[str, Any]) -> None:
    base, found = browser
    page = watched_page(found)
    page.goto(f"{base}/index.html")
    page.locator("a[href='sitoumukset/kaupunginjohtaja.html']").click()
    page.wait_for_url("**/sitoumukset/kaupunginjohtaja.html")
    page.locator("section.duty a[href$='paatokset/kj-2016-59.html']").first.click()
    page.wait_for_url("**/paatokset/kj-2016-59.html")
    page.locator("dl.facts a[href$='organisaatiot/kaupunginkanslia-elinkeino-osasto.html']").click()
    page.wait_for_url("**/organisaatiot/kaupunginkanslia-elinkeino-osasto.html")
    assert page.get_by_role("img", name="Aikajana tehtävien haltijoista palkkeina ajan funktiona").count() >= 1
    page.locator("dl.facts a[href='kaupunginkanslia.html']").click()
    page.wait_for_url("**/organisaatiot/kaupunginkanslia.html")
    page.check()


MAIN_PAGES = {
    "front": "index.html",
    "front-sv": "sv/index.html",
    "decision": "paatokset/kj-2016-59.html",
    "decision-sv": "sv/paatokset/kv-2025-254.html",
    "maker": "paattajat/kaupunginvaltuusto/index.html",
    "year": "paattajat/kaupunginvaltuusto/2025.html",
    "meeting": "kokoukset/kaupunginvaltuusto-2025-16.html",
    "case": "asiat/hel-2021-012111.html",
    "search": "haku/index.html",
    "organisation": "organisaatiot/kaupunginkanslia-elinkeino-osasto.html",
    "commitments": "sitoumukset/kaupunginjohtaja.html",
}


@pytest.mark.parametrize("name", sorted(MAIN_PAGES))
def test_main_pages_are_accessible_and_quiet(browser: tuple[str, Any], name: str) -> None:
    base, found = browser
    page = watched_page(found)
    page.goto(f"{base}/{MAIN_PAGES[name]}")
    page.wait_for_load_state("networkidle")
    assert page.locator("h1").count() == 1
    assert page.locator("main").count() == 1 and page.locator("nav, header").count() >= 1
    page.keyboard.press("Tab")  # the skip link is the first stop and leads to the content
    assert page.evaluate("document.activeElement.className") == "skip"
    assert_accessible(page)
    screenshot(page, name)
    page.check()

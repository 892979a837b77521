"""Driving a real browser over a folder: Debian's Chromium through
Playwright, a static file server on 127.0.0.1, pages that fail the test on
any console error or failed request, axe-core's accessibility check, and
screenshots kept as test artefacts ($GOVDOCS_ARTIFACTS, else
artifacts/screenshots/ in the checkout).

    with serve(folder) as base, chromium() as browser:
        page = watched_page(browser)
        page.goto(base + "/index.html")
        assert_accessible(page)
        screenshot(page, "front")
"""

from __future__ import annotations

import functools
import http.server
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ROOT = Path(__file__).resolve().parents[1]
SERIOUS = frozenset({"moderate", "serious", "critical"})
"""The axe impacts a page may not have: the issue asks for no serious one;
the pages have no moderate one either (heading order, landmarks), so that
is kept too."""


def artifacts() -> Path:
    """Where screenshots go (made on first use)."""
    folder = Path(os.environ.get("GOVDOCS_ARTIFACTS") or ROOT / "artifacts" / "screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class's name
        pass


@contextmanager
def serve(folder: Path) -> Iterator[str]:
    """A plain static file server for ``folder`` on a free port of
    127.0.0.1, as a web host would serve the site; its base URL."""
    handler = functools.partial(_Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def chromium() -> Iterator[Any]:
    """Debian's Chromium, headless; skipped with the reason when it is absent
    (setup.sh --test installs it)."""
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} not found: ./setup.sh --test installs Chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            yield browser
        finally:
            browser.close()


class WatchedPage:
    """A page that records every console error, uncaught exception, failed
    request and HTTP error response, and the bytes it downloaded."""

    def __init__(self, page: Any):
        self.page = page
        self.problems: list[str] = []
        self.downloaded: list[tuple[str, int]] = []
        page.on("console", lambda m: self.problems.append(f"console: {m.text}") if m.type == "error" else None)
        page.on("pageerror", lambda e: self.problems.append(f"exception: {e}"))
        page.on("requestfailed", lambda r: self.problems.append(f"failed: {r.url} ({r.failure})"))
        page.on("response", self._response)

    def _response(self, response: Any) -> None:
        if response.status >= 400:
            self.problems.append(f"HTTP {response.status}: {response.url}")
            return
        try:
            size = len(response.body())
        except Exception:  # noqa: BLE001 - a redirect or an aborted body has none
            size = 0
        self.downloaded.append((response.url, size))

    def __getattr__(self, name: str) -> Any:
        return getattr(self.page, name)

    def check(self) -> None:
        """Fail on anything the page reported."""
        assert self.problems == [], self.problems


def watched_page(browser: Any) -> WatchedPage:
    return WatchedPage(browser.new_page())


@functools.cache
def _axe_source() -> str:
    import axe_playwright_python

    return (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")


def assert_accessible(page: Any) -> None:
    """axe-core over the page as shown: no moderate, serious or critical violation."""
    page.evaluate(_axe_source())
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    found = [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"] if v.get("impact") in SERIOUS
    ]
    assert found == [], f"{page.url}: {found}"


def screenshot(page: Any, name: str) -> Path:
    """A full-page screenshot kept as a test artefact."""
    path = artifacts() / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path

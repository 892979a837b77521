"""`govdocs serve` end to end in headless Chromium (Debian's package, driven
by Playwright): the page shows the decision, follows a change of the record
on disk by itself, serves the PDF, and shows a broken record's error with
its file and line."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from govdocs.drafting.preview import make_server
from tests.browser import chromium
from tests.bundled import copy_registry

ROOT = Path(__file__).resolve().parents[1]
# Text as the reader sees it: the HTML carries soft hyphens for Finnish line breaks.
SHOWS = "text => document.body.textContent.replace(/\\u00ad/g, '').includes(text)"

pytestmark = pytest.mark.slow


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    copy_registry(tmp_path)
    shutil.copytree(ROOT / "decisions", tmp_path / "decisions")
    server = make_server(tmp_path, 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", tmp_path
    finally:
        server.shutdown()
        server.server_close()


def test_preview_follows_the_record_on_disk(served: tuple[str, Path]) -> None:
    base, root = served
    record = root / "decisions" / "2021" / "kp-2021-5.yaml"
    text = record.read_text(encoding="utf-8")
    with chromium() as browser:
        page = browser.new_page()
        page.goto(f"{base}/d/kp-2021-5")
        page.wait_for_function(
            SHOWS, arg="Matkailun yhteistyöryhmä asetetaan vuosille 2022–2025.", timeout=10_000
        )
        problems = page.locator("#govdocs-problems")
        assert "error:" not in problems.inner_text()  # only the warning that the source gives no date

        record.write_text(text.replace("vuosille 2022–2025.", "vuosille 2022–2026."), encoding="utf-8")
        page.wait_for_function(
            SHOWS, arg="Matkailun yhteistyöryhmä asetetaan vuosille 2022–2026.", timeout=10_000
        )

        pdf = page.request.get(base + str(page.locator("#govdocs-pdf").get_attribute("href")))
        assert pdf.headers["content-type"] == "application/pdf" and pdf.body()[:5] == b"%PDF-"

        broken = text.replace("number: 5\n", "number: 5\nmaker_note: x\n")
        line = broken.splitlines().index("maker_note: x") + 1
        record.write_text(broken, encoding="utf-8")
        error = f"kp-2021-5.yaml:{line}:1: error: maker_note: unknown key 'maker_note'; did you mean 'maker'?"
        page.wait_for_function(SHOWS, arg=error, timeout=10_000)
        assert error in problems.inner_text()

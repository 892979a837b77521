"""The preview's pages without a browser: generated text follows the data
before regeneration, the version token follows the files, unknown ids 404."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import yaml

from govdocs.drafting import new_decision
from govdocs.drafting.preview import HOST, Preview, make_server, version
from tests.bundled import copy_registry

ROOT = Path(__file__).resolve().parents[1]


def records(tmp_path: Path) -> Path:
    copy_registry(tmp_path)
    shutil.copytree(ROOT / "decisions", tmp_path / "decisions")
    return tmp_path


def test_generated_text_follows_the_data_live(tmp_path: Path) -> None:
    root = records(tmp_path)
    made = new_decision(root, "note-report", "kansliapaallikko", date(2022, 3, 1))
    data = yaml.safe_load(made.path.read_text(encoding="utf-8"))
    data["drafting"]["values"] = {
        "author": "kaupunginkanslia",
        "report": "loppuraportin",
        "report_date": "1.2.2022",
    }
    before = version(root)
    made.path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    assert version(root) != before
    page = Preview(root).page(f"/d/{made.id}")
    shown = page.body.decode("utf-8").replace("\u00ad", "")
    assert page.status == 200
    assert (
        "Kansliapäällikkö päättää merkitä kaupunginkanslian 1.2.2022 päivätyn loppuraportin tiedoksi."
        in shown
    )
    assert 'id="govdocs-pdf" href="/d/kp-2022-1.pdf"' in shown


def test_unknown_decision_and_path(tmp_path: Path) -> None:
    preview = Preview(records(tmp_path))
    assert preview.page("/d/kp-1999-1").status == 404
    assert preview.page("/nothing").status == 404
    assert preview.page("/").status == 200


def test_bound_to_loopback_only(tmp_path: Path) -> None:
    server = make_server(records(tmp_path), 0)
    try:
        assert server.server_address[0] == HOST == "127.0.0.1"
    finally:
        server.server_close()


def test_serve_command_prints_its_loopback_address(tmp_path: Path) -> None:
    import re
    import subprocess
    import sys
    import urllib.request

    root = records(tmp_path)
    command = [str(Path(sys.executable).parent / "govdocs")]
    process = subprocess.Popen(
        [*command, "serve", str(root), "--port", "0"], stdout=subprocess.PIPE, text=True
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        match = re.fullmatch(
            rf"Serving {re.escape(str(root))} at http://127\.0\.0\.1:(\d+)/ \(Ctrl-C stops\)\n", line
        )
        assert match, line
        with urllib.request.urlopen(f"http://127.0.0.1:{match.group(1)}/version") as response:
            assert response.read().decode() == version(root)
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_placeholders_are_highlighted(tmp_path: Path) -> None:
    root = records(tmp_path)
    made = new_decision(root, "note-report", "kansliapaallikko", date(2022, 3, 1))
    shown = Preview(root).page(f"/d/{made.id}").body.decode("utf-8").replace("\u00ad", "")
    assert '<mark class="govdocs-placeholder">TÄYTÄ: raportin nimi</mark>' in shown
    assert "mark.govdocs-placeholder{" in shown
    head = shown.split("<body", 1)[0]
    assert "TÄYTÄ: raportin nimi" in head  # the <title>, left as text
    assert "<mark" not in head

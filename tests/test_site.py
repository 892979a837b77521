"""The public site: every page it should have, in the right language, made
from public copies only, incrementally (nothing changed: nothing written),
stale pages removed, and nothing written over invalid records."""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from govdocs.cli import cli
from govdocs.publish.site import SITE_MANIFEST, build_site
from tests import builders
from tests.bundled import ROOT
from tests.test_public_copy_leaks import NAME_FORMS, SECRETS, _fold, _public_decision, _secret_decision

DAY = date(2026, 1, 1)


@pytest.fixture(scope="module")
def site_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("site-cache")


@pytest.fixture(scope="module")
def bundled_site(tmp_path_factory: pytest.TempPathFactory, site_cache: Path) -> Path:
    out = tmp_path_factory.mktemp("site") / "public"
    build_site(ROOT, out, as_of=DAY, documents=(), cache_dir=site_cache)
    return out


def site_files(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and p.name != ".govdocs.lock"}


def test_every_page_kind_is_there(bundled_site: Path) -> None:
    names = set(site_files(bundled_site))
    for expected in ("index.html", "sv/index.html", "haku/index.html", "site.css",
                     "paatokset/kj-2016-59.html", "paattajat/kaupunginjohtaja/index.html",
                     "paattajat/kaupunginvaltuusto/2025.html", "paattajat/kaupunginvaltuusto/atom.xml",
                     "kokoukset/kaupunginvaltuusto-2025-16.html", "asiat/hel-2014-011413.html",
                     "sv/paatokset/kv-2025-254.html", SITE_MANIFEST):
        assert expected in names, expected


def test_pages_are_in_their_language_with_one_h1_and_landmarks(bundled_site: Path) -> None:
    for name, data in site_files(bundled_site).items():
        if not name.endswith(".html"):
            continue
        html = data.decode("utf-8")
        lang = "sv" if name.startswith("sv/") else "fi"
        assert f'<html lang="{lang}">' in html, name
        assert html.count("<h1") == 1, name
        for landmark in ("<header", "<main", "<footer", 'class="skip"'):
            assert landmark in html, (name, landmark)


def test_every_relative_link_resolves(bundled_site: Path) -> None:
    files = set(site_files(bundled_site))
    broken = []
    for name in files:
        if not name.endswith((".html", ".xml")):
            continue
        text = (bundled_site / name).read_text(encoding="utf-8")
        for href in re.findall(r'(?:href|src)="([^"#?]+)', text):
            if "://" in href or href.startswith("data:"):
                continue
            target = (bundled_site / name).parent / href
            if target.resolve().relative_to(bundled_site.resolve()).as_posix() not in files:
                broken.append((name, href))
    assert broken == []


def test_a_swedish_page_says_what_the_swedish_version_says(bundled_site: Path) -> None:
    html = (bundled_site / "sv/paatokset/kv-2025-254.html").read_text(encoding="utf-8")
    assert "luftkvalitet" in html.casefold()
    assert 'hreflang="fi"' in html


def test_nothing_changed_writes_nothing(bundled_site: Path, site_cache: Path, tmp_path: Path) -> None:
    out = tmp_path / "copy"
    shutil.copytree(bundled_site, out)
    before = site_files(out)
    result = build_site(ROOT, out, as_of=DAY, documents=(), cache_dir=site_cache)
    assert result.made == [] and result.removed == [] and result.rendered == 0
    assert site_files(out) == before


def test_an_edited_record_makes_its_pages_again_and_a_deleted_one_goes(tmp_path: Path) -> None:
    records = builders.write_repo(tmp_path / "records", _public_decision())
    out = tmp_path / "public"
    first = build_site(records, out, as_of=DAY, documents=(), cache_dir=tmp_path / "cache")
    assert "paatokset/kj-2016-1.html" in first.made
    builders.write_repo(records, _public_decision(), _secret_decision())
    second = build_site(records, out, as_of=DAY, documents=(), cache_dir=tmp_path / "cache")
    assert "paatokset/kj-2016-2.html" in second.made
    assert "paatokset/kj-2016-1.html" not in second.made  # unchanged, kept
    (next(records.rglob("kj-2016-2.yaml"))).unlink()
    third = build_site(records, out, as_of=DAY, documents=(), cache_dir=tmp_path / "cache")
    assert "paatokset/kj-2016-2.html" in third.removed
    assert not (out / "paatokset/kj-2016-2.html").exists()


def test_no_masked_name_or_secret_reaches_any_file_of_the_site(tmp_path: Path) -> None:
    records = builders.write_repo(tmp_path / "records", _public_decision(), _secret_decision())
    out = tmp_path / "public"
    result = CliRunner().invoke(cli, ["site", "-C", str(records), "--out", str(out), "--as-of", "2017-06-01",
                                      "--cache-dir", str(tmp_path / "cache")])
    assert result.exit_code == 0, result.output
    texts = {name: _fold(data.decode("utf-8", "replace")) for name, data in site_files(out).items()
             if not name.endswith(".pdf")}
    found = [(name, word) for name, text in texts.items() for word in (*NAME_FORMS, *SECRETS) if word in text]
    assert found == []
    assert "salassa pidettävä päätös" in texts["paatokset/kj-2016-2.html"]


def test_invalid_records_are_refused_and_nothing_is_written(tmp_path: Path) -> None:
    records = builders.write_repo(tmp_path / "records", _public_decision())
    bad = next(records.rglob("kj-2016-1.yaml"))
    bad.write_text(bad.read_text(encoding="utf-8").replace("number: 1", "number: -1"), encoding="utf-8")
    out = tmp_path / "public"
    result = CliRunner().invoke(cli, ["site", "-C", str(records), "--out", str(out),
                                      "--cache-dir", str(tmp_path / "cache")])
    assert result.exit_code == 1
    assert "kj-2016-1.yaml:" in result.output
    assert not out.exists()


def _section(html: str, cls: str) -> str:
    start = html.index(f'<section class="{cls}">')
    return html[start:html.index("</section>", start)]


def test_attachments_not_published_are_listed_with_the_reason(bundled_site: Path) -> None:
    # ylj-2021-210: 15 attachments with personal data; asiakkuus2-yp-2022-2: a lease the web copy does not publish
    personal = _section((bundled_site / "paatokset/ylj-2021-210.html").read_text(encoding="utf-8"),
                        "attachments-on-web")
    assert personal.count("ei julkaista verkossa, sisältää henkilötietoja") == 15
    assert "Jatkolupa" not in personal  # no title of an attachment with personal data
    assert "Päätösasiakirjoissa on mainittu liitteitä, joita ei julkaista internetissä." in personal
    lease = _section((bundled_site / "paatokset/asiakkuus2-yp-2022-2.html").read_text(encoding="utf-8"),
                     "attachments-on-web")
    assert "Liite 1 Myllymatkantie 4 Myllypuron seniorikeskus vuokrasopimus 1.9.2021 (002): ei julkaista verkossa" in lease
    assert "Liite 2 HEKA Erityisasuntojen vastuunjakotaulukko: julkinen" in lease


def test_each_maker_has_an_atom_feed_of_its_newest_decisions(bundled_site: Path) -> None:
    from xml.etree import ElementTree

    atom = "{http://www.w3.org/2005/Atom}"
    feed = ElementTree.parse(bundled_site / "paattajat/kaupunginvaltuusto/atom.xml").getroot()
    assert feed.tag == f"{atom}feed" and feed.get("{http://www.w3.org/XML/1998/namespace}lang") == "fi"
    for required in ("title", "id", "updated", "author"):
        assert feed.find(f"{atom}{required}") is not None, required
    entries = feed.findall(f"{atom}entry")
    assert len(entries) == 13
    ids = [e.findtext(f"{atom}id") for e in entries]
    assert len(set(ids)) == 13 and all(i and i.startswith("urn:uuid:") for i in ids)
    first = entries[0]
    assert first.findtext(f"{atom}title") == "Kokouksessa jätetyt aloitteet"
    assert first.findtext(f"{atom}updated") == "2025-10-22T00:00:00Z"
    link = first.find(f"{atom}link")
    assert link is not None and link.get("href") == "../../paatokset/kv-2025-256.html"
    assert (bundled_site / "paattajat/kaupunginvaltuusto" / str(link.get("href"))).resolve().is_file()
    # the feed's day is its newest decision's, never the build's clock
    assert feed.findtext(f"{atom}updated") == "2025-10-22T00:00:00Z"


def test_a_bad_cache_url_is_a_usage_error_and_nothing_is_made(tmp_path: Path) -> None:
    out = tmp_path / "public"
    result = CliRunner().invoke(cli, ["site", "-C", str(ROOT), "--out", str(out), "--cache-url", "ftp://x/y"])
    assert result.exit_code == 2
    assert "--cache-url must be s3://BUCKET/PREFIX or http(s)://HOST/PREFIX" in result.output
    assert not out.exists()

"""The PDF is archival: PDF/A-3b (pikepdf's validator approves it), the
source YAML embedded as an associated file, shipped fonts embedded, tagged,
with the metadata and the Helsinki page header."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pikepdf
import pytest
from pikepdf import pdfa

import govdocs
from govdocs.document.model import Document, Metadata, Paragraph
from govdocs.render import build, document_bytes, render
from govdocs.repository import Repository
from govdocs.typeset.fonts import FONT_DIR
from govdocs.writers.pdf import FetchRefused, _fetcher_class
from tests import builders
from tests.render_helpers import ROOT, pdf_text


@pytest.fixture(scope="module")
def repo() -> Repository:
    return govdocs.load(ROOT)


@pytest.fixture(scope="module")
def seed_pdf(repo: Repository, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return render(repo, "kj-2016-59", ["pdf"], tmp_path_factory.mktemp("pdf"))[0]


def test_seed_pdf_passes_the_pdfa_3b_validator(seed_pdf: Path) -> None:
    report = pdfa.validate_written(seed_pdf, "3b")
    assert [str(f) for f in report.findings] == []
    assert report.verdict == "pass"
    with pikepdf.open(seed_pdf) as pdf:
        meta = pdf.open_metadata()
        assert (meta["pdfaid:part"], meta["pdfaid:conformance"]) == ("3", "B")


def test_source_yaml_is_an_associated_file(seed_pdf: Path) -> None:
    source = (ROOT / "decisions" / "2016" / "kj-2016-59.yaml").read_bytes()
    with pikepdf.open(seed_pdf) as pdf:
        assert list(pdf.attachments) == ["kj-2016-59.yaml"]
        assert pdf.attachments["kj-2016-59.yaml"].get_file().read_bytes() == source
        associated = list(pdf.Root.AF)
        assert [str(spec.UF) for spec in associated] == ["kj-2016-59.yaml"]
        assert associated[0].AFRelationship == pikepdf.Name.Source


def test_only_shipped_fonts_are_embedded(seed_pdf: Path) -> None:
    names = set()
    with pikepdf.open(seed_pdf) as pdf:
        for page in pdf.pages:
            for font in page.Resources.Font.values():
                descriptor = font.DescendantFonts[0].FontDescriptor if "/DescendantFonts" in font \
                    else font.FontDescriptor
                assert "/FontFile2" in descriptor or "/FontFile3" in descriptor
                names.add(str(font.BaseFont).split("+", 1)[-1])
    assert names and all(name.startswith("Noto-Sans") for name in names), names


def test_pdf_is_tagged_with_language_and_metadata(seed_pdf: Path) -> None:
    with pikepdf.open(seed_pdf) as pdf:
        assert pdf.Root.MarkInfo.Marked is True
        assert "/StructTreeRoot" in pdf.Root
        assert str(pdf.Root.Lang) == "fi"
        info = pdf.docinfo
        assert str(info.Title) == "Helsingin kaupungin työmarkkinatuki-työryhmän loppuraportti"
        assert str(info.Author) == "Kaupunginjohtaja"
        assert str(info.Subject) == "HEL 2014-011413"
        # The seed states no date: no creation date is invented.
        assert "/CreationDate" not in info


def test_page_header_has_maker_type_and_page_of_pages(seed_pdf: Path) -> None:
    with pikepdf.open(seed_pdf) as pdf:
        pages = len(pdf.pages)
    assert pages >= 2
    for number in (1, pages):
        header = pdf_text(seed_pdf, "-f", str(number), "-l", str(number), "-y", "0", "-H", "88",
                          "-x", "0", "-W", "596")
        lines = {line.strip() for line in header.splitlines() if line.strip()}
        assert lines == {"Helsingin kaupunki", "Kaupunginjohtaja", "Päätös", f"{number} ({pages})"}


def test_stated_date_is_in_header_and_metadata(tmp_path: Path) -> None:
    repo = govdocs.load(builders.write_repo(tmp_path / "r", builders.decision(date="2016-06-01")))
    path = render(repo, "kj-2016-1", ["pdf"], tmp_path / "out")[0]
    assert "1.6.2016" in pdf_text(path, "-y", "0", "-H", "88", "-x", "0", "-W", "596")
    with pikepdf.open(path) as pdf:
        assert str(pdf.docinfo.CreationDate).startswith("D:20160601")


def test_finnish_text_is_hyphenated_at_compound_seams(repo: Repository, seed_pdf: Path) -> None:
    from govdocs.render import hyphenate
    from govdocs.writers.html import html_string

    html = html_string(hyphenate(build(repo, "kj-2016-59")), paged=True)
    assert "ta\u00adlous\u00adar\u00advion" in html
    breaks = re.findall(r"(\w+)\u2010\n(\w+)", pdf_text(seed_pdf))
    assert breaks, "the seed text breaks words at line ends"
    assert all(len(left) >= 2 and len(right) >= 2 for left, right in breaks), breaks


def test_fetcher_serves_only_the_shipped_fonts() -> None:
    fetcher = _fetcher_class()()
    font = next(FONT_DIR.glob("*.ttf"))
    assert fetcher.fetch(font.as_uri()).read() == font.read_bytes()
    for url in ("https://example.org/logo.png", "file:///etc/passwd",
                FONT_DIR.as_uri() + "/../fonts/OFL.txt"):
        with pytest.raises(FetchRefused):
            fetcher.fetch(url)


def test_a_drawing_asking_for_the_network_is_dropped(caplog: pytest.LogCaptureFixture) -> None:
    from govdocs.document.model import Figure

    svg = ('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
           '<image href="https://example.org/x.png" width="10" height="10"/></svg>')
    doc = Document(Metadata(title="t"), (Paragraph("x"), Figure(svg, caption="c")))
    assert document_bytes(doc, "pdf").startswith(b"%PDF-1.7")
    assert any(r.name == "weasyprint" and r.levelname == "ERROR" for r in caplog.records)


def test_pdf_of_a_generic_tree_is_valid_pdfa() -> None:
    doc = Document(Metadata(title="Seuranta", author="Kanslia"), (Paragraph("Kaikki hyvin."),))
    report = pdfa.validate_written(io.BytesIO(document_bytes(doc, "pdf")), "3b")
    assert report.verdict == "pass", [str(f) for f in report.findings]


def test_links_to_other_documents_stay_relative_and_machine_independent() -> None:
    from govdocs.document.model import Link

    doc = Document(
        Metadata(title="Vastuut"),
        (Paragraph(("Päätös: ", Link("59 §", "../kj-2016-59.pdf"), " ja ", Link("HTML", "kj-2016-59.html#paatos"))),),
    )
    data = document_bytes(doc, "pdf")
    with pikepdf.open(io.BytesIO(data)) as pdf:
        uris = [str(a.A.URI) for page in pdf.pages for a in page.get("/Annots", []) if "/A" in a]
    assert uris == ["../kj-2016-59.pdf", "kj-2016-59.html#paatos"]
    assert str(ROOT).encode() not in data and b"file:" not in data


def _stock_and_patched_pdfs(doc: Document, monkeypatch: pytest.MonkeyPatch) -> tuple[bytes, bytes]:
    from weasyprint.text import line_break

    from govdocs.typeset import soft_hyphens

    patched = document_bytes(doc, "pdf")  # installs the patch on the first PDF of the process
    assert soft_hyphens.installed() and soft_hyphens.stock_code is not None
    monkeypatch.setattr(line_break.split_first_line, "__code__", soft_hyphens.stock_code)
    assert not soft_hyphens.installed()
    return document_bytes(doc, "pdf"), patched


def test_faster_soft_hyphen_tries_keep_the_seed_pdf_byte_identical(
    repo: Repository, monkeypatch: pytest.MonkeyPatch
) -> None:
    stock, patched = _stock_and_patched_pdfs(build(repo, "kj-2016-59"), monkeypatch)
    assert stock == patched


def test_faster_soft_hyphen_tries_keep_narrow_cells_and_long_words_identical(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from govdocs.document.model import Table

    words = ("kaupunkiympäristölautakunta päätti hyväksyä toimivallan siirtämisen "
             "elinkeinopalveluiden yksikönpäällikölle sekä talousarvion toteutumisen seurannan ")
    cell = "Kaupunginkanslian hallintoyksikön asiakirjahallintopäällikkö " * 3
    doc = Document(
        Metadata(title="Rivitys"),
        (Paragraph(words * 12), Paragraph("Ympäristöterveydenhuollonvalvontaviranomaisyhteistyö " * 9),
         Table(("Nimike", "Tehtävä", "Yksikkö", "Huomautus"), ((cell, words, "x", cell),) * 3)),
    )
    stock, patched = _stock_and_patched_pdfs(doc, monkeypatch)
    assert stock == patched
    (tmp_path / "rivitys.pdf").write_bytes(patched)
    lines = pdf_text(tmp_path / "rivitys.pdf").splitlines()
    assert sum(line.rstrip().endswith("\u2010") for line in lines) >= 5  # words broken at soft hyphens

"""The DOCX is a working document: named styles, PAGE/NUMPAGES fields in
the header, core properties, a reproducible zip; LibreOffice opens it."""

from __future__ import annotations

import datetime as dt
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest

import govdocs
from govdocs.render import render
from govdocs.repository import Repository
from tests import builders
from tests.render_helpers import ROOT, pdf_text


@pytest.fixture(scope="module")
def repo() -> Repository:
    return govdocs.load(ROOT)


@pytest.fixture(scope="module")
def board_docx(repo: Repository, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return render(repo, "kh-2021-898", ["docx"], tmp_path_factory.mktemp("docx"))[0]


def _styles_of(path: Path) -> dict[str, str]:
    """First paragraph text → its style name."""
    found: dict[str, str] = {}
    for paragraph in docx.Document(str(path)).paragraphs:
        found.setdefault(paragraph.text.replace("\u00ad", ""), paragraph.style.name if paragraph.style else "")
    return found


def test_parts_use_named_styles(board_docx: Path) -> None:
    styles = _styles_of(board_docx)
    assert styles["§ 898"] == "Section Mark"
    assert styles["Työterveysliikelaitoksen johtokunnan jäsenen ja puheenjohtajan valinta"] == "Heading 1"
    assert styles["HEL 2021-012720 T 00 00 02"] == "Case Number"
    assert styles["Päätös"] == "Heading 2"
    assert styles["Saara Nirkko, hallintoasiantuntija, puhelin: 310 26312"] == "Contact"
    assert styles["1 Eroilmoitus"] == "Attachment Line"
    assert styles["kunnan jäsen."] == "List Bullet"
    assert styles["Oikaisuvaatimusoikeus"] == "Heading 3"


def test_header_has_page_and_numpages_fields(board_docx: Path) -> None:
    with zipfile.ZipFile(board_docx) as package:
        headers = [n for n in package.namelist() if n.startswith("word/header")]
        xml = "".join(package.read(name).decode("utf-8") for name in headers)
    assert xml.count('w:fldCharType="begin"') == 2
    assert "<w:instrText xml:space=\"preserve\"> PAGE </w:instrText>" in xml
    assert "<w:instrText xml:space=\"preserve\"> NUMPAGES </w:instrText>" in xml
    header = docx.Document(str(board_docx)).sections[0].header
    assert [p.text for p in header.paragraphs] == [
        "Helsingin kaupunki\tPöytäkirja", "Kaupunginhallitus\t1 (1)"]


def test_core_properties(board_docx: Path) -> None:
    props = docx.Document(str(board_docx)).core_properties
    assert props.title == "Työterveysliikelaitoksen johtokunnan jäsenen ja puheenjohtajan valinta"
    assert (props.author, props.subject, props.language) == ("Kaupunginhallitus", "HEL 2021-012720", "fi")
    assert props.keywords == "Pöytäkirja, Kaupunginhallitus, HEL 2021-012720, 00 00 02"
    # Not stated in the record: a fixed date, never the time of rendering.
    assert props.created == props.modified == dt.datetime(1980, 1, 1, 0, 0, tzinfo=dt.UTC)


def test_created_is_the_decision_date(tmp_path: Path) -> None:
    repo = govdocs.load(builders.write_repo(tmp_path / "r", builders.decision(date="2016-06-01")))
    path = render(repo, "kj-2016-1", ["docx"], tmp_path / "out")[0]
    assert docx.Document(str(path)).core_properties.created == dt.datetime(2016, 6, 1, 12, 0, tzinfo=dt.UTC)


def test_zip_is_sorted_with_fixed_timestamps(board_docx: Path) -> None:
    with zipfile.ZipFile(board_docx) as package:
        infos = package.infolist()
    names = [info.filename for info in infos]
    assert names == sorted(names) and names[0] == "[Content_Types].xml"
    assert {info.date_time for info in infos} == {(1980, 1, 1, 0, 0, 0)}


def test_soft_hyphens_are_word_soft_hyphens(board_docx: Path) -> None:
    with zipfile.ZipFile(board_docx) as package:
        xml = package.read("word/document.xml").decode("utf-8")
    assert "<w:softHyphen/>" in xml
    assert "\u00ad" not in xml


@pytest.mark.slow
def test_libreoffice_opens_it_and_fills_the_page_fields(board_docx: Path, tmp_path: Path) -> None:
    profile = (tmp_path / "profile").as_uri()
    subprocess.run(
        ["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(board_docx)],
        check=True, capture_output=True, timeout=120,
    )
    converted = tmp_path / "kh-2021-898.pdf"
    pages = pdf_text(converted).count("\f")
    assert pages >= 2
    first = pdf_text(converted, "-f", "1", "-l", "1")
    last = pdf_text(converted, "-f", str(pages), "-l", str(pages))
    assert f"1 ({pages})" in first and f"{pages} ({pages})" in last
    assert "Viranomainen, jolle oikaisuvaatimus tehdään, on Helsingin kaupunginhallitus." in \
        " ".join(pdf_text(converted).split())


def test_proofing_language_is_finnish(board_docx: Path) -> None:
    with zipfile.ZipFile(board_docx) as package:
        styles = package.read("word/styles.xml").decode("utf-8")
    assert '<w:lang w:val="fi-FI"/>' in styles

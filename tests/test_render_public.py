"""--public renders the web copy: personal data as *****, secret parts
only as a mention with their legal basis, officials' contacts kept, no
source YAML embedded. Proved from the PDF's extracted text."""

from __future__ import annotations

from pathlib import Path

import pikepdf
import pytest

import govdocs
from govdocs.render import FORMATS, render
from tests import builders
from tests.render_helpers import extract, pdf_text

BASIS = "JulkL (621/1999) 24.1 § 25 k"


def _record() -> dict[str, object]:
    return builders.decision(
        title="Johtokunnan jäsenen ero",
        sections=[
            {"kind": "decision", "body": [
                "Kunnanjohtaja myönsi Nina Grosille eron johtokunnan jäsenyydestä.",
                builders.TEXT,
            ]},
            {"kind": "grounds", "body": ["Nina Gros on pyytänyt eroa 22.11.2021."]},
            {"heading": "Terveydentila", "publicity": {"class": "salassa-pidettava", "basis": BASIS},
             "body": ["Lääkärin mukaan jäsenen terveydentila estää tehtävän hoitamisen."]},
        ],
        personal_data=["Nina Gros"],
        attachments=[
            {"number": 1, "title": "Eroilmoitus", "personal": True},
            {"number": 2, "title": "Lääkärinlausunto",
             "publicity": {"class": "salassa-pidettava", "basis": BASIS}},
        ],
    )


@pytest.fixture(scope="module")
def copies(tmp_path_factory: pytest.TempPathFactory) -> dict[bool, list[Path]]:
    root = builders.write_repo(tmp_path_factory.mktemp("public") / "records", _record())
    repo = govdocs.load(root)
    out = root / "build"
    return {public: render(repo, "kj-2016-1", FORMATS, out, public=public) for public in (False, True)}


def _one_line(text: str) -> str:
    return " ".join(text.replace("\u00ad", "").replace("\u2010\n", "").split())


def test_public_pdf_hides_personal_data_and_secrets(copies: dict[bool, list[Path]]) -> None:
    pdf = next(p for p in copies[True] if p.suffix == ".pdf")
    assert pdf.name == "kj-2016-1-julkinen.pdf"
    text = _one_line(pdf_text(pdf))
    assert "Gros" not in text
    assert "Kunnanjohtaja myönsi ***** eron johtokunnan jäsenyydestä." in text
    assert "***** on pyytänyt eroa 22.11.2021." in text
    assert "terveydentila estää" not in text
    assert "Terveydentila" not in text
    assert f"Salassa pidettävä osa Salassa pidettävä, {BASIS}" in text
    assert f"2 Lääkärinlausunto (Salassa pidettävä, {BASIS})" in text
    assert "Eroilmoitus" not in text
    assert "Maija Meikäläinen, suunnittelija, puhelin: 09 1" in text


def test_public_pdf_embeds_no_source(copies: dict[bool, list[Path]]) -> None:
    pdf = next(p for p in copies[True] if p.suffix == ".pdf")
    with pikepdf.open(pdf) as document:
        assert list(document.attachments) == []


@pytest.mark.parametrize("suffix", [".html", ".docx", ".txt"])
def test_every_public_format_hides_them(copies: dict[bool, list[Path]], suffix: str) -> None:
    text = _one_line(extract(next(p for p in copies[True] if p.suffix == suffix)))
    assert "Gros" not in text and "terveydentila estää" not in text
    assert "*****" in text and BASIS in text


def test_record_copy_keeps_everything_and_marks_the_secret(copies: dict[bool, list[Path]]) -> None:
    pdf = next(p for p in copies[False] if p.suffix == ".pdf")
    text = _one_line(pdf_text(pdf))
    assert "Kunnanjohtaja myönsi Nina Grosille eron" in text
    assert f"Salassa pidettävä, {BASIS} Lääkärin mukaan jäsenen terveydentila estää" in text
    assert "1 Eroilmoitus" in text

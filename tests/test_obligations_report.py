"""The follow-up report: its document tree and timeline on the bundled
records, and the HTML/PDF rendered through the decision pipeline."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pikepdf
import pytest
from click.testing import CliRunner

import govdocs
from govdocs.cli import cli
from govdocs.document.model import Figure, KeyValue, Notice, Section, plain, walk
from govdocs.reports.followup import followup_document, followup_state

ROOT = Path(__file__).resolve().parents[1]
AS_OF = date(2018, 1, 1)


@pytest.fixture(scope="module")
def repo() -> govdocs.Repository:
    return govdocs.load(ROOT)


def test_overdue_items_are_named_in_a_warning(repo: govdocs.Repository) -> None:
    doc = followup_document(repo, AS_OF)
    (warning,) = [b for b in walk(doc.blocks) if isinstance(b, Notice) and b.kind == "warning"]
    text = plain(warning.content)
    assert text.startswith("Myöhässä 5 velvoitetta: ")
    assert "Sosiaali- ja terveystoimi esittelee kuntouttavan työtoiminnan järjestämisen" in text
    assert "Opetusvirasto esittelee työttömille järjestettävät koulutukset" in text


def test_each_obligation_instance_has_a_section_with_status_and_source(repo: govdocs.Repository) -> None:
    doc = followup_document(repo, AS_OF)
    sections = [b for b in walk(doc.blocks) if isinstance(b, Section) and b.role.startswith("obligation ")]
    assert [s.role for s in sections] == ["obligation overdue"] * 5 + ["obligation open"]
    facts = {
        k: plain(v) for k, v in next(b for b in walk(sections[0].blocks) if isinstance(b, KeyValue)).pairs
    }
    assert facts == {
        "Tila": "myöhässä",
        "Määräpäivä": "30.9.2016",
        "Vastuu": "Kaupunginkanslia",
        "Lähde": "Kaupunginjohtaja 59 § (kj-2016-59.talousarvio)",
    }
    mandates = [
        b.heading for b in walk(doc.blocks) if isinstance(b, Section) and b.role.startswith("mandate ")
    ]
    assert mandates == ["Helsingin kaupungin työmarkkinatuki -ryhmä"]


def test_timeline_marks_overdue_and_is_stable(repo: govdocs.Repository) -> None:
    svg = followup_state(repo, AS_OF).svg
    assert svg == followup_state(repo, AS_OF).svg
    assert len(re.findall(r'<polygon [^>]*fill="#c0392b"', svg)) == 5  # overdue: red diamonds
    assert len(re.findall(r"<circle ", svg)) == 1  # the open 2018 cooperation agreement
    assert "kj-2016-59.yhteistyosopimus/2018: 30.4.2018, avoin" in svg
    (figure,) = [b for b in walk(followup_document(repo, AS_OF).blocks) if isinstance(b, Figure)]
    assert figure.svg == svg


def test_cli_renders_html_pdf_and_svg(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli, ["report", "followup", str(ROOT), "--out", str(tmp_path), "--as-of", "2018-01-01"]
    )
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["seurantaraportti-aikajana.svg", "seurantaraportti.html", "seurantaraportti.pdf"]
    html = (tmp_path / "seurantaraportti.html").read_text(encoding="utf-8")
    assert "<svg" in html and "Päätösten seurantaraportti 1.1.2018" in html
    with pikepdf.open(tmp_path / "seurantaraportti.pdf") as pdf:
        assert len(pdf.pages) >= 2
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", str(tmp_path / "seurantaraportti.pdf"), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        assert "Myöhässä 5 velvoitetta" in " ".join(text.replace("\u00ad", "").split())


def test_report_is_a_group_with_followup() -> None:
    result = CliRunner().invoke(cli, ["report", "--help"])
    assert result.exit_code == 0
    assert "followup" in result.output

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
from govdocs.document.model import Figure, KeyValue, Notice, Section, Table, plain, walk
from govdocs.reports.followup import followup_document, followup_state

ROOT = Path(__file__).resolve().parents[1]
AS_OF = date(2018, 1, 1)


@pytest.fixture(scope="module")
def repo() -> govdocs.Repository:
    # Helsinki's bundled obligations; Espoo's and Turku's are in their own reports.
    return govdocs.load(ROOT).only("helsinki")


def test_overdue_items_are_named_in_a_warning(repo: govdocs.Repository) -> None:
    doc = followup_document(repo, AS_OF)
    (warning,) = [b for b in walk(doc.blocks) if isinstance(b, Notice) and b.kind == "warning"]
    text = plain(warning.content)
    assert text.startswith("Myöhässä 5 velvoitetta: ")
    assert "Sosiaali- ja terveystoimi esittelee kuntouttavan työtoiminnan järjestämisen" in text
    assert "Opetusvirasto esittelee työttömille järjestettävät koulutukset" in text


def test_each_obligation_has_a_section_with_status_and_source(repo: govdocs.Repository) -> None:
    doc = followup_document(repo, AS_OF)
    sections = [b for b in walk(doc.blocks) if isinstance(b, Section) and b.role.startswith("obligation ")]
    # the recurring cooperation agreement is one section (2017 late, 2018 open), not one per period
    assert [s.role for s in sections] == ["obligation overdue"] * 5
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
    assert len(re.findall(r'<polygon [^>]*fill="#c0392b"><title>', svg)) == 5  # overdue: red diamonds
    assert len(re.findall(r"<circle [^>]*><title>", svg)) == 1  # the open 2018 cooperation agreement
    assert "kj-2016-59.yhteistyosopimus/2018: 30.4.2018, avoin" in svg
    (figure,) = [b for b in walk(followup_document(repo, AS_OF).blocks) if isinstance(b, Figure)]
    assert figure.svg == svg


def test_cli_renders_html_pdf_and_svg(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli, ["report", "followup", str(ROOT), "--municipality", "helsinki", "--out", str(tmp_path),
             "--as-of", "2018-01-01"]
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


def test_a_recurring_duty_is_one_section_with_a_table_of_periods(repo: govdocs.Repository) -> None:
    doc = followup_document(repo, date(2026, 12, 1))
    (section,) = [
        b for b in walk(doc.blocks)
        if isinstance(b, Section) and b.role.startswith("obligation ") and "yhteistyösopimuksella" in b.heading
    ]
    facts = {k: plain(v) for k, v in next(b for b in section.blocks if isinstance(b, KeyValue)).pairs}
    assert facts["Toistuu"] == "vuosittain, 10 kautta"
    (table,) = [b for b in section.blocks if isinstance(b, Table)]
    assert [plain(row[0]) for row in table.rows] == [str(year) for year in range(2017, 2027)]
    assert {plain(row[2]) for row in table.rows} == {"myöhässä"}
    (warning,) = [b for b in walk(doc.blocks) if isinstance(b, Notice) and b.kind == "warning"]
    assert "(kaudet 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026)" in plain(warning.content)
    assert plain(warning.content).startswith("Myöhässä 5 velvoitetta: ")


def test_timeline_legend_names_every_colour_and_the_axis_says_where_it_ends(repo: govdocs.Repository) -> None:
    svg = followup_state(repo, date(2026, 12, 1)).svg
    drawn, legend_part = svg.split("Selitteet", 1)
    used = set(re.findall(r'fill="(#[0-9a-f]{6})"><title>', drawn))
    assert used and used <= set(re.findall(r'fill="(#[0-9a-f]{6})"', legend_part))
    assert "Aikajana päättyy 31.12.2026: toistuvat velvoitteet ja raportoinnit on laskettu vuoden 2026 loppuun." in svg
    # the as-of label near the right edge is drawn leftwards, so it is not cut off
    assert re.search(r'text-anchor="end" y="[\d.]+" [^>]*>tilanne 1.12.2026</text>', svg)


def test_timeline_labels_wrap_instead_of_being_cut(repo: govdocs.Repository) -> None:
    svg = followup_state(repo, AS_OF).svg
    lines = re.findall(r"<tspan [^>]*>([^<]*)</tspan>", svg)
    assert not [line for line in lines if line.endswith("…")]
    assert "Sosiaali- ja terveystoimi esittelee" in lines and "osana työllisyyden hoitoa." in lines


def test_rows_that_read_alike_carry_their_id() -> None:
    from govdocs.reports.timeline import Chart, Mark, Row, draw

    rows = [Row("Raportoi", "o.yksi", marks=[Mark(AS_OF, "#2e86c1", "a")]), Row("Raportoi", "o.kaksi")]
    svg = draw(Chart(rows, date(2018, 1, 1), date(2018, 12, 31), "loppu", "Selitteet", []))
    assert ">Raportoi (o.yksi)<" in svg and ">Raportoi (o.kaksi)<" in svg


def test_report_and_build_write_the_same_followup_files(tmp_path: Path) -> None:
    from govdocs.build import build

    formats = ["html", "pdf", "txt"]
    args = ["report", "followup", str(ROOT), "--out", str(tmp_path / "report"), "--as-of", "2018-01-01"]
    result = CliRunner().invoke(cli, [*args, *(x for f in formats for x in ("--format", f))])
    assert result.exit_code == 0, result.output
    build(ROOT, tmp_path / "build", formats=formats, jobs=1, as_of=AS_OF, cache_dir=tmp_path / "cache")
    made = sorted(p.name for p in (tmp_path / "report").iterdir())
    # the bundled repository holds three municipalities: a report of each
    assert made == sorted(
        f"seurantaraportti-{town}{end}" for town in ("helsinki", "espoo", "turku")
        for end in ("-aikajana.svg", ".html", ".pdf", ".txt")
    )
    for name in made:
        assert (tmp_path / "report" / name).read_bytes() == (tmp_path / "build" / "reports" / name).read_bytes()

"""The responsibility audit report: its document tree and timeline picture
on the bundled records, and HTML/DOCX/PDF through the shared pipeline."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import docx
import pikepdf
import pytest
from click.testing import CliRunner

import govdocs
from govdocs.cli import cli
from govdocs.derive.responsibilities import history
from govdocs.document.model import Figure, KeyValue, Link, Section, plain, walk
from govdocs.reports.audit import SUBJECT_COLOUR, audit_document, audit_svg

ROOT = Path(__file__).resolve().parents[1]
ORG = "sosiaali-ja-terveysvirasto"
FROM, TO = date(2016, 1, 1), date(2017, 12, 31)


@pytest.fixture(scope="module")
def repo() -> govdocs.Repository:
    return govdocs.load(ROOT)


def steps(doc: govdocs.Repository) -> list[Section]:
    return [b for b in walk(doc.blocks) if isinstance(b, Section) and b.role.startswith("step ")]  # type: ignore[attr-defined]


def test_each_step_is_cited_in_order(repo: govdocs.Repository) -> None:
    found = steps(audit_document(repo, ORG, FROM, TO))  # type: ignore[arg-type]
    assert [s.heading for s in found][:2] == [
        "1. 1.1.2017 — säilytti: Kuntouttavan työtoiminnan järjestämisvastuu",
        "2. 1.1.2017 — luovutti: Nuorten työhönohjauksen toiminnat, osa neuvonta-ja-ohjaus",
    ]
    assert [s.role for s in found] == ["step stays"] + ["step transfer"] * 6 + ["step succession"] * 4
    facts = {k: plain(v) for k, v in next(b for b in found[0].blocks if isinstance(b, KeyValue)).pairs}
    assert facts == {
        "Haltija": "Sosiaali- ja terveysvirasto",
        "Laajuus": "koko",
        "Voimaan": "1.1.2017 (oletettu: Teksti ei kerro voimaantuloa. Muutokset otetaan huomioon "
        "talousarvion valmistelussa; ensimmäinen talousarviovuosi on 2017.)",
        "Päätös": "Kaupunginjohtaja 59 § (päivämäärää ei mainita, oletettu 13.9.2016)",
        "Merkintä": "kj-2016-59.kuntouttava-jaa (decisions/2016/kj-2016-59.yaml:183:9)",
        "Päätös tiedostona": "kj-2016-59.html, kj-2016-59.pdf",
    }
    quote = [plain(b.content) for b in found[0].blocks if getattr(b, "role", "") == "quote"]  # type: ignore[union-attr]
    assert quote == ["Päätöksen sanamuoto: “Kuntouttavan työtoiminnan järjestämisvastuu jää sosiaali- ja terveysvirastoon.”"]
    succession = {k: plain(v) for k, v in next(b for b in found[7].blocks if isinstance(b, KeyValue)).pairs}
    assert succession["Siirto"] == "Sosiaali- ja terveysvirasto → Sosiaali- ja terveystoimiala"
    assert succession["Päätös"] == "rekisteri: seuraaja organisaatiolle Sosiaali- ja terveysvirasto"


def test_steps_link_to_the_rendered_decision(repo: govdocs.Repository) -> None:
    doc = audit_document(repo, ORG, FROM, TO, decisions_href="../paatokset/")
    links = {run.href for s in steps(doc) for b in s.blocks if isinstance(b, KeyValue)  # type: ignore[arg-type]
             for _, value in b.pairs for run in value if isinstance(run, Link)}
    assert links == {"../paatokset/kj-2016-59.html", "../paatokset/kj-2016-59.pdf"}


def test_timeline_bars_show_who_held_what(repo: govdocs.Repository) -> None:
    hist = history(repo, ORG, FROM, TO)
    svg = audit_svg(repo, hist)
    assert svg == audit_svg(repo, hist)  # same input, same bytes
    rows = re.findall(r'<text font-size="10"><title>([^<]+)</title>', svg)
    assert rows[:3] == [
        "Kuntouttavan työtoiminnan järjestämisvastuu",
        "Nuorten työhönohjauksen toiminnat",
        "Nuorten työhönohjauksen toiminnat, osa neuvonta-ja-ohjaus",
    ]
    subject_bars = re.findall(rf'<rect [^>]*fill="{SUBJECT_COLOUR}"[^>]*><title>([^<]+)</title>', svg)
    assert "Sosiaali- ja terveysvirasto: …–31.5.2017 (koko; rekisteri: alkuperäinen haltija)" in subject_bars
    assert any(t.startswith("Kansaneläkelaitos (Kela): 1.1.2017–…") for t in re.findall(r"<title>([^<]+)</title>", svg))
    (figure,) = [b for b in walk(audit_document(repo, ORG, FROM, TO).blocks) if isinstance(b, Figure)]
    assert figure.svg == svg


def test_contradictions_are_listed(repo: govdocs.Repository) -> None:
    doc = audit_document(repo, ORG, FROM, TO)
    (section,) = [b for b in walk(doc.blocks) if isinstance(b, Section) and b.role == "contradictions"]
    assert [plain(b.content) for b in section.blocks] == ["Kohdetta koskevia ristiriitoja ei löytynyt."]  # type: ignore[union-attr]


def test_cli_writes_html_and_docx_with_links(tmp_path: Path) -> None:
    args = ["report", "audit", ORG, "--from", "2016-01-01", "--to", "2017-12-31", "--out", str(tmp_path),
            "--format", "html", "--format", "docx", "--path", str(ROOT)]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    stem = tmp_path / f"vastuut-{ORG}"
    assert result.output.splitlines() == [f"wrote {stem}.html", f"wrote {stem}.docx", f"wrote {stem}-aikajana.svg"]
    html = Path(f"{stem}.html").read_text(encoding="utf-8")
    assert html.count('href="kj-2016-59.html"') == 7 and html.count('href="kj-2016-59.pdf"') == 7
    assert "<svg" in html and "Vastuiden tarkastus: Sosiaali- ja terveysvirasto" in html
    text = [p.text for p in docx.Document(f"{stem}.docx").paragraphs]
    assert "1. 1.1.2017 — säilytti: Kuntouttavan työtoiminnan järjestämisvastuu" in text
    assert "Päätös: Kaupunginjohtaja 59 § (päivämäärää ei mainita, oletettu 13.9.2016)" in text


def test_cli_unknown_subject(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["report", "audit", "opetusvirastto", "--out", str(tmp_path), "--path", str(ROOT)])
    assert result.exit_code == 2
    assert result.output.splitlines()[-1] == "Error: no function or organisation 'opetusvirastto'; did you mean 'opetusvirasto'?"
    assert list(tmp_path.iterdir()) == []


@pytest.mark.slow
def test_cli_writes_a_pdf(tmp_path: Path) -> None:
    args = ["report", "audit", ORG, "--from", "2016-01-01", "--to", "2017-12-31", "--out", str(tmp_path),
            "--format", "pdf", "--path", str(ROOT)]
    assert CliRunner().invoke(cli, args).exit_code == 0
    pdf_path = tmp_path / f"vastuut-{ORG}.pdf"
    with pikepdf.open(pdf_path) as pdf:
        assert len(pdf.pages) >= 3
        uris = {str(a.get("/A").get("/URI")) for page in pdf.pages for a in page.get("/Annots", []) if a.get("/A")}
    # the PDF writer resolves relative links against its font folder (base_url), so only
    # the file name survives; see the report to the lead
    assert {uri.rsplit("/", 1)[-1] for uri in uris} == {"kj-2016-59.html", "kj-2016-59.pdf"}
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(pdf_path), "-"], capture_output=True, text=True, check=True).stdout
        assert "Kaupunginjohtaja 59 §" in text and "Vastuiden tarkastus" in text


def test_report_audit_and_build_write_the_same_files(tmp_path: Path) -> None:
    from govdocs.build import build

    stem = f"vastuut-{ORG}"
    args = ["report", "audit", ORG, "--out", str(tmp_path / "report"), "--format", "txt", "--format", "html",
            "--decisions-href", "../", "--path", str(ROOT)]
    assert CliRunner().invoke(cli, args).exit_code == 0
    build(ROOT, tmp_path / "build", formats=["txt", "html"], jobs=1, cache_dir=tmp_path / "cache")
    made = sorted(p.name for p in (tmp_path / "report").iterdir())
    assert made == [f"{stem}-aikajana.svg", f"{stem}.html", f"{stem}.txt"]
    for name in made:
        assert (tmp_path / "report" / name).read_bytes() == (tmp_path / "build" / "reports" / name).read_bytes()

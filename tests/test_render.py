"""Rendered decisions say exactly what the published documents say, in
every format, and the same records always give the same bytes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import govdocs
from govdocs.render import FORMATS, document_bytes, render
from govdocs.repository import Repository
from tests.render_helpers import (
    PDF_BODY,
    REFERENCES,
    ROOT,
    extract,
    missing_in_order,
    pdf_text,
    readings,
    reference_paragraphs,
    without_repeated_headers,
)

EXTENSIONS = {"html": ".html", "pdf": ".pdf", "docx": ".docx", "txt": ".txt"}


@pytest.fixture(scope="module")
def repo() -> Repository:
    return govdocs.load(ROOT)


@pytest.fixture(scope="module")
def rendered(repo: Repository, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("rendered")
    for decision_id in REFERENCES:
        render(repo, decision_id, FORMATS, out)
    return out


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("decision_id", sorted(REFERENCES))
def test_reference_text_word_for_word(rendered: Path, decision_id: str, fmt: str) -> None:
    paragraphs = reference_paragraphs(decision_id)
    assert len(paragraphs) >= 5
    path = rendered / f"{decision_id}{EXTENSIONS[fmt]}"
    missing = [missing_in_order(paragraphs, text) for text in readings(path)]
    assert None in missing, missing[0]


def test_the_comparison_notices_a_changed_word(rendered: Path) -> None:
    paragraphs = reference_paragraphs("kj-2016-59")
    text = extract(rendered / "kj-2016-59.txt").replace("raamivaihetta", "kehysvaihetta")
    assert "raamivaihetta" in (missing_in_order(paragraphs, text) or "")


def test_text_copy_is_laid_out_like_the_reference(rendered: Path) -> None:
    lines = (rendered / "kh-2021-898.txt").read_text(encoding="utf-8").splitlines()
    assert lines[:6] == [
        "Helsingin kaupunki",
        "Kaupunginhallitus",
        "Pöytäkirja",
        "",
        "§ 898",
        "",
    ]
    start = lines.index("Lisätiedot")
    assert lines[start : start + 3] == [
        "Lisätiedot",
        "Saara Nirkko, hallintoasiantuntija, puhelin: 310 26312",
        "saara.nirkko@hel.fi",
    ]
    assert "Viranomainen, jolle oikaisuvaatimus tehdään, on Helsingin kaupunginhallitus." in lines


def test_office_holder_and_body_place_the_section_mark(rendered: Path) -> None:
    assert "\n59 §\n" in (rendered / "kj-2016-59.txt").read_text(encoding="utf-8")
    assert "\n§ 898\n" in (rendered / "kh-2021-898.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("fmt", FORMATS)
def test_two_renders_in_one_process_are_identical(repo: Repository, fmt: str) -> None:
    from govdocs.render import build

    first = document_bytes(build(repo, "kh-2021-898"), fmt)
    second = document_bytes(build(repo, "kh-2021-898"), fmt)
    assert first == second


def test_renders_in_other_processes_are_identical(rendered: Path, tmp_path: Path) -> None:
    for seed in ("1", "2"):
        out = tmp_path / seed
        env = {**os.environ, "PYTHONHASHSEED": seed}
        code = "import sys; from govdocs.cli import main; main(sys.argv[1:])"
        subprocess.run(
            [sys.executable, "-c", code, "render", "kj-2016-59", "--out", str(out)],
            cwd=ROOT, env=env, check=True, capture_output=True,
        )
        for fmt in FORMATS:
            name = f"kj-2016-59{EXTENSIONS[fmt]}"
            assert (out / name).read_bytes() == (rendered / name).read_bytes(), name


def test_no_temporary_files_are_left(rendered: Path) -> None:
    assert sorted(p.name for p in rendered.iterdir() if p.name.startswith(".")) == []


def test_stem_must_be_a_plain_file_name(tmp_path: Path) -> None:
    from govdocs.document.model import Document, Metadata, Paragraph
    from govdocs.render import render_document

    doc = Document(Metadata(title="t"), (Paragraph("x"),))
    for stem in ("../escape", "sub/dir", ".hidden", ""):
        with pytest.raises(ValueError, match="plain file name"):
            render_document(doc, ["txt"], tmp_path, stem)
    assert render_document(doc, ["txt"], tmp_path, "ok") == [tmp_path / "ok.txt"]


def test_a_pdf_table_row_stays_on_one_page(repo: Repository, rendered: Path) -> None:
    """sote-tj-2022-4's extracts table runs over a page; each recipient
    keeps its attachment lines on its own page (and the header row the
    next page repeats is not a row of the table)."""
    pages = pdf_text(rendered / "sote-tj-2022-4.pdf", *PDF_BODY).split("\f")
    extracts = repo.decisions["sote-tj-2022-4"].distribution.extracts
    assert sum(1 for page in pages if "Otteen liitteet" in page) > 1, "the table no longer breaks"
    for row in extracts:
        (page,) = [p for p in pages if row.to in p.splitlines()]
        after = [line for line in page.split(row.to, 1)[1].splitlines() if line.strip()]
        assert after[: len(row.attachments)] == row.attachments, row.to


def test_a_repeated_header_row_is_read_once() -> None:
    header = ["Ote", "Otteen liitteet"]
    text = "Otteet\nOte\nOtteen liitteet\nA\nLiite 1\n\fOte\n\nOtteen liitteet\nB\nLiite 2\n"
    once = "Otteet\nOte\nOtteen liitteet\nA\nLiite 1\n\fB\nLiite 2"
    assert without_repeated_headers(text, [header]) == once
    kept = "x\n\fOte\nmuu\n"  # a page that opens with only part of the header keeps it
    assert without_repeated_headers(kept, [header]) == kept

"""Espoo's items, encoded in the repository that holds Helsinki's and
Turku's too, render to their published text word for word in every format,
with Espoo's own details and nothing of the other municipalities.

Espoo's published texts are single runs of lines with no blank lines. Until
Espoo's layout profile places every part where Espoo prints it, the
comparison takes the runs of the body that the layout prints in Espoo's
order (proposal, Käsittely, Päätös; Selostus and Päätöshistoria), each word
for word and in order, and finds every other printed line (the header's
diary number, the attachments, the preparers' names) somewhere."""

from __future__ import annotations

from pathlib import Path

import pytest

import govdocs
from govdocs.render import FORMATS, render
from govdocs.repository import Repository
from tests.reference import reference
from tests.render_helpers import ROOT, missing_in_order, readings, squash

EXTENSIONS = {"html": ".html", "pdf": ".pdf", "docx": ".docx", "txt": ".txt"}
FOLDER = "municipalities"
ITEM_127 = "espoo-kaupunginhallitus-2017-127"


def _lines(relative: str) -> list[str]:
    text = reference(f"{FOLDER}/{relative}").read_text(encoding="utf-8")
    return text.split("\n", 1)[1].splitlines()  # the first line names the source


def _run(lines: list[str], first: str, before: str) -> str:
    """The lines from the one starting with ``first`` up to the one starting with ``before``."""
    start = next(i for i, line in enumerate(lines) if line.startswith(first))
    end = next(i for i, line in enumerate(lines) if i > start and line.startswith(before))
    return "\n".join(lines[start:end])


def _127() -> tuple[list[str], list[str]]:
    """The runs the layout prints in Espoo's order, and the lines it prints elsewhere."""
    lines = _lines("espoo-kaupunginhallitus-2017-127-hallintosaanto.txt")
    proposal = _run(lines, "Kaupunginhallitus ehdottaa", "Liite")
    proposal = proposal.replace("Käsittely Asia", "Käsittely\nAsia").replace("Päätös Kaupunginhallitus:", "Päätös\nKaupunginhallitus:")
    grounds = _run(lines, "Selostus ", "Tiedoksi")
    elsewhere = ["730/2017", "00.01.01.00", *lines[3:5], *(line.split(",")[0] for line in lines[13:23])]
    return [proposal, grounds], elsewhere


@pytest.fixture(scope="module")
def repo() -> Repository:
    return govdocs.load(ROOT)


@pytest.fixture(scope="module")
def rendered(repo: Repository, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("espoo")
    render(repo, ITEM_127, FORMATS, out)
    return out


@pytest.mark.parametrize("fmt", FORMATS)
def test_127_renders_its_published_text_word_for_word(rendered: Path, fmt: str) -> None:
    runs, elsewhere = _127()
    paragraphs = [squash(run) for run in runs]
    texts = readings(rendered / f"{ITEM_127}{EXTENSIONS[fmt]}")
    missing = [missing_in_order(paragraphs, text) for text in texts]
    assert None in missing, missing[0]
    for line in elsewhere:
        assert any(squash(line) in squash(text) for text in texts), line


@pytest.mark.parametrize("fmt", FORMATS)
def test_127_names_espoo_and_nothing_of_helsinki_or_turku(rendered: Path, fmt: str) -> None:
    texts = readings(rendered / f"{ITEM_127}{EXTENSIONS[fmt]}")
    assert all("Espoon kaupunki" in text for text in texts)
    for trace in ("Helsingin kaupun", "hel.fi", "HEL 20", "Turu"):
        assert not any(trace in text for text in texts), trace


def test_the_comparison_notices_a_changed_word(rendered: Path) -> None:
    runs, _ = _127()
    text = (rendered / f"{ITEM_127}.txt").read_text(encoding="utf-8").replace("9 äänellä", "8 äänellä")
    assert "9äänellä" in (missing_in_order([squash(run) for run in runs], text) or "")

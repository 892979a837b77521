"""Espoo's items, encoded in the repository that holds Helsinki's and
Turku's too, render to their published text word for word in every format,
with Espoo's own details and nothing of the other municipalities.

Espoo's published item pages are single runs of lines with no blank lines:
each counts as one block that must appear, word for word, in one unbroken
run of its render (Espoo's layout profile prints every part where Espoo
prints it: the item's header, the index of its files, the diary number and
task code, the earlier handling, the preparers, the text with the numbered
attachments before Selostus, the empty Tiedoksi)."""

from __future__ import annotations

from pathlib import Path

import pytest

import govdocs
from govdocs.document.kinds import Request, write
from govdocs.render import FORMATS, render
from govdocs.repository import Repository
from tests.reference import reference
from tests.render_helpers import ROOT, missing_in_order, paragraphs_of, readings, squash

EXTENSIONS = {"html": ".html", "pdf": ".pdf", "docx": ".docx", "txt": ".txt"}
FOLDER = "municipalities"
ITEM_127 = "espoo-kaupunginhallitus-2017-127"
PAGE_127 = "espoo-kaupunginhallitus-2017-127-hallintosaanto.txt"
MEETING = "espoo-kaupunginhallitus-2017-05-08"
MINUTES = "espoo-kaupunginhallitus-2017-05-08-poytakirja.txt"
AGENDA = "espoo-kaupunginhallitus-2017-05-29"
AGENDA_4 = "espoo-kaupunginhallitus-2017-05-29-esityslista-4.txt"
# The minutes' lines only Espoo's layout profile prints as Espoo does: the
# header with the checked mark, the index's table heads, the route lines
# with their § lists run together.
PROFILE_LINES = (
    "Pöytäkirja 08.05.2017 klo 15:30 / Tarkastettu",
    "Pykälä | | Otsikko | Pöytäkirja PDF-muodossa",
    "Pykälä | | Muutoksenhakuohjeet |",
    "125-131133134136,137k3138140143145-146 | | Muutoksenhakukielto kuntalaki 91 §",
    "132, 135, 137 kohdat 1-2, 141-142, 144 | | Oikaisuvaatimusohje",
)


def _lines(relative: str) -> list[str]:
    text = reference(f"{FOLDER}/{relative}").read_text(encoding="utf-8")
    return text.split("\n", 1)[1].splitlines()  # the first line names the source


def _page(relative: str) -> list[str]:
    """The published page as one block: it prints no blank lines."""
    paragraphs = paragraphs_of(f"{FOLDER}/{relative}")
    assert len(paragraphs) == 1
    return paragraphs


@pytest.fixture(scope="module")
def repo() -> Repository:
    return govdocs.load(ROOT)


@pytest.fixture(scope="module")
def rendered(repo: Repository, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("espoo")
    render(repo, ITEM_127, FORMATS, out)
    for path in write(repo, "minutes", Request(MEETING), FORMATS, out)[0]:
        path.rename(out / f"{MEETING}{path.suffix}")
    for path in write(repo, "agenda", Request(AGENDA), FORMATS, out)[0]:
        path.rename(out / f"{AGENDA}{path.suffix}")
    return out


@pytest.mark.parametrize("fmt", FORMATS)
def test_127_renders_its_published_page_word_for_word(rendered: Path, fmt: str) -> None:
    """The whole page, from 'Kaupunginhallitus / Pöytäkirja 08.05.2017
    Pykälä 127' to the closing 'Tiedoksi', in one run."""
    page = _page(PAGE_127)
    assert len(page[0]) > 40000
    missing = [missing_in_order(page, text) for text in readings(rendered / f"{ITEM_127}{EXTENSIONS[fmt]}")]
    assert None in missing, (missing[0] or "")[:200]


@pytest.mark.parametrize("fmt", FORMATS)
def test_127_names_espoo_and_nothing_of_helsinki_or_turku(rendered: Path, fmt: str) -> None:
    texts = readings(rendered / f"{ITEM_127}{EXTENSIONS[fmt]}")
    assert all("Espoon kaupunki" in text for text in texts)
    for trace in ("Helsingin kaupun", "hel.fi", "HEL 20", "Turu"):
        assert not any(trace in text for text in texts), trace


def test_the_comparison_notices_a_changed_word_or_a_part_out_of_place(rendered: Path) -> None:
    text = (rendered / f"{ITEM_127}.txt").read_text(encoding="utf-8")
    assert missing_in_order(_page(PAGE_127), text.replace("9 äänellä", "8 äänellä")) is not None
    moved = text.replace("\netunimi.sukunimi@espoo.fi\n", "\n").replace("Tiedoksi", "etunimi.sukunimi@espoo.fi\nTiedoksi")
    assert missing_in_order(_page(PAGE_127), moved) is not None


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_minutes_of_8_5_2017_print_every_line_of_the_index(rendered: Path, fmt: str) -> None:
    """Every § with its title, every member and everyone else present with
    their title, arrival or departure, and the secretary, in the index's
    order; the lines of Espoo's own layout (PROFILE_LINES) are left to it."""
    lines = [line for line in _lines(MINUTES) if line not in PROFILE_LINES]
    for text in readings(rendered / f"{MEETING}{EXTENSIONS[fmt]}"):
        missing = [line for line in lines if squash(line) not in squash(text)]
        assert missing == []
    assert all(trace not in text for trace in ("Helsingin kaupun", "hel.fi", "HEL 20", "Turu"))


def test_the_meeting_holds_the_index_as_facts(repo: Repository) -> None:
    meeting = repo.meetings[MEETING]
    assert [item.section for item in meeting.agenda] == list(range(125, 147))
    routes = {item.section: [(a.route.value, a.parts) for a in item.appeals] for item in meeting.agenda}
    assert routes[137] == [("oikaisuvaatimus", "kohdat 1-2"), ("muutoksenhakukielto", "k3")]
    assert routes[139] == [] and routes[132] == [("oikaisuvaatimus", None)]
    late = {p.name: (p.arrived.section, p.arrived.time) for p in meeting.attendance if p.arrived}
    assert late["Pia Kauma"] == (146, "16.53") and late["Teemu Lahtinen"] == (126, "15.31")
    # § 127 was handled after § 146, when Pia Kauma had come: all fifteen members voted
    from govdocs.derive.meetings import quorum_at

    body = repo.makers["espoo-kaupunginhallitus"]
    assert len(quorum_at(meeting, body, 127).present) == 15
    assert len(quorum_at(meeting, body, 128).present) == 14


@pytest.mark.parametrize("fmt", FORMATS)
def test_agenda_item_4_of_29_5_2017_renders_its_published_page_word_for_word(rendered: Path, fmt: str) -> None:
    """The whole page, from 'Kaupunginhallitus / Esityslista 29.05.2017
    Asianro 4' to the closing 'Tiedoksi', in one run."""
    texts = readings(rendered / f"{AGENDA}{EXTENSIONS[fmt]}")
    missing = [missing_in_order(_page(AGENDA_4), text) for text in texts]
    assert None in missing, (missing[0] or "")[:200]
    assert all(trace not in text for text in texts for trace in ("Helsingin kaupun", "hel.fi", "HEL 20", "Turu"))


def test_agenda_item_4_is_a_proposal_not_yet_decided(repo: Repository) -> None:
    (entry,) = repo.meetings[AGENDA].agenda
    assert (entry.number, entry.section, entry.decision, entry.outcome.value) == (4, None, None, "pending")
    (item,) = entry.items
    assert (item.action.value, item.to) == ("propose", "espoo-kaupunginvaltuusto")
    initiative = item.objects[0]
    assert (initiative.kind.value, initiative.initiative_kind, str(initiative.date)) == (
        "initiative", "councillor", "2016-12-12")


def test_an_agenda_items_quote_must_be_in_its_own_text(tmp_path: Path) -> None:
    import shutil

    for name in ("registry.yaml", "registries"):
        (shutil.copytree if (ROOT / name).is_dir() else shutil.copy)(ROOT / name, tmp_path / name)
    source = ROOT / "decisions/2017/espoo-kaupunginhallitus" / f"{AGENDA}.yaml"
    target = tmp_path / "decisions/2017" / source.name
    target.parent.mkdir(parents=True)
    text, facts = source.read_text(encoding="utf-8").split("    items:")
    target.write_text(text + "    items:" + facts.replace("ja toteaa aloitteen", "ja katsoo aloitteen"),
                      encoding="utf-8")
    found = [p for p in govdocs.validate(tmp_path).errors if p.code == "quote-not-in-text"]
    assert [p.message.split(";")[0] for p in found] == [
        f"quote is not in the text of agenda item 4 of meeting '{AGENDA}'"]
    assert found[0].span is not None and found[0].span.line > 20  # at the quote, not the file's top


def test_127_is_laid_out_in_espoos_profile(repo: Repository, rendered: Path) -> None:
    """Espoo's profile (templates/layouts/espoo.yaml): the date as Espoo
    writes it, the attachments and the diary number before the § and the
    title, the preparers before the text, the appeal instructions last."""
    assert repo.layout_of(ITEM_127) is not repo.layout_of("kh-2021-898")
    lines = (rendered / f"{ITEM_127}.txt").read_text(encoding="utf-8").splitlines()
    assert lines[:4] == ["Espoon kaupunki", "Kaupunginhallitus", "Pöytäkirja", "08.05.2017"]
    order = ["Pöytäkirja 08.05.2017 Pykälä 127", "Liitteet", "730/2017", "00.01.01.00", "105 §", "10.4.2017",
             "§ 127", "Valmistelijat / lisätiedot:", "etunimi.sukunimi@espoo.fi",
             "Päätösehdotus Kaupunginjohtaja Jukka Mäkelä", "Päätös", "Liite", "Selostus", "Päätöshistoria",
             "Tiedoksi", "Muutoksenhaku"]
    assert [lines.index(line) for line in order] == sorted(lines.index(line) for line in order)
    # the presenter stands on the proposal's line, not in a part of its own
    assert "Esittelijä" not in lines

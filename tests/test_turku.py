"""Turku in the joint repository: its city board's item Kh 2.5.2017 § 195
renders in Turku's own layout profile (the table of handlings, the diary
number before the title, every handling's text under its mark, the
handlings' attachments) to text containing the published item word for
word, in every format, with Turku's appeal text and nothing of Helsinki;
the meeting 2.5.2017 lists its items § 186–197."""

from __future__ import annotations

import io
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest

import govdocs
from govdocs.render import FORMATS, render
from govdocs.repository import Repository
from tests.render_helpers import ROOT, extract, missing_in_order, paragraphs_of, readings

ITEM = "turku-kh-2017-195"
REFERENCE = "municipalities/turku-kaupunginhallitus-2017-195-osayleiskaava.txt"
INDEX = "municipalities/turku-kaupunginhallitus-2017-05-02-poytakirja.txt"
EXTENSIONS = {"html": ".html", "pdf": ".pdf", "docx": ".docx", "txt": ".txt"}
HELSINKI = ("Helsin", "hel.fi", "HEL 20")
"""What of Helsinki a Turku document must not show: its name in any form,
its domain (e-mail, secure mail, web), its diary numbers."""


@pytest.fixture(scope="module")
def repo() -> Repository:
    return govdocs.load(ROOT)


@pytest.fixture(scope="module")
def rendered(repo: Repository, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("turku")
    render(repo, ITEM, FORMATS, out)
    return out


def test_the_records_validate(repo: Repository) -> None:
    checked = govdocs.validate(ROOT)
    turku = [p.format() for p in checked.errors if "turku" in p.file]
    assert turku == []
    assert repo.municipality_of(ITEM).id == "turku"
    assert repo.municipality_of("turku-kaupunginhallitus-2017-11").id == "turku"


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_published_item_word_for_word(rendered: Path, fmt: str) -> None:
    """The published text is one block (the source prints no blank
    lines): all of it must appear in one run, in order."""
    paragraphs = paragraphs_of(REFERENCE)
    assert len(paragraphs) == 1 and len(paragraphs[0]) > 15000
    path = rendered / f"{ITEM}{EXTENSIONS[fmt]}"
    missing = [missing_in_order(paragraphs, text) for text in readings(path)]
    assert None in missing, (missing[0] or "")[:200]


def test_a_changed_word_is_noticed(rendered: Path) -> None:
    text = extract(rendered / f"{ITEM}.txt").replace("Kakskerrantien", "Kakskerrantie")
    assert missing_in_order(paragraphs_of(REFERENCE), text) is not None


def _all_text(path: Path) -> str:
    """Every character a file shows, headers and metadata included."""
    if path.suffix == ".pdf":
        text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True).stdout
        info = subprocess.run(["pdfinfo", str(path)], capture_output=True, check=True).stdout
        return (text + info).decode("utf-8")
    if path.suffix == ".docx":
        with zipfile.ZipFile(io.BytesIO(path.read_bytes())) as package:
            return "\n".join(package.read(n).decode("utf-8") for n in package.namelist()
                             if n.endswith((".xml", ".rels")))
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize("fmt", FORMATS)
def test_nothing_of_helsinki(rendered: Path, fmt: str) -> None:
    text = _all_text(rendered / f"{ITEM}{EXTENSIONS[fmt]}")
    assert "Turun kaupunki" in text
    found = [word for word in HELSINKI if word in text]
    assert found == []


def test_turkus_appeal_text_closes_the_item(rendered: Path) -> None:
    lines = (rendered / f"{ITEM}.txt").read_text(encoding="utf-8").splitlines()
    start = lines.index("MUUTOKSENHAKUKIELTO")
    assert lines.index("Liitteet:") < start
    assert "Tähän päätökseen ei saa hakea muutosta, koska päätös koskee asian valmistelua tai " \
           "täytäntöönpanoa." in lines[start:]


def test_the_handlings_table_is_a_table(rendered: Path) -> None:
    document = docx.Document(str(rendered / f"{ITEM}.docx"))
    table = document.tables[0]
    cells = [[c.text for c in row.cells] for row in table.rows]
    assert cells[0] == ["Turun kaupunki", "§", "Kokouspvm", "Asia", "1"]
    assert cells[1] == ["Kaupunkisuunnittelu- ja ympäristölautakunta", "84", "21.03.2017", "4", ""]
    assert cells[-1] == ["Kaupunginhallitus", "195", "02.05.2017", "2", ""]


def test_the_earlier_handlings_are_their_own_records(repo: Repository) -> None:
    """Each handling's facts sit in its own record: § 132's two roll-call
    votes with their named voters, the amendments and the proposal to the
    city board; § 195's tabling."""
    ksylk = repo.decisions["turku-ksylk-2017-132"]
    first, second = ksylk.votes
    assert (first.counts.jaa, first.counts.ei, first.counts.tyhja) == (8, 2, 3)
    assert (second.counts.jaa, second.counts.ei, str(second.result)) == (3, 10, "ei")
    assert [v.name for v in second.voters if str(v.ballot) == "jaa"] == ["Ekroth", "Hellstén", "Röberg"]
    assert {m.id: str(m.outcome) for m in ksylk.motions} == {
        "turku-ksylk-2017-132.sundqvist": "adopted", "turku-ksylk-2017-132.sandelin": "rejected"}
    assert [(str(i.action), i.to) for i in ksylk.items][0] == ("propose", "turku-kaupunginhallitus")
    kh = repo.decisions[ITEM]
    assert [str(i.action) for i in kh.items] == ["table"]
    assert [h.decision for h in kh.history] == [
        "turku-ksylk-2017-84", "turku-ksylk-2017-108", "turku-ksylk-2017-119", "turku-ksylk-2017-132"]


def test_the_meeting_lists_its_items(repo: Repository, tmp_path: Path) -> None:
    from govdocs.document.meeting import build_minutes
    from govdocs.render import document_bytes

    meeting = repo.meetings["turku-kaupunginhallitus-2017-11"]
    text = document_bytes(build_minutes(repo, meeting), "txt").decode("utf-8")
    index = "".join(paragraphs_of(INDEX))
    assert "16.00" in text and "Kaupunginhallituksen istuntosali, Yliopistonkatu 27a" in text
    for line in text.splitlines():
        if line.endswith(" §") and line[:3].isdigit():
            assert line.replace(" ", "") in index
    marks = [line for line in text.splitlines() if line.endswith(" §") and line[:3].isdigit()]
    assert marks == [f"{n} §" for n in range(186, 198)]
    assert "Lakimiehen viran perustaminen hyvinvointitoimialalle" in text
    assert not [word for word in HELSINKI if word in text]
    # § 195 in the minutes: its table of handlings states no page (it is not on page 1 of them)
    lines = text.splitlines()
    assert lines[lines.index("195 §") + 1] == "Turun kaupunki | § | Kokouspvm | Asia"

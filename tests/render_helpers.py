"""Text extraction from rendered files, and the reference comparison the
render tests share: a reference's paragraphs must appear, word for word and
in order, in the text extracted from each format."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import docx
import lxml.html
from docx.table import Table

from govdocs.document.labels import labels_for
from tests.reference import reference

ROOT = Path(__file__).resolve().parents[1]
REFERENCES = {
    "kj-2016-59": "seed/000_50e9e6bb55c53f83.txt",
    "kp-2021-5": "helsinki/kansliapaallikko-2021-5-matkailun-yhteistyoryhma.txt",
    "kh-2021-898": "helsinki/kaupunginhallitus-2021-898-johtokunnan-valinta.txt",
    "omaisuudenhallinta-tp-2022-2": "helsinki/tiimipaallikko-2022-2-toimivallan-siirtaminen-hankinnat.txt",
    "tilaomaisuus-yp-2022-2": "helsinki/yksikon-paallikko-2022-2-toimivallan-siirtaminen.txt",
    "kylk-2021-659": "helsinki/kaupunkiymparistolautakunta-2021-659-tonttien-varaaminen.txt",
    "kylk-2021-611": "helsinki/kaupunkiymparistolautakunta-2021-611-lausunto-toivomusponsi.txt",
    "konsernijaosto-2021-161": "helsinki/konsernijaosto-2021-161-ennakkokanta.txt",
    "kasko-hj-2022-2": "helsinki/hallintojohtaja-2022-2-pesulapalvelut-optiokausi.txt",
    "sote-tj-2022-4": "helsinki/toimialajohtaja-2022-4-toimintasaanto.txt",
    "asiakkuus2-yp-2022-2": "helsinki/yksikon-paallikko-2022-2-vuokraus-myllymatka.txt",
    "liikunta-lj-2022-2": "helsinki/liikuntajohtaja-2022-2-tutkimuslupa.txt",
    "kh-2021-858": "helsinki/kaupunginhallitus-2021-858-vaalitoimikuntien-asettaminen.txt",
    "kuva-2021-213": "helsinki/kulttuuri-ja-vapaa-aikalautakunta-2021-213-esitys.txt",
    "kel-2022-1": "helsinki/kaupungielainlaakari-2022-1-poytakirjan-nahtavilla.txt",
    "lsj-2022-2": "helsinki/lastensuojelun-johtaja-2022-2-sijaisen-maaraaminen.txt",
    "paj-2022-2": "helsinki/palvelualueen-johtaja-2022-2-sijaisten-maaraaminen.txt",
    "ymj-2022-2": "helsinki/ymparistojohtaja-2022-2-elainlaakareiden-tehtavajako.txt",
    "ylj-2021-210": "helsinki/ymparisto-ja-lupajaosto-2021-210-oikaisuvaatimus.txt",
    "kv-2025-244": "meeting/kaupunginvaltuusto-2025-10-22/244-fi.txt",
    "kv-2025-245": "meeting/kaupunginvaltuusto-2025-10-22/245-fi.txt",
    "kv-2025-246": "meeting/kaupunginvaltuusto-2025-10-22/246-fi.txt",
    "kv-2025-247": "meeting/kaupunginvaltuusto-2025-10-22/247-fi.txt",
    "kv-2025-248": "meeting/kaupunginvaltuusto-2025-10-22/248-fi.txt",
    "kv-2025-249": "meeting/kaupunginvaltuusto-2025-10-22/249-fi.txt",
    "kv-2025-250": "meeting/kaupunginvaltuusto-2025-10-22/250-fi.txt",
    "kv-2025-251": "meeting/kaupunginvaltuusto-2025-10-22/251-fi.txt",
    "kv-2025-252": "meeting/kaupunginvaltuusto-2025-10-22/252-fi.txt",
    "kv-2025-253": "meeting/kaupunginvaltuusto-2025-10-22/253-fi.txt",
    "kv-2025-254": "meeting/kaupunginvaltuusto-2025-10-22/254-fi.txt",
    "kv-2025-255": "meeting/kaupunginvaltuusto-2025-10-22/255-fi.txt",
    "kv-2025-256": "meeting/kaupunginvaltuusto-2025-10-22/256-fi.txt",
}
"""Each bundled decision's published text, a path in the reference folder (see tests/reference.py)."""

# Soft hyphens, hyphens (U+2010 is what WeasyPrint draws at a break; a
# pdftotext line end cannot tell a break from a real hyphen), table cell
# separators of the text layout, list bullets (• in PDF, - in text) and all
# white space.
_NOISE = re.compile(r"[\s\u00ad\u2010\u2022\-|]+")
# Ahjo's text export prints an empty "Esittelijätiedot" heading for office
# holders; it has no content to render.
_EMPTY_HEADINGS = {"Esittelijätiedot"}
# pdftotext crop box of the page body: below the running header (top margin 32 mm).
PDF_BODY = ("-x", "0", "-y", "88", "-W", "596", "-H", "754")


def squash(text: str) -> str:
    return _NOISE.sub("", text)


def reference_paragraphs(decision_id: str) -> list[str]:
    """The reference text's blank-line separated paragraphs, squashed."""
    return paragraphs_of(REFERENCES[decision_id])


def paragraphs_of(relative: str) -> list[str]:
    """The blank-line separated paragraphs of reference file ``relative``, squashed."""
    text = reference(relative).read_text(encoding="utf-8")
    if text.startswith("SOURCE:"):
        text = text.split("\n", 1)[1]
    text = text.split("=== MOTION", 1)[0]  # the proposal repeats the decision
    lines = [line for line in text.splitlines() if line.strip() not in _EMPTY_HEADINGS]
    blocks = re.split(r"\n\s*\n", "\n".join(lines))
    return [squashed for block in blocks if (squashed := squash(block))]


def missing_in_order(paragraphs: list[str], extracted: str) -> str | None:
    """The first paragraph not found after the previous one, or None."""
    text, position = squash(extracted), 0
    for paragraph in paragraphs:
        found = text.find(paragraph, position)
        if found < 0:
            return paragraph
        position = found + len(paragraph)
    return None


def pdf_text(path: Path, *crop: str) -> str:
    result = subprocess.run(["pdftotext", *crop, str(path), "-"], capture_output=True, check=True)
    return result.stdout.decode("utf-8")


def _table_headers() -> list[list[str]]:
    return [[str(c) for c in labels_for(lang)["extract_columns"]] for lang in ("fi", "sv")]


def without_repeated_headers(text: str, headers: list[list[str]]) -> str:
    """The PDF repeats a table's header row at the top of each page the
    table continues on; the published text prints it once. Drop a header
    row that opens a page after the first."""
    pages = text.split("\f")
    for n, page in enumerate(pages[1:], 1):
        lines = page.splitlines()
        cells = [i for i, line in enumerate(lines) if line.strip()]
        for header in headers:
            opening = [lines[i].strip() for i in cells[: len(header)]]
            if opening == header:
                pages[n] = "\n".join(lines[cells[len(header) - 1] + 1 :])
                break
    return "\f".join(pages)


def docx_text(path: Path) -> str:
    document = docx.Document(str(path))
    parts: list[str] = []
    for item in document.iter_inner_content():
        if isinstance(item, Table):
            parts.extend(cell.text for row in item.rows for cell in row.cells)
        else:
            parts.append(item.text)
    return "\n".join(parts)


def html_text(path: Path) -> str:
    tree = lxml.html.fromstring(path.read_bytes())
    return "\n".join(tree.body.itertext())


def readings(path: Path) -> list[str]:
    """Every reading of a rendered file the word-for-word comparison accepts.
    A PDF has two: pdftotext's layout analysis, and the order the page draws
    its text in (``-raw``). The analysis reads a table of short cells (a
    meeting calendar: '1', '4', '21.1.', '18') column by column, as the gaps
    between the cells are wider than between words; drawn, the table runs
    row by row. A cell of several lines (the Otteet table) reads only by the
    analysis."""
    if path.suffix != ".pdf":
        return [extract(path)]
    raw = without_repeated_headers(pdf_text(path, *PDF_BODY, "-raw"), _table_headers())
    return [extract(path), raw]


def extract(path: Path) -> str:
    """The text of a rendered file, by its extension."""
    if path.suffix == ".pdf":
        return without_repeated_headers(pdf_text(path, *PDF_BODY), _table_headers())
    if path.suffix == ".docx":
        return docx_text(path)
    if path.suffix == ".html":
        return html_text(path)
    return path.read_text(encoding="utf-8")

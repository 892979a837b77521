"""A public build leaves no trace of personal data or secrets in any byte.

The repository holds a decision with a secret section and personal names
in every field (title, text, signature, contacts, attachments, extracts
and distribution, transfer and obligation quotes), written inflected, in
capitals, decomposed (NFD), full-width, with non-breaking spaces, soft
hyphens, zero-width and bidi characters inside them; and a wholly secret
decision. `govdocs build --public` and `govdocs render --public` are run
through the command line, and every output file is searched: HTML, text
and JSON as they are, DOCX parts unzipped, PDFs object by object with
their streams decompressed (metadata, XMP, outlines) plus the page text.
A name is looked for in its base and inflected forms, case-insensitively
and after NFKC, with invisible characters removed from the output first."""

from __future__ import annotations

import copy
import html
import re
import unicodedata
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pikepdf
import pytest
from click.testing import CliRunner

from govdocs.cli import cli
from tests import builders
from tests.render_helpers import pdf_text

BASIS = "JulkL (621/1999) 24.1 § 25 k"
SECRET = {"class": "salassa-pidettava", "basis": BASIS}
FORMATS = "html,pdf,docx,txt"

NAME_FORMS = (
    "meikäläinen", "meikäläisen", "meikäläiselle", "meikäläistä",
    "virtanen", "virtasen", "virtaselle", "virtasta",
    "matti", "matin", "ville", "villen",
)
SECRETS = ("sosiaalityöntekijä", "perheen tilanne", "huostaanoton", "kivikkola")
QUOTE_OF_SECRET = "Sosiaalityöntekijä arvioi perheen tilanteen vuoden 2017 aikana."


def _public_decision() -> dict[str, object]:
    text = [
        "Kunnanjohtaja myönsi Matti Meikäläiselle ja Ville Virtaselle eron.",
        "MEIKÄLÄISEN hakemus saapui ensin, Virtasen hakemus myöhemmin.",
        "Meika\u0308la\u0308isen (NFD) ja Mei\u00adkäläisen sekä Virta\u200bsen asia.",
        "Matti\u00a0Meikäläinen, \uff2d\uff45\uff49\uff4bäläinen ja \u202aVirtanen\u202c sekä Vir\u2060tasta.",
        "Palvelu siirretään virastosta kanslialle Matti Meikäläisen esityksestä.",
        "Kanslia raportoi Ville Virtaselle vuonna 2017.",
    ]
    return builders.decision(
        title="Matti Meikäläisen ja Ville Virtasen erot",
        sections=[
            {"kind": "decision", "body": text},
            {"kind": "grounds", "body": ["Matti Meikäläinen ja Ville Virtanen ovat pyytäneet eroa."]},
            {"heading": "Huostaanoton perusteet", "publicity": SECRET, "body": [QUOTE_OF_SECRET]},
        ],
        personal_data=["Matti Meikäläinen", "Ville Virtanen"],
        signature={"name": "Ville Virtanen", "title": "Matti Meikäläisen sijainen"},
        contacts=[{"name": "Matti Meikäläinen", "title": "Virtasen avustaja", "phone": "09 1"}],
        attachments=[
            {"number": 1, "title": "Matti Meikäläisen eroilmoitus"},
            {"number": 2, "title": "Virtasen lausunto", "publicity": SECRET},
        ],
        distribution={
            "for_information": ["Ville Virtaselle"],
            "extracts": [{"to": "Matti Meikäläinen", "attachments": ["Virtasen muistio"]}],
        },
        transfers=[{
            "id": "kj-2016-1.siirto", "what": "palvelu", "from": "virasto", "to": "kanslia",
            "effective": "2017-01-01",
            "quote": "Palvelu siirretään virastosta kanslialle Matti Meikäläisen esityksestä.",
        }],
        obligations=[
            {"id": "kj-2016-1.raportti", "kind": "report", "what": "Raportoi.", "owner": "kanslia",
             "addressee": "hallitus", "due": {"year": 2017},
             "quote": "Kanslia raportoi Ville Virtaselle vuonna 2017."},
            {"id": "kj-2016-1.arvio", "kind": "other", "what": "Arvioi tilanne.", "owner": "kanslia",
             "due": {"year": 2017}, "quote": QUOTE_OF_SECRET},
        ],
    )


def _secret_decision() -> dict[str, object]:
    return builders.decision(
        id="kj-2016-2", number=2, title="Kivikkolan perheen asia", publicity=SECRET,
        sections=[{"kind": "decision", "body": [
            "Kivikkolan perheen lapset sijoitetaan.", "Kivikkolan perheen tilanne arvioidaan vuonna 2017.",
        ]}, {"kind": "grounds", "body": ["Kivikkolan perheen tilanne on vaikea."]}],
        transfers=[],
        obligations=[{"id": "kj-2016-2.arvio", "kind": "other", "what": "Arvioi Kivikkolan perheen tilanne.", "owner": "kanslia",
                      "due": {"year": 2017}, "quote": "Kivikkolan perheen tilanne arvioidaan vuonna 2017."}],
        mandates=[{"id": "kj-2016-2.tukiryhma", "name": "Kivikkolan perheen tukiryhmä", "established_by": "kj-2016-2",
                   "purpose": "Kivikkolan perheen tukeminen", "term": {"start": "2016-06-01"},
                   "tasks": [{"id": "kj-2016-2.tukiryhma.a", "text": "Tukea Kivikkolan perhettä."}],
                   "members": [{"name": "Matti Meikäläinen", "role": "puheenjohtaja"}]}],
    )


@pytest.fixture(scope="module")
def records(tmp_path_factory: pytest.TempPathFactory) -> Path:
    registry = copy.deepcopy(builders.REGISTRY)
    return builders.write_repo(
        tmp_path_factory.mktemp("leaks") / "records", _public_decision(), _secret_decision(), registry=registry
    )


@pytest.fixture(scope="module")
def built(records: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site")
    result = CliRunner().invoke(cli, [
        "build", "-C", str(records), "--public", "--out", str(out), "--format", FORMATS, "-j", "1",
        "--as-of", "2017-06-01", "--cache-dir", str(tmp_path_factory.mktemp("cache")),
    ])
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def rendered(records: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("web")
    result = CliRunner().invoke(cli, [
        "render", str(records / "decisions"), "--public", "--format", FORMATS, "--out", str(out),
    ])
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def reported(records: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("reports")
    for args in (["followup", "--as-of", "2017-06-01"], ["audit", "kanslia"]):
        result = CliRunner().invoke(cli, ["report", *args, "-C", str(records), "--public", "--out", str(out),
                                          "--format", FORMATS])
        assert result.exit_code == 0, result.output
    return out


# --- every byte of the output, as text ---------------------------------------------

def _decodings(data: bytes) -> Iterator[str]:
    yield data.decode("utf-8", "ignore")
    yield data.decode("latin-1")
    if data[:2] in (b"\xfe\xff", b"\xff\xfe"):
        yield data.decode("utf-16", "ignore")


def _pdf_objects(pdf: pikepdf.Pdf) -> Iterator[str]:
    seen: set[tuple[int, int]] = set()

    def visit(obj: object) -> Iterator[str]:
        if isinstance(obj, pikepdf.Object) and obj.is_indirect:
            if obj.objgen in seen:
                return
            seen.add(obj.objgen)
        if isinstance(obj, pikepdf.String):
            yield str(obj)
        elif isinstance(obj, pikepdf.Stream):
            yield from _decodings(obj.read_bytes())
            yield from visit(obj.stream_dict)
        elif isinstance(obj, pikepdf.Dictionary):
            for value in obj.values():
                yield from visit(value)
        elif isinstance(obj, pikepdf.Array):
            for value in obj:
                yield from visit(value)

    for obj in pdf.objects:
        yield from visit(obj)
    yield from visit(pdf.trailer)


def _texts(path: Path) -> Iterator[str]:
    data = path.read_bytes()
    yield from _decodings(data)
    if path.suffix == ".pdf":
        with pikepdf.open(path) as pdf:
            yield from _pdf_objects(pdf)
        yield pdf_text(path)
    elif path.suffix == ".docx":
        with zipfile.ZipFile(path) as parts:
            for name in parts.namelist():
                part = parts.read(name).decode("utf-8", "ignore")
                yield part
                yield re.sub(r"<[^>]+>", "", part)  # text split over runs
    elif path.suffix in (".html", ".svg"):
        yield html.unescape(data.decode("utf-8"))


_INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


def _fold(text: str) -> str:
    text = _INVISIBLE.sub("", unicodedata.normalize("NFKC", text)).casefold()
    text = re.sub(r"[\u2010-]\n", "", text)  # a word broken at a line end
    return " ".join(text.split())


def _leaks(folder: Path) -> list[str]:
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    assert files
    name = re.compile(rf"(?<!\w)(?:{'|'.join(NAME_FORMS)})(?!\w)")
    found = []
    for path in files:
        for text in _texts(path):
            folded = _fold(text)
            found += [f"{path.name}: {m.group()}" for m in name.finditer(folded)]
            found += [f"{path.name}: {s}" for s in SECRETS if s in folded]
    return sorted(set(found))


def test_the_outputs_include_every_kind(built: Path, rendered: Path) -> None:
    names = {p.name for p in built.rglob("*") if p.is_file()}
    for fmt in FORMATS.split(","):
        assert f"kj-2016-1-julkinen.{fmt}" in names and f"kj-2016-2-julkinen.{fmt}" in names
        assert f"seurantaraportti.{fmt}" in names
    assert len({p.name for p in rendered.iterdir()}) == 8


def test_a_public_build_leaks_nothing(built: Path) -> None:
    assert _leaks(built) == []


def test_public_render_leaks_nothing(rendered: Path) -> None:
    assert _leaks(rendered) == []


def test_public_reports_leak_nothing(reported: Path) -> None:
    assert {p.suffix for p in reported.iterdir()} == {".html", ".pdf", ".docx", ".txt", ".svg"}
    assert _leaks(reported) == []
    text = _fold((reported / "seurantaraportti.txt").read_text(encoding="utf-8"))
    assert _fold(f"Päätöksen sanamuoto: Salassa pidettävä, {BASIS}") in text
    assert "kanslia raportoi ***** vuonna 2017." in text


def test_the_public_copy_still_says_what_is_hidden(rendered: Path) -> None:
    text = _fold((rendered / "kj-2016-1-julkinen.txt").read_text(encoding="utf-8"))
    assert "kunnanjohtaja myönsi ***** ja ***** eron." in text
    assert _fold(f"Salassa pidettävä, {BASIS}") in text
    secret = _fold((rendered / "kj-2016-2-julkinen.txt").read_text(encoding="utf-8"))
    assert _fold(f"Salassa pidettävä, {BASIS}") in secret
    assert "kunnanjohtaja" in secret and "2 §" in secret and "1.6.2016" in secret

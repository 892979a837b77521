"""The formats table, the kinds table and the one path from a document tree
to files: names, links and companions owned by the kind, writers loaded
lazily, every node handled by every writer, pictures in DOCX."""

from __future__ import annotations

import io
import re
import subprocess
import sys
import typing
from datetime import date, timedelta
from pathlib import Path

import docx
import pytest

import govdocs
from govdocs.derive.asof import AsOf, Status
from govdocs.document.kinds import KINDS, Request, kind, write
from govdocs.document.labels import label_set
from govdocs.document.model import (
    Block,
    BulletList,
    Document,
    Emphasis,
    Figure,
    Heading,
    KeyValue,
    Link,
    Metadata,
    Notice,
    PageBreak,
    Paragraph,
    Section,
    Table,
)
from govdocs.document.transform import map_text
from govdocs.model.effects import Outcome
from govdocs.writers import FORMATS, check_formats, write_all

ROOT = Path(__file__).resolve().parents[1]
SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40"><rect width="60" height="20" fill="#c0392b"/></svg>'


@pytest.fixture(scope="module")
def repo() -> govdocs.Repository:
    return govdocs.load(ROOT)


def every_node() -> Document:
    blocks: list[Block] = [
        Heading("Otsikko", level=1),
        Paragraph(("Katso ", Link("päätös", "kj-2016-59.html"), " ja ", Emphasis("tämä", strong=True))),
        BulletList(("yksi", "kaksi"), ordered=True),
        Table(("A", "B"), (("1", "2"),), caption="Taulukko"),
        KeyValue((("Tila", "avoin"),)),
        Notice("Huomio", kind="warning", title="Varoitus"),
        Figure(SVG, caption="Kuva", alt="Punainen palkki"),
        PageBreak(),
        Section((Paragraph("Sisällä"),), heading="Osio"),
    ]
    return Document(Metadata(title="Kaikki solmut"), blocks)


def test_every_block_type_is_in_the_tree_every_writer_is_tested_with() -> None:
    names = {type(b).__name__ for b in every_node().blocks}
    assert names == {t.__name__ for t in typing.get_args(Block)}


@pytest.mark.parametrize("fmt", ["html", "txt", "docx"])
def test_every_writer_writes_every_node(fmt: str) -> None:
    data = write_all(every_node(), [fmt])[fmt]
    assert data
    assert map_text(every_node(), str.upper).blocks[0] == Heading("OTSIKKO", level=1)


def test_the_html_template_names_every_block_type() -> None:
    # Jinja is outside mypy's reach: check its dispatch against the model instead
    template = (ROOT / "templates" / "html" / "blocks.html.j2").read_text(encoding="utf-8")  # the block macros
    handled = set(re.findall(r'kind == "(\w+)"', template))
    assert handled == {t.__name__ for t in typing.get_args(Block)}


def test_formats_table_order_and_unknown_format() -> None:
    assert list(FORMATS) == ["html", "pdf", "docx", "txt"]
    assert check_formats(["txt", "pdf", "txt"]) == ["pdf", "txt"]
    with pytest.raises(ValueError, match="unknown format 'odt'; choose from html, pdf, docx, txt"):
        check_formats(["odt"])
    assert {f.extension for f in FORMATS.values()} == {".html", ".pdf", ".docx", ".txt"}
    assert [f.name for f in FORMATS.values() if not f.hyphenated] == ["txt"]


def test_tables_import_no_writer_and_a_text_render_never_loads_weasyprint() -> None:
    probe = (
        "import sys; import govdocs.document.kinds, govdocs.build.renderers; "
        "before = sorted(m for m in ('weasyprint', 'docx', 'pypdfium2') if m in sys.modules); "
        "from govdocs.writers import write_all; from govdocs.document.model import Document, Metadata, Paragraph; "
        "write_all(Document(Metadata(title='t'), [Paragraph('x')]), ['txt']); "
        "print(before, sorted(m for m in ('weasyprint', 'docx', 'pypdfium2') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "[] []"


def test_kinds_own_their_names_folders_and_links() -> None:
    assert KINDS["decision"].file_name("kj-2016-59", "pdf") == "kj-2016-59.pdf"
    assert KINDS["decision"].file_name("kj-2016-59", "pdf", public=True) == "kj-2016-59-julkinen.pdf"
    assert KINDS["followup"].file_name("", "svg") == "seurantaraportti-aikajana.svg"
    assert KINDS["audit"].build_path("vastuut-opetusvirasto", "html") == "reports/vastuut-opetusvirasto.html"
    assert KINDS["audit"].href("decision") == "../"
    assert KINDS["decision"].href("audit") == "reports/"
    assert KINDS["followup"].href("audit") == ""
    assert KINDS["minutes"].file_name("kaupunginvaltuusto-2025-16", "pdf") == "kaupunginvaltuusto-2025-16-poytakirja.pdf"
    assert KINDS["agenda"].file_name("kaupunginvaltuusto-2025-16", "txt", public=True) == (
        "kaupunginvaltuusto-2025-16-esityslista-julkinen.txt"
    )
    assert KINDS["extract"].file_name("kv-2025-248", "docx") == "kv-2025-248-ote.docx"
    with pytest.raises(
        ValueError, match="unknown document kind 'site'; choose from decision, followup, audit, agenda, minutes, extract"
    ):
        kind("site")


def test_a_build_puts_audit_links_where_the_decisions_are(repo: govdocs.Repository) -> None:
    laid = KINDS["audit"].lay_out(repo, Request("sosiaali-ja-terveysvirasto"))
    hrefs = {run.href for b in _walk(laid.document.blocks) if isinstance(b, KeyValue)
             for _, value in b.pairs for run in value if isinstance(run, Link)}
    assert hrefs == {"../kj-2016-59.html", "../kj-2016-59.pdf"}
    assert laid.companions["svg"].startswith(b"<svg ")


def _walk(blocks: typing.Sequence[Block]) -> typing.Iterator[Block]:
    from govdocs.document.model import walk

    return walk(blocks)


def test_write_renders_everything_before_writing_anything(repo: govdocs.Repository, tmp_path: Path) -> None:
    paths, problems = write(repo, "decision", Request("kh-2021-898"), ["txt"], tmp_path)
    assert paths == [tmp_path / "kh-2021-898.txt"] and all(not p.is_error for p in problems)
    with pytest.raises(ValueError, match="unknown format"):
        write(repo, "decision", Request("kj-2016-59"), ["txt", "odt"], tmp_path / "none")
    assert not (tmp_path / "none").exists()


def test_docx_reports_carry_their_picture(repo: govdocs.Repository, tmp_path: Path) -> None:
    paths, _ = write(repo, "followup", Request("", date(2018, 1, 1)), ["docx"], tmp_path)
    document = docx.Document(str(tmp_path / "seurantaraportti.docx"))
    (shape,) = document.inline_shapes
    alt = label_set("followup")["report"]["timeline_alt"]
    assert shape._inline.docPr.get("descr") == alt
    assert 150 < shape.width.mm <= 165  # the text width of an A4 page
    image = document.part.related_parts[shape._inline.graphic.graphicData.pic.blipFill.blip.embed]
    assert image.blob.startswith(b"\x89PNG")
    again, _ = write(repo, "followup", Request("", date(2018, 1, 1)), ["docx"], tmp_path / "again")
    assert again[0].read_bytes() == paths[0].read_bytes()  # same records, same bytes


def test_the_picture_is_the_svg_drawn_with_the_shipped_fonts() -> None:
    from PIL import Image

    from govdocs.writers.raster import svg_to_png

    image = Image.open(io.BytesIO(svg_to_png(SVG)))
    assert image.size == (240, 80)
    assert image.convert("RGB").getpixel((10, 10)) == (0xC0, 0x39, 0x2B)
    assert image.convert("RGB").getpixel((200, 60)) == (255, 255, 255)


def test_one_status_rule(repo: govdocs.Repository) -> None:
    day = AsOf.of(repo, date(2018, 1, 1))
    assert AsOf.of(repo, day) is day
    assert day.due_soon == timedelta(days=repo.registry.municipality.budget_calendar.due_soon_days)
    assert day.status(None) is Status.OPEN
    assert day.status(date(2017, 12, 31)) is Status.OVERDUE
    assert day.status(date(2018, 1, 1)) is Status.DUE_SOON
    assert day.status(day.day + day.due_soon) is Status.DUE_SOON
    assert day.status(day.day + day.due_soon + timedelta(days=1)) is Status.OPEN
    assert day.status(date(2017, 1, 1), Outcome.FULFILLED) is Status.FULFILLED
    assert day.holds(None) and day.holds(date(2018, 1, 1)) and not day.holds(date(2018, 1, 2))


def test_one_label_loader() -> None:
    assert label_set("followup")["status"]["overdue"] == "myöhässä"
    assert label_set("audit").get("scopes", "whole") == "koko"
    assert label_set("labels", "sv").lang == "sv"
    assert label_set("followup", "sv")["status"]["overdue"] == "försenad"
    with pytest.raises(ValueError, match="no drafting label set for language 'sv'; choose from fi"):
        label_set("drafting", "sv")
    with pytest.raises(KeyError, match="templates/audit/fi.yaml has no label nope"):
        label_set("audit")["nope"]

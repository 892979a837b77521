"""Record text is text: HTML, script, CSS, Jinja, Word field codes and XML
fragments in a record come out literally in HTML, PDF, DOCX and text,
never executed, evaluated or able to break the document's structure; and
rendering never reaches for the network, whatever the text asks for."""

from __future__ import annotations

import io
import os
import socket
import urllib.request
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import lxml.etree
import lxml.html
import pikepdf
import pytest
import yaml
from click.testing import CliRunner

from govdocs.cli import cli
from govdocs.document.model import Document, Metadata, Paragraph
from govdocs.render import document_bytes
from tests.render_helpers import docx_text, html_text, pdf_text, squash

HOSTILE = Path(__file__).resolve().parent / "hostile"
HOST = "198.51.100.7"  # TEST-NET-2: never a real machine
TEXTS = [
    '<script>alert("x")</script>',
    f"<img src=http://{HOST}/track.png onerror=alert(1)>",
    f"<style>body{{display:none}}</style><link rel=stylesheet href=http://{HOST}/x.css>",
    f'url(http://{HOST}/y) @import "http://{HOST}/z.css";',
    "{{ 7*7 }} {% raw %}x{% endraw %} {# kommentti #} ${7*7}",
    '{ INCLUDETEXT "C:\\\\Windows\\\\win.ini" } { DDEAUTO c:\\\\cmd.exe "/k calc" } { MERGEFIELD nimi }',
    "]]></w:t></w:r><w:r><w:t>injektio</w:t> <![CDATA[x]]>",
    "&amp; &lt;b&gt; &#x41; &nbsp;",
    f'=HYPERLINK("http://{HOST}","x")',
]
TITLE = "<b>Otsikko</b> {{ title }}"


def _record() -> str:
    data = yaml.safe_load((HOSTILE / "base.yaml").read_text(encoding="utf-8"))
    data["title"] = TITLE
    data["sections"][1]["body"] += TEXTS
    data["contacts"][0]["name"] = "<i>Maija</i> {{ name }}"
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)


@contextmanager
def no_network() -> Iterator[list[str]]:
    """Record (and refuse) every attempt to open a connection or resolve a name."""
    attempts: list[str] = []

    def refuse(*args: Any, **kwargs: Any) -> Any:
        attempts.append(repr(args[:2]))
        raise OSError("network use in a test")

    saved = (socket.socket.connect, socket.create_connection, socket.getaddrinfo, urllib.request.urlopen)
    socket.socket.connect = refuse  # type: ignore[method-assign]
    socket.create_connection = refuse  # type: ignore[assignment]
    socket.getaddrinfo = refuse  # type: ignore[assignment]
    urllib.request.urlopen = refuse  # type: ignore[assignment]
    try:
        yield attempts
    finally:
        socket.socket.connect, socket.create_connection, socket.getaddrinfo, urllib.request.urlopen = saved


def _render(tmp: Path, formats: str) -> tuple[dict[str, Path], list[str]]:
    repo = tmp / "repo"
    (repo / "decisions" / "2024").mkdir(parents=True)
    (repo / "registry.yaml").write_bytes((HOSTILE / "registry.yaml").read_bytes())
    (repo / "decisions" / "2024" / "kj-2024-1.yaml").write_text(_record(), encoding="utf-8")
    cwd = Path.cwd()
    os.chdir(repo)
    try:
        with no_network() as attempts:
            result = CliRunner().invoke(cli, ["render", "kj-2024-1", "--out", "out", "--format", formats])
    finally:
        os.chdir(cwd)
    assert result.exit_code == 0, result.output
    return {p.suffix[1:]: p for p in (repo / "out").iterdir()}, attempts


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Path], list[str]]:
    return _render(tmp_path_factory.mktemp("safety"), "html,docx,txt")


def _plain(text: str) -> str:
    return text.replace("\u00ad", "")  # soft hyphens the typesetter adds


@pytest.mark.parametrize("fmt", ["html", "docx", "txt"])
def test_every_hostile_text_comes_out_literally(
    rendered: tuple[dict[str, Path], list[str]], fmt: str
) -> None:
    files, _ = rendered
    extract = {"html": html_text, "docx": docx_text, "txt": lambda p: p.read_text(encoding="utf-8")}[fmt]
    text = _plain(extract(files[fmt]))
    missing = [t for t in [*TEXTS, TITLE, "<i>Maija</i> {{ name }}"] if t not in text]
    assert missing == []
    assert "49" not in text  # {{ 7*7 }} was not evaluated


def test_html_gets_no_element_from_the_text(rendered: tuple[dict[str, Path], list[str]]) -> None:
    files, _ = rendered
    tree = lxml.html.fromstring(files["html"].read_bytes())
    assert tree.xpath("//script | //img | //iframe | //link[@rel='stylesheet'] | //b | //i") == []
    assert all(HOST not in (el.text or "") for el in tree.xpath("//style"))
    assert all(HOST not in value for el in tree.iter() for value in el.attrib.values())


def test_docx_xml_stays_valid_and_field_codes_stay_text(rendered: tuple[dict[str, Path], list[str]]) -> None:
    files, _ = rendered
    with zipfile.ZipFile(files["docx"]) as package:
        for name in package.namelist():
            if name.endswith((".xml", ".rels")):
                lxml.etree.fromstring(package.read(name))  # raises on broken XML
        document = package.read("word/document.xml").decode("utf-8")
    instructions = lxml.etree.fromstring(document.encode()).xpath(
        "//w:instrText/text() | //w:fldSimple/@w:instr",
        namespaces={"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"},
    )
    assert not any(word in " ".join(instructions) for word in ("INCLUDETEXT", "DDEAUTO", "MERGEFIELD"))
    assert f"{HOST}" not in "".join(
        zipfile.ZipFile(files["docx"]).read("word/_rels/document.xml.rels").decode().split()
    )


def test_rendering_html_docx_and_text_opens_no_connection(
    rendered: tuple[dict[str, Path], list[str]],
) -> None:
    assert rendered[1] == []


@pytest.mark.slow
def test_pdf_text_extracts_as_typed_and_fetches_nothing(tmp_path: Path) -> None:
    files, attempts = _render(tmp_path, "pdf")
    assert attempts == []
    text = squash(_plain(pdf_text(files["pdf"])))
    assert [t for t in [*TEXTS, TITLE] if squash(t) not in text] == []
    with pikepdf.open(files["pdf"]) as pdf:
        uris = [
            str(annot.get("/A", {}).get("/URI", ""))
            for page in pdf.pages
            for annot in page.get("/Annots", [])
        ]
    assert not any(HOST in uri for uri in uris)


@pytest.mark.parametrize("fmt", ["html", "docx", "txt"])
def test_control_characters_from_the_api_cannot_break_a_document(fmt: str) -> None:
    """Records refuse control characters when read (see test_yamlsource);
    a document built in Python may still carry them."""
    doc = Document(Metadata(title="t\x07"), (Paragraph("a\x00b\x07c\x1b[31md\x0ce\ufffef"),))
    data = document_bytes(doc, fmt)
    if fmt == "docx":
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            lxml.etree.fromstring(package.read("word/document.xml"))
    else:
        assert b"\x00" not in data and b"\x07" not in data


def test_the_network_guard_sees_a_fetch_that_weasyprint_would_make() -> None:
    """The guard above can fail: unrestricted WeasyPrint does reach out."""
    import weasyprint

    with no_network() as attempts:
        weasyprint.HTML(string=f'<img src="http://{HOST}/x.png">').write_pdf()
    assert attempts != []

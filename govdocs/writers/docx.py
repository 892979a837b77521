"""DOCX writer: the document tree through python-docx with named Word
styles, PAGE/NUMPAGES fields in the header, filled core properties and a
reproducible zip (fixed timestamps, sorted entries), so a secretary can
open it in Word or LibreOffice and keep working, and CI gets identical bytes."""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, datetime, time
from typing import Any, assert_never

from govdocs.document.model import (
    Block,
    BulletList,
    Document,
    Emphasis,
    Figure,
    Heading,
    Inlines,
    KeyValue,
    Link,
    Notice,
    PageBreak,
    Paragraph,
    Section,
    Table,
)
from govdocs.typeset.fonts import FONT_FAMILY
from govdocs.typeset.hyphenation import SOFT_HYPHEN

__all__ = ["ROLE_STYLES", "write_docx"]

EPOCH = datetime(1980, 1, 1, tzinfo=UTC)
ZIP_TIME = (1980, 1, 1, 0, 0, 0)

LANGUAGE_TAGS = {"fi": "fi-FI", "sv": "sv-FI"}
"""Word language tags: Finland's Finnish and Swedish."""

ROLE_STYLES: dict[str, tuple[str, str, dict[str, Any]]] = {
    # role: (style name, based on, properties)
    "": ("Body Text", "Normal", {}),
    "mark": ("Section Mark", "Normal", {"bold": True, "size": 12}),
    "title": ("Document Title", "Normal", {"bold": True, "size": 14, "space_after": 6}),
    "case": ("Case Number", "Normal", {"space_after": 12}),
    "contact": ("Contact", "Normal", {"space_after": 0}),
    "contact-email": ("Contact", "Normal", {"space_after": 0}),
    "presenter": ("Contact", "Normal", {"space_after": 0}),
    "signature": ("Signature", "Normal", {"space_after": 0}),
    "attachment-line": ("Attachment Line", "Normal", {"space_after": 0}),
    "distribution": ("Distribution", "Normal", {"space_after": 0}),
    "attendee": ("Attendee", "Normal", {"space_after": 0}),
    "checker": ("Attendee", "Normal", {"space_after": 0}),
    "recipient": ("Attendee", "Normal", {"space_after": 0}),
    "appeal-title": ("Appeal Title", "Normal", {"bold": True}),
    "notice": ("Notice", "Normal", {"italic": True}),
    "caption": ("Caption", "Normal", {"size": 9}),
}
"""Named paragraph styles by block role; unknown roles use 'Body Text'."""


def _set_language(style: Any, lang: str) -> None:
    """The proofing language of a style (Word spell-checks and hyphenates by it)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    props = style.element.get_or_add_rPr()
    element = props.find(qn("w:lang"))
    if element is None:
        element = OxmlElement("w:lang")
        props.append(element)
    element.set(qn("w:val"), LANGUAGE_TAGS.get(lang, lang))


def _define_styles(document: Any, lang: str) -> None:
    from docx.enum.style import WD_STYLE_TYPE
    from docx.shared import Pt

    normal = document.styles["Normal"]
    normal.font.name = FONT_FAMILY
    normal.font.size = Pt(10)
    _set_language(normal, lang)
    for name, based_on, props in ROLE_STYLES.values():
        if name in [s.name for s in document.styles]:
            continue
        style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = document.styles[based_on]
        style.font.bold = props.get("bold")
        style.font.italic = props.get("italic")
        if "size" in props:
            style.font.size = Pt(props["size"])
        style.paragraph_format.space_after = Pt(props.get("space_after", 8))
    for level in (1, 2, 3, 4):  # 4: a decision's subheadings inside the minutes
        heading = document.styles[f"Heading {level}"]
        heading.font.name = FONT_FAMILY
        heading.font.color.rgb = None


def _add_text(paragraph: Any, text: str, bold: bool | None = None,
              italic: bool | None = None) -> None:
    """One run for ``text``; soft hyphens become Word's ``w:softHyphen``
    inside it. Built as XML directly: python-docx's run API costs ~0.1 ms
    per call, and a hyphenated page has over a thousand breaks."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    run = OxmlElement("w:r")
    if bold or italic:
        props = OxmlElement("w:rPr")
        for flag, tag in ((bold, "w:b"), (italic, "w:i")):
            if flag:
                props.append(OxmlElement(tag))
        run.append(props)
    for index, piece in enumerate(text.split(SOFT_HYPHEN)):
        if index:
            run.append(OxmlElement("w:softHyphen"))
        for number, line in enumerate(piece.split("\n")):
            if number:
                run.append(OxmlElement("w:br"))
            if line:
                element = OxmlElement("w:t")
                element.text = line
                element.set(qn("xml:space"), "preserve")
                run.append(element)
    paragraph._p.append(run)


def _add_link(paragraph: Any, link: Link) -> None:
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    rel_id = paragraph.part.relate_to(link.href, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    hyperlink = OxmlElement("w:hyperlink")
    hyperlink.set(qn("r:id"), rel_id)
    paragraph._p.append(hyperlink)
    holder = paragraph.add_run()._r
    hyperlink.append(holder)
    holder.append(OxmlElement("w:t"))
    holder[-1].text = link.text.replace(SOFT_HYPHEN, "")
    holder[-1].set(qn("xml:space"), "preserve")


def _add_runs(paragraph: Any, content: Inlines) -> None:
    for run in content:
        if isinstance(run, Link):
            _add_link(paragraph, run)
        elif isinstance(run, Emphasis):
            _add_text(paragraph, run.text, bold=run.strong, italic=not run.strong)
        elif isinstance(run, str):
            _add_text(paragraph, run)
        else:
            assert_never(run)


def _style(role: str) -> str:
    return ROLE_STYLES.get(role, ROLE_STYLES[""])[0]


def _paragraph(document: Any, style: str) -> Any:
    """A new body paragraph in a named style. Style ids are looked up once per
    document: python-docx searches all styles by name on every paragraph."""
    ids = document.__dict__.setdefault("_govdocs_style_ids", {})
    if style not in ids:
        ids[style] = document.styles[style].style_id
    paragraph = document.add_paragraph()
    paragraph._p.style = ids[style]
    return paragraph


def _table(document: Any, block: Table) -> None:
    if block.caption:
        _add_text(_paragraph(document, "Caption"), block.caption)
    table = document.add_table(rows=1, cols=len(block.columns), style="Table Grid")
    for cell, column in zip(table.rows[0].cells, block.columns, strict=True):
        _add_text(cell.paragraphs[0], column, bold=True)
    for row in block.rows:
        cells = table.add_row().cells
        for cell, content in zip(cells, row, strict=True):
            _add_runs(cell.paragraphs[0], content)


TEXT_WIDTH_MM = 165
"""A4 less the margins set in `_header`: the widest a picture can be."""


def _figure(document: Any, block: Figure) -> None:
    """The picture itself (Word places only raster images, so the SVG is
    rasterised when the tree carries no PNG), its alt text for screen
    readers, then the caption."""
    from docx.shared import Mm

    from govdocs.writers.raster import svg_size, svg_to_png

    png = block.png or svg_to_png(block.svg)
    width_mm = block.width_mm
    if width_mm is None:
        try:
            width_mm = min(svg_size(block.svg)[0] * 25.4 / 96, TEXT_WIDTH_MM)
        except ValueError:  # a hand-made tree's PNG beside an SVG without a size
            width_mm = TEXT_WIDTH_MM
    width = Mm(width_mm)
    shape = document.add_picture(io.BytesIO(png), width=width)
    shape._inline.docPr.set("descr", block.alt or block.caption)
    if block.caption:
        _add_text(_paragraph(document, "Caption"), block.caption)


def _block(document: Any, block: Block) -> None:
    if isinstance(block, Heading):
        _add_text(document.add_heading(level=min(block.level, 9)), block.text)
    elif isinstance(block, Paragraph):
        _add_runs(_paragraph(document, _style(block.role)), block.content)
    elif isinstance(block, BulletList):
        style = "List Number" if block.ordered else "List Bullet"
        for item in block.items:
            _add_runs(_paragraph(document, style), item)
    elif isinstance(block, Table):
        _table(document, block)
    elif isinstance(block, KeyValue):
        for label, value in block.pairs:
            paragraph = _paragraph(document, _style(block.role))
            _add_text(paragraph, f"{label}: ", bold=True)
            _add_runs(paragraph, value)
    elif isinstance(block, Notice):
        paragraph = _paragraph(document, _style("notice"))
        if block.title:
            _add_text(paragraph, f"{block.title}: ", bold=True)
        _add_runs(paragraph, block.content)
    elif isinstance(block, Figure):
        _figure(document, block)
    elif isinstance(block, PageBreak):
        document.add_page_break()
    elif isinstance(block, Section):
        if block.heading:
            _add_text(document.add_heading(level=min(block.level, 9)), block.heading)
        for child in block.blocks:
            _block(document, child)
    else:
        assert_never(block)


def _field(paragraph: Any, instruction: str) -> None:
    """A Word field (PAGE, NUMPAGES): python-docx has no API, so raw XML."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    for kind, text in (("begin", None), ("instr", instruction), ("separate", None),
                       ("result", "1"), ("end", None)):
        run = paragraph.add_run()._r
        if kind == "instr":
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = f" {text} "
        elif kind == "result":
            element = OxmlElement("w:t")
            element.text = text
        else:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        run.append(element)


def _header(document: Any, doc: Document) -> None:
    from docx.enum.text import WD_TAB_ALIGNMENT
    from docx.shared import Mm, Pt

    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin, section.right_margin = Mm(25), Mm(20)
    section.top_margin, section.bottom_margin = Mm(32), Mm(22)
    header = section.header
    # The "Header" style's centre and right tab stops assume Letter paper:
    # replace them by one right stop at the A4 text edge.
    header_style = document.styles["Header"].paragraph_format.tab_stops
    while len(header_style):
        del header_style[0]
    header_style.add_tab_stop(Mm(165), WD_TAB_ALIGNMENT.RIGHT)
    rows = max(len(doc.header.left), len(doc.header.right) + int(doc.header.page), 1)
    paragraph = header.paragraphs[0]
    for row in range(rows):
        if row:
            paragraph = header.add_paragraph(style="Header")
        paragraph.paragraph_format.space_after = Pt(0)
        left = doc.header.left[row] if row < len(doc.header.left) else ""
        right = doc.header.right[row] if row < len(doc.header.right) else ""
        _add_text(paragraph, f"{left}\t{right}")
        if doc.header.page and row == len(doc.header.right):
            _field(paragraph, "PAGE")
            paragraph.add_run(" (")
            _field(paragraph, "NUMPAGES")
            paragraph.add_run(")")


def _properties(document: Any, doc: Document) -> None:
    props = document.core_properties
    stamp = EPOCH
    if doc.meta.created is not None:
        stamp = datetime.combine(doc.meta.created, time(12), tzinfo=UTC)
    # core properties hold at most 255 characters each (python-docx raises beyond)
    props.title, props.author = doc.meta.title[:255], doc.meta.author[:255]
    props.subject = doc.meta.subject[:255]
    props.keywords = ", ".join(doc.meta.keywords)[:255]
    props.language, props.category = doc.meta.lang, doc.meta.doc_type
    props.created = props.modified = stamp
    props.last_modified_by, props.revision, props.comments = doc.meta.author, 1, ""


def _reproducible_zip(data: bytes) -> bytes:
    """Rewrite the package with sorted entries and fixed timestamps."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in sorted(source.namelist()):
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3
            target.writestr(info, source.read(name))
    return out.getvalue()


def write_docx(doc: Document) -> bytes:
    """The document as DOCX bytes, identical for identical input."""
    import docx

    document = docx.Document()
    _define_styles(document, doc.meta.lang)
    _header(document, doc)
    _properties(document, doc)
    for block in doc.blocks:
        _block(document, block)
    buffer = io.BytesIO()
    document.save(buffer)
    return _reproducible_zip(buffer.getvalue())

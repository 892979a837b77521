"""An SVG picture as PNG, for formats that cannot place SVG (python-docx
takes only raster images).

WeasyPrint (already the PDF writer) lays the SVG out on a page of its own
size, with the shipped fonts and the same refusing URL fetcher, so the
picture's text looks as it does in the PDF; PDFium (pypdfium2) turns that
page into pixels and Pillow writes the PNG. The same SVG gives the same
bytes: no timestamps, no machine-dependent fonts.
"""

from __future__ import annotations

import functools
import io
import re
from typing import Any

__all__ = ["svg_size", "svg_to_png"]

SCALE = 2.0
"""Pixels per CSS pixel: sharp on a printed A4 page at the DOCX width."""

_SIZE = re.compile(r'<svg\b[^>]*?\bwidth="([\d.]+)"[^>]*?\bheight="([\d.]+)"', re.S)


def svg_size(svg: str) -> tuple[float, float]:
    """The picture's width and height in CSS pixels, from its root element."""
    found = _SIZE.search(svg)
    if found is None:
        raise ValueError("the SVG root needs numeric width and height attributes")
    return float(found.group(1)), float(found.group(2))


@functools.cache
def _fonts_only() -> tuple[Any, Any, Any, Any]:
    # the shipped fonts without the document stylesheet: its @page margins
    # and running header belong to documents, not to a picture's page
    from govdocs.typeset.fonts import fonts_css
    from govdocs.writers.pdf import _weasy

    weasyprint, font_config, _sheet, fetcher = _weasy()
    fonts = weasyprint.CSS(string=fonts_css(), font_config=font_config, url_fetcher=fetcher)
    return weasyprint, font_config, fonts, fetcher


def svg_to_png(svg: str, scale: float = SCALE) -> bytes:
    """The picture as PNG bytes, ``scale`` pixels per CSS pixel."""
    import pypdfium2

    from govdocs.typeset.fonts import FONT_DIR

    weasyprint, font_config, sheet, fetcher = _fonts_only()
    width, height = svg_size(svg)
    page = (
        f"<!DOCTYPE html><html><head><style>@page {{ size: {width}px {height}px; margin: 0 }}"
        f" html, body {{ margin: 0; padding: 0 }} svg {{ display: block }}</style></head>"
        f"<body>{svg}</body></html>"
    )
    html = weasyprint.HTML(string=page, base_url=FONT_DIR.as_uri() + "/", url_fetcher=fetcher)
    pdf = html.render(stylesheets=[sheet], font_config=font_config).write_pdf()
    document = pypdfium2.PdfDocument(pdf)
    try:
        # PDF pages are measured in points (3/4 of a CSS pixel)
        bitmap = document[0].render(scale=scale * 96 / 72)
        image = bitmap.to_pil()
    finally:
        document.close()
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)
    return out.getvalue()

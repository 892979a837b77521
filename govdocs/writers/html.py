"""HTML writer: the document tree through Jinja2 (autoescaping on) into
semantic HTML with the print stylesheet inlined. The same markup is the web
copy and, with ``paged=True`` (running header in ``@page`` margin boxes),
the input of the PDF writer."""

from __future__ import annotations

import functools

import jinja2
from markupsafe import Markup

from govdocs.document.model import Document
from govdocs.resources import TEMPLATES_DIR

__all__ = ["HTML_DIR", "css_string", "html_string", "stylesheet", "write_html"]

HTML_DIR = TEMPLATES_DIR / "html"


def css_string(value: str) -> Markup:
    """``value`` as a quoted CSS string: safe inside ``<style>`` (no quote,
    backslash or ``<`` survives), line breaks as ``\\A``."""
    out = []
    for ch in value:
        if ch == "\n":
            out.append("\\A ")
        elif ch in '"\\<>' or ord(ch) < 0x20:
            out.append(f"\\{ord(ch):X} ")
        else:
            out.append(ch)
    # Safe to mark: nothing in it can end the <style> element or the string.
    return Markup('"' + "".join(out) + '"')


@functools.cache
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(HTML_DIR),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )
    env.filters["css_string"] = css_string
    env.filters["link"] = str  # a document's links stay as laid out; the site maps them to its pages
    return env


@functools.cache
def _stylesheet() -> str:
    return (HTML_DIR / "document.css").read_text(encoding="utf-8")


def stylesheet() -> str:
    """The document stylesheet (screen and print)."""
    return _stylesheet()


def html_string(doc: Document, *, paged: bool = False, inline_css: bool = True) -> str:
    """The document as an HTML page; ``paged`` adds the running header as
    page margin boxes (for WeasyPrint). Without ``inline_css`` the caller
    supplies :func:`stylesheet` itself (the PDF writer parses it once)."""
    template = _environment().get_template("document.html.j2")
    created = doc.meta.created.isoformat() if doc.meta.created else ""
    css = _stylesheet() if inline_css else ""
    left, right_pad = _header_padding(doc)
    return template.render(doc=doc, css=css, paged=paged, created=created, header_left=left,
                           header_right_pad=right_pad)


def _header_padding(doc: Document) -> tuple[list[str], str]:
    """The header's left lines padded below with empty lines, and the empty
    lines to add below the right column (its lines and the page), so both
    columns have as many lines. Both margin boxes sit on the page's header
    line, so their first lines then share a baseline ('Helsingin kaupunki'
    beside 'Pöytäkirja', not beside the date)."""
    left = len(doc.header.left)
    right = len(doc.header.right) + int(doc.header.page)
    rows = max(left, right)
    return [*doc.header.left, *[EMPTY_LINE] * (rows - left)], "".join(f"\n{EMPTY_LINE}" * (rows - right))


EMPTY_LINE = "\u00a0"
"""A line that shows nothing yet takes a line's height (a no-break space:
white space would collapse at the end of the margin box)."""


def write_html(doc: Document) -> bytes:
    """The web copy, UTF-8."""
    return html_string(doc).encode("utf-8")

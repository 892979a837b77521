"""PDF writer: the paged HTML through WeasyPrint into PDF/A-3b.

* fonts only from ``templates/fonts`` (:func:`govdocs.typeset.fonts.fonts_css`);
  the URL fetcher refuses everything else, so no network and no system files;
* metadata: title, author (the decision maker), subject (diary number),
  keywords, language; the document's own date as creation date, never "now";
* tagged (``pdf_tags``) for accessibility;
* embedded files (the source YAML) as PDF/A-3 associated files with fixed dates;
* a fixed file identifier derived from the content, so two renders of the
  same records are byte-identical.
"""

from __future__ import annotations

import functools
import hashlib
import os
from datetime import UTC, datetime, time
from io import BytesIO
from typing import Any
from urllib.parse import quote, unquote, urlsplit

from govdocs.document.model import Document, EmbeddedFile
from govdocs.errors import InputError
from govdocs.typeset import soft_hyphens
from govdocs.typeset.fonts import FONT_DIR, fonts_css
from govdocs.writers.html import html_string, stylesheet

__all__ = ["PDF_VARIANT", "FetchRefused", "write_pdf"]

PDF_VARIANT = "pdf/a-3b"
EPOCH = datetime(1980, 1, 1, tzinfo=UTC)
"""Date stamped on embedded files of a document without a date of its own."""


class FetchRefused(InputError, ValueError):
    """A document asked for a resource outside templates/fonts."""


def _fetcher_class() -> type:
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class FontsOnlyFetcher(URLFetcher):
        """Serves the shipped font files and refuses every other URL."""

        def fetch(self, url: str, headers: Any = None) -> Any:
            prefix = FONT_DIR.as_uri() + "/"
            name = url[len(prefix) :] if url.startswith(prefix) else ""
            if not name or "/" in name or name.startswith("."):
                raise FetchRefused(f"govdocs fetches only shipped fonts, not {url}")
            body = (FONT_DIR / name).read_bytes()
            return URLFetcherResponse(url, body, {"Content-Type": "font/ttf"})

    return FontsOnlyFetcher


@functools.cache
def _weasy() -> tuple[Any, Any, Any, Any]:
    """WeasyPrint, its font configuration and the compiled fonts and document
    stylesheet, loaded once per process: font loading and CSS parsing would
    otherwise dominate a warm render. The line breaker gets its faster
    soft-hyphen tries (:mod:`govdocs.typeset.soft_hyphens`: same bytes)."""
    import weasyprint
    from weasyprint.text.fonts import FontConfiguration

    soft_hyphens.install()
    font_config = FontConfiguration()
    fetcher = _fetcher_class()(fail_on_errors=True)
    css = fonts_css() + "\n" + stylesheet()
    sheet = weasyprint.CSS(string=css, font_config=font_config, url_fetcher=fetcher)
    return weasyprint, font_config, sheet, fetcher


def _stamp(doc: Document) -> datetime:
    if doc.meta.created is None:
        return EPOCH
    return datetime.combine(doc.meta.created, time(12), tzinfo=UTC)


def _attachment(weasyprint: Any, item: EmbeddedFile, stamp: datetime) -> Any:
    return weasyprint.Attachment(
        file_obj=BytesIO(item.data), name=item.name, description=item.description,
        created=stamp, modified=stamp, relationship=item.relationship,
    )


def _tidy(document: Any, pdf: Any) -> None:
    """Finishing touches after WeasyPrint's PDF/A step.

    WeasyPrint always declares empty /Pattern and /Shading resources, which a
    strict PDF/A validator (pikepdf's) cannot vouch for, and lists each
    associated file twice in the catalogue's /AF: drop both."""
    for obj in pdf.objects:
        if isinstance(obj, dict) and "ColorSpace" in obj:
            for key in ("Pattern", "Shading", "ExtGState", "XObject"):
                if isinstance(obj.get(key), dict) and not obj[key]:
                    del obj[key]
    if "AF" in pdf.catalog:
        unique = list(dict.fromkeys(pdf.catalog["AF"]))
        pdf.catalog["AF"].clear()
        pdf.catalog["AF"].extend(unique)
    _relative_links(pdf)


def _relative_links(pdf: Any) -> None:
    """WeasyPrint resolves a relative link ('../kj-2016-59.pdf', from a
    report to the decision it cites) against the base URL, the fonts
    folder, and would write this machine's absolute path into the PDF: a
    broken link, and bytes that differ between checkouts. Write the link
    back relative to the document, as the HTML has it."""
    import pydyf

    for obj in pdf.objects:
        if not isinstance(obj, dict) or obj.get("Subtype") != "/Link":
            continue
        for holder, key in ((obj.get("A"), "URI"), (obj, "Contents")):
            if not isinstance(holder, dict):
                continue
            value = holder.get(key)
            if isinstance(value, pydyf.String) and str(value.string).startswith("file:"):
                holder[key] = pydyf.String(_relative(str(value.string)))


def _relative(uri: str) -> str:
    parts = urlsplit(uri)
    path = os.path.relpath(unquote(parts.path), FONT_DIR)
    return quote(path) + (f"#{parts.fragment}" if parts.fragment else "")


def write_pdf(doc: Document) -> bytes:
    """The document as PDF/A-3b bytes, identical for identical input."""
    weasyprint, font_config, fonts, fetcher = _weasy()
    source = html_string(doc, paged=True, inline_css=False)
    identifier = hashlib.sha256(source.encode("utf-8"))
    for item in doc.attachments:
        identifier.update(item.data)
    html = weasyprint.HTML(string=source, base_url=FONT_DIR.as_uri() + "/", url_fetcher=fetcher)
    document = html.render(stylesheets=[fonts], font_config=font_config)
    return document.write_pdf(
        finisher=_tidy,
        pdf_variant=PDF_VARIANT,
        pdf_tags=True,
        pdf_identifier=identifier.hexdigest()[:32].encode("ascii"),
        attachments=[_attachment(weasyprint, a, _stamp(doc)) for a in doc.attachments],
    )

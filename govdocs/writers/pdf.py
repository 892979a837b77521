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
from datetime import UTC, datetime, time
from io import BytesIO
from typing import Any

from govdocs.document.model import Document, EmbeddedFile
from govdocs.typeset.fonts import FONT_DIR, fonts_css
from govdocs.writers.html import html_string, stylesheet

__all__ = ["PDF_VARIANT", "FetchRefused", "write_pdf"]

PDF_VARIANT = "pdf/a-3b"
EPOCH = datetime(1980, 1, 1, tzinfo=UTC)
"""Date stamped on embedded files of a document without a date of its own."""


class FetchRefused(ValueError):
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
    otherwise dominate a warm render."""
    import weasyprint
    from weasyprint.text.fonts import FontConfiguration

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

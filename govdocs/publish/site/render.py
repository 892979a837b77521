"""Site pages through Jinja2: one base template (landmarks, skip link,
language, search), the document tree through the documents' own block
macros (`templates/html/blocks.html.j2`), every link relative to the page."""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING, Any

import jinja2

from govdocs.resources import TEMPLATES_DIR
from govdocs.writers.html import HTML_DIR

if TYPE_CHECKING:
    from govdocs.publish.site.pages import Page, Site

__all__ = ["SITE_DIR", "render_page", "stylesheet"]

SITE_DIR = TEMPLATES_DIR / "site"

_DOCUMENT_LINK = re.compile(r"(?:.*/)?(?P<stem>[A-Za-z0-9][A-Za-z0-9_.-]*?)(?:-julkinen)?\.(?P<ext>html|pdf)")


@functools.cache
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([SITE_DIR, HTML_DIR]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["rel"] = _rel
    env.filters["link"] = _link
    return env


@jinja2.pass_context
def _rel(context: Any, target: str) -> str:
    """A site path as a link from the page being rendered."""
    from govdocs.publish.site.paths import relative

    return relative(target, context["page"].path)


@jinja2.pass_context
def _link(context: Any, href: str) -> str:
    """A link the document tree holds (to another decision's copy, as a
    build lays them out), pointed at that decision's page or PDF on the site."""
    site: Site = context["site"]
    page: Page = context["page"]
    found = _DOCUMENT_LINK.fullmatch(href)
    if "://" in href or found is None:
        return href
    from govdocs.publish.site import paths

    stem, ext = found["stem"], found["ext"]
    if ext == "html" and stem in site.repo.decisions:
        target = paths.decision_page(stem, page.lang if page.lang in site.languages(stem) else "fi")
    elif ext == "pdf" and (pdf := site.document(f"{stem}-julkinen")):
        target = pdf
    else:
        return href
    return paths.relative(target, page.path)


def render_page(template: str, page: Page, site: Site, **context: Any) -> bytes:
    """The page's HTML, UTF-8."""
    labels = site.labels(page.lang)
    html = _environment().get_template(template).render(page=page, site=site, labels=labels, **context)
    return html.encode("utf-8")


@functools.cache
def stylesheet() -> bytes:
    """The site's stylesheet (site.css), written once at the site's root."""
    return (SITE_DIR / "site.css").read_bytes()

"""Atom feeds (RFC 4287) of a decision maker's newest decisions.

One feed per decision maker and language, its entries the newest
`NEWEST` decisions with a page in that language, each titled as its web
copy is on the build's day (personal data masked as the page masks it).
Entry ids are stable URNs made from the municipality's business id and the
decision's id, so a reader knows an entry again after the site moves; links
are relative to the feed's own address (RFC 4287 §4.2.7 with RFC 3986
resolution), so the site works from any host. Times are the decisions'
own days, never the build's clock: the same records give the same bytes.
"""

from __future__ import annotations

import posixpath
import uuid
from datetime import date
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape, quoteattr

from govdocs.describe import fi_date
from govdocs.publish.site import paths

if TYPE_CHECKING:
    from govdocs.publish.site.pages import Page, Site

__all__ = ["NEWEST", "atom_feed", "entry_id"]

NEWEST = 50
"""How many decisions a feed lists."""

_NAMESPACE = uuid.UUID("6f1c1d52-52a4-4a43-9a39-0d8c0f0e8f10")
"""The namespace of govdocs' entry ids (uuid5 over municipality and decision)."""


def entry_id(business_id: str, decision_id: str) -> str:
    """'urn:uuid:…', the same for the same municipality and decision."""
    return f"urn:uuid:{uuid.uuid5(_NAMESPACE, f'{business_id}/{decision_id}')}"


def atom_feed(site: Site, page: Page) -> bytes:
    from govdocs.publish.site.pages import day_of

    labels = site.labels(page.lang)
    maker_id, lang = page.subject, page.lang
    name = site.maker_name(maker_id, lang)
    newest = list(page.reads)[:NEWEST]
    days = [d for d in (day_of(site.repo.decisions[did]) for did in newest) if d is not None]
    updated = max(days) if days else date(1970, 1, 1)
    municipality = site.repo.municipality_of(newest[0]) if newest else None
    business = municipality.business_id if municipality is not None and municipality.business_id else maker_id
    home = _href(paths.maker_page(maker_id, lang), page.path)
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="{lang}">',
        f"  <title>{escape(labels['feed_title'].format(maker=name))}</title>",
        f"  <id>{entry_id(business, 'paattajat/' + maker_id + '/' + lang)}</id>",
        f"  <updated>{_stamp(updated)}</updated>",
        f"  <author><name>{escape(name)}</name></author>",
        f'  <link rel="self" href={quoteattr(posixpath.basename(page.path))}/>',
        f'  <link rel="alternate" type="text/html" href={home}/>',
    ]
    for did in newest:
        decision = site.repo.decisions[did]
        day = day_of(decision)
        title = site.title(did, lang)
        summary = f"{name} {decision.number} §" + (f", {fi_date(day)}" if day else "")
        link = _href(paths.decision_page(did, lang), page.path)
        lines += [
            "  <entry>",
            f"    <title>{escape(title)}</title>",
            f"    <id>{entry_id(business, did)}</id>",
            f"    <updated>{_stamp(day or updated)}</updated>",
            f'    <link rel="alternate" type="text/html" href={link}/>',
            f"    <summary>{escape(summary)}</summary>",
            "  </entry>",
        ]
    lines.append("</feed>")
    return ("\n".join(lines) + "\n").encode("utf-8")


def _href(target: str, feed: str) -> str:
    """The quoted link to a site path from the feed."""
    return quoteattr(paths.relative(target, feed))


def _stamp(day: date) -> str:
    return f"{day.isoformat()}T00:00:00Z"

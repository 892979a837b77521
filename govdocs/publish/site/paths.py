"""Where every page of the public site lives: one table of URLs.

The site is a folder of static files that works from any plain file
server: every link is relative, every page a ``.html`` file. Finnish pages
sit at the top, Swedish ones under ``sv/`` with the same layout::

    index.html                         front page: decision makers, latest decisions
    paatokset/<decision>.html          a decision's public copy
    paattajat/<maker>/index.html       a decision maker: its years
    paattajat/<maker>/<year>.html      its decisions of one year
    paattajat/<maker>/atom.xml         Atom feed of its newest decisions
    kokoukset/<meeting>.html           a meeting: agenda and minutes
    asiat/<case>.html                  a case: every handling in order
    organisaatiot/<organisation>.html  responsibilities over time
    sitoumukset/<body>.html            a body's follow-up duties
    haku/index.html                    search (Pagefind)
    asiakirjat/<stem>.pdf              the documents (a `govdocs build` of the public copies)

Ids are record ids, which validation keeps to safe file names.
"""

from __future__ import annotations

import posixpath

from govdocs.publish.export.public import slug

__all__ = [
    "DOCUMENTS",
    "LANGUAGES",
    "case_page",
    "case_slug",
    "commitments_page",
    "decision_page",
    "document_file",
    "feed",
    "front_page",
    "maker_page",
    "meeting_page",
    "organisation_page",
    "relative",
    "search_page",
    "year_page",
]

LANGUAGES = ("fi", "sv")
DOCUMENTS = "asiakirjat"
"""The folder the public copies' PDFs (a build of them) go into."""


def _lang(path: str, lang: str) -> str:
    return path if lang == "fi" else f"{lang}/{path}"


def front_page(lang: str = "fi") -> str:
    return _lang("index.html", lang)


def search_page(lang: str = "fi") -> str:
    return _lang("haku/index.html", lang)


def decision_page(decision_id: str, lang: str = "fi") -> str:
    return _lang(f"paatokset/{decision_id}.html", lang)


def maker_page(maker_id: str, lang: str = "fi") -> str:
    return _lang(f"paattajat/{maker_id}/index.html", lang)


def year_page(maker_id: str, year: int, lang: str = "fi") -> str:
    return _lang(f"paattajat/{maker_id}/{year}.html", lang)


def feed(maker_id: str, lang: str = "fi") -> str:
    return _lang(f"paattajat/{maker_id}/atom.xml", lang)


def meeting_page(meeting_id: str, lang: str = "fi") -> str:
    return _lang(f"kokoukset/{meeting_id}.html", lang)


def case_slug(case: str) -> str:
    """'HEL 2021-012345' → 'hel-2021-012345'."""
    return slug(case) or "asia"


def case_page(case: str, lang: str = "fi") -> str:
    return _lang(f"asiat/{case_slug(case)}.html", lang)


def organisation_page(organisation_id: str, lang: str = "fi") -> str:
    return _lang(f"organisaatiot/{organisation_id}.html", lang)


def commitments_page(body_id: str, lang: str = "fi") -> str:
    return _lang(f"sitoumukset/{body_id}.html", lang)


def document_file(name: str) -> str:
    """A file the documents' build wrote ('kj-2016-59-julkinen.pdf')."""
    return f"{DOCUMENTS}/{name}"


def relative(target: str, page: str) -> str:
    """The link from ``page`` to ``target``, both site paths: works from a
    file server at any prefix, and offline."""
    return posixpath.relpath(target, posixpath.dirname(page) or ".")

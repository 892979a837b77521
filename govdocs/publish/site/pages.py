"""The pages of the public site: which exist, what each reads, and how
each is made, in one table (`KINDS`).

Every page is made from public copies only: a decision's page is its web
copy's document tree (`build_decision(..., public=True, as_of=day)`), a
meeting's its public agenda or minutes, an organisation's its public
responsibility audit; listings show only what those copies show (a secret
decision by its public title, personal data masked as its copy masks it
that day). No page embeds a source record or metadata beyond what its
visible text holds.

A page names the records it reads (`Page.reads`), so its build key (see
`govdocs.publish.site`) changes exactly when one of them does.

Example::

    site = Site(repo, date(2025, 12, 9), documents={"kj-2016-59-julkinen.pdf"})
    for page in pages(site):
        made = KINDS[page.kind](site, page)     # Made(data=b"<!DOCTYPE html>...", entry=...)
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import Any

from govdocs.describe import fi_date
from govdocs.document.kinds import KINDS as DOCUMENT_KINDS
from govdocs.document.kinds import Request
from govdocs.document.labels import label_set
from govdocs.document.model import Document, Heading
from govdocs.model.decision import Decision, Handling, PublicityClass
from govdocs.publish.export.public import PublicView
from govdocs.publish.site import paths
from govdocs.publish.site.render import render_page
from govdocs.publish.site.search import SearchEntry
from govdocs.repository import Repository
from govdocs.swedish import missing
from govdocs.writers import lazy

__all__ = ["KINDS", "Made", "Page", "Site", "pages"]

LATEST = 20
"""How many of the newest decisions the front page lists."""


@dataclass(frozen=True)
class Page:
    """One file of the site."""

    path: str
    kind: str
    """Its row in `KINDS`."""
    subject: str = ""
    lang: str = "fi"
    reads: tuple[str, ...] = ()
    """The records (ids) whose bytes, with those they cite, are in its key."""
    whole: bool = False
    """Reads every record (the front page): the key holds them all."""
    dated: bool = False
    """Shows the state on the build's day (an organisation's holders)."""


@dataclass(frozen=True)
class Made:
    """A page's bytes, and what the search index holds of it (None: not indexed)."""

    data: bytes
    entry: SearchEntry | None = None


class Site:
    """What every page of one site build shares: the records, the day, the
    documents the documents' build wrote, and views of the decisions."""

    def __init__(self, repo: Repository, as_of: date, documents: Iterable[str] = ()):
        self.repo = repo
        self.as_of = as_of
        self.documents = frozenset(documents)
        self._views: dict[str, PublicView] = {}
        self._cited: dict[str, frozenset[str]] = {}

    def view(self, decision_id: str) -> PublicView:
        if decision_id not in self._views:
            self._views[decision_id] = PublicView(self.repo, self.repo.decisions[decision_id], self.as_of)
        return self._views[decision_id]

    def title(self, decision_id: str, lang: str = "fi") -> str:
        """What the decision's web copy is titled, masked as it masks that day."""
        view = self.view(decision_id)
        decision = view.decision
        title = view.title
        if lang == "sv" and decision.language != "sv" and decision.sv is not None and not view.secret:
            title = decision.sv.title
        elif lang == "sv" and view.secret and decision.sv is not None and decision.sv.public_title:
            title = decision.sv.public_title
        return view.redactor(title)

    @cached_property
    def swedish(self) -> frozenset[str]:
        """Decisions with a Swedish page: Swedish records, and Finnish ones
        whose Swedish version is complete."""
        found = set()
        for did, decision in self.repo.decisions.items():
            if decision.language == "sv" or (
                decision.sv is not None and not missing(self.repo.origins[did], decision, "sv")
            ):
                found.add(did)
        return frozenset(found)

    def languages(self, decision_id: str) -> tuple[str, ...]:
        """The languages the decision has a page in."""
        decision = self.repo.decisions[decision_id]
        if decision.language == "sv":
            return ("sv",)
        return ("fi", "sv") if decision_id in self.swedish else ("fi",)

    def cited(self, decision_id: str) -> frozenset[str]:
        """The other records (decisions, follow-ups) the decision names."""
        found = self._cited.get(decision_id)
        if found is None:
            from govdocs.build.plan import cited_decisions

            found = self._cited[decision_id] = frozenset(cited_decisions(self.repo, decision_id))
        return found

    def meeting_languages(self, meeting_id: str) -> tuple[str, ...]:
        """A meeting's page languages: its own, and Swedish when every text
        its Swedish minutes print has its Swedish (the Swedish place, each
        title) and every decision on its agenda has a Swedish page."""
        meeting = self.repo.meetings[meeting_id]
        if meeting.language == "sv":
            return ("sv",)
        items = [i.decision for i in meeting.agenda if i.decision in self.repo.decisions]
        complete = not missing(self.repo.origins[meeting_id], meeting, "sv") and all(
            d in self.swedish for d in items
        )
        return ("fi", "sv") if complete else ("fi",)

    def maker_name(self, maker_id: str, lang: str = "fi") -> str:
        maker = self.repo.makers.get(maker_id)
        if maker is None:
            return maker_id
        return (maker.name.sv if lang == "sv" else None) or maker.name.fi

    def document(self, stem: str) -> str | None:
        """The site path of a documents' build PDF of ``stem``, when it was built."""
        name = f"{stem}.pdf"
        return paths.document_file(name) if name in self.documents else None

    @cached_property
    def by_maker(self) -> dict[str, list[str]]:
        """Decision ids per maker, newest first (undated last)."""
        found: dict[str, list[str]] = defaultdict(list)
        for did in sorted(self.repo.decisions, key=lambda d: _sort_key(self.repo.decisions[d]), reverse=True):
            found[self.repo.decisions[did].maker].append(did)
        return dict(found)

    @cached_property
    def by_case(self) -> dict[str, list[str]]:
        """Decision ids per case (diary number), oldest first."""
        found: dict[str, list[str]] = defaultdict(list)
        for did in sorted(self.repo.decisions, key=lambda d: _sort_key(self.repo.decisions[d])):
            case = self.repo.decisions[did].case
            if case:
                found[case].append(did)
        return dict(found)

    def labels(self, lang: str) -> Any:
        return label_set("site", lang)


def day_of(decision: Decision) -> date | None:
    return decision.date if isinstance(decision.date, date) else None


def _sort_key(decision: Decision) -> tuple[date, int, str]:
    return day_of(decision) or date.min, decision.number, decision.id


def pages(site: Site) -> list[Page]:
    """Every page of the site, sorted by path."""
    repo = site.repo
    found: list[Page] = []
    for lang in paths.LANGUAGES:
        found.append(Page(paths.front_page(lang), "front", lang=lang, whole=True))
        found.append(Page(paths.search_page(lang), "search", lang=lang, whole=True))
    for did in repo.decisions:
        for lang in site.languages(did):
            found.append(Page(paths.decision_page(did, lang), "decision", did, lang, reads=(did,)))
    for maker_id, ids in site.by_maker.items():
        for lang in _languages_of(site, ids):
            shown = _shown_in(site, ids, lang)
            found.append(Page(paths.maker_page(maker_id, lang), "maker", maker_id, lang, reads=tuple(shown)))
            found.append(Page(paths.feed(maker_id, lang), "feed", maker_id, lang, reads=tuple(shown)))
            for year, in_year in _years(site, shown).items():
                found.append(
                    Page(
                        paths.year_page(maker_id, year, lang),
                        "year",
                        f"{maker_id}/{year}",
                        lang,
                        reads=tuple(in_year),
                    )
                )
    for case, ids in site.by_case.items():
        for lang in _languages_of(site, ids):
            found.append(
                Page(paths.case_page(case, lang), "case", case, lang, reads=tuple(_shown_in(site, ids, lang)))
            )
    for meeting_id, meeting in repo.meetings.items():
        items = tuple(i.decision for i in meeting.agenda if i.decision in repo.decisions)
        for lang in site.meeting_languages(meeting_id):
            found.append(
                Page(
                    paths.meeting_page(meeting_id, lang),
                    "meeting",
                    meeting_id,
                    lang,
                    reads=(meeting_id, *items),
                )
            )
    from govdocs.publish.site.reports import report_pages

    found += report_pages(site)
    return sorted(found, key=lambda p: p.path)


def _languages_of(site: Site, ids: list[str]) -> tuple[str, ...]:
    return tuple(lang for lang in paths.LANGUAGES if _shown_in(site, ids, lang))


def _shown_in(site: Site, ids: list[str], lang: str) -> list[str]:
    return [did for did in ids if lang in site.languages(did)]


def _years(site: Site, ids: list[str]) -> dict[int, list[str]]:
    found: dict[int, list[str]] = defaultdict(list)
    for did in ids:
        day = day_of(site.repo.decisions[did])
        if day is not None:
            found[day.year].append(did)
    return dict(found)


# ---------------------------------------------------------------- the pages


def _decision(site: Site, page: Page) -> Made:
    from govdocs.document.decision import build_decision
    from govdocs.writers.text import write_text

    repo, did, lang = site.repo, page.subject, page.lang
    decision = repo.decisions[did]
    doc = build_decision(repo, decision, public=True, lang=lang, as_of=site.as_of)
    labels = site.labels(lang)
    day = day_of(decision)
    facts: list[tuple[str, list[tuple[str, str | None]]]] = [
        (labels["maker"], [(site.maker_name(decision.maker, lang), paths.maker_page(decision.maker, lang))]),
        (labels["date"], [(fi_date(day) if day else labels["not_stated"], None)]),
        (labels["section"], [(f"{decision.number} §", None)]),
    ]
    if decision.case:
        facts.append((labels["case"], [(decision.case, paths.case_page(decision.case, lang))]))
    meeting = repo.meeting_of(did)
    if meeting is not None and lang in site.meeting_languages(meeting.id):
        facts.append(
            (
                labels["meeting"],
                [(_meeting_title(site, meeting.id, lang), paths.meeting_page(meeting.id, lang))],
            )
        )
    pdf = site.document(DOCUMENT_KINDS["decision"].stem(did, True)) if lang == decision.language else None
    if pdf:
        facts.append((labels["pdf"], [(labels["pdf_link"], pdf)]))
    cited = sorted(site.cited(did) & set(repo.decisions))
    if cited:
        facts.append(
            (
                labels["cited"],
                [(site.title(c, lang), paths.decision_page(c, _lang_for(site, c, lang))) for c in cited],
            )
        )
    facts += _report_links(site, did, lang)
    attachments = _attachments(site, decision, lang)
    others = [other for other in site.languages(did) if other != lang]
    alternates = [(other, paths.decision_page(did, other)) for other in others]
    title = site.title(did, lang)
    data = render_page(
        "page-document.html.j2",
        page,
        site,
        title=title,
        doc=_without_title(doc),
        heading=title,
        facts=facts,
        alternates=alternates,
        crumbs=_crumbs(site, page, decision),
        attachments=attachments,
        attachment_note=_attachment_note(site, did, lang) if attachments else None,
    )
    text = write_text(doc).decode("utf-8")
    entry = SearchEntry(
        url=page.path,
        lang=lang,
        title=title,
        text=text,
        filters={
            labels["filter_maker"]: [site.maker_name(decision.maker, lang)],
            labels["filter_year"]: [str(day.year)] if day else [],
            labels["filter_kind"]: [_handling(labels, decision.handling)],
        },
        meta={"title": title, **({labels["date"]: fi_date(day)} if day else {})},
    )
    return Made(data, entry)


def _attachments(site: Site, decision: Decision, lang: str) -> list[tuple[str, str]]:
    """Each attachment as the site lists it, with whether and why its file
    is not on the web: a secret one by its mention (its legal basis), one
    with personal data without its title, one the record marks unpublished;
    a secret decision lists none (its mention is all of it)."""
    from govdocs.document.redact import mention

    view = site.view(decision.id)
    if view.secret:
        return []
    labels = site.labels(lang)
    found = []
    for attachment in decision.attachments:
        number = labels["attachment"].format(number=attachment.number)
        if attachment.publicity.class_ is not PublicityClass.PUBLIC:
            found.append(
                (number, labels["attachment_secret"].format(mention=mention(attachment.publicity, lang)))
            )
        elif attachment.personal:
            found.append((number, labels["attachment_personal"]))
        else:
            title = view.redactor(_attachment_title(attachment, decision, lang))
            reason = labels["attachment_public"] if attachment.on_web else labels["attachment_unpublished"]
            found.append((f"{number} {title}", reason))
    return found


def _attachment_title(attachment: Any, decision: Decision, lang: str) -> str:
    swedish = getattr(attachment, "title_sv", None)
    return swedish if lang == "sv" and decision.language != "sv" and swedish else attachment.title


def _attachment_note(site: Site, decision_id: str, lang: str) -> str | None:
    """The municipality's own words on attachments it does not publish."""
    municipality = site.repo.municipality_of(decision_id)
    if lang == "sv":
        return municipality.attachment_note_sv
    return municipality.attachment_note


def _report_links(site: Site, did: str, lang: str) -> list[tuple[str, list[tuple[str, str | None]]]]:
    """The organisations whose responsibilities the decision moves, and its
    maker's commitments when it creates follow-up duties (their pages)."""
    from govdocs.publish.site.reports import creates_duties, moved_organisations

    labels, orgs = site.labels(lang), moved_organisations(site, did, lang)
    named = [(site.repo.organisations[o].name.named(lang), paths.organisation_page(o, lang)) for o in orgs]
    found: list[tuple[str, list[tuple[str, str | None]]]] = []
    if named:
        found.append((labels["org_moved"], list(named)))
    if creates_duties(site, did, lang):
        page = paths.commitments_page(site.repo.decisions[did].maker, lang)
        found.append((labels["commitments"], [(labels["commitments_link"], page)]))
    return found


def _lang_for(site: Site, decision_id: str, lang: str) -> str:
    return lang if lang in site.languages(decision_id) else site.languages(decision_id)[0]


def _handling(labels: Any, handling: Handling) -> str:
    return str(labels["handlings"][handling.value])


def _without_title(doc: Document) -> Document:
    """The tree without its own title heading (the page's h1 says it), its
    outline moved up so its first headings are the page's h2 (axe: heading
    order)."""
    from govdocs.document.model import Section
    from govdocs.document.transform import demoted

    blocks = doc.blocks
    for n, block in enumerate(blocks):
        if isinstance(block, Heading) and block.role == "title":
            blocks = (*blocks[:n], *blocks[n + 1 :])
            break
    levels = [b.level for b in blocks if isinstance(b, Heading) or (isinstance(b, Section) and b.heading)]
    shift = min(levels, default=1) - 1
    return doc.with_blocks(demoted(tuple(blocks), -shift) if shift > 0 else tuple(blocks))


def _crumbs(site: Site, page: Page, decision: Decision | None = None) -> list[tuple[str, str]]:
    labels = site.labels(page.lang)
    crumbs = [(labels["front"], paths.front_page(page.lang))]
    if decision is not None:
        crumbs.append(
            (site.maker_name(decision.maker, page.lang), paths.maker_page(decision.maker, page.lang))
        )
        day = day_of(decision)
        if day is not None:
            crumbs.append((str(day.year), paths.year_page(decision.maker, day.year, page.lang)))
    return crumbs


def _listing(site: Site, ids: Iterable[str], lang: str) -> list[dict[str, Any]]:
    rows = []
    for did in ids:
        decision = site.repo.decisions[did]
        day = day_of(decision)
        rows.append(
            {
                "href": paths.decision_page(did, lang),
                "title": site.title(did, lang),
                "date": fi_date(day) if day else "",
                "section": f"{decision.number} §",
                "maker": site.maker_name(decision.maker, lang),
            }
        )
    return rows


def _maker(site: Site, page: Page) -> Made:
    labels = site.labels(page.lang)
    maker_id, ids = page.subject, list(page.reads)
    name = site.maker_name(maker_id, page.lang)
    years = sorted(_years(site, ids).items(), reverse=True)
    undated = [did for did in ids if day_of(site.repo.decisions[did]) is None]
    sections = [
        {
            "heading": labels["years"],
            "links": [
                (f"{year} ({len(in_year)})", paths.year_page(maker_id, year, page.lang))
                for year, in_year in years
            ],
        }
    ]
    if undated:
        sections.append({"heading": labels["undated"], "rows": _listing(site, undated, page.lang)})
    sections.append(
        {"heading": labels["feed"], "links": [(labels["feed_link"], paths.feed(maker_id, page.lang))]}
    )
    from govdocs.publish.site.reports import has_commitments

    if has_commitments(site, maker_id, page.lang):
        link = (labels["commitments_link"], paths.commitments_page(maker_id, page.lang))
        sections.append({"heading": labels["commitments"], "links": [link]})
    data = render_page(
        "page-listing.html.j2",
        page,
        site,
        title=name,
        heading=name,
        sections=sections,
        crumbs=_crumbs(site, page),
        feed=paths.feed(maker_id, page.lang),
    )
    return Made(data)


def _year(site: Site, page: Page) -> Made:
    labels = site.labels(page.lang)
    maker_id, year = page.subject.split("/")
    name = site.maker_name(maker_id, page.lang)
    heading = labels["year_heading"].format(maker=name, year=year)
    crumbs = [*_crumbs(site, page), (name, paths.maker_page(maker_id, page.lang))]
    sections = [{"heading": labels["decisions"], "rows": _listing(site, page.reads, page.lang)}]
    data = render_page(
        "page-listing.html.j2",
        page,
        site,
        title=heading,
        heading=heading,
        sections=sections,
        crumbs=crumbs,
        feed=paths.feed(maker_id, page.lang),
    )
    return Made(data)


def _case(site: Site, page: Page) -> Made:
    """The case's handlings in order (Päätöshistoria): the decisions on
    record, and the earlier handlings they list that are not."""
    labels = site.labels(page.lang)
    repo = site.repo
    on_record: set[tuple[str | None, date | None, int | None]] = {
        (repo.decisions[d].maker, day_of(repo.decisions[d]), repo.decisions[d].number) for d in page.reads
    }
    rows: list[tuple[tuple[date, int], dict[str, Any]]] = []
    for did in page.reads:
        decision = repo.decisions[did]
        rows.append(((day_of(decision) or date.min, decision.number), _listing(site, [did], page.lang)[0]))
        for earlier in decision.history:
            if (earlier.maker, earlier.date, earlier.number) in on_record:
                continue
            on_record.add((earlier.maker, earlier.date, earlier.number))
            maker = site.maker_name(earlier.maker, page.lang) if earlier.maker else earlier.maker_name or ""
            title = " – ".join(t for t in (earlier.title, earlier.did) if t)
            rows.append(
                (
                    (earlier.date or date.min, earlier.number or 0),
                    {
                        "href": None,
                        "title": site.view(did).redactor(title),
                        "maker": maker,
                        "date": fi_date(earlier.date) if earlier.date else "",
                        "section": f"{earlier.number} §" if earlier.number else "",
                    },
                )
            )
    heading = labels["case_heading"].format(case=page.subject)
    sections = [
        {
            "heading": labels["handlings_heading"],
            "rows": [row for _, row in sorted(rows, key=lambda r: r[0])],
            "with_maker": True,
        }
    ]
    data = render_page(
        "page-listing.html.j2",
        page,
        site,
        title=heading,
        heading=heading,
        sections=sections,
        crumbs=_crumbs(site, page),
    )
    return Made(data)


def _meeting_title(site: Site, meeting_id: str, lang: str) -> str:
    meeting = site.repo.meetings[meeting_id]
    labels = site.labels(lang)
    number = f"{meeting.number}/{meeting.date.year}" if meeting.number else ""
    return (
        labels["meeting_heading"]
        .format(body=site.maker_name(meeting.body, lang), number=number, date=fi_date(meeting.date))
        .replace("  ", " ")
    )


def _meeting(site: Site, page: Page) -> Made:
    from govdocs.writers.text import write_text

    repo, mid, labels = site.repo, page.subject, site.labels(page.lang)
    meeting = repo.meetings[mid]
    held = DOCUMENT_KINDS["minutes"].subjects(repo)
    kind = "minutes" if mid in held else "agenda"
    laid = DOCUMENT_KINDS[kind].lay_out(repo, Request(mid, site.as_of, public=True, lang=page.lang))
    title = _meeting_title(site, mid, page.lang)
    facts: list[tuple[str, list[tuple[str, str | None]]]] = [
        (
            labels["maker"],
            [(site.maker_name(meeting.body, page.lang), paths.maker_page(meeting.body, page.lang))],
        ),
        (labels["date"], [(fi_date(meeting.date), None)]),
    ]
    documents: list[tuple[str, str | None]] = []
    for name in ("agenda", "minutes"):
        pdf = site.document(DOCUMENT_KINDS[name].stem(mid, True)) if page.lang == meeting.language else None
        if pdf:
            documents.append((labels[name], pdf))
    if documents:
        facts.append((labels["pdf"], documents))
    items: list[tuple[str, str | None]] = [
        (
            f"{repo.decisions[i.decision].number} § {site.title(i.decision, page.lang)}",
            paths.decision_page(i.decision, page.lang),
        )
        for i in meeting.agenda
        if i.decision in repo.decisions
    ]
    if items:
        facts.append((labels["decisions"], items))
    data = render_page(
        "page-document.html.j2",
        page,
        site,
        title=title,
        heading=title,
        doc=_without_title(laid.document),
        facts=facts,
        alternates=[],
        crumbs=_crumbs(site, page),
    )
    day = meeting.date
    entry = SearchEntry(
        url=page.path,
        lang=page.lang,
        title=title,
        text=write_text(laid.document).decode("utf-8"),
        filters={
            labels["filter_maker"]: [site.maker_name(meeting.body, page.lang)],
            labels["filter_year"]: [str(day.year)],
            labels["filter_kind"]: [labels["meeting_kind"]],
        },
        meta={"title": title, labels["date"]: fi_date(day)},
    )
    return Made(data, entry)


def _front(site: Site, page: Page) -> Made:
    labels = site.labels(page.lang)
    repo = site.repo
    sections = []
    for registry, _ in repo.registries:
        municipality = registry.municipality
        makers = [
            m.id
            for m in registry.decision_makers
            if m.id in site.by_maker and _shown_in(site, site.by_maker[m.id], page.lang)
        ]
        if makers:
            town = (municipality.name.sv if page.lang == "sv" else None) or municipality.name.fi
            sections.append(
                {
                    "heading": labels["makers_of"].format(town=town),
                    "links": [
                        (site.maker_name(m, page.lang), paths.maker_page(m, page.lang)) for m in makers
                    ],
                }
            )
    newest = sorted(
        (d for d in repo.decisions if page.lang in site.languages(d)),
        key=lambda d: _sort_key(repo.decisions[d]),
        reverse=True,
    )[:LATEST]
    sections.insert(
        0, {"heading": labels["latest"], "rows": _listing(site, newest, page.lang), "with_maker": True}
    )
    meetings = sorted(
        (m for m in repo.meetings if page.lang in site.meeting_languages(m)),
        key=lambda m: (repo.meetings[m].date, m),
        reverse=True,
    )
    if meetings:
        sections.append(
            {
                "heading": labels["meetings"],
                "links": [
                    (_meeting_title(site, m, page.lang), paths.meeting_page(m, page.lang)) for m in meetings
                ],
            }
        )
    sections += _report_sections(site, page.lang)
    other = "sv" if page.lang == "fi" else "fi"
    alternates = [(other, paths.front_page(other))]
    title = labels["site_title"]
    data = render_page(
        "page-listing.html.j2",
        page,
        site,
        title=title,
        heading=title,
        sections=sections,
        crumbs=[],
        alternates=alternates,
        intro=labels["intro"],
    )
    return Made(data)


def _report_sections(site: Site, lang: str) -> list[dict[str, Any]]:
    """The front page's links to the commitments and organisation pages."""
    from govdocs.publish.site.reports import LANGUAGES, reports

    if lang not in LANGUAGES:
        return []
    labels, found = site.labels(lang), reports(site)
    sections = []
    for registry, _ in site.repo.registries:
        town = (registry.municipality.name.sv if lang == "sv" else None) or registry.municipality.name.fi
        bodies = [m.id for m in registry.decision_makers if m.id in found.duties]
        orgs = [o for o in registry.organisations if o.id in found.organisations]
        sections += [
            {
                "heading": labels["commitments_of"].format(town=town),
                "links": [(site.maker_name(b, lang), paths.commitments_page(b, lang)) for b in bodies],
            },
            {
                "heading": labels["organisations_of"].format(town=town),
                "links": [(o.name.named(lang), paths.organisation_page(o.id, lang)) for o in orgs],
            },
        ]
    return [section for section in sections if section["links"]]


def _search(site: Site, page: Page) -> Made:
    labels = site.labels(page.lang)
    title = labels["search"]
    other = "sv" if page.lang == "fi" else "fi"
    data = render_page(
        "page-search.html.j2",
        page,
        site,
        title=title,
        heading=title,
        crumbs=_crumbs(site, page),
        alternates=[(other, paths.search_page(other))],
    )
    return Made(data)


def _feed(site: Site, page: Page) -> Made:
    from govdocs.publish.site.feeds import atom_feed

    return Made(atom_feed(site, page))


KINDS: dict[str, Callable[[Site, Page], Made]] = {
    "front": _front,
    "search": _search,
    "decision": _decision,
    "maker": _maker,
    "year": _year,
    "feed": _feed,
    "case": _case,
    "meeting": _meeting,
    "organisation": lazy("govdocs.publish.site.reports", "organisation_page"),
    "commitments": lazy("govdocs.publish.site.reports", "commitments_page"),
}
"""Every kind of page, and how one is made."""

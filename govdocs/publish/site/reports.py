"""The site's report pages: an organisation's responsibilities over time
and a body's commitments, both as they stand on the site's day.

- ``organisaatiot/<organisation>.html``: the organisation's public
  responsibility audit up to the day (`govdocs.reports.audit`, the
  ``audit`` row of the document kinds), its timeline picture inline, with
  the facts beside it: parent, successor, valid from and to, and the
  decisions that moved its responsibilities. An organisation has a page
  when it holds something or a decision moves something to or from it;
  a registry entry nothing concerns has none.
- ``sitoumukset/<body>.html``: the follow-up duties (obligations,
  resolutions, initiatives to answer, working groups' reporting) that a
  decision maker's decisions created, each with its status derived on the
  day (`govdocs.derive.obligations`, the one status rule the follow-up
  report shows) and the record that fulfilled it, counts per status and a
  bar of how many are closed at the top, the way Decidim's accountability
  pages show progress. Duties come from the follow-up report's public state
  (`govdocs.reports.followup.followup_state`): a secret decision's duty is
  only its mention; a quote from a secret part, and the evidence of a
  secret closing record, are their mention too.

Both mask every personal datum any decision marks (``personal_data`` and
``published_personal_data``): a page about many decisions needs no names,
so none waits for an appeal period.

Finnish only: the audit's quotes, the duties' descriptions and the
evidence are written in Finnish in the records (an obligation has no
Swedish ``what``), so a page under ``sv/`` would be Finnish text marked
Swedish.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from weakref import WeakKeyDictionary
from xml.sax.saxutils import escape

from govdocs.derive.asof import Status
from govdocs.derive.mandates import MandateStatus, ReportDue
from govdocs.derive.obligations import Evidence, Instance
from govdocs.describe import fi_date
from govdocs.document.kinds import KINDS as DOCUMENT_KINDS
from govdocs.document.kinds import Request
from govdocs.document.labels import label_set
from govdocs.document.model import (
    Block,
    Document,
    Emphasis,
    Figure,
    Heading,
    Inline,
    KeyValue,
    Link,
    Metadata,
    Paragraph,
    Section,
    Table,
    inlines,
)
from govdocs.document.redact import is_secret, personal_data, public_copy, public_quote
from govdocs.document.transform import demoted
from govdocs.model.decision import Decision
from govdocs.publish.site import paths
from govdocs.publish.site.pages import Made, Page, Site
from govdocs.publish.site.render import render_page

__all__ = [
    "Duty", "Reports", "commitments_page", "creates_duties", "has_commitments", "moved_organisations",
    "organisation_page", "report_pages", "reports",
]

LANGUAGES = ("fi",)
"""The languages of the report pages (see the module's docstring)."""

CLOSED = (Status.FULFILLED, Status.CANCELLED, Status.SUPERSEDED)
ORDER = (Status.OVERDUE, Status.DUE_SOON, Status.OPEN, Status.FULFILLED, Status.SUPERSEDED, Status.CANCELLED)
"""Worst first: a duty late for one period is late."""


@dataclass(frozen=True)
class Period:
    """One due occurrence of a duty, as the page shows it."""

    period: str | None
    due: date | None
    status: Status
    evidence: Evidence | None = None


@dataclass(frozen=True)
class Duty:
    """One follow-up duty a body's decision created."""

    id: str
    what: str
    source: str
    """The decision that created it."""
    citation: str
    owner: str | None
    quote: str
    periods: tuple[Period, ...]
    kind: str = "obligation"
    """'obligation', or 'reporting' (a working group's duty to report)."""
    to: str | None = None
    """Whom it is presented or reported to."""

    @property
    def status(self) -> Status:
        return min((p.status for p in self.periods), key=ORDER.index)


@dataclass
class Reports:
    """What the report pages of one site build show: derived once."""

    duties: dict[str, list[Duty]] = field(default_factory=dict)
    """Body id → its duties, in due order."""
    organisations: list[str] = field(default_factory=list)


_CACHE: WeakKeyDictionary[Site, Reports] = WeakKeyDictionary()


def reports(site: Site) -> Reports:
    """The report pages' facts for ``site`` (computed once, before the
    pages are made, so forked workers share them)."""
    found = _CACHE.get(site)
    if found is None:
        found = _CACHE[site] = Reports(_duties(site), _organisations(site))
    return found


def report_pages(site: Site) -> list[Page]:
    """Every organisation and commitments page."""
    found = reports(site)
    made = []
    for lang in LANGUAGES:
        made += [
            Page(paths.organisation_page(org, lang), "organisation", org, lang, whole=True, dated=True)
            for org in found.organisations
        ]
        made += [
            Page(paths.commitments_page(body, lang), "commitments", body, lang, whole=True, dated=True)
            for body in found.duties
        ]
    return made


def has_commitments(site: Site, body: str, lang: str) -> bool:
    return lang in LANGUAGES and body in reports(site).duties


def creates_duties(site: Site, decision_id: str, lang: str) -> bool:
    """The decision creates follow-up duties: its maker's commitments page lists them."""
    return lang in LANGUAGES and _creates_duties(site, site.repo.decisions[decision_id])


def moved_organisations(site: Site, decision_id: str, lang: str) -> list[str]:
    """The organisations a decision moves responsibilities to or from,
    that have a page (every one in the registry does: see `_organisations`)."""
    if lang not in LANGUAGES:
        return []
    repo = site.repo
    named = (o for t in repo.decisions[decision_id].transfers for o in (t.from_, t.to))
    return list(dict.fromkeys(o for o in named if isinstance(o, str) and o in repo.organisations))


# ---------------------------------------------------------------- what exists


def _organisations(site: Site) -> list[str]:
    """Organisations that hold something on record or that a decision's
    transfer names (so a decision page's link to one always resolves)."""
    from govdocs.derive.responsibilities import timeline

    repo = site.repo
    line = timeline(repo)
    found = {h.holder for held in line.holdings.values() for h in held}
    found |= {o for s in line.steps for o in (s.from_org, s.to_org) if o}
    found |= {o for d in repo.decisions for o in moved_organisations(site, d, "fi")}
    return sorted(found & set(repo.organisations))


def _duties(site: Site) -> dict[str, list[Duty]]:
    """Every body's duties on the site's day, from the follow-up report's
    public state (one per municipality: each has its own calendar)."""
    from govdocs.reports.followup import followup_state

    repo = site.repo
    # a body has its page whatever the day, so a maker page's link to it holds
    found: dict[str, list[Duty]] = {d.maker: [] for d in repo.decisions.values() if _creates_duties(site, d)}
    for subject in DOCUMENT_KINDS["followup"].subjects(repo):
        scoped = repo.only(subject) if subject else repo
        state = followup_state(scoped, site.as_of, "fi", public=True)
        for duty in [*_obligations(state.instances), *_reporting(state.mandates)]:
            if duty.source in repo.decisions:
                found.setdefault(repo.decisions[duty.source].maker, []).append(duty)
    return {body: sorted(ds, key=_due_order) for body, ds in sorted(found.items())}


def _creates_duties(site: Site, decision: Decision) -> bool:
    repo = site.repo
    return bool(
        decision.obligations
        or any(m.id in repo.resolutions for m in decision.motions)
        or any(i.id in repo.initiative_duties for i in decision.initiatives)
        or any(m.reporting for m in decision.mandates)
    )


def _due_order(duty: Duty) -> tuple[int, date, str]:
    pending = [p.due or date.max for p in duty.periods if p.status not in CLOSED]
    return (0 if pending else 1, min(pending) if pending else date.max, duty.id)


def _obligations(instances: Sequence[Instance]) -> list[Duty]:
    grouped: dict[str, list[Instance]] = {}
    for i in instances:
        grouped.setdefault(i.obligation.id, []).append(i)
    duties = []
    for group in grouped.values():
        first = group[0]
        o = first.obligation
        duties.append(
            Duty(
                o.id,
                o.what,
                first.source,
                first.citation,
                None if first.owner == "not stated" else first.owner,
                " ".join(o.quote.split()),
                tuple(Period(i.period, i.due, i.status, i.evidence) for i in group),
                to=o.addressee,
            )
        )
    return duties


def _reporting(mandates: Sequence[MandateStatus]) -> list[Duty]:
    duties = []
    for m in mandates:
        if not m.reports or m.source is None:
            continue
        by_duty: dict[int, list[ReportDue]] = {}
        for due in m.reports:
            by_duty.setdefault(id(due.duty), []).append(due)
        for dues in by_duty.values():
            duty = dues[0].duty
            duties.append(
                Duty(
                    duty.id or f"{m.mandate.id}.raportointi",
                    m.mandate.name,
                    m.source,
                    m.citation or "",
                    None,
                    " ".join((duty.quote or "").split()),
                    tuple(Period(d.period, d.due, d.status, d.evidence) for d in dues),
                    kind="reporting",
                    to=duty.to,
                )
            )
    return duties


# ---------------------------------------------------------------- shared


def _hidden_names(site: Site) -> list[str]:
    """Every personal datum any decision marks, shown or not on the day."""
    every = (p for d in site.repo.decisions.values() for p in (*d.personal_data, *d.published_personal_data))
    return list(dict.fromkeys(every))


def _org_name(site: Site, org: str, lang: str) -> str:
    found = site.repo.organisations.get(org) or site.repo.makers.get(org)
    return found.name.named(lang) if found else org


def _here(page: Page, target: str) -> str:
    """A link the tree holds that the `link` filter leaves as it is: made
    relative to the page already."""
    return paths.relative(target, page.path)


def _crumbs(site: Site, page: Page) -> list[tuple[str, str]]:
    return [(site.labels(page.lang)["front"], paths.front_page(page.lang))]


# ---------------------------------------------------------------- organisations


def organisation_page(site: Site, page: Page) -> Made:
    """The organisation's public audit up to the site's day, its timeline
    inline, the registry's facts and the moving decisions beside it."""
    from govdocs.derive.responsibilities import history

    repo, org_id, lang = site.repo, page.subject, page.lang
    labels = site.labels(lang)
    request = Request(org_id, site.as_of, public=True, lang=lang, end=site.as_of, decisions_href="")
    laid = DOCUMENT_KINDS["audit"].lay_out(repo, request)
    doc = _for_site(site, laid.document)
    # the audit's web copy masks every decision's personal_data; the site hides the published ones too
    masked = set(personal_data(repo))
    if extra := [name for name in _hidden_names(site) if name not in masked]:
        doc = public_copy(doc, extra)
    org = repo.organisations[org_id]
    known = set(reports(site).organisations)
    facts: list[tuple[str, list[tuple[str, str | None]]]] = []
    units = [o.id for o in repo.organisations.values() if o.parent == org_id]
    for label, others in (
        (labels["org_parent"], [org.parent] if org.parent else []),
        (labels["org_units"], units),
        (labels["org_successor"], [org.successor] if org.successor else []),
    ):
        if others:
            named = [(_org_name(site, o, lang), paths.organisation_page(o, lang) if o in known else None)
                     for o in others]
            facts.append((label, named))
    since = fi_date(org.valid_from) if org.valid_from else labels["org_before_records"]
    until = fi_date(org.valid_to) if org.valid_to else labels["org_still"]
    facts += [(labels["org_valid_from"], [(since, None)]), (labels["org_valid_to"], [(until, None)])]
    steps = history(repo, org_id, None, site.as_of).steps
    moved = [s.decision for s in steps if s.decision in repo.decisions]
    if moved:
        facts.append(
            (
                labels["org_decisions"],
                [(site.title(d, lang), paths.decision_page(d, lang)) for d in dict.fromkeys(moved)],
            )
        )
    heading = org.name.named(lang)
    data = render_page(
        "page-document.html.j2",
        page,
        site,
        title=heading,
        heading=heading,
        doc=doc,
        facts=facts,
        alternates=[],
        crumbs=_crumbs(site, page),
    )
    return Made(data)


def _for_site(site: Site, doc: Document) -> Document:
    """The audit tree as the site shows it: without its title (the page's h1
    says it), without where in the records a step is written and the
    records' consistency findings (for those who keep the records), and its
    decision links as the decision's title and, when built, its PDF."""
    kept: list[Block] = []
    for block in doc.blocks:
        if isinstance(block, Heading) and block.role == "title":
            continue
        if isinstance(block, Section) and block.role == "contradictions":
            continue
        kept.append(_rewritten(site, block))
    # its sections are the page's second level, below the page's h1
    return doc.with_blocks(demoted(tuple(kept), -1))


def _rewritten(site: Site, block: Block) -> Block:
    if isinstance(block, Figure):
        # the drawing is an image of its own: it carries the figure's name too
        named = f'role="img" aria-label="{escape(block.alt, {chr(34): "&quot;"})}"'
        return replace(block, svg=block.svg.replace('role="img"', named, 1))
    if isinstance(block, Section):
        return replace(block, blocks=tuple(_rewritten(site, b) for b in block.blocks))
    if isinstance(block, KeyValue):
        labels = label_set("audit", "fi")
        pairs = []
        for key, value in block.pairs:
            if key == labels["record"]:
                continue
            if key == labels["links"]:
                key, value = site.labels("fi")["org_decision_page"], _decision_links(site, value)
                if not value:
                    continue
            pairs.append((key, value))
        return replace(block, pairs=tuple(pairs))
    return block


def _decision_links(site: Site, value: tuple[Inline, ...]) -> tuple[Inline, ...]:
    """'kj-2016-59-julkinen.html, kj-2016-59-julkinen.pdf' → the decision's
    page under its title, and its PDF when the site holds it."""
    found: list[Inline] = []
    for run in value:
        if not isinstance(run, Link):
            continue
        stem, _, ext = run.href.rpartition(".")
        if ext == "html":
            did = stem.removesuffix("-julkinen")
            if did in site.repo.decisions:
                found.append(Link(site.title(did), f"{did}.html"))
        elif ext == "pdf" and site.document(stem):
            found += [", ", Link(site.labels("fi")["pdf_link"], run.href)]
    return tuple(found)


# ---------------------------------------------------------------- commitments


def commitments_page(site: Site, page: Page) -> Made:
    """A body's follow-up duties: counts per status and a bar of how many
    are closed, then each duty with its status on the day and its evidence."""
    body, lang = page.subject, page.lang
    labels = site.labels(lang)
    status_names = label_set("followup", lang)["status"]
    duties = reports(site).duties[body]
    counts = Counter(p.status for d in duties for p in d.periods)
    total = sum(counts.values())
    closed = sum(counts[s] for s in CLOSED)
    summary = {
        "total": total,
        "closed": closed,
        "text": labels["commitments_progress"].format(closed=closed, total=total, date=fi_date(site.as_of)),
        "counts": [
            {"status": str(s), "label": status_names[str(s)], "count": counts[s],
             "width": f"{100 * counts[s] / total:.1f}" if total else "0"}
            for s in ORDER
            if counts[s]
        ],
    }
    blocks: tuple[Block, ...] = tuple(_duty(site, page, d) for d in duties)
    if not blocks:  # its decisions' duties begin after the day
        blocks = (Paragraph(inlines(labels["commitments_none"].format(date=fi_date(site.as_of)))),)
    name = site.maker_name(body, lang)
    heading = labels["commitments_heading"].format(maker=name)
    doc = public_copy(Document(Metadata(heading, lang=lang), blocks), _hidden_names(site))
    facts: list[tuple[str, list[tuple[str, str | None]]]] = [
        (labels["maker"], [(name, paths.maker_page(body, lang))]),
        (labels["commitments_on"], [(fi_date(site.as_of), None)]),
    ]
    data = render_page(
        "page-commitments.html.j2",
        page,
        site,
        title=heading,
        heading=heading,
        doc=doc,
        facts=facts,
        summary=summary,
        alternates=[],
        crumbs=[*_crumbs(site, page), (name, paths.maker_page(body, lang))],
    )
    return Made(data)


def _duty(site: Site, page: Page, duty: Duty) -> Section:
    labels = site.labels(page.lang)
    status_names = label_set("followup", page.lang)["status"]
    repo = site.repo
    status = status_names[str(duty.status)]
    pairs: list[tuple[str, tuple[Inline, ...]]] = [
        (labels["commitments_status"], (Emphasis(status, strong=True),))
    ]
    if len(duty.periods) == 1 and duty.periods[0].period is None:
        due = duty.periods[0].due
        shown = fi_date(due) if due else labels["commitments_no_due"]
        pairs.append((labels["commitments_due"], inlines(shown)))
    if duty.owner:
        owner_name = _org_name(site, duty.owner, page.lang)
        owner: Inline = owner_name
        if duty.owner in reports(site).organisations:
            owner = Link(owner_name, _here(page, paths.organisation_page(duty.owner, page.lang)))
        pairs.append((labels["commitments_owner"], (owner,)))
    elif duty.kind == "obligation":
        pairs.append((labels["commitments_owner"], inlines(labels["commitments_owner_not_stated"])))
    if duty.to:
        pairs.append((labels["commitments_to"], inlines(_org_name(site, duty.to, page.lang))))
    source = Link(f"{duty.citation}: {site.title(duty.source, page.lang)}", f"{duty.source}.html")
    pairs.append((labels["commitments_source"], (source,)))
    if len(duty.periods) == 1 and duty.periods[0].period is None and duty.periods[0].evidence:
        pairs.append((labels["commitments_evidence"], _evidence(site, duty.periods[0].evidence)))
    inner: list[Block] = [KeyValue(tuple(pairs))]
    if duty.periods[0].period is not None:
        rows = [
            (
                inlines(p.period or "—"),
                inlines(fi_date(p.due) if p.due else "—"),
                inlines(status_names[str(p.status)]),
                _evidence(site, p.evidence) if p.evidence else inlines("—"),
            )
            for p in duty.periods
        ]
        inner.append(Table(tuple(labels["commitments_periods"]), rows, role="periods"))
    if duty.quote:
        hidden = public_quote(repo, duty.source, duty.quote)
        said = f"{labels['commitments_quote']}: {hidden or '“' + duty.quote + '”'}"
        inner.append(Paragraph(inlines(said), role="secret-mention" if hidden else "quote"))
    what = duty.what
    if duty.kind == "reporting":
        what = labels["commitments_reporting_what"].format(group=duty.what)
    return Section(tuple(inner), heading=what, level=1, role=f"duty duty-{duty.status}")


def _evidence(site: Site, evidence: Evidence) -> tuple[Inline, ...]:
    """What closed a period: the record's words (a secret record's public
    title only, a quote of a secret part its mention), linked to the
    decision's page when the record is a decision."""
    repo = site.repo
    day = f" ({fi_date(evidence.date)})" if evidence.date else ""
    decision = repo.decisions.get(evidence.record)
    if decision is None:
        return inlines(f"{evidence.text or evidence.record}{day}")
    if is_secret(decision.publicity):
        text = site.title(decision.id)
    else:
        text = evidence.text or site.title(decision.id)
        text = public_quote(repo, decision.id, text) or text
    return (Link(f"{text}{day}", f"{decision.id}.html"),)

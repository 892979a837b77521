"""The responsibility audit as a document: what an organisation (or one
function) held, gained, gave away and kept between two days, each step
with its decision, effective date, scope, quoted sentence and a link to
the rendered decision (``<decision-id>.html`` / ``.pdf``).

A neutral document tree (`govdocs.document.model`), the `audit` row of
`govdocs.document.kinds.KINDS` (HTML, PDF, DOCX, text; `govdocs report
audit` and `govdocs build` write it), with a timeline picture of who held
what as bars over time, embedded and written beside it as
``<stem>-aikajana.svg``. Labels come from templates/audit/<lang>.yaml."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from pathlib import Path

from govdocs.derive.responsibilities import History, Holding, Key, Step, StepKind, history, timeline
from govdocs.describe import citation, fi_date, town_name
from govdocs.document.kinds import KINDS, Laid, Request
from govdocs.document.labels import Labels, label_set
from govdocs.document.model import (
    Block,
    BulletList,
    Document,
    Figure,
    Heading,
    Inline,
    KeyValue,
    Link,
    Metadata,
    Notice,
    Paragraph,
    RunningHeader,
    Section,
    Table,
    inlines,
)
from govdocs.document.redact import Redactor, figure_svg, personal_data, public_copy, public_quote
from govdocs.model.common import NotStated
from govdocs.reports.timeline import Bar, Chart, Row, Swatch, draw
from govdocs.repository import Repository

DEFAULT_FORMATS = KINDS["audit"].formats
SUBJECT_COLOUR = "#1f4e79"
PALETTE = ("#e59866", "#76d7c4", "#f7dc6f", "#bb8fce", "#85c1e9", "#f1948a", "#a9dfbf", "#d7bde2", "#aab7b8")


def _name(repo: Repository, subject: str | None, lang: str = "fi") -> str:
    if subject is None:
        return "—"
    if subject in repo.functions:
        return repo.functions[subject].name
    org = repo.organisations.get(subject)
    return org.name.named(lang) if org else subject


def _what(repo: Repository, key: Key, labels: Labels) -> str:
    part = f", {labels['part'].format(part=key[1])}" if key[1] else ""
    return _name(repo, key[0], labels.lang) + part


# --- the document -----------------------------------------------------------------
def audit_document(
    repo: Repository,
    subject: str,
    start: date | None = None,
    end: date | None = None,
    *,
    decisions_href: str = "",
    lang: str = "fi",
    hist: History | None = None,
    svg: str | None = None,
    public: bool = False,
) -> Document:
    """The audit of ``subject`` (an organisation or a function id) as a
    document tree; links to decisions are ``decisions_href + <id>.html``
    (``<id>-julkinen.html`` in the web copy, ``public``, where quotes from
    secret parts are their mention and personal data is masked everywhere)."""
    labels = label_set("audit", lang)
    hist = hist or history(repo, subject, start, end)
    span = _span_text(start, end, labels)
    name = _name(repo, subject, lang)
    title = labels["title"].format(name=name)
    figure = Figure(
        svg if svg is not None else audit_svg(repo, hist, lang, public=public),
        caption=labels["timeline_caption"],
        alt=labels["timeline_alt"],
        role="timeline",
    )
    blocks: list[Block] = [
        Heading(title, level=1, role="title"),
        Paragraph(inlines(labels["intro"].format(name=name, span=span)), role="intro"),
        Section((figure,), heading=labels["timeline"]),
    ]
    if start:
        day = fi_date(start - timedelta(days=1))
        blocks.append(_held(repo, hist.held_at_start, labels["held_at_start"].format(date=day), labels))
    steps = _steps(repo, hist, labels, decisions_href, public)
    blocks.append(Section(steps, heading=labels["steps"], role="steps"))
    if end:
        blocks.append(_held(repo, hist.held_at_end, labels["held_at_end"].format(date=fi_date(end)), labels))
    blocks.append(
        Section(_contradictions(repo, hist, labels), heading=labels["contradictions"], role="contradictions")
    )
    town = town_name(repo.registry_holding(subject).municipality, lang)
    meta = Metadata(
        title=title, author=town, subject=subject, lang=lang, created=end, doc_type=labels["doc_type"]
    )
    doc = Document(
        meta=meta, blocks=tuple(blocks), header=RunningHeader(left=(town,), right=(labels["doc_type"], span))
    )
    return public_copy(doc, personal_data(repo)) if public else doc


def _span_text(start: date | None, end: date | None, labels: Labels) -> str:
    if not (start or end):
        return str(labels["span_open"])
    return f"{fi_date(start) if start else '…'}–{fi_date(end) if end else '…'}"


def _held(repo: Repository, holdings: Sequence[Holding], heading: str, labels: Labels) -> Section:
    if not holdings:
        return Section((Paragraph(inlines(labels["nothing_held"])),), heading=heading, role="held")
    rows = tuple(
        (
            _name(repo, h.function, labels.lang),
            h.part or "—",
            _name(repo, h.holder, labels.lang),
            _scope(h, labels),
            _source(repo, h.source, labels),
        )
        for h in holdings
    )
    return Section((Table(tuple(labels["columns"]), rows),), heading=heading, role="held")


def _scope(h: Holding, labels: Labels) -> str:
    scopes = labels["scopes"]
    if h.excluding:
        return f"{scopes['rest']} ({labels['except_parts'].format(parts=', '.join(h.excluding))})"
    return str(scopes[str(h.scope)])


def _source(repo: Repository, step: Step, labels: Labels) -> str:
    """'Kaupunginjohtaja 59 §', or which registry entry a step rests on."""
    if step.decision and step.decision in repo.decisions:
        decision = repo.decisions[step.decision]
        text = citation(repo, decision)
        if isinstance(decision.date, NotStated) and decision.date.assumed:
            text += f" ({labels['date_not_stated'].format(date=fi_date(decision.date.assumed))})"
        return text
    if step.kind is StepKind.INITIAL:
        return str(labels["registry"].format(what=labels["registry_initial"]))
    what = labels["registry_successor" if step.kind is StepKind.SUCCESSION else "registry_end"]
    return str(labels["registry"].format(what=what.format(org=_name(repo, step.from_org, labels.lang))))


def _steps(repo: Repository, hist: History, labels: Labels, href: str, public: bool) -> tuple[Block, ...]:
    if not hist.steps:
        return (Paragraph(inlines(labels["no_steps"])),)
    blocks: list[Block] = []
    for n, step in enumerate(hist.steps, start=1):
        day = fi_date(step.day) if step.day else "—"
        role = labels["roles"][str(hist.role(step))]
        heading = f"{n}. {day} — {role}: {_what(repo, step.key, labels)}"
        inner: list[Block] = [KeyValue(tuple(_facts(repo, step, labels, href, public)))]
        if step.quote:
            said = " ".join(step.quote.split())
            hidden = public_quote(repo, step.decision, said) if public else None
            shown = f"{labels['quote']}: {hidden}" if hidden else f"{labels['quote']}: “{said}”"
            inner.append(Paragraph(inlines(shown), role="secret-mention" if hidden else "quote"))
        elif step.basis:
            inner.append(Paragraph(inlines(f"{labels['basis']}: {step.basis}"), role="basis"))
        if step.context_only:
            inner.append(Notice(inlines(labels["context"]), kind="note", role="context"))
        blocks.append(Section(tuple(inner), heading=heading, level=3, role=f"step {step.kind}"))
    return tuple(blocks)


def _facts(
    repo: Repository, step: Step, labels: Labels, href: str, public: bool
) -> list[tuple[str, tuple[Inline, ...]]]:
    from govdocs.checks.consistency import where
    source = _name(repo, step.from_org, labels.lang) if step.from_org else labels["source_not_stated"]
    if step.from_org and not step.from_stated and step.kind is StepKind.TRANSFER:
        source = labels["source_inferred"].format(org=source)
    target = _name(repo, step.to_org, labels.lang) if step.to_org else labels["nobody"]
    movement = target if step.kind in (StepKind.STAYS, StepKind.INITIAL) else f"{source} → {target}"
    effective = fi_date(step.day) if step.day else "—"
    if isinstance(step.effective, NotStated):
        reason = " ".join(filter(None, (step.effective.not_stated, step.effective.basis)))
        effective += f" ({labels['assumed'].format(reason=reason)})"
    moved = step.kind not in (StepKind.STAYS, StepKind.INITIAL)
    place = where(repo, step, "to" if step.record else None)
    facts: list[tuple[str, tuple[Inline, ...]]] = [
        (labels["movement"] if moved else labels["columns"][2], inlines(movement)),
        (labels["scope"], inlines(labels["scopes"][str(step.scope)])),
        (labels["effective"], inlines(effective)),
        (labels["decision"], inlines(_source(repo, step, labels))),
        (
            labels["record"],
            inlines(f"{step.record or labels['registry'].format(what='')} ({place})"),
        ),
    ]
    if step.decision:
        decision = KINDS["decision"]
        html, pdf = (href + decision.file_name(step.decision, part, public) for part in ("html", "pdf"))
        links = (Link(html, html), ", ", Link(pdf, pdf))
        facts.append((labels["links"], links))
    return facts


def _contradictions(repo: Repository, hist: History, labels: Labels) -> tuple[Block, ...]:
    from govdocs.checks.consistency import problem

    found: list[Block] = []
    if hist.undated:
        found.append(Notice(inlines(labels["undated"].format(ids=", ".join(hist.undated))), kind="warning"))
    if not hist.issues:
        return (*found, Paragraph(inlines(labels["no_contradictions"])))
    items = tuple(inlines(problem(repo, issue).format()) for issue in hist.issues)
    return (*found, BulletList(items, role="contradiction"))


# --- the timeline picture ------------------------------------------------------------
def _span(hist: History, line_days: Sequence[date]) -> tuple[date, date]:
    days = [s.day for s in hist.steps if s.day] or list(line_days) or [date.today()]
    first = hist.start or date(min(days).year - 1, 1, 1)
    last = hist.end or date(max(days).year + 1, 12, 31)
    return first, max(last, first + timedelta(days=1))


def _rows(repo: Repository, hist: History, first: date, last: date) -> list[tuple[Key, list[Holding]]]:
    """The keys the subject held (or a function's keys), with their holdings in the span."""
    order = {fid: i for i, fid in enumerate(repo.functions)}
    stepped = {s.key for s in hist.steps}  # e.g. a part it gave away: the part's own row
    rows = []
    for key, holdings in timeline(repo).holdings.items():
        shown = [
            h for h in holdings if (h.start is None or h.start <= last) and (h.end is None or h.end >= first)
        ]
        held = any(h.holder == hist.subject for h in shown)
        concerned = key[0] == hist.subject if hist.is_function else held or key in stepped
        if shown and concerned:
            rows.append((key, sorted(shown, key=lambda h: h.start or date.min)))
    return sorted(rows, key=lambda r: (order.get(r[0][0], 0), r[0][1] or ""))


def audit_svg(repo: Repository, hist: History, lang: str = "fi", *, public: bool = False) -> str:
    """Who held what as bars over time: one row per function or part, one
    bar per holder, the subject in dark blue. Same input, same bytes. With
    ``public`` the labels are masked before they are wrapped."""
    labels = label_set("audit", lang)
    first, last = _span(hist, [])
    rows = _rows(repo, hist, first, last)
    holders = list(dict.fromkeys(h.holder for _, hs in rows for h in hs))
    others = [org for org in holders if org != hist.subject]
    colours = {org: PALETTE[i % len(PALETTE)] for i, org in enumerate(others)}
    colours[hist.subject] = SUBJECT_COLOUR
    drawn = [
        Row(_what(repo, key, labels), key[0] + (f"/{key[1]}" if key[1] else ""),
            bars=[_bar(repo, h, first, last, colours[h.holder], labels) for h in holdings])
        for key, holdings in rows
    ]
    legend = [Swatch(colours[org], _name(repo, org, labels.lang)) for org in holders]
    if any(h.start is None for _, hs in rows for h in hs):
        legend.append(Swatch("#ffffff", labels["open_start"], "dashed"))
    why = labels["why_end" if hist.end else "why_open"]
    note = labels["ends"].format(date=fi_date(last), why=why)
    mask = Redactor(personal_data(repo)) if public else None
    return draw(Chart(drawn, first, last, note, labels["legend"], legend, mask=mask))


def _bar(repo: Repository, h: Holding, first: date, last: date, colour: str, labels: Labels) -> Bar:
    since = fi_date(h.start) if h.start else "…"
    until = fi_date(h.end) if h.end else "…"
    basis = f"{_scope(h, labels)}; {_source(repo, h.source, labels)}"
    title = f"{_name(repo, h.holder, labels.lang)}: {since}–{until} ({basis})"
    start, end = max(h.start or first, first), min(h.end or last, last)
    return Bar(start, end, colour, title, dashed=h.start is None)


def shows(repo: Repository, subject: str) -> tuple[str, list[str]]:
    """What the audit of ``subject`` shows before it is laid out (the
    kind's `shows`): its history as text (every step with its holders and
    quote, the contradictions, the undated transfers) and the decisions
    those come from, whose bytes give the citations, dates and places it
    prints. The rest it prints comes from the registry and the templates,
    which are in every build key."""
    hist = history(repo, subject)
    steps = [*hist.steps, *(i.step for i in hist.issues), *(i.other for i in hist.issues if i.other)]
    ids = {s.decision for s in steps if s.decision} | {repo.owner.get(rid, rid) for rid in hist.undated}
    return repr(hist), sorted(ids)


def lay_out(repo: Repository, request: Request) -> Laid:
    """The audit kind's row in `govdocs.document.kinds.KINDS`: the tree and
    the timeline picture beside it. Links to decisions go where a build puts
    them unless the request says otherwise."""
    href = request.decisions_href
    if href is None:
        href = KINDS["audit"].href("decision")
    lang = request.lang or "fi"
    hist = history(repo, request.subject, request.start, request.end)
    doc = audit_document(repo, request.subject, request.start, request.end, decisions_href=href, lang=lang,
                         hist=hist, public=request.public)
    # the picture beside it is drawn from the same (for a web copy, masked) tree
    return Laid(doc, {"svg": figure_svg(doc).encode("utf-8")})


def write_audit_report(
    repo: Repository,
    subject: str,
    out_dir: Path,
    start: date | None = None,
    end: date | None = None,
    formats: Sequence[str] = DEFAULT_FORMATS,
    decisions_href: str = "",
    *,
    public: bool = False,
    lang: str | None = None,
) -> list[Path]:
    """Render the audit into ``out_dir`` (its labels in ``lang``, default
    Finnish) and write the timeline beside it,
    as `govdocs build` does (with ``public`` both the web copy); returns the
    paths. Raises KeyError for an unknown subject."""
    from govdocs.document.kinds import write

    request = Request(subject, start=start, end=end, decisions_href=decisions_href, public=public, lang=lang)
    paths, _problems = write(repo, "audit", request, formats, out_dir)
    return paths

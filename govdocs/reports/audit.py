"""The responsibility audit as a document: what an organisation (or one
function) held, gained, gave away and kept between two days, each step
with its decision, effective date, scope, quoted sentence and a link to
the rendered decision (``<decision-id>.html`` / ``.pdf``).

A neutral document tree (`govdocs.document.model`) rendered through the
shared pipeline (`govdocs.render.render_document`: HTML, PDF, DOCX, text),
with a timeline picture of who held what as bars over time, embedded and
written beside it as ``<stem>-aikajana.svg``. Labels come from
templates/audit/<lang>.yaml."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import yaml

from govdocs.derive.responsibilities import History, Holding, Key, Step, StepKind, history, timeline
from govdocs.describe import citation, fi_date
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
from govdocs.document.redact import figure_svg, personal_data, public_copy, public_quote
from govdocs.model.common import NotStated
from govdocs.repository import Repository
from govdocs.resources import TEMPLATES_DIR

TEMPLATES = TEMPLATES_DIR / "audit"
DEFAULT_FORMATS = ("html", "pdf", "docx")
WIDTH, LABEL_W, ROW_H, TOP, RIGHT_PAD = 760, 250, 22, 34, 16
SUBJECT_COLOUR = "#1f4e79"
PALETTE = ("#e59866", "#76d7c4", "#f7dc6f", "#bb8fce", "#85c1e9", "#f1948a", "#a9dfbf", "#d7bde2", "#aab7b8")


@cache
def audit_labels(lang: str = "fi") -> dict[str, Any]:
    """The label set of one language (cached; the files never change at run time)."""
    data: dict[str, Any] = yaml.safe_load((TEMPLATES / f"{lang}.yaml").read_text(encoding="utf-8"))
    return data


def _name(repo: Repository, subject: str | None) -> str:
    if subject is None:
        return "—"
    if subject in repo.functions:
        return repo.functions[subject].name
    org = repo.organisations.get(subject)
    return org.name.fi if org else subject


def _what(repo: Repository, key: Key, labels: dict[str, Any]) -> str:
    part = f", {labels['part'].format(part=key[1])}" if key[1] else ""
    return _name(repo, key[0]) + part


# --- the document -----------------------------------------------------------------
def audit_document(
    repo: Repository,
    subject: str,
    start: date | None = None,
    end: date | None = None,
    *,
    decisions_href: str = "",
    lang: str = "fi",
    public: bool = False,
) -> Document:
    """The audit of ``subject`` (an organisation or a function id) as a
    document tree; links to decisions are ``decisions_href + <id>.html``
    (``<id>-julkinen.html`` in the web copy, ``public``, where quotes from
    secret parts are their mention and personal data is masked everywhere)."""
    labels = audit_labels(lang)
    hist = history(repo, subject, start, end)
    span = _span_text(start, end, labels)
    name = _name(repo, subject)
    title = labels["title"].format(name=name)
    figure = Figure(
        audit_svg(repo, hist, lang),
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
    town = repo.registry.municipality.short_name
    meta = Metadata(
        title=title, author=town, subject=subject, lang=lang, created=end, doc_type=labels["doc_type"]
    )
    doc = Document(
        meta=meta, blocks=tuple(blocks), header=RunningHeader(left=(town,), right=(labels["doc_type"], span))
    )
    return public_copy(doc, personal_data(repo)) if public else doc


def _span_text(start: date | None, end: date | None, labels: dict[str, Any]) -> str:
    if not (start or end):
        return str(labels["span_open"])
    return f"{fi_date(start) if start else '…'}–{fi_date(end) if end else '…'}"


def _held(repo: Repository, holdings: Sequence[Holding], heading: str, labels: dict[str, Any]) -> Section:
    if not holdings:
        return Section((Paragraph(inlines(labels["nothing_held"])),), heading=heading, role="held")
    rows = tuple(
        (
            _name(repo, h.function),
            h.part or "—",
            _name(repo, h.holder),
            _scope(h, labels),
            _source(repo, h.source, labels),
        )
        for h in holdings
    )
    return Section((Table(tuple(labels["columns"]), rows),), heading=heading, role="held")


def _scope(h: Holding, labels: dict[str, Any]) -> str:
    scopes = labels["scopes"]
    if h.excluding:
        return f"{scopes['rest']} ({labels['except_parts'].format(parts=', '.join(h.excluding))})"
    return str(scopes[str(h.scope)])


def _source(repo: Repository, step: Step, labels: dict[str, Any]) -> str:
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
    return str(labels["registry"].format(what=what.format(org=_name(repo, step.from_org))))


def _steps(
    repo: Repository, hist: History, labels: dict[str, Any], href: str, public: bool
) -> tuple[Block, ...]:
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
    repo: Repository, step: Step, labels: dict[str, Any], href: str, public: bool
) -> list[tuple[str, tuple[Inline, ...]]]:
    from govdocs.checks.consistency import where
    from govdocs.render import output_stem

    source = _name(repo, step.from_org) if step.from_org else labels["source_not_stated"]
    if step.from_org and not step.from_stated and step.kind is StepKind.TRANSFER:
        source = labels["source_inferred"].format(org=source)
    target = _name(repo, step.to_org) if step.to_org else labels["nobody"]
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
        stem = href + output_stem(step.decision, public)
        links = (Link(f"{stem}.html", f"{stem}.html"), ", ", Link(f"{stem}.pdf", f"{stem}.pdf"))
        facts.append((labels["links"], links))
    return facts


def _contradictions(repo: Repository, hist: History, labels: dict[str, Any]) -> tuple[Block, ...]:
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


def audit_svg(repo: Repository, hist: History, lang: str = "fi") -> str:
    """Who held what as bars over time: one row per function or part, one
    bar per holder, the subject in dark blue. Same input, same bytes."""
    labels = audit_labels(lang)
    first, last = _span(hist, [])
    rows = _rows(repo, hist, first, last)
    holders = list(dict.fromkeys(h.holder for _, hs in rows for h in hs))
    others = [org for org in holders if org != hist.subject]
    colours = {org: PALETTE[i % len(PALETTE)] for i, org in enumerate(others)}
    colours[hist.subject] = SUBJECT_COLOUR
    total = (last - first).days + 1

    def x(day: date) -> float:
        return round(LABEL_W + (WIDTH - LABEL_W - RIGHT_PAD) * (day - first).days / total, 1)

    height = TOP + ROW_H * len(rows) + 18 * (len(holders) + 1) + 10
    body = _grid(first, last, x, TOP + ROW_H * len(rows))
    for n, (key, holdings) in enumerate(rows):
        y = TOP + ROW_H * n + ROW_H / 2
        label = _what(repo, key, labels)
        short = label if len(label) <= 38 else label[:37] + "…"
        body.append(
            f'<text x="6" y="{y + 4}" font-size="10"><title>{escape(label)}</title>{escape(short)}</text>'
        )
        body += [
            _bar(repo, h, x, y, first, last, colours.get(h.holder, PALETTE[0]), labels) for h in holdings
        ]
    body += _legend(repo, holders, colours, TOP + ROW_H * len(rows) + 16, labels)
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" '
        f'viewBox="0 0 {WIDTH} {height}" font-family="Noto Sans, sans-serif" role="img">'
    )
    return "\n".join([head, *body, "</svg>"]) + "\n"


def _grid(first: date, last: date, x: Any, bottom: float) -> list[str]:
    parts = []
    step = max(1, (last.year - first.year + 1) // 12)
    for year in range(first.year, last.year + 1, step):
        day = max(date(year, 1, 1), first)
        parts.append(f'<line x1="{x(day)}" y1="{TOP - 10}" x2="{x(day)}" y2="{bottom}" stroke="#d5d8dc"/>')
        parts.append(f'<text x="{x(day) + 3}" y="{TOP - 16}" font-size="10">{year}</text>')
    return parts


def _bar(
    repo: Repository,
    h: Holding,
    x: Any,
    y: float,
    first: date,
    last: date,
    colour: str,
    labels: dict[str, Any],
) -> str:
    start = max(h.start or first, first)
    end = min(h.end or last, last) + timedelta(days=1)
    x0, x1 = x(start), x(end)
    dash = ' stroke="#34495e" stroke-dasharray="3 2"' if h.start is None else ""
    since = fi_date(h.start) if h.start else "…"
    until = fi_date(h.end) if h.end else "…"
    title = (
        f"{_name(repo, h.holder)}: {since}–{until} ({_scope(h, labels)}; {_source(repo, h.source, labels)})"
    )
    return (
        f'<rect x="{x0}" y="{y - 7}" width="{max(round(x1 - x0, 1), 1.5)}" height="14" fill="{colour}"{dash}>'
        f"<title>{escape(title)}</title></rect>"
    )


def _legend(
    repo: Repository, holders: Sequence[str], colours: dict[str, str], top: float, labels: dict[str, Any]
) -> list[str]:
    parts = [f'<text x="6" y="{top + 4}" font-size="10" font-weight="bold">{escape(labels["legend"])}</text>']
    for n, org in enumerate(holders, start=1):
        y = top + 18 * n
        parts.append(f'<rect x="6" y="{y - 5}" width="12" height="10" fill="{colours[org]}"/>')
        parts.append(f'<text x="24" y="{y + 4}" font-size="10">{escape(_name(repo, org))}</text>')
    return parts


def write_audit_report(
    repo: Repository,
    subject: str,
    out_dir: Path,
    start: date | None = None,
    end: date | None = None,
    formats: Sequence[str] = DEFAULT_FORMATS,
    stem: str | None = None,
    decisions_href: str = "",
    *,
    public: bool = False,
) -> list[Path]:
    """Render the audit into ``out_dir`` and write the timeline beside it
    (with ``public`` both the web copy); returns the paths. Raises KeyError
    for an unknown subject."""
    from govdocs.render import render_document
    from govdocs.safepath import atomic_write

    stem = stem or f"vastuut-{subject}"
    doc = audit_document(repo, subject, start, end, decisions_href=decisions_href, public=public)
    paths = render_document(doc, formats, out_dir, stem)
    svg = Path(out_dir) / f"{stem}-aikajana.svg"
    atomic_write(svg, figure_svg(doc).encode("utf-8"))
    return [*paths, svg]

"""The follow-up report: what the decisions committed the city to, and how
it stands on a day, for a board or a secretary to read.

It is a neutral document tree (`govdocs.document.model`) rendered through
the same pipeline as decisions (`govdocs.render.render_document`), with
the timeline picture (`timeline.svg`) embedded and written beside it.
Labels come from templates/followup/<lang>.yaml."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from govdocs.derive.mandates import MandateStatus, mandate_status
from govdocs.derive.obligations import Instance, Status, obligation_status
from govdocs.describe import fi_date
from govdocs.document.labels import labels_for
from govdocs.document.model import (
    Block,
    BulletList,
    Document,
    Emphasis,
    Figure,
    Heading,
    KeyValue,
    Metadata,
    Notice,
    Paragraph,
    RunningHeader,
    Section,
    inlines,
)
from govdocs.document.redact import figure_svg, is_secret, mention, personal_data, public_copy, public_quote
from govdocs.reports.labels import followup_labels
from govdocs.reports.timeline import timeline_svg
from govdocs.repository import Repository

DEFAULT_FORMATS = ("html", "pdf")


@dataclass(frozen=True)
class FollowupState:
    """Everything the report shows, derived once."""

    as_of: date
    instances: list[Instance]
    mandates: list[MandateStatus]
    svg: str


def followup_state(repo: Repository, as_of: date, lang: str = "fi", *, public: bool = False) -> FollowupState:
    """Obligation instances, mandates and the timeline as of ``as_of``; with
    ``public`` a secret decision's obligations say only that they exist."""
    instances = obligation_status(repo, as_of)
    if public:
        instances = [_public_instance(repo, i, lang) for i in instances]
    mandates = mandate_status(repo, as_of)
    return FollowupState(
        as_of, instances, mandates, timeline_svg(instances, mandates, as_of, followup_labels(lang))
    )


def _public_instance(repo: Repository, instance: Instance, lang: str) -> Instance:
    decision = repo.decisions.get(instance.source)
    if decision is None or not is_secret(decision.publicity):
        return instance
    # What the duty is was written from the secret text: the heading and the timeline say only whose it is.
    hidden = {"what": labels_for(lang)["secret_decision"], "quote": mention(decision.publicity, lang)}
    return replace(instance, obligation=instance.obligation.model_copy(update=hidden))


def followup_document(repo: Repository, as_of: date, lang: str = "fi", *, public: bool = False) -> Document:
    """The report as a document tree; with ``public`` the web copy (a secret
    decision's obligations and quotes from secret parts as their mention,
    personal data masked everywhere)."""
    state = followup_state(repo, as_of, lang, public=public)
    return _document(repo, state, followup_labels(lang), public)


def _document(repo: Repository, state: FollowupState, labels: dict[str, Any], public: bool) -> Document:
    r = labels["report"]
    day = fi_date(state.as_of)
    title = r["title"].format(date=day)
    town = repo.registry.municipality.short_name
    blocks: tuple[Block, ...] = (
        Heading(title, level=1, role="title"),
        Paragraph(inlines(r["intro"].format(date=day)), role="intro"),
        Section(_summary(state.instances, labels), heading=r["summary"], role="summary"),
        Section(
            (Figure(state.svg, caption=r["timeline_caption"], alt=r["timeline_alt"], role="timeline"),),
            heading=r["timeline"],
        ),
        Section(_obligations(repo, state.instances, labels, public), heading=r["obligations"],
                role="obligations"),
        Section(_mandates(repo, state.mandates, labels), heading=r["mandates"], role="mandates"),
    )
    meta = Metadata(title=title, author=town, lang="fi", created=state.as_of, doc_type=r["doc_type"])
    doc = Document(meta=meta, blocks=blocks, header=RunningHeader(left=(town,), right=(r["doc_type"], day)))
    return public_copy(doc, personal_data(repo)) if public else doc


def _summary(instances: Sequence[Instance], labels: dict[str, Any]) -> tuple[Block, ...]:
    r, names = labels["report"], labels["status"]
    counts = Counter(i.status for i in instances)
    parts = ", ".join(f"{names[str(s)]} {counts[s]}" for s in Status if counts[s])
    late = [i for i in instances if i.status is Status.OVERDUE]
    counted = Paragraph(inlines(r["counts"].format(total=len(instances), parts=parts or "0")))
    if not late:
        return (counted, Notice(inlines(r["none_overdue"]), kind="note"))
    items = "; ".join(f"{i.obligation.what.rstrip('.')} ({fi_date(i.due) if i.due else '—'})" for i in late)
    return (
        counted,
        Notice(inlines(r["overdue_notice"].format(n=len(late), items=items)), kind="warning", role="overdue"),
    )


def _org(repo: Repository, org: str) -> str:
    found = repo.organisations.get(org)
    return found.name.fi if found else org


def _obligations(
    repo: Repository, instances: Sequence[Instance], labels: dict[str, Any], public: bool
) -> tuple[Block, ...]:
    r = labels["report"]
    if not instances:
        return (Paragraph(inlines(r["no_obligations"])),)
    blocks: list[Block] = []
    for i in instances:
        status = labels["status"][str(i.status)]
        shown = Emphasis(status, strong=True) if i.status is Status.OVERDUE else status
        owner = r["owner_not_stated"] if i.owner == "not stated" else _org(repo, i.owner)
        pairs: list[tuple[str, Any]] = [
            (r["columns"][0], shown),
            (r["columns"][1], fi_date(i.due) if i.due else "—"),
            (r["columns"][3], owner),
            (r["source"], f"{i.citation} ({i.obligation.id})"),
        ]
        if i.evidence:
            pairs.append((r["evidence"], f"{i.evidence.text or i.evidence.record} ({i.evidence.record})"))
        heading = i.obligation.what + (f" ({i.period})" if i.period else "")
        said = " ".join(i.obligation.quote.split())
        hidden = public_quote(repo, i.source, said) if public else None
        said_line = f"{r['quote']}: {hidden}" if hidden else f"{r['quote']}: “{said}”"
        quote = Paragraph(inlines(said_line), role="secret-mention" if hidden else "quote")
        role = f"obligation {i.status}"
        blocks.append(
            Section(
                (KeyValue(tuple((k, inlines(v)) for k, v in pairs)), quote),
                heading=heading,
                level=3,
                role=role,
            )
        )
    return tuple(blocks)


def _bold(text: str) -> Paragraph:
    return Paragraph(inlines(Emphasis(text, strong=True)))


def _bullets(items: Sequence[str]) -> BulletList:
    return BulletList(tuple(inlines(item) for item in items))


def _term(m: MandateStatus, r: dict[str, Any]) -> str:
    if m.start is None and m.end is None:
        return str(r["term_not_stated"])
    start = fi_date(m.start) if m.start else "…"
    return f"{start}–{fi_date(m.end) if m.end else r['term_open']}"


def _mandates(
    repo: Repository, mandates: Sequence[MandateStatus], labels: dict[str, Any]
) -> tuple[Block, ...]:
    r = labels["report"]
    if not mandates:
        return (Paragraph(inlines(r["no_mandates"])),)
    blocks: list[Block] = []
    for m in mandates:
        pairs = (
            (labels["calendar"]["status"], labels["mandate_state"][str(m.state)]),
            (r["term"], _term(m, r)),
            (r["source"], m.citation or "—"),
        )
        tasks = tuple(
            f"{t.task.text}: {labels['task_state'][str(t.state)]}"
            + (f" ({t.by})" if t.by else "")
            + (f". {t.finding}" if t.finding else "")
            for t in m.tasks
        )
        inner: list[Block] = [KeyValue(tuple((k, inlines(v)) for k, v in pairs))]
        if tasks:
            inner += [_bold(r["tasks"]), _bullets(tasks)]
        if m.reports:
            inner += [_bold(r["reporting"]), _bullets(_reports(repo, m, labels))]
        blocks.append(Section(tuple(inner), heading=m.mandate.name, level=3, role=f"mandate {m.state}"))
    return tuple(blocks)


def _reports(repo: Repository, m: MandateStatus, labels: dict[str, Any]) -> tuple[str, ...]:
    r = labels["report"]
    found = []
    for due in m.reports:
        maker = repo.makers.get(due.duty.to)
        to = maker.name.allative or maker.name.fi if maker else due.duty.to
        duty = r["reports_to"].format(every=r["every"][str(due.duty.every)], to=to)
        found.append(f"{duty} {due.period}: {fi_date(due.due)}, {labels['status'][str(due.status)]}")
    return tuple(found)


def write_followup_report(
    repo: Repository,
    out_dir: Path,
    as_of: date | None = None,
    formats: Sequence[str] = DEFAULT_FORMATS,
    stem: str = "seurantaraportti",
    *,
    public: bool = False,
) -> list[Path]:
    """Render the report into ``out_dir`` (HTML and PDF by default) and
    write the timeline beside it as ``<stem>-aikajana.svg``; returns the
    paths. With ``public`` both are the web copy."""
    from govdocs.render import render_document
    from govdocs.safepath import atomic_write

    as_of = as_of or date.today()
    labels = followup_labels("fi")
    state = followup_state(repo, as_of, public=public)
    doc = _document(repo, state, labels, public)
    paths = render_document(doc, formats, out_dir, stem)
    svg = Path(out_dir) / f"{stem}-aikajana.svg"
    atomic_write(svg, figure_svg(doc).encode("utf-8"))
    return [*paths, svg]

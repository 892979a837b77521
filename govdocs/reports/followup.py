"""The follow-up report: what the decisions committed the city to, and how
it stands on a day, for a board or a secretary to read.

It is a neutral document tree (`govdocs.document.model`), the `followup`
row of `govdocs.document.kinds.KINDS`: `govdocs report followup` and
`govdocs build` write it, with the timeline picture embedded and written
beside it as ``seurantaraportti-aikajana.svg``. A recurring duty is one
section with a table of its periods, not one section per period. Labels
come from templates/followup/<lang>.yaml."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from govdocs.derive.asof import AsOf
from govdocs.derive.mandates import MandateStatus, ReportDue, mandate_status
from govdocs.derive.obligations import Instance, Status, obligation_status
from govdocs.describe import fi_date, town_name
from govdocs.document.kinds import KINDS, Laid, Request
from govdocs.document.labels import Labels, label_set, labels_for
from govdocs.document.model import (
    Block,
    BulletList,
    Document,
    Emphasis,
    Figure,
    Heading,
    Inline,
    KeyValue,
    Metadata,
    Notice,
    Paragraph,
    RunningHeader,
    Section,
    Table,
    inlines,
)
from govdocs.document.redact import (
    Redactor,
    figure_svg,
    is_secret,
    mention,
    personal_data,
    public_copy,
    public_quote,
)
from govdocs.reports.timeline import timeline_svg
from govdocs.repository import Repository

DEFAULT_FORMATS = KINDS["followup"].formats


@dataclass(frozen=True)
class FollowupState:
    """Everything the report shows, derived once."""

    as_of: date
    instances: list[Instance]
    mandates: list[MandateStatus]
    svg: str


def followup_state(
    repo: Repository, as_of: date | AsOf, lang: str = "fi", *, public: bool = False
) -> FollowupState:
    """Obligation instances, mandates and the timeline as of ``as_of``; with
    ``public`` a secret decision's obligations say only that they exist."""
    day = AsOf.of(repo, as_of)
    instances = obligation_status(repo, day)
    if public:
        instances = [_public_instance(repo, i, lang) for i in instances]
    mandates = mandate_status(repo, day)
    if public:
        mandates = [_public_mandate(repo, m, lang) for m in mandates]
    mask = Redactor(personal_data(repo)) if public else None
    svg = timeline_svg(instances, mandates, day.day, label_set("followup", lang), mask)
    return FollowupState(day.day, instances, mandates, svg)


def _public_instance(repo: Repository, instance: Instance, lang: str) -> Instance:
    decision = repo.decisions.get(instance.source)
    if decision is None or not is_secret(decision.publicity):
        return instance
    # What the duty is was written from the secret text: the heading and the timeline say only whose it is.
    hidden = {"what": labels_for(lang)["secret_decision"], "quote": mention(decision.publicity, lang)}
    return replace(instance, obligation=instance.obligation.model_copy(update=hidden))


def _public_mandate(repo: Repository, status: MandateStatus, lang: str) -> MandateStatus:
    decision = repo.decisions.get(status.source or "")
    if decision is None or not is_secret(decision.publicity):
        return status
    # Name, tasks, members and purpose come from the secret text: only the state, term and source stay.
    hidden = status.mandate.model_copy(
        update={"name": labels_for(lang)["secret_decision"], "forms": None, "short": None, "purpose": None,
                "tasks": [], "members": [], "ways_of_working": [], "quote": None}
    )
    return replace(status, mandate=hidden, tasks=[], members=[])


def followup_document(
    repo: Repository, as_of: date | AsOf, lang: str = "fi", *, public: bool = False
) -> Document:
    """The report as a document tree; with ``public`` the web copy (a secret
    decision's obligations and quotes from secret parts as their mention,
    personal data masked everywhere)."""
    state = followup_state(repo, as_of, lang, public=public)
    return _document(repo, state, label_set("followup", lang), public)


def lay_out(repo: Repository, request: Request) -> Laid:
    """The follow-up kind's row in `govdocs.document.kinds.KINDS`: the tree
    and the timeline picture beside it, drawn from the same (for a web copy,
    masked) tree."""
    lang = request.lang or "fi"
    scoped = repo.only(request.subject) if request.subject else repo  # one municipality's report
    document = followup_document(scoped, request.as_of or date.today(), lang, public=request.public)
    return Laid(document, {"svg": figure_svg(document).encode("utf-8")})


def _document(repo: Repository, state: FollowupState, labels: Labels, public: bool = False) -> Document:
    r = labels["report"]
    day = fi_date(state.as_of)
    title = r["title"].format(date=day)
    # a report over several municipalities' records names them all, never one for all
    town = ", ".join(town_name(registry.municipality, labels.lang) for registry, _ in repo.registries)
    blocks: tuple[Block, ...] = (
        Heading(title, level=1, role="title"),
        Paragraph(inlines(r["intro"].format(date=day)), role="intro"),
        Section(_summary(state.instances, labels), heading=r["summary"], role="summary"),
        Section(
            (Figure(state.svg, caption=r["timeline_caption"], alt=r["timeline_alt"], role="timeline"),),
            heading=r["timeline"],
        ),
        Section(
            _obligations(repo, state.instances, labels, public), heading=r["obligations"], role="obligations"
        ),
        Section(_mandates(repo, state.mandates, labels), heading=r["mandates"], role="mandates"),
    )
    meta = Metadata(title=title, author=town, lang=labels.lang, created=state.as_of, doc_type=r["doc_type"])
    doc = Document(meta=meta, blocks=blocks, header=RunningHeader(left=(town,), right=(r["doc_type"], day)))
    return public_copy(doc, personal_data(repo)) if public else doc


def _grouped(instances: Sequence[Instance]) -> list[list[Instance]]:
    """Instances by obligation, in the order of each one's first instance."""
    found: dict[str, list[Instance]] = {}
    for i in instances:
        found.setdefault(i.obligation.id, []).append(i)
    return list(found.values())


_SEVERITY = (
    Status.OVERDUE, Status.DUE_SOON, Status.OPEN, Status.FULFILLED, Status.SUPERSEDED, Status.CANCELLED,
)


def _worst(group: Sequence[Instance]) -> Status:
    """The status that needs attention first: a duty late for one period is late."""
    return min((i.status for i in group), key=_SEVERITY.index)


def _summary(instances: Sequence[Instance], labels: Labels) -> tuple[Block, ...]:
    r, names = labels["report"], labels["status"]
    counts = Counter(i.status for i in instances)
    parts = ", ".join(f"{names[str(s)]} {counts[s]}" for s in Status if counts[s])
    late = _grouped([i for i in instances if i.status is Status.OVERDUE])
    counted = Paragraph(inlines(r["counts"].format(total=len(instances), parts=parts or "0")))
    if not late:
        return (counted, Notice(inlines(r["none_overdue"]), kind="note"))
    items = "; ".join(_late_item(group, r) for group in late)
    return (
        counted,
        Notice(inlines(r["overdue_notice"].format(n=len(late), items=items)), kind="warning", role="overdue"),
    )


def _late_item(group: Sequence[Instance], r: Any) -> str:
    what = group[0].obligation.what.rstrip(".")
    if group[0].period is None:
        return f"{what} ({fi_date(group[0].due) if group[0].due else '—'})"
    return str(r["overdue_periods"].format(what=what, periods=", ".join(str(i.period) for i in group)))


def _org(repo: Repository, org: str, lang: str) -> str:
    # a resolution's duty is the body's it names when no organisation is given
    found = repo.organisations.get(org) or repo.makers.get(org)
    return found.name.named(lang) if found else org


def _obligations(
    repo: Repository, instances: Sequence[Instance], labels: Labels, public: bool
) -> tuple[Block, ...]:
    r = labels["report"]
    if not instances:
        return (Paragraph(inlines(r["no_obligations"])),)
    return tuple(_obligation(repo, group, labels, public) for group in _grouped(instances))


def _obligation(repo: Repository, group: Sequence[Instance], labels: Labels, public: bool) -> Section:
    """One obligation: its facts, then (for a recurring duty) a table of its
    periods, then the decision's words."""
    r, first = labels["report"], group[0]
    worst = _worst(group)
    status = labels["status"][str(worst)]
    shown: Inline = Emphasis(status, strong=True) if worst is Status.OVERDUE else status
    owner = r["owner_not_stated"] if first.owner == "not stated" else _org(repo, first.owner, labels.lang)
    pairs: list[tuple[str, Any]] = [(r["columns"][0], shown)]
    every = first.obligation.due.every
    if every is None:
        pairs.append((r["columns"][1], fi_date(first.due) if first.due else "—"))
    else:
        recurring = r["recurring"].format(every=r["every"][str(every)], count=len(group))
        pairs.append((r["period_every"], recurring))
    pairs += [(r["columns"][3], owner), (r["source"], f"{first.citation} ({first.obligation.id})")]
    if every is None and first.evidence:
        pairs.append((r["evidence"], _evidence(first)))
    inner: list[Block] = [KeyValue(tuple((k, inlines(v)) for k, v in pairs))]
    if every is not None:
        inner.append(_periods(group, labels))
    # the decision's own words: in Swedish where its record has them (a
    # decision without a Swedish version has only its Finnish wording)
    swedish = first.obligation.quote_sv if labels.lang == "sv" else None
    said = " ".join((swedish or first.obligation.quote).split())
    hidden = public_quote(repo, first.source, said) if public else None
    said_line = f"{r['quote']}: {hidden}" if hidden else f"{r['quote']}: “{said}”"
    inner.append(Paragraph(inlines(said_line), role="secret-mention" if hidden else "quote"))
    return Section(tuple(inner), heading=first.obligation.what, level=3, role=f"obligation {worst}")


def _evidence(i: Instance) -> str:
    assert i.evidence is not None
    return f"{i.evidence.text or i.evidence.record} ({i.evidence.record})"


def _periods(group: Sequence[Instance], labels: Labels) -> Table:
    r = labels["report"]
    rows = []
    for i in group:
        status = labels["status"][str(i.status)]
        rows.append((
            i.period or "—",
            fi_date(i.due) if i.due else "—",
            Emphasis(status, strong=True) if i.status is Status.OVERDUE else status,
            _evidence(i) if i.evidence else "—",
        ))
    return Table(tuple(r["periods"]), rows, caption=r["periods_caption"], role="periods")


def _bold(text: str) -> Paragraph:
    return Paragraph(inlines(Emphasis(text, strong=True)))


def _bullets(items: Sequence[str]) -> BulletList:
    return BulletList(tuple(inlines(item) for item in items))


def _term(m: MandateStatus, r: Any) -> str:
    if m.start is None and m.end is None:
        return str(r["term_not_stated"])
    start = fi_date(m.start) if m.start else "…"
    return f"{start}–{fi_date(m.end) if m.end else r['term_open']}"


def _mandates(repo: Repository, mandates: Sequence[MandateStatus], labels: Labels) -> tuple[Block, ...]:
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
            inner += [_bold(r["reporting"]), *_reports(repo, m, labels)]
        blocks.append(Section(tuple(inner), heading=m.mandate.name, level=3, role=f"mandate {m.state}"))
    return tuple(blocks)


def _reports(repo: Repository, m: MandateStatus, labels: Labels) -> list[Table]:
    """One table per reporting duty, a row per period."""
    r = labels["report"]
    duties: dict[int, list[ReportDue]] = {}
    for due in m.reports:
        duties.setdefault(id(due.duty), []).append(due)
    tables = []
    for dues in duties.values():
        duty = dues[0].duty
        maker = repo.makers.get(duty.to)
        if maker is None:
            to = duty.to
        else:
            to = maker.name.named("sv") if labels.lang == "sv" else maker.name.allative or maker.name.fi
        caption = r["reports_to"].format(every=r["every"][str(duty.every)], to=to)
        rows = [
            (d.period, fi_date(d.due), labels["status"][str(d.status)], _reported_by(d))
            for d in dues
        ]
        tables.append(Table(tuple(r["periods"]), rows, caption=caption, role="reporting"))
    return tables


def _reported_by(due: ReportDue) -> str:
    return due.evidence.record if due.evidence else "—"


def write_followup_report(
    repo: Repository,
    out_dir: Path,
    as_of: date | None = None,
    formats: Sequence[str] = DEFAULT_FORMATS,
    *,
    public: bool = False,
    lang: str | None = None,
) -> list[Path]:
    """Render the report into ``out_dir`` (HTML and PDF by default, its
    labels in ``lang``, default Finnish) with the
    timeline beside it as ``seurantaraportti-aikajana.svg``, exactly as
    `govdocs build` writes it (one report per municipality, named by its
    id, when the repository holds several); returns the paths. With
    ``public`` both are the web copy."""
    from govdocs.document.kinds import KINDS, write

    paths: list[Path] = []
    for subject in KINDS["followup"].subjects(repo):
        request = Request(subject, as_of or date.today(), public=public, lang=lang)
        paths += write(repo, "followup", request, formats, out_dir)[0]
    return paths

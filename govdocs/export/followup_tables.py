"""Follow-up lists as text tables, JSON and CSV: what `govdocs obligations`,
`govdocs budget` and `govdocs mandates` print. One function per format, so
scripts get exactly the CLI's output."""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from collections.abc import Sequence
from datetime import date
from typing import Any

from govdocs.derive.asof import Known
from govdocs.derive.budget import NOT_STATED, Checklist
from govdocs.derive.mandates import MandateStatus
from govdocs.derive.obligations import Instance, Status
from govdocs.describe import fi_date

OBLIGATION_COLUMNS = ("status", "due", "id", "kind", "owner", "addressee", "source", "evidence")


def _day(day: date | None) -> str:
    return fi_date(day) if day else "—"


def known_note(known: Known) -> str:
    """'known from kj-2016-59, recorded 13.9.2016 (date assumed)': when a
    fact that holds from an earlier day became known."""
    assumed = " (date assumed)" if known.recorded_assumed else ""
    return f"known from {known.record}, recorded {_day(known.recorded)}{assumed}"


def _evidence(i: Instance) -> str:
    e = i.evidence
    if e is None:
        return ""
    later = f"; known since {_day(e.recorded)}" if e.known_later else ""
    return f"{e.record} ({_day(e.date)}{later})" + (f" → {e.superseded_by}" if e.superseded_by else "")


def _obligation_row(i: Instance) -> tuple[str, ...]:
    o = i.obligation
    return (
        str(i.status),
        _day(i.due),
        i.key,
        str(o.kind),
        i.owner,
        o.addressee or "—",
        i.citation,
        _evidence(i),
    )


def text_table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """Left-aligned columns two spaces apart; trailing spaces stripped."""
    widths = [max(len(str(r[c])) for r in (header, *rows)) for c in range(len(header))]
    lines = [
        "  ".join(str(v).ljust(w) for v, w in zip(row, widths, strict=True)).rstrip()
        for row in (header, *rows)
    ]
    return "\n".join(lines)


def count_line(instances: Sequence[Instance], as_of: date) -> str:
    """'6 obligation instance(s) as of 1.1.2018: 5 overdue, 1 open'."""
    counts = Counter(i.status for i in instances)
    parts = [f"{counts[s]} {s}" for s in Status if counts[s]]
    return f"{len(instances)} obligation instance(s) as of {fi_date(as_of)}" + (
        f": {', '.join(parts)}" if parts else ""
    )


def obligations_table(instances: Sequence[Instance], as_of: date) -> str:
    header = tuple(c.upper() for c in OBLIGATION_COLUMNS)
    body = (
        text_table(header, [_obligation_row(i) for i in instances]) if instances else "No obligations match."
    )
    return f"{body}\n{count_line(instances, as_of)}"


def obligations_json(instances: Sequence[Instance], as_of: date) -> str:
    payload = {"as_of": as_of.isoformat(), "obligations": [i.as_dict() for i in instances]}
    return json.dumps(payload, ensure_ascii=False, indent=2)


def obligations_csv(instances: Sequence[Instance], as_of: date) -> str:
    columns = (
        "id",
        "obligation",
        "period",
        "status",
        "due",
        "kind",
        "owner",
        "addressee",
        "source",
        "citation",
        "where",
        "evidence_record",
        "evidence_date",
        "evidence",
        "quote",
    )
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for i in instances:
        d = i.as_dict()
        e = d["evidence"] or {}
        d.update(evidence_record=e.get("record"), evidence_date=e.get("date"), evidence=e.get("text"))
        writer.writerow(["" if d[c] is None else d[c] for c in columns])
    return out.getvalue().rstrip("\n")


OBLIGATION_FORMATS = {"table": obligations_table, "json": obligations_json, "csv": obligations_csv}


# --- budget ------------------------------------------------------------------


def budget_text(checklist: Checklist, names: dict[str, str]) -> str:
    """The checklist grouped by organisation, each item with its source
    and quote; ``names`` maps organisation ids to printed names."""
    lines = [f"Budget {checklist.year}: incorporation checklist as of {fi_date(checklist.as_of)}"]
    for org, items in checklist.groups().items():
        lines += ["", f"{names.get(org, org)} ({org})"]
        for item in items:
            lines += [f"  [{item.status}] {item.what}"]
            if item.kind == "appropriation":
                moves_from = "(not stated)" if item.moves_from == NOT_STATED else item.moves_from
                effective = _day(item.effective)
                lines += [f"      appropriation moves {moves_from} → {item.moves_to}, effective {effective}"]
            lines += [f"      {item.id}; due {_day(item.due)}; source {item.citation} ({item.where})"]
            if item.covered_by:
                lines += [f"      covered by {item.covered_by}"]
            lines += [f"      “{item.quote}”"]
    if not checklist.items:
        lines += ["", "Nothing to incorporate."]
    return "\n".join(lines)


def budget_json(checklist: Checklist, names: dict[str, str]) -> str:
    return json.dumps(checklist.as_dict(), ensure_ascii=False, indent=2)


def budget_csv(checklist: Checklist, names: dict[str, str]) -> str:
    columns = (
        "organisation",
        "kind",
        "id",
        "what",
        "from",
        "to",
        "effective",
        "due",
        "status",
        "citation",
        "where",
        "covered_by",
        "quote",
    )
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for item in checklist.items:
        d = item.as_dict()
        writer.writerow(["" if d[c] is None else d[c] for c in columns])
    return out.getvalue().rstrip("\n")


BUDGET_FORMATS = {"table": budget_text, "json": budget_json, "csv": budget_csv}


# --- mandates ----------------------------------------------------------------


def _term(s: MandateStatus) -> str:
    if s.start is None and s.end is None:
        return "not stated"
    return f"{_day(s.start) if s.start else '…'}–{_day(s.end) if s.end else 'until further notice'}"


def mandate_lines(s: MandateStatus) -> list[str]:
    m = s.mandate
    lines = [f"{m.id} [{s.state}] {m.name}", f"  term: {_term(s)}; source: {s.citation}"]
    if s.known is not None and s.known.later:
        since = f"attested from {_day(s.known.since)}; " if s.known.since else ""
        lines += [f"  {since}{known_note(s.known)}"]
    if s.ended_by:
        lines += [f"  ended by {s.ended_by}"]
    for t in s.tasks:
        by = f" by {t.by}" if t.by else ""
        finding = f": {t.finding}" if t.finding else ""
        added = f" ({t.task.added_by})" if t.task.added_by else ""
        since = f" since {_day(t.since)}{added}" if t.since else ""
        lines += [f"  task {t.task.id} [{t.state}{by}]{since}{finding}", f"    {t.task.text}"]
    for mem in s.members:
        role = f" ({mem.role})" if mem.role else ""
        lines += [f"  member: {mem.name or mem.office}{role}"]
    duties: dict[tuple[str, str], list[str]] = {}
    for r in s.reports:
        duties.setdefault((r.duty.to, str(r.duty.every)), []).append(f"{r.period} {_day(r.due)} {r.status}")
    for (to, every), instances in duties.items():
        lines += [f"  reports {every} to {to}: " + "; ".join(instances)]
    return lines


def mandates_text(statuses: Sequence[MandateStatus], as_of: date) -> str:
    blocks = ["\n".join(mandate_lines(s)) for s in statuses] or ["No mandates."]
    overdue = sum(len(s.overdue) for s in statuses)
    tail = f"{len(statuses)} mandate(s) as of {fi_date(as_of)}; {overdue} report(s) overdue"
    return "\n\n".join(blocks) + "\n\n" + tail


def mandates_json(statuses: Sequence[MandateStatus], as_of: date) -> str:
    payload: dict[str, Any] = {"as_of": as_of.isoformat(), "mandates": [s.as_dict() for s in statuses]}
    return json.dumps(payload, ensure_ascii=False, indent=2)


MANDATE_FORMATS = {"table": mandates_text, "json": mandates_json}

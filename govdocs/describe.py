"""Readable summaries of records, for `govdocs show` and reports."""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from govdocs.model.common import NotStated
from govdocs.model.decision import Decision, FollowUp
from govdocs.model.effects import Due, Mandate, MandateChange, Obligation, Transfer
from govdocs.model.registry import Municipality
from govdocs.repository import Repository, referrers


def fi_date(day: date) -> str:
    """24.8.2016"""
    return f"{day.day}.{day.month}.{day.year}"


def show_value(value: object) -> str:
    """A stated value as printed, a not-stated one as such."""
    if isinstance(value, NotStated):
        assumed = f"; assumed {fi_date(value.assumed)}" if value.assumed else ""
        return f"not stated ({value.not_stated}{assumed})"
    if isinstance(value, date):
        return fi_date(value)
    return "—" if value is None else str(value)


def section_mark(repo: Repository, decision: Decision) -> str:
    """'59 §' for office holders, '§ 898' for bodies, as the layout
    profile of the decision's municipality writes them."""
    from govdocs.document.layout import maker_mark

    layout = repo.layout_of(decision.id)
    return maker_mark(layout, repo.makers.get(decision.maker), decision.number, decision.maker)


def citation(repo: Repository, decision: Decision) -> str:
    """'Kaupunginjohtaja 59 §' (with the date when known)."""
    maker = repo.makers.get(decision.maker)
    name = maker.name.fi if maker else decision.maker
    when = f" {show_value(decision.date)}" if not isinstance(decision.date, NotStated) else ""
    return f"{name}{when} {section_mark(repo, decision)}"


def _quote(text: str | None) -> list[str]:
    if not text:
        return []
    return textwrap.wrap(
        f"“{' '.join(text.split())}”", 88, initial_indent="      ", subsequent_indent="       "
    )


def _due(due: Due) -> str:
    if due.date:
        text = fi_date(due.date)
    elif due.year:
        text = f"during {due.year}"
    elif due.budget_year:
        text = f"budget year {due.budget_year}"
    elif due.not_stated:
        text = f"not stated ({due.not_stated})"
    else:
        anchor = f" before the {due.before.value.replace('-', ' ')}" if due.before else ""
        until = f"–{due.until}" if due.until else " onwards"
        text = f"{due.every}{anchor}, {due.start}{until}"
    return text + (f" ({due.basis})" if due.basis else "")


def _transfer(repo: Repository, t: Transfer) -> list[str]:
    names = ", ".join(repo.functions[w].name if w in repo.functions else w for w in t.what)
    part = f" — part: {t.part}" if t.part else ""
    if t.change.value == "stays":
        head = f"{names}{part} STAYS with {t.to}"
    else:
        head = f"{names}{part} ({t.scope}) {show_value(t.from_)} → {t.to}"
    context = " [context, not decided here]" if t.context_only else ""
    return [f"  {t.id}: {head}{context}", f"      effective: {show_value(t.effective)}", *_quote(t.quote)]


def _obligation(o: Obligation) -> list[str]:
    to = f" → {o.addressee}" if o.addressee else ""
    return [
        f"  {o.id}: [{o.kind}] {o.what}",
        f"      owner: {show_value(o.owner)}{to}; due: {_due(o.due)}",
        *_quote(o.quote),
    ]


def _mandate(m: Mandate) -> list[str]:
    lines = [f"  {m.id}: {m.name}", f"      established by: {show_value(m.established_by)}"]
    lines += [f"      task {task.id}: {task.text}" for task in m.tasks]
    lines += [f"      member: {mem.name or mem.office} ({mem.role or 'jäsen'})" for mem in m.members]
    lines += [f"      reports {duty.every} to {duty.to}" for duty in m.reporting]
    return lines


def _change(c: MandateChange) -> list[str]:
    target = f" task {c.task}" if c.task else ""
    finding = f": {c.finding}" if c.finding else ""
    return [f"  {c.id}: {c.action}{target} of {c.mandate}{finding}", *_quote(c.quote)]


def _appeal(repo: Repository, d: Decision) -> list[str]:
    from govdocs.document.appeal import describe_appeal

    line = describe_appeal(repo, d)
    return [line] if line else []


def describe_decision(repo: Repository, d: Decision) -> list[str]:
    lines = [
        f"{citation(repo, d)}  ({d.id}, {repo.origins[d.id].file})",
        d.title,
        f"{d.case or '—'}{f' T {d.task_code}' if d.task_code else ''}",
        f"date: {show_value(d.date)}; handling: {d.handling}; language: {d.language}",
        "sections: " + ", ".join(s.heading or s.kind.value for s in d.sections),
        *_appeal(repo, d),
    ]
    groups: list[tuple[str, Sequence[Any], Callable[[Any], list[str]]]] = [
        (
            "references",
            d.references,
            lambda r: [f"  {r.id}: {r.cited or r.document or ''} {r.summary or ''}".rstrip()],
        ),
        ("mandates", d.mandates, _mandate),
        ("mandate changes", d.mandate_changes, _change),
        ("transfers and statements", d.transfers, lambda t: _transfer(repo, t)),
        ("obligations", d.obligations, _obligation),
        (
            "fulfils",
            d.fulfils,
            lambda f: [f"  {f.outcome} {f.obligation}" + (f" ({f.period})" if f.period else "")],
        ),
    ]
    for title, items, fmt in groups:
        if items:
            lines += ["", f"{title.capitalize()} ({len(items)}):"]
            for item in items:
                lines += fmt(item)
    return lines


def describe(repo: Repository, record_id: str) -> str:
    """A multi-line summary of a record and what refers to it."""
    record = repo.records[record_id]
    if isinstance(record, Decision):
        lines = describe_decision(repo, record)
    else:
        holder = repo.decision_of(record_id) or repo.followups.get(repo.owner[record_id])
        where = citation(repo, holder) if isinstance(holder, Decision) else repo.owner[record_id]
        lines = [f"{type(record).__name__} {record_id} in {where} ({repo.where(record_id)})"]
        if isinstance(record, Transfer):
            lines += _transfer(repo, record)
        elif isinstance(record, Obligation):
            lines += _obligation(record)
        elif isinstance(record, Mandate):
            lines += _mandate(record)
        elif isinstance(record, MandateChange):
            lines += _change(record)
        elif isinstance(record, FollowUp):
            lines += [f"  {record.title} ({fi_date(record.date)})"]
        else:
            dump = record.model_dump_json(indent=2, exclude_none=True)  # type: ignore[attr-defined]
            lines += [f"  {line}" for line in dump.splitlines()]
    refs = referrers(repo, record_id)
    if refs:
        lines += ["", f"Referred to by ({len(refs)}):"]
        lines += [f"  {rid} ({repo.where(rid)}): {how}" for rid, how in refs]
    return "\n".join(lines)


def _dump(model: Any) -> dict[str, Any]:
    return model.model_dump(mode="json", by_alias=True, exclude_none=True, warnings=False)


def decision_parts(repo: Repository, d: Decision) -> dict[str, Any]:
    """What a decision does and how it was handled, as plain data: every
    item with all its parts and the records its ``acts`` name, the motions
    (an adopted toivomusponsi marked as a duty), votes, earlier handlings,
    disqualifications, presenter and preparers, each with where it is
    written. The JSON of `govdocs show`."""
    origin = repo.origins[d.id]

    def placed(section: str, i: int, model: Any, **extra: Any) -> dict[str, Any]:
        return {**_dump(model), "where": origin.where(section, i), **extra}

    def act(rid: str) -> dict[str, Any]:
        record = repo.records.get(rid)
        if record is None:
            return {"id": rid, "type": None}
        return {"id": rid, "type": type(record).__name__, "where": repo.where(rid), "record": _dump(record)}

    def earlier(i: int, entry: Any) -> dict[str, Any]:
        known = entry.decision in repo.decisions
        return placed("history", i, entry, record_where=repo.where(entry.decision) if known else None)

    return {
        "items": [
            placed("items", i, it, act_records=[act(a) for a in it.acts]) for i, it in enumerate(d.items)
        ],
        "motions": [
            placed("motions", i, m, follow_up_duty=m.id in repo.resolutions) for i, m in enumerate(d.motions)
        ],
        "votes": [placed("votes", i, v) for i, v in enumerate(d.votes)],
        "history": [earlier(i, h) for i, h in enumerate(d.history)],
        "disqualifications": [placed("disqualifications", i, q) for i, q in enumerate(d.disqualifications)],
        "presenter": _dump(d.presenter) if d.presenter is not None else None,
        "preparers": [placed("preparers", i, p) for i, p in enumerate(d.preparers)],
    }


def town_name(municipality: Municipality, lang: str = "fi") -> str:
    """The municipality as a report's header names it: 'Helsinki', or in
    Swedish its Swedish name, 'Helsingfors stad'."""
    return municipality.short_name if lang == "fi" else municipality.name.named(lang)

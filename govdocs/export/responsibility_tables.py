"""Responsibilities as text, JSON and CSV: what `govdocs responsibilities`,
`govdocs audit` and `govdocs diff` print. Every row carries its citation
(decision maker, date, §), the record id and the quoted sentence, so a
script gets exactly what a person reads."""

from __future__ import annotations

import csv
import io
import json
import textwrap
from collections.abc import Sequence
from datetime import date
from typing import Any

from govdocs.derive.authority import Delegation
from govdocs.derive.responsibilities import ONE_DAY, Handover, History, Holding, Step, StepKind
from govdocs.describe import citation, fi_date
from govdocs.export.followup_tables import text_table
from govdocs.model.common import NotStated
from govdocs.repository import Repository

COLUMNS = ("function", "part", "holder", "scope", "since", "source")


def step_citation(repo: Repository, step: Step) -> str:
    """'Kaupunginjohtaja 59 §' (with the date when stated, else the
    assumed one marked), or the registry entry a step comes from."""
    if step.decision is not None and step.decision in decision_citations(repo):
        return decision_citation(repo, step.decision)
    if step.kind is StepKind.INITIAL:
        return "registry: initial holder"
    return f"registry: {'successor' if step.kind is StepKind.SUCCESSION else 'end'} of {step.from_org}"


def decision_citation(repo: Repository, decision_id: str) -> str:
    """'Kaupunginjohtaja 59 §', with the date when stated, else the assumed one marked."""
    return decision_citations(repo)[decision_id]


def decision_citations(repo: Repository) -> dict[str, str]:
    """Decision id → `decision_citation`: a derived table, built once per
    state (`govdocs.derive.store`), so a holdings list cites its decisions
    without reading them."""
    from govdocs.derive.store import derived

    return derived(repo, "decision-citations", _citations)


def _citations(repo: Repository) -> dict[str, str]:
    found = {}
    for rid, decision in repo.decisions.items():
        text = citation(repo, decision)
        if isinstance(decision.date, NotStated):
            assumed = f", assumed {fi_date(decision.date.assumed)}" if decision.date.assumed else ""
            text += f" (date not stated{assumed})"
        found[rid] = text
    return found


def step_file(repo: Repository, step: Step) -> str:
    """The file behind a step, without reading positions: a long holdings
    list stays fast when the loader's cache keeps positions unread."""
    if step.origin is not None:  # kept on the step: no record read
        return step.origin.file
    return repo.origins[step.record].file if step.record else repo.registry_doc.file


def step_place(repo: Repository, step: Step) -> str:
    """file:line:col of a step's record (its receiving side), or of the
    registry entry it rests on: what `govdocs audit` and `diff` print."""
    from govdocs.checks.consistency import where

    attr = "until" if step.kind is StepKind.RETURNED else "to"
    return where(repo, step, attr if step.record else None)


def effective_note(step: Step) -> str | None:
    """Why the date is what it is, when the source does not state it."""
    value = step.effective
    if not isinstance(value, NotStated):
        return None
    basis = f" {value.basis}" if value.basis else ""
    return f"not stated in the source ({value.not_stated}); the record assumes it.{basis}"


def known_later(step: Step) -> bool:
    """The decision telling the step is dated after the step takes effect."""
    return step.recorded is not None and step.day is not None and step.recorded > step.day


def _day(day: date | None, step: Step | None = None) -> str:
    text = fi_date(day) if day else "—"
    return text + ("*" if step is not None and step.assumed else "")


def _scope(h: Holding) -> str:
    return "rest" if h.excluding else str(h.scope)


def holding_record(repo: Repository, h: Holding) -> dict[str, Any]:
    """One holding as plain data (JSON and CSV rows)."""
    src = h.source
    via = h.step if h.step.kind is StepKind.SUCCESSION else None
    return {
        "function": h.function,
        "function_name": repo.functions[h.function].name if h.function in repo.functions else h.function,
        "part": h.part,
        "holder": h.holder,
        "scope": str(h.scope),
        "excluding": list(h.excluding),
        "since": h.start.isoformat() if h.start else None,
        "since_assumed": effective_note(h.step),
        "via_succession": f"{via.from_org} → {via.to_org}" if via else None,
        "succession_basis": via.basis if via else None,
        "record": src.record,
        "decision": src.decision,
        "recorded": src.recorded.isoformat() if src.recorded else None,
        "known_later": known_later(src),
        "citation": step_citation(repo, src),
        "file": step_file(repo, src),
        "quote": " ".join(src.quote.split()) if src.quote else None,
        "basis": src.basis,
        "context_only": src.context_only,
    }


def holdings_table(
    repo: Repository, day: date, holdings: Sequence[Holding], delegations: Sequence[Delegation] = ()
) -> str:
    """Columns, then under each row the quote (or registry basis) it rests
    on; then the delegations in force, when there are any."""
    records = [holding_record(repo, h) for h in holdings]
    rows = [
        (h.function, h.part or "", h.holder, _scope(h), _day(h.start, h.step), rec["citation"])
        for h, rec in zip(holdings, records, strict=True)
    ]
    table = text_table([c.upper() for c in COLUMNS], rows).splitlines()
    lines = [f"Responsibilities on {fi_date(day)}: {len(holdings)} holding(s)", "", table[0]]
    notes: list[str] = []
    for line, rec in zip(table[1:], records, strict=True):
        lines += [line, *_holding_details(rec)]
        if rec["since_assumed"] and rec["since_assumed"] not in notes:
            notes.append(rec["since_assumed"])
    if notes:
        lines += ["", "* effective date " + notes[0], *(f"  also: {n}" for n in notes[1:])]
    if delegations:
        from govdocs.export.authority_tables import delegations_text

        lines += ["", delegations_text(repo, day, delegations)]
    return "\n".join(lines)


def _holding_details(rec: dict[str, Any]) -> list[str]:
    out = []
    if rec["excluding"]:
        out.append(f"    except parts held apart: {', '.join(rec['excluding'])}")
    if rec["via_succession"]:
        basis = rec["succession_basis"] or "no basis given"
        out.append(f"    via succession {rec['via_succession']} ({basis})")
    if rec["known_later"]:
        out.append(
            f"    known from {rec['decision']}, recorded {fi_date(date.fromisoformat(rec['recorded']))}"
        )
    if rec["quote"]:
        context = " [context: recorded, not decided]" if rec["context_only"] else ""
        out += _wrap(f"{rec['record']}{context} ({rec['file']}): “{rec['quote']}”")
    elif rec["basis"]:
        out += _wrap(f"basis ({rec['file']}): {rec['basis']}")
    return out


def _wrap(text: str) -> list[str]:
    return textwrap.wrap(text, 100, initial_indent="    ", subsequent_indent="      ")


def holdings_json(
    repo: Repository, day: date, holdings: Sequence[Holding], delegations: Sequence[Delegation] = ()
) -> str:
    from govdocs.export.authority_tables import delegation_record

    payload = {
        "date": day.isoformat(),
        "holdings": [holding_record(repo, h) for h in holdings],
        "delegations": [delegation_record(repo, d) for d in delegations],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2)


CSV_COLUMNS = (
    "function", "part", "holder", "scope", "excluding", "since", "since_assumed", "via_succession",
    "citation", "record", "file", "quote",
)


def holdings_csv(
    repo: Repository, day: date, holdings: Sequence[Holding], delegations: Sequence[Delegation] = ()
) -> str:
    """One row per holding; delegations do not fit its columns (use json)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for h in holdings:
        rec = holding_record(repo, h)
        rec["excluding"] = " ".join(rec["excluding"])
        writer.writerow(["" if rec[c] is None else rec[c] for c in CSV_COLUMNS])
    return out.getvalue()


HOLDING_FORMATS = {"table": holdings_table, "json": holdings_json, "csv": holdings_csv}


# --- audit and diff ----------------------------------------------------------------
def _name(repo: Repository, subject: str) -> str:
    if subject in repo.functions:
        return repo.functions[subject].name
    org = repo.organisations.get(subject)
    return org.name.fi if org else subject


def describe_step(repo: Repository, step: Step) -> list[str]:
    """Movement, citation with place, quote and date note of one step."""
    what = step.function + (f", part {step.part}" if step.part else "")
    if step.kind is StepKind.STAYS:
        move = f"{what} stays with {step.to_org}"
    elif step.kind is StepKind.INITIAL:
        move = f"{what} held by {step.to_org} when the records begin"
    else:
        source = step.from_org or "(source not stated)"
        if step.from_org and not step.from_stated:
            source += " (source not stated; inferred)"
        move = f"{what}: {source} → {step.to_org or 'nobody'} ({step.scope})"
    lines = [move, f"{step_citation(repo, step)} — {step.record or 'registry'} ({step_place(repo, step)})"]
    if step.kind is StepKind.RETURNED:
        lines.append(f"back: the transfer held until {_day(step.day - ONE_DAY if step.day else None)}")
    if step.context_only:
        lines.append("context: the decision records this fact but does not decide it")
    if step.quote:
        lines += textwrap.wrap(f"“{' '.join(step.quote.split())}”", 96)
    elif step.basis:
        lines += textwrap.wrap(f"basis: {step.basis}", 96)
    if note := effective_note(step):
        lines += textwrap.wrap(f"effective date {note}", 96)
    return lines


def audit_text(repo: Repository, hist: History) -> str:
    """The history, oldest first, each step with its role, decision and quote."""
    from govdocs.checks.consistency import problem

    span = f"{_day(hist.start)}–{_day(hist.end)}" if hist.start or hist.end else "all records"
    lines = [f"Audit of {hist.subject} ({_name(repo, hist.subject)}), {span}"]
    if hist.start:
        lines += ["", f"Held on {fi_date(hist.start.fromordinal(hist.start.toordinal() - 1))}:"]
        lines += [f"  {_holding_line(h)}" for h in hist.held_at_start] or ["  nothing"]
    lines += ["", f"Steps ({len(hist.steps)}), oldest first:"]
    for n, step in enumerate(hist.steps, start=1):
        details = describe_step(repo, step)
        lines.append(f"{n:3}. {_day(step.day, step)}  {str(hist.role(step)).upper()}  {details[0]}")
        lines += [f"       {line}" for line in details[1:]]
    if hist.end:
        lines += ["", f"Held on {fi_date(hist.end)}:"]
        lines += [f"  {_holding_line(h)}" for h in hist.held_at_end] or ["  nothing"]
    if hist.undated:
        lines += ["", "Undated (no effective date stated or assumed): " + ", ".join(hist.undated)]
    lines += ["", "Contradictions:" if hist.issues else "Contradictions: none"]
    lines += [f"  {problem(repo, issue).format()}" for issue in hist.issues]
    if any(step.assumed for step in hist.steps):
        lines += ["", "* the effective date is not stated in the source; the record assumes it"]
    return "\n".join(lines)


def _holding_line(h: Holding) -> str:
    part = f", part {h.part}" if h.part else ""
    return f"{h.function}{part} — {h.holder} ({_scope(h)})"


def diff_text(repo: Repository, first: date, second: date, changes: Sequence[Handover]) -> str:
    """What changed hands, with the steps (and decisions) in between."""
    lines = [f"Changed hands between {fi_date(first)} and {fi_date(second)}: {len(changes)}"]
    for c in changes:
        part = f", part {c.part}" if c.part else ""
        before = f"{c.before.holder} ({_scope(c.before)})" if c.before else "nobody known"
        after = f"{c.after.holder} ({_scope(c.after)})" if c.after else "nobody"
        lines += ["", f"{c.function}{part}: {before} → {after}"]
        for step in c.steps:
            details = describe_step(repo, step)
            lines.append(f"  {_day(step.day, step)}  {step.kind}  {details[0]}")
            lines += [f"      {line}" for line in details[1:]]
    return "\n".join(lines)

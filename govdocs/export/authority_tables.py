"""Delegations as text and JSON: what `govdocs authority` prints, and the
delegation part of `govdocs responsibilities` and `govdocs audit`. Every
delegation carries its citation (decision maker, date, §), its place
(file:line:col) and the sentences it quotes."""

from __future__ import annotations

import json
import textwrap
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from govdocs.derive.authority import Delegation, Grant
from govdocs.describe import fi_date
from govdocs.export.responsibility_tables import decision_citation
from govdocs.model.common import NotStated
from govdocs.model.items import Amount, Holder, Holding, Vat
from govdocs.repository import Repository

_HOLDING = {Holding.ALONGSIDE: "beside", Holding.INSTEAD: "in place of"}
_VAT = {Vat.EXCLUDED: "VAT excluded", Vat.INCLUDED: "VAT included", Vat.NOT_STATED: "VAT not stated"}


def amount_text(amount: Amount) -> str:
    """'100 000 EUR per person, VAT excluded', or why the value is not given."""
    if isinstance(amount.value, NotStated):
        value = f"not stated ({' '.join(amount.value.not_stated.split())})"
    else:
        value = f"{number(amount.value)} {amount.currency}"
    per = f" per {amount.per}" if amount.per else ""
    return f"{value}{per}, {_VAT[amount.vat]}"


def number(value: Decimal) -> str:
    """100000 → '100 000' (thin grouping as the decisions print it)."""
    return f"{value.normalize():,f}".replace(",", " ")


def holder_text(repo: Repository, holder: Holder) -> str:
    """The holder as the records name them, with what the text withholds."""
    if holder.maker and holder.maker in repo.makers:
        who = f"{repo.makers[holder.maker].name.fi} ({holder.maker})"
    else:
        who = ", ".join(
            v for v in (holder.name, holder.office, holder.group, holder.person, holder.organisation) if v
        )
    if holder.redacted:
        who += " [names removed from the published text]"
    return who


def _period(d: Delegation) -> str:
    start = (fi_date(d.start) + ("*" if d.start_assumed else "")) if d.start else "—"
    return f"{start}–{fi_date(d.end) if d.end else 'until further notice'}"


def delegation_lines(repo: Repository, d: Delegation, holders: Sequence[Holder] | None = None) -> list[str]:
    """One delegation: right and validity, then who (``holders``, default
    all of them), on whose decision, how."""
    item = d.item
    subject = f" ({item.subject})" if item.subject and item.subject != d.right else ""
    lines = [
        f"{d.right}{subject}: {_period(d)}",
        f"  on the decision of {decision_citation(repo, d.decision)} — {item.id} ({repo.where(item.id)})",
    ]
    for holder in item.holders if holders is None else holders:
        limit = f"; limit {amount_text(holder.limit)}" if holder.limit else ""
        lines += _wrap(f"to {holder_text(repo, holder)}{limit}", "  ")
    if item.holding:
        lines.append(f"  holding: {item.holding} ({_HOLDING[item.holding]} {d.maker})")
    if item.responsibility:
        lines.append(f"  under the responsibility of {item.responsibility}")
    if item.legal_basis:
        lines.append(f"  legal basis: {item.legal_basis}")
    lines += _quoted("condition", item.conditions) + _quoted("duty", item.duties)
    for quote in item.quote:
        lines += _wrap(f"“{' '.join(quote.split())}”", "  ")
    return lines


def _quoted(label: str, quotes: Sequence[str]) -> list[str]:
    out = []
    for quote in quotes:
        out += _wrap(f"{label}: “{' '.join(quote.split())}”", "  ")
    return out


def _wrap(text: str, indent: str) -> list[str]:
    return textwrap.wrap(text, 100, initial_indent=indent, subsequent_indent=indent + "  ")


def delegations_text(repo: Repository, day: date, found: Sequence[Delegation]) -> str:
    """The delegations in force on ``day`` (the part of `responsibilities`)."""
    lines = [f"Delegations in force on {fi_date(day)}: {len(found)}"]
    for d in found:
        lines += ["", *delegation_lines(repo, d)]
    if any(d.start_assumed for d in found):
        lines += ["", "* the first day is the decision's date, which the source does not state"]
    return "\n".join(lines)


def delegations_lines(repo: Repository, found: Sequence[Delegation]) -> list[str]:
    """The audit's part: every delegation of the subject, oldest first."""
    lines = [f"Delegations ({len(found)}):"]
    for d in sorted(found, key=lambda d: d.start or date.min):
        lines += ["", *delegation_lines(repo, d)]
    return lines


def delegation_record(repo: Repository, d: Delegation) -> dict[str, Any]:
    """One delegation as plain data."""
    item = d.item
    return {
        "item": item.id,
        "right": d.right,
        "function": item.function,
        "subject": item.subject,
        "delegated_by": d.maker,
        "holders": [_dump(h) for h in item.holders],
        "holding": str(item.holding) if item.holding else None,
        "responsibility": item.responsibility,
        "conditions": list(item.conditions),
        "duties": list(item.duties),
        "limits": [_dump(a) for a in item.amounts],
        "valid_from": d.start.isoformat() if d.start else None,
        "valid_from_assumed": d.start_assumed,
        "valid_to": d.end.isoformat() if d.end else None,
        "legal_basis": item.legal_basis,
        "decision": d.decision,
        "citation": decision_citation(repo, d.decision),
        "where": repo.where(item.id),
        "quote": [" ".join(q.split()) for q in item.quote],
    }


def _dump(value: Holder | Amount) -> dict[str, Any]:
    return value.model_dump(mode="json", by_alias=True, exclude_none=True, exclude_defaults=True)


def authority_text(
    repo: Repository, day: date, right: str | None, amount: Decimal | None, grants: Sequence[Grant]
) -> str:
    """Who may decide, grouped by delegation, each holder with their limit."""
    what = right or "anything"
    asked = f" for {number(amount)}" if amount is not None else ""
    lines = [f"Who may decide {what}{asked} on {fi_date(day)} by delegation: {len(grants)} holder(s)"]
    seen: list[Delegation] = []
    for grant in grants:
        if grant.delegation not in seen:
            seen.append(grant.delegation)
    for d in seen:
        mine = [g for g in grants if g.delegation is d]
        lines += ["", *delegation_lines(repo, d, [g.holder for g in mine])]
        if amount is not None and any(g.fits is None for g in mine):
            lines.append("  whether the amount is within the limit cannot be told: the limit is not stated")
    if any(d.start_assumed for d in seen):
        lines += ["", "* the first day is the decision's date, which the source does not state"]
    return "\n".join(lines)


def authority_json(
    repo: Repository, day: date, right: str | None, amount: Decimal | None, grants: Sequence[Grant]
) -> str:
    payload = {
        "date": day.isoformat(),
        "right": right,
        "amount": str(amount) if amount is not None else None,
        "grants": [
            {
                "holder": _dump(g.holder),
                "limit": _dump(g.limit) if g.limit else None,
                "within_limit": g.fits,
                "delegation": delegation_record(repo, g.delegation),
            }
            for g in grants
        ],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2)

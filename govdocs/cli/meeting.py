"""govdocs meeting: a body's meetings. A plain click group; each
subcommand (render, and check and show) is one library call."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from govdocs.cli import complete
from govdocs.cli.common import (
    DOCUMENT_FORMATS,
    LANG,
    answer_format,
    as_of_option,
    decision_id,
    echo_json,
    echo_problems,
    format_list_option,
    joined,
    open_repository,
    records_root,
    repo_option,
    require_clean,
    summary,
)

if TYPE_CHECKING:
    from govdocs.model.meeting import Meeting
    from govdocs.repository import Repository


@click.group()
def meeting() -> None:
    """A body's meetings: their agenda, minutes and extracts; their data,
    attendance and quorum; their checks.

    \b
    Examples:
      govdocs meeting render kaupunginvaltuusto-2025-16 --out build
      govdocs meeting render kv-2025-248 --kind extract --to "Kaavamuutoksen hakija"
      govdocs meeting show kaupunginvaltuusto-2025-16
      govdocs meeting check kaupunginvaltuusto-2025-16
    """


@meeting.command()
@click.argument("target", metavar="MEETING|DECISION")
@repo_option
@click.option(
    "--kind",
    "kinds",
    multiple=True,
    type=click.Choice(["agenda", "minutes", "extract"]),
    help="Which documents [default: agenda and minutes of a meeting, the extract of a decision]; repeatable.",
)
@format_list_option(DOCUMENT_FORMATS, "Formats")
@click.option(
    "--out",
    "out_dir",
    default="build",
    show_default=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Output folder.",
)
@click.option(
    "--public", is_flag=True, help="The public web copy: personal data as *****, secret items as mentions."
)
@LANG
@click.option(
    "--to", "recipient", metavar="NAME", help="The extract's recipient [default: those its decision lists]."
)
def render(
    target: str,
    repo: Path | None,
    kinds: tuple[str, ...],
    formats: tuple[tuple[str, ...], ...],
    out_dir: Path,
    public: bool,
    lang: str | None,
    recipient: str | None,
) -> None:
    """Render a meeting's documents: the agenda (each item with its
    proposal), the minutes (attendance, every item's text with its appeal
    instructions, checkers and signers) and extracts of its items, as
    HTML, PDF/A-3b, DOCX and text. Files are named <meeting>-esityslista,
    <meeting>-poytakirja and <decision>-ote (-julkinen for --public). Any
    error in the records: nothing is written (exit 1).

    \b
    Examples:
      govdocs meeting render kaupunginvaltuusto-2025-16 --out build
      govdocs meeting render kaupunginvaltuusto-2025-16 --kind minutes --format pdf --public
      govdocs meeting render kv-2025-255 --to "Aloitteen tekijä" --format pdf,txt
    """
    from govdocs.errors import UsageError
    from govdocs.render import render_meeting

    records = open_repository(repo or Path("."))
    require_clean(records)
    wanted = joined(formats, DOCUMENT_FORMATS)
    try:
        paths = render_meeting(
            records, target, wanted, out_dir, kinds=kinds, public=public, lang=lang, recipient=recipient
        )
    except (LookupError, ValueError) as exc:  # an id naming no meeting or item, a kind it has not
        raise UsageError(str(exc.args[0])) from None
    for path in paths:
        click.echo(f"wrote {path}")


def _meeting_id(repo: Repository, target: str) -> str:
    from govdocs.errors import UsageError
    from govdocs.problems import did_you_mean

    wanted = decision_id(target)
    if wanted not in repo.meetings:
        raise UsageError(f"no meeting '{wanted}' in the records{did_you_mean(wanted, repo.meetings)}")
    return wanted


@meeting.command()
@click.argument("target", metavar="ID|PATH", shell_complete=complete.meetings)
@repo_option
@as_of_option
@answer_format()
def show(target: str, repo: Path | None, as_of: date | None, fmt: str) -> None:
    """Show a meeting: its body, number, day and place, its status on a day,
    who was there, the quorum at each § and the agenda with each item's
    outcome and decision.

    \b
    Examples:
      govdocs meeting show kaupunginvaltuusto-2025-16
      govdocs meeting show kaupunginvaltuusto-2025-16 --as-of 2025-10-25
      govdocs meeting show decisions/2025/kaupunginvaltuusto/kaupunginvaltuusto-2025-16.yaml --format json
    """

    records = open_repository(records_root(repo, [target]))
    require_clean(records)
    wanted = _meeting_id(records, target)
    facts = meeting_facts(records, records.meetings[wanted], as_of or date.today())
    if fmt == "json":
        echo_json(facts)
    else:
        click.echo("\n".join(_lines(facts)))


def meeting_facts(repo: Repository, meeting: Meeting, day: date) -> dict[str, Any]:
    """What `show` prints, as data."""
    from govdocs.checks.meeting_rules import item_decision
    from govdocs.derive.meetings import quorum_at, roll_call, status
    from govdocs.model.meeting import VOTING_ROLES

    body = repo.makers.get(meeting.body)
    called, absent = roll_call(meeting)
    voting = [p for p in meeting.attendance if p.role in VOTING_ROLES]
    agenda = []
    for item in meeting.agenda:
        decision = repo.decisions.get(item.decision or "")
        entry: dict[str, Any] = {
            "number": item.number,
            "section": item.section,
            "title": decision.title if decision is not None else item.title,
            "outcome": item.outcome,
            "decision": item.decision,
        }
        if decision is not None and decision.as_proposed is not None:
            entry["as_proposed"] = decision.as_proposed
        if item.section is not None and meeting.attendance:
            found = item_decision(repo, meeting, item.section)
            out = [d.name for d in found.disqualifications] if found is not None else []
            q = quorum_at(meeting, body, item.section, out)
            entry["quorum"] = {
                "needed": q.needed,
                "seats": q.seats,
                "present": len(q.present),
                "unknown": len(q.unknown),
                "disqualified": list(q.disqualified),
                "quorate": q.certain,
            }
        agenda.append(entry)
    return {
        "id": meeting.id,
        "where": repo.where(meeting.id),
        "body": meeting.body,
        "body_name": body.name.fi if body is not None else None,
        "number": meeting.number,
        "year": meeting.year,
        "label": meeting.label,
        "date": meeting.date,
        "start": meeting.start,
        "end": meeting.end,
        "place": meeting.place,
        "status": status(meeting, day),
        "as_of": day,
        "display": meeting.minutes.display,
        "attendance": {
            "listed": len(meeting.attendance),
            "voting": len(voting),
            "present_at_roll_call": sum(1 for p in voting if p.attendance == "present"),
            "deputies": [{"name": p.name, "for": p.stands_in_for} for p in called],
            "absent": [p.name for p in absent],
            "excused": [p.name for p in voting if p.attendance == "excused"],
            "arrived": [{"name": p.name, "section": p.arrived.first} for p in voting if p.arrived],
            "left": [
                {"name": p.name, "after": p.left.section, "before": p.left.before} for p in voting if p.left
            ],
        },
        "agenda": agenda,
    }


def _text(value: Any) -> str:
    return "—" if value is None or not isinstance(value, str) else value


def _hours(start: Any, end: Any) -> str:
    """' 15.00–22.41', ' from 15.00', or nothing: a time not stated is left out."""
    start, end = (v if isinstance(v, str) else None for v in (start, end))
    if start and end:
        return f" {start}–{end}"
    return f" from {start}" if start else (f" until {end}" if end else "")


def _lines(facts: dict[str, Any]) -> list[str]:
    from govdocs.describe import fi_date

    att = facts["attendance"]
    lines = [
        f"{facts['id']}: {facts['body_name'] or facts['body']} {facts['label']}",
        f"  date: {fi_date(facts['date'])}{_hours(facts['start'], facts['end'])}",
        f"  place: {_text(facts['place'])}",
        f"  status on {fi_date(facts['as_of'])}: {facts['status']}"
        + (f" (minutes on display from {fi_date(facts['display'])})" if facts["display"] else ""),
        f"  attendance: {att['voting']} members and deputies listed, {att['present_at_roll_call']} present "
        f"at the roll call; {len(att['deputies'])} deputies, {len(att['absent'])} absent, "
        f"{len(att['excused'])} excused",
    ]
    lines += [f"    deputy {d['name']} for {d['for']}" for d in att["deputies"]]
    lines += [f"    absent {name}" for name in att["absent"]]
    lines += [f"    arrived {a['name']} at § {a['section']}" for a in att["arrived"]]
    for gone in att["left"]:
        when = f"after § {gone['after']}" if gone["after"] is not None else f"before § {gone['before']}"
        lines.append(f"    left {gone['name']} {when}")
    lines.append("  agenda:")
    for item in facts["agenda"]:
        number = f"§ {item['section']}" if item["section"] is not None else "§ —"
        line = f"    {item['number']:>2}. {number} {item['title'] or ''} [{item['outcome']}]"
        line += f" {item['decision']}" if item["decision"] else ""
        q = item.get("quorum")
        if q is not None:
            verdict = {True: "quorate", False: "NOT QUORATE", None: "open"}[q["quorate"]]
            needed = f"{q['needed']} of {q['seats']} needed" if q["needed"] is not None else "no seats known"
            line += f"; quorum: {q['present']} present"
            line += f", {q['unknown']} unknown" if q["unknown"] else ""
            line += f", {len(q['disqualified'])} disqualified" if q["disqualified"] else ""
            line += f", {needed}: {verdict}"
        lines.append(line)
    return lines


@meeting.command()
@click.argument("target", required=False, metavar="[ID|PATH]", shell_complete=complete.meetings)
@repo_option
@answer_format()
def check(target: str | None, repo: Path | None, fmt: str) -> None:
    """Check a meeting (or every meeting): quorum at each §, disqualified
    members out of the votes, deputies for absent members only, voters
    present, § and meeting numbers in sequence, agenda and decisions
    agreeing.

    Reports every problem as FILE:LINE:COLUMN: severity: message. Exits 0
    when there are no errors, 1 when there are, 2 for an unknown id.

    \b
    Examples:
      govdocs meeting check kaupunginvaltuusto-2025-16
      govdocs meeting check decisions/2025/kaupunginvaltuusto/kaupunginvaltuusto-2025-16.yaml
      govdocs meeting check --format json
    """
    from govdocs.checks.meeting_rules import check_meeting
    from govdocs.problems import sort_key
    from govdocs.read.loader import read_repository

    records = read_repository(records_root(repo, [target] if target else []))
    if target and decision_id(target) not in records.meetings:
        # a meeting file that does not load: its own problems, else an unknown id
        broken = [p for p in records.problems if Path(p.file).stem == decision_id(target)]
        if broken:
            echo_problems(broken)
            raise SystemExit(1)
    wanted = [_meeting_id(records, target)] if target else sorted(records.meetings)
    files = {records.origins[w].file for w in wanted}
    found = [p for p in records.problems if p.file in files or not target]
    if records.registry_ok:
        for mid in wanted:
            found += check_meeting(records, mid)
    found = sorted(dict.fromkeys(found), key=sort_key)
    errors = sum(p.is_error for p in found)
    if fmt == "json":
        echo_json(
            {
                "meetings": wanted,
                "ok": not errors,
                "errors": errors,
                "warnings": len(found) - errors,
                "problems": [p.as_dict() for p in found],
            }
        )
    else:
        echo_problems(found)
        click.echo(summary(found, len(files)))
    raise SystemExit(1 if errors else 0)

"""govdocs deadline"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import click

from govdocs.cli import complete
from govdocs.cli.common import DATE, answer_format, decision_id, echo_json, records_root, repo_option

if TYPE_CHECKING:
    from govdocs.drafting.deadline import DecisionDeadline


@click.command()
@click.argument("target", metavar="ID|PATH", shell_complete=complete.decisions)
@click.option(
    "--published",
    type=DATE,
    default=None,
    help="Day the minutes went online, or the letter or message was sent "
    "[default: the display day of the minutes of the decision's meeting].",
)
@click.option(
    "--how",
    type=click.Choice(["online", "letter", "electronic"]),
    default="online",
    show_default=True,
    help="How the reader was notified.",
)
@repo_option
@answer_format()
def deadline(target: str, published: date | None, how: str, repo: Path | None, fmt: str) -> None:
    """Print the appeal deadline of a decision (its id or its file) and the
    day its personal data must be gone from the web copy (Kuntalaki 140 §).

    Without --published, a body's decision counts from the day the minutes
    of its meeting went on public display (online; the meeting record's
    `minutes.display`), and the output says so.

    Counting follows Laki säädettyjen määräaikain laskemisesta (150/1930):
    online publication and letters notify after 7 days, electronic
    messages after 3; a period ending on a weekend or holiday (Midsummer
    Eve and Christmas Eve included) ends on the next working day.

    \b
    Examples:
      govdocs deadline kh-2021-898 --published 2025-05-30
      govdocs deadline kv-2025-248
      govdocs deadline kh-2021-898 --published 30.5.2025 --how letter
      govdocs deadline decisions/2021/kh-2021-898.yaml --published 30.5.2025 --format json
    """
    from govdocs.api import load
    from govdocs.derive.deadlines import Notification
    from govdocs.drafting.deadline import decision_deadline, publication
    from govdocs.errors import UsageError
    from govdocs.problems import did_you_mean

    records = load(records_root(repo, [target]))
    wanted = decision_id(target)
    if wanted not in records.decisions:
        raise UsageError(f"no decision '{wanted}' in the records{did_you_mean(wanted, records.decisions)}")
    source = None
    if published is None:
        found = publication(records, wanted)
        if found is None:
            meeting = records.meeting_of(wanted)
            why = (
                f"the minutes of its meeting '{meeting.id}' have no display day (minutes.display)"
                if meeting is not None
                else "it has no meeting record whose minutes' display day it counts from"
            )
            raise UsageError(f"decision '{wanted}': {why}; give the day with --published DATE")
        if how != "online":
            raise UsageError(
                f"--how {how} needs --published: the minutes' display day is an online publication"
            )
        published, source = found.day, found.source
    result = decision_deadline(records.decisions[wanted], published, Notification(how), source)
    if fmt == "json":
        echo_json(result)
    else:
        click.echo("\n".join(_lines(result, how)))


def _lines(result: DecisionDeadline, how: str) -> list[str]:
    from govdocs.describe import fi_date

    if result.deadline is None:
        return [f"{result.decision}: {result.route or 'no appeal instructions'}: no appeal period"]
    d = result.deadline
    return [
        f"{result.decision}: {result.route}, {result.days} days",
        f"  {'published' if how == 'online' else 'sent'}: {fi_date(d.sent)} ({result.source or how})",
        f"  notified: {fi_date(d.notified)}",
        f"  deadline: {fi_date(d.deadline)}",
        f"  personal data off the web copy from: {fi_date(result.removal) if result.removal else '—'}",
        f"  {d.explain_fi()}",
    ]

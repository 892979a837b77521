"""govdocs deadline"""

from __future__ import annotations

from pathlib import Path

import click

from govdocs.cli.common import REPO_OPTION


@click.command()
@click.argument("decision_id")
@click.option(
    "--published",
    required=True,
    type=click.DateTime(["%Y-%m-%d", "%d.%m.%Y"]),
    help="Day the minutes went online, or the letter or message was sent.",
)
@click.option(
    "--how",
    type=click.Choice(["online", "letter", "electronic"]),
    default="online",
    show_default=True,
    help="How the reader was notified.",
)
@REPO_OPTION
def deadline(decision_id: str, published: object, how: str, path: Path) -> None:
    """Print the appeal deadline of DECISION_ID and the day its personal
    data must be gone from the web copy (Kuntalaki 140 §).

    Counting follows Laki säädettyjen määräaikain laskemisesta (150/1930):
    online publication and letters notify after 7 days, electronic
    messages after 3; a period ending on a weekend or holiday (Midsummer
    Eve and Christmas Eve included) ends on the next working day.

    \b
    Examples:
      govdocs deadline kh-2021-898 --published 2025-05-30
      govdocs deadline kh-2021-898 --published 30.5.2025 --how letter
    """
    from govdocs.api import load
    from govdocs.derive.deadlines import Notification
    from govdocs.describe import fi_date
    from govdocs.drafting.deadline import decision_deadline

    repo = load(path)
    if decision_id not in repo.decisions:
        raise click.UsageError(f"no decision '{decision_id}' in the records")
    result = decision_deadline(repo.decisions[decision_id], published.date(), Notification(how))  # type: ignore[attr-defined]
    if result.deadline is None:
        click.echo(f"{decision_id}: {result.route or 'no appeal instructions'}: no appeal period")
        return
    d = result.deadline
    click.echo(f"{decision_id}: {result.route}, {result.days} days")
    click.echo(f"  {'published' if how == 'online' else 'sent'}: {fi_date(d.sent)} ({how})")
    click.echo(f"  notified: {fi_date(d.notified)}")
    click.echo(f"  deadline: {fi_date(d.deadline)}")
    click.echo(f"  personal data off the web copy from: {fi_date(result.removal)}")  # type: ignore[arg-type]
    click.echo(f"  {d.explain_fi()}")

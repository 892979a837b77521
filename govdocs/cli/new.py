"""govdocs new"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from govdocs.cli import complete
from govdocs.cli.common import DATE, records_root, repo_option
from govdocs.errors import UsageError

MEETING = "meeting"
"""The kind name that starts a meeting record instead of a decision."""


@click.command()
@click.argument("kind", shell_complete=complete.kinds)
@click.option("--maker", help="Decision maker id from registry.yaml.", shell_complete=complete.makers)
@click.option(
    "--body", help="For a meeting: the body that meets (registry id).", shell_complete=complete.makers
)
@click.option("--date", "day", type=DATE, default=None, help="Decision or meeting date [default: today].")
@click.option(
    "--case", default=None, help="Diary number; a new one in the municipality's format when left out."
)
@click.option(
    "--number",
    type=click.IntRange(min=1),
    default=None,
    help="For a meeting: its number in the body's year [default: the next one].",
)
@repo_option
def new(
    kind: str,
    maker: str | None,
    body: str | None,
    day: date | None,
    case: str | None,
    number: int | None,
    repo: Path | None,
) -> None:
    """Start a new decision of KIND: the next free § of the maker's series,
    a diary number, the kind's fields and its generated text. KIND
    'meeting' starts a meeting record of --body instead: its attendance
    from the body's composition in the registry on --date (deputies in
    comments), an empty agenda and minutes.

    Kinds are the files under templates/kinds/ (working-group, transfer,
    appropriation-transfer, note-report, deputy-order, procurement-delegation,
    board-election). Exits 2 for an unknown kind, maker or body, 1 when the
    file already exists or the body has no members in the registry.

    \b
    Examples:
      govdocs new working-group --maker kansliapaallikko --date 2021-12-20
      govdocs new deputy-order --maker kansliapaallikko --case "HEL 2022-000209"
      govdocs new meeting --body kaupunginvaltuusto --date 2025-11-05
    """
    if kind == MEETING:
        _new_meeting(repo, body or maker, day, case, number)
        return
    if maker is None:
        raise UsageError(f"give --maker: the decision maker of the new {kind} decision")
    if body is not None or number is not None:
        raise UsageError("--body and --number are for `govdocs new meeting`; a decision takes --maker")
    from govdocs.drafting.newdoc import new_decision

    made = new_decision(records_root(repo), kind, maker, day or date.today(), case)
    for note in made.notes:
        click.echo(f"note: {note}", err=True)
    click.echo(f"{made.path}: {made.id} (§ {made.number}, {made.case})")


def _new_meeting(
    repo: Path | None, body: str | None, day: date | None, case: str | None, number: int | None
) -> None:
    if body is None:
        raise UsageError("give --body: the body whose meeting to start")
    if case is not None:
        raise UsageError("--case is for a decision; a meeting has no diary number")
    from govdocs.drafting.newmeeting import new_meeting

    made = new_meeting(records_root(repo), body, day or date.today(), number)
    click.echo(f"{made.path}: {made.id} ({made.members} seat holders, {made.deputies} deputies in comments)")

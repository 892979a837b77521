"""govdocs new"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from govdocs.cli import complete
from govdocs.cli.common import DATE, records_root, repo_option


@click.command()
@click.argument("kind", shell_complete=complete.kinds)
@click.option(
    "--maker", required=True, help="Decision maker id from registry.yaml.", shell_complete=complete.makers
)
@click.option("--date", "day", type=DATE, default=None, help="Decision date [default: today].")
@click.option(
    "--case", default=None, help="Diary number; a new one in the municipality's format when left out."
)
@repo_option
def new(kind: str, maker: str, day: date | None, case: str | None, repo: Path | None) -> None:
    """Start a new decision of KIND: the next free § of the maker's series,
    a diary number, the kind's fields and its generated text.

    Kinds are the files under templates/kinds/ (working-group, transfer,
    appropriation-transfer, note-report, deputy-order, procurement-delegation,
    board-election). Exits 2 for an unknown kind or maker, 1 when the file
    already exists.

    \b
    Examples:
      govdocs new working-group --maker kansliapaallikko --date 2021-12-20
      govdocs new deputy-order --maker kansliapaallikko --case "HEL 2022-000209"
    """
    from govdocs.drafting.newdoc import new_decision

    made = new_decision(records_root(repo), kind, maker, day or date.today(), case)
    for note in made.notes:
        click.echo(f"note: {note}", err=True)
    click.echo(f"{made.path}: {made.id} (§ {made.number}, {made.case})")

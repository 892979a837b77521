"""govdocs new"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from govdocs.cli.common import REPO_OPTION


@click.command()
@click.argument("kind")
@click.option("--maker", required=True, help="Decision maker id from registry.yaml.")
@click.option(
    "--date",
    "day",
    type=click.DateTime(["%Y-%m-%d", "%d.%m.%Y"]),
    default=None,
    help="Decision date (default: today).",
)
@click.option(
    "--case", default=None, help="Diary number; a new one in the municipality's format when left out."
)
@REPO_OPTION
def new(kind: str, maker: str, day: object, case: str | None, path: Path) -> None:
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
    from govdocs.drafting.newdoc import DraftingError, new_decision

    when = day.date() if day is not None else date.today()  # type: ignore[attr-defined]
    try:
        made = new_decision(path, kind, maker, when, case)
    except DraftingError as exc:
        code = 1 if "already exists" in str(exc) else 2
        click.echo(f"Error: {exc}", err=True)
        raise SystemExit(code) from None
    for note in made.notes:
        click.echo(f"note: {note}", err=True)
    click.echo(f"{made.path}: {made.id} (§ {made.number}, {made.case})")

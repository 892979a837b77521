"""govdocs calendar"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from govdocs.cli.common import (
    AS_OF,
    DATE,
    legacy_folder_argument,
    municipality_option,
    open_repository,
    repo_option,
    require_clean,
)


@click.command()
@legacy_folder_argument
@repo_option
@municipality_option
@click.option(
    "--out", required=True, type=click.Path(dir_okay=False, path_type=Path), help="The .ics file to write."
)
@AS_OF
@click.option(
    "--through",
    type=DATE,
    default=None,
    help="Expand recurring duties up to this day (default: end of the year after --as-of).",
)
@click.option(
    "--remind",
    type=click.IntRange(0, 366),
    default=None,
    metavar="DAYS",
    help="Add a reminder DAYS days before each deadline.",
)
def calendar(
    repo: Path | None, out: Path, as_of: date | None, through: date | None, remind: int | None
) -> None:
    """Write obligation deadlines and reporting duties as an iCalendar file
    (one all-day event each, the source decision in the description, the
    status as of --as-of in the description, never in the title) that
    Outlook and Google Calendar import. The same records and --as-of give
    the same file.

    \b
    Examples:
      govdocs calendar --out seuranta.ics
      govdocs calendar --out 2018.ics --as-of 2018-01-01 --through 2018-12-31
      govdocs calendar --out seuranta.ics --remind 14
    """
    from govdocs.export.ics import write_calendar

    records = open_repository(repo or Path("."))
    require_clean(records)
    count = write_calendar(records, out, as_of or date.today(), through=through, remind=remind)
    click.echo(f"wrote {out} ({count} event(s))")

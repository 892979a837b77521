"""govdocs obligations"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from govdocs.cli import complete
from govdocs.cli.common import (
    AS_OF,
    DATE,
    FORMATS,
    check_id,
    legacy_folder_argument,
    municipality_option,
    open_repository,
    repo_option,
    require_clean,
)

STATUSES = ("open", "due-soon", "overdue", "fulfilled", "cancelled", "superseded")


@click.command()
@legacy_folder_argument
@repo_option
@municipality_option
@click.option(
    "--owner", help="Only this organisation (and its units).", shell_complete=complete.organisations
)
@click.option(
    "--addressee", help="Only duties presented or reported to this body.", shell_complete=complete.makers
)
@click.option(
    "--status",
    "statuses",
    multiple=True,
    type=click.Choice(STATUSES),
    help="Only these statuses (repeatable).",
)
@click.option("--due-before", type=DATE, help="Only instances due before this day.")
@AS_OF
@click.option("--format", "fmt", type=FORMATS, default="table", show_default=True, help="Output format.")
@click.option(
    "--fail-on",
    type=click.Choice(["overdue", "due-soon"]),
    default=None,
    help="Exit 1 when a listed instance is overdue (or overdue or due soon).",
)
def obligations(
    repo: Path | None,
    owner: str | None,
    addressee: str | None,
    statuses: tuple[str, ...],
    due_before: date | None,
    as_of: date | None,
    fmt: str,
    fail_on: str | None,
) -> None:
    """List every follow-up obligation instance with its derived status:
    open, due-soon, overdue, fulfilled, cancelled or superseded. A
    recurring duty shows one line per period (ID/2018). An --owner or
    --addressee that names nothing is a usage error (exit 2), so a gate
    never passes on a typo.

    \b
    Examples:
      govdocs obligations --as-of 2018-01-01
      govdocs obligations --addressee elinkeinojaosto --status overdue
      govdocs obligations --format csv > obligations.csv
      govdocs obligations --fail-on overdue     # exit 1 in CI when late
    """
    from govdocs.derive.obligations import Filter, Status, failing, list_obligations
    from govdocs.export.followup_tables import OBLIGATION_FORMATS

    records = open_repository(repo or Path("."), query=True)
    require_clean(records)
    check_id(owner, records.organisations, "organisation")
    check_id(addressee, records.makers, "decision maker")
    day = as_of or date.today()
    wanted = Filter(owner, addressee, tuple(Status(s) for s in statuses), due_before)
    found = list_obligations(records, day, wanted)
    click.echo(OBLIGATION_FORMATS[fmt](found, day))
    raise SystemExit(1 if failing(found, Status(fail_on) if fail_on else None) else 0)

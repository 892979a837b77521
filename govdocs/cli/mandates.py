"""govdocs mandates"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from govdocs.cli.common import AS_OF, PATH_ARG, open_repository, require_clean


@click.command()
@PATH_ARG
@click.option("--active", is_flag=True, help="Only groups still working (active or with a task ended).")
@AS_OF
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json"]),
    default="table",
    show_default=True,
    help="Output format.",
)
def mandates(path: Path, active: bool, as_of: date | None, fmt: str) -> None:
    """Working groups with their derived state (not-started, active,
    task-ended, term-expired, ended), tasks, members, term and reporting
    duties, overdue reports marked.

    \b
    Examples:
      govdocs mandates --as-of 2018-01-01
      govdocs mandates --active --format json
    """
    from govdocs.derive.mandates import mandate_status, select_mandates
    from govdocs.export.followup_tables import MANDATE_FORMATS

    repo = open_repository(path)
    require_clean(repo)
    day = as_of or date.today()
    found = select_mandates(mandate_status(repo, day), active=active)
    click.echo(MANDATE_FORMATS[fmt](found, day))

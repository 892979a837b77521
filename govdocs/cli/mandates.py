"""govdocs mandates"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from govdocs.cli.common import (
    AS_OF,
    answer_format,
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
@click.option("--active", is_flag=True, help="Only groups still working (active or with a task ended).")
@AS_OF
@answer_format(("table", "json"))
def mandates(repo: Path | None, active: bool, as_of: date | None, fmt: str) -> None:
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

    records = open_repository(repo or Path("."), query=True)
    require_clean(records)
    day = as_of or date.today()
    found = select_mandates(mandate_status(records, day), active=active)
    click.echo(MANDATE_FORMATS[fmt](found, day))

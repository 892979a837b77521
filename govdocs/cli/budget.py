"""govdocs budget"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from govdocs.cli.common import (
    AS_OF,
    FORMATS,
    legacy_folder_argument,
    municipality_option,
    open_repository,
    repo_option,
    require_clean,
)


@click.command()
@click.argument("year", type=click.IntRange(1900, 2200))
@legacy_folder_argument
@repo_option
@municipality_option
@AS_OF
@click.option("--format", "fmt", type=FORMATS, default="table", show_default=True, help="Output format.")
def budget(year: int, repo: Path | None, as_of: date | None, fmt: str) -> None:
    """The budget-incorporation checklist for budget year YEAR: every
    obligation to take something into the budget and every appropriation
    moving between organisations in YEAR, grouped by organisation, each
    with its source decision, quote and status.

    \b
    Examples:
      govdocs budget 2017
      govdocs budget 2017 --as-of 2016-12-31 --format json
    """
    from govdocs.derive.budget import budget_checklist
    from govdocs.export.followup_tables import BUDGET_FORMATS

    records = open_repository(repo or Path("."), query=True)
    require_clean(records)
    checklist = budget_checklist(records, year, as_of or date.today())
    names = {org.id: org.name.fi for org in records.registry.organisations}
    click.echo(BUDGET_FORMATS[fmt](checklist, names))

"""govdocs budget"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from govdocs.cli.common import AS_OF, FORMATS, PATH_ARG, open_repository, require_clean


@click.command()
@click.argument("year", type=click.IntRange(1900, 2200))
@PATH_ARG
@AS_OF
@click.option("--format", "fmt", type=FORMATS, default="table", show_default=True, help="Output format.")
def budget(year: int, path: Path, as_of: date | None, fmt: str) -> None:
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

    repo = open_repository(path)
    require_clean(repo)
    checklist = budget_checklist(repo, year, as_of or date.today())
    names = {org.id: org.name.fi for org in repo.registry.organisations}
    click.echo(BUDGET_FORMATS[fmt](checklist, names))

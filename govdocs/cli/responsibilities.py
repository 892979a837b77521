"""govdocs responsibilities"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from govdocs.cli.common import DATE, PATH_ARG, open_repository, require_clean


@click.command()
@PATH_ARG
@click.option("--at", "day", type=DATE, default=None, help="Who holds what on this day (default: today).")
@click.option("--org", help="Only what this organisation holds.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "csv"]),
    default="table",
    show_default=True,
    help="Output format.",
)
def responsibilities(path: Path, day: date | None, org: str | None, fmt: str) -> None:
    """Who holds each function, service and appropriation on a day, each
    with the decision (or registry entry) that gave it and the sentence
    that says so. Dates marked * are assumed by the record, not stated in
    the source.

    \b
    Examples:
      govdocs responsibilities --at 2017-02-01
      govdocs responsibilities --at 1.6.2017 --org sosiaali-ja-terveystoimiala
      govdocs responsibilities --at 2017-06-01 --format csv > holders.csv
    """
    from govdocs.derive.responsibilities import holders_at
    from govdocs.export.responsibility_tables import HOLDING_FORMATS
    from govdocs.problems import did_you_mean

    repo = open_repository(path)
    require_clean(repo)
    if org is not None and org not in repo.organisations:
        raise click.UsageError(f"no organisation '{org}'{did_you_mean(org, repo.organisations)}")
    day = day or date.today()
    click.echo(HOLDING_FORMATS[fmt](repo, day, holders_at(repo, day, org)))

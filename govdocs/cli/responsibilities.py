"""govdocs responsibilities"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from govdocs.cli import complete
from govdocs.cli.common import (
    AS_OF,
    TABLE_FORMATS,
    answer_format,
    check_id,
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
@AS_OF
@click.option("--org", help="Only what this organisation holds.", shell_complete=complete.organisations)
@answer_format(TABLE_FORMATS)
def responsibilities(repo: Path | None, as_of: date | None, org: str | None, fmt: str) -> None:
    """Who holds each function, service and appropriation on a day, each
    with the decision (or registry entry) that gave it and the sentence
    that says so; then the delegations in force that day (holders,
    conditions, limits, validity, each cited; not in csv). Dates marked *
    are assumed by the record, not stated in the source.

    \b
    Examples:
      govdocs responsibilities --as-of 2017-02-01
      govdocs responsibilities --as-of 1.6.2017 --org sosiaali-ja-terveystoimiala
      govdocs responsibilities --as-of 2017-06-01 --format csv > holders.csv
      govdocs responsibilities --as-of 2022-06-01 --org tilaomaisuusyksikko
    """
    from govdocs.derive.authority import in_force
    from govdocs.derive.responsibilities import holders_at
    from govdocs.export.responsibility_tables import HOLDING_FORMATS

    records = open_repository(repo or Path("."), query=True)
    require_clean(records)
    check_id(org, records.organisations, "organisation")
    day = as_of or date.today()
    holdings, delegations = holders_at(records, day, org), in_force(records, day, org)
    click.echo(HOLDING_FORMATS[fmt](records, day, holdings, delegations))

"""govdocs authority"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import click

from govdocs.cli import complete
from govdocs.cli.common import (
    AMOUNT,
    AS_OF,
    answer_format,
    check_id,
    municipality_option,
    open_repository,
    repo_option,
    require_clean,
)


@click.command()
@click.argument("right", metavar="[FUNCTION]", required=False, shell_complete=complete.functions)
@repo_option
@municipality_option
@AS_OF
@click.option("--amount", type=AMOUNT, default=None, help="Only holders whose limit allows this sum (euros).")
@answer_format()
def authority(
    right: str | None, repo: Path | None, as_of: date | None, amount: Decimal | None, fmt: str
) -> None:
    """Who may decide FUNCTION (all delegated rights when left out) on a
    day by a delegation in force: the holders, on whose decision, under
    whose responsibility, on which conditions and duties, within which
    limit and validity, each quoted and cited with file:line:col. A
    delegation is gone the day after its validity ends. With --amount,
    holders whose stated limit is lower are left out; a limit the text
    does not state is said so.

    \b
    Examples:
      govdocs authority hankinnat --as-of 2022-06-01
      govdocs authority hankinnat --amount 50000 --as-of 1.6.2022 --format json
    """
    from govdocs.derive.authority import authority as grants_of
    from govdocs.export.authority_tables import authority_json, authority_text

    records = open_repository(repo or Path("."), query=True)
    require_clean(records)
    check_id(right, records.functions, "function")
    day = as_of or date.today()
    grants = grants_of(records, day, right, amount)
    write = authority_json if fmt == "json" else authority_text
    click.echo(write(records, day, right, amount, grants))

"""govdocs diff"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from govdocs.cli.common import DATE, answer_format, repo_option


@click.command()
@click.argument("first", type=DATE)
@click.argument("second", type=DATE)
@repo_option
@answer_format()
def diff(first: date, second: date, repo: Path | None, fmt: str) -> None:
    """What changed hands between two days: each function or part whose
    holder differs, with the steps in between and the decisions behind
    them (successions of the registry included).

    \b
    Examples:
      govdocs diff 2016-01-01 2017-12-31
      govdocs diff 31.12.2016 1.6.2017 --format json
    """
    from govdocs.cli.common import echo_json, open_repository, require_clean
    from govdocs.derive.responsibilities import diff as changes
    from govdocs.export.responsibility_tables import diff_text

    records = open_repository(repo or Path("."), query=True)
    require_clean(records)
    first, second = min(first, second), max(first, second)
    found = changes(records, first, second)
    if fmt == "json":
        echo_json({"from": first, "to": second, "changes": found})
    else:
        click.echo(diff_text(records, first, second, found))

"""govdocs diff"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from govdocs.cli.common import DATE, REPO_OPTION


@click.command()
@click.argument("first", type=DATE)
@click.argument("second", type=DATE)
@REPO_OPTION
def diff(first: date, second: date, path: Path) -> None:
    """What changed hands between two days: each function or part whose
    holder differs, with the steps in between and the decisions behind
    them (successions of the registry included).

    \b
    Examples:
      govdocs diff 2016-01-01 2017-12-31
      govdocs diff 31.12.2016 1.6.2017
    """
    from govdocs.cli.common import open_repository, require_clean
    from govdocs.derive.responsibilities import diff as changes
    from govdocs.export.responsibility_tables import diff_text

    repo = open_repository(path)
    require_clean(repo)
    first, second = min(first, second), max(first, second)
    click.echo(diff_text(repo, first, second, changes(repo, first, second)))

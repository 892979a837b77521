"""govdocs show"""

from __future__ import annotations

from pathlib import Path

import click

from govdocs.cli.common import REPO_OPTION, open_repository, require_clean


@click.command()
@click.argument("record_id")
@REPO_OPTION
def show(record_id: str, path: Path) -> None:
    """Show one record (a decision, transfer, obligation, mandate, ...)
    with its quotes, and every record that refers to it.

    \b
    Examples:
      govdocs show kj-2016-59
      govdocs show kj-2016-59.typ
    """
    from govdocs.describe import describe
    from govdocs.problems import did_you_mean

    repo = open_repository(path)
    require_clean(repo)
    if record_id not in repo.records:
        raise click.UsageError(f"no record '{record_id}'{did_you_mean(record_id, repo.records)}")
    click.echo(describe(repo, record_id))

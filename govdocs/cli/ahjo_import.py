"""govdocs import"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from govdocs.cli import complete
from govdocs.cli.common import DATE, municipality_option, open_repository, records_root, repo_option


@click.command("import")
@click.argument("source", metavar="FILE.json", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "-o",
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write the draft here ('-': print it) [default: decisions/<year>/<id>.yaml].",
)
@click.option("--id", "rid", default=None, help="The record's id [default: from maker, year and §].")
@click.option(
    "--maker",
    default=None,
    help="Decision maker id [default: the registry's of Ahjo's name].",
    shell_complete=complete.makers,
)
@click.option(
    "--date", "day", type=DATE, default=None, help="The day, where Ahjo gives none (office holders)."
)
@click.option("--force", is_flag=True, help="Replace the file if it exists.")
@municipality_option
@repo_option
def ahjo_import(
    source: Path,
    out: Path | None,
    rid: str | None,
    maker: str | None,
    day: date | None,
    force: bool,
    repo: Path | None,
) -> None:
    """Start a draft record from a published Ahjo decision: Helsinki's
    Ahjo API record as JSON, with the decision's HTML in Content. The text
    sections, metadata, presenter, contacts, attachments, votes, earlier
    handlings, appeal route and distribution are filled; the facts (items,
    motions) and the signer are left for you to mark ('TÄYTÄ').

    Refuses (exit 1) a file that is not such a record, HTML it cannot
    place, or a file that exists (unless --force); an unknown decision
    maker is exit 2, naming what to add to the registry. Nothing is
    written unless the whole draft is a valid record.

    \b
    Examples:
      govdocs import kaupungielainlaakari-2022-1.json --date 2022-01-03
      govdocs import 659.json --out - > draft.yaml
    """
    from govdocs.drafting.ahjo_import import import_decision

    records = open_repository(records_root(repo))
    stdout = out is not None and str(out) == "-"
    made = import_decision(
        records,
        source,
        out=None if stdout else out,
        rid=rid,
        maker=maker,
        day=day,
        force=force,
        stdout=stdout,
    )
    if made.path is None:
        click.echo(made.text, nl=False)
    else:
        click.echo(f"{made.path}: {made.id} (draft; mark its facts, then govdocs check {made.id})")

"""govdocs export"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from govdocs.cli.common import AS_OF, municipality_option, open_repository, repo_option, require_clean
from govdocs.publish.export import DEFAULT_BASE_URL, FORMATS


@click.command()
@repo_option
@municipality_option
@click.option("--format", "fmt", required=True, type=click.Choice(list(FORMATS)), help="Open-data format.")
@click.option(
    "--out", required=True, type=click.Path(file_okay=False, path_type=Path), help="The folder to write."
)
@AS_OF
@click.option(
    "--base-url",
    default=DEFAULT_BASE_URL,
    show_default=True,
    metavar="URL",
    help="Prefix of the ids of linked objects (oparl), e.g. https://example.org/oparl/.",
)
def export(repo: Path | None, fmt: str, out: Path, as_of: date | None, base_url: str) -> None:
    """Write the public decisions as open data: only what the web copy
    shows on --as-of (a secret decision as its mention, personal data
    masked as the site masks it that day). Refuses, writing nothing, when
    the records have errors. The same records and options give the same bytes.

    \b
    Examples:
      govdocs export --format ahjo --out open-data/ahjo
      govdocs export --format oparl --out open-data/oparl --base-url https://example.org/oparl/
      govdocs export --format popolo --out open-data/popolo --as-of 2022-06-01
    """
    from govdocs.publish.export import ExportOptions
    from govdocs.publish.export import export as write_export

    records = open_repository(repo or Path("."))
    require_clean(records)
    options = ExportOptions(as_of=as_of or date.today(), base_url=base_url)
    count = write_export(records, fmt, out, options)
    click.echo(f"wrote {count} {fmt} file(s) into {out}")

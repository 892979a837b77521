"""govdocs report: reports for people to read. A plain click group, so
other reports (the responsibility audit) add their own subcommand here."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from govdocs.cli.common import PATH_ARG, open_repository, require_clean
from govdocs.cli.obligations import AS_OF


@click.group()
def report() -> None:
    """Reports for people to read, rendered like decisions (HTML, PDF).

    \b
    Examples:
      govdocs report followup --out build/seuranta
    """


@report.command()
@PATH_ARG
@click.option(
    "--out", required=True, type=click.Path(file_okay=False, path_type=Path), help="Folder to write into."
)
@AS_OF
@click.option(
    "--format",
    "formats",
    multiple=True,
    type=click.Choice(["html", "pdf", "docx", "txt"]),
    help="Formats to write (repeatable; default: html and pdf).",
)
def followup(path: Path, out: Path, as_of: date | None, formats: tuple[str, ...]) -> None:
    """The follow-up report: obligations with their status, working
    groups with their terms, and a timeline picture (SVG) with overdue
    items marked, as of a day.

    \b
    Examples:
      govdocs report followup --out build/seuranta
      govdocs report followup --out build/2018 --as-of 2018-01-01 --format txt
    """
    from govdocs.reports.followup import DEFAULT_FORMATS, write_followup_report

    repo = open_repository(path)
    require_clean(repo)
    for written in write_followup_report(repo, out, as_of or date.today(), formats or DEFAULT_FORMATS):
        click.echo(f"wrote {written}")

"""govdocs report: reports for people to read. A plain click group, so
other reports (the responsibility audit) add their own subcommand here."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from govdocs.cli.common import AS_OF, DATE, PATH_ARG, REPO_OPTION, open_repository, require_clean


@click.group()
def report() -> None:
    """Reports for people to read, rendered like decisions (HTML, PDF).

    \b
    Examples:
      govdocs report followup --out build/seuranta
      govdocs report audit sosiaali-ja-terveysvirasto --out build/audit
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
      govdocs report audit sosiaali-ja-terveysvirasto --out build/audit
      govdocs report followup --out build/2018 --as-of 2018-01-01 --format txt
    """
    from govdocs.reports.followup import DEFAULT_FORMATS, write_followup_report

    repo = open_repository(path)
    require_clean(repo)
    for written in write_followup_report(repo, out, as_of or date.today(), formats or DEFAULT_FORMATS):
        click.echo(f"wrote {written}")


@report.command()
@click.argument("subject")
@click.option(
    "--out", required=True, type=click.Path(file_okay=False, path_type=Path), help="Folder to write into."
)
@click.option("--from", "start", type=DATE, default=None, help="First day (default: the records' start).")
@click.option("--to", "end", type=DATE, default=None, help="Last day (default: no end).")
@click.option(
    "--format",
    "formats",
    multiple=True,
    type=click.Choice(["html", "pdf", "docx", "txt"]),
    help="Formats to write (repeatable; default: html, pdf and docx).",
)
@click.option(
    "--decisions-href",
    default="",
    help="Where rendered decisions are, relative to the report (default: beside it).",
)
@REPO_OPTION
def audit(
    subject: str,
    out: Path,
    start: date | None,
    end: date | None,
    formats: tuple[str, ...],
    decisions_href: str,
    path: Path,
) -> None:
    """The responsibility audit of an ORG (or a FUNCTION) as a document:
    a timeline picture of who held what, what it held at the start and
    end, and each step with its decision, effective date, scope, quoted
    sentence and a link to the rendered decision (<id>.html, <id>.pdf).

    \b
    Examples:
      govdocs report audit sosiaali-ja-terveysvirasto --from 2016-01-01 --to 2017-12-31 --out build/audit
      govdocs report audit helsingin-typ --out build/audit --format pdf --decisions-href ../decisions/
    """
    from govdocs.problems import did_you_mean
    from govdocs.reports.audit import DEFAULT_FORMATS, write_audit_report

    repo = open_repository(path)
    require_clean(repo)
    if subject not in repo.functions and subject not in repo.organisations:
        pool = [*repo.functions, *repo.organisations]
        raise click.UsageError(f"no function or organisation '{subject}'{did_you_mean(subject, pool)}")
    written = write_audit_report(
        repo, subject, out, start, end, formats or DEFAULT_FORMATS, decisions_href=decisions_href
    )
    for path_written in written:
        click.echo(f"wrote {path_written}")

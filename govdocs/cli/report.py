"""govdocs report: reports for people to read. A plain click group, so
other reports (the responsibility audit) add their own subcommand here."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from govdocs.cli import complete
from govdocs.cli.common import (
    AS_OF,
    DATE,
    LANG,
    format_list_option,
    joined,
    legacy_folder_argument,
    municipality_option,
    open_repository,
    repo_option,
    require_clean,
)
from govdocs.document.kinds import KINDS

OUT = click.option(
    "--out", required=True, type=click.Path(file_okay=False, path_type=Path), help="Folder to write into."
)


@click.group()
def report() -> None:
    """Reports for people to read, rendered like decisions (HTML, PDF).

    \b
    Examples:
      govdocs report followup --out build/seuranta
      govdocs report audit sosiaali-ja-terveysvirasto --out build/audit
    """


@report.command()
@legacy_folder_argument
@repo_option
@municipality_option
@OUT
@AS_OF
@format_list_option(KINDS["followup"].formats, "Formats to write")
@click.option("--public", is_flag=True, help="The web copy: secrets as mentions, personal data as *****.")
@LANG
def followup(
    repo: Path | None, out: Path, as_of: date | None, formats: tuple[tuple[str, ...], ...], public: bool,
    lang: str | None,
) -> None:
    """The follow-up report: obligations with their status, working
    groups with their terms, and a timeline picture (SVG) with overdue
    items marked, as of a day.

    \b
    Examples:
      govdocs report followup --out build/seuranta
      govdocs report followup --out build/2018 --as-of 1.1.2018 --format txt,html
    """
    from govdocs.reports.followup import DEFAULT_FORMATS, write_followup_report

    records = open_repository(repo or Path("."))
    require_clean(records)
    wanted = joined(formats, DEFAULT_FORMATS)
    day = as_of or date.today()
    for written in write_followup_report(records, out, day, wanted, public=public, lang=lang):
        click.echo(f"wrote {written}")


@report.command()
@click.argument("subject", metavar="ORG|FUNCTION", shell_complete=complete.subjects)
@OUT
@click.option("--from", "start", type=DATE, default=None, help="First day [default: the records' start].")
@click.option("--to", "end", type=DATE, default=None, help="Last day [default: no end].")
@format_list_option(KINDS["audit"].formats, "Formats to write")
@click.option(
    "--decisions-href",
    default="",
    help="Where rendered decisions are, relative to the report [default: beside it].",
)
@click.option("--public", is_flag=True, help="The web copy: secrets as mentions, personal data as *****.")
@LANG
@repo_option
def audit(
    subject: str,
    out: Path,
    start: date | None,
    end: date | None,
    formats: tuple[tuple[str, ...], ...],
    decisions_href: str,
    public: bool,
    lang: str | None,
    repo: Path | None,
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
    from govdocs.cli.common import check_id
    from govdocs.reports.audit import DEFAULT_FORMATS, write_audit_report

    records = open_repository(repo or Path("."))
    require_clean(records)
    check_id(subject, [*records.functions, *records.organisations], "function or organisation")
    written = write_audit_report(
        records, subject, out, start, end, joined(formats, DEFAULT_FORMATS), decisions_href=decisions_href,
        public=public, lang=lang,
    )
    for path_written in written:
        click.echo(f"wrote {path_written}")

"""govdocs audit"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from govdocs.cli import complete
from govdocs.cli.common import DATE, answer_format, repo_option


@click.command()
@click.argument("subject", metavar="FUNCTION|ORG", shell_complete=complete.subjects)
@click.option("--from", "start", type=DATE, default=None, help="First day [default: the records' start].")
@click.option("--to", "end", type=DATE, default=None, help="Last day [default: no end].")
@repo_option
@answer_format()
def audit(subject: str, start: date | None, end: date | None, repo: Path | None, fmt: str) -> None:
    """The history of a FUNCTION (who held it, from when, on whose
    decision) or of an ORG (what it gained, gave away, kept and handed to
    its successor), oldest first. Each step cites the decision (decision
    maker, date, §) with file:line:col, its scope, its effective date
    (marked * when assumed, with the reason) and the quoted sentence.
    Contradictions involving the subject are listed at the end; the exit
    code is then 1. Other errors in the records stop the audit (exit 1).

    \b
    Examples:
      govdocs audit sosiaali-ja-terveysvirasto --from 2016-01-01 --to 2017-12-31
      govdocs audit helsingin-typ --format json
    """
    from govdocs.checks.consistency import CODES
    from govdocs.cli.common import check_id, echo_json, open_repository
    from govdocs.derive.responsibilities import history
    from govdocs.export.responsibility_tables import audit_text
    from govdocs.problems import RecordsInvalid

    records = open_repository(repo or Path("."))
    if any(p.code not in CODES for p in records.errors):
        raise RecordsInvalid([p for p in records.problems if p.code not in CODES])
    check_id(subject, [*records.functions, *records.organisations], "function or organisation")
    found = history(records, subject, start, end)
    if fmt == "json":
        echo_json(found)
    else:
        click.echo(audit_text(records, found))
    raise SystemExit(1 if found.issues else 0)

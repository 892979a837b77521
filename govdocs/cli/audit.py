"""govdocs audit"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from govdocs.cli.common import DATE, REPO_OPTION


@click.command()
@click.argument("subject")
@click.option("--from", "start", type=DATE, default=None, help="First day (default: the records' start).")
@click.option("--to", "end", type=DATE, default=None, help="Last day (default: no end).")
@REPO_OPTION
def audit(subject: str, start: date | None, end: date | None, path: Path) -> None:
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
      govdocs audit helsingin-typ
    """
    from govdocs.checks.consistency import CODES
    from govdocs.cli.common import echo_problems, open_repository, summary
    from govdocs.derive.responsibilities import history
    from govdocs.export.responsibility_tables import audit_text
    from govdocs.problems import did_you_mean

    repo = open_repository(path)
    blocking = [p for p in repo.errors if p.code not in CODES]
    if blocking:
        echo_problems(blocking)
        click.echo(summary(repo.problems, len(repo.files)), err=True)
        raise SystemExit(1)
    if subject not in repo.functions and subject not in repo.organisations:
        pool = [*repo.functions, *repo.organisations]
        raise click.UsageError(f"no function or organisation '{subject}'{did_you_mean(subject, pool)}")
    found = history(repo, subject, start, end)
    click.echo(audit_text(repo, found))
    raise SystemExit(1 if found.issues else 0)

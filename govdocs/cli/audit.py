"""govdocs audit"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from govdocs.cli import complete
from govdocs.cli.common import DATE, answer_format, municipality_option, repo_option


@click.command()
@click.argument("subject", metavar="FUNCTION|ORG", shell_complete=complete.subjects)
@click.option("--from", "start", type=DATE, default=None, help="First day [default: the records' start].")
@click.option("--to", "end", type=DATE, default=None, help="Last day [default: no end].")
@repo_option
@municipality_option
@answer_format()
def audit(subject: str, start: date | None, end: date | None, repo: Path | None, fmt: str) -> None:
    """The history of a FUNCTION (who held it, from when, on whose
    decision) or of an ORG (what it gained, gave away, kept and handed to
    its successor), oldest first, and the delegations of it in the span
    (holders, conditions, limits, validity). Each step cites the decision (decision
    maker, date, §) with file:line:col, its scope, its effective date
    (marked * when assumed, with the reason) and the quoted sentence.
    Contradictions involving the subject are listed at the end; the exit
    code is then 1. Other errors in the records stop the audit (exit 1).

    \b
    Examples:
      govdocs audit sosiaali-ja-terveysvirasto --from 2016-01-01 --to 2017-12-31
      govdocs audit helsingin-typ --format json
      govdocs audit hankinnat --from 2022-01-01
    """
    from govdocs.checks.consistency import CODES
    from govdocs.cli.common import check_id, echo_json, jsonable, open_repository
    from govdocs.derive.authority import of_subject
    from govdocs.derive.responsibilities import history
    from govdocs.export.authority_tables import delegation_record, delegations_lines
    from govdocs.export.responsibility_tables import audit_text
    from govdocs.problems import RecordsInvalid

    records = open_repository(repo or Path("."), query=True)
    if any(p.code not in CODES for p in records.errors):
        raise RecordsInvalid([p for p in records.problems if p.code not in CODES])
    check_id(subject, [*records.functions, *records.organisations], "function or organisation")
    found = history(records, subject, start, end)
    delegations = of_subject(records, subject, start, end)
    if fmt == "json":
        echo_json({**jsonable(found), "delegations": [delegation_record(records, d) for d in delegations]})
    else:
        tail = ["", *delegations_lines(records, delegations)] if delegations else []
        click.echo("\n".join([audit_text(records, found), *tail]))
    raise SystemExit(1 if found.issues else 0)

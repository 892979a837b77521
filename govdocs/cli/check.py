"""govdocs check"""

from __future__ import annotations

from pathlib import Path

import click

from govdocs.cli import complete
from govdocs.cli.common import answer_format, decision_id, echo_json, records_root, repo_option


@click.command()
@click.argument("target", metavar="ID|PATH", shell_complete=complete.decisions)
@repo_option
@answer_format()
def check(target: str, repo: Path | None, fmt: str) -> None:
    """Check everything that must be true before a decision (its id or its
    file) is signed.

    Validation; Hallintolaki 44 § completeness (as errors); the § not
    taken; nothing left to write (TÄYTÄ); the appeal route fits the maker
    and the kind; generated and written text agree with the data; a
    signer is named; the public copy has no unmarked henkilötunnus,
    personal e-mail address or phone number.
    Exits 0 when ready to sign, 1 when not, 2 for an unknown id.

    \b
    Examples:
      govdocs check kp-2021-6
      govdocs check decisions/2021/kp-2021-6.yaml
      govdocs check kh-2021-898 -C records/ --format json
    """
    from govdocs.cli.common import echo_problems
    from govdocs.drafting.check import check as run

    wanted = decision_id(target)
    report = run(records_root(repo, [target]), wanted)
    errors = len(report.errors)
    if fmt == "json":
        echo_json(
            {
                "decision": wanted,
                "ready": report.ok,
                "errors": errors,
                "warnings": len(report.problems) - errors,
                "problems": [p.as_dict() for p in report.problems],
            }
        )
    else:
        echo_problems(report.problems)
        verdict = "ready to sign" if report.ok else "not ready to sign"
        click.echo(f"{wanted}: {verdict}: {errors} error(s), {len(report.problems) - errors} warning(s)")
    raise SystemExit(0 if report.ok else 1)

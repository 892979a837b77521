"""govdocs check"""

from __future__ import annotations

from pathlib import Path

import click

from govdocs.cli.common import REPO_OPTION


@click.command()
@click.argument("decision_id")
@REPO_OPTION
def check(decision_id: str, path: Path) -> None:
    """Check everything that must be true before DECISION_ID is signed.

    Validation; Hallintolaki 44 § completeness (as errors); the § not
    taken; nothing left to write (TÄYTÄ); the appeal route fits the maker
    and the kind; generated and written text agree with the data; the
    public copy has no unmarked henkilötunnus or private e-mail address.
    Exits 0 when ready to sign, 1 when not, 2 for an unknown id.

    \b
    Examples:
      govdocs check kp-2021-6
      govdocs check kh-2021-898 --path records/
    """
    from govdocs.cli.common import echo_problems
    from govdocs.drafting.check import check as run
    from govdocs.drafting.newdoc import DraftingError

    try:
        report = run(path, decision_id)
    except DraftingError as exc:
        raise click.UsageError(str(exc)) from None
    echo_problems(report.problems)
    errors = len(report.errors)
    verdict = "ready to sign" if report.ok else "not ready to sign"
    click.echo(f"{decision_id}: {verdict}: {errors} error(s), {len(report.problems) - errors} warning(s)")
    raise SystemExit(0 if report.ok else 1)

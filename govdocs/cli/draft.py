"""govdocs draft regenerate"""

from __future__ import annotations

from pathlib import Path

import click

from govdocs.cli.common import REPO_OPTION


@click.group()
def draft() -> None:
    """Work on a decision being drafted.

    \b
    Examples:
      govdocs draft regenerate kp-2021-6
    """


@draft.command()
@click.argument("decision_id")
@REPO_OPTION
def regenerate(decision_id: str, path: Path) -> None:
    """Rewrite the sections marked 'generated' from the structured data.

    The rest of the file stays as written. Exits 1 when a section cannot be
    generated (e.g. an inflected form is missing), 2 for an unknown id.

    \b
    Examples:
      govdocs draft regenerate kp-2021-6
    """
    from govdocs.cli.common import echo_problems
    from govdocs.drafting.newdoc import DraftingError
    from govdocs.drafting.regenerate import regenerate as run

    try:
        result = run(path, decision_id)
    except DraftingError as exc:
        raise click.UsageError(str(exc)) from None
    echo_problems(result.problems)
    done = ", ".join(str(i + 1) for i in result.changed) or "none"
    click.echo(f"{result.path}: sections rewritten: {done}")
    raise SystemExit(1 if result.problems else 0)

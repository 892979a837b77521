"""govdocs draft regenerate"""

from __future__ import annotations

from pathlib import Path

import click


@click.group()
def draft() -> None:
    """Work on a decision being drafted.

    \b
    Examples:
      govdocs draft regenerate kp-2021-6
    """


@draft.command()
@click.argument("decision_id")
@click.option(
    "--path",
    "root",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=Path("."),
    show_default=True,
    help="The records repository.",
)
def regenerate(decision_id: str, root: Path) -> None:
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
        result = run(root, decision_id)
    except DraftingError as exc:
        raise click.UsageError(str(exc)) from None
    echo_problems(result.problems)
    done = ", ".join(str(i + 1) for i in result.changed) or "none"
    click.echo(f"{result.path}: sections rewritten: {done}")
    raise SystemExit(1 if result.problems else 0)

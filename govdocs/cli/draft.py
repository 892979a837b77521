"""govdocs draft regenerate"""

from __future__ import annotations

from pathlib import Path

import click

from govdocs.cli import complete
from govdocs.cli.common import decision_id, records_root, repo_option


@click.group()
def draft() -> None:
    """Work on a decision being drafted.

    \b
    Examples:
      govdocs draft regenerate kp-2021-6
    """


@draft.command()
@click.argument("target", metavar="ID|PATH", shell_complete=complete.decisions)
@repo_option
def regenerate(target: str, repo: Path | None) -> None:
    """Rewrite the sections marked 'generated' of a decision (its id or
    its file) from the structured data.

    The rest of the file stays as written. Exits 1 when a section cannot be
    generated (e.g. an inflected form is missing), 2 for an unknown id.

    \b
    Examples:
      govdocs draft regenerate kp-2021-6
      govdocs draft regenerate decisions/2021/kp-2021-6.yaml
    """
    from govdocs.cli.common import echo_problems
    from govdocs.drafting.regenerate import regenerate as run

    result = run(records_root(repo, [target]), decision_id(target))
    echo_problems(result.problems)
    done = ", ".join(str(i + 1) for i in result.changed) or "none"
    swedish = ", ".join(str(i + 1) for i in result.changed_sv)
    click.echo(f"{result.path}: sections rewritten: {done}" + (f"; Swedish: {swedish}" if swedish else ""))
    raise SystemExit(1 if result.problems else 0)

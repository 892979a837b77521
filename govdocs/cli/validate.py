"""govdocs validate"""

from __future__ import annotations

import json
from pathlib import Path

import click

from govdocs.cli.common import PATH_ARG, echo_problems, open_repository, summary


@click.command()
@PATH_ARG
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Output for people or for machines.",
)
@click.option(
    "--junit",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also write the problems as JUnit XML (for CI).",
)
def validate(path: Path, strict: bool, fmt: str, junit: Path | None) -> None:
    """Check the records under PATH (default: the current repository).

    Reports every problem as FILE:LINE:COLUMN: severity: message. Exits 0
    when there are no errors (warnings are printed), 1 when there are
    errors, 2 for usage errors.

    \b
    Examples:
      govdocs validate
      govdocs validate decisions/2016/kj-2016-59.yaml
      govdocs validate --strict --format json decisions/
      govdocs validate --junit validation.xml
    """
    repo = open_repository(path, strict=strict)
    if junit is not None:
        from govdocs.build.junit import write_junit

        write_junit(junit, repo)
    if fmt == "json":
        payload = {
            "ok": not repo.errors,
            "files": repo.files_read,
            "errors": len(repo.errors),
            "warnings": len(repo.problems) - len(repo.errors),
            "problems": [p.as_dict() for p in repo.problems],
        }
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        echo_problems(repo.problems)
        click.echo(summary(repo.problems, repo.files_read))
    raise SystemExit(1 if repo.errors else 0)

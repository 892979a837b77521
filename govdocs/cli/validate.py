"""govdocs validate"""

from __future__ import annotations

from pathlib import Path

import click

from govdocs.api import Checked, known_problems
from govdocs.cli import complete
from govdocs.cli.common import (
    answer_format,
    chosen_municipality,
    echo_json,
    echo_problems,
    municipality_option,
    open_repository,
    record_path,
    records_root,
    repo_option,
    summary,
)
from govdocs.repository import Repository


@click.command()
@click.argument("target", required=False, metavar="[ID|PATH]", shell_complete=complete.decisions)
@repo_option
@municipality_option
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.option("--draft", is_flag=True, help="With --strict: placeholders (TÄYTÄ) stay warnings.")
@answer_format()
@click.option(
    "--junit",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also write the problems as JUnit XML (for CI).",
)
def validate(
    target: str | None, repo: Path | None, strict: bool, draft: bool, fmt: str, junit: Path | None
) -> None:
    """Check the records: all of them, or only decision ID, a record file
    or a folder of records.

    Reports every problem as FILE:LINE:COLUMN: severity: message. Exits 0
    when there are no errors (warnings are printed), 1 when there are
    errors, 2 for usage errors.

    \b
    Examples:
      govdocs validate
      govdocs validate kj-2016-59
      govdocs validate decisions/2016/kj-2016-59.yaml
      govdocs validate --strict --format json -C records/
      govdocs validate --junit validation.xml
    """
    root = records_root(repo, [target] if target else [])
    where = record_path(root, target) if target else root
    # nothing changed since the index recorded it: the answer without reading a record
    known = None if junit or chosen_municipality() else known_problems(where, strict=strict, draft=draft)
    found: Checked | Repository = known or open_repository(where, strict=strict, draft=draft)
    if junit is not None and isinstance(found, Repository):
        from govdocs.build.junit import write_junit

        write_junit(junit, found)
    if fmt == "json":
        echo_json(
            {
                "ok": not found.errors,
                "files": found.files_read,
                "errors": len(found.errors),
                "warnings": len(found.problems) - len(found.errors),
                "problems": [p.as_dict() for p in found.problems],
            }
        )
    else:
        echo_problems(found.problems)
        click.echo(summary(found.problems, found.files_read))
    raise SystemExit(1 if found.errors else 0)

"""Helpers shared by commands: loading records with clean errors, and
printing problems."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from govdocs.problems import Problem
    from govdocs.repository import Repository

FORMATS = click.Choice(["table", "json", "csv"])
"""Output formats of the listing commands."""

REPO_OPTION = click.option(
    "--path",
    "path",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=Path("."),
    show_default=True,
    help="The records repository.",
)
"""For commands whose argument is an id: where the records are."""


class DateParam(click.ParamType):
    """A day written 2018-01-01 or 1.1.2018."""

    name = "DATE"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> date:
        from govdocs.model.common import parse_date

        try:
            return parse_date(value)
        except ValueError as exc:  # pydantic's error: "expected a date as YYYY-MM-DD ..."
            self.fail(str(exc), param, ctx)


DATE = DateParam()
AS_OF = click.option("--as-of", "as_of", type=DATE, default=None, help="Status on this day (default: today).")


PATH_ARG = click.argument("path", required=False, default=".", type=click.Path(exists=True, path_type=Path))


def open_repository(path: Path, *, strict: bool = False) -> Repository:
    """Read and check the records; a folder without registry.yaml is a
    usage error (exit 2)."""
    from govdocs.api import validate
    from govdocs.read.loader import NoRegistry

    try:
        return validate(path, strict=strict)
    except NoRegistry as exc:
        raise click.UsageError(f"{exc}; run govdocs inside a records repository") from None


def echo_problems(problems: list[Problem]) -> None:
    for problem in problems:
        click.echo(problem.format())


def summary(problems: list[Problem], files: int) -> str:
    errors = sum(p.is_error for p in problems)
    warnings = len(problems) - errors
    return f"{errors} error(s), {warnings} warning(s) in {files} record file(s)"


def require_clean(repo: Repository) -> None:
    """Stop with exit 1 and every error when the records are not valid."""
    if repo.errors:
        echo_problems(repo.errors)
        click.echo(summary(repo.problems, repo.files_read), err=True)
        raise SystemExit(1)

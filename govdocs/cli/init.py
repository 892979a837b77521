"""govdocs init"""

from __future__ import annotations

from pathlib import Path

import click


@click.command()
@click.argument("directory", default=".", type=click.Path(path_type=Path))
@click.option(
    "--source",
    metavar="URL",
    default=None,
    help="Git URL of govdocs for the CI workflow and the pre-commit hook "
    "(default: https://github.com/<org>/govdocs, to edit).",
)
def init(directory: Path, source: str | None) -> None:
    """Start a records repository in DIRECTORY (default: here).

    Writes registry.yaml (an example municipality that validates, to
    replace with yours), decisions/, the JSON Schemas in docs/ that the
    records' modelines name, VS Code settings, a .pre-commit-config.yaml
    with the govdocs hook and the CI workflow .github/workflows/govdocs.yml.
    Hook and workflow install this version of govdocs from --source. Exits 1,
    writing nothing, when any of these files exists already.

    \b
    Examples:
      govdocs init records
      govdocs init --source https://github.com/my-city/govdocs
    """
    from govdocs.drafting.init import SOURCE, check_source, init_repository

    try:
        url = check_source(source) if source is not None else SOURCE
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="'--source'") from None
    written = init_repository(directory, url)  # InitError: printed by the command line, exit 1
    for name in written:
        click.echo(f"wrote {directory / name}")
    click.echo("next: put your municipality into registry.yaml, then `govdocs new KIND --maker MAKER`")
    if source is None:
        click.echo(f"note: the workflow and the hook install govdocs from {SOURCE}; name the real URL there")

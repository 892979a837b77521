"""govdocs doctor"""

from __future__ import annotations

import click


@click.command()
def doctor() -> None:
    """Check that this machine can render documents: Voikko, the shipped
    fonts, WeasyPrint and HarfBuzz's subsetting library, python-docx; and
    the optional tools tests and benchmarks use (pdftotext, LibreOffice).

    Exits 1 when something rendering needs is missing.

    \b
    Examples:
      govdocs doctor
    """
    from govdocs.writers.environment import diagnose

    checks = diagnose()
    for check in checks:
        click.echo(check.format())
    missing = [check.name for check in checks if check.required and not check.ok]
    if missing:
        click.echo(f"missing: {', '.join(missing)}", err=True)
        raise SystemExit(1)
    click.echo("everything rendering needs is here")

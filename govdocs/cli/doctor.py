"""govdocs doctor"""

from __future__ import annotations

import click

from govdocs.cli.common import answer_format


@click.command()
@answer_format()
def doctor(fmt: str) -> None:
    """Check that this machine can render documents: Voikko, the shipped
    fonts, WeasyPrint and HarfBuzz's subsetting library, python-docx; and
    the optional tools tests and benchmarks use (pdftotext, LibreOffice).

    Exits 1 when something rendering needs is missing.

    \b
    Examples:
      govdocs doctor
      govdocs doctor --format json
    """
    from govdocs.cli.common import echo_json
    from govdocs.writers.environment import diagnose

    checks = diagnose()
    missing = [check.name for check in checks if check.required and not check.ok]
    if fmt == "json":
        echo_json({"ok": not missing, "missing": missing, "checks": checks})
    else:
        for check in checks:
            click.echo(check.format())
        if missing:
            click.echo(f"missing: {', '.join(missing)}", err=True)
        else:
            click.echo("everything rendering needs is here")
    raise SystemExit(1 if missing else 0)

"""govdocs render"""

from __future__ import annotations

from pathlib import Path

import click

from govdocs.cli import complete
from govdocs.cli.common import (
    DOCUMENT_FORMATS,
    LANG,
    echo_problems,
    format_list_option,
    joined,
    open_repository,
    records_root,
    repo_option,
    require_clean,
)


@click.command()
@click.argument("targets", nargs=-1, required=True, metavar="ID|PATH...", shell_complete=complete.decisions)
@repo_option
@format_list_option(DOCUMENT_FORMATS, "Formats")
@click.option(
    "--out",
    "out_dir",
    default="build",
    show_default=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Output folder.",
)
@click.option(
    "--public", is_flag=True, help="The public web copy: personal data as *****, secret parts as mentions."
)
@LANG
@click.option(
    "--strict", is_flag=True, help="Refuse to render a decision that lacks what Hallintolaki 44 § requires."
)
@click.option("--draft", is_flag=True, help="A draft copy: placeholders (TÄYTÄ) are warnings, not errors.")
def render(
    targets: tuple[str, ...],
    repo: Path | None,
    formats: tuple[tuple[str, ...], ...],
    out_dir: Path,
    public: bool,
    lang: str | None,
    strict: bool,
    draft: bool,
) -> None:
    """Render decisions as official documents: HTML, PDF/A-3b, DOCX and text.

    Each ID|PATH is a decision id, a record file or a folder of records.
    Files are named from the decision id (ID.pdf; ID-julkinen.pdf for
    --public). Gaps the law does not allow (authority, date, grounds,
    contact, appeal instructions) are printed as warnings; with --strict
    they are errors and nothing is written (exit 1). Placeholders left by
    `govdocs new` are errors unless --draft is given; --public refuses a
    decision whose text shows an unmarked henkilötunnus, personal e-mail
    address or phone number.

    \b
    Examples:
      govdocs render decisions --out build
      govdocs render kj-2016-59 --format pdf,txt
      govdocs render decisions/2021/kh-2021-898.yaml --public --out web
    """
    from govdocs.errors import UsageError
    from govdocs.render import render_decisions

    records = open_repository(records_root(repo, targets))
    require_clean(records)
    wanted = joined(formats, DOCUMENT_FORMATS)
    try:
        report = render_decisions(
            records, targets, wanted, out_dir, public=public, lang=lang, strict=strict, draft=draft
        )
    except LookupError as exc:  # an id or folder naming no decision: render's own lookup
        raise UsageError(str(exc.args[0])) from None
    echo_problems(report.problems)
    if report.errors:
        click.echo(f"{len(report.errors)} error(s): nothing rendered", err=True)
        raise SystemExit(1)
    for path in report.paths:
        click.echo(f"wrote {path}")
    click.echo(
        f"rendered {len(report.rendered)} decision(s) in {len(report.paths)} file(s)"
        f" ({len(report.problems)} warning(s))"
    )

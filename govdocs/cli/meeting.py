"""govdocs meeting: a body's meetings. A plain click group; each
subcommand (render, and check and show) is one library call."""

from __future__ import annotations

from pathlib import Path

import click

from govdocs.cli.common import (
    DOCUMENT_FORMATS,
    format_list_option,
    joined,
    open_repository,
    repo_option,
    require_clean,
)


@click.group()
def meeting() -> None:
    """A body's meetings: their agenda, minutes and extracts.

    \b
    Examples:
      govdocs meeting render kaupunginvaltuusto-2025-16 --out build
      govdocs meeting render kv-2025-248 --kind extract --to "Kaavamuutoksen hakija"
    """


@meeting.command()
@click.argument("target", metavar="MEETING|DECISION")
@repo_option
@click.option(
    "--kind",
    "kinds",
    multiple=True,
    type=click.Choice(["agenda", "minutes", "extract"]),
    help="Which documents [default: agenda and minutes of a meeting, the extract of a decision]; repeatable.",
)
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
    "--public", is_flag=True, help="The public web copy: personal data as *****, secret items as mentions."
)
@click.option(
    "--lang", type=click.Choice(["fi", "sv"]), default=None, help="Label language [default: the record's]."
)
@click.option(
    "--to", "recipient", metavar="NAME", help="The extract's recipient [default: those its decision lists]."
)
def render(
    target: str,
    repo: Path | None,
    kinds: tuple[str, ...],
    formats: tuple[tuple[str, ...], ...],
    out_dir: Path,
    public: bool,
    lang: str | None,
    recipient: str | None,
) -> None:
    """Render a meeting's documents: the agenda (each item with its
    proposal), the minutes (attendance, every item's text with its appeal
    instructions, checkers and signers) and extracts of its items, as
    HTML, PDF/A-3b, DOCX and text. Files are named <meeting>-esityslista,
    <meeting>-poytakirja and <decision>-ote (-julkinen for --public). Any
    error in the records: nothing is written (exit 1).

    \b
    Examples:
      govdocs meeting render kaupunginvaltuusto-2025-16 --out build
      govdocs meeting render kaupunginvaltuusto-2025-16 --kind minutes --format pdf --public
      govdocs meeting render kv-2025-255 --to "Aloitteen tekijä" --format pdf,txt
    """
    from govdocs.errors import UsageError
    from govdocs.render import render_meeting

    records = open_repository(repo or Path("."))
    require_clean(records)
    wanted = joined(formats, DOCUMENT_FORMATS)
    try:
        paths = render_meeting(
            records, target, wanted, out_dir, kinds=kinds, public=public, lang=lang, recipient=recipient
        )
    except (LookupError, ValueError) as exc:  # an id naming no meeting or item, a kind it has not
        raise UsageError(str(exc.args[0])) from None
    for path in paths:
        click.echo(f"wrote {path}")

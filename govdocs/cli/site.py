"""govdocs site"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from govdocs.cli.common import DATE, cache_options, format_list_option, joined, repo_option

SITE_DOCUMENTS = ("pdf", "html", "docx", "txt")


@click.command()
@repo_option
@click.option(
    "--out",
    "-o",
    type=click.Path(file_okay=False, path_type=Path),
    required=True,
    help="Folder for the site (pages, feeds, search index, documents).",
)
@click.option(
    "--as-of",
    type=DATE,
    help="Day the site is for: personal data past its appeal period is removed [default: today].",
)
@format_list_option(("pdf",), "Formats of the public documents linked from the pages", SITE_DOCUMENTS)
@click.option("--no-documents", is_flag=True, help="Pages, feeds and search only: no public documents.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), help="Worker processes for the documents.")
@cache_options
def site(
    repo: Path | None,
    out: Path,
    as_of: date | None,
    formats: tuple[tuple[str, ...], ...],
    no_documents: bool,
    jobs: int | None,
    cache_dir: Path | None,
    cache_url: str | None,
    cache_endpoint: str | None,
    cache_write: bool,
) -> None:
    """Build the public website of the repository into --out: a page per
    decision (its public copy), decision maker and year, meeting and case,
    an Atom feed per decision maker, Finnish-aware search, and the public
    documents in asiakirjat/. Only public copies: secret decisions as their
    mention, personal data shown only while the appeal period runs.

    Validates first and writes nothing if any record has an error (exit 1).
    Incremental: only pages whose inputs changed are made again; a rebuild
    with nothing changed writes nothing. Works from any plain file server.

    \b
    Examples:
      govdocs site --out public
      govdocs site -C records/ --out public --as-of 2025-12-09
      govdocs site --out public --format pdf,docx
      python3 -m http.server -d public 8000
    """
    from govdocs.cli.common import echo_problem_lines
    from govdocs.publish.site import build_site

    documents = () if no_documents else joined(formats, ("pdf",))
    result = build_site(
        repo or Path("."),
        out,
        as_of=as_of,
        documents=documents,
        jobs=jobs,
        cache_dir=cache_dir,
        cache_url=cache_url or None,
        cache_endpoint=cache_endpoint or None,
        cache_write=cache_write,
    )
    echo_problem_lines(result.warnings, err=True)
    click.echo(result.summary())

"""govdocs build"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import click

from govdocs.cli.common import (
    DATE,
    DOCUMENT_FORMATS,
    LANG,
    FormatList,
    cache_options,
    format_list_option,
    joined,
    repo_option,
)

if TYPE_CHECKING:
    from govdocs.problems import Problem


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path), metavar="[SHARD_DIR...]")
@repo_option
@click.option(
    "--out",
    "-o",
    type=click.Path(file_okay=False, path_type=Path),
    required=True,
    help="Folder for the documents and manifest.json.",
)
@format_list_option(DOCUMENT_FORMATS, "Formats")
@click.option(
    "--formats", "-f", "legacy_formats", multiple=True, type=FormatList(DOCUMENT_FORMATS), hidden=True
)
@click.option("--public", is_flag=True, help="Build the public web copies (personal data hidden).")
@click.option("-j", "--jobs", type=click.IntRange(min=1), help="Worker processes [default: number of cores].")
@click.option("--shard", metavar="I/N", help="Build only the I-th of N stable parts (CI matrices).")
@click.option("--merge", is_flag=True, help="Join the shard folders given as arguments into --out.")
@click.option(
    "--junit", type=click.Path(dir_okay=False, path_type=Path), help="Write validation problems as JUnit XML."
)
@cache_options
@click.option(
    "--reports/--no-reports",
    default=True,
    show_default=True,
    help="Also build the follow-up report and an audit per organisation.",
)
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.option("--draft", is_flag=True, help="Draft copies: placeholders (TÄYTÄ) are warnings, not errors.")
@click.option("--as-of", type=DATE, help="Day the reports describe [default: today].")
@click.option(
    "--site",
    type=click.Path(file_okay=False, path_type=Path),
    help="Also build the public website into this folder (as `govdocs site --out DIR` does), as of --as-of.",
)
@LANG
def build(
    paths: tuple[Path, ...],
    repo: Path | None,
    out: Path,
    formats: tuple[tuple[str, ...], ...],
    legacy_formats: tuple[tuple[str, ...], ...],
    public: bool,
    jobs: int | None,
    shard: str | None,
    merge: bool,
    junit: Path | None,
    cache_dir: Path | None,
    cache_url: str | None,
    cache_endpoint: str | None,
    cache_write: bool,
    reports: bool,
    strict: bool,
    draft: bool,
    as_of: date | None,
    site: Path | None,
    lang: str | None,
) -> None:
    """Build every decision (and the reports) of the repository into --out.

    Validates first and writes nothing if any record has an error (exit 1).
    Only outputs whose inputs changed are rendered; the rest are reused or
    restored from the cache; outputs of deleted records are removed.
    manifest.json lists every output with its source and SHA-256.

    \b
    Examples:
      govdocs build --out site
      govdocs build -C records/ --out site --format pdf -j 2
      govdocs build --out part-3 --shard 3/8
      govdocs build --merge part-1 part-2 part-3 --out site
      govdocs build --out site --cache-url s3://ci-cache/govdocs --cache-write
      govdocs build --out build --site public
    """
    if site is not None and (merge or shard):
        raise click.UsageError("--site builds the whole public website: not with --shard or --merge "
                               "(build it after merging, with `govdocs site`)")
    if merge:
        _merge(paths, out)
        return
    if len(paths) > 1 or (paths and repo is not None):
        raise click.UsageError("give the records folder with -C DIR (folders as arguments are for --merge)")
    from govdocs.build.plan import Shard
    from govdocs.build.remote import parse_cache_url

    if cache_url:  # a bad URL is a usage error before the records are read
        parse_cache_url(cache_url, cache_endpoint or None)
    elif _given("cache_endpoint") or _given("cache_write"):  # set in the environment alone: nothing to do
        raise click.UsageError("--cache-endpoint and --cache-write need --cache-url (or GOVDOCS_CACHE_URL)")
    _build(
        repo or (paths[0] if paths else Path(".")),  # a lone folder argument: the old spelling of -C
        out,
        formats=joined((*formats, *legacy_formats), DOCUMENT_FORMATS),
        public=public,
        jobs=jobs,
        shard=Shard.parse(shard) if shard else None,
        junit=junit,
        cache_dir=cache_dir,
        cache_url=cache_url or None,
        cache_endpoint=cache_endpoint or None,
        cache_write=cache_write,
        reports=reports,
        strict=strict,
        draft=draft,
        as_of=as_of,
        lang=lang,
    )
    if site is not None:
        from govdocs.publish.site import build_site

        made = build_site(repo or (paths[0] if paths else Path(".")), site, as_of=as_of, jobs=jobs,
                          cache_dir=cache_dir, cache_url=cache_url or None,
                          cache_endpoint=cache_endpoint or None, cache_write=cache_write)
        click.echo(made.summary())


def _given(name: str) -> bool:
    """True when option ``name`` was given on the command line."""
    from click.core import ParameterSource

    return click.get_current_context().get_parameter_source(name) is ParameterSource.COMMANDLINE


def _build(path: Path, out: Path, *, junit: Path | None, **options: object) -> None:
    from govdocs.build import build as run_build
    from govdocs.build.progress import for_stream
    from govdocs.cli.common import echo_problem_lines
    from govdocs.problems import RecordsInvalid

    try:
        result = run_build(path, out, progress=for_stream(), **options)  # type: ignore[arg-type]
    except RecordsInvalid as exc:  # the JUnit file is written for bad records too; main() prints them
        _junit(junit, exc.problems, [])
        raise
    _junit(junit, result.problems, result.sources)
    echo_problem_lines(result.warnings, err=True)
    click.echo(result.summary())


def _junit(path: Path | None, problems: list[Problem], files: list[str]) -> None:
    if path is not None:
        from govdocs.build.junit import junit_xml
        from govdocs.safepath import atomic_write

        atomic_write(path, junit_xml(problems, files))


def _merge(folders: tuple[Path, ...], out: Path) -> None:
    from govdocs.build import merge

    if not folders:
        raise click.UsageError("--merge needs the shard folders as arguments")
    manifest = merge(folders, out)
    click.echo(f"merged {len(folders)} folder(s): {len(manifest.outputs)} output(s) in {out}")

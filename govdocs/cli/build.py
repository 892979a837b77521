"""govdocs build"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from govdocs.problems import Problem

FORMAT_NAMES = ("html", "pdf", "docx", "txt")


def _formats(ctx: click.Context, param: click.Parameter, value: str) -> tuple[str, ...]:
    wanted = tuple(dict.fromkeys(part.strip() for part in value.split(",") if part.strip()))
    unknown = [fmt for fmt in wanted if fmt not in FORMAT_NAMES]
    if unknown or not wanted:
        raise click.BadParameter(f"choose from {', '.join(FORMAT_NAMES)}, comma-separated, not {value!r}")
    return wanted


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option(
    "--out",
    "-o",
    type=click.Path(file_okay=False, path_type=Path),
    required=True,
    help="Folder for the documents and manifest.json.",
)
@click.option(
    "--formats",
    "-f",
    default=",".join(FORMAT_NAMES),
    show_default=True,
    callback=_formats,
    help="Comma-separated formats.",
)
@click.option("--public", is_flag=True, help="Build the public web copies (personal data hidden).")
@click.option("-j", "--jobs", type=click.IntRange(min=1), help="Worker processes [default: number of cores].")
@click.option("--shard", metavar="I/N", help="Build only the I-th of N stable parts (CI matrices).")
@click.option("--merge", is_flag=True, help="Join the shard folders given as PATHS into --out.")
@click.option(
    "--junit", type=click.Path(dir_okay=False, path_type=Path), help="Write validation problems as JUnit XML."
)
@click.option(
    "--cache-dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Output cache [default: .govdocs-cache in the repository].",
)
@click.option(
    "--reports/--no-reports",
    default=True,
    show_default=True,
    help="Also build the follow-up report and an audit per organisation.",
)
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.option("--as-of", type=click.DateTime(["%Y-%m-%d"]), help="Day the reports describe [default: today].")
def build(
    paths: tuple[Path, ...],
    out: Path,
    formats: tuple[str, ...],
    public: bool,
    jobs: int | None,
    shard: str | None,
    merge: bool,
    junit: Path | None,
    cache_dir: Path | None,
    reports: bool,
    strict: bool,
    as_of: datetime | None,
) -> None:
    """Build every decision (and the reports) under PATH into --out.

    Validates first and writes nothing if any record has an error (exit 1).
    Only outputs whose inputs changed are rendered; the rest are reused or
    restored from the cache; outputs of deleted records are removed.
    manifest.json lists every output with its source and SHA-256.

    \b
    Examples:
      govdocs build --out site
      govdocs build decisions/ --out site --formats pdf -j 2
      govdocs build --out part-3 --shard 3/8
      govdocs build --merge part-1 part-2 part-3 --out site
    """
    if merge:
        _merge(paths, out)
        return
    if len(paths) > 1:
        raise click.UsageError("give one records folder (or use --merge for shard folders)")
    from govdocs.build import ShardError
    from govdocs.build.plan import Shard

    try:
        part = Shard.parse(shard) if shard else None
    except ShardError as exc:
        raise click.BadParameter(str(exc), param_hint="--shard") from None
    day = as_of.date() if as_of else None
    _build(
        paths[0] if paths else Path("."),
        out,
        formats=formats,
        public=public,
        jobs=jobs,
        shard=part,
        junit=junit,
        cache_dir=cache_dir,
        reports=reports,
        strict=strict,
        as_of=day,
    )


def _build(path: Path, out: Path, *, junit: Path | None, **options: object) -> None:
    from govdocs.build import ManifestError
    from govdocs.build import build as run_build
    from govdocs.build.progress import for_stream
    from govdocs.cli.common import echo_problems
    from govdocs.problems import RecordsInvalid
    from govdocs.read.loader import NoRegistry
    from govdocs.safepath import UnsafePath

    try:
        result = run_build(path, out, progress=for_stream(), **options)  # type: ignore[arg-type]
    except NoRegistry as exc:
        raise click.UsageError(f"{exc}; run govdocs inside a records repository") from None
    except UnsafePath as exc:
        raise click.ClickException(exc.message) from None
    except ManifestError as exc:
        raise click.ClickException(str(exc)) from None
    except RecordsInvalid as exc:
        _junit(junit, exc.problems, [])
        echo_problems(exc.problems)
        errors = sum(p.is_error for p in exc.problems)
        click.echo(f"{errors} error(s), {len(exc.problems) - errors} warning(s); nothing built", err=True)
        raise SystemExit(1) from None
    _junit(junit, result.problems, result.sources)
    for warning in result.warnings:
        click.echo(warning, err=True)
    click.echo(result.summary())


def _junit(path: Path | None, problems: list[Problem], files: list[str]) -> None:
    if path is not None:
        from govdocs.build.junit import junit_xml
        from govdocs.safepath import atomic_write

        atomic_write(path, junit_xml(problems, files))


def _merge(folders: tuple[Path, ...], out: Path) -> None:
    from govdocs.build import ManifestError, merge

    if not folders:
        raise click.UsageError("--merge needs the shard folders as arguments")
    try:
        manifest = merge(folders, out)
    except ManifestError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"merged {len(folders)} folder(s): {len(manifest.outputs)} output(s) in {out}")

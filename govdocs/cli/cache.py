"""`govdocs cache info|clear|prune`: the persistent index of each records
repository (`govdocs.read.index`) in the user's cache folder."""

from __future__ import annotations

import time
from pathlib import Path

import click

from govdocs.cli.common import echo_json, records_root, repo_option


@click.group()
def cache() -> None:
    """The index that lets commands answer without reading unchanged
    files: one SQLite database per repository in the user's cache folder
    ($XDG_CACHE_HOME/govdocs/index). Deleting it changes no answer.

    \b
    Examples:
      govdocs cache info
      govdocs cache clear
      govdocs cache prune --older-than 30
    """


@cache.command()
@repo_option
@click.option("--all", "every", is_flag=True, help="Every repository's index, not only this one's.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def info(repo: Path | None, every: bool, fmt: str) -> None:
    """Where this repository's index is, how many files, rule results and
    derived tables it holds, its size and when it was last used."""
    from govdocs.read.index import all_indexes, describe, index_path
    from govdocs.read.loader import find_root

    if every:
        found = list(all_indexes())
    else:
        path = index_path(find_root(records_root(repo)))
        found = [describe(path)] if path.exists() else []
    if fmt == "json":
        echo_json([{"index": str(i.path), "repository": i.root, "files": i.files, "rule_results": i.rule_sets,
                    "derived_tables": i.tables,
                    "bytes": i.bytes, "used": _when(i.used), "orphaned": i.orphaned} for i in found])
        return
    if not found:
        click.echo("no index yet (the next command that reads the records makes it)")
    for i in found:
        gone = ", its repository is gone" if i.orphaned else ""
        click.echo(f"{i.path}: {i.root or 'unreadable'}: {i.files} file(s), {i.rule_sets} rule result(s), "
                   f"{i.tables} derived table(s), "
                   f"{i.bytes / 1e6:.1f} MB, used {_when(i.used)}{gone}")


@cache.command()
@repo_option
@click.option("--all", "every", is_flag=True, help="Every repository's index.")
def clear(repo: Path | None, every: bool) -> None:
    """Delete this repository's index (or every index); the next command
    reads the files and builds it again."""
    from govdocs.read.index import all_indexes, index_path, remove_index
    from govdocs.read.loader import find_root

    paths = [i.path for i in all_indexes()] if every else [index_path(find_root(records_root(repo)))]
    removed = [p for p in paths if p.exists()]
    for path in removed:
        remove_index(path)
    click.echo(f"removed {len(removed)} index(es)")


@cache.command()
@click.option("--older-than", "days", type=click.IntRange(min=0), default=None, metavar="DAYS",
              help="Also indexes not used for this many days.")
def prune(days: int | None) -> None:
    """Delete the indexes of repositories that are gone (moved or deleted)
    or unreadable, and with --older-than those not used for DAYS days."""
    from govdocs.read.index import all_indexes, remove_index

    limit = time.time() - days * 86400 if days is not None else None
    removed = [i for i in all_indexes() if i.orphaned or (limit is not None and i.used < limit)]
    for i in removed:
        remove_index(i.path)
        click.echo(f"removed {i.path} ({i.root or 'unreadable'})")
    click.echo(f"removed {len(removed)} index(es)")


def _when(stamp: float) -> str:
    return time.strftime("%Y-%m-%d %H:%M", time.localtime(stamp)) if stamp else "never"

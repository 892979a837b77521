"""The one dialect every command speaks: how the records folder is given
(``-C/--repo DIR``), how a decision is named (its id or its file), the
``--format`` option, the date type, checked filter ids; and the one place
problems and errors are printed (coloured on a terminal)."""

from __future__ import annotations

import functools
import json
import os
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import fields, is_dataclass
from datetime import date
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from govdocs.cli import complete
from govdocs.errors import UsageError
from govdocs.writers import FORMATS as WRITER_FORMATS

if TYPE_CHECKING:
    from govdocs.problems import Problem
    from govdocs.repository import Repository

F = TypeVar("F", bound=Callable[..., Any])

# --- the records folder -----------------------------------------------------


def repo_option(f: F) -> F:
    """``-C/--repo DIR``: the records repository (default: found upward
    from the current folder, or from the first record file named). The old
    spelling ``--path DIR`` is still accepted, hidden."""

    @functools.wraps(f)
    def wrapper(*args: Any, repo: Path | None, legacy_path: Path | None, **kwargs: Any) -> Any:
        return f(*args, repo=repo or legacy_path, **kwargs)

    folder = click.Path(exists=True, file_okay=False, path_type=Path)
    wrapper = click.option("--path", "legacy_path", type=folder, hidden=True)(wrapper)
    wrapper = click.option(
        "-C",
        "--repo",
        "repo",
        type=folder,
        default=None,
        metavar="DIR",
        help="The records repository [default: found upward from the current folder].",
    )(wrapper)
    return wrapper  # type: ignore[return-value]


class _HiddenArgument(click.Argument):
    """A positional argument left out of the usage line (an old spelling)."""

    def get_usage_pieces(self, ctx: click.Context) -> list[str]:
        return []


def legacy_folder_argument(f: F) -> F:
    """Accept the old positional records folder (``obligations records/``)
    as a hidden spelling of ``-C DIR``; put it above `repo_option`."""

    @functools.wraps(f)
    def wrapper(*args: Any, repo: Path | None, legacy_folder: Path | None, **kwargs: Any) -> Any:
        if repo is not None and legacy_folder is not None:
            raise UsageError("give the records folder once, with -C DIR")
        return f(*args, repo=repo or legacy_folder, **kwargs)

    folder = click.Path(exists=True, path_type=Path)
    argument = click.argument("legacy_folder", required=False, type=folder, cls=_HiddenArgument)
    return argument(wrapper)  # type: ignore[return-value]


def records_root(repo: Path | None, targets: Iterable[str] = ()) -> Path:
    """Where to read the records: ``-C DIR`` when given, else the
    repository holding the first existing file or folder named, else the
    current folder (the reader looks upward from it for registry.yaml)."""
    if repo is not None:
        return repo
    for target in targets:
        if Path(target).exists():
            from govdocs.read.loader import find_root

            return find_root(Path(target))
    return Path(".")


def decision_id(target: str) -> str:
    """The decision an ``ID|PATH`` argument names: an id as given, or the
    ``id:`` of a record file (read by a light scan, not a full load)."""
    path = Path(target)
    if not path.exists():
        if _looks_like_path(target):
            raise UsageError(f"path '{target}' does not exist")
        return target
    if path.is_dir():
        raise UsageError(f"{target} is a folder; name one decision (its id or its file)")
    found = complete.record_id(path)
    if found is None:
        raise UsageError(f"{target} is not a decision record (it has no top-level 'id:')")
    return found


def _looks_like_path(target: str) -> bool:
    """Ids never hold a slash or end in .yaml; paths (relative to the
    current folder) do."""
    return "/" in target or os.sep in target or Path(target).suffix in (".yaml", ".yml")


def record_path(root: Path, target: str) -> Path:
    """The file or folder an ``ID|PATH`` argument names: a path as given,
    or the file of decision ``ID`` (unknown ids are a usage error)."""
    path = Path(target)
    if path.exists():
        return path
    if _looks_like_path(target):
        raise UsageError(f"path '{target}' does not exist")
    base = complete.find_root(root)
    found = complete.file_of(base, target) if base else None
    if found is None:
        from govdocs.problems import did_you_mean

        if base is None:
            from govdocs.read.loader import find_root

            find_root(root)  # raises NoRegistry, the usual message
        known = complete.decision_ids(base) if base else []
        raise UsageError(f"no decision '{target}'{did_you_mean(target, known)}")
    return found


def open_repository(
    path: Path, *, strict: bool = False, draft: bool = False, query: bool = False
) -> Repository:
    """Read and check the records (no registry.yaml: `NoRegistry`, exit 2),
    of the one municipality ``--municipality`` names when it is given.
    ``query``: a command that answers from derived tables
    (`govdocs.derive.store`): when no file changed, the records are read
    only if it touches them (`govdocs.api.indexed`)."""
    from govdocs.api import indexed, validate

    repo = (indexed if query else validate)(path, strict=strict, draft=draft)
    chosen = chosen_municipality()
    return repo.only(chosen) if chosen else repo


def chosen_municipality() -> str | None:
    """The municipality ``--municipality`` named, if any."""
    context = click.get_current_context(silent=True)
    return context.meta.get(_MUNICIPALITY) if context else None


_MUNICIPALITY = "govdocs.municipality"


def municipality_option(f: F) -> F:
    """``--municipality ID``: answer for one municipality of a repository
    that holds several (its records and registry alone)."""

    @functools.wraps(f)
    def wrapper(*args: Any, municipality: str | None, **kwargs: Any) -> Any:
        if municipality:
            click.get_current_context().meta[_MUNICIPALITY] = municipality
        return f(*args, **kwargs)

    option = click.option(
        "--municipality",
        metavar="ID",
        default=None,
        help="Only this municipality's records (its id in the registry), in a repository that holds several.",
    )
    return option(wrapper)  # type: ignore[return-value]


def require_clean(repo: Repository) -> None:
    """Stop with every problem (exit 1) when the records have errors."""
    if repo.errors:
        from govdocs.problems import RecordsInvalid

        raise RecordsInvalid(repo.problems)


def check_id(value: str | None, known: Iterable[str], what: str) -> None:
    """A filter id that names nothing is a usage error with a suggestion,
    so a CI gate never passes on a typo."""
    if value is None:
        return
    pool = list(known)
    if value not in pool:
        from govdocs.problems import did_you_mean

        raise UsageError(f"no {what} '{value}'{did_you_mean(value, pool)}")


# --- option types -------------------------------------------------------------


class DateParam(click.ParamType):
    """A day written 2018-01-01 or 1.1.2018."""

    name = "DATE"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> date:
        if isinstance(value, date):
            return value
        from govdocs.model.common import parse_date

        try:
            return parse_date(value)
        except ValueError as exc:  # pydantic's error: "expected a date as YYYY-MM-DD ..."
            self.fail(str(exc), param, ctx)


DATE = DateParam()


def as_of_option(f: F) -> F:
    """``--as-of DATE`` (and the old ``--at DATE``, hidden)."""

    @functools.wraps(f)
    def wrapper(*args: Any, as_of: date | None, legacy_at: date | None, **kwargs: Any) -> Any:
        return f(*args, as_of=as_of or legacy_at, **kwargs)

    wrapper = click.option("--at", "legacy_at", type=DATE, default=None, hidden=True)(wrapper)
    wrapper = click.option(
        "--as-of", "as_of", type=DATE, default=None, help="Status on this day [default: today]."
    )(wrapper)
    return wrapper  # type: ignore[return-value]


AS_OF = as_of_option

LANG = click.option(
    "--lang",
    type=click.Choice(["fi", "sv"]),
    default=None,
    help="Language of the documents: labels, dates and every text (a record's Swedish version for sv; "
    "refused, located, where it lacks one) [default: each record's language].",
)
"""``--lang fi|sv``, the same on every command that writes documents."""


class AmountParam(click.ParamType):
    """A sum of money written 50000, 50 000 or 50000,50."""

    name = "AMOUNT"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Decimal:
        if isinstance(value, Decimal):
            return value
        from decimal import InvalidOperation

        try:
            found = Decimal(str(value).replace(" ", "").replace("\u00a0", "").replace(",", "."))
        except InvalidOperation:
            self.fail(f"expected a sum such as 50000 or 50 000,50, found '{value}'", param, ctx)
        if not found.is_finite() or found < 0:
            self.fail(f"expected a sum of zero or more, found '{value}'", param, ctx)
        return found


AMOUNT = AmountParam()

TABLE_FORMATS = ("table", "json", "csv")
"""Output formats of the listing commands."""


def answer_format(choices: Sequence[str] = ("text", "json"), default: str | None = None) -> Callable[[F], F]:
    """``--format`` of a command that answers a question: for people
    (the first choice) or for machines (json)."""
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(list(choices)),
        default=default or choices[0],
        show_default=True,
        help="Output for people or for machines.",
    )


FORMATS = click.Choice(list(TABLE_FORMATS))


class FormatList(click.ParamType):
    """Document formats, as a comma list, the option repeatable:
    ``--format pdf,txt --format html``."""

    name = "FORMATS"

    def __init__(self, names: Sequence[str]):
        self.names = tuple(names)

    def convert(
        self, value: Any, param: click.Parameter | None, ctx: click.Context | None
    ) -> tuple[str, ...]:
        if isinstance(value, tuple):
            return value
        wanted = tuple(part.strip() for part in str(value).split(",") if part.strip())
        for fmt in wanted:
            if fmt not in self.names:
                self.fail(f"unknown format '{fmt}'; choose from {', '.join(self.names)}", param, ctx)
        if not wanted:
            self.fail(f"no format given; choose from {', '.join(self.names)}", param, ctx)
        return wanted

    def shell_complete(self, ctx: click.Context, param: click.Parameter, incomplete: str) -> list[Any]:
        from click.shell_completion import CompletionItem

        done, _, last = incomplete.rpartition(",")
        prefix = f"{done}," if done else ""
        taken = set(done.split(","))
        return [CompletionItem(prefix + n) for n in self.names if n.startswith(last) and n not in taken]


DOCUMENT_FORMATS = tuple(WRITER_FORMATS)


def format_list_option(
    default: Sequence[str] | None, help_text: str, names: Sequence[str] = DOCUMENT_FORMATS
) -> Callable[[F], F]:
    """The one ``--format`` shape of commands that write documents."""
    return click.option(
        "--format",
        "formats",
        multiple=True,
        type=FormatList(names),
        default=None,
        metavar="FMT[,FMT...]",
        help=f"{help_text} ({', '.join(names)}; comma-separated, repeatable)"
        + (f" [default: {','.join(default)}]" if default else ""),
    )


def joined(groups: Iterable[tuple[str, ...]], default: Sequence[str] = ()) -> tuple[str, ...]:
    """The formats of a repeated `FormatList` option, in the order given."""
    wanted = tuple(dict.fromkeys(fmt for group in groups for fmt in group))
    return wanted or tuple(default)


# --- output ---------------------------------------------------------------------


def _colour() -> bool | None:
    """False when NO_COLOR is set (https://no-color.org); else click's own
    choice (colour on a terminal, plain when piped)."""
    return False if os.environ.get("NO_COLOR") else None


_SEVERITY = re.compile(r": (error|warning): ")
_PAINT = {"error": "red", "warning": "yellow"}


def _painted(line: str) -> str:
    """``where: error: message`` with the severity coloured."""
    found = _SEVERITY.search(line)
    if found is None:
        return line
    word = found.group(1)
    styled = click.style(word, fg=_PAINT[word], bold=True)
    return f"{line[: found.start()]}: {styled}: {line[found.end() :]}"


def echo_problems(problems: Iterable[Problem], *, err: bool = False) -> None:
    """Every problem, one line each; errors red and warnings yellow on a
    terminal. The one function that prints problems."""
    echo_problem_lines((problem.format() for problem in problems), err=err)


def echo_problem_lines(lines: Iterable[str], *, err: bool = False) -> None:
    """Problems already formatted as ``where: severity: message``."""
    for line in lines:
        click.echo(_painted(line), err=err, color=_colour())


def echo_error(text: str) -> None:
    """``Error: ...`` on stderr, red on a terminal."""
    click.echo(f"{click.style('Error', fg='red', bold=True)}: {text}", err=True, color=_colour())


def summary(problems: list[Problem], files: int) -> str:
    errors = sum(p.is_error for p in problems)
    warnings = len(problems) - errors
    return f"{errors} error(s), {warnings} warning(s) in {files} record file(s)"


def echo_json(payload: Any) -> None:
    click.echo(json.dumps(jsonable(payload), ensure_ascii=False, indent=2))


def jsonable(value: Any) -> Any:
    """Plain JSON values for dataclasses, models, enums and dates."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Path):
        return str(value)
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: jsonable(getattr(value, f.name)) for f in fields(value)}
    if hasattr(value, "model_dump"):
        # warnings off: pydantic cannot tell which member of the tagged Block
        # union it is serialising and warns although the output is right
        return value.model_dump(mode="json", by_alias=True, exclude_none=True, warnings=False)
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [jsonable(v) for v in value]
    return value


# --- the output cache -------------------------------------------------------------


def cache_options(command: F) -> F:
    """The output cache's options, as `build` and `site` take them: the
    local folder and the shared remote cache (read-only unless --cache-write)."""
    for option in reversed(_CACHE_OPTIONS):
        command = option(command)
    return command


_CACHE_OPTIONS = (
    click.option(
        "--cache-dir",
        type=click.Path(file_okay=False, path_type=Path),
        help="Output cache, never inside the records [default: $XDG_CACHE_HOME/govdocs/outputs, "
        "else ~/.cache/govdocs/outputs].",
    ),
    click.option(
        "--cache-url",
        envvar="GOVDOCS_CACHE_URL",
        metavar="URL",
        help="Shared remote cache behind the local one: s3://BUCKET/PREFIX, or http(s)://HOST/PREFIX "
        "(Bazel remote-cache protocol); read-only unless --cache-write. Credentials only from the "
        "environment (AWS_*, GOVDOCS_CACHE_TOKEN) [env: GOVDOCS_CACHE_URL].",
    ),
    click.option(
        "--cache-endpoint",
        envvar="GOVDOCS_CACHE_ENDPOINT",
        metavar="URL",
        help="Endpoint of an S3-compatible service for an s3:// --cache-url [env: GOVDOCS_CACHE_ENDPOINT].",
    ),
    click.option(
        "--cache-write",
        is_flag=True,
        envvar="GOVDOCS_CACHE_WRITE",
        help="Also store what this build renders in the remote cache (trusted builds only, never pull "
        "requests) "
        "[env: GOVDOCS_CACHE_WRITE=true].",
    ),
)

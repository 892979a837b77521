"""The command line: a thin layer over the library.

Commands are imported only when run, so ``govdocs --help`` never pays for
pydantic or WeasyPrint. Each command module holds one click command; add a
command by adding a line to `COMMANDS`."""

from __future__ import annotations

import importlib
import sys
from typing import TYPE_CHECKING, Any

import click

from govdocs import __version__

if TYPE_CHECKING:
    from govdocs.errors import GovdocsError

COMMANDS: dict[str, tuple[str, str]] = {
    # name: (module:function, one-line help shown by `govdocs --help`)
    "validate": (
        "govdocs.cli.validate:validate",
        "Check records; report every problem with file:line:column.",
    ),
    "show": ("govdocs.cli.show:show", "Show one record and what refers to it."),
    "init": ("govdocs.cli.init:init", "Start a records repository: registry, schemas, editor, hook, CI."),
    "schema": ("govdocs.cli.schema:schema", "Print the JSON Schema of decision files (for editors)."),
    "new": ("govdocs.cli.new:new", "Start a new decision of a kind: next §, diary number, generated text."),
    "import": (
        "govdocs.cli.ahjo_import:ahjo_import",
        "Start a draft record from a published Ahjo decision (JSON with its HTML).",
    ),
    "draft": ("govdocs.cli.draft:draft", "Work on a draft: regenerate its generated sections."),
    "check": (
        "govdocs.cli.check:check",
        "Check a decision before signing: completeness, §, appeal, text, personal data.",
    ),
    "deadline": (
        "govdocs.cli.deadline:deadline",
        "Appeal deadline and personal-data removal date of a decision.",
    ),
    "serve": ("govdocs.cli.serve:serve", "Preview decisions in the browser; reloads when records change."),
    "obligations": (
        "govdocs.cli.obligations:obligations",
        "List follow-up obligations with their derived status.",
    ),
    "budget": ("govdocs.cli.budget:budget", "Budget-incorporation checklist of one budget year."),
    "mandates": ("govdocs.cli.mandates:mandates", "Working groups: state, tasks, term and reporting duties."),
    "calendar": (
        "govdocs.cli.calendar:calendar",
        "Write obligation and reporting deadlines as an iCalendar file.",
    ),
    "responsibilities": (
        "govdocs.cli.responsibilities:responsibilities",
        "Who holds what on a day, on whose decision.",
    ),
    "authority": (
        "govdocs.cli.authority:authority",
        "Who may decide what on a day by delegation, on whose decision, on which conditions.",
    ),
    "audit": ("govdocs.cli.audit:audit", "History of a function or an organisation, each step cited."),
    "diff": ("govdocs.cli.diff:diff", "What changed hands between two days."),
    "report": ("govdocs.cli.report:report", "Reports for people to read (followup, audit)."),
    "render": ("govdocs.cli.render:render", "Render decisions as HTML, PDF/A, DOCX and text."),
    "meeting": (
        "govdocs.cli.meeting:meeting",
        "A body's meetings: agenda, minutes and extracts; show one; check quorum, votes and numbering.",
    ),
    "cache": ("govdocs.cli.cache:cache", "The index of unchanged files: info, clear, prune."),
    "doctor": (
        "govdocs.cli.doctor:doctor",
        "Check the rendering setup: Voikko, fonts, WeasyPrint, HarfBuzz.",
    ),
    "export": (
        "govdocs.cli.export:export",
        "Open data: the public decisions as Ahjo, OParl or Popolo JSON.",
    ),
    "site": (
        "govdocs.cli.site:site",
        "The public website: pages, Atom feeds, Finnish-aware search, public documents.",
    ),
    "build": (
        "govdocs.cli.build:build",
        "Build every document: incremental, parallel, sharded, with a manifest.",
    ),
}

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3


class LazyGroup(click.Group):
    """A group whose commands are imported on first use, and the one place
    where govdocs' own errors become a message and an exit code."""

    def invoke(self, ctx: click.Context) -> Any:
        from govdocs.errors import GovdocsError, environment_failure

        try:
            return super().invoke(ctx)
        except GovdocsError as exc:
            if (ctx.obj or {}).get("debug"):
                raise
            _report(exc)
            ctx.exit(exc.exit_code)
        except OSError as exc:  # the machine's refusal (busy port, read-only folder), not a bug
            failure = environment_failure(exc)
            if failure is None:
                raise
            _report(failure)
            ctx.exit(failure.exit_code)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in COMMANDS:
            return None
        module, _, attr = COMMANDS[name][0].partition(":")
        command: click.Command = getattr(importlib.import_module(module), attr)
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, COMMANDS[name][1]) for name in self.list_commands(ctx)]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="govdocs")
@click.option("--debug", is_flag=True, help="Show the traceback of any error.")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """govdocs: Finnish municipal decisions as YAML records.

    \b
    Examples:
      govdocs validate decisions/
      govdocs show kj-2016-59
      govdocs schema > decision.schema.json
    """
    ctx.obj = {"debug": debug}


def _report(exc: GovdocsError) -> None:
    from govdocs.cli.common import echo_error, echo_problems

    echo_problems(exc.problems)
    echo_error(exc.format())


def main(argv: list[str] | None = None) -> Any:
    """Entry point: usage errors exit 2, problems in the records (or a
    refusal of the machine) exit 1, and an internal error, a bug in
    govdocs, prints one line and exits 3 (traceback only with --debug)."""
    args = sys.argv[1:] if argv is None else argv
    try:
        return cli.main(args=args, prog_name="govdocs", standalone_mode=True)
    except SystemExit:
        raise
    except Exception as exc:  # a bug in govdocs, never a record's fault
        if "--debug" in args:
            raise
        click.echo(
            f"govdocs: internal error: {type(exc).__name__}: {exc} (run with --debug for the traceback)",
            err=True,
        )
        sys.exit(EXIT_INTERNAL)

"""No user error ever exits 3: outside a records repository, with an
invalid record, a busy port, an output folder that cannot be written.
Exit 3 is left for bugs in govdocs. Errors print once, red on a terminal."""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from govdocs import errors
from govdocs.cli import COMMANDS, cli
from govdocs.drafting.newdoc import DraftingError
from govdocs.problems import RecordsInvalid
from govdocs.read.loader import NoRegistry
from tests.bundled import warnings
from tests.test_cli_dialect import copy_records

# every command that reads records, as a user would call it
READING = {
    "validate": ["validate"],
    "show": ["show", "kj-2016-59"],
    "new": ["new", "working-group", "--maker", "kansliapaallikko"],
    "import": ["import", "decision.json"],
    "draft": ["draft", "regenerate", "kp-2021-5"],
    "check": ["check", "kp-2021-5"],
    "deadline": ["deadline", "kh-2021-898", "--published", "1.6.2025"],
    "serve": ["serve", "--port", "0"],
    "obligations": ["obligations"],
    "budget": ["budget", "2017"],
    "mandates": ["mandates"],
    "calendar": ["calendar", "--out", "x.ics"],
    "responsibilities": ["responsibilities"],
    "audit": ["audit", "helsingin-typ"],
    "authority": ["authority", "hankinnat"],
    "diff": ["diff", "2016-01-01", "2017-12-31"],
    "report": ["report", "followup", "--out", "r"],
    "render": ["render", "kj-2016-59"],
    "build": ["build", "--out", "site"],
    "meeting": ["meeting", "render", "kaupunginvaltuusto-2025-16", "--out", "m"],
    "export": ["export", "--format", "ahjo", "--out", "open-data"],
    "site": ["site", "--out", "public", "--no-documents"],
}


def invoke(cwd: Path, args: list[str], monkeypatch: pytest.MonkeyPatch) -> Result:
    monkeypatch.chdir(cwd)
    return CliRunner().invoke(cli, args)


def test_every_reading_command_is_in_the_table() -> None:
    assert set(COMMANDS) - set(READING) == {"schema", "doctor", "init", "cache"}  # these read no records


@pytest.mark.parametrize("name", sorted(READING))
def test_outside_a_repository_is_a_usage_error(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = invoke(tmp_path, READING[name], monkeypatch)
    assert (result.exit_code, result.output) == (
        2,
        "Error: no registry.yaml in . or any folder above it; run govdocs inside a records repository"
        " or give -C DIR\n",
    )


BROKEN = "broken: ["
"""Appended to kj-2016-59: a YAML syntax error."""

# what each command answers when kj-2016-59 does not load
WITH_AN_INVALID_RECORD = {
    "validate": 1,
    "show": 1,
    "new": 0,  # drafting a new decision does not need the others to load
    "draft": 0,  # kp-2021-5 itself is fine
    "check": 1,
    "deadline": 1,
    "obligations": 1,
    "budget": 1,
    "mandates": 1,
    "calendar": 1,
    "responsibilities": 1,
    "audit": 1,
    "authority": 1,
    "diff": 1,
    "report": 1,
    "render": 1,
    "build": 1,
    "meeting": 1,
    "export": 1,
}


@pytest.mark.parametrize("name", sorted(WITH_AN_INVALID_RECORD))
def test_an_invalid_record_exits_1_with_the_problem_located(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = copy_records(tmp_path)
    seed = repo / "decisions" / "2016" / "kj-2016-59.yaml"
    seed.write_text(seed.read_text(encoding="utf-8") + BROKEN + "\n", encoding="utf-8")
    command = READING[name] if name != "show" else ["show", "kh-2021-898"]
    result = invoke(repo, command, monkeypatch)
    assert result.exit_code == WITH_AN_INVALID_RECORD[name], result.output
    if result.exit_code == 1 and name not in ("check", "draft"):
        assert "decisions/2016/kj-2016-59.yaml:" in result.output
        assert ": error: " in result.output


def test_deadline_prints_every_problem_then_one_error_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = copy_records(tmp_path)
    seed = repo / "decisions" / "2016" / "kj-2016-59.yaml"
    seed.write_text(seed.read_text(encoding="utf-8") + BROKEN + "\n", encoding="utf-8")
    result = invoke(repo, READING["deadline"], monkeypatch)
    lines = result.output.splitlines()
    assert lines[0].startswith("decisions/2016/kj-2016-59.yaml:")
    assert lines[-1] == (
        f"Error: 1 error(s), {warnings(outside='decisions/2016/kj-2016-59.yaml')} warning(s) in the records; nothing done"
    )


def test_serve_on_a_busy_port_exits_1(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = copy_records(tmp_path)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = invoke(repo, ["serve", "--port", str(port)], monkeypatch)
    assert (result.exit_code, result.output) == (
        1,
        f"Error: cannot listen on 127.0.0.1:{port}: Address already in use;"
        " give another with --port (0: any free one)\n",
    )


UNWRITABLE = {
    "render": ["render", "kj-2016-59", "--format", "txt", "--out", "blocker/out"],
    "build": ["build", "--out", "blocker/site", "--format", "txt", "--no-reports"],
    "report": ["report", "followup", "--out", "blocker/r", "--format", "txt"],
    "calendar": ["calendar", "--out", "blocker/x.ics"],
    "validate": ["validate", "--junit", "blocker/junit.xml"],
}


@pytest.mark.parametrize("name", sorted(UNWRITABLE))
def test_an_output_that_cannot_be_written_exits_1(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file where the output folder should be (permissions do not stop
    root, so this is the refusal every user can meet)."""
    repo = copy_records(tmp_path)
    (repo / "blocker").write_text("a file, not a folder\n", encoding="utf-8")
    result = invoke(repo, UNWRITABLE[name], monkeypatch)
    assert result.exit_code == 1, result.output
    last = result.output.splitlines()[-1]
    assert last.startswith("Error: ") and "blocker" in last, last
    assert "Traceback" not in result.output


def test_a_full_disk_is_the_machine_not_a_bug() -> None:
    failure = errors.environment_failure(OSError(28, "No space left on device", "site/x.pdf"))
    assert failure is not None and failure.exit_code == 1
    assert failure.format() == "site/x.pdf: no space left on the device"
    assert errors.environment_failure(FileNotFoundError(2, "gone", "templates/x")) is None  # a bug: exit 3


def test_the_family_knows_its_exit_codes() -> None:
    assert NoRegistry("x").exit_code == 2
    assert DraftingError("unknown kind").exit_code == 2
    assert DraftingError("exists", exit_code=1).exit_code == 1
    assert RecordsInvalid([]).exit_code == 1
    assert issubclass(RecordsInvalid, errors.GovdocsError)


def test_a_bug_still_exits_3() -> None:
    """The internal-error path is kept for what is not a user's fault."""
    code = (
        "import sys, govdocs.cli.validate as v\n"
        "def broken(*a, **k):\n    raise ZeroDivisionError('boom')\n"
        "v.open_repository = broken\n"
        "from govdocs.cli import main\nsys.argv = ['govdocs', 'validate']\nmain()\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 3
    assert done.stderr == (
        "govdocs: internal error: ZeroDivisionError: boom (run with --debug for the traceback)\n"
    )


def test_errors_and_warnings_are_coloured_on_a_terminal_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = copy_records(tmp_path)
    monkeypatch.chdir(repo)
    monkeypatch.delenv("NO_COLOR", raising=False)
    terminal = CliRunner().invoke(cli, ["validate", "--strict"], color=True)
    assert ": \x1b[31m\x1b[1merror\x1b[0m: " in terminal.output
    warned = CliRunner().invoke(cli, ["validate"], color=True)
    assert ": \x1b[33m\x1b[1mwarning\x1b[0m: " in warned.output
    piped = CliRunner().invoke(cli, ["validate", "--strict"])
    assert "\x1b[" not in piped.output
    usage = CliRunner().invoke(cli, ["show", "nothing"], color=True)
    assert usage.output == "\x1b[31m\x1b[1mError\x1b[0m: no record 'nothing'\n"
    monkeypatch.setenv("NO_COLOR", "1")
    no_color = CliRunner().invoke(cli, ["validate", "--strict"], color=True)
    assert "\x1b[" not in no_color.output and ": error: " in no_color.output
    plain_usage = CliRunner().invoke(cli, ["show", "nothing"], color=True)
    assert plain_usage.output == "Error: no record 'nothing'\n"

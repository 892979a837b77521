"""One command-line dialect: every command that names a decision takes its
id or its file; the records folder is always ``-C DIR``; ``--format json``
answers every question as parseable JSON; an id given to a filter that
names nothing is a usage error with a suggestion (exit 2)."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from govdocs.cli import cli
from tests.bundled import copy_registry
from tests.conftest import ROOT


def copy_records(parent: Path) -> Path:
    dest = parent / "records"
    dest.mkdir(parents=True)
    copy_registry(dest)
    shutil.copytree(ROOT / "decisions", dest / "decisions")
    return dest


def invoke(cwd: Path, args: list[str], monkeypatch: pytest.MonkeyPatch) -> Result:
    monkeypatch.chdir(cwd)
    return CliRunner().invoke(cli, args)


FILES = {
    "kj-2016-59": "decisions/2016/kj-2016-59.yaml",
    "kh-2021-898": "decisions/2021/kh-2021-898.yaml",
    "kp-2021-5": "decisions/2021/kp-2021-5.yaml",
}

# command (with {} where the decision goes), decision, exit code
NAMING_A_DECISION = [
    (["validate", "{}"], "kj-2016-59", 0),
    (["show", "{}"], "kj-2016-59", 0),
    (["check", "{}"], "kp-2021-5", 1),
    (["deadline", "{}", "--published", "30.5.2025"], "kh-2021-898", 0),
    (["draft", "regenerate", "{}"], "kp-2021-5", 0),
    (["render", "{}", "--format", "txt", "--out", "out"], "kj-2016-59", 0),
]


@pytest.mark.parametrize(("command", "decision", "code"), NAMING_A_DECISION, ids=lambda v: str(v))
def test_a_decision_is_named_by_its_id_or_its_file(
    command: list[str], decision: str, code: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Run from outside the repository, the folder given with -C: the id
    and the file give the same answer."""
    answers = []
    for how in ("id", "path"):
        work = tmp_path / how
        repo = copy_records(work / "elsewhere")
        target = decision if how == "id" else str(repo / FILES[decision])
        args = [part.replace("{}", target) for part in command] + ["-C", str(repo)]
        result = invoke(work, args, monkeypatch)
        assert result.exit_code == code, result.output
        answers.append(result.output.replace(str(repo), "<repo>"))
    assert answers[0] == answers[1]


def test_a_file_alone_finds_its_repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = copy_records(tmp_path)
    result = invoke(tmp_path, ["show", str(repo / FILES["kj-2016-59"])], monkeypatch)
    assert result.exit_code == 0
    assert result.output.splitlines()[0].endswith("(kj-2016-59, records/decisions/2016/kj-2016-59.yaml)")


def test_the_old_folder_spellings_still_work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    copy_records(tmp_path)
    new = invoke(tmp_path, ["obligations", "-C", "records", "--as-of", "2018-01-01"], monkeypatch)
    positional = invoke(tmp_path, ["obligations", "records", "--as-of", "2018-01-01"], monkeypatch)
    option = invoke(tmp_path, ["show", "kj-2016-59", "--path", "records"], monkeypatch)
    assert new.exit_code == positional.exit_code == option.exit_code == 0
    assert new.output == positional.output


QUESTIONS = [
    ["validate"],
    ["show", "kj-2016-59.typ"],
    ["check", "kh-2021-898"],
    ["deadline", "kh-2021-898", "--published", "2025-05-30"],
    ["audit", "helsingin-typ"],
    ["diff", "1.1.2016", "31.12.2017"],
    ["obligations", "--as-of", "1.1.2018"],
    ["budget", "2017", "--as-of", "31.12.2016"],
    ["mandates", "--as-of", "2018-01-01"],
    ["responsibilities", "--as-of", "1.6.2017"],
    ["authority", "hankinnat", "--as-of", "1.6.2022"],
    ["doctor"],
]


@pytest.mark.parametrize("command", QUESTIONS, ids=lambda c: c[0])
def test_every_question_answers_in_json(
    command: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = copy_records(tmp_path / "elsewhere")
    result = invoke(
        tmp_path,
        [*command, "-C", str(repo), "--format", "json"]
        if command != ["doctor"]
        else [*command, "--format", "json"],
        monkeypatch,
    )
    assert result.exit_code in (0, 1), result.output
    answer = json.loads(result.stdout)
    assert isinstance(answer, dict) and answer


def test_json_answers_carry_the_facts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = copy_records(tmp_path)
    deadline = invoke(
        tmp_path,
        ["deadline", "kh-2021-898", "--published", "30.5.2025", "-C", str(repo), "--format", "json"],
        monkeypatch,
    )
    assert json.loads(deadline.stdout)["deadline"]["deadline"] == "2025-06-23"
    shown = json.loads(
        invoke(tmp_path, ["show", "kj-2016-59", "-C", "records", "--format", "json"], monkeypatch).stdout
    )
    assert (shown["id"], shown["type"], shown["where"]) == (
        "kj-2016-59",
        "Decision",
        "records/decisions/2016/kj-2016-59.yaml:5:1",
    )
    checked = json.loads(
        invoke(tmp_path, ["check", "kp-2021-5", "-C", "records", "--format", "json"], monkeypatch).stdout
    )
    assert (checked["ready"], checked["errors"]) == (False, 2)  # no date, no signer


# a misspelt id anywhere one is asked for: exit 2 and a suggestion
TYPOS = [
    (
        ["obligations", "--owner", "kaupunginkansli", "--fail-on", "overdue"],
        "no organisation 'kaupunginkansli'; did you mean 'kaupunginkanslia'?",
    ),
    (
        ["obligations", "--addressee", "elinkeinojaost"],
        "no decision maker 'elinkeinojaost'; did you mean 'elinkeinojaosto'?",
    ),
    (
        ["responsibilities", "--org", "opetusvirastto"],
        "no organisation 'opetusvirastto'; did you mean 'opetusvirasto'?",
    ),
    (
        ["audit", "helsingin-typp"],
        "no function or organisation 'helsingin-typp'; did you mean 'helsingin-typ'?",
    ),
    (
        ["authority", "hankinna"],
        "no function 'hankinna'; did you mean 'hankinnat'?",
    ),
    (
        ["report", "audit", "opetusvirastto", "--out", "o"],
        "no function or organisation 'opetusvirastto'; did you mean 'opetusvirasto'?",
    ),
    (["show", "kj-2016-95"], "no record 'kj-2016-95'; did you mean 'kj-2016-59'?"),
    (["validate", "kj-2016-95"], "no decision 'kj-2016-95'; did you mean 'kj-2016-59'?"),
    (["check", "kp-2021-55"], "no decision 'kp-2021-55' in the records; did you mean 'kp-2021-5'?"),
    (
        ["deadline", "kh-2021-89", "--published", "1.6.2025"],
        "no decision 'kh-2021-89' in the records; did you mean 'kh-2021-898'?",
    ),
    (
        ["draft", "regenerate", "kp-2021-55"],
        "no decision 'kp-2021-55' in the records; did you mean 'kp-2021-5'?",
    ),
    (["render", "kj-2016-5", "--format", "txt"], "no decision 'kj-2016-5'; did you mean 'kj-2016-59'?"),
    (
        ["new", "working-group", "--maker", "kanslia"],
        "unknown decision maker 'kanslia'; did you mean 'kansliapaallikko'?",
    ),
]


@pytest.mark.parametrize(("command", "message"), TYPOS, ids=lambda v: v[0] if isinstance(v, list) else "")
def test_a_misspelt_id_is_a_usage_error(
    command: list[str], message: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = copy_records(tmp_path / "elsewhere")
    result = invoke(tmp_path, [*command, "-C", str(repo)], monkeypatch)
    assert (result.exit_code, result.output.splitlines()[-1]) == (2, f"Error: {message}")


def test_dates_are_iso_or_finnish_everywhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    copy_records(tmp_path)
    for command in (
        ["build", "-C", "records", "--out", "site", "--format", "txt", "--no-reports", "--as-of", "1.6.2017"],
        ["new", "note-report", "--maker", "kansliapaallikko", "--date", "20.12.2021", "-C", "records"],
        ["responsibilities", "-C", "records", "--as-of", "1.6.2017"],
        ["responsibilities", "-C", "records", "--at", "2017-06-01"],  # the old name, hidden
    ):
        result = invoke(tmp_path, command, monkeypatch)
        assert result.exit_code == 0, (command, result.output)


def test_formats_are_a_comma_list_and_repeatable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    copy_records(tmp_path)
    result = invoke(
        tmp_path,
        ["render", "kj-2016-59", "-C", "records", "--format", "txt,html", "--format", "txt", "--out", "o"],
        monkeypatch,
    )
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "o").iterdir()) == ["kj-2016-59.html", "kj-2016-59.txt"]
    bad = invoke(
        tmp_path, ["report", "followup", "-C", "records", "--out", "r", "--format", "html,odt"], monkeypatch
    )
    assert (bad.exit_code, bad.output.splitlines()[-1]) == (
        2,
        "Error: Invalid value for '--format': unknown format 'odt'; choose from html, pdf, docx, txt",
    )


def complete(args: str, monkeypatch: pytest.MonkeyPatch, cwd: Path) -> list[str]:
    """What bash completion offers for the last word of ``args``."""
    monkeypatch.chdir(cwd)
    words = f"govdocs {args}"
    env = {
        "_GOVDOCS_COMPLETE": "bash_complete",
        "COMP_WORDS": words,
        "COMP_CWORD": str(len(words.split()) - (0 if words.endswith(" ") else 1)),
    }
    result = CliRunner().invoke(cli, [], env=env, prog_name="govdocs")
    return [line.split(",", 1)[1] for line in result.output.splitlines()]


def test_shell_completion(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    copy_records(tmp_path)
    repo = tmp_path / "records"
    assert complete("resp", monkeypatch, repo) == ["responsibilities"]
    assert complete("show kj", monkeypatch, repo) == ["kj-2016-59"]
    assert complete("check kh", monkeypatch, repo) == ["kh-2021-858", "kh-2021-898"]
    every = sorted(p.stem for p in (repo / "decisions").rglob("*.yaml"))
    assert complete("check k", monkeypatch, repo) == [i for i in every if i.startswith("k")]
    assert complete("obligations --owner kaupunginkanslia-e", monkeypatch, repo) == [
        "kaupunginkanslia-elinkeino-osasto"
    ]
    assert complete("show -C records kj", monkeypatch, tmp_path) == ["kj-2016-59"]
    assert complete("new work", monkeypatch, repo) == ["working-group"]
    assert complete("render kj-2016-59 --format pdf,", monkeypatch, repo) == [
        "pdf,html",
        "pdf,docx",
        "pdf,txt",
    ]
    assert complete("obligations --status over", monkeypatch, repo) == ["overdue"]


def test_completion_is_cheap(tmp_path: Path) -> None:
    """A Tab reads file names and registry.yaml only: neither the models
    (pydantic) nor the checks are imported."""
    import subprocess
    import sys

    repo = copy_records(tmp_path)
    code = (
        "import sys\nsys.argv = ['govdocs']\nfrom govdocs.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'pydantic' or m.startswith('govdocs.checks')))\n"
    )
    env = {"_GOVDOCS_COMPLETE": "bash_complete", "COMP_WORDS": "govdocs check kp", "COMP_CWORD": "2"}
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=repo,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.splitlines() == ["plain,kp-2021-5", "[]"]

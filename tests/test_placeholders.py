"""Placeholders (TÄYTÄ) that `govdocs new` leaves: warnings while drafting,
errors for anything that makes the final document unless --draft."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from govdocs.cli import cli
from tests import builders

FILE = "decisions/2016/kj-2016-1.yaml"
MESSAGE = "still to write: TÄYTÄ: otsikko; write it, or give --draft for a draft copy"


@pytest.fixture
def draft(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = builders.write_repo(tmp_path / "records", builders.decision(title="TÄYTÄ: otsikko"))
    monkeypatch.chdir(root)
    return root


def _run(*args: str) -> tuple[int, list[str]]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output.splitlines()


def test_validate_warns(draft: Path) -> None:
    assert _run("validate") == (
        0,
        [f"{FILE}:5:9: warning: {MESSAGE}", "0 error(s), 1 warning(s) in 1 record file(s)"],
    )


def test_validate_strict_refuses_unless_draft(draft: Path) -> None:
    assert _run("validate", "--strict") == (
        1,
        [f"{FILE}:5:9: error: {MESSAGE}", "1 error(s), 0 warning(s) in 1 record file(s)"],
    )
    assert _run("validate", "--strict", "--draft")[0] == 0


def test_render_refuses_unless_draft(draft: Path) -> None:
    assert _run("render", "kj-2016-1", "--format", "txt", "--out", "out") == (
        1,
        [f"{FILE}:5:9: error: {MESSAGE}", "1 error(s): nothing rendered"],
    )
    assert not (draft / "out").exists()
    code, lines = _run("render", "kj-2016-1", "--format", "txt", "--out", "out", "--draft")
    assert code == 0, lines
    assert "TÄYTÄ: otsikko" in (draft / "out" / "kj-2016-1.txt").read_text(encoding="utf-8")


def test_build_refuses_unless_draft(draft: Path, tmp_path: Path) -> None:
    common = ["build", "--formats", "txt", "--no-reports", "--cache-dir", str(tmp_path / "cache"), "--out"]
    code, lines = _run(*common, "out")
    assert (code, lines[0]) == (1, f"{FILE}:5:9: error: {MESSAGE}")
    assert not (draft / "out").exists()
    code, lines = _run(*common, "out", "--draft")
    assert code == 0, lines
    assert "TÄYTÄ: otsikko" in (draft / "out" / "kj-2016-1.txt").read_text(encoding="utf-8")


def test_a_comment_is_not_a_placeholder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = builders.write_repo(tmp_path / "records", builders.decision())
    path = root / FILE
    path.write_text(
        "# Write every value that starts with TÄYTÄ\n"
        + path.read_text(encoding="utf-8").replace(
            "title: Palvelun siirto", "title: Palvelun siirto  # was TÄYTÄ"
        ),
        encoding="utf-8",
    )
    monkeypatch.chdir(root)
    assert _run("validate") == (0, ["0 error(s), 0 warning(s) in 1 record file(s)"])


def test_each_placeholder_of_a_flow_mapping_is_named_alone() -> None:
    from govdocs.checks.placeholders import placeholders_in
    from govdocs.read.yamlsource import SourceDoc

    line = '  - {name: "TÄYTÄ: nimi", role: jäsen, title: "TÄYTÄ: titteli"}\n'
    found = list(placeholders_in(SourceDoc("x.yaml", None, "members:\n" + line)))
    assert [(p.span, p.message) for p in found] == [
        ((2, 13), "still to write: TÄYTÄ: nimi"),
        ((2, 48), "still to write: TÄYTÄ: titteli"),
    ]

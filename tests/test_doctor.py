"""govdocs doctor says what rendering needs and whether it is here."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

import govdocs.typeset.fonts as fonts
from govdocs.cli import cli
from govdocs.writers.environment import diagnose


def test_this_machine_has_everything() -> None:
    result = CliRunner().invoke(cli, ["doctor"])
    assert result.exit_code == 0, result.output
    names = [line.split()[0] for line in result.stdout.splitlines()[:-1]]
    assert names == ["fonts", "weasyprint", "libharfbuzz-subset0", "python-docx", "pypdfium2", "voikko",
                     "pdftotext", "soffice"]
    assert result.stdout.splitlines()[-1] == "everything rendering needs is here"
    assert "WeasyPrint 70.0" in result.stdout


def test_missing_fonts_fail(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(fonts, "FONT_DIR", tmp_path)
    result = CliRunner().invoke(cli, ["doctor"])
    assert result.exit_code == 1
    line = result.stdout.splitlines()[0]
    assert line.split()[:2] == ["fonts", "MISSING"]
    assert "NotoSans-Regular.ttf" in line
    assert result.stderr == "missing: fonts\n"


def test_optional_tools_never_fail(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "/nonexistent")
    checks = {check.name: check for check in diagnose()}
    assert not checks["pdftotext"].ok and not checks["pdftotext"].required
    assert "apt-get install poppler-utils" in checks["pdftotext"].detail
    assert all(check.ok for check in checks.values() if check.required)

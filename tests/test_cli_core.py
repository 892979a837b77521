"""validate / schema / help: exit codes, formats and the docs generated
from the code."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from govdocs.cli import COMMANDS, cli
from govdocs.docs import generated
from govdocs.read.yamlsource import load_file
from tests.bundled import RECORD_FILES, warnings
from tests.conftest import ROOT, SEED


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output


def test_validate_clean_records_exit_0_and_print_warnings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    code, out = run("validate", "decisions/")
    assert code == 0
    assert out.splitlines()[0] == (
        f"{SEED}:9:3: warning: the decision date is not stated; Hallintolaki 44 § requires it"
    )
    assert out.splitlines()[-1] == f"0 error(s), {warnings()} warning(s) in {len(RECORD_FILES)} record file(s)"


def test_strict_turns_warnings_into_errors(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    code, out = run("validate", "--strict")
    assert code == 1
    assert out.splitlines()[-1] == f"{warnings()} error(s), 0 warning(s) in {len(RECORD_FILES)} record file(s)"


def test_json_format_for_machines(
    records: Path, edit: Callable[[str, str, str], Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    edit(SEED, "    scope: mostly\n", "    scope: mostyl\n")
    monkeypatch.chdir(records)
    code, out = run("validate", "--format", "json")
    payload = json.loads(out)
    assert code == 1
    assert (payload["ok"], payload["errors"], payload["warnings"], payload["files"]) == (
        False,
        1,
        warnings(outside=SEED),
        len(RECORD_FILES),
    )  # the broken seed's own warnings wait for its error
    error = next(p for p in payload["problems"] if p["severity"] == "error")
    assert (error["file"], error["line"], error["column"], error["code"]) == (SEED, 169, 12, "enum")


def test_no_registry_is_a_usage_error(tmp_path: Path) -> None:
    code, out = run("validate", str(tmp_path))
    assert code == 2
    assert f"Error: no registry.yaml in {tmp_path} or any folder above it" in out


def test_missing_path_is_a_usage_error() -> None:
    code, out = run("validate", "no/such/folder")
    assert code == 2
    assert "does not exist" in out


def test_registry_problems_are_located(
    records: Path, edit: Callable[[str, str, str], Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    (records / "registry.yaml").write_text(
        (records / "registry.yaml")
        .read_text(encoding="utf-8")
        .replace("    kind: office\n", "    kind: offcie\n", 1),
        encoding="utf-8",
    )
    monkeypatch.chdir(records)
    code, out = run("validate")
    assert code == 1
    text = (records / "registry.yaml").read_text(encoding="utf-8")
    line = text[: text.index("    kind: offcie\n")].count("\n") + 1
    assert out.splitlines()[0] == (
        f"registry.yaml:{line}:11: error: organisations[0].kind: expected one of 'division', 'department', "
        "'office', 'unit', 'enterprise', 'company', 'external'; found str 'offcie'; did you mean 'office'?"
    )


def test_schema_validates_the_real_records() -> None:
    code, out = run("schema")
    assert code == 0
    schema = json.loads(out)
    # read as an editor's YAML 1.2 language server does: dates stay strings
    for path in sorted((ROOT / "decisions").rglob("*.yaml")):
        jsonschema.validate(load_file(path).data, schema)
    registry_schema = json.loads(run("schema", "--registry")[1])
    jsonschema.validate(load_file(ROOT / "registry.yaml").data, registry_schema)


def test_schema_rejects_an_unknown_key() -> None:
    schema = json.loads(run("schema")[1])
    record = load_file(ROOT / SEED).data
    record["paatos"] = "x"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(record, schema)


def test_generated_docs_are_up_to_date() -> None:
    stale = [
        str(p.relative_to(ROOT))
        for p, text in generated().items()
        if not p.exists() or p.read_text(encoding="utf-8") != text
    ]
    assert stale == [], "run: .venv/bin/python -m govdocs.docs"


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_has_help_with_an_example(name: str) -> None:
    code, out = run(name, "--help")
    assert code == 0
    assert "Examples:" in out and f"govdocs {name}" in out


def test_help_does_not_import_heavy_modules() -> None:
    heavy = "('weasyprint', 'pydantic', 'docx')"
    probe = f"import sys; from govdocs.cli import main; print(sorted(m for m in {heavy} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_version() -> None:
    assert run("--version") == (0, "govdocs, version 0.1.0\n")

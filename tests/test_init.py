"""`govdocs init`: a records repository that validates, whose first `new`
record validates against the schemas it wrote, and that never overwrites
or writes through a link."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml
from click.testing import CliRunner

from govdocs import __version__
from govdocs.cli import cli
from govdocs.drafting.init import SOURCE
from govdocs.read.yamlsource import load_file
from tests.conftest import ROOT

FILES = [
    "registry.yaml",
    "decisions/README.md",
    ".vscode/settings.json",
    ".pre-commit-config.yaml",
    ".github/workflows/govdocs.yml",
    ".gitignore",
    "docs/decision.schema.json",
    "docs/registry.schema.json",
]


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def made(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    code, out, err = run("init", "records")
    assert (code, err) == (0, "")
    assert out.splitlines()[: len(FILES)] == [f"wrote records/{name}" for name in FILES]
    return tmp_path / "records"


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_init_then_new_gives_a_record_the_schemas_accept(made: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(made)
    code, out, _ = run("new", "working-group", "--maker", "kunnanjohtaja", "--date", "2026-03-02")
    assert code == 0, out
    record = made / "decisions" / "2026" / "kunnanjohtaja-2026-1.yaml"
    assert out.startswith(f"{record}: kunnanjohtaja-2026-1 (§ 1, ESIM 2026-000001)")
    # the modeline `new` writes names the schema `init` wrote
    modeline = record.read_text(encoding="utf-8").splitlines()[0]
    assert modeline.startswith("# yaml-language-server: $schema=")
    schema_path = (record.parent / modeline.split("$schema=", 1)[1]).resolve()
    assert schema_path == made / "docs" / "decision.schema.json"
    # read as an editor's YAML language server does: dates stay strings
    jsonschema.validate(load_file(record).data, json.loads(schema_path.read_text(encoding="utf-8")))
    registry_schema = json.loads((made / "docs" / "registry.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(load_file(made / "registry.yaml").data, registry_schema)
    assert run("validate")[0] == 0


def test_a_fresh_repository_validates_without_a_warning(made: Path) -> None:
    code, out, _ = run("validate", str(made))
    assert (code, out) == (0, "0 error(s), 0 warning(s) in 0 record file(s)\n")


def test_the_schemas_are_this_version_s_and_the_editor_uses_them(made: Path) -> None:
    for name in ("decision.schema.json", "registry.schema.json"):
        assert (made / "docs" / name).read_bytes() == (ROOT / "docs" / name).read_bytes()
    settings = json.loads((made / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    assert settings["yaml.schemas"] == {
        "docs/decision.schema.json": "decisions/**/*.yaml",
        "docs/registry.schema.json": "registry.yaml",
    }
    first = (made / "registry.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=docs/registry.schema.json"


def test_ci_and_hook_install_this_version_from_the_source(made: Path) -> None:
    workflow = made / ".github" / "workflows" / "govdocs.yml"
    assert workflow.read_bytes() == (ROOT / "docs" / "ci" / "github-actions.yml").read_bytes()
    assert yaml.safe_load(workflow.read_text())["env"]["GOVDOCS"] == f"govdocs @ git+{SOURCE}@v{__version__}"
    (repo,) = yaml.safe_load((made / ".pre-commit-config.yaml").read_text())["repos"]
    assert repo == {"repo": SOURCE, "rev": f"v{__version__}", "hooks": [{"id": "govdocs-validate"}]}
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    assert hook["id"] == "govdocs-validate"


def test_source_names_where_govdocs_comes_from(tmp_path: Path) -> None:
    url = "https://git.example.org/city/govdocs"
    assert run("init", str(tmp_path / "r"), "--source", url)[0] == 0
    workflow = yaml.safe_load((tmp_path / "r" / ".github" / "workflows" / "govdocs.yml").read_text())
    assert workflow["env"]["GOVDOCS"] == f"govdocs @ git+{url}@v{__version__}"
    hooks = yaml.safe_load((tmp_path / "r" / ".pre-commit-config.yaml").read_text())
    assert hooks["repos"][0]["repo"] == url


@pytest.mark.parametrize("url", ['https://x.org/g"\nevil: 1', "govdocs", "https://x.org/a b", ""])
def test_a_source_that_is_no_git_url_is_a_usage_error(tmp_path: Path, url: str) -> None:
    code, _, err = run("init", str(tmp_path / "r"), "--source", url)
    assert code == 2 and "is not a git URL; give one like https://github.com/ORGANISATION/govdocs" in err
    assert not (tmp_path / "r").exists()


def test_it_never_overwrites_and_writes_nothing_when_it_refuses(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "records").mkdir()
    (tmp_path / "records" / "registry.yaml").write_text("mine\n")
    (tmp_path / "records" / ".gitignore").write_text("also mine\n")
    code, out, err = run("init", "records")
    assert code == 1
    assert out == (
        "records/registry.yaml: error: exists already; govdocs init never overwrites a file\n"
        "records/.gitignore: error: exists already; govdocs init never overwrites a file\n"
    )
    assert err == "Error: 2 file(s) in the way; nothing written\n"
    assert tree(tmp_path / "records") == {"registry.yaml": b"mine\n", ".gitignore": b"also mine\n"}


def test_it_never_writes_through_a_link(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    outside = tmp_path / "outside"
    outside.mkdir()
    (tmp_path / "records").mkdir()
    (tmp_path / "records" / ".vscode").symlink_to(outside)
    (tmp_path / "records" / ".gitignore").symlink_to(outside / "gitignore")
    code, out, err = run("init", "records")
    assert code == 1
    assert out == (
        "records/.vscode/settings.json: error: .vscode/ is a symbolic link; govdocs init writes nothing through links\n"
        "records/.gitignore: error: is a symbolic link; govdocs init writes nothing through links\n"
    )
    assert err == "Error: 2 file(s) in the way; nothing written\n"
    assert list(outside.iterdir()) == []
    assert sorted(p.name for p in (tmp_path / "records").iterdir()) == [".gitignore", ".vscode"]


def test_a_file_in_the_way_of_a_folder_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "records").mkdir()
    (tmp_path / "records" / "docs").write_text("a file\n")
    code, out, _ = run("init", "records")
    assert code == 1
    assert out.splitlines()[:2] == [
        "records/docs/decision.schema.json: error: docs is a file, not a folder",
        "records/docs/registry.schema.json: error: docs is a file, not a folder",
    ]
    (tmp_path / "afile").write_text("x\n")
    assert run("init", "afile") == (
        1, "afile: error: exists and is not a folder\n", "Error: 1 file(s) in the way; nothing written\n"
    )

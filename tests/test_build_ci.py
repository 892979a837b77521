"""The CI examples cannot drift: every govdocs command in the example
workflow parses with today's options, and the pre-commit hook runs
`govdocs validate` on the files it claims to watch."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import click
import yaml

from govdocs import __version__
from govdocs.cli import cli

ROOT = Path(__file__).resolve().parents[1]


def govdocs_commands() -> list[list[str]]:
    workflow = yaml.safe_load((ROOT / "docs/ci/github-actions.yml").read_text())
    found = []
    for job in workflow["jobs"].values():
        for step in job["steps"]:
            for line in str(step.get("run", "")).splitlines():
                if line.startswith("govdocs "):
                    found.append(shlex.split(line.replace("${{ matrix.shard }}", "1"))[1:])
    return found


def test_the_workflow_validates_builds_shards_merges_and_publishes_the_site() -> None:
    commands = govdocs_commands()
    assert [c[0] for c in commands] == ["validate", "build", "build", "site"]
    assert "--junit" in commands[0] and "--shard" in commands[1] and "--merge" in commands[2]
    workflow = yaml.safe_load((ROOT / "docs" / "ci" / "github-actions.yml").read_text())
    assert workflow[True]["schedule"]  # 'on': the daily run that removes names on time
    assert workflow["jobs"]["pages"]["needs"] == "publish"


def test_every_govdocs_command_in_the_workflow_parses() -> None:
    # the group's own context settings (-h): click caches a command's help option on first use,
    # and a bare context would leave docs/cli.md's "-h, --help" as "--help" for later tests
    root = click.Context(cli, info_name="govdocs", **cli.context_settings)
    for args in govdocs_commands():
        name, rest = args[0], args[1:]
        command = cli.get_command(root, name)
        assert command is not None
        rest = [arg if not arg.startswith("site-") else str(ROOT) for arg in rest]  # PATHs must exist
        command.make_context(name, rest, parent=root)  # raises on an unknown option or a bad value


def test_the_pre_commit_hook_validates_on_record_changes() -> None:
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    assert hook["id"] == "govdocs-validate" and hook["entry"] == "govdocs validate"
    assert hook["pass_filenames"] is False
    watched = re.compile(hook["files"])
    assert watched.search("registry.yaml") and watched.search("decisions/2016/kj-2016-59.yaml")
    assert not watched.search("README.md")


def test_the_workflow_installs_govdocs_from_its_git_repository_at_this_version() -> None:
    workflow = yaml.safe_load((ROOT / "docs/ci/github-actions.yml").read_text())
    assert workflow["env"]["GOVDOCS"] == f"govdocs @ git+https://github.com/<org>/govdocs@v{__version__}"
    steps = [step for job in workflow["jobs"].values() for step in job["steps"]]
    installs = [step["run"] for step in steps if "pip install" in str(step.get("run", ""))]
    assert installs == ['pip install "$GOVDOCS"'] * 3
    # setup-python's pip cache needs a file to key on; a records repository has no requirements file
    for step in steps:
        if step.get("with", {}).get("cache") == "pip":
            assert step["with"]["cache-dependency-path"] == ".github/workflows/govdocs.yml"


def test_the_pre_commit_hook_installs_the_package_itself() -> None:
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    # language: python makes pre-commit pip-install this repository: it must be a whole package
    assert hook["language"] == "python" and "additional_dependencies" not in hook

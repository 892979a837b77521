"""``export --format oparl``: every object file is valid against the shared
OParl 1.1 schema of its type (embedded objects too), every link names a
written file, and ``created``/``modified`` are the first and last commit
of the record, read from real git history."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

import govdocs
from govdocs.publish.export import DEFAULT_BASE_URL, ExportOptions, export_files
from tests import builders
from tests.render_helpers import ROOT
from tests.schema_check import problems

TYPE = "https://schema.oparl.org/1.1/"


@pytest.fixture(scope="module")
def exported() -> dict[str, Any]:
    return export_files(govdocs.load(ROOT), "oparl", ExportOptions(as_of=date(2030, 1, 1)))


def objects(value: Any) -> Iterator[dict[str, Any]]:
    """Every OParl object in ``value``, embedded ones included."""
    if isinstance(value, dict):
        if str(value.get("type", "")).startswith(TYPE):
            yield value
        for inner in value.values():
            yield from objects(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from objects(inner)


def test_every_object_is_valid_against_its_schema(exported: dict[str, Any]) -> None:
    found = [
        f"{path} {o['id']}: {line}"
        for path, value in exported.items() for o in objects(value)
        for line in problems("oparl-1.1", o["type"].removeprefix(TYPE), o)
    ]
    kinds = {o["type"].removeprefix(TYPE) for value in exported.values() for o in objects(value)}
    assert kinds == {"System", "Body", "Organization", "Person", "Membership", "Meeting", "AgendaItem",
                     "Paper", "Consultation", "File"}
    assert found == []


def test_the_validation_rejects_a_broken_object(exported: dict[str, Any]) -> None:
    paper = exported["paper/kylk-2021-659.json"]
    assert problems("oparl-1.1", "Paper", {**paper, "modified": "yesterday"})
    assert problems("oparl-1.1", "Body", {"id": "x", "type": f"{TYPE}Body"})


def test_every_link_names_a_written_file(exported: dict[str, Any]) -> None:
    def links(value: Any) -> Iterator[str]:
        if isinstance(value, str) and value.startswith(DEFAULT_BASE_URL):
            yield value.removeprefix(DEFAULT_BASE_URL)
        elif isinstance(value, dict | list):
            for inner in value.values() if isinstance(value, dict) else value:
                yield from links(inner)

    dangling = sorted({link for value in exported.values() for link in links(value)} - set(exported))
    assert dangling == []


def test_the_base_url_prefixes_every_id() -> None:
    files = export_files(govdocs.load(ROOT), "oparl",
                         ExportOptions(as_of=date(2030, 1, 1), base_url="https://example.org/oparl/"))
    assert files["paper/kylk-2021-659.json"]["id"] == "https://example.org/oparl/paper/kylk-2021-659.json"


def _git(root: Path, *args: str, day: str) -> None:
    stamp = f"{day}T12:00:00+02:00"
    env = {**os.environ, "GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp, "GIT_CONFIG_GLOBAL": os.devnull,
           "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True)


def test_created_and_modified_are_the_first_and_last_commit(tmp_path: Path) -> None:
    root = builders.write_repo(tmp_path / "records", builders.decision(),
                               builders.decision(id="kj-2016-2", number=2))
    _git(root, "init", "-q", day="2020-01-01")
    _git(root, "add", ".", day="2020-01-01")
    _git(root, "commit", "-qm", "first", day="2020-01-01")
    record = root / "decisions" / "2016" / "kj-2016-1.yaml"
    record.write_text(record.read_text(encoding="utf-8").replace("Palvelun siirto", "Palvelun siirto ja muutos"),
                      encoding="utf-8")
    _git(root, "commit", "-qam", "second", day="2021-03-04")
    (root / "decisions" / "2016" / "kj-2016-3.yaml").write_text(
        (root / "decisions" / "2016" / "kj-2016-2.yaml").read_text(encoding="utf-8")
        .replace("kj-2016-2", "kj-2016-3").replace("number: 2", "number: 3"), encoding="utf-8")
    files = export_files(govdocs.load(root), "oparl", ExportOptions(as_of=date(2030, 1, 1)))
    changed, kept = files["paper/kj-2016-1.json"], files["paper/kj-2016-2.json"]
    assert (changed["created"], changed["modified"]) == ("2020-01-01T12:00:00+02:00", "2021-03-04T12:00:00+02:00")
    assert (kept["created"], kept["modified"]) == ("2020-01-01T12:00:00+02:00", "2020-01-01T12:00:00+02:00")
    never = files["paper/kj-2016-3.json"]
    assert "created" not in never and "modified" not in never  # not committed: no dates (see docs/export.md)

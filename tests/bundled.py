"""What the bundled records are, for tests whose expected counts depend on
them: derived from decisions/ so a newly encoded decision changes no test
but the ones about it."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import govdocs

ROOT = Path(__file__).resolve().parents[1]

RECORD_FILES = tuple(sorted(p.stem for p in (ROOT / "decisions").rglob("*.yaml")))
"""Every bundled record file's stem: decisions and meetings."""

MEETINGS = tuple(
    sorted(
        p.stem
        for p in (ROOT / "decisions").rglob("*.yaml")
        if "\nrecord: meeting\n" in p.read_text(encoding="utf-8")
    )
)
"""The bundled meeting records' ids (files with ``record: meeting``)."""

BUNDLED = tuple(stem for stem in RECORD_FILES if stem not in MEETINGS)
"""Every bundled decision's id (its file's stem)."""


def bundled_in(folder: str) -> tuple[str, ...]:
    """The ids under ``decisions/<folder>``."""
    return tuple(sorted(p.stem for p in (ROOT / "decisions" / folder).rglob("*.yaml")))


@cache
def warnings(*, outside: str | None = None, within: str | None = None) -> int:
    """How many warnings the bundled records get (they have no errors),
    leaving out the file ``outside`` or counting only files under ``within``."""
    files = [_from_root(p.file) for p in govdocs.load(ROOT).problems if not p.is_error]
    return sum(1 for f in files if f != outside and (within is None or f.startswith(within)))


def _from_root(shown: str) -> str:
    """A problem's file (shown relative to the working folder) relative to ROOT."""
    return (Path.cwd() / shown).resolve().relative_to(ROOT).as_posix()


def _documents() -> tuple[str, ...]:
    """Read from the records, not from the kinds table: each decision, and
    of each meeting its agenda, its minutes (when an item has a decision
    record: a meeting whose items are all pending has none yet) and the
    extract of each item whose decision lists recipients."""
    import yaml

    records = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in (ROOT / "decisions").rglob("*.yaml")]
    extracted = {r["id"] for r in records if (r.get("distribution") or {}).get("extracts")}
    stems = [r["id"] for r in records if r.get("record") != "meeting"]
    for meeting in (r for r in records if r.get("record") == "meeting"):
        stems.append(f"{meeting['id']}-esityslista")
        if any(i.get("decision") for i in meeting.get("agenda", [])):  # minutes of an item decided on record
            stems.append(f"{meeting['id']}-poytakirja")
        stems += [f"{i['decision']}-ote" for i in meeting.get("agenda", []) if i.get("decision") in extracted]
    return tuple(sorted(stems))


DOCUMENTS = _documents()
"""Every document stem a build of the bundled records makes besides the
reports: the decisions and the meetings' documents."""


def copy_registry(dest: Path) -> None:
    """Copy the bundled registry into ``dest``: registry.yaml and the
    further municipalities' registries it lists (registries/)."""
    import shutil

    shutil.copy(ROOT / "registry.yaml", dest / "registry.yaml")
    shutil.copytree(ROOT / "registries", dest / "registries", dirs_exist_ok=True)

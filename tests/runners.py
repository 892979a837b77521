"""CI runners in a test: a build through the command line with a local
cache (its own $XDG_CACHE_HOME) and output folder of its own, and the
one remote cache they share (`Cache`; the fixtures ``http_cache``,
``s3_cache`` and ``cache`` in conftest.py start one on 127.0.0.1)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from click.testing import CliRunner

from govdocs.cli import cli
from tests.bundled import DOCUMENTS

SUMMARY = re.compile(
    r"^built (\d+), reused (\d+) \((\d+) from cache\), removed \d+, "
    r"(?:remote cache: (\d+) fetched, (\d+) uploaded, )?(\d+) warning\(s\), [\d.]+ s$"
)


@dataclass
class Cache:
    """One remote cache under test, and a way to reach its storage directly."""

    url: str
    endpoint: str | None
    stored: Callable[[], dict[str, bytes]]
    """Everything in it, by 'space/name' under the prefix."""
    overwrite: Callable[[str, bytes], None]
    """Replace what is stored under 'space/name' (an attacker with access)."""

    def options(self) -> list[str]:
        return ["--cache-url", self.url, *(["--cache-endpoint", self.endpoint] if self.endpoint else [])]


@dataclass
class Run:
    code: int
    output: str
    built: int
    restored: int
    fetched: int | None
    uploaded: int | None
    warnings: list[str]


def run(
    records: Path,
    out: Path,
    xdg: Path,
    *extra: str,
    env: dict[str, str] | None = None,
    formats: str = "txt,html",
    reports: bool = False,
) -> Run:
    """One runner's build: its own local cache ``xdg`` and output folder."""
    args = [
        "build",
        "-C",
        str(records),
        "--out",
        str(out),
        "-f",
        formats,
        "-j",
        "1",
        "--reports" if reports else "--no-reports",
        "--as-of",
        "2024-01-01",
        *extra,
    ]
    result = CliRunner().invoke(cli, args, env={"XDG_CACHE_HOME": str(xdg), **(env or {})})
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    lines = result.output.splitlines()
    warnings = [line for line in lines if "warning:" in line and "/decisions/" not in line]
    found = SUMMARY.match(lines[-1]) if lines else None
    if not found:
        return Run(result.exit_code, result.output, -1, -1, None, None, warnings)
    built, _, restored, fetched, uploaded, _ = found.groups()
    return Run(
        result.exit_code,
        result.output,
        int(built),
        int(restored),
        None if fetched is None else int(fetched),
        None if uploaded is None else int(uploaded),
        warnings,
    )


def bundled(records: Path) -> int:
    """How many outputs a text-and-HTML build of the records (a copy of the bundled ones) makes, no reports."""
    return 2 * len(DOCUMENTS)


def tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }

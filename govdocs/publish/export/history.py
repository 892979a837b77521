"""When a record was first and last committed: OParl's ``created`` and
``modified``, from the repository's real git history
(``git log --follow``, committer dates).

A file never committed (or a repository without git) has neither date:
its modification time is not a fact of the record, and the export's bytes
must not depend on the checkout. Uncommitted edits of a committed file
do not move ``modified``: the export describes the committed history.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["Dates", "GitDates"]


@dataclass(frozen=True)
class Dates:
    created: str
    """ISO 8601 with offset, the first commit's committer date."""
    modified: str
    """The same for the last commit."""


@dataclass
class GitDates:
    """The commit dates of files under ``root``, asked once per file."""

    root: Path
    _known: dict[Path, Dates | None] = field(default_factory=dict)

    def of(self, path: Path) -> Dates | None:
        """The dates of ``path``; None when it was never committed."""
        path = path.resolve()
        if path not in self._known:
            self._known[path] = self._ask(path)
        return self._known[path]

    def _ask(self, path: Path) -> Dates | None:
        git = shutil.which("git")
        if git is None:
            return None
        run = subprocess.run(
            [git, "log", "--format=%cI", "--follow", "--", str(path)],
            cwd=path.parent, capture_output=True, text=True, check=False,
        )
        stamps = run.stdout.split() if run.returncode == 0 else []
        return Dates(created=stamps[-1], modified=stamps[0]) if stamps else None

"""The one error family: every exception govdocs raises on purpose.

Each error knows its exit code and says what went wrong in one line; the
command line prints it once, in `govdocs.cli`, and exits with that code.
Anything else that escapes is a bug in govdocs (exit 3).

| class | exit | for |
|---|---|---|
| `UsageError` | 2 | how govdocs was called: an unknown id, no records repository, a bad option value |
| `InputError` | 1 | what the records or other input files hold (located `Problem` values when known) |
| `EnvironmentFailure` | 1 | the machine: a busy port, an unwritable or full output folder |
"""

from __future__ import annotations

import errno
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from govdocs.problems import Problem

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3


class GovdocsError(Exception):
    """Base of the family. ``hint`` (a class attribute) says how to fix the
    whole class of error; ``problems`` are located problems to print first."""

    exit_code: int = EXIT_PROBLEMS
    hint: str = ""

    def __init__(self, message: str = "", *, exit_code: int | None = None):
        super().__init__(message)
        self.message = message
        if exit_code is not None:
            self.exit_code = exit_code

    @property
    def problems(self) -> Sequence[Problem]:
        return ()

    def format(self) -> str:
        """The one line the command line prints after ``Error:``."""
        message = self.message or str(self)
        return f"{message}; {self.hint}" if self.hint else message


class UsageError(GovdocsError):
    """govdocs was asked for something that does not exist or cannot be
    done as asked: exit 2."""

    exit_code = EXIT_USAGE


class InputError(GovdocsError):
    """Something wrong in the records or another input file: exit 1."""

    exit_code = EXIT_PROBLEMS


class EnvironmentFailure(GovdocsError):
    """The machine refuses: a port in use, a folder that cannot be written,
    a full disk. Not the records' fault and not a bug: exit 1."""

    exit_code = EXIT_PROBLEMS


_ENVIRONMENT_ERRNOS = {
    errno.EACCES: "permission denied",
    errno.EPERM: "operation not permitted",
    errno.EROFS: "read-only file system",
    errno.ENOSPC: "no space left on the device",
    errno.EDQUOT: "disk quota exceeded",
    errno.ENOTDIR: "a file stands where a folder is needed",
    errno.EISDIR: "a folder stands where a file is needed",
    errno.EEXIST: "a file stands where a folder is needed",
    errno.EADDRINUSE: "the port is already in use; give another with --port (0: any free one)",
    errno.EADDRNOTAVAIL: "the address is not available on this machine",
}


def environment_failure(exc: OSError) -> EnvironmentFailure | None:
    """The family's error for an `OSError` the machine caused (permissions,
    a full disk, a busy port), or None for one that means a bug (a file
    govdocs itself should have found)."""
    reason = _ENVIRONMENT_ERRNOS.get(exc.errno or 0)
    if reason is None:
        return None
    where = exc.filename if exc.filename is not None else ""
    return EnvironmentFailure(f"{where}: {reason}" if where else reason)

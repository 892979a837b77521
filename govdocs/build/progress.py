"""Progress while rendering: a bar that redraws itself on a terminal, and
plain, complete lines in a CI log (which cannot redraw)."""

from __future__ import annotations

import sys
import time
from typing import IO, Protocol


class Progress(Protocol):
    """What `build` reports while it renders."""

    def start(self, total: int) -> None: ...

    def advance(self, job_id: str) -> None: ...

    def finish(self) -> None: ...


class _Quiet:
    def start(self, total: int) -> None:
        pass

    def advance(self, job_id: str) -> None:
        pass

    def finish(self) -> None:
        pass


quiet: Progress = _Quiet()


class Lines:
    """One line per rendered source: ``[  12/1000] rendered kj-2016-59``."""

    def __init__(self, stream: IO[str]):
        self.stream = stream
        self.total = self.done = 0

    def start(self, total: int) -> None:
        self.total, self.done = total, 0

    def advance(self, job_id: str) -> None:
        self.done += 1
        width = len(str(self.total))
        print(f"[{self.done:>{width}}/{self.total}] rendered {job_id}", file=self.stream, flush=True)

    def finish(self) -> None:
        pass


class Bar(Lines):
    """A one-line bar redrawn at most ten times a second."""

    WIDTH = 30

    def start(self, total: int) -> None:
        super().start(total)
        self.started = self.drawn = time.monotonic()

    def advance(self, job_id: str) -> None:
        self.done += 1
        now = time.monotonic()
        if now - self.drawn >= 0.1 or self.done == self.total:
            self.drawn = now
            self._draw(job_id, now)

    def _draw(self, job_id: str, now: float) -> None:
        filled = self.WIDTH * self.done // max(self.total, 1)
        rate = self.done / max(now - self.started, 1e-9)
        bar = "#" * filled + "-" * (self.WIDTH - filled)
        line = f"\r[{bar}] {self.done}/{self.total} {rate:.1f}/s {job_id}"
        self.stream.write(line[:100].ljust(100))
        self.stream.flush()

    def finish(self) -> None:
        if self.total:
            self.stream.write("\n")
            self.stream.flush()


def for_stream(stream: IO[str] | None = None) -> Progress:
    """A bar on a terminal, plain lines otherwise."""
    stream = stream or sys.stderr
    return Bar(stream) if stream.isatty() else Lines(stream)

"""Progress while rendering: a bar that redraws itself on a terminal, and
plain, complete lines in a CI log (which cannot redraw)."""

from __future__ import annotations

import shutil
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
    """A one-line bar redrawn at most ten times a second, as wide as the
    terminal (one column spare, so it never wraps) and with an ETA:
    ``[#####-----] 120/1000 23.4/s ETA 0:38 kj-2016-59``."""

    MAX_BAR = 30

    def __init__(self, stream: IO[str], columns: int | None = None):
        super().__init__(stream)
        self.columns = columns

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
        self.stream.write("\r" + self.line(job_id, now - self.started))
        self.stream.flush()

    def line(self, job_id: str, elapsed: float) -> str:
        """The bar for ``elapsed`` seconds, exactly as wide as fits."""
        width = (self.columns or shutil.get_terminal_size().columns) - 1
        rate = self.done / max(elapsed, 1e-9)
        left = (self.total - self.done) / rate if rate > 0 else 0.0
        counts = f" {self.done}/{self.total} {rate:.1f}/s ETA {_clock(left)} "
        bar_width = min(self.MAX_BAR, width - len(counts) - 2 - 10)  # 10: room for the id
        bar_width = bar_width if bar_width >= 5 else 0
        filled = bar_width * self.done // max(self.total, 1)
        bar = f"[{'#' * filled}{'-' * (bar_width - filled)}]" if bar_width else ""
        text = f"{bar}{counts}{job_id}"
        return text[:width].ljust(width)

    def finish(self) -> None:
        if self.total:
            self.stream.write("\n")
            self.stream.flush()


def _clock(seconds: float) -> str:
    """0:38, 12:05, 1:02:03."""
    minutes, secs = divmod(round(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02}:{secs:02}" if hours else f"{minutes}:{secs:02}"


def for_stream(stream: IO[str] | None = None) -> Progress:
    """A bar on a terminal, plain lines otherwise."""
    stream = stream or sys.stderr
    return Bar(stream) if stream.isatty() else Lines(stream)

"""The build's progress bar fits the terminal and says when it will end."""

from __future__ import annotations

import io

import pytest

from govdocs.build.progress import Bar, Lines, for_stream


@pytest.mark.parametrize("columns", [20, 40, 80, 132])
def test_the_bar_never_wraps(columns: int) -> None:
    bar = Bar(io.StringIO(), columns)
    bar.start(1000)
    bar.done = 120
    line = bar.line("kj-2016-59-" + "x" * 200, 5.1)
    assert len(line) == columns - 1


def test_the_bar_shows_counts_rate_and_eta_on_80_columns() -> None:
    bar = Bar(io.StringIO(), 80)
    bar.start(1000)
    bar.done = 250
    assert bar.line("kj-2016-59", 10.0).rstrip() == (
        "[#######-----------------------] 250/1000 25.0/s ETA 0:30 kj-2016-59"
    )


def test_a_long_build_counts_hours() -> None:
    bar = Bar(io.StringIO(), 80)
    bar.start(10_000)
    bar.done = 10
    assert "ETA 2:46:30" in bar.line("a", 10.0)


def test_the_drawn_line_redraws_in_place() -> None:
    stream = io.StringIO()
    bar = Bar(stream, 60)
    bar.start(2)
    bar.advance("a")
    bar.advance("b")
    bar.finish()
    last = stream.getvalue().split("\r")[-1]
    assert last.endswith("\n") and len(last) == 60 and " 2/2 " in last


def test_a_pipe_gets_complete_lines() -> None:
    stream = io.StringIO()
    progress = for_stream(stream)
    assert isinstance(progress, Lines) and not isinstance(progress, Bar)
    progress.start(2)
    progress.advance("kj-2016-59")
    assert stream.getvalue() == "[1/2] rendered kj-2016-59\n"

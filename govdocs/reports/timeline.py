"""Timeline pictures (SVG) for the reports: rows of bars (who held what, a
working group's term) and markers (due dates) over a time axis.

One drawing routine, :func:`draw`, serves the follow-up report and the
responsibility audit, so both pictures read the same way:

- labels wrap onto as many lines as they need (never cut), and rows whose
  labels read alike carry their record id;
- every colour and line style used has a legend entry;
- the as-of day is a vertical line whose label stays inside the picture;
- a note under the axis says where it ends and why.

Pure string building: the same chart gives the same bytes.
"""

from __future__ import annotations

import re
import textwrap
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Literal
from xml.sax.saxutils import escape

from govdocs.derive.mandates import MandateState, MandateStatus
from govdocs.derive.obligations import Instance, Status
from govdocs.describe import fi_date
from govdocs.document.labels import Labels

__all__ = ["COLOURS", "Bar", "Chart", "Mark", "Row", "Swatch", "draw", "timeline_svg"]

WIDTH, LABEL_W, RIGHT_PAD, FONT = 760, 250, 16, 10
LINE_H, ROW_PAD, HEAD = 12, 10, 46
CHARS_PER_LINE = 40
"""Label characters that fit LABEL_W at FONT px (Noto Sans averages 0.55 em)."""
CHAR_W = 5.6

COLOURS = {
    Status.OVERDUE: "#c0392b",
    Status.DUE_SOON: "#d68910",
    Status.OPEN: "#2e86c1",
    Status.FULFILLED: "#229954",
    Status.CANCELLED: "#7f8c8d",
    Status.SUPERSEDED: "#7f8c8d",
}
TERM_COLOURS = {MandateState.ENDED: "#aab7b8", MandateState.TERM_EXPIRED: "#e59866"}
TERM_COLOUR = "#5d6d7e"
DASH = 'stroke="#34495e" stroke-dasharray="3 2"'


@dataclass(frozen=True)
class Bar:
    start: date
    end: date
    """Last day shown (inclusive)."""
    colour: str
    title: str
    dashed: bool = False
    """An end the records do not state: the bar runs to the picture's edge."""


@dataclass(frozen=True)
class Mark:
    day: date
    colour: str
    title: str
    diamond: bool = False


@dataclass(frozen=True)
class Row:
    label: str
    key: str
    """Shown after the label when another row's label reads the same."""
    bars: Sequence[Bar] = ()
    marks: Sequence[Mark] = ()


@dataclass(frozen=True)
class Swatch:
    colour: str
    text: str
    shape: Literal["box", "circle", "diamond", "dashed"] = "box"


@dataclass(frozen=True)
class Chart:
    rows: Sequence[Row]
    first: date
    last: date
    """Last day on the axis (inclusive)."""
    end_note: str
    """Where the axis ends and why, in a sentence."""
    legend_title: str
    legend: Sequence[Swatch]
    today: date | None = None
    today_text: str = ""
    mask: Callable[[str], str] | None = None
    """A web copy's redaction, applied to each label before it is wrapped:
    a name broken over two lines would escape a mask applied line by line."""


def _width(text: str) -> float:
    return len(text) * CHAR_W


def _distinct(rows: Sequence[Row]) -> list[list[str]]:
    """Each row's label lines; labels that read alike get their key."""
    seen = Counter(row.label for row in rows)
    labels = [f"{row.label} ({row.key})" if seen[row.label] > 1 else row.label for row in rows]
    return _wrapped(labels)


def _wrapped(labels: Sequence[str]) -> list[list[str]]:
    # " -ryhmä" (a suffix after a quoted name) stays on the line of the name
    glued = [re.sub(r" -(?=\w)", "\u00a0-", label) for label in labels]
    return [textwrap.wrap(label, CHARS_PER_LINE, break_on_hyphens=False) or [""] for label in glued]


class _Axis:
    def __init__(self, first: date, last: date) -> None:
        self.first, self.days = first, (last - first).days + 1

    def x(self, day: date) -> float:
        span = WIDTH - LABEL_W - RIGHT_PAD
        offset = min(max((day - self.first).days, 0), self.days)
        return round(LABEL_W + span * offset / self.days, 1)


def _grid(chart: Chart, axis: _Axis, bottom: float) -> list[str]:
    years = range(chart.first.year, chart.last.year + 1)
    step = max(1, len(years) // 12)
    parts = []
    for year in years[::step]:
        x = axis.x(max(date(year, 1, 1), chart.first))
        parts.append(f'<line x1="{x}" y1="{HEAD - 10}" x2="{x}" y2="{bottom}" stroke="#d5d8dc"/>')
        parts.append(f'<text x="{x + 3}" y="{HEAD - 14}" font-size="{FONT}">{year}</text>')
    end = axis.x(chart.last + timedelta(days=1))
    parts.append(f'<line x1="{end}" y1="{HEAD - 10}" x2="{end}" y2="{bottom}" stroke="#95a5a6"/>')
    return parts


def _label(y: float, lines: list[str], title: str) -> str:
    spans = "".join(
        f'<tspan x="6" y="{y + LINE_H * n}">{escape(line)}</tspan>' for n, line in enumerate(lines)
    )
    return f'<text font-size="{FONT}"><title>{escape(title)}</title>{spans}</text>'


def _bar(axis: _Axis, y: float, bar: Bar) -> str:
    x0, x1 = axis.x(bar.start), axis.x(bar.end + timedelta(days=1))
    dash = f" {DASH}" if bar.dashed else ""
    return (
        f'<rect x="{x0}" y="{y - 6}" width="{max(round(x1 - x0, 1), 2)}" height="12"'
        f' fill="{bar.colour}"{dash}>'
        f"<title>{escape(bar.title)}</title></rect>"
    )


def _mark(axis: _Axis, y: float, mark: Mark) -> str:
    x, title = axis.x(mark.day), escape(mark.title)
    if mark.diamond:
        points = f"{x},{y - 7} {x + 7},{y} {x},{y + 7} {x - 7},{y}"
        return f'<polygon points="{points}" fill="{mark.colour}"><title>{title}</title></polygon>'
    return f'<circle cx="{x}" cy="{y}" r="5" fill="{mark.colour}"><title>{title}</title></circle>'


def _today(chart: Chart, axis: _Axis, bottom: float) -> tuple[list[str], list[str]]:
    """The as-of day's line and its label."""
    if chart.today is None:
        return [], []
    x = axis.x(chart.today)
    # the label sits above the year numbers, on whichever side of the line it fits
    fits = x + 3 + _width(chart.today_text) <= WIDTH - 2
    anchor = f'x="{x + 3}"' if fits else f'x="{x - 3}" text-anchor="end"'
    line = f'<line x1="{x}" y1="{HEAD - 28}" x2="{x}" y2="{bottom}" stroke="#17202a" stroke-width="1.5"/>'
    label = (
        f'<text {anchor} y="{HEAD - 30}" font-size="{FONT - 1}" font-weight="bold">'
        f"{escape(chart.today_text)}</text>"
    )
    return [line], [label]


def _swatch(x: float, y: float, swatch: Swatch) -> str:
    if swatch.shape == "circle":
        return f'<circle cx="{x + 6}" cy="{y}" r="5" fill="{swatch.colour}"/>'
    if swatch.shape == "diamond":
        points = f"{x + 6},{y - 6} {x + 12},{y} {x + 6},{y + 6} {x},{y}"
        return f'<polygon points="{points}" fill="{swatch.colour}"/>'
    dash = f" {DASH}" if swatch.shape == "dashed" else ""
    return f'<rect x="{x}" y="{y - 5}" width="12" height="10" fill="{swatch.colour}"{dash}/>'


def _legend(chart: Chart, top: float) -> tuple[list[str], float]:
    """The legend as flowing items under a title; and its bottom."""
    parts = [
        f'<text x="6" y="{top + 4}" font-size="{FONT}" font-weight="bold">{escape(chart.legend_title)}</text>'
    ]
    x, y = 6.0, float(top + 20)
    for swatch in chart.legend:
        width = 18 + _width(swatch.text) + 16
        if x > 6 and x + width > WIDTH - RIGHT_PAD:
            x, y = 6.0, y + 16
        parts.append(_swatch(x, y, swatch))
        parts.append(f'<text x="{x + 18}" y="{y + 4}" font-size="{FONT}">{escape(swatch.text)}</text>')
        x += width
    return parts, y + 10


def draw(chart: Chart) -> str:
    """The chart as a standalone SVG document."""
    axis = _Axis(chart.first, chart.last)
    rows = chart.rows
    if chart.mask is not None:
        mask = chart.mask
        rows = [replace(row, label=mask(row.label), key=mask(row.key)) for row in rows]
    labels = _distinct(rows)
    body: list[str] = []
    y = float(HEAD)
    for row, lines in zip(rows, labels, strict=True):
        height = max(LINE_H * len(lines), 12) + ROW_PAD
        middle = y + height / 2
        body.append(_label(middle - LINE_H * (len(lines) - 1) / 2 + 4, lines, row.label))
        body += [_bar(axis, middle, bar) for bar in row.bars]
        body += [_mark(axis, middle, mark) for mark in row.marks]
        y += height
    bottom = y
    note = [f'<text x="6" y="{bottom + 16}" font-size="{FONT - 1}">{escape(chart.end_note)}</text>']
    legend, end = _legend(chart, bottom + 34)
    # the day's line goes under the markers, so a marker on that day stays visible
    line, label = _today(chart, axis, bottom)
    parts = [*_grid(chart, axis, bottom), *line, *body, *label, *note, *legend]
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{round(end)}" '
        f'viewBox="0 0 {WIDTH} {round(end)}" font-family="Noto Sans, sans-serif" role="img">'
    )
    return "\n".join([head, *parts, "</svg>"]) + "\n"


# --- the follow-up timeline -------------------------------------------------------------


def timeline_svg(
    instances: Sequence[Instance],
    mandates: Sequence[MandateStatus],
    as_of: date,
    labels: Labels,
    mask: Callable[[str], str] | None = None,
) -> str:
    """The follow-up picture: one row per working group (its term as a bar)
    and per obligation (a marker at each instance's due date; overdue ones
    red diamonds, so they stand out without colour too), the as-of day as a
    vertical line."""
    dated = [i for i in instances if i.due]
    first, last = _followup_span(dated, mandates, as_of)
    rows = [_mandate_row(m, first, last, labels) for m in mandates]
    by_obligation: dict[str, list[Instance]] = {}
    for i in dated:
        by_obligation.setdefault(i.obligation.id, []).append(i)
    for oid, group in by_obligation.items():
        marks = [_instance_mark(i, labels) for i in group]
        rows.append(Row(group[0].obligation.what, oid, marks=marks))
    t = labels["timeline"]
    why = t["why_horizon"] if last.year == as_of.year else t["why_last"]
    return draw(
        Chart(
            rows,
            first,
            last,
            t["ends"].format(date=fi_date(last), why=why.format(year=as_of.year)),
            t["legend"],
            _followup_legend(dated, mandates, labels),
            as_of,
            t["today"].format(date=fi_date(as_of)),
            mask,
        )
    )


def _followup_span(
    instances: Sequence[Instance], mandates: Sequence[MandateStatus], as_of: date
) -> tuple[date, date]:
    years = [as_of.year] + [i.due.year for i in instances if i.due]
    for m in mandates:
        years += [d.year for d in (m.start, m.end) if d]
    return date(min(years), 1, 1), date(max(years), 12, 31)


def _mandate_row(m: MandateStatus, first: date, last: date, labels: Labels) -> Row:
    state = labels["mandate_state"][str(m.state)]
    since = fi_date(m.start) if m.start else "…"
    until = fi_date(m.end) if m.end else labels["report"]["term_open"]
    title = f"{m.mandate.name}: {since}–{until}, {state}"
    colour = TERM_COLOURS.get(m.state, TERM_COLOUR)
    bar = Bar(m.start or first, m.end or last, colour, title, dashed=m.start is None or m.end is None)
    return Row(m.mandate.name, m.mandate.id, bars=(bar,))


def _instance_mark(i: Instance, labels: Labels) -> Mark:
    assert i.due is not None
    title = f"{i.key}: {fi_date(i.due)}, {labels['status'][str(i.status)]}"
    return Mark(i.due, COLOURS[i.status], title, diamond=i.status is Status.OVERDUE)


def _followup_legend(
    instances: Sequence[Instance], mandates: Sequence[MandateStatus], labels: Labels
) -> list[Swatch]:
    t = labels["timeline"]
    found: list[Swatch] = []
    for state in MandateState:
        if any(m.state is state for m in mandates):
            text = t["term"].format(state=labels["mandate_state"][str(state)])
            found.append(Swatch(TERM_COLOURS.get(state, TERM_COLOUR), text))
    if any(m.start is None or m.end is None for m in mandates):
        found.append(Swatch("#ffffff", t["open_term"], "dashed"))
    for status in Status:
        if any(i.status is status for i in instances):
            shape: Literal["circle", "diamond"] = "diamond" if status is Status.OVERDUE else "circle"
            text = t["due"].format(status=labels["status"][str(status)])
            found.append(Swatch(COLOURS[status], text, shape))
    return found

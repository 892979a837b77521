"""The follow-up timeline picture (SVG): one row per working group (its
term as a bar) and per obligation (a marker at each instance's due date),
the as-of day as a vertical line. Overdue markers are red diamonds, so
they stand out without colour too. Pure string building: the same input
gives the same bytes."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from xml.sax.saxutils import escape

from govdocs.derive.mandates import MandateState, MandateStatus
from govdocs.derive.obligations import Instance, Status
from govdocs.describe import fi_date

WIDTH, LABEL_W, ROW_H, TOP, RIGHT_PAD = 760, 250, 22, 34, 16
COLOURS = {
    Status.OVERDUE: "#c0392b",
    Status.DUE_SOON: "#d68910",
    Status.OPEN: "#2e86c1",
    Status.FULFILLED: "#229954",
    Status.CANCELLED: "#7f8c8d",
    Status.SUPERSEDED: "#7f8c8d",
}
TERM_COLOURS = {MandateState.ENDED: "#aab7b8", MandateState.TERM_EXPIRED: "#e59866"}


@dataclass(frozen=True)
class Axis:
    first: int
    last: int

    def x(self, day: date) -> float:
        """Horizontal position of a day (years evenly spaced)."""
        span = WIDTH - LABEL_W - RIGHT_PAD
        years = self.last - self.first + 1
        offset = (day.year - self.first) + (day.timetuple().tm_yday - 1) / 366
        return round(LABEL_W + span * offset / years, 1)


def _axis(instances: Sequence[Instance], mandates: Sequence[MandateStatus], as_of: date) -> Axis:
    years = [as_of.year] + [i.due.year for i in instances if i.due]
    for m in mandates:
        years += [d.year for d in (m.start, m.end) if d]
    return Axis(min(years), max(years))


def _short(text: str, n: int = 38) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def _label(y: float, text: str, title: str) -> str:
    return (
        f'<text x="6" y="{y + 4}" font-size="10"><title>{escape(title)}</title>{escape(_short(text))}</text>'
    )


def _mandate_row(axis: Axis, y: float, m: MandateStatus, state_names: dict[str, str]) -> list[str]:
    start = m.start or date(axis.first, 1, 1)
    end = m.end or date(axis.last, 12, 31)
    colour = TERM_COLOURS.get(m.state, "#5d6d7e")
    dash = ' stroke-dasharray="3 2" stroke="#34495e"' if m.start is None or m.end is None else ""
    title = f"{m.mandate.name}: {state_names[str(m.state)]}"
    x0, x1 = axis.x(start), axis.x(end)
    return [
        _label(y, m.mandate.name, title),
        f'<rect x="{x0}" y="{y - 6}" width="{max(x1 - x0, 2)}" height="12" fill="{colour}"{dash}>'
        f"<title>{escape(title)}</title></rect>",
    ]


def _marker(axis: Axis, y: float, i: Instance, status_names: dict[str, str]) -> str:
    assert i.due is not None
    x, colour = axis.x(i.due), COLOURS[i.status]
    title = escape(f"{i.key}: {fi_date(i.due)}, {status_names[str(i.status)]}")
    if i.status is Status.OVERDUE:
        points = f"{x},{y - 7} {x + 7},{y} {x},{y + 7} {x - 7},{y}"
        return f'<polygon points="{points}" fill="{colour}"><title>{title}</title></polygon>'
    return f'<circle cx="{x}" cy="{y}" r="5" fill="{colour}"><title>{title}</title></circle>'


def _grid(axis: Axis, height: float) -> list[str]:
    parts = []
    for year in range(axis.first, axis.last + 2):
        x = axis.x(date(year, 1, 1)) if year <= axis.last else WIDTH - RIGHT_PAD
        parts.append(f'<line x1="{x}" y1="{TOP - 10}" x2="{x}" y2="{height - 6}" stroke="#d5d8dc"/>')
        if year <= axis.last:
            parts.append(f'<text x="{x + 3}" y="{TOP - 16}" font-size="10">{year}</text>')
    return parts


def timeline_svg(
    instances: Sequence[Instance],
    mandates: Sequence[MandateStatus],
    as_of: date,
    labels: dict[str, dict[str, str]],
) -> str:
    """The timeline as a standalone SVG document."""
    dated = [i for i in instances if i.due]
    axis = _axis(dated, mandates, as_of)
    by_obligation: dict[str, list[Instance]] = {}
    for i in dated:
        by_obligation.setdefault(i.obligation.id, []).append(i)
    height = TOP + ROW_H * (len(mandates) + len(by_obligation)) + 16
    body = _grid(axis, height)
    y = float(TOP)
    for m in mandates:
        body += _mandate_row(axis, y, m, labels["mandate_state"])
        y += ROW_H
    for oid, group in by_obligation.items():
        body.append(_label(y, group[0].obligation.what, oid))
        body += [_marker(axis, y, i, labels["status"]) for i in group]
        y += ROW_H
    x = axis.x(as_of)
    body.append(
        f'<line x1="{x}" y1="{TOP - 10}" x2="{x}" y2="{height - 6}" stroke="#17202a" stroke-width="1.5"/>'
    )
    body.append(f'<text x="{x + 3}" y="{height - 2}" font-size="9">{fi_date(as_of)}</text>')
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" '
        f'viewBox="0 0 {WIDTH} {height}" font-family="Noto Sans, sans-serif" role="img">'
    )
    return "\n".join([head, *body, "</svg>"]) + "\n"

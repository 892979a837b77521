"""What a layout profile (:mod:`govdocs.model.layout`) says, as the
builders need it: the section mark, the date and the running header of a
document of one municipality."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from govdocs.describe import fi_date
from govdocs.document.labels import Labels, labels_for
from govdocs.document.model import RunningHeader
from govdocs.model.layout import DateStyle, HeaderField, Layout
from govdocs.model.registry import DecisionMaker, MakerKind
from govdocs.repository import Repository

__all__ = ["handling_mark", "layout_date", "layout_labels", "maker_mark", "running_header", "town"]


def layout_date(layout: Layout, day: date) -> str:
    """``day`` as the profile writes it: '2.5.2017' or '02.05.2017'."""
    if layout.date is DateStyle.PADDED:
        return f"{day.day:02d}.{day.month:02d}.{day.year}"
    return fi_date(day)


def _abbreviation(maker: DecisionMaker | None, fallback: str) -> str:
    if maker is None:
        return fallback
    return maker.abbreviation or maker.name.fi


def maker_mark(layout: Layout, maker: DecisionMaker | None, number: int, fallback: str = "") -> str:
    """The § of ``number`` by ``maker``: '§ 898' for a body, '59 §' for an
    office holder (in Helsinki's profile); a maker not in the registry is
    taken for an office holder."""
    body = maker is not None and maker.kind is MakerKind.BODY
    pattern = layout.mark.body if body else layout.mark.office_holder
    return pattern.format(number=number, abbreviation=_abbreviation(maker, fallback))


def handling_mark(layout: Layout, maker: DecisionMaker | None, number: int, fallback: str = "") -> str:
    """The mark of one handling among the case's handlings: 'Ksylk § 84'."""
    return layout.mark.handling.format(number=number, abbreviation=_abbreviation(maker, fallback))


def layout_labels(repo: Repository, record_id: str, lang: str) -> Labels:
    """The decision label set of ``lang`` as the layout profile of
    ``record_id``'s municipality words it."""
    return labels_for(lang).overlaid(repo.layout_of(record_id).labels.get(lang, {}))


def town(repo: Repository, record_id: str, lang: str) -> str:
    """The municipality of ``record_id`` as its documents name it: its
    short name in Finnish ('Turun kaupunki'), else its name in ``lang``."""
    municipality = repo.municipality_of(record_id)
    if lang == "fi":
        return municipality.short_name
    return getattr(municipality.name, lang, None) or municipality.name.fi


def running_header(layout: Layout, values: Mapping[HeaderField, str | None]) -> RunningHeader:
    """The header lines the profile names, each from ``values`` (a field
    without a value, such as a date not stated, is left out)."""

    def lines(fields: list[HeaderField]) -> tuple[str, ...]:
        return tuple(shown for f in fields if (shown := values.get(f)))

    return RunningHeader(left=lines(layout.header.left), right=lines(layout.header.right),
                         page=layout.header.page)

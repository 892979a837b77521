"""The shared council meeting (kaupunginvaltuusto-2025-16): its minutes
say word for word what Helsinki published for each encoded item, in
every format, and an item's extract carries its appeal instructions."""

from __future__ import annotations

from pathlib import Path

import pytest

import govdocs
from govdocs.render import FORMATS, render_meeting
from govdocs.repository import Repository
from tests.render_helpers import ROOT, missing_in_order, paragraphs_of, readings, squash

MEETING = "kaupunginvaltuusto-2025-16"
PUBLISHED = "meeting/kaupunginvaltuusto-2025-10-22/{section}-fi.txt"
EXTENSIONS = {"html": ".html", "pdf": ".pdf", "docx": ".docx", "txt": ".txt"}

pytestmark = pytest.mark.slow  # 13 items' appeal texts in four formats: a 30-page PDF


@pytest.fixture(scope="module")
def repo() -> Repository:
    return govdocs.load(ROOT)


@pytest.fixture(scope="module")
def rendered(repo: Repository, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("council")
    render_meeting(repo, MEETING, FORMATS, out, kinds=("minutes",))
    return out


def encoded(repo: Repository) -> list[int]:
    """The § of every agenda item whose decision is encoded."""
    meeting = repo.meetings[MEETING]
    return [i.section for i in meeting.agenda if i.section is not None and i.decision in repo.decisions]


def test_every_item_of_the_meeting_is_encoded(repo: Repository) -> None:
    assert encoded(repo) == list(range(244, 257))


def found(paragraphs: list[str], path: Path) -> bool:
    """``paragraphs`` in order in some reading of ``path`` (see `readings`)."""
    return any(missing_in_order(paragraphs, text) is None for text in readings(path))


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_minutes_hold_every_published_item_word_for_word(
    repo: Repository, rendered: Path, fmt: str
) -> None:
    path = rendered / f"{MEETING}-poytakirja{EXTENSIONS[fmt]}"
    missing = [s for s in encoded(repo) if not found(paragraphs_of(PUBLISHED.format(section=s)), path)]
    assert missing == []
    marks = [squash(f"§ {s}") + squash(repo.decisions[f"kv-2025-{s}"].title) for s in encoded(repo)]
    assert any(missing_in_order(marks, text) is None for text in readings(path))  # in agenda order


def test_the_roll_call_of_the_minutes_comes_from_the_attendance(repo: Repository, rendered: Path) -> None:
    lines = (rendered / f"{MEETING}-poytakirja.txt").read_text(encoding="utf-8").splitlines()
    deputies = lines[lines.index("Varajäsenet") + 1 : lines.index("Poissa") - 1]
    meeting = repo.meetings[MEETING]
    standing_in = [p for p in meeting.attendance if p.stands_in_for]
    assert [line.split(", ")[:2] for line in deputies] == [
        [p.stands_in_for, f"tilalle {p.name}"] for p in standing_in
    ]


def test_an_items_extract_renders_with_its_appeal_instructions(repo: Repository, tmp_path: Path) -> None:
    [decision] = [d for d in (repo.decisions[f"kv-2025-{n}"] for n in (255,)) if d.distribution.extracts]
    paths = render_meeting(repo, decision.id, FORMATS, tmp_path)
    assert [p.name for p in paths] == [f"{decision.id}-ote{EXTENSIONS[f]}" for f in FORMATS]
    published = paragraphs_of(PUBLISHED.format(section=decision.number))
    appeal = published[published.index(squash("Muutoksenhaku")) :]
    assert squash("Aloitteen tekijä") in appeal[-1]  # the Otteet table: the recipient it names
    for path in paths:
        assert found(published, path), path.name
        assert found([squash("Otteen saaja Aloitteen tekijä"), *appeal], path), path.name

"""The Käsittely of a body's decision is written from its facts (motions,
votes, disqualifications) by the shared template ``handling/fi``: what it
writes is the published text, `check` notices when the text and the facts
part, and facts that contradict each other get a located message."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

import govdocs
from govdocs.cli import cli
from govdocs.drafting.kinds import load_kinds
from govdocs.drafting.phrasing import generate
from govdocs.model.decision import Section, SectionKind
from govdocs.repository import Repository
from tests.reference import reference
from tests.render_helpers import REFERENCES, ROOT

HANDLED = ["kylk-2021-659", "kylk-2021-611", "konsernijaosto-2021-161", "kuva-2021-213"]
FILE = "decisions/2021/kylk-2021-659.yaml"
Edit = Callable[[str, str, str], Path]


@pytest.fixture(scope="module")
def repo() -> Repository:
    return govdocs.load(ROOT)


def published_handling(decision_id: str) -> list[str]:
    """The lines under 'Käsittely' of the published text, up to the blank line."""
    text = reference(REFERENCES[decision_id]).read_text(encoding="utf-8")
    block = text.split("\nKäsittely\n", 1)[1].split("\n\n", 1)[0]
    return [line.strip() for line in block.splitlines() if line.strip()]


def handling_from_facts(repo: Repository, decision_id: str) -> list[str]:
    """The handling section generated with its stored text thrown away."""
    decision = repo.decisions[decision_id]
    blank = [s.model_copy(update={"body": ["—"]}) if s.generated else s for s in decision.sections]
    generation = generate(decision.model_copy(update={"sections": blank}), repo.registry, load_kinds())
    assert generation.issues == []
    (section,) = [s for s in generation.decision.sections if s.kind is SectionKind.HANDLING]
    return [str(b) for b in section.body]


@pytest.mark.parametrize("decision_id", HANDLED)
def test_generated_handling_is_the_published_text(repo: Repository, decision_id: str) -> None:
    assert handling_from_facts(repo, decision_id) == published_handling(decision_id)


@pytest.mark.parametrize("decision_id", HANDLED)
def test_the_records_keep_the_section_as_generated(repo: Repository, decision_id: str) -> None:
    sections = [s for s in repo.decisions[decision_id].sections if s.kind is SectionKind.HANDLING]
    assert [s.generated for s in sections] == ["handling/fi"]


def test_every_count_and_name_is_from_the_facts(repo: Repository) -> None:
    """Not a stored text played back: other facts give other lines."""
    decision = repo.decisions["kylk-2021-659"]
    vote = decision.votes[0]
    voters = [v.model_copy(update={"ballot": "tyhjä"}) if v.name == "Mia Haglund" else v for v in vote.voters]
    counts = vote.counts.model_copy(update={"jaa": 8, "tyhja": 1})
    changed = vote.model_copy(update={"voters": voters, "counts": counts})
    blank = [s.model_copy(update={"body": ["—"]}) if s.generated else s for s in decision.sections]
    edited = decision.model_copy(update={"votes": [changed], "sections": blank})
    section = generate(edited, repo.registry, load_kinds()).decision.sections[1]
    lines = [str(b) for b in section.body]
    assert "Jaa-äänet: 8" in lines
    assert lines[lines.index("Tyhjä: 1") + 1] == "Mia Haglund"
    assert "Poissa: 0" not in lines
    assert lines[-1] == "Esittelijän ehdotus jäi voimaan äänin 8-4."


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    assert "Traceback" not in result.output
    return result.exit_code, result.output


STALE = r"decisions/2021/kylk-2021-659\.yaml:\d+:\d+: error: section 2 is marked generated \(handling/fi\)"


def test_check_passes_the_text_as_published(records: Path) -> None:
    code, out = run("check", "kylk-2021-659", "-C", str(records))
    assert "generated" not in out and "quote" not in out, out


def test_check_notices_a_changed_voter(records: Path, edit: Edit) -> None:
    edit(FILE, "{name: Mia Haglund, ballot: jaa,", "{name: Mia Hagman, ballot: jaa,")
    code, out = run("check", "kylk-2021-659", "-C", str(records))
    assert code == 1
    assert re.search(STALE, out), out


def test_check_notices_a_changed_count(records: Path, edit: Edit) -> None:
    """A voter moved from jaa to ei, counts kept in step: the result line changes."""
    edit(FILE, "{name: Mia Haglund, ballot: jaa,", "{name: Mia Haglund, ballot: ei,")
    edit(FILE, "counts: {jaa: 9, ei: 4}", "counts: {jaa: 8, ei: 5}")
    code, out = run("check", "kylk-2021-659", "-C", str(records))
    assert code == 1
    assert re.search(STALE, out), out


LOCATED = r"decisions/2021/kylk-2021-659\.yaml:(\d+):\d+: error: "

CONTRADICTIONS = {
    "counts and named voters differ": (
        ("counts: {jaa: 9, ei: 4}", "counts: {jaa: 10, ei: 4}"),
        r"votes\[0\].*counts say jaa 10 but 9 voter\(s\) are named with ballot 'jaa'",
    ),
    "a motion adopted although its side lost": (
        ("    outcome: rejected\n", "    outcome: adopted\n"),
        r"motion 'kylk-2021-659\.rautava' is adopted but vote 'kylk-2021-659\.vote-1' was won by jaa",
    ),
    "a motion that fell, voted on": (
        ("    outcome: fell\n", "    outcome: fell\n    vote: kylk-2021-659.vote-1\n"),
        r"a motion that fell for want of support was not voted on",
    ),
    "changed although no motion was adopted": (
        ("as_proposed: true", "as_proposed: false"),
        r"as_proposed is false, but no motion that changes the proposal .* was adopted",
    ),
}


@pytest.mark.parametrize("case", sorted(CONTRADICTIONS))
def test_contradicting_facts_get_a_located_message(records: Path, edit: Edit, case: str) -> None:
    (old, new), message = CONTRADICTIONS[case]
    path = edit(FILE, old, new)
    code, out = run("validate", "-C", str(records))
    assert code == 1, out
    found = re.search(LOCATED + message, out)
    assert found, out
    line = path.read_text(encoding="utf-8").splitlines()[int(found.group(1)) - 1]
    assert line.strip(), out  # the place is a line of the record, not a guess


def test_a_missing_name_form_is_located_at_the_motion(records: Path, edit: Edit) -> None:
    edit(FILE, "    proposer_forms: {fi: Mika Raatikainen, genitive: Mika Raatikaisen}\n", "")
    code, out = run("check", "kylk-2021-659", "-C", str(records))
    assert code == 1
    assert re.search(
        LOCATED + r"the proposer of motion 'kylk-2021-659\.raatikainen' has no 'genitive' form", out
    ), out


def test_a_handling_section_is_a_section_of_any_kind() -> None:
    """The shared template is found by its name, with no kind of its own."""
    kinds = load_kinds()
    assert kinds.problems == []
    owner, _, template = kinds.section_templates()["handling/fi"]
    assert owner == "sections/handling" and owner not in kinds.kinds
    assert Section(kind=template.kind, body=["x"]).kind is SectionKind.HANDLING

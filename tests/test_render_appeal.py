"""Appeal instructions: the route's text in force on the decision's date,
with the authority and the registry office from registry.yaml."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

import govdocs
from govdocs.cli import cli
from govdocs.document.appeal import APPEAL_DIR, appeal_authority, choose_version, variants
from govdocs.model.decision import Appeal, AppealRoute
from govdocs.render import build, check
from govdocs.writers.text import text_lines
from tests import builders
from tests.reference import reference
from tests.render_helpers import ROOT


def test_every_route_has_a_text() -> None:
    for route in AppealRoute:
        assert list((APPEAL_DIR / route.value).glob("*.txt.j2")), route


def test_kunnallisvalitus_has_the_plan_variant_and_the_others_none() -> None:
    assert {route.value: variants(route.value) for route in AppealRoute if variants(route.value)} == {
        "kunnallisvalitus": ("kaava",)
    }


def _published_appeal(path: str) -> list[str]:
    """The lines of a published item from 'Muutoksenhaku' up to 'Otteet'."""
    lines = reference(path).read_text(encoding="utf-8").splitlines()
    part = lines[lines.index("Muutoksenhaku") : lines.index("Otteet")]
    # The plan item prints a list marker on a line of its own ('-', then the item).
    return [line for line in part if line.strip() not in ("", "-")]


def _rendered_appeal(tmp_path: Path, appeal: dict[str, str]) -> list[str]:
    record = builders.decision(date="2025-10-22", appeal=appeal)
    record["maker"] = "hallitus"
    repo = govdocs.load(builders.write_repo(tmp_path / "r", record))
    lines = text_lines(build(repo, "kj-2016-1"))
    return [line for line in lines[lines.index("Muutoksenhaku") :] if line]


@pytest.mark.parametrize(
    ("variant", "published"),
    [
        (None, "meeting/kaupunginvaltuusto-2025-10-22/249-fi.txt"),
        ("kaava", "meeting/kaupunginvaltuusto-2025-10-22/248-fi.txt"),
    ],
)
def test_the_variant_chooses_the_text_the_council_printed(
    tmp_path: Path, variant: str | None, published: str
) -> None:
    """§ 249 (a sale) prints the general kunnallisvalitus, § 248 (a local
    plan) the plan's; each is the published text line for line up to the
    'Pöytäkirja' part, whose municipality and office come from the test registry."""
    appeal = {"route": "kunnallisvalitus", **({"variant": variant} if variant else {})}
    expected = _published_appeal(published)
    own = expected.index("Pöytäkirja")
    got = _rendered_appeal(tmp_path, appeal)
    unmarked = [line.removeprefix("- ") for line in got[:own]]
    assert unmarked == [line.removeprefix("- ") for line in expected[:own]]


def test_an_unknown_variant_is_a_located_error_and_nothing_is_rendered(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    record = builders.decision(appeal={"route": "kunnallisvalitus", "variant": "kava"})
    builders.write_repo(tmp_path, record)
    monkeypatch.chdir(tmp_path)
    message = (
        "decisions/2016/kj-2016-1.yaml:21:12: error: unknown kunnallisvalitus appeal variant 'kava'; "
        "did you mean 'kaava'?"
    )
    assert [p.format() for p in govdocs.validate(".").problems if p.code == "dangling-reference"] == [message]
    result = CliRunner().invoke(cli, ["render", "kj-2016-1", "--out", "out"])
    assert (result.exit_code, result.output.splitlines()[0]) == (1, message)
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(("day", "version"), [
    (date(2021, 11, 30), "2020-01-01"),
    (date(2021, 12, 1), "2021-12-01"),
    (date(2024, 1, 1), "2021-12-01"),
    (None, "2021-12-01"),
])
def test_the_version_in_force_on_the_date(day: date | None, version: str) -> None:
    valid_from, path, note = choose_version("hallintovalitus", day)
    assert (valid_from.isoformat(), path.name, note) == (version, f"{version}.txt.j2", None)


def test_a_date_before_every_version_uses_the_first_and_says_so() -> None:
    valid_from, _, note = choose_version("kunnallisvalitus", date(2016, 6, 1))
    assert valid_from == date(2025, 1, 1)
    assert note == "no 'kunnallisvalitus' appeal text in force on 2016-06-01; using the version of 2025-01-01"


def test_the_note_is_a_render_warning(tmp_path: Path) -> None:
    record = builders.decision(appeal={"route": "kunnallisvalitus"})
    repo = govdocs.load(builders.write_repo(tmp_path / "r", record))
    assert [p.message for p in check(repo, "kj-2016-1")] == [
        "no 'kunnallisvalitus' appeal text in force on 2016-06-01; "
        "using the version of 2025-01-01"]


def test_authority_line_of_a_city_organ_and_of_a_committee() -> None:
    repo = govdocs.load(ROOT)
    decision = repo.decisions["kh-2021-898"]
    appeal = decision.appeal
    assert isinstance(appeal, Appeal)
    assert appeal_authority(repo, decision, appeal) == "Helsingin kaupunginhallitus"
    committee = appeal.model_copy(update={"authority": "sosiaali-ja-terveyslautakunta"})
    assert appeal_authority(repo, decision, committee) == \
        "Helsingin kaupungin sosiaali- ja terveyslautakunta"


def test_oikaisuvaatimus_matches_the_published_text_for_a_committee(tmp_path: Path) -> None:
    """Reference 03 names the social and health committee; rendered with the
    same authority, our text equals it line for line."""
    repo = govdocs.load(ROOT)
    decision = repo.decisions["kh-2021-898"]
    assert isinstance(decision.appeal, Appeal)
    changed = decision.model_copy(update={"appeal": decision.appeal.model_copy(
        update={"authority": "sosiaali-ja-terveyslautakunta"})})
    repo.decisions["kh-2021-898"] = changed
    lines = text_lines(build(repo, "kh-2021-898"))
    published = reference("appeal/03_oikaisuvaatimus_kuntalaki.txt").read_text(encoding="utf-8").splitlines()[1:]
    expected = [line for line in published if line]
    start = lines.index("Muutoksenhaku")
    got = [line for line in lines[start:start + len(published) + 5] if line]
    assert got[: len(expected)] == expected


def test_registry_office_comes_from_the_registry(tmp_path: Path) -> None:
    repo = govdocs.load(builders.write_repo(tmp_path / "r", builders.decision()))
    lines = text_lines(build(repo, "kj-2016-1"))
    start = lines.index("Sähköpostiosoite:")
    assert lines[start : start + 10] == [
        "Sähköpostiosoite:", "kirjaamo@testila.fi", "Postiosoite:", "PL 1", "00001 TESTILÄ",
        "Käyntiosoite:", "Kuntatie 1", "Puhelinnumero:", "09 123 4567",
        "Kirjaamo on avoinna arkisin klo 9–15.",
    ]
    assert "Helsingin" not in "\n".join(lines)


def test_muutoksenhakukielto_names_the_law() -> None:
    repo = govdocs.load(ROOT)
    lines = text_lines(build(repo, "kp-2021-5"))
    start = lines.index("MUUTOKSENHAKUKIELTO")
    assert lines[start + 1 : start + 3] == [
        "Tähän päätökseen ei saa hakea muutosta, koska päätös koskee asian valmistelua tai "
        "täytäntöönpanoa.",
        "Sovellettava lainkohta: Kuntalaki 136 §",
    ]

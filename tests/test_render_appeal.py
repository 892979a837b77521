"""Appeal instructions: the route's text in force on the decision's date,
in the document's language, with the authority, the registry office and
the court from the registry; adapted texts carry their sign-off note."""

from __future__ import annotations

import copy
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

import govdocs
from govdocs.cli import cli
from govdocs.describe import describe_decision
from govdocs.document.appeal import (
    LANGUAGES,
    AppealTextError,
    appeal_authority,
    appeal_blocks,
    choose_version,
    variants,
    versions,
)
from govdocs.document.model import Document, Metadata
from govdocs.model.decision import Appeal, AppealRoute
from govdocs.problems import Severity
from govdocs.render import build
from govdocs.writers.text import text_lines
from tests import builders
from tests.reference import reference
from tests.render_helpers import ROOT


def test_every_route_has_a_finnish_text() -> None:
    for route in AppealRoute:
        assert versions(route.value), route


def test_kunnallisvalitus_has_the_plan_variant_and_the_others_none() -> None:
    assert {route.value: variants(route.value) for route in AppealRoute if variants(route.value)} == {
        "kunnallisvalitus": ("kaava",)
    }


def test_the_swedish_texts_are_those_the_council_printed() -> None:
    """Kaupunginvaltuusto 22.10.2025 prints BESVÄRSANVISNING (§ 248 the
    plan's, § 249 the general) and FÖRBUD MOT SÖKANDE AV ÄNDRING; no
    Swedish oikaisuvaatimus, hallintovalitus or hankintaoikaisu is in the sources."""
    swedish = {
        f"{route.value}/{variant}" if variant else route.value
        for route in AppealRoute
        for variant in (None, *variants(route.value))
        if versions(route.value, variant, "sv")
    }
    assert swedish == {"kunnallisvalitus", "kunnallisvalitus/kaava", "muutoksenhakukielto"}


def _published_appeal(path: str, start: str, stop: str) -> list[str]:
    """The lines of a published item from its appeal heading up to its extracts."""
    lines = reference(path).read_text(encoding="utf-8").splitlines()
    part = lines[lines.index(start) : lines.index(stop)]
    # The plan item prints a list marker on a line of its own ('-', then the item).
    return [line.removeprefix("- ") for line in part if line.strip() not in ("", "-")]


def helsinki_registry() -> dict[str, Any]:
    """The test registry with Helsinki's municipality block from registry.yaml."""
    registry = copy.deepcopy(builders.REGISTRY)
    registry["municipality"] = yaml.safe_load((ROOT / "registry.yaml").read_text(encoding="utf-8"))["municipality"]
    return registry


def _rendered_appeal(tmp_path: Path, appeal: dict[str, str], lang: str) -> list[str]:
    record = builders.decision(date="2025-10-22", appeal=appeal)
    record["maker"] = "hallitus"
    repo = govdocs.load(builders.write_repo(tmp_path / "r", record, registry=helsinki_registry()))
    decision = repo.decisions["kj-2016-1"]
    assert isinstance(decision.appeal, Appeal)
    text = appeal_blocks(repo, decision, decision.appeal, lang)
    lines = text_lines(Document(Metadata(title=""), text.blocks))
    return [line.removeprefix("- ") for line in lines if line]


@pytest.mark.parametrize(
    ("variant", "item"),
    [(None, 249), ("kaava", 248)],
)
@pytest.mark.parametrize(
    ("lang", "start", "stop"),
    [("fi", "VALITUSOSOITUS", "Otteet"), ("sv", "BESVÄRSANVISNING", "Utdrag")],
)
def test_the_variant_chooses_the_text_the_council_printed(
    tmp_path: Path, variant: str | None, item: int, lang: str, start: str, stop: str
) -> None:
    """§ 249 (a sale) prints the general kunnallisvalitus, § 248 (a local
    plan) the plan's, in Finnish and in Swedish; filled from Helsinki's
    registry, each is the published text line for line, the court and the
    registry office included."""
    appeal = {"route": "kunnallisvalitus", **({"variant": variant} if variant else {})}
    expected = _published_appeal(f"meeting/kaupunginvaltuusto-2025-10-22/{item}-{lang}.txt", start, stop)
    assert _rendered_appeal(tmp_path, appeal, lang) == expected


def _published_text(name: str) -> list[str]:
    lines = reference(f"appeal/{name}").read_text(encoding="utf-8").splitlines()[3:]
    return [line.removeprefix("- ") for line in lines if line.strip()]


@pytest.mark.parametrize(
    ("name", "route", "day"),
    [
        ("04_valitusosoitus_hallintovalitus_KH.txt", "hallintovalitus", "2021-06-01"),
        ("05_valitusosoitus_viranhaltija.txt", "hallintovalitus", "2022-01-10"),
        ("06_hankintapaatos.txt", "hankintaoikaisu", "2022-01-10"),
        ("08_kunnallisvalitus_2025.txt", "kunnallisvalitus", "2025-11-26"),
    ],
)
def test_helsinki_s_registry_gives_its_published_texts(tmp_path: Path, name: str, route: str, day: str) -> None:
    """Filled from Helsinki's registry, each route's text is Helsinki's
    published one line for line: the court's address of 2020 (04), the
    move of 27.12.2021 from the court's relocation (05), the registry
    office as the procurement unit (06), the secure mail and example diary
    number (08). 04 prints its heading twice and then a second variant,
    which is not ours; 06 names another authority than the test maker's."""
    record = builders.decision(date=day, appeal={"route": route}, maker="hallitus")
    repo = govdocs.load(builders.write_repo(tmp_path, record, registry=helsinki_registry()))
    decision = repo.decisions["kj-2016-1"]
    assert isinstance(decision.appeal, Appeal)
    text = appeal_blocks(repo, decision, decision.appeal)
    got = [line.removeprefix("- ") for line in text_lines(Document(Metadata(title=""), text.blocks)) if line]
    expected = _published_text(name)
    if name.startswith("04"):
        expected = ["VALITUSOSOITUS", *expected[1 : expected.index(expected[1], 2)]]
    if name.startswith("06"):
        authority = "Viranomainen, jolta hankintaoikaisua vaaditaan, on "
        expected = [line for line in expected if not line.startswith(authority)]
        got = [line for line in got if not line.startswith(authority)]
    assert got == expected


def test_the_swedish_muutoksenhakukielto_is_the_published_one(tmp_path: Path) -> None:
    lines = reference("meeting/kaupunginvaltuusto-2025-10-22/244-sv.txt").read_text(encoding="utf-8").splitlines()
    start = lines.index("FÖRBUD MOT SÖKANDE AV ÄNDRING")
    assert _rendered_appeal(tmp_path, {"route": "muutoksenhakukielto"}, "sv") == lines[start : start + 3]


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
    chosen = choose_version("hallintovalitus", day)
    assert (chosen.valid_from.isoformat(), chosen.path.name) == (version, f"{version}.txt.j2")


def test_a_date_before_every_version_is_an_error() -> None:
    with pytest.raises(AppealTextError) as caught:
        choose_version("kunnallisvalitus", date(2016, 6, 1))
    assert (caught.value.code, str(caught.value)) == (
        "appeal-version",
        "no 'kunnallisvalitus' appeal text was in force on 2016-06-01: the oldest is of 2025-01-01; "
        "add the version in force then (templates/appeal/kunnallisvalitus/<valid-from>.txt.j2)",
    )


def test_a_decision_older_than_every_version_is_refused_located(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    builders.write_repo(tmp_path, builders.decision(appeal={"route": "kunnallisvalitus"}),
                        registry=helsinki_registry())
    monkeypatch.chdir(tmp_path)
    message = (
        "decisions/2016/kj-2016-1.yaml:20:10: error: no 'kunnallisvalitus' appeal text was in force on "
        "2016-06-01: the oldest is of 2025-01-01; add the version in force then "
        "(templates/appeal/kunnallisvalitus/<valid-from>.txt.j2)"
    )
    assert [p.format() for p in govdocs.validate(".").problems if p.code == "appeal-version"] == [message]
    result = CliRunner().invoke(cli, ["render", "kj-2016-1", "--out", "out"])
    assert (result.exit_code, result.output.splitlines()[0]) == (1, message)
    assert not (tmp_path / "out").exists()


def test_an_adapted_text_carries_its_sign_off_note_and_validate_says_so(tmp_path: Path) -> None:
    """oikaisuvaatimus-erityislaki is adapted from the Kuntalaki text; its
    note beside it says from what and how, and until a lawyer signs it off
    every decision that prints it gets a warning."""
    chosen = choose_version("oikaisuvaatimus-erityislaki", date(2022, 1, 1))
    assert chosen.note is not None and chosen.note.signed_off_by is None
    record = builders.decision(appeal={"route": "oikaisuvaatimus-erityislaki", "law": "Laki X 5 §"})
    repo = govdocs.validate(builders.write_repo(tmp_path, record))
    [warning] = [p for p in repo.problems if p.code == "appeal-sign-off"]
    assert (warning.severity, warning.where.endswith("kj-2016-1.yaml:20:10")) == (Severity.WARNING, True)
    assert warning.message.startswith(
        "the oikaisuvaatimus-erityislaki 2015-05-01 (fi) appeal text is adapted from oikaisuvaatimus/2015-05-01"
    )
    assert warning.message.endswith(
        "nobody has signed it off: a municipal lawyer approves it in "
        "templates/appeal/oikaisuvaatimus-erityislaki/2015-05-01.yaml (signed_off_by)"
    )


def test_the_published_texts_have_no_note() -> None:
    notes = {v.template for route in AppealRoute for variant in (None, *variants(route.value))
             for lang in LANGUAGES for v in versions(route.value, variant, lang) if v.note}
    assert notes == {"oikaisuvaatimus-erityislaki/2015-05-01.txt.j2"}


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


def test_show_names_the_text_and_an_adapted_text_s_sign_off(tmp_path: Path) -> None:
    records = [
        builders.decision(appeal={"route": "oikaisuvaatimus-erityislaki", "law": "Laki X 5 §"}),
        builders.decision(id="kj-2016-2", number=2, appeal={"route": "kunnallisvalitus"}),
    ]
    repo = govdocs.validate(builders.write_repo(tmp_path, *records))
    lines = {did: describe_decision(repo, repo.decisions[did]) for did in ("kj-2016-1", "kj-2016-2")}
    assert [line for line in lines["kj-2016-1"] if line.startswith("appeal: ")] == [
        "appeal: oikaisuvaatimus-erityislaki, text of 2015-05-01 "
        "(templates/appeal/oikaisuvaatimus-erityislaki/2015-05-01.txt.j2); adapted from oikaisuvaatimus/2015-05-01 "
        "(Helsinki's published Kuntalaki text, reference appeal/03), not signed off"
    ]
    assert [line for line in lines["kj-2016-2"] if line.startswith("appeal: ")] == [
        "appeal: kunnallisvalitus: no 'kunnallisvalitus' appeal text was in force on 2016-06-01: the oldest is "
        "of 2025-01-01; add the version in force then (templates/appeal/kunnallisvalitus/<valid-from>.txt.j2)"
    ]

"""Every appeal text of every route, variant, version and language,
rendered for two municipalities (Helsinki from registry.yaml, Turku from
a test registry): each is filled from its own municipality's registry
only, with no trace of the other's name, court, e-mail, phone or
addresses; a field a text prints that the registry lacks is a located
error, never an empty line or a placeholder."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

import govdocs
from govdocs.document.appeal import LANGUAGES, Version, appeal_blocks, appeal_problems, variants, versions
from govdocs.document.model import Document, Metadata
from govdocs.model.decision import Appeal, AppealRoute
from govdocs.problems import RecordsInvalid
from govdocs.render import build
from govdocs.repository import Repository
from govdocs.writers.text import text_lines
from tests import builders
from tests.render_helpers import ROOT

TURKU: dict[str, Any] = {
    # The court and the registry office as the issue gives them (Turun
    # hallinto-oikeus, Linnankatu 10; kirjaamo, Yliopistonkatu 27 a); the
    # hours, the Swedish forms and the diary-number format are test values.
    "name": {
        "fi": "Turun kaupunki", "sv": "Åbo stad", "genitive": "Turun kaupungin",
        "inessive": "Turun kaupungissa",
    },
    "short_name": "Turun kaupunki",
    "registry_office": {
        "email": "kirjaamo@turku.fi",
        "postal_address": ["PL 355", "20101 Turku"],
        "visiting_address": "Yliopistonkatu 27 a",
        "phone": "02 330 000",
        "hours": "Kirjaamo on avoinna maanantaista perjantaihin klo 8.00–15.30.",
        "sv": {
            "postal_address": ["PB 355", "20101 Åbo"],
            "visiting_address": "Universitetsgatan 27 a",
            "hours": "Registratorskontoret är öppet måndag–fredag kl. 8.00–15.30.",
        },
    },
    "administrative_court": {
        "name": {
            "fi": "Turun hallinto-oikeus", "sv": "Åbo förvaltningsdomstol",
            "genitive": "Turun hallinto-oikeuden", "allative": "Turun hallinto-oikeudelle",
        },
        "email": "turku.hao@oikeus.fi",
        "phone": "029 56 42400",
        "fax": "029 56 42414",
        "postal_address": ["Linnankatu 10", "20100 Turku"],
        "visiting_address": "Linnankatu 10",
        "hours": "Hallinto-oikeuden aukioloaika on maanantaista perjantaihin klo 8.00–16.15.",
        "sv": {
            "postal_address": ["Slottsgatan 10", "20100 Åbo"],
            "visiting_address": "Slottsgatan 10",
            "hours": "Förvaltningsdomstolen är öppen måndag–fredag kl. 8.00–16.15.",
        },
    },
    "case_number_pattern": r"^\d+-\d{4}$",
    "case_number_format": "{serial}-{year}",
}

HELSINKI: dict[str, Any] = yaml.safe_load((ROOT / "registry.yaml").read_text(encoding="utf-8"))["municipality"]

MUNICIPALITIES = {"helsinki": HELSINKI, "turku": TURKU}

NATIONAL = ("Markkinaoikeuden asiointiosoite", "Valituksen voi tehdä myös")
"""The market court is national: its block (from the first line to the
next) is the same text for every municipality, kept in the template."""


def every_text() -> Iterator[Version]:
    for route in AppealRoute:
        for variant in (None, *variants(route.value)):
            for lang in LANGUAGES:
                yield from versions(route.value, variant, lang)


def _record(number: int, version: Version) -> dict[str, Any]:
    appeal: dict[str, Any] = {"route": version.route}
    if version.variant:
        appeal["variant"] = version.variant
    if version.route == "oikaisuvaatimus-erityislaki":
        appeal["law"] = "Laki X 5 §"
    record = builders.decision(id=f"hallitus-{number}", number=number, date=version.valid_from.isoformat(),
                               appeal=appeal, maker="hallitus")
    for key in ("case", "transfers", "obligations"):
        record.pop(key)
    return record


def _repository(tmp_path: Path, municipality: dict[str, Any]) -> Repository:
    registry = copy.deepcopy(builders.REGISTRY)
    registry["municipality"] = copy.deepcopy(municipality)
    records = [_record(n, v) for n, v in enumerate(every_text(), start=1)]
    return govdocs.validate(builders.write_repo(tmp_path, *records, registry=registry))


def _text(repo: Repository, number: int, lang: str) -> list[str]:
    decision = repo.decisions[f"hallitus-{number}"]
    assert isinstance(decision.appeal, Appeal)
    text = appeal_blocks(repo, decision, decision.appeal, lang)
    return text_lines(Document(Metadata(title=""), text.blocks))


def _without_national(lines: list[str]) -> tuple[list[str], list[str]]:
    own: list[str] = []
    national: list[str] = []
    inside = False
    for line in lines:
        if line.startswith(NATIONAL[0]):
            inside = True
        elif line.startswith(NATIONAL[1]):
            inside = False
        (national if inside else own).append(line)
    return own, national


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)
    elif isinstance(value, str):
        yield value


def traces(municipality: dict[str, Any]) -> set[str]:
    """What would betray a municipality: every value of its name, registry
    office and court, the first word of each name (town 'Helsingin',
    'Helsingfors'), its example diary number, and its registry office's
    e-mail domain (the courts share the national 'oikeus.fi')."""
    values = set(_strings({k: municipality[k] for k in ("name", "registry_office", "administrative_court")}))
    words = {name.split()[0] for part in (municipality["name"], municipality["administrative_court"]["name"])
             for name in _strings(part)}
    domains = {municipality["registry_office"]["email"].split("@")[1]}
    example = municipality["case_number_format"].format(year=2021, serial=123)
    return values | words | domains | {example}


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, list[str]]]:
    """Every text for each municipality: {municipality: {version name: lines}}."""
    found: dict[str, dict[str, list[str]]] = {}
    for key, municipality in MUNICIPALITIES.items():
        repo = _repository(tmp_path_factory.mktemp(key), municipality)
        assert not repo.errors, [p.format() for p in repo.errors]
        found[key] = {v.name: _text(repo, n, v.lang) for n, v in enumerate(every_text(), start=1)}
    return found


def test_every_route_and_variant_is_rendered_in_every_language_it_has(
    rendered: dict[str, dict[str, list[str]]],
) -> None:
    names = set(rendered["helsinki"])
    assert {name.split()[0] for name in names} == {
        *(route.value for route in AppealRoute), "kunnallisvalitus/kaava"}
    assert {name for name in names if name.endswith("(sv)")} == {
        "kunnallisvalitus 2025-01-01 (sv)", "kunnallisvalitus/kaava 2025-01-01 (sv)",
        "muutoksenhakukielto 2015-05-01 (sv)"}
    assert set(rendered["turku"]) == names


@pytest.mark.parametrize(("own", "other"), [("helsinki", "turku"), ("turku", "helsinki")])
def test_no_text_shows_a_trace_of_the_other_municipality(
    rendered: dict[str, dict[str, list[str]]], own: str, other: str
) -> None:
    forbidden = traces(MUNICIPALITIES[other])
    for name, lines in rendered[own].items():
        text = "\n".join(_without_national(lines)[0])
        assert [word for word in sorted(forbidden) if word in text] == [], (own, name)


def test_the_texts_name_their_own_court_and_office(rendered: dict[str, dict[str, list[str]]]) -> None:
    """Every text but the muutoksenhakukielto gives the registry office's
    e-mail; every valitus names the court and gives its e-mail."""
    for key, municipality in MUNICIPALITIES.items():
        court = municipality["administrative_court"]
        for name, lines in rendered[key].items():
            if name.startswith("muutoksenhakukielto"):
                continue
            assert municipality["registry_office"]["email"] in lines, (key, name)
            if "valitus" in name:
                sentence = f"{court['name']['sv']}." if name.endswith("(sv)") else f"{court['name']['allative']}."
                assert any(line.endswith(sentence) for line in lines), (key, name)
                assert court["email"] in lines, (key, name)


def test_the_market_court_is_the_same_national_text(rendered: dict[str, dict[str, list[str]]]) -> None:
    name = "hankintaoikaisu 2017-01-01 (fi)"
    helsinki, turku = (_without_national(rendered[key][name])[1] for key in ("helsinki", "turku"))
    assert helsinki == turku and "markkinaoikeus@oikeus.fi" in helsinki


def test_no_text_has_an_empty_or_unfilled_line(tmp_path: Path) -> None:
    """Each block (paragraph, address line, list item) has text, and none
    is a placeholder; blank lines only separate blocks."""
    for key, municipality in MUNICIPALITIES.items():
        repo = _repository(tmp_path / key, municipality)
        for number, version in enumerate(every_text(), start=1):
            decision = repo.decisions[f"hallitus-{number}"]
            assert isinstance(decision.appeal, Appeal)
            for block in appeal_blocks(repo, decision, decision.appeal, version.lang).blocks:
                lines = [line for line in text_lines(Document(Metadata(title=""), (block,))) if line]
                assert lines and all(line.strip("- ") for line in lines), (key, version.name, block)
                assert not any(mark in line for line in lines
                               for mark in ("None", "ei lähteessä", "{{", "{%", "TÄYTÄ")), (key, version.name)


@pytest.mark.parametrize(
    ("remove", "route", "lang", "field"),
    [
        (("administrative_court",), "kunnallisvalitus", "fi", "municipality.administrative_court"),
        (("administrative_court", "name", "allative"), "hallintovalitus", "fi",
         "municipality.administrative_court.name.allative"),
        (("name", "inessive"), "kunnallisvalitus", "fi", "municipality.name.inessive"),
        (("name", "genitive"), "oikaisuvaatimus", "fi", "municipality.name.genitive"),
        (("registry_office", "sv"), "kunnallisvalitus", "sv", "municipality.registry_office.sv.postal_address"),
        (("administrative_court", "sv"), "kunnallisvalitus", "sv",
         "municipality.administrative_court.sv.postal_address"),
        (("administrative_court", "hours"), "kunnallisvalitus/kaava", "fi", "municipality.administrative_court.hours"),
        (("name", "sv"), "muutoksenhakukielto", "sv", None),
    ],
)
def test_a_field_missing_from_the_registry_is_a_located_error(
    tmp_path: Path, remove: tuple[str, ...], route: str, lang: str, field: str | None
) -> None:
    """Turku's registry without one field: the texts that print it are
    refused at the decision's appeal route, naming the field."""
    municipality = copy.deepcopy(TURKU)
    *parents, last = remove
    holder = municipality
    for key in parents:
        holder = holder[key]
    del holder[last]
    repo = _repository(tmp_path, municipality)
    base, _, variant = route.partition("/")
    [version] = versions(base, variant or None, lang)[-1:]
    number = next(n for n, v in enumerate(every_text(), start=1) if v == version)
    decision = repo.decisions[f"hallitus-{number}"]
    problems = list(appeal_problems(repo, decision, lang))
    if field is None:  # the FÖRBUD MOT SÖKANDE AV ÄNDRING prints no registry field
        assert problems == []
        return
    [problem] = problems
    assert (problem.code, problem.file.endswith(f"hallitus-{number}.yaml"), problem.span is not None) == (
        "appeal-registry", True, True)
    assert problem.message == (
        f"the {version.name} appeal text prints {field}, which the registry of Turun kaupunki does not give; "
        "add it to the registry")
    assert isinstance(decision.appeal, Appeal)
    with pytest.raises(RecordsInvalid) as caught:
        appeal_blocks(repo, decision, decision.appeal, lang)
    assert caught.value.problems == [problem]


def test_a_court_the_record_names_must_be_the_registry_s(tmp_path: Path) -> None:
    record = builders.decision(date="2025-10-22", maker="hallitus",
                               appeal={"route": "kunnallisvalitus", "court": "Turun hallinto-oikeus"})
    registry = copy.deepcopy(builders.REGISTRY)
    registry["municipality"] = copy.deepcopy(HELSINKI)
    repo = govdocs.validate(builders.write_repo(tmp_path, record, registry=registry))
    assert [(p.code, p.message) for p in repo.errors if p.code.startswith("appeal")] == [(
        "appeal-court",
        "the record names the court 'Turun hallinto-oikeus', but the decisions of Helsingin kaupunki are "
        "appealed to Helsingin hallinto-oikeus (municipality.administrative_court in the registry); "
        "correct or remove 'court'",
    )]


def _registry_file(name: str) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((ROOT / "registries" / f"{name}.yaml").read_text(encoding="utf-8"))
    return data["municipality"]


@pytest.mark.parametrize("name", ["espoo", "turku"])
def test_the_repository_s_own_registries_fill_the_finnish_texts_or_say_what_they_lack(
    tmp_path: Path, name: str
) -> None:
    """registries/espoo.yaml and turku.yaml as shipped: every Finnish text
    renders without a trace of Helsinki where the court is another (Turku),
    and what a registry does not give (Turku's Swedish addresses, its
    court's hours that the plan's text prints) is refused naming the field."""
    municipality = _registry_file(name)
    repo = _repository(tmp_path, municipality)
    refused = {}
    for number, version in enumerate(every_text(), start=1):
        decision = repo.decisions[f"hallitus-{number}"]
        problems = list(appeal_problems(repo, decision, version.lang))
        if any(p.is_error for p in problems):
            refused[version.name] = [p.message.split(" prints ")[1].split(",")[0] for p in problems]
            continue
        if name == "turku":
            text = "\n".join(_without_national(_text(repo, number, version.lang))[0])
            assert [word for word in sorted(traces(HELSINKI)) if word in text] == [], version.name
    expected = {
        "espoo": {"kunnallisvalitus 2025-01-01 (sv)": ["municipality.registry_office.sv.postal_address"],
                  "kunnallisvalitus/kaava 2025-01-01 (sv)": ["municipality.registry_office.sv.postal_address"]},
        "turku": {"kunnallisvalitus 2025-01-01 (sv)": ["municipality.administrative_court.sv.postal_address"],
                  "kunnallisvalitus/kaava 2025-01-01 (sv)": ["municipality.administrative_court.sv.postal_address"],
                  "kunnallisvalitus/kaava 2025-01-01 (fi)": ["municipality.administrative_court.hours"]},
    }
    assert refused == expected[name]


def test_in_a_joint_repository_each_decision_prints_its_own_municipality_s_text(tmp_path: Path) -> None:
    """Helsinki holding Turku's records too: each decision's appeal part
    (from 'Muutoksenhaku' on) names its own court and office, not the other's."""
    home = copy.deepcopy(builders.REGISTRY)
    home["municipality"] = {**copy.deepcopy(HELSINKI), "id": "helsinki"}
    home["municipalities"] = ["turku"]
    turku = {"municipality": {**copy.deepcopy(TURKU), "id": "turku"},
             "decision_makers": [{"id": "turku-hallitus", "kind": "body", "name": {"fi": "Kaupunginhallitus"}}]}
    records = []
    for rid, maker in (("hallitus-1", "hallitus"), ("turku-hallitus-1", "turku-hallitus")):
        record = builders.decision(id=rid, date="2025-10-22", maker=maker, appeal={"route": "kunnallisvalitus"})
        for key in ("case", "transfers", "obligations"):
            record.pop(key)
        records.append(record)
    root = builders.write_repo(tmp_path, *records, registry=home)
    (root / "registries").mkdir()
    (root / "registries" / "turku.yaml").write_text(yaml.safe_dump(turku, allow_unicode=True), encoding="utf-8")
    repo = govdocs.load(root)
    for rid, own, other in (("hallitus-1", HELSINKI, TURKU), ("turku-hallitus-1", TURKU, HELSINKI)):
        lines = text_lines(build(repo, rid))
        text = "\n".join(lines[lines.index("Muutoksenhaku"):])
        assert f"Kunnallisvalitus tehdään {own['administrative_court']['name']['allative']}." in text
        assert [word for word in sorted(traces(other)) if word in text] == [], rid

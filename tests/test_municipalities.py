"""A repository of several municipalities: registry.yaml lists the further
ones, each with its own registry in registries/<id>.yaml; registry ids are
unique across them; a record belongs to its decision maker's municipality
and names only that municipality's entries."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

import govdocs
from govdocs.cli import cli
from govdocs.repository import Repository


@pytest.fixture(autouse=True)
def _in_repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # messages name files relative to the current folder


def municipality(mid: str, town: str, pattern: str, fmt: str) -> dict[str, Any]:
    return {
        "id": mid,
        "name": {"fi": f"{town}n kaupunki", "genitive": f"{town}n kaupungin"},
        "short_name": f"{town}n kaupunki",
        "registry_office": {
            "email": f"kirjaamo@{mid}.example", "postal_address": ["PL 1", f"00001 {town.upper()}"],
            "visiting_address": "Katu 1", "phone": "09 000 000", "hours": "Avoinna arkisin.",
        },
        "case_number_pattern": pattern,
        "case_number_format": fmt,
    }


def body(bid: str, name: str = "Kaupunginhallitus") -> dict[str, Any]:
    return {"id": bid, "kind": "body", "name": {"fi": name}}


HOME = {
    "municipalities": ["turku"],
    "municipality": municipality("helsinki", "Helsingi", r"^HEL \d{4}-\d{6}$", "HEL {year}-{serial:06d}"),
    "organisations": [{"id": "kanslia", "kind": "office", "name": {"fi": "Kaupunginkanslia"}}],
    "decision_makers": [body("kaupunginhallitus")],
}
TURKU = {
    "municipality": municipality("turku", "Turu", r"^\d{1,5}-\d{4}( \(\d{3}\))?$", "{serial}-{year}"),
    "organisations": [{"id": "turku-kanslia", "kind": "office", "name": {"fi": "Konsernihallinto"}}],
    "decision_makers": [body("turku-kaupunginhallitus")],
}


def decision(rid: str, maker: str, case: str, **extra: Any) -> dict[str, Any]:
    return {
        "id": rid, "maker": maker, "handling": "meeting", "date": "2017-05-02", "number": 195,
        "title": "Asia", "case": case,
        "sections": [{"kind": "decision", "body": ["Kaupunginhallitus päätti merkitä asian tiedoksi."]}],
        **extra,
    }


def write(root: Path, home: dict[str, Any], members: dict[str, dict[str, Any]], *records: dict[str, Any]) -> Path:
    dump = {"allow_unicode": True, "sort_keys": False}
    (root / "registry.yaml").write_text(yaml.safe_dump(home, **dump), encoding="utf-8")  # type: ignore[call-overload]
    (root / "registries").mkdir(exist_ok=True)
    for mid, registry in members.items():
        (root / "registries" / f"{mid}.yaml").write_text(yaml.safe_dump(registry, **dump), encoding="utf-8")  # type: ignore[call-overload]
    (root / "decisions").mkdir(exist_ok=True)
    for record in records:
        (root / "decisions" / f"{record['id']}.yaml").write_text(yaml.safe_dump(record, **dump), encoding="utf-8")  # type: ignore[call-overload]
    return root


def problems(repo: Repository) -> list[str]:
    return [p.format() for p in repo.problems if p.is_error]


def test_each_record_is_checked_against_its_own_municipality(tmp_path: Path) -> None:
    root = write(tmp_path, HOME, {"turku": TURKU},
                 decision("kh-2017-1", "kaupunginhallitus", "HEL 2017-000001"),
                 decision("turku-kh-2017-195", "turku-kaupunginhallitus", "5024-2017 (010)"))
    repo = govdocs.validate(root)
    assert problems(repo) == []
    assert repo.municipality_of("kh-2017-1").id == "helsinki"
    assert repo.municipality_of("turku-kh-2017-195").id == "turku"
    assert set(repo.makers) == {"kaupunginhallitus", "turku-kaupunginhallitus"}
    assert repo.registry_origin("decision_makers", "turku-kaupunginhallitus").file == "registries/turku.yaml"


def test_a_diary_number_in_another_municipalitys_format_is_refused_with_its_own_pattern(tmp_path: Path) -> None:
    root = write(tmp_path, HOME, {"turku": TURKU},
                 decision("turku-kh-2017-195", "turku-kaupunginhallitus", "HEL 2017-000001"))
    (message,) = problems(govdocs.validate(root))
    assert message.startswith("decisions/turku-kh-2017-195.yaml:")
    assert "diary number 'HEL 2017-000001' is not in the municipality's format" in message
    assert r"^\d{1,5}-\d{4}( \(\d{3}\))?$" in message and "e.g. '1234-2016'" in message


def test_a_record_naming_another_municipalitys_organisation_is_an_error(tmp_path: Path) -> None:
    order = {"id": "turku-kh-2017-195.i1", "action": "order", "quote": "Kaupunginhallitus päätti",
             "holders": [{"organisation": "kanslia"}]}
    root = write(tmp_path, HOME, {"turku": TURKU},
                 decision("turku-kh-2017-195", "turku-kaupunginhallitus", "5024-2017 (010)", items=[order]))
    found = [p for p in govdocs.validate(root).errors if p.code == "foreign-reference"]
    assert [p.format() for p in found] == [
        "decisions/turku-kh-2017-195.yaml:17:19: error: 'kanslia' is Helsingin kaupunki's, but this record "
        "belongs to Turun kaupunki (the municipality of its decision maker); a record names only its own "
        "municipality's organisations, bodies, people and functions"
    ]


def test_an_id_used_by_two_municipalities_is_an_error_at_the_later(tmp_path: Path) -> None:
    turku = {**TURKU, "decision_makers": [body("kaupunginhallitus")]}
    repo = govdocs.validate(write(tmp_path, HOME, {"turku": turku}))
    (message,) = problems(repo)
    assert message.startswith("registries/turku.yaml:")
    assert "id 'kaupunginhallitus' is already Helsingin kaupunki's (registry.yaml:" in message
    assert "e.g. 'turku-kaupunginhallitus'" in message


def test_a_listed_municipality_without_its_registry_is_an_error(tmp_path: Path) -> None:
    repo = govdocs.validate(write(tmp_path, HOME, {}))
    assert [p.code for p in repo.errors] == ["missing-registry"]
    assert problems(repo)[0].startswith("registry.yaml:2:3:")
    assert "municipality 'turku' has no registry: registries/turku.yaml is missing" in problems(repo)[0]


def test_ids_of_municipalities_are_required_and_match_their_file(tmp_path: Path) -> None:
    turku = {**TURKU, "municipality": {**TURKU["municipality"], "id": "abo"}}
    home = {**HOME, "municipality": {k: v for k, v in HOME["municipality"].items() if k != "id"}}
    repo = govdocs.validate(write(tmp_path, home, {"turku": turku}))
    assert sorted(p.code for p in repo.errors) == ["municipality-id", "municipality-id"]
    text = "\n".join(problems(repo))
    assert "this one needs an id (id: helsinki)" in text
    assert "municipality id 'abo' differs from its file name 'turku.yaml'" in text


def test_a_member_cannot_list_members(tmp_path: Path) -> None:
    turku = {**TURKU, "municipalities": ["espoo"]}
    repo = govdocs.validate(write(tmp_path, HOME, {"turku": turku}))
    assert [p.code for p in repo.errors] == ["nested-municipalities"]


def test_validate_exits_1_with_the_located_message(tmp_path: Path) -> None:
    root = write(tmp_path, HOME, {"turku": TURKU},
                 decision("turku-kh-2017-195", "turku-kaupunginhallitus", "HEL 2017-000001"))
    result = CliRunner().invoke(cli, ["validate", "-C", str(root)])
    assert result.exit_code == 1
    assert "decisions/turku-kh-2017-195.yaml" in result.output and "Traceback" not in result.output


def test_a_new_diary_number_follows_the_makers_municipality(tmp_path: Path) -> None:
    from govdocs.drafting.numbering import new_case_number

    root = write(tmp_path, HOME, {"turku": TURKU},
                 decision("kh-2017-1", "kaupunginhallitus", "HEL 2017-000007"),
                 decision("turku-kh-2017-195", "turku-kaupunginhallitus", "5024-2017 (010)"))
    repo = govdocs.validate(root)
    assert new_case_number(repo, 2017, "kaupunginhallitus") == "HEL 2017-000008"
    assert new_case_number(repo, 2017, "turku-kaupunginhallitus") == "5025-2017"


def test_a_query_answers_for_one_municipality_alone(tmp_path: Path) -> None:
    root = write(tmp_path, HOME, {"turku": TURKU},
                 decision("kh-2017-1", "kaupunginhallitus", "HEL 2017-000001"),
                 decision("turku-kh-2017-195", "turku-kaupunginhallitus", "5024-2017 (010)"))
    repo = govdocs.validate(root)
    turku = repo.only("turku")
    assert list(turku.decisions) == ["turku-kh-2017-195"]
    assert turku.registry.municipality.id == "turku" and not turku.members
    assert set(turku.makers) == {"turku-kaupunginhallitus"}
    assert turku.municipality_of("turku-kh-2017-195").id == "turku"
    shown = CliRunner().invoke(cli, ["validate", "-C", str(root), "--municipality", "turku"])
    assert shown.exit_code == 0, shown.output
    assert "in 1 record file(s)" in shown.output


def test_an_unknown_municipality_is_a_usage_error(tmp_path: Path) -> None:
    root = write(tmp_path, HOME, {"turku": TURKU})
    result = CliRunner().invoke(cli, ["obligations", "-C", str(root), "--municipality", "turu"])
    assert result.exit_code == 2
    assert "no municipality 'turu' in this repository; did you mean 'turku'?" in result.output


def test_a_follow_up_report_per_municipality_each_headed_by_its_own_town(tmp_path: Path) -> None:
    root = write(tmp_path, HOME, {"turku": TURKU},
                 decision("kh-2017-1", "kaupunginhallitus", "HEL 2017-000001"),
                 decision("turku-kh-2017-195", "turku-kaupunginhallitus", "5024-2017 (010)"))
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["report", "followup", "-C", str(root), "--format", "txt", "--out", str(out)])
    assert result.exit_code == 0, result.output
    texts = {p.name: p.read_text(encoding="utf-8") for p in out.glob("*.txt")}
    assert sorted(texts) == ["seurantaraportti-helsinki.txt", "seurantaraportti-turku.txt"]
    assert "Turun kaupunki" in texts["seurantaraportti-turku.txt"]
    assert "Helsingin" not in texts["seurantaraportti-turku.txt"]
    assert "Turun" not in texts["seurantaraportti-helsinki.txt"]

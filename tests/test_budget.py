"""The budget-incorporation checklist: which obligations and appropriation
transfers belong to a budget year, how they are grouped and what status
they carry; `govdocs budget` output; the bundled records' budget 2017."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import govdocs
from govdocs.cli import cli
from govdocs.derive.budget import budget_checklist
from tests.test_obligations import build, decision, followup, fulfil, obligation

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


def transfer(tid: str, what: str, effective: str, **fields: Any) -> dict[str, Any]:
    return {
        "id": tid,
        "what": what,
        "effective": effective,
        "quote": f"Siirto {tid} tehdään tällä lauseella.",
        **fields,
    }


@pytest.fixture
def repo(tmp_path: Path) -> govdocs.Repository:
    return build(
        tmp_path,
        decision(
            "kj-2016-1",
            "2016-06-01",
            1,
            obligations=[
                obligation("o.ta", {"budget_year": 2017}, kind="budget-incorporation", owner="kanslia"),
                obligation("o.ta18", {"budget_year": 2018}, kind="budget-incorporation", owner="kanslia"),
                obligation("o.esittely", {"year": 2017}),
            ],
            transfers=[
                transfer("t.raha", "kesatyoraha", "2017-01-01", **{"from": "sote"}, to="kanslia"),
                transfer(
                    "t.typ", "typ", "2017-01-01", **{"from": "sote"}, to="kanslia"
                ),  # a service, not money
                transfer(
                    "t.hoitajat",
                    "hoitajaraha",
                    "2017-01-01",
                    **{"from": {"not_stated": "Ei sanota."}},
                    to="sote",
                ),
                transfer("t.myohemmin", "hoitajaraha", "2018-01-01", **{"from": "sote"}, to="opetus"),
            ],
        ),
        decision(
            "kj-2016-2",
            "2016-07-01",
            2,
            transfers=[transfer("t.ilman", "kesatyoraha", "2017-03-01", **{"from": "kanslia"}, to="opetus")],
        ),
        followup("fu-2016-1", "2016-09-15", fulfil("o.ta"), document="Talousarvioehdotus 2017"),
    )


def test_items_grouped_by_organisation(repo: govdocs.Repository) -> None:
    checklist = budget_checklist(repo, 2017, date(2016, 9, 20))
    assert {org: [(i.kind, i.id) for i in items] for org, items in checklist.groups().items()} == {
        "kanslia": [("appropriation", "t.raha"), ("obligation", "o.ta")],
        "opetus": [("appropriation", "t.ilman")],
        "sote": [("appropriation", "t.hoitajat")],
    }


def test_status_follows_the_covering_obligation(repo: govdocs.Repository) -> None:
    def status(day: date) -> dict[str, tuple[str, str | None]]:
        return {i.id: (str(i.status), i.covered_by) for i in budget_checklist(repo, 2017, day).items}

    # the proposal for 2017 is due 30.9.2016 (registry: proposal 09-30 of the previous year)
    assert status(date(2016, 9, 1)) == {
        "o.ta": ("due-soon", None),
        "t.raha": ("due-soon", "o.ta"),
        "t.hoitajat": ("due-soon", "o.ta"),
        "t.ilman": ("due-soon", None),
    }
    assert status(date(2016, 10, 1)) == {
        "o.ta": ("fulfilled", None),
        "t.raha": ("fulfilled", "o.ta"),
        "t.hoitajat": ("fulfilled", "o.ta"),
        "t.ilman": ("overdue", None),
    }


def test_other_years(repo: govdocs.Repository) -> None:
    assert [i.id for i in budget_checklist(repo, 2018, date(2017, 1, 1)).items] == ["o.ta18", "t.myohemmin"]
    assert budget_checklist(repo, 2019, date(2017, 1, 1)).items == []


TEXT = """\
Budget 2017: incorporation checklist as of 20.9.2016

Kanslia (kanslia)
  [fulfilled] Kesätyöraha
      appropriation moves sote → kanslia, effective 1.1.2017
      t.raha; due 30.9.2016; source Kaupunginjohtaja 1.6.2016 1 § (decisions/kj-2016-1.yaml:{raha})
      covered by o.ta
      “Siirto t.raha tehdään tällä lauseella.”
  [fulfilled] Velvoite o.ta.
      o.ta; due 30.9.2016; source Kaupunginjohtaja 1.6.2016 1 § (decisions/kj-2016-1.yaml:{ta})
      “Velvoite o.ta syntyy tästä lauseesta.”

Opetusvirasto (opetus)
  [due-soon] Kesätyöraha
      appropriation moves kanslia → opetus, effective 1.3.2017
      t.ilman; due 30.9.2016; source Kaupunginjohtaja 1.7.2016 2 § (decisions/kj-2016-2.yaml:{ilman})
      “Siirto t.ilman tehdään tällä lauseella.”

Sosiaali- ja terveysvirasto (sote)
  [fulfilled] Hoitajaraha
      appropriation moves (not stated) → sote, effective 1.1.2017
      t.hoitajat; due 30.9.2016; source Kaupunginjohtaja 1.6.2016 1 § (decisions/kj-2016-1.yaml:{hoitajat})
      covered by o.ta
      “Siirto t.hoitajat tehdään tällä lauseella.”
"""


def test_cli_text(repo: govdocs.Repository) -> None:
    result = CliRunner().invoke(cli, ["budget", "2017", ".", "--as-of", "2016-09-20"])
    where = {k: repo.where(k).split(":", 1)[1] for k in ("t.raha", "o.ta", "t.ilman", "t.hoitajat")}
    expected = TEXT.format(
        raha=where["t.raha"], ta=where["o.ta"], ilman=where["t.ilman"], hoitajat=where["t.hoitajat"]
    )
    assert (result.exit_code, result.output) == (0, expected)


def test_cli_json_and_csv(repo: govdocs.Repository) -> None:
    data = json.loads(
        CliRunner().invoke(cli, ["budget", "2017", ".", "--as-of", "2016-09-20", "--format", "json"]).output
    )
    assert (data["budget_year"], data["as_of"]) == (2017, "2016-09-20")
    assert [g["organisation"] for g in data["organisations"]] == ["kanslia", "opetus", "sote"]
    assert data["organisations"][2]["items"][0] | {"where": None} == {
        "kind": "appropriation",
        "id": "t.hoitajat",
        "organisation": "sote",
        "what": "Hoitajaraha",
        "from": "not-stated",
        "to": "sote",
        "effective": "2017-01-01",
        "due": "2016-09-30",
        "status": "fulfilled",
        "source": "kj-2016-1",
        "citation": "Kaupunginjohtaja 1.6.2016 1 §",
        "where": None,
        "quote": "Siirto t.hoitajat tehdään tällä lauseella.",
        "covered_by": "o.ta",
    }
    csv_out = (
        CliRunner().invoke(cli, ["budget", "2017", ".", "--as-of", "2016-09-20", "--format", "csv"]).output
    )
    assert (
        csv_out.splitlines()[0]
        == "organisation,kind,id,what,from,to,effective,due,status,citation,where,covered_by,quote"
    )
    assert csv_out.splitlines()[3].startswith(
        "opetus,appropriation,t.ilman,Kesätyöraha,kanslia,opetus,2017-03-01,2016-09-30,due-soon,"
    )


def test_bad_year_is_a_usage_error() -> None:
    result = CliRunner().invoke(cli, ["budget", "17x"])
    assert result.exit_code == 2
    assert (
        result.output.splitlines()[-1]
        == "Error: Invalid value for 'YEAR': '17x' is not a valid integer range."
    )


# --- the bundled records -----------------------------------------------------------


def test_bundled_budget_2017() -> None:
    checklist = budget_checklist(govdocs.load(ROOT), 2017, date(2018, 1, 1))
    rows = {i.id: (i.organisation, i.moves_from, i.moves_to, i.citation) for i in checklist.items}
    assert rows == {
        "kj-2016-59.kesatyomaararaha": (
            "kaupunginkanslia",
            "sosiaali-ja-terveysvirasto",
            "kaupunginkanslia",
            "Kaupunginjohtaja 59 §",
        ),
        "kj-2016-59.maararahat-soteen": (
            "sosiaali-ja-terveysvirasto",
            "not-stated",
            "sosiaali-ja-terveysvirasto",
            "Kaupunginjohtaja 59 §",
        ),
        "kj-2016-59.talousarvio": ("kaupunginkanslia", None, None, "Kaupunginjohtaja 59 §"),
    }
    quotes = {i.id: i.quote for i in checklist.items}
    assert quotes["kj-2016-59.kesatyomaararaha"].startswith(
        "Nuorten toimeentulotukiasiakkaiden kesätyöllistämiseen"
    )
    assert quotes["kj-2016-59.maararahat-soteen"].startswith(
        "Kuntouttavan työtoiminnan ja Helsingin TYPin osana"
    )
    assert (
        quotes["kj-2016-59.talousarvio"]
        == "raportissa esitetyt muutokset tullaan ottamaan huomioon talousarvion valmistelussa"
    )
    whats = {i.id: i.what for i in checklist.items}
    assert (
        whats["kj-2016-59.maararahat-soteen"]
        == "Kuntouttavan työtoiminnan määräraha; Helsingin TYPin terveydenhoitajien määräraha"
    )

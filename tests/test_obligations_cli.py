"""`govdocs obligations`: exact table, JSON and CSV output, filters,
`--fail-on` exit codes and usage errors, through click's CliRunner."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from govdocs.cli import cli
from tests.test_obligations import decision, followup, fulfil, obligation, write


@pytest.fixture(autouse=True)
def records(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return write(
        tmp_path,
        decision(
            "kj-2017-1",
            "2017-01-10",
            1,
            obligations=[
                obligation("o.esittely", {"year": 2017}, addressee="elinkeinojaosto"),
                obligation("o.raha", {"budget_year": 2018}, kind="budget-incorporation", owner="kanslia"),
                obligation(
                    "o.sopimus",
                    {"every": "yearly", "before": "budget-frame-phase", "start": 2017},
                    kind="agreement",
                    owner="kanslia-elinkeino",
                ),
            ],
        ),
        followup(
            "fu-2017-1", "2017-04-20", fulfil("o.sopimus", period=2017), document="Yhteistyösopimus 2017"
        ),
    )


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, ["obligations", ".", *args])


TABLE = """\
STATUS     DUE         ID              KIND                  OWNER              ADDRESSEE        SOURCE                          EVIDENCE
fulfilled  30.4.2017   o.sopimus/2017  agreement             kanslia-elinkeino  —                Kaupunginjohtaja 10.1.2017 1 §  fu-2017-1 (20.4.2017)
due-soon   30.9.2017   o.raha          budget-incorporation  kanslia            —                Kaupunginjohtaja 10.1.2017 1 §
open       31.12.2017  o.esittely      report                sote               elinkeinojaosto  Kaupunginjohtaja 10.1.2017 1 §
3 obligation instance(s) as of 1.9.2017: 1 open, 1 due-soon, 1 fulfilled
"""


def test_table() -> None:
    result = run("--as-of", "2017-09-01")
    assert (result.exit_code, result.output) == (0, TABLE)


def test_finnish_dates_and_filters() -> None:
    result = run("--as-of", "1.9.2017", "--owner", "kanslia", "--status", "due-soon", "--status", "fulfilled")
    assert result.exit_code == 0
    assert [line.split()[2] for line in result.output.splitlines()[1:-1]] == ["o.sopimus/2017", "o.raha"]
    result = run("--as-of", "1.9.2017", "--addressee", "elinkeinojaosto", "--due-before", "2018-01-01")
    assert result.output.splitlines()[-1] == "1 obligation instance(s) as of 1.9.2017: 1 open"
    result = run("--as-of", "1.9.2017", "--status", "cancelled")
    assert result.output == "No obligations match.\n0 obligation instance(s) as of 1.9.2017\n"


def test_json() -> None:
    result = run("--as-of", "2018-01-01", "--format", "json", "--status", "fulfilled")
    assert result.exit_code == 0
    assert json.loads(result.output) == {
        "as_of": "2018-01-01",
        "obligations": [
            {
                "id": "o.sopimus/2017",
                "obligation": "o.sopimus",
                "period": "2017",
                "kind": "agreement",
                "what": "Velvoite o.sopimus.",
                "owner": "kanslia-elinkeino",
                "owner_not_stated": None,
                "addressee": None,
                "due": "2017-04-30",
                "status": "fulfilled",
                "source": "kj-2017-1",
                "citation": "Kaupunginjohtaja 10.1.2017 1 §",
                "where": "decisions/kj-2017-1.yaml:28:3",
                "quote": "Velvoite o.sopimus syntyy tästä lauseesta.",
                "evidence": {
                    "record": "fu-2017-1",
                    "date": "2017-04-20",
                    "recorded": "2017-04-20",
                    "outcome": "fulfilled",
                    "text": "Yhteistyösopimus 2017 (HEL 2017-000002)",
                    "where": "decisions/fu-2017-1.yaml:6:3",
                    "superseded_by": None,
                },
            }
        ],
    }


CSV = """\
id,obligation,period,status,due,kind,owner,addressee,source,citation,where,evidence_record,evidence_date,evidence,quote
o.raha,o.raha,,overdue,2017-09-30,budget-incorporation,kanslia,,kj-2017-1,Kaupunginjohtaja 10.1.2017 1 §,decisions/kj-2017-1.yaml:21:3,,,,Velvoite o.raha syntyy tästä lauseesta.
o.esittely,o.esittely,,overdue,2017-12-31,report,sote,elinkeinojaosto,kj-2017-1,Kaupunginjohtaja 10.1.2017 1 §,decisions/kj-2017-1.yaml:13:3,,,,Velvoite o.esittely syntyy tästä lauseesta.
o.sopimus/2018,o.sopimus,2018,open,2018-04-30,agreement,kanslia-elinkeino,,kj-2017-1,Kaupunginjohtaja 10.1.2017 1 §,decisions/kj-2017-1.yaml:28:3,,,,Velvoite o.sopimus syntyy tästä lauseesta.
"""


def test_csv() -> None:
    result = run("--as-of", "2018-01-01", "--format", "csv", "--status", "open", "--status", "overdue")
    assert (result.exit_code, result.output) == (0, CSV)


def test_fail_on_overdue_exits_1() -> None:
    assert run("--as-of", "2017-09-01", "--fail-on", "overdue").exit_code == 0
    late = run("--as-of", "2018-01-01", "--fail-on", "overdue")
    assert late.exit_code == 1
    assert (
        late.output.splitlines()[-1]
        == "4 obligation instance(s) as of 1.1.2018: 1 open, 2 overdue, 1 fulfilled"
    )


def test_fail_on_due_soon_counts_due_soon_too() -> None:
    assert run("--as-of", "2017-09-01", "--fail-on", "due-soon").exit_code == 1
    assert run("--as-of", "2017-06-01", "--fail-on", "due-soon").exit_code == 0


def test_bad_date_is_a_usage_error() -> None:
    result = run("--as-of", "2017-13-01")
    assert result.exit_code == 2
    assert result.output.splitlines()[-1] == (
        "Error: Invalid value for '--as-of': '2017-13-01' is not a real date (month must be in 1..12)"
    )


def test_invalid_records_exit_1_with_located_errors(tmp_path: Path) -> None:
    write(tmp_path, followup("fu-2", "2017-05-01", fulfil("o.ei-ole")))
    result = run("--as-of", "2017-09-01")
    assert result.exit_code == 1
    assert "decisions/fu-2.yaml:3:15: error: unknown obligation or reporting duty 'o.ei-ole'" in result.output

"""govdocs responsibilities / audit / diff: exact output and exit codes on
the bundled records."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from govdocs.cli import cli
from tests.builders import decision, write_repo
from tests.conftest import ROOT, SEED

STEP = re.compile(r"^ *\d+\. (\S+)  ([A-Z ]+?)  ")


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output


@pytest.fixture(autouse=True)
def _in_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


def test_holders_of_one_organisation_as_a_table() -> None:
    code, out = run("responsibilities", "--at", "2017-02-01", "--org", "sosiaali-ja-terveysvirasto")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "Responsibilities on 1.2.2017: 4 holding(s)"
    assert lines[2].split() == ["FUNCTION", "PART", "HOLDER", "SCOPE", "SINCE", "SOURCE"]
    assert lines[3].split() == [
        "kuntouttava-tyotoiminta", "sosiaali-ja-terveysvirasto", "whole", "1.1.2017*",
        "Kaupunginjohtaja", "59", "§", "(date", "not", "stated,", "assumed", "13.9.2016)",
    ]
    assert lines[4] == (
        f"    kj-2016-59.kuntouttava-jaa ({SEED}): “Kuntouttavan työtoiminnan"
    )
    assert lines[5] == "      järjestämisvastuu jää sosiaali- ja terveysvirastoon.”"
    assert lines[7] == "    except parts held apart: neuvonta-ja-ohjaus, tyopajamainen-kahvilatoiminta"
    assert lines[-1] == (
        "* effective date not stated in the source (Teksti ei kerro voimaantuloa.); the record assumes it. "
        "Muutokset otetaan huomioon talousarvion valmistelussa; ensimmäinen talousarviovuosi on 2017."
    )


def test_json_answers_the_done_when_questions() -> None:
    code, out = run("responsibilities", "--at", "2017-02-01", "--format", "json")
    assert code == 0
    rows = {(r["function"], r["part"]): r for r in json.loads(out)["holdings"]}
    typ = rows[("helsingin-typ", None)]
    assert (typ["holder"], typ["scope"], typ["citation"]) == (
        "kaupunginkanslia-elinkeino-osasto", "mostly", "Kaupunginjohtaja 59 § (date not stated, assumed 13.9.2016)"
    )
    assert typ["quote"] == (
        "Nykyinen työllistymistä edistävä monialainen yhteispalvelu eli Helsingin TYP siirretään "
        "pääosin kaupunginkanslian elinkeino-osastolle."
    )
    assert typ["since"] == "2017-01-01" and typ["since_assumed"].startswith("not stated in the source")
    assert rows[("kuntouttava-tyotoiminta", None)]["holder"] == "sosiaali-ja-terveysvirasto"
    assert rows[("nuorten-kesatyollistamisen-maararaha", None)]["holder"] == "kaupunginkanslia"
    assert rows[("palkkatuettu-oppisopimuskoulutus", None)]["holder"] == "opetusvirasto"


def test_csv_after_the_reform_shows_the_divisions() -> None:
    code, out = run("responsibilities", "--at", "1.6.2017", "--format", "csv")
    assert code == 0
    rows = {(r["function"], r["part"]): r for r in csv.DictReader(io.StringIO(out))}
    row = rows[("tyollistymista-edistavat-koulutukset", "")]
    assert (row["holder"], row["since"], row["via_succession"], row["record"]) == (
        "kasvatuksen-ja-koulutuksen-toimiala", "2017-06-01",
        "opetusvirasto → kasvatuksen-ja-koulutuksen-toimiala", "kj-2016-59.koulutukset-opetusvirastoon",
    )
    assert rows[("kuntouttava-tyotoiminta", "")]["holder"] == "sosiaali-ja-terveystoimiala"


def test_unknown_organisation_and_bad_date_are_usage_errors() -> None:
    code, out = run("responsibilities", "--at", "2017-02-01", "--org", "opetusvirastto")
    assert (code, out.splitlines()[-1]) == (2, "Error: no organisation 'opetusvirastto'; did you mean 'opetusvirasto'?")
    code, out = run("responsibilities", "--at", "31.2.2017")
    assert code == 2
    assert out.splitlines()[-1] == "Error: Invalid value for '--at': '31.2.2017' is not a real date (day is out of range for month)"


def test_audit_of_the_social_and_health_department_in_order() -> None:
    code, out = run("audit", "sosiaali-ja-terveysvirasto", "--from", "2016-01-01", "--to", "2017-12-31")
    assert code == 0
    steps = [line for line in out.splitlines() if STEP.match(line)]
    assert [list(STEP.match(s).groups()) for s in steps] == [  # type: ignore[union-attr]
        ["1.1.2017*", "KEPT"], ["1.1.2017*", "GAVE AWAY"], ["1.1.2017*", "GAVE AWAY"], ["1.1.2017*", "GAVE AWAY"],
        ["1.1.2017*", "GAINED"], ["1.1.2017*", "GAINED"], ["1.1.2017*", "GAVE AWAY"],
        ["1.6.2017", "HANDED TO ITS SUCCESSOR"], ["1.6.2017", "HANDED TO ITS SUCCESSOR"],
        ["1.6.2017", "HANDED TO ITS SUCCESSOR"], ["1.6.2017", "HANDED TO ITS SUCCESSOR"],
    ]
    lines = out.splitlines()
    first = lines.index(steps[0])
    assert lines[first:first + 3] == [
        "  1. 1.1.2017*  KEPT  kuntouttava-tyotoiminta stays with sosiaali-ja-terveysvirasto",
        # file:line:col, as the command's help promises
        "       Kaupunginjohtaja 59 § (date not stated, assumed 13.9.2016) — kj-2016-59.kuntouttava-jaa "
        f"({SEED}:183:9)",
        "       “Kuntouttavan työtoiminnan järjestämisvastuu jää sosiaali- ja terveysvirastoon.”",
    ]
    eighth = lines.index(steps[7])
    registry = (ROOT / "registry.yaml").read_text(encoding="utf-8")
    line = registry[: registry.index("    successor: sosiaali-ja-terveystoimiala")].count("\n") + 1
    assert lines[eighth + 1] == (
        f"       registry: successor of sosiaali-ja-terveysvirasto — registry (registry.yaml:{line}:16)")
    assert lines[-3:] == ["Contradictions: none", "", "* the effective date is not stated in the source; the record assumes it"]


def test_audit_lists_contradictions_and_exits_1(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    record = decision()
    record["transfers"][0]["from"] = "kanslia"
    write_repo(tmp_path, record)
    monkeypatch.chdir(tmp_path)
    code, out = run("audit", "palvelu")
    assert code == 1
    assert out.splitlines()[-2:] == [
        "Contradictions:",
        "  decisions/2016/kj-2016-1.yaml:24:9: error: 'palvelu' is transferred from 'kanslia' on 1.1.2017, "
        "but on that date it is held by 'virasto' (the registry's initial holder, registry.yaml:54:19)",
    ]


def test_audit_refuses_records_with_other_errors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_repo(tmp_path, decision(maker="johtajaa"))
    monkeypatch.chdir(tmp_path)
    code, out = run("audit", "palvelu")
    assert code == 1
    assert out.splitlines()[0] == "decisions/2016/kj-2016-1.yaml:2:8: error: unknown decision maker 'johtajaa'; did you mean 'johtaja'?"


def test_unknown_audit_subject() -> None:
    code, out = run("audit", "helsingin-typp")
    assert (code, out.splitlines()[-1]) == (2, "Error: no function or organisation 'helsingin-typp'; did you mean 'helsingin-typ'?")


def test_diff_between_two_days() -> None:
    code, out = run("diff", "1.6.2017", "2016-12-31")
    assert code == 0
    heads = [line for line in out.splitlines() if line and not line.startswith(" ")]
    assert heads[0] == "Changed hands between 31.12.2016 and 1.6.2017: 11"
    assert heads[1] == "helsingin-typ: nobody known → kaupunginkanslia-elinkeino-osasto (mostly)"
    assert "kuntouttava-tyotoiminta: sosiaali-ja-terveysvirasto (whole) → sosiaali-ja-terveystoimiala (whole)" in heads
    code, out = run("diff", "2018-01-01", "2019-01-01")
    assert (code, out) == (0, "Changed hands between 1.1.2018 and 1.1.2019: 0\n")

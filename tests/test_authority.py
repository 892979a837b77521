"""Delegations: `govdocs responsibilities`, `audit` and `authority` on the
bundled delegation decisions, the Kuntalaki 91 § warning, bad delegation
input, and a transfer's `until`. Real CLI runs."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from govdocs.cli import cli
from tests.builders import REGISTRY, decision, write_repo
from tests.conftest import ROOT

TP = "omaisuudenhallinta-tp-2022-2"
YP = "tilaomaisuus-yp-2022-2"
PERSON_LIMIT = "limit 100 000 EUR per person, VAT excluded"


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output


@pytest.fixture(autouse=True)
def _in_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


def record_files() -> list[Path]:
    return sorted((ROOT / "decisions").rglob("*.yaml"))


# --- the bundled decisions -------------------------------------------------------
def test_responsibilities_names_the_delegates_while_in_force() -> None:
    code, out = run("responsibilities", "--at", "2022-06-01")
    assert code == 0
    assert "Delegations in force on 1.6.2022: 2" in out
    assert f"  to Lindholm Mårten, tiimipäällikkö; {PERSON_LIMIT}" in out
    assert f"  to Piilola Jouko, tiimipäällikkö; {PERSON_LIMIT}" in out
    assert (
        "  to jäljempänä mainitut työsuhteessa olevat henkilöt [names removed from the published text]; limit"
        in out
    )
    assert out.count("condition: “hankinta ei edellytä päätöstä tarjouskilpailun ratkaisemisesta”") == 2
    assert out.count("duty: “Hankinnat on dokumentoitava tarkoituksenmukaisella tavalla.”") == 2
    assert "  under the responsibility of omaisuudenhallintatiimin-tiimipaallikko" in out
    assert "hankinnat (oikeus toteuttaa hankintoja): 1.1.2022–31.12.2022" in out
    assert (
        f"Tiimipäällikkö 2 § (date not stated, assumed 3.1.2022) — {TP}.hankinnat (decisions/2022/{TP}.yaml:"
        in out
    )


def test_responsibilities_json_carries_each_delegation() -> None:
    code, out = run("responsibilities", "--at", "1.6.2022", "--format", "json")
    assert code == 0
    found = {d["decision"]: d for d in json.loads(out)["delegations"]}
    assert sorted(found) == [TP, YP]
    yp, tp = found[YP], found[TP]
    assert (yp["right"], yp["delegated_by"], yp["holding"], yp["responsibility"]) == (
        "hankinnat",
        "tilaomaisuusyksikon-paallikko",
        "alongside",
        "tilaomaisuusyksikon-paallikko",
    )
    assert (yp["valid_from"], yp["valid_to"], yp["valid_from_assumed"]) == ("2022-01-01", "2022-12-31", False)
    assert [h["name"] for h in yp["holders"]] == ["Lindholm Mårten", "Piilola Jouko"]
    assert yp["holders"][0]["limit"] == {
        "value": "100000",
        "kind": "limit",
        "vat": "excluded",
        "per": "person",
        "quote": "100 000 euroa",
    }
    assert len(yp["conditions"]) == 6 and yp["duties"] == [
        "Hankinnat on dokumentoitava tarkoituksenmukaisella tavalla."
    ]
    assert yp["legal_basis"] == "hallintosäännön 20 luvun 8 §:n 3 momentti"
    group = tp["holders"][0]
    assert (group["group"], group["redacted"]) == ("jäljempänä mainitut työsuhteessa olevat henkilöt", True)
    assert group["limit"]["value"]["not_stated"].startswith(
        "Henkilöt ja heidän kohdallaan mainitut euromäärät"
    )
    assert tp["where"].startswith(f"decisions/2022/{TP}.yaml:")


def test_after_the_validity_the_delegations_are_gone_with_no_new_record() -> None:
    before = record_files()
    code, out = run("responsibilities", "--at", "2023-01-01", "--format", "json")
    assert code == 0 and json.loads(out)["delegations"] == []
    code, out = run("responsibilities", "--at", "2023-01-01")
    assert code == 0 and "Delegation" not in out
    code, out = run("authority", "hankinnat", "--at", "2023-01-01")
    assert (code, out.splitlines()[0]) == (
        0,
        "Who may decide hankinnat on 1.1.2023 by delegation: 0 holder(s)",
    )
    code, out = run("responsibilities", "--at", "2022-12-31", "--format", "json")
    assert len(json.loads(out)["delegations"]) == 2  # the last day still holds
    assert record_files() == before


def test_authority_answers_who_may_decide_an_amount() -> None:
    code, out = run("authority", "hankinnat", "--amount", "50 000", "--as-of", "2022-06-01")
    assert code == 0
    assert out.splitlines()[0] == "Who may decide hankinnat for 50 000 on 1.6.2022 by delegation: 3 holder(s)"
    assert f"  to Lindholm Mårten, tiimipäällikkö; {PERSON_LIMIT}" in out
    assert "whether the amount is within the limit cannot be told: the limit is not stated" in out
    code, out = run(
        "authority", "hankinnat", "--amount", "150000", "--as-of", "2022-06-01", "--format", "json"
    )
    assert code == 0
    payload = json.loads(out)
    assert (payload["date"], payload["right"], payload["amount"]) == ("2022-06-01", "hankinnat", "150000")
    grants = payload["grants"]
    assert [(g["holder"].get("group"), g["within_limit"]) for g in grants] == [
        ("jäljempänä mainitut työsuhteessa olevat henkilöt", None)
    ]
    assert grants[0]["delegation"]["decision"] == TP


def test_authority_json_names_each_holder_with_its_delegation() -> None:
    code, out = run("authority", "--as-of", "2022-06-01", "--amount", "100000", "--format", "json")
    assert code == 0
    grants = json.loads(out)["grants"]
    named = [(g["holder"].get("name"), g["within_limit"], g["delegation"]["responsibility"]) for g in grants]
    assert named[1:] == [
        ("Lindholm Mårten", True, "tilaomaisuusyksikon-paallikko"),
        ("Piilola Jouko", True, "tilaomaisuusyksikon-paallikko"),
    ]
    assert set(grants[0]) == {"holder", "limit", "within_limit", "delegation"}


def test_audit_of_the_function_lists_its_delegations() -> None:
    code, out = run("audit", "hankinnat", "--from", "2022-01-01", "--to", "2022-12-31")
    assert code == 0
    assert "Delegations (2):" in out and f"{YP}.hankinnat" in out and f"{TP}.hankinnat" in out
    code, out = run("audit", "tilaomaisuusyksikko", "--format", "json")
    assert [d["item"] for d in json.loads(out)["delegations"]] == [f"{YP}.hankinnat"]
    code, out = run("audit", "hankinnat", "--from", "2023-01-01")
    assert code == 0 and "Delegations" not in out


def test_the_bundled_delegations_are_not_onward() -> None:
    code, out = run("validate", "--format", "json")
    assert code == 0
    assert "onward-delegation" not in out


# --- synthetic records --------------------------------------------------------------
REGISTRY_D: dict[str, Any] = copy.deepcopy(REGISTRY)
REGISTRY_D["functions"].append({"id": "hankinnat", "kind": "function", "name": "Hankinnat"})
REGISTRY_D["decision_makers"].append(
    {"id": "paallikko", "kind": "office-holder", "name": {"fi": "Päällikkö"}, "organisation": "kanslia"}
)
GIVE = "Kunnanjohtaja päätti, että päälliköllä on oikeus toteuttaa hankintoja."
ONWARD = "Päällikkö päätti, että suunnittelijalla on oikeus toteuttaa hankintoja."


def delegating(id: str, maker: str, text: str, holder: dict[str, Any], **item: Any) -> dict[str, Any]:
    entry = {
        "id": f"{id}.hankinnat",
        "action": "delegate",
        "function": "hankinnat",
        "holders": [holder],
        "holding": "alongside",
        "responsibility": maker,
        "validity": {"from": "2022-01-01", "to": "2022-12-31"},
        "quote": text,
        **item,
    }
    return decision(
        id,
        1,
        "2022-01-10",
        maker=maker,
        transfers=[],
        obligations=[],
        items=[entry],
        sections=[
            {"kind": "decision", "body": [text]},
            {"kind": "grounds", "body": ["Perustelut ovat tässä."]},
        ],
    )


def test_an_onward_delegation_is_warned_of(tmp_path: Path) -> None:
    repo = write_repo(
        tmp_path,
        delegating("kj-2022-1", "johtaja", GIVE, {"maker": "paallikko"}),
        delegating("pa-2022-1", "paallikko", ONWARD, {"office": "suunnittelija"}),
        registry=REGISTRY_D,
    )
    code, out = run("validate", "-C", str(repo))
    assert code == 0
    warning = next(line for line in out.splitlines() if "onwards" in line)
    assert re.match(rf"{tmp_path}/decisions/2022/pa-2022-1.yaml:\d+:\d+: warning: ", warning), warning
    assert (
        ": warning: 'paallikko' delegates 'hankinnat' onwards, but holds it only by delegation 'kj-2022-1.hankinnat' ("
        in warning
    )
    assert warning.endswith(
        "Kuntalaki 91 §: a delegated right may be delegated further only where the hallintosääntö allows it"
    )
    code, out = run("authority", "hankinnat", "-C", str(repo), "--as-of", "2022-02-01", "--format", "json")
    assert [g["holder"] for g in json.loads(out)["grants"]] == [
        {"maker": "paallikko"},
        {"office": "suunnittelija"},
    ]


def test_no_warning_when_the_first_delegation_has_ended(tmp_path: Path) -> None:
    late = delegating("pa-2023-1", "paallikko", ONWARD, {"office": "suunnittelija"})
    late["items"][0]["validity"] = {"from": "2023-01-01"}
    repo = write_repo(
        tmp_path, delegating("kj-2022-1", "johtaja", GIVE, {"maker": "paallikko"}), late, registry=REGISTRY_D
    )
    code, out = run("validate", "-C", str(repo))
    assert code == 0 and "onwards" not in out


BAD = [
    ({"holders": []}, "action 'delegate' needs 'holders': who is given the right"),
    (
        {"validity": {"from": "2022-12-31", "to": "2022-01-01"}},
        "validity ends (2022-01-01) before it starts (2022-12-31)",
    ),
    ({"responsibility": "johtja"}, "unknown decision maker or office 'johtja'; did you mean 'johtaja'?"),
]


@pytest.mark.parametrize(("change", "message"), BAD, ids=["no-holders", "validity-order", "responsibility"])
def test_bad_delegations_are_located(tmp_path: Path, change: dict[str, Any], message: str) -> None:
    repo = write_repo(
        tmp_path,
        delegating("kj-2022-1", "johtaja", GIVE, {"maker": "paallikko"}, **change),
        registry=REGISTRY_D,
    )
    code, out = run("authority", "hankinnat", "-C", str(repo), "--as-of", "2022-02-01")
    assert code == 1
    located = [line for line in out.splitlines() if message in line]
    assert located and re.match(rf"{repo}/decisions/2022/kj-2022-1.yaml:\d+:\d+: error: ", located[0]), out
    assert "Traceback" not in out


# --- a transfer's until --------------------------------------------------------------
def test_a_transfer_with_until_returns_to_its_previous_holder(tmp_path: Path) -> None:
    record = decision()
    record["transfers"][0]["until"] = "2017-03-31"
    repo = write_repo(tmp_path, record)

    def holder(day: str) -> str:
        code, out = run("responsibilities", "-C", str(repo), "--as-of", day, "--format", "json")
        assert code == 0, out
        rows = {(r["function"], r["part"]): r for r in json.loads(out)["holdings"]}
        return str(rows[("palvelu", None)]["holder"])

    assert [holder(d) for d in ("2016-12-31", "2017-03-31", "2017-04-01", "2017-06-01")] == [
        "virasto",
        "kanslia",
        "virasto",
        "toimiala",
    ]
    code, out = run("audit", "palvelu", "-C", str(repo))
    assert code == 0
    assert "1.4.2017  MOVED  palvelu: kanslia → virasto (whole)" in out
    assert "back: the transfer held until 31.3.2017" in out

"""Four office-holder decisions of 2022, each an act with its parts held as
facts: a contract option taken, a rule book put in force replacing an
earlier one, a lease with its rent, a research permit. The facts are read
back as users read them (``govdocs show ID --format json``), and a record
broken in each of the ways a secretary could break it gets a located
message and exit 1."""

from __future__ import annotations

import copy
import json
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from govdocs.cli import cli
from tests.bundled import copy_registry
from tests.render_helpers import ROOT, missing_in_order, reference_paragraphs

FILES = {
    "kasko-hj-2022-2": "decisions/2022/kasko-hj-2022-2.yaml",
    "sote-tj-2022-4": "decisions/2022/sote-tj-2022-4.yaml",
    "asiakkuus2-yp-2022-2": "decisions/2022/asiakkuus2-yp-2022-2.yaml",
    "liikunta-lj-2022-2": "decisions/2022/liikunta-lj-2022-2.yaml",
}


def show(record_id: str) -> dict[str, Any]:
    result = CliRunner().invoke(cli, ["show", record_id, "--format", "json", "-C", str(ROOT)])
    assert result.exit_code == 0, result.output
    record: dict[str, Any] = json.loads(result.output)["record"]
    return record


def money(amount: dict[str, Any]) -> Decimal:
    return Decimal(str(amount["value"]))


def square_metres(printed: str) -> Decimal:
    """'11 262,5 m²' → 11262.5."""
    number = re.match(r"[\d\s,]+", printed)
    assert number, printed
    return Decimal(number.group().replace(" ", "").replace(",", ".").strip())


def test_the_option_is_taken_from_the_supplier_for_its_period() -> None:
    item = show("kasko-hj-2022-2.optiokausi")
    assert item["action"] == "contract" and item["option"] is True
    assert [(p["organisation"], p["role"]) for p in item["parties"]] == [("pantex-pesu", "toimittaja")]
    assert (item["validity"]["from"], item["validity"]["to"]) == ("2022-05-20", "2023-05-19")
    (estimate,) = item["amounts"]
    assert (money(estimate), estimate["kind"], estimate["vat"], estimate["approximate"]) == (
        Decimal(42000),
        "estimate",
        "excluded",
        True,
    )
    original = next(o for o in item["objects"] if o["kind"] == "decision")
    reference = show(original["reference"])
    assert (reference["number"], reference["date"], original["case"]) == (18, "2020-04-14", "HEL 2019-013197")
    contract = next(o for o in item["objects"] if o["kind"] == "agreement")
    # The option period starts the day after the contract's main period ends.
    assert contract["validity"]["to"] == "2022-05-19"
    assert "not_stated" in contract["validity"]["from"]


def test_the_rule_book_is_in_force_from_its_day_and_replaces_the_earlier_one() -> None:
    decision = show("sote-tj-2022-4")
    item = show("sote-tj-2022-4.toimintasaanto")
    assert item["action"] == "put-in-force" and item["validity"]["from"] == "2022-01-10"
    numbered = {a["number"]: a["title"] for a in decision["attachments"]}
    objects = item["objects"]
    assert objects[0]["kind"] == "rule-book" and objects[0]["title"] == numbered[objects[0]["attachment"]]
    assert [o["attachment"] for o in objects] == sorted(numbered)
    (replaced,) = item["replaces"]
    earlier = show(replaced)
    assert (earlier["date"], earlier["number"]) == ("2021-12-17", 253)
    repeal = show("sote-tj-2022-4.korvaa")
    assert repeal["action"] == "repeal" and repeal["replaces"] == [replaced]
    assert repeal["objects"][0]["reference"] == replaced


def test_the_lease_rent_adds_up() -> None:
    item = show("asiakkuus2-yp-2022-2.vuokraus")
    assert item["action"] == "lease"
    assert [(p["organisation"], p["role"]) for p in item["parties"]] == [
        ("helsingin-kaupungin-asunnot", "vuokranantaja")
    ]
    premises = next(o for o in item["objects"] if o["kind"] == "premises")
    assert premises["address"] == "Myllymatkantie 4, 00920 Helsinki"
    rents = {(a["kind"], a["per"]): a for a in item["amounts"] if a["kind"] in ("rent", "part")}
    monthly = rents[("rent", "month")]
    assert (money(monthly), monthly["vat"]) == (Decimal("142245.38"), "excluded")
    parts = [a for a in item["amounts"] if a["kind"] == "part"]
    assert sum(money(p) for p in parts) == money(monthly)
    assert sum(square_metres(p["area"]) for p in parts) == square_metres(premises["area"])
    per_m2 = money(rents[("rent", "m2")])
    assert (money(monthly) / square_metres(premises["area"])).quantize(Decimal("0.01")) == per_m2
    fee = next(a for a in item["amounts"] if a["kind"] == "other")
    assert (money(fee), fee["per"]) == (Decimal("0.5"), "m2/month")
    validity = item["validity"]
    assert validity["from"] == "2021-09-01" and "not_stated" in validity["to"]
    assert validity["notice_period"].startswith("yksi vuosi")


def test_the_permit_is_granted_to_the_researcher_until_its_end() -> None:
    item = show("liikunta-lj-2022-2.tutkimuslupa")
    assert item["action"] == "grant-permit" and item["validity"]["to"] == "2022-06-01"
    holder = next(p for p in item["parties"] if p["role"] == "luvansaaja")
    assert (holder["affiliation"], holder["redacted"]) == ("Helsingin ja Tampereen yliopistot", False)
    assert len(item["conditions"]) == 3


@pytest.mark.parametrize("decision_id", sorted(FILES))
def test_the_public_copy_is_the_published_web_copy(decision_id: str, tmp_path: Path) -> None:
    """The reference texts are Helsinki's web copies: what ours hides
    (personal data, secret sections, attachment files) must leave the
    published words as they are."""
    args = ["render", decision_id, "--public", "--format", "txt", "--out", str(tmp_path), "-C", str(ROOT)]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    text = (tmp_path / f"{decision_id}-julkinen.txt").read_text(encoding="utf-8")
    assert missing_in_order(reference_paragraphs(decision_id), text) is None


# --- broken variants ---------------------------------------------------------------


def load(decision_id: str) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((ROOT / FILES[decision_id]).read_text(encoding="utf-8"))
    return data


def quote_not_in_text(record: dict[str, Any]) -> tuple[str, str]:
    item = record["items"][0]
    first = item["quote"] if isinstance(item["quote"], str) else item["quote"][0]
    item["quote"] = first.replace("päätti", "päätti jo", 1)
    return r"quote is not in the text", "päätti jo"


def unknown_party(record: dict[str, Any]) -> tuple[str, str]:
    item = record["items"][0]
    if not item.get("parties"):
        item["parties"] = [{"name": "Pantex-Pesu Oy", "role": "toimittaja"}]
    item["parties"][0]["organisation"] = "pantex-pesuu"
    return r"unknown organisation 'pantex-pesuu'", "organisation: pantex-pesuu"


def validity_backwards(record: dict[str, Any]) -> tuple[str, str]:
    item = record["items"][0]
    item["validity"] = {"from": "2022-06-02", "to": "2022-06-01"}
    return r"items\[0\]\.validity: validity ends \(2022-06-01\) before it starts \(2022-06-02\)", "2022-06-02"


BREAKS = {
    "quote not in text": quote_not_in_text,
    "unknown party": unknown_party,
    "validity": validity_backwards,
}


@pytest.mark.parametrize("breaking", sorted(BREAKS))
@pytest.mark.parametrize("decision_id", sorted(FILES))
def test_a_broken_record_gets_a_located_message(tmp_path: Path, decision_id: str, breaking: str) -> None:
    """Each break is reported once, at the line that holds the broken value."""
    record = copy.deepcopy(load(decision_id))
    expected, on_line = BREAKS[breaking](record)
    copy_registry(tmp_path)
    target = tmp_path / FILES[decision_id]
    target.parent.mkdir(parents=True)
    target.write_text(yaml.safe_dump(record, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = CliRunner().invoke(cli, ["validate", "-C", str(tmp_path)])
    assert result.exit_code == 1, result.output
    errors = [line for line in result.output.splitlines() if ": error: " in line]
    assert len(errors) == 1, result.output
    found = re.search(re.escape(FILES[decision_id]) + r":(\d+):\d+: error: " + expected, errors[0])
    assert found, result.output
    lines = target.read_text(encoding="utf-8").splitlines()
    assert on_line in lines[int(found.group(1)) - 1], (on_line, lines[int(found.group(1)) - 1])
    assert "Traceback" not in result.output

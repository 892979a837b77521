"""`govdocs show ID --format json` prints every item of a decision with
all its parts and the records its acts name, and the handling: motions,
votes, earlier handlings, disqualifications, presenter and preparers. The
bundled records hold their acts as items."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from govdocs.cli import cli
from tests.test_obligations import decision, write

ROOT = Path(__file__).resolve().parents[1]


def show(target: str, repo: Path = ROOT) -> dict[str, Any]:
    result = CliRunner().invoke(cli, ["show", target, "--repo", str(repo), "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)  # type: ignore[no-any-return]


def test_898_release_elect_and_check_minutes() -> None:
    data = show("kh-2021-898")
    release, elect, check = data["items"]
    assert [i["action"] for i in data["items"]] == ["release", "elect", "check-minutes"]
    assert [(h["name"], h["role"], h["of"]) for h in release["holders"]] == [
        ("Nina Gros", "jäsen", "Työterveysliikelaitoksen johtokunta"),
        ("Nina Gros", "puheenjohtaja", "Työterveysliikelaitoksen johtokunta"),
    ]
    assert release["objects"] == [
        {"kind": "attachment", "title": "Eroilmoitus", "attachment": 1},
        {
            "kind": "decision",
            "title": "Nina Grosin valinta johtokunnan jäseneksi ja puheenjohtajaksi",
            "date": "2021-08-30",
            "reference": "kh-2021-593",
        },
    ]
    assert [(h["name"], h["role"]) for h in elect["holders"]] == [
        ("Asta Enroos", "jäsen"),
        ("Asta Enroos", "puheenjohtaja"),
    ]
    assert (
        elect["holders"][0]["affiliation"] == "(kaupunginkanslia, henkilöstöosasto, vastuullinen työnantaja)"
    )
    assert "vuonna 2023 päättyväksi toimikaudeksi" in elect["validity"]["to"]["not_stated"]
    assert "from" not in elect["validity"]  # from the decision's date
    assert elect["quote"][0].endswith("johtokuntaan vuonna 2023 päättyväksi toimikaudeksi.")
    assert check["quote"] == ["Samalla kaupunginhallitus tarkasti pöytäkirjan tämän pykälän osalta heti."]
    assert check["where"] == "decisions/2021/kh-2021-898.yaml:" + check["where"].split(":", 1)[1]
    assert data["presenter"] == {"title": "hallintojohtaja", "name": "Juha Summanen"}
    assert (data["motions"], data["votes"], data["history"], data["preparers"]) == ([], [], [], [])


def test_59_items_point_at_the_facts_they_make() -> None:
    data = show("kj-2016-59")
    note, decide, order = data["items"]
    assert [i["action"] for i in data["items"]] == ["note", "decide", "order"]
    assert note["objects"] == [
        {"kind": "document", "date": "2016-08-24", "reference": "tyomarkkinatuki-loppuraportti"}
    ]
    assert {a["type"] for a in note["act_records"]} == {"MandateChange", "Transfer", "Obligation"}
    (ended,) = decide["act_records"]
    assert (ended["id"], ended["type"], ended["record"]["action"]) == (
        "kj-2016-59.johtoryhma-paattyy",
        "MandateChange",
        "end-task",
    )
    assert ended["where"].startswith("decisions/2016/kj-2016-59.yaml:")
    (budget,) = order["act_records"]
    assert (budget["id"], budget["type"], budget["record"]["kind"]) == (
        "kj-2016-59.talousarvio",
        "Obligation",
        "budget-incorporation",
    )


def test_every_fact_of_59_is_the_detail_of_one_item() -> None:
    data = show("kj-2016-59")
    acted = [a for item in data["items"] for a in item["acts"]]
    record = data["record"]
    facts = [r["id"] for key in ("mandate_changes", "transfers", "obligations") for r in record[key]]
    assert sorted(acted) == sorted(facts)


def test_5_establishes_the_tourism_group() -> None:
    establish, appoint = show("kp-2021-5")["items"]
    assert (establish["action"], establish["validity"]) == (
        "establish",
        {"from": "2022-01-01", "to": "2025-12-31", "until_further_notice": False},
    )
    (group,) = establish["act_records"]
    assert (group["type"], group["record"]["term"]) == (
        "Mandate",
        {"start": "2022-01-01", "end": "2025-12-31"},
    )
    assert appoint["action"] == "appoint" and len(appoint["act_records"][0]["record"]["members"]) == 14


@pytest.fixture
def handled(tmp_path: Path) -> Path:
    motion = {
        "id": "kj-2021-3.ponsi",
        "kind": "resolution",
        "proposer": "Valtuutettu Testinen",
        "seconders": ["Valtuutettu Toinen"],
        "text": "Valtuusto edellyttää, että asia selvitetään.",
        "outcome": "adopted",
        "addressee": "elinkeinojaosto",
        "vote": "kj-2021-3.aanestys",
    }
    vote = {
        "id": "kj-2021-3.aanestys",
        "jaa": "Esityksen mukaan",
        "ei": "Testisen ponsi",
        "ei_motion": "kj-2021-3.ponsi",
        "counts": {"jaa": 1, "ei": 2},
        "voters": [
            {"name": "A", "ballot": "jaa"},
            {"name": "B", "ballot": "ei"},
            {"name": "C", "ballot": "ei"},
        ],
        "result": "ei",
    }
    record = decision(
        "kj-2021-3",
        "2021-05-12",
        3,
        motions=[motion],
        votes=[vote],
        history=[
            {"maker": "kaupunginjohtaja", "date": "2021-04-01", "number": 2, "did": "pani asian pöydälle"}
        ],
        disqualifications=[{"name": "Tuula Testi", "reason": "yhteisöjäävi"}],
        preparers=[{"name": "Testi Henkilö", "title": "suunnittelija"}],
    )
    return write(tmp_path, record)


def test_the_handling_is_all_there(handled: Path) -> None:
    data = show("kj-2021-3", handled)
    (motion,) = data["motions"]
    assert (motion["id"], motion["outcome"], motion["follow_up_duty"], motion["seconders"]) == (
        "kj-2021-3.ponsi",
        "adopted",
        True,
        ["Valtuutettu Toinen"],
    )
    (vote,) = data["votes"]
    assert vote["counts"] == {"jaa": 1, "ei": 2, "tyhjä": 0, "poissa": 0}
    assert [v["name"] for v in vote["voters"]] == ["A", "B", "C"]
    (earlier,) = data["history"]
    assert (earlier["maker"], earlier["number"], earlier["did"], earlier["record_where"]) == (
        "kaupunginjohtaja",
        2,
        "pani asian pöydälle",
        None,
    )
    assert [d["name"] for d in data["disqualifications"]] == ["Tuula Testi"]
    assert data["preparers"][0]["name"] == "Testi Henkilö"
    assert all(
        "kj-2021-3.yaml:" in part["where"] for key in ("motions", "votes", "history") for part in data[key]
    )

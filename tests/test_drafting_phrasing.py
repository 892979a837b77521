"""Generated Finnish: sentences from structured data, with the inflected
names of registry.yaml, and a missing form reported where to add it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from govdocs.cli import cli
from govdocs.drafting import new_decision, regenerate
from govdocs.drafting.phrasing import term_phrase
from govdocs.model.effects import Term
from tests.bundled import copy_registry

ROOT = Path(__file__).resolve().parents[1]


def records(tmp_path: Path) -> Path:
    copy_registry(tmp_path)
    (tmp_path / "decisions").mkdir()
    return tmp_path


def drafted(
    root: Path, kind: str, maker: str, day: date, edit: Callable[[dict[str, Any]], None]
) -> dict[str, Any]:
    """`new`, the secretary's edit of the data, `draft regenerate`; the record as written."""
    made = new_decision(root, kind, maker, day)
    data = yaml.safe_load(made.path.read_text(encoding="utf-8"))
    edit(data)
    made.path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = regenerate(root, made.id)
    assert result.problems == []
    written: dict[str, Any] = yaml.safe_load(made.path.read_text(encoding="utf-8"))
    return written


@pytest.mark.parametrize(
    ("start", "end", "said"),
    [
        (date(2022, 1, 1), date(2025, 12, 31), "vuosille 2022–2025"),
        (date(2022, 1, 1), date(2022, 12, 31), "vuodelle 2022"),
        (date(2022, 1, 10), date(2023, 6, 30), "ajalle 10.1.2022–30.6.2023"),
        (date(2022, 1, 10), None, "toistaiseksi 10.1.2022 alkaen"),
    ],
)
def test_term_phrase(start: date, end: date | None, said: str) -> None:
    assert term_phrase(Term(start=start, end=end)) == said


def transfer(org_from: str) -> Callable[[dict[str, Any]], None]:
    def edit(data: dict[str, Any]) -> None:
        data["transfers"][0].update(
            {
                "what": ["helsingin-typ"],
                "from": org_from,
                "to": "kaupunginkanslia-elinkeino-osasto",
                "scope": "mostly",
                "effective": "2017-01-01",
            }
        )

    return edit


def test_transfer_sentence_uses_elative_and_allative(tmp_path: Path) -> None:
    record = drafted(
        records(tmp_path),
        "transfer",
        "kaupunginjohtaja",
        date(2016, 9, 13),
        transfer("sosiaali-ja-terveysvirasto"),
    )
    assert record["sections"][0] == {
        "kind": "decision",
        "generated": "transfer/decision",
        "body": [
            "Helsingin TYP siirretään pääosin sosiaali- ja terveysvirastosta kaupunginkanslian "
            "elinkeino-osastolle 1.1.2017 alkaen."
        ],
    }


def test_missing_form_is_reported_in_the_registry_not_pasted(tmp_path: Path) -> None:
    root = records(tmp_path)
    made = new_decision(root, "transfer", "kansliapaallikko", date(2022, 1, 5))
    data = yaml.safe_load(made.path.read_text(encoding="utf-8"))
    transfer("matkailuyksikko")(data)
    made.path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = CliRunner().invoke(cli, ["draft", "regenerate", made.id, "--path", str(root)])
    lines = (root / "registry.yaml").read_text(encoding="utf-8").splitlines()
    at = lines.index("  - id: matkailuyksikko") + 5  # its "name:" key
    assert lines[at - 1] == "    name:"
    assert result.exit_code == 1
    assert result.output == (
        f"{root / 'registry.yaml'}:{at}:5: error: registry organisation 'matkailuyksikko' has no 'elative' form, "
        "which the generated text needs; add it (name.elative) so the sentence is not written with "
        f"the nominative\n{made.path}: sections rewritten: none\n"
    )


def test_deputy_order_validity_replaces_the_earlier_order(tmp_path: Path) -> None:
    def edit(data: dict[str, Any]) -> None:
        data["drafting"]["values"] = {
            "office": "lastenkodin johtajan",
            "deputies": [
                "vastaava ohjaaja (vakanssinumero 036931)",
                "vastaava ohjaaja (vakanssinumero 035759)",
            ],
            "valid_from": "10.1.2022",
            "replaces": "kp-2021-18",
        }
        data["references"] = [
            {"id": "kp-2021-18", "maker": "kansliapaallikko", "number": 18, "date": "2021-03-15"}
        ]

    record = drafted(records(tmp_path), "deputy-order", "kansliapaallikko", date(2022, 1, 5), edit)
    assert record["sections"][0]["body"] == [
        "Kansliapäällikkö päätti, että lastenkodin johtajan sijaisina toimivat sijaantulojärjestyksessä:",
        {"list": ["vastaava ohjaaja (vakanssinumero 036931)", "vastaava ohjaaja (vakanssinumero 035759)"]},
        "Tämä päätös on voimassa 10.1.2022 alkaen toistaiseksi ja korvaa kansliapäällikön 15.3.2021 "
        "tekemän päätöksen 18 §.",
    ]
    assert record["appeal"] == {"route": "muutoksenhakukielto", "law": "Kuntalaki 136 §"}


def test_board_election_follows_the_city_board_wording(tmp_path: Path) -> None:
    def edit(data: dict[str, Any]) -> None:
        data["drafting"]["values"] = {
            "resigned": "Nina Grosille",
            "board": "työterveysliikelaitoksen johtokunnan",
            "board_illative": "työterveysliikelaitoksen johtokuntaan",
            "elected": "Asta Enroosin (kaupunginkanslia, henkilöstöosasto, vastuullinen työnantaja)",
            "as": "jäseneksi ja puheenjohtajaksi",
            "term": "vuonna 2023 päättyväksi toimikaudeksi",
        }

    record = drafted(records(tmp_path), "board-election", "kaupunginhallitus", date(2021, 11, 29), edit)
    assert record["sections"][0]["body"] == [
        "Kaupunginhallitus",
        {
            "list": [
                "myönsi Nina Grosille eron työterveysliikelaitoksen johtokunnan jäsenen tehtävistä ja",
                "valitsi Asta Enroosin (kaupunginkanslia, henkilöstöosasto, vastuullinen työnantaja) jäseneksi "
                "ja puheenjohtajaksi työterveysliikelaitoksen johtokuntaan vuonna 2023 päättyväksi toimikaudeksi.",
            ]
        },
    ]
    assert record["appeal"] == {"route": "oikaisuvaatimus"}
    assert record["handling"] == "meeting"


def test_note_report_inflects_the_author_from_the_registry(tmp_path: Path) -> None:
    def edit(data: dict[str, Any]) -> None:
        data["drafting"]["values"] = {
            "author": "sosiaali-ja-terveysvirasto",
            "report": "loppuraportin",
            "report_date": "24.8.2016",
        }

    record = drafted(records(tmp_path), "note-report", "kaupunginjohtaja", date(2016, 9, 13), edit)
    assert record["sections"][0]["body"] == [
        "Kaupunginjohtaja päättää merkitä sosiaali- ja terveysviraston 24.8.2016 päivätyn loppuraportin tiedoksi."
    ]

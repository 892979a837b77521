"""Small builders that return valid records, for tests that need a repo
of their own: start valid, change one thing, check the one message."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import yaml

REGISTRY: dict[str, Any] = {
    "municipality": {
        "name": {"fi": "Testilän kunta"},
        "short_name": "Testilän kunta",
        "registry_office": {
            "email": "kirjaamo@testila.fi",
            "postal_address": ["PL 1", "00001 TESTILÄ"],
            "visiting_address": "Kuntatie 1",
            "phone": "09 123 4567",
            "hours": "Kirjaamo on avoinna arkisin klo 9–15.",
        },
    },
    "organisations": [
        {"id": "kanslia", "kind": "office", "name": {"fi": "Kanslia", "allative": "kanslialle"}},
        {
            "id": "virasto",
            "kind": "department",
            "name": {"fi": "Virasto"},
            "valid_to": "2017-05-31",
            "successor": "toimiala",
        },
        {"id": "toimiala", "kind": "division", "name": {"fi": "Toimiala"}, "valid_from": "2017-06-01"},
    ],
    "decision_makers": [
        {
            "id": "johtaja",
            "kind": "office-holder",
            "name": {"fi": "Kunnanjohtaja"},
            "appeal_authority": "hallitus",
        },
        {"id": "hallitus", "kind": "body", "name": {"fi": "Kunnanhallitus"}},
    ],
    "people": [{"id": "maija", "name": "Maija Meikäläinen", "title": "suunnittelija"}],
    "functions": [
        {
            "id": "palvelu",
            "kind": "service",
            "name": "Palvelu",
            "parts": ["osa-a", "osa-b"],
            "holder": {"organisation": "virasto"},
        },
    ],
}

TEXT = (
    "Palvelu siirretään virastosta kanslialle. Kanslia raportoi hallitukselle vuonna 2017. "
    "Kanslia sopii asiasta vuosittain."
)


def decision(
    id: str = "kj-2016-1", number: int = 1, date: str = "2016-06-01", **changes: Any
) -> dict[str, Any]:
    """A complete, valid decision with one transfer and one obligation."""
    record: dict[str, Any] = {
        "id": id,
        "maker": "johtaja",
        "date": date,
        "number": number,
        "title": "Palvelun siirto",
        "case": "HEL 2016-000001",
        "sections": [
            {"kind": "decision", "body": [TEXT]},
            {"kind": "grounds", "body": ["Perustelut ovat tässä."]},
        ],
        "contacts": [{"name": "Maija Meikäläinen", "title": "suunnittelija", "phone": "09 1"}],
        "appeal": {"route": "oikaisuvaatimus"},
        "transfers": [
            {
                "id": f"{id}.siirto",
                "what": "palvelu",
                "from": "virasto",
                "to": "kanslia",
                "effective": "2017-01-01",
                "quote": "Palvelu siirretään virastosta kanslialle.",
            },
        ],
        "obligations": [
            {
                "id": f"{id}.raportti",
                "kind": "report",
                "what": "Raportoi.",
                "owner": "kanslia",
                "addressee": "hallitus",
                "due": {"year": 2017},
                "quote": "Kanslia raportoi hallitukselle vuonna 2017.",
            },
        ],
    }
    record.update(changes)
    return record


def write_repo(root: Path, *records: dict[str, Any], registry: dict[str, Any] | None = None) -> Path:
    """Write registry.yaml and decisions/<year>/<id>.yaml under root."""
    root.mkdir(parents=True, exist_ok=True)
    dump = {"allow_unicode": True, "sort_keys": False}
    (root / "registry.yaml").write_text(
        yaml.safe_dump(registry or copy.deepcopy(REGISTRY), **dump), encoding="utf-8"
    )
    for record in records:
        year = str(record.get("date", "2016"))[:4]
        folder = root / "decisions" / year
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{record['id']}.yaml").write_text(yaml.safe_dump(record, **dump), encoding="utf-8")
    return root

"""Small builders that return valid records, for tests that need a repo
of their own: start valid, change one thing, check the one message."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import yaml

REGISTRY: dict[str, Any] = {
    "municipality": {
        "name": {"fi": "Testilän kunta", "genitive": "Testilän kunnan", "inessive": "Testilän kunnassa"},
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


# --- a meeting of a body: three decisions, a deputy, an absence, an arrival ----------

MEETING_ID = "hallitus-2024-3"
MEETING_DECISIONS = ("hallitus-2024-10", "hallitus-2024-11", "hallitus-2024-12")
PRIVATE_PERSON = "Matti Virtanen"
"""The applicant item § 11 names; marked personal data, so the web copies hide him."""


def meeting_registry() -> dict[str, Any]:
    """The registry with the kunnanhallitus's six members and two personal deputies."""
    registry = copy.deepcopy(REGISTRY)
    body = next(m for m in registry["decision_makers"] if m["id"] == "hallitus")
    body["seats"] = 6
    body["members"] = [
        {"name": "Anna Aalto", "role": "chair"},
        *({"name": name} for name in ("Bertta Berg", "Cecilia Carlsson", "Daniel Dahl", "Eero Eskola",
                                      "Fanni Forsman")),
        {"name": "Gustav Grön", "role": "deputy", "deputy_of": "Daniel Dahl"},
        {"name": "Heikki Hall", "role": "deputy", "deputy_of": "Eero Eskola"},
    ]
    return registry


def meeting_decision(number: int, title: str, text: str, **changes: Any) -> dict[str, Any]:
    """One decision of the meeting: § ``number`` with its decision text."""
    record = decision(
        id=f"hallitus-2024-{number}", number=number, date="2024-03-04", maker="hallitus", handling="meeting",
        meeting=MEETING_ID, title=title, case=f"HEL 2024-0000{number}",
        sections=[{"kind": "decision", "body": [text]}], transfers=[], obligations=[],
        presenter={"title": "kunnanjohtaja", "name": "Kaisa Kunnari"},
    )
    record.update(changes)
    return record


MEETING_TEXTS = {
    10: "Kunnanhallitus totesi kokouksen laillisesti koolle kutsutuksi ja päätösvaltaiseksi.",
    11: "Kunnanhallitus myönsi Matti Virtaselle 500 euron avustuksen kotiseututyöhön.",
    12: "Kunnanhallitus antoi maakuntaliitolle lausunnon liikennesuunnitelmasta.",
}


def meeting_records() -> list[dict[str, Any]]:
    """The three decisions and the meeting record of kunnanhallitus 3/2024."""
    decisions = [
        meeting_decision(10, "Laillisuus ja päätösvaltaisuus", MEETING_TEXTS[10],
                         appeal={"route": "muutoksenhakukielto"}),
        meeting_decision(11, "Avustus kotiseututyöhön", MEETING_TEXTS[11], personal_data=[PRIVATE_PERSON],
                         distribution={"extracts": [{"to": "Hakija", "attachments": ["Oikaisuvaatimusohje"]}]}),
        meeting_decision(12, "Lausunto liikennesuunnitelmasta", MEETING_TEXTS[12]),
    ]
    meeting = {
        "record": "meeting",
        "id": MEETING_ID,
        "body": "hallitus",
        "number": 3,
        "date": "2024-03-04",
        "start": "16.00",
        "end": "18.30",
        "breaks": [{"start": "17.10", "end": "17.25", "after": 11}],
        "place": "Kunnantalo, valtuustosali",
        "attendance": [
            {"name": "Anna Aalto", "role": "chair"},
            {"name": "Bertta Berg", "role": "member", "left": 11},
            {"name": "Cecilia Carlsson", "role": "member"},
            {"name": "Daniel Dahl", "role": "member", "attendance": "excused"},
            {"name": "Gustav Grön", "role": "deputy", "stands_in_for": "Daniel Dahl"},
            {"name": "Eero Eskola", "role": "member", "attendance": "absent"},
            {"name": "Fanni Forsman", "role": "member", "attendance": "absent",
             "arrived": {"section": 11, "time": "16.40"}},
            {"name": "Kaisa Kunnari", "role": "presenter", "title": "kunnanjohtaja"},
            {"name": "Sanna Saari", "role": "secretary", "title": "hallintosihteeri"},
        ],
        "agenda": [
            {"number": 1, "section": 10, "decision": "hallitus-2024-10",
             "proposal": {"not_stated": "Lähteenä on pöytäkirja."}},
            {"number": 2, "section": 11, "decision": "hallitus-2024-11",
             "proposal": ["Kunnanhallitus myöntää Matti Virtaselle 500 euron avustuksen kotiseututyöhön."]},
            {"number": 3, "section": 12, "decision": "hallitus-2024-12"},
        ],
        "minutes": {
            "checkers": [{"name": "Bertta Berg", "checked": "2024-03-06"},
                         {"name": "Cecilia Carlsson", "checked": "2024-03-07"}],
            "signers": [{"name": "Anna Aalto", "role": "chair"}, {"name": "Sanna Saari", "role": "secretary"}],
            "display": "2024-03-11",
        },
    }
    return [*decisions, meeting]


MEETING_TEXTS_SV = {
    10: "Kommunstyrelsen konstaterade att sammanträdet var lagligen sammankallat och beslutfört.",
    11: "Kommunstyrelsen beviljade Matti Virtanen ett understöd på 500 euro för hembygdsarbete.",
    12: "Kommunstyrelsen gav landskapsförbundet ett utlåtande om trafikplanen.",
}


def swedish_meeting_records() -> list[dict[str, Any]]:
    """:func:`meeting_records` with each decision's Swedish version, every
    item under a route that has a Swedish appeal text."""
    records = meeting_records()
    for record in records[:3]:
        number = record["number"]
        body = [MEETING_TEXTS_SV[number]]
        record["sv"] = {"title": f"Ärende {number}", "sections": [{"kind": "decision", "body": body}]}
        record["appeal"] = {"route": "muutoksenhakukielto"}
        record["presenter"]["title_sv"] = "kommundirektör"
        record["contacts"][0]["title_sv"] = "planerare"
        for sent in record.get("distribution", {}).get("extracts", []):
            sent.update(to_sv="Sökande", attachments_sv=["Anvisning för begäran om omprövning"])
    meeting = records[3]
    meeting["place_sv"] = "Kommungården, fullmäktigesalen"
    meeting["agenda"][1]["proposal_sv"] = ["Kommunstyrelsen beviljar Matti Virtanen ett understöd på 500 euro."]
    titles = {"kunnanjohtaja": "kommundirektör", "hallintosihteeri": "förvaltningssekreterare"}
    for person in meeting["attendance"]:
        if "title" in person:
            person["title_sv"] = titles[person["title"]]
    return records


def swedish_meeting_registry() -> dict[str, Any]:
    """:func:`meeting_registry` with the Swedish names the Swedish documents print."""
    registry = meeting_registry()
    registry["municipality"]["name"]["sv"] = "Testilä kommun"
    body = next(m for m in registry["decision_makers"] if m["id"] == "hallitus")
    body["name"]["sv"] = "Kommunstyrelsen"
    return registry


def write_meeting_repo(root: Path) -> Path:
    """A repository holding kunnanhallitus 3/2024 and its three decisions."""
    return write_repo(root, *meeting_records(), registry=meeting_registry())

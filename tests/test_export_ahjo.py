"""``export --format ahjo`` agrees with Ahjo's own JSON: for every bundled
decision with Helsinki's Ahjo data beside its published text, both
structures are walked together and every field both hold must be equal.
A field Ahjo holds that our export leaves out must be listed in
:data:`OMITTED` with the reason; an unlisted one fails the test. A field
Ahjo leaves empty (null, "" or []) where we write nothing is a field
neither holds."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

import govdocs
from govdocs.publish.export import ExportOptions, export_files
from govdocs.repository import Repository
from tests.render_helpers import ROOT
from tests.test_ahjo import WITH_AHJO, ahjo, ahjo_name

AS_OF = date(2030, 1, 1)

OMITTED: dict[str, str] = {
    "SOURCE": "the reference file's provenance line, not Ahjo data",
    "NativeId": "Ahjo's internal document id; our records do not hold it",
    "Motion": "Ahjo's proposal text as Ahjo lays it out; we export the public copy's text as Content",
    "ClassificationTitle": "the title of the task code in Helsinki's classification; records hold the code only",
    "Organization.TypeId": "Ahjo's numeric organisation type; the registry holds the type's name",
    "Organization.Existing": "the state of Ahjo's organisation record, not in the registry",
    "Organization.Formed": "the start of Ahjo's organisation record, not in the registry",
    "Organization.Dissolved": "Ahjo's placeholder end (2100-01-01), not in the registry",
    "Organization.Sector.PendingCases": "a live count of Ahjo's open cases",
    "Organization.OrganizationLevelAbove": "Ahjo's organisation tree; ours differs (registry parents)",
    "Organization.OrganizationLevelBelow": "Ahjo's organisation tree; ours differs (registry parents)",
    "Meeting.Name": "Ahjo's title of the meeting; records do not state it",
    "Meeting.MeetingID": "Ahjo's meeting id: written from a meeting record's external_id; these decisions have none",
    "Meeting.Location": "written from a meeting record's place; these decisions have none",
    "VotingResults[].*.Voters[].agentId": "Ahjo's person id; records name voters only",
    "VotingResults[].*.Voters[].ID": "Ahjo's person id; records name voters only",
    "VotingResults[].*.Voters[].Title": "a voter's title in Ahjo's person register; the vote lists print names only",
    "Attachments[].NativeId": "Ahjo's internal document id",
    "Attachments[].Type": "Ahjo's document type (liite, ponsi); records do not hold it",
    "Attachments[].FileURI": "the attachment file; the export holds no files",
    "Attachments[].Language": "records do not state an attachment's language",
    "PreviousDecisions[].NativeId": "Ahjo's internal document id",
    "PreviousDecisions[].CaseID": "Ahjo's second spelling of CaseIDLabel ('HEL-2021-011157'); we write CaseIDLabel",
    "PreviousDecisions[].ClassificationCode": "an earlier handling's own task code is not in the record's history",
    "PreviousDecisions[].ClassificationTitle": "as ClassificationTitle",
}
"""Ahjo's fields our export leaves out (paths with ``[]`` for list entries,
``*`` for any key), each with its reason; ``Organization`` stands for every
organisation (the decision's and each earlier handling's)."""

Same = Callable[[Any], Any]


def _day(value: str) -> str:
    return value[:10]  # Ahjo writes the hour; records hold the day


def _folded(value: str) -> str:
    return value.casefold()


NORMALISE: dict[str, Same] = {
    "Meeting.DateMeeting": _day,
    "Organization.Name": _folded,
    "Meeting.DecisionMaker": _folded,
    "VotingResults[].*.Voters[].Name": ahjo_name,
}
"""How an Ahjo value is spelt before comparing, by path (ours compared as written)."""

ORDER: dict[str, Callable[[dict[str, Any]], Any]] = {
    "VotingResults[].*.Voters[]": lambda v: ahjo_name(v["Name"]) if "," in v["Name"] else v["Name"],
    "PreviousDecisions[]": lambda p: ((p.get("Meeting") or {}).get("DateMeeting", "")[:10], int(p["Section"])),
}
"""Lists whose order Ahjo does not keep (voters by surname; handlings newest first), sorted before pairing."""


def general(path: str) -> str:
    """``PreviousDecisions[].Organization.ID`` → ``Organization.ID`` (one rule for every organisation);
    a vote's side (``Ayes``...) → ``*``."""
    path = path.removeprefix("PreviousDecisions[].") if ".Organization" in path or ".Meeting" in path else path
    for side in ("Ayes", "Noes", "Blank", "Absent"):
        path = path.replace(f"[].{side}.", "[].*.")
    return path


def _empty(value: Any) -> bool:
    return value in (None, "", [], {})


def walk(ours: Any, peer: Any, path: str = "") -> list[str]:
    """Every disagreement between our value and Ahjo's at ``path``."""
    rule = general(path)
    if isinstance(peer, dict):
        if not isinstance(ours, dict):
            return [f"{path or '.'}: ours {ours!r}, Ahjo an object"]
        return [line for key in sorted(peer) for line in _field(ours, peer, f"{path}.{key}".lstrip("."), key)]
    if isinstance(peer, list):
        if not isinstance(ours, list) or len(ours) != len(peer):
            return [f"{path}: ours {ours!r}, Ahjo {len(peer)} entries"]
        key = ORDER.get(f"{rule}[]")
        pairs = zip(sorted(ours, key=key), sorted(peer, key=key), strict=True) if key else zip(ours, peer, strict=True)
        return [line for a, b in pairs for line in walk(a, b, f"{path}[]")]
    expected = NORMALISE.get(rule, lambda v: v)(peer)
    got = _folded(ours) if rule in NORMALISE and NORMALISE[rule] is _folded and isinstance(ours, str) else ours
    return [] if got == expected else [f"{path}: ours {ours!r}, Ahjo {peer!r}"]


def _field(ours: dict[str, Any], peer: dict[str, Any], path: str, key: str) -> list[str]:
    if key in ours:
        return walk(ours[key], peer[key], path)
    if _empty(peer[key]) or general(path) in OMITTED:
        return []
    return [f"{path}: Ahjo holds {peer[key]!r}; ours has no such field and OMITTED gives no reason"]


@pytest.fixture(scope="module")
def exported() -> dict[str, Any]:
    repo: Repository = govdocs.load(ROOT)
    return export_files(repo, "ahjo", ExportOptions(as_of=AS_OF))


@pytest.mark.parametrize("decision_id", WITH_AHJO)
def test_the_export_agrees_with_ahjo_on_every_field_both_hold(exported: dict[str, Any], decision_id: str) -> None:
    assert walk(exported[f"decisions/{decision_id}.json"], ahjo(decision_id)) == []


def test_every_omission_is_of_a_field_ahjo_holds() -> None:
    """No stale reason: each OMITTED path is a field some Ahjo file fills."""
    held: set[str] = set()

    def collect(value: Any, path: str) -> None:
        if isinstance(value, dict):
            for key, inner in value.items():
                sub = f"{path}.{key}".lstrip(".")
                if not _empty(inner):
                    held.add(general(sub))
                collect(inner, sub)
        elif isinstance(value, list):
            for inner in value:
                collect(inner, f"{path}[]")

    for decision_id in WITH_AHJO:
        collect(ahjo(decision_id), "")
    assert sorted(set(OMITTED) - held) == []


def test_the_walk_notices_a_changed_or_missing_field(exported: dict[str, Any]) -> None:
    voted = next(i for i in WITH_AHJO if ahjo(i)["VotingResults"])
    ours = exported[f"decisions/{voted}.json"]
    changed = {**ours, "Section": "1"}
    assert walk(changed, ahjo(voted)) == [f"Section: ours '1', Ahjo {ahjo(voted)['Section']!r}"]
    without = {k: v for k, v in ours.items() if k != "CaseIDLabel"}
    assert [line.split(":")[0] for line in walk(without, ahjo(voted))] == ["CaseIDLabel"]
    result = ours["VotingResults"][0]
    dropped = {**result, "Noes": {**result["Noes"], "Voters": result["Noes"]["Voters"][1:]}}
    assert walk({**ours, "VotingResults": [dropped]}, ahjo(voted))

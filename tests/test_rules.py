"""Every cross-record rule, each with its exact message and location, on
small repositories built from valid records with one thing changed."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

import govdocs
from tests.builders import REGISTRY, decision, write_repo

D1, D2, D3 = (f"decisions/2016/kj-2016-{n}.yaml" for n in (1, 2, 3))


def problems(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    *records: dict[str, Any],
    registry: dict[str, Any] | None = None,
) -> list[str]:
    write_repo(tmp_path, *records, registry=registry)
    monkeypatch.chdir(tmp_path)
    return [p.format() for p in govdocs.validate(".").problems]


def later(n: int, day: str, number: int | None = None, **changes: Any) -> dict[str, Any]:
    """A later decision (file kj-2016-n) with no effects of its own."""
    return decision(f"kj-2016-{n}", number or n, day, transfers=[], obligations=[], **changes)


def test_builder_record_is_clean(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert problems(tmp_path, monkeypatch, decision()) == []


def test_validate_is_callable_from_the_package_after_everything_is_imported(tmp_path: Path) -> None:
    import govdocs.checks.rules  # noqa: F401  (a submodule import must not shadow the function)

    write_repo(tmp_path, decision())
    assert govdocs.validate(tmp_path).problems == []


CASES = [
    (
        "fulfilled before it exists",
        [decision(), later(2, "2016-05-01", fulfils=[{"obligation": "kj-2016-1.raportti"}])],
        None,
        [
            f"{D2}:24:3: error: 'kj-2016-1.raportti' is fulfilled on 1.5.2016, before it was created on 1.6.2016 by 'kj-2016-1'"
        ],
    ),
    (
        "fulfilled after it was cancelled",
        [
            decision(),
            later(2, "2016-07-01", fulfils=[{"obligation": "kj-2016-1.raportti", "outcome": "cancelled"}]),
            later(3, "2016-08-01", fulfils=[{"obligation": "kj-2016-1.raportti"}]),
        ],
        None,
        [f"{D3}:24:3: error: 'kj-2016-1.raportti' was already cancelled at {D2}:24:3"],
    ),
    (
        "fulfilled twice",
        [
            decision(),
            later(2, "2016-07-01", fulfils=[{"obligation": "kj-2016-1.raportti"}]),
            later(3, "2016-08-01", fulfils=[{"obligation": "kj-2016-1.raportti"}]),
        ],
        None,
        [f"{D3}:24:3: error: 'kj-2016-1.raportti' is already fulfilled at {D2}:24:3"],
    ),
    (
        "fulfilling something unknown",
        [decision(), later(2, "2016-07-01", fulfils=[{"obligation": "kj-2016-1.raportit"}])],
        None,
        [f"{D2}:24:15: error: unknown obligation or reporting duty 'kj-2016-1.raportit'; did you mean 'kj-2016-1.raportti'?"],
    ),
    (
        "organisation does not exist when the transfer takes effect",
        [decision(transfers=[decision()["transfers"][0] | {"to": "toimiala"}])],
        None,
        [
            f"{D1}:25:7: error: organisation 'toimiala' does not exist on 1.1.2017, when this transfer takes effect (valid 1.6.2017–…; registry: registry.yaml:31:15)"
        ],
    ),
    (
        "§ number taken",
        [decision(), later(2, "2016-07-01", number=1)],
        None,
        [f"{D2}:4:9: error: § 1 of 'johtaja' in 2016 is already used by 'kj-2016-1' ({D1}:4:9)"],
    ),
    (
        "diary number and task code formats",
        [decision(case="2016/1", task_code="00-00-02")],
        None,
        [
            f"{D1}:6:7: error: diary number '2016/1' is not in the municipality's format (registry: ^[A-Z]+ \\d{{4}}-\\d{{6}}$, e.g. 'HEL 2016-001234')",
            f"{D1}:37:12: error: task code '00-00-02' is not in the form '00 00 02' (registry: ^\\d{{2}} \\d{{2}} \\d{{2}}$)",
        ],
    ),
    (
        "attachment number twice; personal data not in the text",
        [
            decision(
                attachments=[{"number": 1, "title": "A"}, {"number": 1, "title": "B"}],
                personal_data=["Matti Virtanen"],
            )
        ],
        None,
        [
            f"{D1}:40:11: error: attachment number 1 is used twice",
            f"{D1}:43:3: error: personal data 'Matti Virtanen' does not occur in the text, so the public copy would not hide anything; check the spelling",
        ],
    ),
    (
        "part that the function does not have",
        [decision(transfers=[decision()["transfers"][0] | {"scope": "part", "part": "osa-c"}])],
        None,
        [
            f"{D1}:29:9: error: 'osa-c' is not a part of 'palvelu' (its parts: osa-a, osa-b); did you mean 'osa-b'?"
        ],
    ),
    (
        "term ends before it starts",
        [
            decision(
                mandates=[
                    {
                        "id": "ryhma",
                        "name": "Ryhmä",
                        "established_by": "kj-2016-1",
                        "term": {"start": "2017-01-01", "end": "2016-12-31"},
                    }
                ]
            )
        ],
        None,
        [f"{D1}:43:10: error: the term ends (31.12.2016) before it starts (1.1.2017)"],
    ),
    (
        "dangling references in a mandate",
        [
            decision(
                mandates=[
                    {
                        "id": "ryhma",
                        "name": "Ryhmä",
                        "established_by": "kj-2015-9",
                        "tasks": [{"id": "ryhma.t", "text": "tehdä", "added_by": "kj-2016-1.siirto"}],
                        "reporting": [{"to": "hallitu", "every": "yearly"}],
                    }
                ]
            )
        ],
        None,
        [
            f"{D1}:40:19: error: unknown decision or reference 'kj-2015-9'; did you mean 'kj-2016-1'?",
            f"{D1}:46:9: error: unknown body 'hallitu'; did you mean 'hallitus'?",
        ],
    ),
    (
        "secret without a legal basis",
        [decision(publicity={"class": "salassa-pidettava"})],
        None,
        [
            f"{D1}:38:3: error: publicity: publicity class 'salassa-pidettava' needs 'basis': the legal ground of secrecy, e.g. 'JulkL (621/1999) 24.1 § 25 k'"
        ],
    ),
]


def _registry(**org_changes: Any) -> dict[str, Any]:
    reg = copy.deepcopy(REGISTRY)
    reg["organisations"][1].update(org_changes)
    return reg


CASES += [
    (
        "registry successor that does not exist",
        [decision()],
        _registry(successor="toimialaa"),
        ["registry.yaml:26:14: error: unknown organisation 'toimialaa'; did you mean 'toimiala'?"],
    ),
]


@pytest.mark.parametrize("name, records, registry, expected", CASES, ids=[c[0] for c in CASES])
def test_rule(
    name: str,
    records: list[dict[str, Any]],
    registry: dict[str, Any] | None,
    expected: list[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert problems(tmp_path, monkeypatch, *records, registry=registry) == expected


def test_recurring_obligation_needs_a_period(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = decision()
    first["obligations"][0]["due"] = {"every": "yearly", "start": 2017}
    found = problems(
        tmp_path, monkeypatch, first, later(2, "2016-07-01", fulfils=[{"obligation": "kj-2016-1.raportti"}])
    )
    assert (
        found[0]
        == f"{D2}:24:3: error: 'kj-2016-1.raportti' recurs yearly; say which period (period: YEAR) this record covers"
    )


def test_decision_maker_must_exist_on_the_decision_date(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    reg = copy.deepcopy(REGISTRY)
    reg["decision_makers"][0]["valid_from"] = "2017-06-01"
    assert problems(tmp_path, monkeypatch, decision(), registry=reg) == [
        f"{D1}:2:8: error: decision maker 'johtaja' does not exist on 1.6.2016 (valid 1.6.2017–…)"
    ]


def test_completeness_warnings_hallintolaki_44_and_45(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    record = decision(contacts=[], appeal=None)
    record["sections"] = record["sections"][:1]
    assert problems(tmp_path, monkeypatch, record) == [
        f"{D1}:1:1: warning: no contact person (contacts); Hallintolaki 44 § requires the name and contact details of a person who gives more information",
        f"{D1}:1:1: warning: no appeal instructions (appeal); Hallintolaki 47 § and Kuntalaki 136 § require them",
        f"{D1}:8:1: warning: no grounds section (kind: grounds); Hallintolaki 45 § requires grounds unless an exception is cited in 'grounds_exception'",
    ]


def test_grounds_exception_silences_the_grounds_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    record = decision(grounds_exception="Hallintolaki 45 § 2 mom. 1 kohta: päätös koskee valintaa")
    record["sections"] = record["sections"][:1]
    assert problems(tmp_path, monkeypatch, record) == []


def test_load_raises_with_every_problem(tmp_path: Path) -> None:
    write_repo(tmp_path, decision(case="2016/1", task_code="x"))
    with pytest.raises(govdocs.RecordsInvalid) as caught:
        govdocs.load(tmp_path)
    assert [p.code for p in caught.value.problems] == ["case-number-format", "task-code-format"]

"""Personal data the public copy must not show unmarked (govdocs.document.personal)."""

from __future__ import annotations

import pytest

import govdocs
from govdocs.document.personal import (
    Finding,
    Known,
    TextField,
    find_personal_data,
    is_identity_code,
    personal_data_problems,
)
from govdocs.problems import Span
from tests.render_helpers import ROOT


# Check characters worked out by hand: (DDMMYY + NNN) mod 31 into 0-9A-Y without G I O Q Z.
@pytest.mark.parametrize(
    ("code", "valid"),
    [
        ("131052-308T", True),  # the Population Register Centre's own example
        ("131052-308U", False),  # wrong check character
        ("010101A123N", True),  # 2000s century sign
        ("010101Y123N", True),  # 1900s, new 2023 sign
        ("311299-999X", False),  # 311299999 mod 31 = 14 -> "E", not "X"
        ("311299-999E", True),
        ("300201A123N", False),  # 30.2. is not a date
        ("290200A0000", False),  # 29.2.2000 exists, but 290200000 mod 31 = 10 -> "A"
        ("290200A000A", True),
    ],
)
def test_identity_code_check_character(code: str, valid: bool) -> None:
    assert is_identity_code(code) is valid


@pytest.mark.parametrize("sign", ["+", "-", "A", "B", "C", "D", "E", "F", "U", "V", "W", "X", "Y"])
def test_every_century_sign_is_found(sign: str) -> None:
    found = list(find_personal_data(f"Hakija 010190{sign}123K asuu Helsingissä."))
    assert [f.value for f in found] == [f"010190{sign}123K"]


def test_wrong_check_character_is_found_and_said() -> None:
    (found,) = find_personal_data("hetu 131052-308U")
    assert found == Finding(
        "henkilötunnus", "131052-308U", "its check character or date is wrong, but it has the shape"
    )


def test_case_numbers_task_codes_money_and_vacancies_are_not_personal_data() -> None:
    text = (
        "HEL 2021-012925 T 00 01 06, T 02 08 01 00, 2 050 000 000 euroa, vakanssinumero 036931, 1.10.2021 klo 09.15, "
        "puhelin 310 37919, 12.5.2016 59 §"
    )
    assert list(find_personal_data(text)) == []


@pytest.mark.parametrize(
    "phone",
    [
        "040 123 4567",
        "040-1234567",
        "0401234567",
        "+358 40 123 4567",
        "+358 (0)9 310 12345",
        "050 123 45 67",
        "(09) 310 12345",
        "09 310 12345",
    ],
)
def test_finnish_phone_formats(phone: str) -> None:
    assert list(find_personal_data(f"Soita {phone}.")) == [Finding("phone", phone)]


def test_registry_and_contact_addresses_may_be_published() -> None:
    known = Known(
        frozenset({"helsinki.kirjaamo@hel.fi", "nina.vesterinen@hel.fi"}),
        frozenset({"0931013700", "31037919"}),
    )
    text = (
        "Yhteys: matti.meikalainen@example.com, Nina.Vesterinen@hel.fi, helsinki.kirjaamo@hel.fi, "
        "toinen.virkailija@hel.fi, 09 310 13700, 09 310 37919, 040 765 4321"
    )
    assert [f.value for f in find_personal_data(text, known)] == [
        "matti.meikalainen@example.com",
        "toinen.virkailija@hel.fi",
        "040 765 4321",
    ]


def test_problems_are_located_at_the_finding_and_marked_data_passes() -> None:
    source = "title: Asia\nsections:\n  - kind: decision\n    body:\n      - Hakija 010190-123M, puh. 040 123 4567.\n"
    field = TextField("Hakija 010190-123M, puh. 040 123 4567.", "d.yaml", Span(5, 9), source)
    problems = personal_data_problems([field], Known(), marked=["0401234567"])
    assert [p.format() for p in problems] == [
        "d.yaml:5:16: error: henkilötunnus '010190-123M' would be published in the public copy; list it "
        "under personal_data so the web copy hides it, or remove it"
    ]


def test_the_administrative_court_s_addresses_may_be_published() -> None:
    """The court's e-mail, phone and fax are printed in every appeal text;
    a decision that names them shows no personal data."""
    repo = govdocs.load(ROOT)
    known = Known.of(repo.registry_of("kv-2025-249"))
    text = "Valitus: helsinki.hao@oikeus.fi, puh. 029 56 42000, faksi 029 56 42079, 040 765 4321"
    assert [f.value for f in find_personal_data(text, known)] == ["040 765 4321"]

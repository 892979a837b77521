"""Personal data the public copy must not show unmarked."""

from __future__ import annotations

import pytest

from govdocs.drafting.personal import Finding, is_identity_code, personal_data


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


def test_findings_in_text_skip_marked_and_official() -> None:
    texts = [
        "Hakija (hetu 131052-308T) ja HEL 2021-012925 T 00 01 06, puhelin 310 37919.",
        "Yhteys: matti.meikalainen@example.com tai nina.vesterinen@hel.fi tai x@edu.hel.fi.",
        "Merkitty 010101A123N on piilotettu.",
    ]
    found = personal_data(texts, ["hel.fi"], marked=["010101A123N"])
    assert found == [
        Finding("henkilötunnus", "131052-308T"),
        Finding("e-mail", "matti.meikalainen@example.com"),
    ]

"""Finnish hyphenation: real Voikko on the seed decision's words, the fallback syllabifier,
soft hyphens that never change the text, and the one-time warning when Voikko is missing."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govdocs.typeset import hyphenation
from govdocs.typeset.hyphenation import (
    SOFT_HYPHEN,
    Hyphenator,
    finnish_syllables,
    get_hyphenator,
    syllabifier_hyphenator,
    voikko_hyphenator,
)
from tests.reference import reference


@pytest.fixture(scope="module")
def voikko() -> Hyphenator:
    """The real Voikko backend; Voikko is a required install, so its absence is a failure."""
    hyphenator = voikko_hyphenator("fi")
    assert hyphenator is not None, (
        "Voikko could not be loaded: install libvoikko1 and voikko-fi (setup/apt-packages.txt)"
    )
    return hyphenator


def breaks(fragments: list[str]) -> set[int]:
    """Offsets of the breaks between fragments."""
    offsets: set[int] = set()
    position = 0
    for fragment in fragments[:-1]:
        position += len(fragment)
        offsets.add(position)
    return offsets


# --- Voikko -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "seam"),
    [
        ("talousarvio", "talous"),
        ("talousarvion", "talous"),  # the seed breaks it as "talous-arvion"
        ("työllisyydenhoidon", "työllisyyden"),
        ("kaupunginkanslia", "kaupungin"),
        ("terveysvirasto", "terveys"),
        ("johtosääntöuudistusten", "johtosääntö"),
    ],
)
def test_voikko_breaks_at_the_compound_seam(voikko: Hyphenator, word: str, seam: str) -> None:
    fragments = voikko.hyphenate_word(word)
    assert "".join(fragments) == word
    assert len(seam) in breaks(fragments), fragments


def test_talousarvio_never_breaks_as_talou_sarvio(voikko: Hyphenator) -> None:
    fragments = voikko.hyphenate_word("talousarvio")
    assert fragments[:2] == ["ta", "lous"]
    assert len("talou") not in breaks(fragments)


@pytest.mark.parametrize(
    ("word", "expected_break"),
    [("kaupungin", "kau"), ("työllisyyden", "työllisyy"), ("tiedoksi", "tie")],
)
def test_voikko_has_the_seeds_line_breaks(
    voikko: Hyphenator, word: str, expected_break: str
) -> None:
    """Break points that the seed decision's own line ends use ("kau-pungin", "työllisyy-den")."""
    assert len(expected_break) in breaks(voikko.hyphenate_word(word))


@pytest.mark.parametrize(
    "word",
    [
        "asiakas",
        "osasto",
        "elinkeino",
        "talousarvio",
        "radioasema",
        "ideaali",
        "sosiaali",
        "aikaisemman",
        "Kaupunginjohtaja",
    ],
)
def test_no_one_letter_fragments(voikko: Hyphenator, word: str) -> None:
    fragments = voikko.hyphenate_word(word)
    assert len(fragments) > 1, fragments
    assert all(len(fragment) >= 2 for fragment in fragments), fragments


def test_voikko_keeps_the_seam_when_avoiding_one_letter_fragments(voikko: Hyphenator) -> None:
    assert voikko.hyphenate_word("radioasema") == ["ra", "dio", "ase", "ma"]


@pytest.mark.parametrize("word", ["talo", "osa", "Åbo", "HEL", "ja", ""])
def test_words_under_five_letters_are_not_hyphenated(voikko: Hyphenator, word: str) -> None:
    assert voikko.hyphenate_word(word) == [word]


def test_existing_hyphen_splits_and_is_kept(voikko: Hyphenator) -> None:
    fragments = voikko.hyphenate_word("elinkeino-osasto")
    assert "".join(fragments) == "elinkeino-osasto"
    assert "no-" in fragments  # the hard hyphen ends a fragment
    assert len("elinkeino-") in breaks(fragments)
    assert all(len(fragment.rstrip("-")) >= 2 for fragment in fragments)
    assert voikko.soft_hyphenate("elinkeino-osasto") == (
        f"elin{SOFT_HYPHEN}kei{SOFT_HYPHEN}no-osas{SOFT_HYPHEN}to"
    )


def test_sosiaali_ja_terveysvirasto(voikko: Hyphenator) -> None:
    text = "sosiaali- ja terveysvirasto"
    result = voikko.soft_hyphenate(text)
    assert result.replace(SOFT_HYPHEN, "") == text
    assert "-" + SOFT_HYPHEN not in result
    assert result.startswith(f"so{SOFT_HYPHEN}")
    assert f"terveys{SOFT_HYPHEN}" in result.replace(f"ter{SOFT_HYPHEN}", "ter")


def test_seed_decision_round_trips(voikko: Hyphenator) -> None:
    text = reference("seed/000_50e9e6bb55c53f83.txt").read_text(encoding="utf-8")
    result = voikko.soft_hyphenate(text)
    assert result != text
    assert result.replace(SOFT_HYPHEN, "") == text
    assert voikko.soft_hyphenate(result) == result  # idempotent


@pytest.mark.parametrize(
    "token",
    [
        "etunimi.sukunimi@hel.fi",
        "kirjaamo@hel.fi",
        "https://paatokset.hel.fi/fi/paattajat/kaupunginhallitus",
        "http://www.hel.fi/kaupunginkanslia",
        "www.hel.fi/kaupunginkanslia",
        "paatokset.hel.fi",
        "2014-011413",
        "24.8.2016",
        "1234567890",
        "COVID-19",
        "kaupunginkanslia_2016",
        "iPhone",
    ],
)
def test_emails_urls_numbers_are_untouched(voikko: Hyphenator, token: str) -> None:
    text = f"Lisätiedot ({token}), kaupunginkanslia"
    result = voikko.soft_hyphenate(text)
    assert f"({token})," in result
    assert result.endswith(f"kau{SOFT_HYPHEN}pun{SOFT_HYPHEN}gin{SOFT_HYPHEN}kans{SOFT_HYPHEN}lia")


def test_only_soft_hyphens_are_added(voikko: Hyphenator) -> None:
    text = (
        "Kaupunginjohtaja päätti 17.6.2015 (§ 45)\tkehottaa\u00a0kaupunginkansliaa –\n"
        "työmarkkinatuki -ryhmän “loppuraportti”: HEL 2014-011413 T 00 00 02…"
    )
    result = voikko.soft_hyphenate(text)
    assert result.replace(SOFT_HYPHEN, "") == text
    assert result.count(SOFT_HYPHEN) >= 8


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("aeiouyäöåkltnsrpmhvjdgAÄÖKT -.,@/:0123456789\n\u00a0")))
def test_soft_hyphenate_never_changes_the_text(text: str) -> None:
    for hyphenator in (get_hyphenator("fi"), syllabifier_hyphenator()):
        assert hyphenator.soft_hyphenate(text).replace(SOFT_HYPHEN, "") == text


def test_decomposed_letters_are_hyphenated_in_place(voikko: Hyphenator) -> None:
    word = "työllisyydenhoidon".replace("ö", "o\u0308")  # NFD: o + combining diaeresis
    fragments = voikko.hyphenate_word(word)
    assert "".join(fragments) == word
    assert fragments[0] == "tyo\u0308l"


def test_get_hyphenator_is_cached_per_language() -> None:
    hyphenator = get_hyphenator("fi")
    assert get_hyphenator("fi-FI") is hyphenator
    assert get_hyphenator("FI") is hyphenator
    assert hyphenator.backend == "voikko"


def test_swedish_without_dictionary_is_left_alone() -> None:
    if voikko_hyphenator("sv") is not None:
        pytest.skip("a Swedish Voikko dictionary is installed")
    hyphenator = get_hyphenator("sv")
    assert hyphenator.backend == "none"
    text = "Stadsstyrelsen beslutade att arbetsmarknadsstödet upphör."
    assert hyphenator.soft_hyphenate(text) == text
    assert hyphenator.hyphenate_word("arbetsmarknadsstödet") == ["arbetsmarknadsstödet"]


# --- Rule-based fallback ------------------------------------------------------------------

SYLLABLES = {
    "kaupunginkanslia": "kau-pun-gin-kans-li-a",
    "työllisyydenhoidon": "työl-li-syy-den-hoi-don",
    "talousarvio": "ta-lou-sar-vi-o",  # no compound seams: why Voikko is preferred
    "asiakas": "a-si-a-kas",
    "maanantai": "maa-nan-tai",
    "tietoa": "tie-to-a",  # ie is a diphthong in the first syllable ...
    "kaupunkien": "kau-pun-ki-en",  # ... and not later
    "kuorma": "kuor-ma",
    "vuorovaikutus": "vuo-ro-vai-ku-tus",
    "yöpyä": "yö-py-ä",
    "yöpuku": "yö-pu-ku",
    "raaistaa": "raa-is-taa",  # at most two vowels in one syllable
    "kauan": "kau-an",
    "ideaali": "i-de-aa-li",
    "strategia": "stra-te-gi-a",  # initial consonant clusters stay together
    "psykologia": "psy-ko-lo-gi-a",
    "teatteri": "te-at-te-ri",
    "Helsingin": "Hel-sin-gin",
    "KAUPUNGINHALLITUS": "KAU-PUN-GIN-HAL-LI-TUS",
    "Åbo": "Å-bo",
}


@pytest.mark.parametrize(("word", "expected"), SYLLABLES.items())
def test_fallback_syllables(word: str, expected: str) -> None:
    assert "-".join(finnish_syllables(word)) == expected


def test_fallback_hyphenator_applies_the_common_rules() -> None:
    fallback = syllabifier_hyphenator()
    assert fallback.backend == "syllabifier"
    assert fallback.hyphenate_word("asiakas") == ["asia", "kas"]
    assert fallback.hyphenate_word("talousarvio") == ["ta", "lou", "sar", "vio"]
    assert fallback.hyphenate_word("elinkeino-osasto") == ["elin", "kei", "no-", "osas", "to"]
    assert fallback.hyphenate_word("Åbo") == ["Åbo"]
    text = "Kaupunginjohtaja päätti, ks. kirjaamo@hel.fi ja 24.8.2016."
    result = fallback.soft_hyphenate(text)
    assert result.replace(SOFT_HYPHEN, "") == text
    assert "kirjaamo@hel.fi" in result
    assert result.startswith(f"Kau{SOFT_HYPHEN}pun{SOFT_HYPHEN}gin")


# --- The one-time warning -------------------------------------------------------------------


@pytest.fixture
def without_voikko(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Make Voikko look missing, with fresh cache and warning state; restore both after."""
    monkeypatch.setattr(
        hyphenation, "_load_voikko", lambda lang: (None, "libvoikko.so.1: cannot open (test)")
    )
    monkeypatch.setattr(hyphenation, "_fallback_warned", False)
    hyphenation._hyphenator_for.cache_clear()
    yield
    hyphenation._hyphenator_for.cache_clear()


def test_fallback_warns_once(without_voikko: None, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, logger="govdocs")
    first = get_hyphenator("fi")
    assert first.backend == "syllabifier"
    assert get_hyphenator("fi-FI") is first
    hyphenation._hyphenator_for.cache_clear()
    assert get_hyphenator("fi").backend == "syllabifier"
    assert get_hyphenator("sv").backend == "none"

    warnings = [r for r in caplog.records if r.name == "govdocs" and r.levelno == logging.WARNING]
    assert len(warnings) == 1
    message = warnings[0].getMessage()
    assert "Voikko is missing" in message
    assert "libvoikko1" in message and "voikko-fi" in message

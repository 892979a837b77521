"""The redaction step itself: names found however they are written and
inflected, with Voikko and with the stem rule alone, and masked in every
field of a document tree."""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path

import pytest

import govdocs
from govdocs.document import names
from govdocs.document.model import (
    Document,
    EmbeddedFile,
    Figure,
    Heading,
    KeyValue,
    Link,
    Metadata,
    Paragraph,
    RunningHeader,
    Section,
    Table,
)
from govdocs.document.names import NameMatcher, fold, load_analyser, masked, stems
from govdocs.document.redact import Redactor, public_copy
from tests import builders

PEOPLE = ["Matti Meikäläinen", "Ville Virtanen", "Nina Gros", "Heikki Nurmi", "Pekka Lahti"]


def _mask(text: str, analyser: object | None) -> str:
    matcher = NameMatcher(PEOPLE, analyser)  # type: ignore[arg-type]
    return masked(text, matcher.spans(text), "*")


@pytest.fixture(params=["voikko", "stem rule"])
def analyser(request: pytest.FixtureRequest) -> object | None:
    if request.param == "stem rule":
        return None
    found = load_analyser("fi")
    assert found is not None, "Voikko is part of the setup (setup/apt-packages.txt)"
    return found


@pytest.mark.parametrize("text", [
    "Meikäläisen", "Meikäläiselle", "Meikäläistä", "MEIKÄLÄISELTÄ", "Virtaselle", "Virtasta", "Virtasten",
    "Matin", "Mattia", "Grosille", "Heikin", "Nurmen", "Lahden", "Pekan",
    "Meika\u0308la\u0308isen", "Mei\u00adkäläisen", "Virta\u200bsen", "Vir\u2060tanen", "\ufeffVirtanen",
    "\u202eVirtanen\u202c", "\uff2d\uff45\uff49\uff4bäläinen", "ＭＡＴＴＩ",
])
def test_every_spelling_and_inflection_is_masked(text: str, analyser: object | None) -> None:
    assert _mask(text, analyser).strip("\ufeff\u202e\u202c") == "*"


def test_voikko_knows_irregular_forms_the_stem_rule_does_not() -> None:
    text = "Anu Kankaalle ja Kankaan"
    with_voikko = NameMatcher(["Anu Kangas"], load_analyser("fi"))
    assert masked(text, with_voikko.spans(text), "*") == "* ja *"
    stem_rule = NameMatcher(["Anu Kangas"])
    assert masked(text, stem_rule.spans(text), "*") == "* Kankaalle ja Kankaan"


def test_a_full_name_is_one_mask_and_other_words_stay(analyser: object | None) -> None:
    text = "Kunnanjohtaja myönsi Matti\u00a0Meikäläiselle ja Ville Virtaselle eron; Nina\u200bGros kuuli."
    assert _mask(text, analyser) == "Kunnanjohtaja myönsi * ja * eron; * kuuli."


def test_a_long_name_glued_to_another_word_is_found(analyser: object | None) -> None:
    assert _mask("Hakija:MeikäläiselleGrosille ja hakijaVirtaselle.", analyser) == "Hakija:* ja *."


def test_common_words_are_not_mistaken_for_names(analyser: object | None) -> None:
    text = "Ammattiin annetaan automaattinen lupa virtaa varten."
    assert _mask(text, analyser) == text


def test_an_entry_that_is_not_a_name_is_matched_whole() -> None:
    matcher = NameMatcher(["Mannerheimintie 5 A 12"])
    text = "Osoite on MANNERHEIMINTIE\u00a05 A 12:ssa, ei Mannerheimintie 7."
    assert masked(text, matcher.spans(text), "*") == "Osoite on *, ei Mannerheimintie 7."


def test_folding_remembers_where_each_letter_came_from() -> None:
    text = "Mei\u00adka\u0308"
    folded, spans = fold(text)
    assert folded == "meikä"
    assert spans == [(0, 1), (1, 2), (2, 3), (4, 5), (5, 7)]  # the soft hyphen (3) folds to nothing


def test_the_stem_rule() -> None:
    assert stems("virtanen") == {"virtanen", "virtas"}
    assert stems("matti") == {"matti", "mati", "matte", "mate"}  # i → e is for old words (Nurmi), harmless here
    assert stems("lahti") == {"lahti", "lahdi", "lahte", "lahde"}
    assert stems("gros") == {"gros"}


def test_without_voikko_a_warning_says_only_the_stem_rule_is_used(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="govdocs"):
        assert names.load_analyser("xx-no-such-language") is None
    assert "public copies find inflected names by a Finnish stem rule only" in caplog.text


def test_a_drawing_label_cut_short_loses_the_name_too() -> None:
    redact = Redactor(["Matti Meikäläinen"])
    svg = "<svg><text>Matti Meikä…<title>Matti Meikäläisen raportti</title></text><text>Raportti…</text></svg>"
    assert redact.svg(svg) == "<svg><text>***** *****…<title>***** raportti</title></text><text>Raportti…</text></svg>"


def test_identity_codes_are_masked_marked_or_not() -> None:
    assert Redactor([])("Hetu 131052-308T ja numero 12345.") == "Hetu ***** ja numero 12345."


def test_public_copy_masks_every_field_and_drops_embedded_files() -> None:
    name = "Virtaselle"
    doc = Document(
        meta=Metadata(title=f"{name} ero", author=name, subject=name, keywords=(name,), doc_type=name,
                      created=date(2016, 6, 1)),
        header=RunningHeader(left=(name,), right=(name,)),
        blocks=(
            Heading(name, level=1),
            Section((Paragraph((Link(name, "https://example.org/x"), f" {name}")),
                     KeyValue(((name, name),)),
                     Table((name,), ((name,),), caption=name),
                     Figure(f"<svg><text>{name} &amp; muut</text></svg>", caption=name, alt=name,
                            png=b"pixels")), heading=name),
        ),
        attachments=(EmbeddedFile("source.yaml", name.encode()),),
    )
    public = public_copy(doc, ["Ville Virtanen"])
    assert name not in repr(public)
    assert public.attachments == ()
    figure = public.blocks[1].blocks[3]  # type: ignore[union-attr]
    assert figure.svg == "<svg><text>***** &amp; muut</text></svg>"
    assert figure.png is None  # drawn from the unmasked picture
    assert public.blocks[1].blocks[0].content[0].href == "https://example.org/x"  # type: ignore[union-attr]


def test_a_name_written_only_inflected_is_found_by_the_check(tmp_path: Path) -> None:
    record = builders.decision(personal_data=["Ville Virtanen", "Matti Virtala"])
    record["sections"][1]["body"] = ["Palvelu annetaan Ville Virtaselle."]
    report = govdocs.validate(builders.write_repo(tmp_path, record))
    assert [p.message for p in report.problems if p.code == "personal-data-not-in-text"] == [
        "personal data 'Matti Virtala' does not occur in the text, so the public copy would not hide "
        "anything; check the spelling"
    ]


@pytest.mark.parametrize(("public_title", "shown"), [
    (None, "Salassa pidettävä päätös"),
    ("Ville Virtasen lastensuojeluasia", "***** lastensuojeluasia"),
])
def test_a_secret_decision_is_only_a_mention(tmp_path: Path, public_title: str | None, shown: str) -> None:
    from govdocs.document.model import plain, walk
    from govdocs.render import build

    basis = "JulkL (621/1999) 24.1 § 25 k"
    record = builders.decision(title="Virtasen perheen asia", public_title=public_title,
                               personal_data=["Ville Virtanen"],
                               publicity={"class": "salassa-pidettava", "basis": basis})
    record["sections"][0]["body"] = ["Ville Virtasen " + builders.TEXT]
    doc = build(govdocs.load(builders.write_repo(tmp_path, record)), "kj-2016-1", public=True)
    texts = [b.text if isinstance(b, Heading) else plain(b.content)  # type: ignore[union-attr]
             for b in walk(doc.blocks)]
    assert texts == ["1 §", shown, "HEL 2016-000001", f"Salassa pidettävä, {basis}"]
    assert doc.meta.title == shown and doc.attachments == ()


def test_the_record_copy_of_a_secret_decision_says_it_is_secret(tmp_path: Path) -> None:
    from govdocs.document.model import Notice, plain, walk
    from govdocs.render import build

    basis = "JulkL (621/1999) 24.1 § 25 k"
    record = builders.decision(publicity={"class": "salassa-pidettava", "basis": basis})
    doc = build(govdocs.load(builders.write_repo(tmp_path, record)), "kj-2016-1")
    notes = [plain(b.content) for b in walk(doc.blocks) if isinstance(b, Notice)]
    assert notes == [f"Salassa pidettävä, {basis}"]
    assert doc.meta.title == "Palvelun siirto" and doc.attachments

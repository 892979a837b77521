"""Broken variants of the seed record: each gives one exact, located
message and exit code 1, never a traceback."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from govdocs.cli import cli
from tests.conftest import SEED

F = SEED
# (name, old text, new text, expected error lines)
VARIANTS = [
    (
        "wrong type",
        "number: 59\n",
        "number: viisikymmentäyhdeksän\n",
        [f"{F}:12:9: error: number: expected a whole number, found str 'viisikymmentäyhdeksän'"],
    ),
    (
        "misspelt key",
        "title: Helsingin",
        "titel: Helsingin",
        [f"{F}:13:1: error: titel: unknown key 'titel'; did you mean 'title'?"],
    ),
    (
        "unknown key",
        "handling: johtajistokasittely\n",
        "handling: johtajistokasittely\nsignatures: x\n",
        [f"{F}:8:1: error: signatures: unknown key 'signatures'; did you mean 'signature'?"],
    ),
    (
        "duplicate key",
        "number: 59\n",
        "number: 59\nnumber: 60\n",
        [
            f"{F}:13:1: error: duplicate key 'number' (first at line 12, column 1); "
            "YAML keeps only the last one, so remove or rename one of them"
        ],
    ),
    (
        "dangling organisation",
        "    to: kaupunginkanslia-elinkeino-osasto\n",
        "    to: kaupunginkanslia-elinkeinoosasto\n",
        [
            f"{F}:172:9: error: unknown organisation 'kaupunginkanslia-elinkeinoosasto'; "
            "did you mean 'kaupunginkanslia-elinkeino-osasto'?"
        ],
    ),
    (
        "dangling decision maker",
        "\nmaker: kaupunginjohtaja\n",
        "\nmaker: kaupunginjohtja\n",
        [f"{F}:6:8: error: unknown decision maker 'kaupunginjohtja'; did you mean 'kaupunginjohtaja'?"],
    ),
    (
        "dangling task",
        "    task: tyomarkkinatuki-ryhma.johtoryhma\n",
        "    task: tyomarkkinatuki-ryhma.ohjausryhma\n",
        [
            f"{F}:150:11: error: mandate 'tyomarkkinatuki-ryhma' has no task 'tyomarkkinatuki-ryhma.ohjausryhma'; "
            "did you mean 'tyomarkkinatuki-ryhma.johtoryhma'?"
        ],
    ),
    (
        "31.2.2016",
        "    date: 2016-01-07\n",
        "    date: 31.2.2016\n",
        [
            f"{F}:122:11: error: references[1].date: '31.2.2016' is not a real date (day is out of range for month)"
        ],
    ),
    (
        "duplicate id",
        "  - id: kj-2016-59.kesatyomalli\n",
        "  - id: kj-2016-59.talousarvio\n",
        [
            f"{F}:257:9: error: duplicate id 'kj-2016-59.talousarvio'; it is already used at {F}:247:9",
            # the note item names the renamed obligation among its acts
            f"{F}:325:9: error: 'kj-2016-59.kesatyomalli' is not a transfer, obligation, initiative, "
            "mandate or mandate change of this decision; did you mean 'kj-2016-59.kesatyomaararaha'?",
        ],
    ),
    (
        "quote not in the text",
        "    quote: Kuntouttavan työtoiminnan järjestämisvastuu jää sosiaali- ja terveysvirastoon.\n",
        "    quote: Kuntouttavan työtoiminnan järjestämisvastuu jää sosiaali- ja terveysvirastolle.\n",
        [
            f"{F}:185:12: error: quote is not in the text of decision 'kj-2016-59'; the text matches up to "
            "'järjestämisvastuu jää sosiaali- ja' and then differs at 'terveysvirastolle.'"
        ],
    ),
    (
        "unterminated quote",
        "title: Helsingin kaupungin työmarkkinatuki-työryhmän loppuraportti\n",
        'title: "Helsingin kaupungin työmarkkinatuki-työryhmän loppuraportti\n',
        [
            f"{F}:13:8: error: unterminated quoted string (opened at line 13, column 8); "
            "close it with the same quote mark on the same line"
        ],
    ),
    (
        "bad indentation",
        "    from: kaupunginkanslia\n    to: opetusvirasto\n",
        "    from: kaupunginkanslia\n   to: opetusvirasto\n",
        [
            f"{F}:218:4: error: bad indentation: this line is indented differently from the keys of its "
            "mapping (opened at line 167, column 3); align keys of one mapping in the same column"
        ],
    ),
    (
        "a tab",
        "number: 59\n",
        "number:\t59\nlanguage:\n\t- fi\n",
        [f"{F}:12:8: error: tab character where YAML expects indentation or a token; indent with spaces"],
    ),
    (
        "enum typo",
        "    scope: mostly\n",
        "    scope: mostyl\n",
        [
            f"{F}:169:12: error: transfers[0].scope: expected one of 'whole', 'mostly', 'part'; "
            "found str 'mostyl'; did you mean 'mostly'?"
        ],
    ),
    (
        "missing key",
        "    what: Kehitetään uusi toimintamalli nuorten kesätöiden edistämiseen.\n",
        "",
        [f"{F}:257:5: error: obligations[1]: missing required key 'what' (The duty in a short sentence)"],
    ),
    (
        "invalid id",
        "id: kj-2016-59\n",
        "id: KJ 2016/59\n",
        [
            f"{F}:5:5: error: id: 'KJ 2016/59' is not a valid id: use lower-case letters a-z, digits and . _ - "
            "(no spaces, no ä/ö), e.g. 'kj-2016-59'"
        ],
    ),
    (
        "due given twice",
        "      budget_year: 2017\n",
        "      budget_year: 2017\n      year: 2017\n",
        [
            f"{F}:252:7: error: obligations[0].due: give exactly one of date, year, budget_year, every, "
            "not_stated (found: year, budget_year)"
        ],
    ),
    (
        "paragraph ending in a colon",
        "        Samalla kaupunginjohtaja päätti todeta, että raportissa esitetyt muutokset\n"
        "        tullaan ottamaan huomioon talousarvion valmistelussa.\n",
        "      - Näin päätettiin:\n",
        [
            f"{F}:26:9: error: sections[0].body[1]: expected text, found 'Näin päätettiin:', which YAML reads "
            "as a key because it ends with ':'; put the text in quotes"
        ],
    ),
    (
        "stays with a from",
        "    change: stays\n",
        "    change: stays\n    from: opetusvirasto\n",
        [f"{F}:180:5: error: transfers[1]: a 'stays' statement has no 'from'; name the holder in 'to'"],
    ),
]


@pytest.mark.parametrize("name, old, new, expected", VARIANTS, ids=[v[0] for v in VARIANTS])
def test_broken_seed_variant(
    name: str,
    old: str,
    new: str,
    expected: list[str],
    records: Path,
    edit: Callable[[str, str, str], Path],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    if name == "paragraph ending in a colon":
        old = "      - >-\n" + old
    edit(SEED, old, new)
    monkeypatch.chdir(records)
    result = CliRunner().invoke(cli, ["validate", SEED])
    errors = [line for line in result.output.splitlines() if ": error: " in line]
    assert errors == expected
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert result.output.splitlines()[-1].startswith(f"{len(expected)} error(s), ")


def test_empty_file(records: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (records / SEED).write_text("", encoding="utf-8")
    monkeypatch.chdir(records)
    result = CliRunner().invoke(cli, ["validate", SEED])
    assert result.output.splitlines()[0] == (
        f"{SEED}:1:1: error: the file is empty; a record needs at least an 'id'"
    )
    assert result.exit_code == 1


def test_every_problem_is_reported_not_just_the_first(
    records: Path, edit: Callable[[str, str, str], Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    edit(SEED, "    scope: mostly\n", "    scope: mostyl\n")
    edit(SEED, "title: Helsingin", "titel: Helsingin")
    edit("decisions/2021/kp-2021-5.yaml", "\nmaker: kansliapaallikko\n", "\nmaker: kanslia\n")
    monkeypatch.chdir(records)
    result = CliRunner().invoke(cli, ["validate"])
    errors = [line for line in result.output.splitlines() if ": error: " in line]
    assert len(errors) == 3
    assert errors[0].startswith(f"{SEED}:13:1:") and errors[1].startswith(f"{SEED}:169:12:")
    assert errors[2].startswith("decisions/2021/kp-2021-5.yaml:5:8: error: unknown decision maker 'kanslia'")


def test_validation_never_changes_the_records(records: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = {p: p.read_bytes() for p in records.rglob("*") if p.is_file()}
    monkeypatch.chdir(records)
    CliRunner().invoke(cli, ["validate"])
    after = {p: p.read_bytes() for p in records.rglob("*") if p.is_file()}
    assert before == after

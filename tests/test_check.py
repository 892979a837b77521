"""`govdocs check ID`: what must be true before signing, each failure with
its exact message, place and exit code."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from govdocs.cli import cli
from tests.bundled import copy_registry

ROOT = Path(__file__).resolve().parents[1]
FILE = "decisions/2022/kp-2022-7.yaml"

READY = """\
id: kp-2022-7
maker: kansliapaallikko
date: 2022-01-05
number: 7
title: Nimeäminen, testiryhmä
case: HEL 2022-000100
sections:
  - kind: decision
    body:
      - Kansliapäällikkö päättää asettaa testiryhmän vuosille 2022–2023.
      - Jäsenet ovat Nina Vesterinen ja Jukka Punamäki.
  - kind: grounds
    body:
      - Ryhmää tarvitaan.
contacts:
  - name: Nina Vesterinen
    email: nina.vesterinen@hel.fi
appeal:
  route: muutoksenhakukielto
  law: Kuntalaki 136 §
drafting:
  kind: working-group
mandates:
  - id: testiryhma
    name: Testiryhmä
    established_by: kp-2022-7
    term: {start: 2022-01-01, end: 2023-12-31}
    members:
      - {name: Nina Vesterinen, role: puheenjohtaja}
      - {name: Jukka Punamäki, role: sihteeri}
signature: {name: Sami Sarvilinna, title: kansliapäällikkö}
"""


@pytest.fixture
def records(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    copy_registry(tmp_path)
    shutil.copytree(ROOT / "decisions", tmp_path / "decisions")
    (tmp_path / "decisions" / "2022").mkdir(exist_ok=True)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def check(root: Path, text: str, decision: str = "kp-2022-7") -> tuple[int, str]:
    (root / FILE).write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", decision])
    return result.exit_code, result.output


def test_a_complete_decision_is_ready(records: Path) -> None:
    assert check(records, READY) == (0, "kp-2022-7: ready to sign: 0 error(s), 0 warning(s)\n")


def test_published_record_without_date_is_not_ready(records: Path) -> None:
    code, out = check(records, READY, "kp-2021-5")
    assert (code, out) == (
        1,
        (
            "decisions/2021/kp-2021-5.yaml:8:3: error: the decision date is not stated; Hallintolaki 44 § requires it\n"
            "decisions/2021/kp-2021-5.yaml:107:3: error: no signer: write signature: {name: ..., title: ...}\n"
            "kp-2021-5: not ready to sign: 2 error(s), 0 warning(s)\n"
        ),
    )


def test_unknown_decision_is_a_usage_error(records: Path) -> None:
    code, out = check(records, READY, "kp-2022-77")
    assert code == 2
    assert out.splitlines()[-1] == "Error: no decision 'kp-2022-77' in the records; did you mean 'kp-2022-7'?"


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "Ryhmää tarvitaan.",
            "Ryhmää tarvitaan, kertoo 131052-308T.",
            "decisions/2022/kp-2022-7.yaml:14:34: error: henkilötunnus '131052-308T' would be published in the "
            "public copy; list it under personal_data so the web copy hides it, or remove it",
        ),
        (
            "Ryhmää tarvitaan.",
            "Ryhmää ehdotti matti.m@example.com.",
            "decisions/2022/kp-2022-7.yaml:14:24: error: e-mail 'matti.m@example.com' would be published in the "
            "public copy; list it under personal_data so the web copy hides it, or remove it",
        ),
        (
            "route: muutoksenhakukielto\n  law: Kuntalaki 136 §",
            "route: oikaisuvaatimus",
            "decisions/2022/kp-2022-7.yaml:19:10: error: a 'working-group' decision takes muutoksenhakukielto, "
            "not oikaisuvaatimus",
        ),
        (
            "  law: Kuntalaki 136 §\n",
            "",
            "decisions/2022/kp-2022-7.yaml:19:3: error: a muutoksenhakukielto names the provision it rests on: "
            "law: Kuntalaki 136 §",
        ),
        (
            "Jäsenet ovat Nina Vesterinen ja Jukka Punamäki.",
            "Jäsenenä on Nina Vesterinen.",
            "decisions/2022/kp-2022-7.yaml:30:9: error: member 'Jukka Punamäki' of 'testiryhma' is in the data but "
            "not in the text",
        ),
        (
            "vuosille 2022–2023",
            "vuosille 2022–2024",
            "decisions/2022/kp-2022-7.yaml:27:11: error: the term of 'testiryhma' is 'vuosille 2022–2023' in the "
            "data, but the text does not say so (it has '2022–2024')",
        ),
        (
            "number: 7",
            "number: 5\nmaker_note: x",
            "decisions/2022/kp-2022-7.yaml:5:1: error: maker_note: unknown key 'maker_note'; did you mean 'maker'?",
        ),
        (
            "signature: {name: Sami Sarvilinna, title: kansliapäällikkö}\n",
            "",
            "decisions/2022/kp-2022-7.yaml:1:1: error: no signer: write signature: {name: ..., title: ...}",
        ),
        (
            "title: Nimeäminen, testiryhmä",
            "title: 'Nimeäminen, TÄYTÄ: ryhmän nimi'",
            "decisions/2022/kp-2022-7.yaml:5:21: error: still to write: TÄYTÄ: ryhmän nimi",
        ),
        (
            "  - name: Nina Vesterinen\n    email",
            "  - name: Nina Vesterinen\n    phone: '1'\n    email",
            None,
        ),
    ],
)
def test_each_failure_is_located(records: Path, old: str, new: str, message: str | None) -> None:
    assert old in READY
    code, out = check(records, READY.replace(old, new))
    if message is None:
        assert code == 0, out
        return
    assert code == 1
    assert message in out.splitlines(), out


def test_generated_section_edited_by_hand_is_stale(records: Path) -> None:
    text = READY.replace(
        "  - kind: decision\n    body:",
        "  - kind: decision\n    generated: working-group/decision\n    body:",
    ).replace(
        "    name: Testiryhmä\n",
        "    name: Testiryhmä\n    forms: {fi: Testiryhmä, genitive: testiryhmän}\n"
        "    short: {fi: Ryhmä, genitive: Ryhmän, illative: Ryhmään}\n",
    )
    code, out = check(records, text)
    assert code == 1
    assert (
        "decisions/2022/kp-2022-7.yaml:9:16: error: section 1 is marked generated (working-group/decision) but its "
        "text differs from what the data gives; run `govdocs draft regenerate kp-2022-7`, or delete 'generated' "
        "to keep your own text"
    ) in out.splitlines(), out


def test_the_number_taken_by_another_decision(records: Path) -> None:
    other = READY.replace("kp-2022-7", "kp-2022-7b").replace("id: testiryhma", "id: testiryhma-b")
    (records / "decisions" / "2022" / "kp-2022-7b.yaml").write_text(other, encoding="utf-8")
    code, out = check(records, READY)
    assert (code, out) == (
        1,
        (
            "decisions/2022/kp-2022-7.yaml:4:9: error: § 7 of 'kansliapaallikko' in 2022 is taken by 'kp-2022-7b' "
            "(decisions/2022/kp-2022-7b.yaml:4:9); `govdocs new` gives the next free one\n"
            "kp-2022-7: not ready to sign: 1 error(s), 0 warning(s)\n"
        ),
    )


DEPUTY = """\
id: kp-2022-7
maker: kansliapaallikko
date: 2022-01-05
number: 7
title: Sijaisen määrääminen
case: HEL 2022-000100
sections:
  - kind: decision
    body:
      - Kansliapäällikkö päätti, että lastenkodin johtajan sijaisina toimivat sijaantulojärjestyksessä.
      - Tämä päätös on voimassa 10.1.2022 alkaen toistaiseksi.
  - kind: grounds
    body: [Toimintasääntö.]
contacts:
  - name: Nina Vesterinen
appeal:
  route: muutoksenhakukielto
  law: Kuntalaki 136 §
drafting:
  kind: deputy-order
  values:
    office: lastenkodin johtajan
    deputies: vastaava ohjaaja
    valid_from: 11.1.2022
    replaces: kp-2021-18
    ofice: x
"""


def test_kind_inputs_are_checked(records: Path) -> None:
    code, out = check(records, DEPUTY)
    assert (code, out.splitlines()) == (
        1,
        [
            "decisions/2022/kp-2022-7.yaml:1:1: error: no signer: write signature: {name: ..., title: ...}",
            "decisions/2022/kp-2022-7.yaml:15:5: error: contact 'Nina Vesterinen' has no phone or e-mail; "
            "Hallintolaki 44 § requires contact details",
            "decisions/2022/kp-2022-7.yaml:23:15: error: 'deputies' should be a list",
            "decisions/2022/kp-2022-7.yaml:24:17: error: 'valid_from' is 11.1.2022 in the data, but the text does "
            "not say so",
            "decisions/2022/kp-2022-7.yaml:25:15: error: 'replaces' names 'kp-2021-18', which is not in this "
            "decision's references",
            "decisions/2022/kp-2022-7.yaml:26:5: error: kind 'deputy-order' has no input 'ofice'; did you mean 'office'?",
            "kp-2022-7: not ready to sign: 6 error(s), 0 warning(s)",
        ],
    )

"""`govdocs draft regenerate` rewrites the generated sections and nothing
else: comments, quoting, order, line endings and a byte-order mark stay;
the write is atomic and never goes through a symbolic link."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from govdocs.cli import cli
from tests.conftest import ROOT

FILE = "decisions/2022/kp-2022-7.yaml"

# As a secretary leaves it: the generated decision section is stale (its
# data has been written since `new`), the grounds are hand-written, with a
# comment and quoting of their own.
RECORD = """\
# yaml-language-server: $schema=../../docs/decision.schema.json
id: kp-2022-7
maker: kansliapaallikko
date: 2022-01-05
number: 7
title: "Sijaisen määrääminen lastenkodin johtajalle"
case: HEL 2022-000100
sections:
  - kind: decision
    generated: deputy-order/decision
    body:
      - 'TÄYTÄ: kirjoita tiedot ja aja govdocs draft regenerate.'
  # Hand-written grounds: the rule book section was checked on 4.1.2022.
  - kind: grounds
    body:
      - "Toimintasäännön 5 §:n mukaan kansliapäällikkö määrää sijaiset."   # quoted on purpose
      - 'Päätös  on  tarpeen.'
contacts:
  - {name: Nina Vesterinen, email: nina.vesterinen@hel.fi}   # flow style kept
signature: {name: Nina Vesterinen, title: kansliapäällikkö}
appeal:
  route: muutoksenhakukielto
  law: Kuntalaki 136 §
drafting:
  kind: deputy-order
  values:
    office: lastenkodin johtajan
    deputies: [vastaava ohjaaja (vakanssinumero 036931), ohjaaja]
    valid_from: 10.1.2022
"""

GENERATED = """\
      - 'Kansliapäällikkö päätti, että lastenkodin johtajan sijaisina toimivat sijaantulojärjestyksessä:'
      - list:
          - vastaava ohjaaja (vakanssinumero 036931)
          - ohjaaja
      - Tämä päätös on voimassa 10.1.2022 alkaen toistaiseksi.
"""

EXPECTED = RECORD.replace("      - 'TÄYTÄ: kirjoita tiedot ja aja govdocs draft regenerate.'\n", GENERATED)


@pytest.fixture
def records(records: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (records / "decisions" / "2022").mkdir(exist_ok=True)
    monkeypatch.chdir(records)
    return records


def _regenerate() -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["draft", "regenerate", "kp-2022-7"])
    return result.exit_code, result.output


def test_only_the_generated_section_changes(records: Path) -> None:
    (records / FILE).write_text(RECORD, encoding="utf-8")
    code, out = _regenerate()
    assert (code, out) == (0, f"{records / FILE}: sections rewritten: 1\n")
    assert (records / FILE).read_text(encoding="utf-8") == EXPECTED
    assert _regenerate() == (0, f"{records / FILE}: sections rewritten: none\n")


@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"])
def test_line_endings_and_byte_order_mark_are_kept(records: Path, bom: bytes) -> None:
    (records / FILE).write_bytes(bom + RECORD.replace("\n", "\r\n").encode("utf-8"))
    code, out = _regenerate()
    assert code == 0, out
    assert (records / FILE).read_bytes() == bom + EXPECTED.replace("\n", "\r\n").encode("utf-8")


INDENTLESS = """\
id: kp-2022-7
maker: kansliapaallikko
date: 2022-01-05
number: 7
title: Sijaisen määrääminen lastenkodin johtajalle
case: HEL 2022-000100
contacts:
- {name: Nina Vesterinen, email: nina.vesterinen@hel.fi}
signature: {name: Nina Vesterinen, title: kansliapäällikkö}
appeal: {route: muutoksenhakukielto, law: Kuntalaki 136 §}
drafting:
  kind: deputy-order
  values: {office: lastenkodin johtajan, deputies: [ohjaaja], valid_from: 10.1.2022}
sections:
- kind: grounds  # written by hand
  body: ['Toimintasäännön 5 §.']

# the generated one comes last
- kind: decision
  generated: deputy-order/decision
  body: [vanha]
"""


def test_a_generated_section_at_the_end_of_an_indentless_file(records: Path) -> None:
    (records / FILE).write_text(INDENTLESS, encoding="utf-8")
    code, out = _regenerate()
    assert code == 0, out
    assert (records / FILE).read_text(encoding="utf-8") == INDENTLESS.replace(
        "  body: [vanha]\n",
        "  body:\n"
        "  - 'Kansliapäällikkö päätti, että lastenkodin johtajan sijaisina toimivat sijaantulojärjestyksessä:'\n"
        "  - list:\n"
        "    - ohjaaja\n"
        "  - Tämä päätös on voimassa 10.1.2022 alkaen toistaiseksi.\n",
    )


def test_a_symlinked_record_is_not_written_through(records: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside.yaml"
    outside.write_text(RECORD, encoding="utf-8")
    os.symlink(outside, records / FILE)
    code, out = _regenerate()
    assert code == 1
    assert out.splitlines()[0] == (  # refused when read, before regenerate could write
        f"{FILE}: error: a symbolic link; records are read only from plain files in the repository, never "
        "through a link (it could point at any file on the machine): replace the link with the file or folder "
        "itself"
    )
    assert outside.read_text(encoding="utf-8") == RECORD
    assert (records / FILE).is_symlink()


def test_a_failed_write_leaves_the_record_whole(records: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (records / FILE).write_text(RECORD, encoding="utf-8")

    def full_disk(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full_disk)
    result = CliRunner().invoke(cli, ["draft", "regenerate", "kp-2022-7"])
    assert result.exit_code != 0
    assert (records / FILE).read_text(encoding="utf-8") == RECORD
    year = records / "decisions" / "2022"
    assert [p.name for p in year.iterdir() if not (ROOT / "decisions" / "2022" / p.name).exists()] == [
        "kp-2022-7.yaml"
    ]

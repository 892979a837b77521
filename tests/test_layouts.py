"""Layout profiles as data: a municipality names its profile in its
registry; a repository can add its own in layouts/<name>.yaml without
touching code; a bad profile is a located error; the builders follow the
profile's parts, header and § mark. And the running header's columns are
aligned at their first line."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from typing import Any

import pytest

import govdocs
from govdocs.document.model import Document, Metadata, Paragraph, RunningHeader
from govdocs.read.layouts import SHIPPED_LAYOUTS, load_layout
from govdocs.render import build, document_bytes
from govdocs.writers import write
from tests.render_helpers import ROOT
from tests.test_municipalities import HOME, TURKU, decision
from tests.test_municipalities import write as write_repo


@pytest.fixture(autouse=True)
def _in_repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # messages name files relative to the current folder


def _turku(layout: str) -> dict[str, Any]:
    return {**TURKU, "municipality": {**TURKU["municipality"], "layout": layout}}


OWN = """\
header:
  left: [municipality]
  right: [date]
  page: false
mark:
  body: "{number} §"
  office_holder: "{number} §"
date: padded
parts: [case, mark, title, sections]
"""


def _text(repo: Any, rid: str) -> list[str]:
    return document_bytes(build(repo, rid), "txt").decode("utf-8").splitlines()


@pytest.mark.parametrize("path", sorted(SHIPPED_LAYOUTS.glob("*.yaml")), ids=lambda p: p.stem)
def test_every_shipped_profile_validates(path: Path) -> None:
    layout, problems = load_layout(path)
    assert problems == [] and layout is not None


def test_every_part_has_its_builder() -> None:
    from govdocs.document.decision import _PARTS
    from govdocs.document.meeting import _AGENDA_PARTS
    from govdocs.model.layout import AGENDA_PARTS, Part

    assert set(_PARTS) == set(Part)
    assert set(_AGENDA_PARTS) == set(AGENDA_PARTS)


def test_a_repository_adds_its_own_profile_without_code(tmp_path: Path) -> None:
    root = write_repo(tmp_path, HOME, {"turku": _turku("oma")},
                      decision("kh-2017-1", "kaupunginhallitus", "HEL 2017-000001"),
                      decision("turku-kh-2017-195", "turku-kaupunginhallitus", "5024-2017 (010)"))
    (root / "layouts").mkdir()
    (root / "layouts" / "oma.yaml").write_text(OWN, encoding="utf-8")
    repo = govdocs.validate(root)
    assert [p.format() for p in repo.errors] == []
    assert _text(repo, "turku-kh-2017-195")[:7] == [
        "Turun kaupunki", "02.05.2017", "", "5024-2017 (010)", "195 §", "", "Asia"]
    # the home municipality keeps Helsinki's shipped profile
    assert _text(repo, "kh-2017-1")[:8] == [
        "Helsingin kaupunki", "Kaupunginhallitus", "Pöytäkirja", "2.5.2017", "", "§ 195", "", "Asia"]


def test_a_repositorys_own_profile_overrides_a_shipped_one_of_the_same_name(tmp_path: Path) -> None:
    root = write_repo(tmp_path, HOME, {"turku": TURKU},
                      decision("kh-2017-1", "kaupunginhallitus", "HEL 2017-000001"))
    (root / "layouts").mkdir()
    (root / "layouts" / "helsinki.yaml").write_text(OWN, encoding="utf-8")
    repo = govdocs.validate(root)
    assert [p.format() for p in repo.errors] == []
    assert _text(repo, "kh-2017-1")[:5] == ["Helsingin kaupunki", "02.05.2017", "", "HEL 2017-000001", "195 §"]


def test_an_unknown_profile_is_an_error_at_the_registry(tmp_path: Path) -> None:
    repo = govdocs.validate(write_repo(tmp_path, HOME, {"turku": _turku("helsinkki")}))
    (problem,) = repo.errors
    assert problem.code == "unknown-layout"
    assert problem.format().startswith("registries/turku.yaml:")
    assert "no layout profile 'helsinkki': neither layouts/helsinkki.yaml nor a shipped one" in problem.message
    assert "did you mean 'helsinki'?" in problem.message


@pytest.mark.parametrize(("text", "where", "said"), [
    (OWN.replace("[case, mark, title, sections]", "[case, mark, case]"), "9:8",
     "part 'case' is listed twice"),
    (OWN.replace('"{number} §"\n  office', '"{nro} §"\n  office'), "6:9", "a mark uses {number}"),
    (OWN.replace('"{number} §"\n  office', '"{number:>999999999} §"\n  office'), "6:9", "wide"),
    (OWN.replace("[case, mark, title, sections]", "[case, heading]"), "9:15", "'heading'"),
    (OWN.replace("date: padded", "date: long"), "8:7", "'long'"),
    (OWN + "footer: true\n", "10:1", "unknown key 'footer'"),
    ("- header\n", "1:1", "must be a mapping"),
    (OWN + "labels:\n  fi:\n    liitteet: Liitteet\n", "12:5", "'liitteet' is not a text label of templates/labels/fi.yaml"),
    (OWN + "labels:\n  fi:\n    sections: Osat\n", "12:5", "'sections' is not a text label"),
    (OWN + "labels:\n  en:\n    attachments: Attachments\n", "11:3", "no label set for language 'en'"),
    (OWN.replace("[case, mark, title, sections]", "[title, handlings]"), "9:16", "needs the table"),
    (OWN + "handling_parts: [sections, history]\n", "10:17", "cannot hold 'history'"),
    (OWN + "agenda_parts: [title, handlings]\n", "10:15", "an agenda item has no part 'handlings'"),
    (OWN + "agenda_parts: [title, title]\n", "10:15", "part 'title' is listed twice"),
    (OWN + "earlier_handling: ['{maker} {pvm}']\n", "10:19", "may use {maker}, {number} and {date}"),
    (OWN + "split_before: [selostus]\n", "10:16", "'selostus'"),
    (OWN + "task_code_line: joo\n", "10:17", "expected true or false"),
])
def test_a_bad_profile_is_a_located_error(tmp_path: Path, text: str, where: str, said: str) -> None:
    root = write_repo(tmp_path, HOME, {"turku": _turku("oma")})
    (root / "layouts").mkdir()
    (root / "layouts" / "oma.yaml").write_text(text, encoding="utf-8")
    messages = [p.format() for p in govdocs.validate(root).errors]
    assert len(messages) == 1, messages
    assert messages[0].startswith(f"layouts/oma.yaml:{where}: error:"), messages
    assert said in messages[0]


def test_the_check_command_refuses_a_bad_profile_with_an_exit_code(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from govdocs.cli import cli

    root = write_repo(tmp_path, HOME, {"turku": _turku("oma")})
    (root / "layouts").mkdir()
    (root / "layouts" / "oma.yaml").write_text("header: [\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["validate", "-C", str(root)])
    assert result.exit_code != 0 and "Traceback" not in result.output
    assert "layouts/oma.yaml:" in result.output


def test_a_profile_words_its_own_labels(tmp_path: Path) -> None:
    own = OWN.replace("[case, mark, title, sections]", "[mark, title, sections, attachments]") + (
        "labels:\n  fi:\n    attachments: 'Liitteet:'\n    attachment_line: 'Liite {number}: {title}'\n"
        "    sections: {decision: ''}\n")
    record = decision("turku-kh-2017-195", "turku-kaupunginhallitus", "5024-2017 (010)",
                      attachments=[{"number": 1, "title": "Kartta"}])
    root = write_repo(tmp_path, HOME, {"turku": _turku("oma")}, record)
    (root / "layouts").mkdir()
    (root / "layouts" / "oma.yaml").write_text(own, encoding="utf-8")
    repo = govdocs.validate(root)
    assert [p.format() for p in repo.errors] == []
    lines = _text(repo, "turku-kh-2017-195")
    assert lines[-4:] == ["Kaupunginhallitus päätti merkitä asian tiedoksi.", "", "Liitteet:", "Liite 1: Kartta"]
    assert "Päätös" not in lines


def test_espoos_options_serve_another_municipalitys_profile(tmp_path: Path) -> None:
    """The options Espoo's profile uses are data any profile can use: here
    Turku's own with the item header, the file index, the task code on its
    own line, the earlier handling's lines, the presenter on the proposal's
    line and the empty Tiedoksi."""
    own = OWN.replace("[case, mark, title, sections]", "[item_header, attachment_index, case, earlier_handlings, "
                      "mark, title, contacts, sections, distribution]") + (
        "task_code_line: true\npresenter_in_proposal: true\nempty_for_information: true\n"
        "earlier_handling: ['{maker} {date} § {number}']\n"
        "labels:\n  fi:\n    item_header: '{document_type} {date}, {number} §'\n")
    record = decision("turku-kh-2017-195", "turku-kaupunginhallitus", "5024-2017 (010)", task_code="10 02 03",
                      attachments=[{"number": 1, "title": "Kartta"}],
                      presenter={"title": "Kaupunginjohtaja", "name": "Aleksi Randell"},
                      history=[{"maker": "turku-kaupunginhallitus", "date": "2017-04-10", "number": 105}],
                      sections=[{"kind": "proposal", "body": ["Kaupunginhallitus päättää merkitä asian tiedoksi."]},
                                {"kind": "decision", "body": ["Kaupunginhallitus päätti merkitä asian tiedoksi."]}])
    root = write_repo(tmp_path, HOME, {"turku": _turku("oma")}, record)
    (root / "layouts").mkdir()
    (root / "layouts" / "oma.yaml").write_text(own, encoding="utf-8")
    repo = govdocs.validate(root)
    assert [p.format() for p in repo.errors] == []
    lines = [line for line in _text(repo, "turku-kh-2017-195") if line]
    assert lines[2:12] == ["Kaupunginhallitus", "Pöytäkirja 02.05.2017, 195 §", "Liitteet", "Kartta",
                           "5024-2017 (010)", "10 02 03", "Kaupunginhallitus 10.4.2017 § 105", "195 §", "Asia",
                           "Päätösehdotus Kaupunginjohtaja Aleksi Randell"]
    assert lines[-1] == "Tiedoksi" and "Esittelijä" not in lines


# --- the running header ------------------------------------------------------------

def _first_line_tops(pdf: bytes, tmp_path: Path) -> tuple[float, float]:
    """The top of the first word of each header column on page 1."""
    path = tmp_path / "doc.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdftotext", "-f", "1", "-l", "1", "-bbox", str(path), "-"],
                         capture_output=True, check=True).stdout.decode("utf-8")
    words = [(float(x), float(y)) for x, y in re.findall(r'xMin="([\d.]+)" yMin="([\d.]+)"', out)]
    header = [w for w in words if w[1] < 88]  # above the page body (32 mm)
    left = min((w for w in header if w[0] < 300), key=lambda w: w[1])
    right = min((w for w in header if w[0] >= 300), key=lambda w: w[1])
    return left[1], right[1]


def test_the_header_columns_share_their_first_line_when_a_date_is_stated(tmp_path: Path) -> None:
    repo = govdocs.load(ROOT)
    doc = build(repo, "kylk-2021-659")
    assert len(doc.header.left) == 2 and len(doc.header.right) == 2  # and the page: three lines
    left, right = _first_line_tops(document_bytes(doc, "pdf"), tmp_path)
    assert left == pytest.approx(right, abs=0.5)


def test_a_longer_left_column_pads_the_right_one(tmp_path: Path) -> None:
    header = RunningHeader(left=("Turun kaupunki", "Konsernihallinto", "Hallintopalvelut"), right=("Päätös",))
    doc = Document(Metadata(title="t"), (Paragraph("x"),), header=header)
    left, right = _first_line_tops(write(doc, "pdf"), tmp_path)
    assert left == pytest.approx(right, abs=0.5)


def test_the_docx_header_rows_pair_the_columns_top_down(tmp_path: Path) -> None:
    import docx

    repo = govdocs.load(ROOT)
    path = tmp_path / "doc.docx"
    path.write_bytes(document_bytes(build(repo, "kylk-2021-659"), "docx"))
    rows = [p.text for p in docx.Document(str(path)).sections[0].header.paragraphs]
    assert rows == ["Helsingin kaupunki\tPöytäkirja", "Kaupunkiympäristölautakunta\t30.11.2021", "\t1 (1)"]

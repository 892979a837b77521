"""A meeting's agenda, minutes and extracts: laid out from the meeting and
its decisions, in every format, the public copy masked, built
incrementally. A small kunnanhallitus meeting (tests/builders.py): three
decisions, a deputy standing in, an absence, an arrival and a departure."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import lxml.html
import pytest
import yaml
from click.testing import CliRunner

import govdocs
from govdocs.build import build
from govdocs.cli import cli
from govdocs.problems import RecordsInvalid
from govdocs.render import FORMATS, render, render_meeting
from govdocs.repository import Repository
from tests import builders
from tests.builders import MEETING_ID, MEETING_TEXTS
from tests.render_helpers import extract, missing_in_order, squash

MEETING_FILE = f"decisions/2024/{MEETING_ID}.yaml"
STEMS = {
    "agenda": f"{MEETING_ID}-esityslista",
    "minutes": f"{MEETING_ID}-poytakirja",
    "extract": "hallitus-2024-11-ote",
}
EXTENSIONS = {"html": ".html", "pdf": ".pdf", "docx": ".docx", "txt": ".txt"}


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def edit(root: Path, relative: str, change: Any) -> None:
    path = root / relative
    record = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(record)
    path.write_text(yaml.safe_dump(record, allow_unicode=True, sort_keys=False), encoding="utf-8")


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return builders.write_meeting_repo(tmp_path_factory.mktemp("meeting"))


@pytest.fixture(scope="module")
def repo(root: Path) -> Repository:
    return govdocs.load(root)


@pytest.fixture(scope="module")
def rendered(repo: Repository, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("rendered")
    for public in (False, True):
        render_meeting(repo, MEETING_ID, FORMATS, out, kinds=("agenda", "minutes", "extract"), public=public)
    return out


def body_text(path: Path) -> str:
    """A document's text without its running header (the PDF crop and the
    DOCX page header leave it out already)."""
    if path.suffix == ".txt":
        return "\n".join(path.read_text(encoding="utf-8").split("\n\n", 1)[1:])
    if path.suffix == ".html":
        return "\n".join(lxml.html.fromstring(path.read_bytes()).find(".//main").itertext())
    return extract(path)


def text(rendered: Path, kind: str, fmt: str = "txt", public: bool = False) -> str:
    stem = STEMS[kind] + ("-julkinen" if public else "")
    return extract(rendered / f"{stem}{EXTENSIONS[fmt]}")


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_minutes_hold_every_item_text_in_order_in_every_format(rendered: Path, fmt: str) -> None:
    paragraphs = [squash(MEETING_TEXTS[n]) for n in sorted(MEETING_TEXTS)]
    assert missing_in_order(paragraphs, text(rendered, "minutes", fmt)) is None


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_minutes_hold_each_item_as_its_decision_document_gives_it(
    repo: Repository, rendered: Path, tmp_path: Path, fmt: str
) -> None:
    minutes = text(rendered, "minutes", fmt)
    for decision_id in builders.MEETING_DECISIONS:
        [path] = render(repo, decision_id, [fmt], tmp_path)
        assert squash(body_text(path)) in squash(minutes), decision_id


def test_each_item_keeps_its_appeal_instructions(rendered: Path) -> None:
    minutes = text(rendered, "minutes")
    assert minutes.count("Muutoksenhaku\n") == 3
    assert minutes.count("OHJEET OIKAISUVAATIMUKSEN TEKEMISEKSI") == 2
    assert minutes.count("MUUTOKSENHAKUKIELTO") == 1


def test_the_cover_and_attendance_come_from_the_facts(rendered: Path) -> None:
    lines = text(rendered, "minutes").splitlines()
    assert lines[:4] == ["Testilän kunta", "Kunnanhallitus", "Pöytäkirja", "4.3.2024"]
    cover = lines[lines.index("Pöytäkirja 3/2024") : lines.index("§ 10")]
    assert cover == [
        "Pöytäkirja 3/2024",
        "Kokousaika: 4.3.2024 klo 16.00–18.30",
        "Tauot: 17.10–17.25",
        "Kokouspaikka: Kunnantalo, valtuustosali",
        "",
        "Läsnä",
        "",
        "Jäsenet",
        "Anna Aalto, puheenjohtaja",
        "Bertta Berg, poistui § 11 jälkeen",
        "Cecilia Carlsson",
        "Fanni Forsman, saapui klo 16.40, § 11",
        "",
        "Varajäsenet",
        "Daniel Dahl, tilalle Gustav Grön",
        "",
        "Muut",
        "Kaisa Kunnari, kunnanjohtaja",
        "Sanna Saari, hallintosihteeri",
        "",
        "Poissa",
        "Daniel Dahl, esteilmoitus",
        "Eero Eskola",
    ]


def test_a_changed_fact_changes_the_attendance(tmp_path: Path) -> None:
    root = builders.write_meeting_repo(tmp_path / "records")

    def excuse_eero(record: dict[str, Any]) -> None:
        eero = next(p for p in record["attendance"] if p["name"] == "Eero Eskola")
        eero["attendance"] = "excused"
        record["attendance"].append({"name": "Heikki Hall", "role": "deputy", "stands_in_for": "Eero Eskola"})

    edit(root, MEETING_FILE, excuse_eero)
    [path] = render_meeting(govdocs.load(root), MEETING_ID, ["txt"], tmp_path, kinds=("minutes",))
    lines = path.read_text(encoding="utf-8").splitlines()
    assert "Eero Eskola, tilalle Heikki Hall" in lines
    assert "Eero Eskola, esteilmoitus" in lines
    assert "Eero Eskola" not in lines


def test_the_signers_checkers_and_display_day_close_the_minutes(rendered: Path) -> None:
    lines = text(rendered, "minutes").splitlines()
    assert lines[lines.index("Allekirjoitukset") :] == [
        "Allekirjoitukset",
        "Anna Aalto",
        "puheenjohtaja",
        "Sanna Saari",
        "pöytäkirjanpitäjä",
        "",
        "Pöytäkirjan tarkastus",
        "Bertta Berg, tarkastettu 6.3.2024",
        "Cecilia Carlsson, tarkastettu 7.3.2024",
        "Pöytäkirja on pidetty yleisesti nähtävänä yleisessä tietoverkossa 11.3.2024.",
    ]


def test_the_agenda_gives_each_proposal_or_says_there_is_none(rendered: Path) -> None:
    agenda = text(rendered, "agenda")
    lines = agenda.splitlines()
    assert [line for line in lines if line.startswith("§ ")] == ["§ 10", "§ 11", "§ 12"]
    assert "Kunnanhallitus myöntää Matti Virtaselle 500 euron avustuksen kotiseututyöhön." in lines
    assert lines.count("Päätösehdotusta ei ole esityslistassa.") == 2
    assert lines.count("Esittelijä") == 3 and lines.count("Lisätiedot") == 3
    assert MEETING_TEXTS[10] not in agenda  # the decision is the minutes', not the agenda's


def test_the_extract_names_its_recipient_and_keeps_the_appeal(
    rendered: Path, repo: Repository, tmp_path: Path
) -> None:
    lines = text(rendered, "extract").splitlines()
    assert lines[2] == "Pöytäkirjanote"
    assert lines[lines.index("Otteen saaja") + 1] == "Hakija"
    assert MEETING_TEXTS[11] in lines and "OHJEET OIKAISUVAATIMUKSEN TEKEMISEKSI" in lines
    [path] = render_meeting(repo, "hallitus-2024-11", ["txt"], tmp_path, recipient="Maakuntaliitto")
    addressed = path.read_text(encoding="utf-8").splitlines()
    assert path.name == "hallitus-2024-11-ote.txt"
    assert addressed[addressed.index("Otteen saaja") + 1] == "Maakuntaliitto"


@pytest.mark.parametrize("kind", sorted(STEMS))
@pytest.mark.parametrize("fmt", ["txt", "html", "pdf", "docx"])
def test_the_public_copies_hide_personal_data(rendered: Path, kind: str, fmt: str) -> None:
    record, public = text(rendered, kind, fmt), text(rendered, kind, fmt, public=True)
    record, public = squash(record), squash(public)  # soft hyphens and line breaks
    assert "Virtaselle" in record
    assert "Virtaselle" not in public and "Virtanen" not in public
    assert "*****" in public
    if kind == "minutes":
        assert "BerttaBerg" in public  # members act in office: their names stay


def test_a_secret_item_is_a_mention_in_the_public_copies(tmp_path: Path) -> None:
    root = builders.write_meeting_repo(tmp_path / "records")
    basis = "JulkL (621/1999) 24.1 § 25 k"
    edit(
        root,
        "decisions/2024/hallitus-2024-12.yaml",
        lambda r: r.update(publicity={"class": "salassa-pidettava", "basis": basis}),
    )
    repo = govdocs.load(root)
    out = tmp_path / "out"
    render_meeting(repo, MEETING_ID, ["txt"], out, public=True)
    render_meeting(repo, MEETING_ID, ["txt"], out)
    for stem in (STEMS["agenda"], STEMS["minutes"]):
        public = (out / f"{stem}-julkinen.txt").read_text(encoding="utf-8")
        assert f"Salassa pidettävä, {basis}" in public
        assert "Lausunto liikennesuunnitelmasta" not in public and "maakuntaliitolle" not in public
        assert "Lausunto liikennesuunnitelmasta" in (out / f"{stem}.txt").read_text(encoding="utf-8")


SWEDISH = builders.MEETING_TEXTS_SV


def test_swedish_minutes_use_the_swedish_labels(tmp_path: Path) -> None:
    records = builders.swedish_meeting_records()
    repo = govdocs.load(builders.write_repo(tmp_path / "sv", *records, registry=builders.swedish_meeting_registry()))
    [path] = render_meeting(repo, MEETING_ID, ["txt"], tmp_path, kinds=("minutes",), lang="sv")
    lines = path.read_text(encoding="utf-8").splitlines()
    assert (
        "Protokoll 3/2024" in lines
        and "Närvarande" in lines
        and "Daniel Dahl, ersättare Gustav Grön" in lines
    )
    assert [line for line in lines if line in SWEDISH.values()] == list(SWEDISH.values())
    assert "Sammanträdesplats: Kommungården, fullmäktigesalen" in lines
    assert "Sanna Saari, förvaltningssekreterare" in lines
    assert "FÖRBUD MOT SÖKANDE AV ÄNDRING" in lines and "MUUTOKSENHAKUKIELTO" not in lines
    [agenda] = render_meeting(repo, MEETING_ID, ["txt"], tmp_path, kinds=("agenda",), lang="sv")
    shown = agenda.read_text(encoding="utf-8").splitlines()
    assert "Föredragningslista 3/2024" in shown
    assert "Kommunstyrelsen beviljar Matti Virtanen ett understöd på 500 euro." in shown
    assert not any("Kunnanhallitus" in line for line in shown)
    assert not any(text in lines for text in MEETING_TEXTS.values())


def test_swedish_minutes_refuse_an_appeal_route_without_a_swedish_text(tmp_path: Path) -> None:
    records = builders.swedish_meeting_records()
    records[1]["appeal"] = {"route": "oikaisuvaatimus", "authority": "hallitus"}
    repo = govdocs.load(builders.write_repo(tmp_path / "sv", *records, registry=builders.swedish_meeting_registry()))
    with pytest.raises(RecordsInvalid) as caught:
        render_meeting(repo, MEETING_ID, ["txt"], tmp_path / "out", kinds=("minutes",), lang="sv")
    assert [(p.code, p.message.split(" (")[0]) for p in caught.value.problems] == [
        ("appeal-language", "there is no Swedish 'oikaisuvaatimus' appeal text")]
    assert Path(caught.value.problems[0].file).stem == "hallitus-2024-11"
    assert not (tmp_path / "out").exists()


def test_swedish_minutes_of_finnish_decisions_are_refused(repo: Repository, tmp_path: Path) -> None:
    with pytest.raises(RecordsInvalid) as refused:
        render_meeting(repo, MEETING_ID, ["txt"], tmp_path, kinds=("minutes",), lang="sv")
    # every gap at once, each in its own record: the meeting's place, proposal
    # and titles, and each item's missing Swedish version
    problems = refused.value.problems
    assert {p.code for p in problems} == {"swedish-missing"}
    assert [Path(p.file).stem for p in problems] == (
        [MEETING_ID] * 4 + ["registry"] * 2 + list(builders.MEETING_DECISIONS)
    )
    assert [p.message.split("'")[1] for p in problems[:5]] == ["place", "title", "title", "proposal", "hallitus"]
    assert problems[5].message.startswith("the municipality has no Swedish name")
    assert list(tmp_path.iterdir()) == []


# --- the build ------------------------------------------------------------------------


def built(root: Path, out: Path, **options: Any) -> list[str]:
    result = build(
        root,
        out,
        formats=["txt"],
        reports=False,
        jobs=1,
        cache_dir=out.with_name(f"{out.name}-cache"),
        **options,
    )
    return sorted(result.built)


def test_the_build_renders_the_meeting_documents_and_lists_them(tmp_path: Path) -> None:
    root = builders.write_meeting_repo(tmp_path / "records")
    out = tmp_path / "site"
    assert built(root, out) == sorted(
        [f"{d}.txt" for d in builders.MEETING_DECISIONS] + [f"{s}.txt" for s in STEMS.values()]
    )
    manifest = govdocs.build.read_manifest(out)
    assert manifest is not None
    minutes = manifest.outputs[f"{STEMS['minutes']}.txt"]
    assert (minutes.id, minutes.source) == (STEMS["minutes"], MEETING_FILE)
    [alone] = render_meeting(govdocs.load(root), MEETING_ID, ["txt"], tmp_path / "cli", kinds=("minutes",))
    assert (
        out / f"{STEMS['minutes']}.txt"
    ).read_bytes() == alone.read_bytes()  # the build writes what the command does


def test_one_changed_decision_renders_only_it_and_its_meetings_documents(tmp_path: Path) -> None:
    root = builders.write_meeting_repo(tmp_path / "records")
    members = builders.meeting_registry()["decision_makers"][1]["members"]
    other = builders.meeting_decision(
        13,
        "Toinen kokous",
        "Kunnanhallitus merkitsi katsauksen tiedoksi.",
        meeting="hallitus-2024-4",
        date="2024-04-08",
    )
    second = {
        "record": "meeting",
        "id": "hallitus-2024-4",
        "body": "hallitus",
        "number": 4,
        "date": "2024-04-08",
        "attendance": [{"name": m["name"], "role": m.get("role", "member")} for m in members[:6]],
        "agenda": [{"number": 1, "section": 13, "decision": "hallitus-2024-13"}],
    }
    builders.write_repo(root, other, second, registry=builders.meeting_registry())
    out = tmp_path / "site"
    first = built(root, out)
    assert "hallitus-2024-4-poytakirja.txt" in first and "hallitus-2024-4-esityslista.txt" in first
    assert built(root, out) == []
    edit(
        root,
        "decisions/2024/hallitus-2024-12.yaml",
        lambda r: r["sections"][0].update(body=["Kunnanhallitus antoi lausunnon."]),
    )
    assert built(root, out) == ["hallitus-2024-12.txt", f"{STEMS['agenda']}.txt", f"{STEMS['minutes']}.txt"]
    assert "Kunnanhallitus antoi lausunnon." in (out / f"{STEMS['minutes']}.txt").read_text(encoding="utf-8")
    edit(root, MEETING_FILE, lambda r: r.update(place="Kunnantalo, kokoushuone"))
    again = built(root, out)  # its decisions name it, so they count it among what they cite
    assert again == sorted(
        [*(f"{d}.txt" for d in builders.MEETING_DECISIONS), *(f"{s}.txt" for s in STEMS.values())]
    )


def test_shards_split_the_meeting_documents_between_them(tmp_path: Path) -> None:
    root = builders.write_meeting_repo(tmp_path / "records")
    whole = built(root, tmp_path / "whole")
    parts = [built(root, tmp_path / f"part-{i}", shard=govdocs.build.Shard(i, 3)) for i in (1, 2, 3)]
    assert sorted(name for part in parts for name in part) == whole


# --- the command ----------------------------------------------------------------------


def test_the_command_writes_agenda_and_minutes(root: Path, tmp_path: Path) -> None:
    code, out, _ = run(
        "meeting", "render", MEETING_ID, "-C", str(root), "--format", "txt", "--out", str(tmp_path)
    )
    assert code == 0
    assert out.splitlines() == [
        f"wrote {tmp_path}/{STEMS['agenda']}.txt",
        f"wrote {tmp_path}/{STEMS['minutes']}.txt",
    ]


def test_an_unknown_meeting_is_a_usage_error_with_a_suggestion(root: Path, tmp_path: Path) -> None:
    code, _, err = run("meeting", "render", "hallitus-2024-33", "-C", str(root), "--out", str(tmp_path))
    assert code == 2
    assert "no meeting or item 'hallitus-2024-33'; did you mean 'hallitus-2024-3'?" in err
    assert not list(tmp_path.iterdir())


def test_a_meeting_with_an_error_renders_nothing(tmp_path: Path) -> None:
    root = builders.write_meeting_repo(tmp_path / "records")
    edit(root, MEETING_FILE, lambda r: r["attendance"][0].update(role="chairman"))
    out = tmp_path / "out"
    code, stdout, err = run("meeting", "render", MEETING_ID, "-C", str(root), "--out", str(out))
    assert code == 1
    assert f"{MEETING_FILE}:" in stdout + err and "nothing done" in err
    assert not out.exists()


def test_a_meetings_extracts_are_those_of_items_with_recipients(root: Path, tmp_path: Path) -> None:
    code, out, _ = run(
        "meeting",
        "render",
        MEETING_ID,
        "--kind",
        "extract",
        "-C",
        str(root),
        "--format",
        "txt",
        "--out",
        str(tmp_path),
    )
    assert (code, out) == (0, f"wrote {tmp_path}/{STEMS['extract']}.txt\n")


def test_a_decision_has_only_an_extract(root: Path, tmp_path: Path) -> None:
    code, _, err = run("meeting", "render", "hallitus-2024-11", "--kind", "minutes", "-C", str(root))
    assert code == 2
    assert "'hallitus-2024-11' is a decision: its document is its extract (--kind extract)" in err


def test_public_copies_are_refused_when_an_item_shows_unmarked_personal_data(tmp_path: Path) -> None:
    root = builders.write_meeting_repo(tmp_path / "records")
    edit(
        root,
        "decisions/2024/hallitus-2024-12.yaml",
        lambda r: r["sections"].append(
            {"kind": "grounds", "body": ["Hakijan henkilötunnus on 131052-308T."]}
        ),
    )
    repo = govdocs.load(root)
    with pytest.raises(RecordsInvalid) as caught:
        render_meeting(repo, MEETING_ID, ["txt"], tmp_path / "out", public=True)
    assert any(p.file.endswith("hallitus-2024-12.yaml") and p.is_error for p in caught.value.problems)
    assert not (tmp_path / "out").exists()
    assert len(render_meeting(repo, MEETING_ID, ["txt"], tmp_path / "out")) == 2  # the record copies are fine

"""`render --public` and `build --public` refuse, located and before
writing anything, a decision whose public copy would show personal data
that is not marked: a henkilötunnus, a personal e-mail address, a phone
number (issue "foundations", item 9). `check` uses the same rule."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from govdocs.cli import cli
from tests import builders

FILE = "decisions/2016/kj-2016-1.yaml"
LEAKY = "Hakija Maija Virtanen (010190-123M, maija.virtanen@example.com, 040 123 4567) haki avustusta."


def _records(tmp_path: Path, **changes: object) -> Path:
    record = builders.decision(
        sections=[
            {"kind": "decision", "body": [builders.TEXT, LEAKY]},
            {"kind": "grounds", "body": ["Perustelut ovat tässä."]},
        ],
        **changes,
    )
    return builders.write_repo(tmp_path / "records", record)


def _run(root: Path, monkeypatch: pytest.MonkeyPatch, *args: str) -> tuple[int, str, str]:
    monkeypatch.chdir(root)
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


LINE = 12  # the leaky paragraph, as yaml.safe_dump writes the record

EXPECTED = [
    f"{FILE}:{LINE}:{col}: error: {what} would be published in the public copy; list it under personal_data "
    "so the web copy hides it, or remove it"
    for col, what in (
        (28, "henkilötunnus '010190-123M'"),
        (41, "e-mail 'maija.virtanen@example.com'"),
        (69, "phone '040 123 4567'"),
    )
]


def test_the_leak_is_where_the_expected_columns_say(tmp_path: Path) -> None:
    root = _records(tmp_path)
    line = (root / FILE).read_text(encoding="utf-8").splitlines()[LINE - 1]
    assert [line.find(v) + 1 for v in ("010190-123M", "maija.virtanen@", "040 123")] == [28, 41, 69]


def test_render_public_refuses_and_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = _records(tmp_path)
    code, out, err = _run(
        root, monkeypatch, "render", "kj-2016-1", "--public", "--format", "txt", "--out", "web"
    )
    assert (code, out.splitlines(), err) == (1, EXPECTED, "3 error(s): nothing rendered\n")
    assert not (root / "web").exists()


def test_the_complete_copy_is_not_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = _records(tmp_path)
    code, out, _ = _run(root, monkeypatch, "render", "kj-2016-1", "--format", "txt", "--out", "full")
    assert code == 0, out
    assert "010190-123M" in (root / "full" / "kj-2016-1.txt").read_text(encoding="utf-8")


def test_build_public_refuses_and_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = _records(tmp_path)
    code, out, err = _run(
        root,
        monkeypatch,
        "build",
        "--public",
        "--formats",
        "txt",
        "--out",
        "web",
        "--no-reports",
        "--cache-dir",
        str(tmp_path / "cache"),
    )
    assert code == 1
    assert [line for line in out.splitlines() if "error" in line] == EXPECTED
    assert err.splitlines()[-1] == "Error: 3 error(s), 0 warning(s) in the records; nothing done"
    assert not (root / "web").exists()


def test_marked_data_is_published_masked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    marked = ["Maija Virtanen", "010190-123M", "maija.virtanen@example.com", "040 123 4567"]
    root = _records(tmp_path, personal_data=marked)
    code, out, _ = _run(
        root, monkeypatch, "render", "kj-2016-1", "--public", "--format", "txt", "--out", "web"
    )
    assert code == 0, out
    text = (root / "web" / "kj-2016-1-julkinen.txt").read_text(encoding="utf-8")
    assert "Hakija ***** (*****, *****, *****) haki avustusta." in " ".join(text.split())


def test_check_catches_a_henkilotunnus_with_a_wrong_check_character(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    record = builders.decision(
        sections=[
            {"kind": "decision", "body": [builders.TEXT, "Hakijan tunnus on 131052-308U."]},
            {"kind": "grounds", "body": ["Perustelut ovat tässä."]},
        ],
        signature={"name": "Maija Meikäläinen", "title": "johtaja"},
    )
    root = builders.write_repo(tmp_path / "records", record)
    code, out, _ = _run(root, monkeypatch, "check", "kj-2016-1")
    assert code == 1
    assert (
        f"{FILE}:12:23: error: henkilötunnus '131052-308U' (its check character or date is wrong, but it has "
        "the shape) would be published in the public copy; list it under personal_data so the web copy hides "
        "it, or remove it"
    ) in out.splitlines(), out


def test_officials_contact_addresses_are_not_personal_data(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    contact = {
        "name": "Maija Meikäläinen",
        "title": "suunnittelija",
        "phone": "09 310 12345",
        "email": "maija.meikalainen@hel.fi",
    }
    record = builders.decision(
        sections=[
            {
                "kind": "decision",
                "body": [builders.TEXT, "Lisätietoja: maija.meikalainen@hel.fi, 09 310 12345."],
            },
            {"kind": "grounds", "body": ["Perustelut ovat tässä."]},
        ],
        contacts=[contact],
    )
    root = builders.write_repo(tmp_path / "records", record)
    code, out, _ = _run(
        root, monkeypatch, "render", "kj-2016-1", "--public", "--format", "txt", "--out", "web"
    )
    assert code == 0, out


def test_every_printed_field_is_looked_at(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    record = builders.decision(
        public_title="Avustus, hakija 040 765 4321",
        attachments=[{"number": 1, "title": "Hakemus, matti@example.com"}],
    )
    root = builders.write_repo(tmp_path / "records", record)
    code, out, _ = _run(root, monkeypatch, "render", "kj-2016-1", "--public", "--format", "txt", "--out", "web")
    assert code == 1
    assert [line.split(": error: ")[1].split(" would")[0] for line in out.splitlines()] == [
        "phone '040 765 4321'",
        "e-mail 'matti@example.com'",
    ]

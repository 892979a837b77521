"""govdocs render: exact output and exit codes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from govdocs.cli import cli
from tests import builders
from tests.bundled import bundled_in, warnings
from tests.render_helpers import ROOT


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def at_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


def test_renders_by_id_with_warnings(at_root: None, tmp_path: Path) -> None:
    code, out, _ = run("render", "kp-2021-5", "--format", "txt,html", "--out", str(tmp_path))
    assert code == 0
    assert out.splitlines() == [
        "decisions/2021/kp-2021-5.yaml:8:3: warning: the decision date is not stated; "
        "Hallintolaki 44 § requires it",
        f"wrote {tmp_path}/kp-2021-5.html",
        f"wrote {tmp_path}/kp-2021-5.txt",
        "rendered 1 decision(s) in 2 file(s) (1 warning(s))",
    ]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kp-2021-5.html", "kp-2021-5.txt"]


def test_renders_a_folder_and_a_file(tmp_path: Path) -> None:
    code, out, _ = run("render", str(ROOT / "decisions" / "2021"), "--format", "txt",
                       "--out", str(tmp_path))
    assert code == 0
    count, shown = len(bundled_in("2021")), warnings(within="decisions/2021/")
    assert out.splitlines()[-1] == f"rendered {count} decision(s) in {count} file(s) ({shown} warning(s))"
    code, out, _ = run("render", str(ROOT / "decisions" / "2016" / "kj-2016-59.yaml"),
                       "--format", "txt", "--public", "--out", str(tmp_path))
    assert code == 0
    assert f"wrote {tmp_path}/kj-2016-59-julkinen.txt" in out.splitlines()


def test_strict_refuses_an_incomplete_decision(at_root: None, tmp_path: Path) -> None:
    code, out, err = run("render", "kj-2016-59", "--strict", "--out", str(tmp_path))
    assert code == 1
    assert out.splitlines() == [
        "decisions/2016/kj-2016-59.yaml:9:3: error: the decision date is not stated; "
        "Hallintolaki 44 § requires it",
        "decisions/2016/kj-2016-59.yaml:111:3: error: no appeal instructions (appeal); "
        "Hallintolaki 47 § and Kuntalaki 136 § require them",
    ]
    assert err == "2 error(s): nothing rendered\n"
    assert not tmp_path.exists() or list(tmp_path.iterdir()) == []


def test_strict_renders_a_complete_decision(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = builders.write_repo(tmp_path / "records", builders.decision())
    monkeypatch.chdir(root)
    code, out, _ = run("render", "kj-2016-1", "--strict", "--format", "pdf", "--out", "build")
    assert code == 0
    assert out.splitlines() == ["wrote build/kj-2016-1.pdf",
                                "rendered 1 decision(s) in 1 file(s) (0 warning(s))"]


def test_missing_grounds_and_contact_are_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    record = builders.decision(sections=[{"kind": "decision", "body": [builders.TEXT]}], contacts=[])
    monkeypatch.chdir(builders.write_repo(tmp_path / "records", record))
    code, out, _ = run("render", "kj-2016-1", "--format", "txt", "--out", "build")
    assert code == 0
    messages = [line.split(": warning: ", 1)[1] for line in out.splitlines() if ": warning: " in line]
    assert messages == [
        "no grounds section (kind: grounds); Hallintolaki 45 § requires grounds unless an exception is "
        "cited in 'grounds_exception'",
        "no contact person (contacts); Hallintolaki 44 § requires the name and contact details of a "
        "person who gives more information",
    ]


def test_unknown_id_is_a_usage_error(at_root: None) -> None:
    code, _, err = run("render", "kj-2016-5")
    assert code == 2
    assert err.splitlines()[-1] == "Error: no decision 'kj-2016-5'; did you mean 'kj-2016-59'?"


def test_unknown_format_is_a_usage_error(at_root: None) -> None:
    code, _, err = run("render", "kj-2016-59", "--format", "pdf,odt")
    assert code == 2
    assert err.splitlines()[-1] == (
        "Error: Invalid value for '--format': unknown format 'odt'; choose from html, pdf, docx, txt"
    )


def test_swedish_labels(at_root: None, tmp_path: Path) -> None:
    # a council item with its Swedish version (tests/test_swedish.py compares all of them word for word)
    code, _, _ = run("render", "kv-2025-255", "--lang", "sv", "--format", "txt", "--out", str(tmp_path))
    assert code == 0
    lines = (tmp_path / "kv-2025-255.txt").read_text(encoding="utf-8").splitlines()
    assert lines[:3] == ["Helsingfors stad", "Stadsfullmäktige", "Protokoll"]
    for label in ("Beslut", "Behandling", "Föredragande", "Stadsstyrelsen", "Upplysningar", "Bilagor",
                  "Sökande av ändring", "FÖRBUD MOT SÖKANDE AV ÄNDRING", "Utdrag"):
        assert label in lines
    assert not {"Päätös", "Käsittely", "Esittelijä", "Lisätiedot", "Liitteet", "MUUTOKSENHAKUKIELTO"} & set(lines)


def test_a_route_without_a_swedish_text_is_refused(records: Path, edit: Callable[..., Path], tmp_path: Path) -> None:
    path = edit("decisions/2025/kaupunginvaltuusto/kv-2025-255.yaml",
                "appeal:\n  route: muutoksenhakukielto\n  law: Kuntalaki 136 §\n",
                "appeal:\n  route: oikaisuvaatimus\n  authority: kaupunginhallitus\n")
    line = path.read_text(encoding="utf-8").splitlines().index("  route: oikaisuvaatimus") + 1
    out = tmp_path / "out"
    code, shown, err = run("render", "kv-2025-255", "-C", str(records), "--lang", "sv", "--format", "txt",
                           "--out", str(out))
    assert (code, err.splitlines()[-1]) == (1, "1 error(s): nothing rendered")
    assert [line for line in shown.splitlines() if ": error: " in line] == [
        f"{path}:{line}:10: error: there is no Swedish 'oikaisuvaatimus' appeal text "
        "(templates/appeal/oikaisuvaatimus/<valid-from>.sv.txt.j2); the decision cannot be rendered in "
        "that language"
    ]
    assert not out.exists()


def test_swedish_of_a_decision_without_a_swedish_version_is_refused(at_root: None, tmp_path: Path) -> None:
    code, out, err = run("render", "kh-2021-898", "--lang", "sv", "--format", "txt", "--out", str(tmp_path))
    assert code == 1
    assert "decisions/2021/kh-2021-898.yaml:" in out + err and "has no Swedish version" in out + err
    assert list(tmp_path.iterdir()) == []



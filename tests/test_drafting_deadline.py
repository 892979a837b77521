"""`govdocs deadline ID --published DATE`: the route's period, the dates and
the personal-data removal date, from govdocs.derive.deadlines."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from govdocs.cli import cli
from tests.bundled import copy_registry

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def records(tmp_path: Path) -> Path:
    copy_registry(tmp_path)
    shutil.copytree(ROOT / "decisions", tmp_path / "decisions")
    return tmp_path


def deadline(root: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["deadline", *args, "--path", str(root)])
    return result.exit_code, result.output


def test_worked_example_midsummer(records: Path) -> None:
    code, out = deadline(records, "kh-2021-898", "--published", "2025-05-30")
    assert code == 0
    assert out.splitlines()[:5] == [
        "kh-2021-898: oikaisuvaatimus, 14 days",
        "  published: 30.5.2025 (online)",
        "  notified: 6.6.2025",
        "  deadline: 23.6.2025",
        "  personal data off the web copy from: 24.6.2025",
    ]
    assert "Koska 20.6.2025 on juhannusaatto, 21.6.2025 on juhannuspäivä ja 22.6.2025 on sunnuntai" in out


def test_letter_to_a_party(records: Path) -> None:
    # Sent Mon 15.12.2025 -> notified Mon 22.12; +14 = Mon 5.1.2026, a working day.
    code, out = deadline(records, "kh-2021-898", "--published", "15.12.2025", "--how", "letter")
    assert code == 0
    assert out.splitlines()[1:4] == [
        "  sent: 15.12.2025 (letter)",
        "  notified: 22.12.2025",
        "  deadline: 5.1.2026",
    ]


def test_no_appeal_no_period(records: Path) -> None:
    assert deadline(records, "kp-2021-5", "--published", "2025-05-30") == (
        0,
        "kp-2021-5: muutoksenhakukielto: no appeal period\n",
    )

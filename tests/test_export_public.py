"""Every export format holds public data only: over records with personal
names in every field, a secret section and a wholly secret decision (the
same records the public-copy leak test builds), no exported file holds a
masked name in any form or a word of the secret parts; the secret decision
is there as its mention. Invalid records are refused with the located
problems and nothing is written; the same records give the same bytes."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from govdocs.cli import cli
from govdocs.publish.export import FORMATS
from tests import builders
from tests.test_public_copy_leaks import NAME_FORMS, SECRETS, _fold, _public_decision, _secret_decision


@pytest.fixture(scope="module")
def records(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("export-leaks") / "records"
    return builders.write_repo(root, _public_decision(), _secret_decision())


def run_export(records: Path, fmt: str, out: Path) -> str:
    result = CliRunner().invoke(cli, ["export", "-C", str(records), "--format", fmt, "--out", str(out),
                                      "--as-of", "2017-06-01"])
    assert result.exit_code == 0, result.output
    return result.output


def exported_texts(out: Path) -> dict[str, str]:
    return {str(p.relative_to(out)): _fold(p.read_text(encoding="utf-8"))
            for p in sorted(out.rglob("*")) if p.is_file() and p.name != ".govdocs.lock"}


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_no_masked_name_or_secret_reaches_an_exported_file(
    records: Path, tmp_path: Path, fmt: str
) -> None:
    run_export(records, fmt, tmp_path)
    texts = exported_texts(tmp_path)
    assert texts
    found = [(name, word) for name, text in texts.items() for word in (*NAME_FORMS, *SECRETS) if word in text]
    assert found == []


@pytest.mark.parametrize("fmt", ["ahjo", "oparl"])
def test_the_secret_decision_is_its_mention(records: Path, tmp_path: Path, fmt: str) -> None:
    run_export(records, fmt, tmp_path)
    texts = exported_texts(tmp_path)
    mine = {name: text for name, text in texts.items() if "kj-2016-2" in name}
    assert mine, sorted(texts)
    assert any("salassa pidettävä päätös" in text and "24.1 § 25 k" in text for text in mine.values())


def test_the_same_records_give_the_same_bytes(records: Path, tmp_path: Path) -> None:
    for run in ("a", "b"):
        run_export(records, "oparl", tmp_path / run)
    first, second = (exported_texts(tmp_path / run) for run in ("a", "b"))
    assert first == second
    raw = (tmp_path / "a" / "paper" / "kj-2016-1.json").read_bytes()
    assert raw.endswith(b"}\n") and raw.decode("utf-8")


def test_invalid_records_are_refused_and_nothing_is_written(tmp_path: Path) -> None:
    broken = builders.decision(maker="nobody")
    records = builders.write_repo(tmp_path / "records", broken)
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["export", "-C", str(records), "--format", "ahjo", "--out", str(out)])
    assert result.exit_code == 1
    assert "kj-2016-1.yaml:" in result.output and "nobody" in result.output
    assert not out.exists()

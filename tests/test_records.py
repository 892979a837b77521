"""The bundled records: they validate, and hold every fact of the seed."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

import govdocs
from govdocs.cli import cli
from govdocs.model.common import NotStated
from govdocs.model.effects import Change, Scope


@pytest.fixture(scope="module")
def repo(request: pytest.FixtureRequest) -> govdocs.Repository:
    return govdocs.load(Path(__file__).resolve().parents[1])


ROOT = Path(__file__).resolve().parents[1]


def test_bundled_records_have_no_errors(repo: govdocs.Repository) -> None:
    assert repo.errors == []
    assert sorted(repo.decisions) == [
        "asiakkuus2-yp-2022-2",
        "espoo-kaupunginhallitus-2017-127",
        "kasko-hj-2022-2",
        "kel-2022-1",
        "kh-2021-858",
        "kh-2021-898",
        "kj-2016-59",
        "konsernijaosto-2021-161",
        "kp-2021-5",
        "kuva-2021-213",
        *(f"kv-2025-{n}" for n in range(244, 257)),
        "kylk-2021-611",
        "kylk-2021-659",
        "liikunta-lj-2022-2",
        "lsj-2022-2",
        "omaisuudenhallinta-tp-2022-2",
        "paj-2022-2",
        "sote-tj-2022-4",
        "tilaomaisuus-yp-2022-2",
        # Turku's city board § 195 and the four handlings of the lautakunta it prints
        "turku-kh-2017-195",
        *(f"turku-ksylk-2017-{n}" for n in (108, 119, 132, 84)),
        "ylj-2021-210",
        "ymj-2022-2",
    ]
    assert sorted(repo.meetings) == [
        "espoo-kaupunginhallitus-2017-05-08", "espoo-kaupunginhallitus-2017-05-29", "kaupunginvaltuusto-2025-16",
        "turku-kaupunginhallitus-2017-11",
    ]


def test_bundled_records_warn_only_about_what_the_sources_lack(repo: govdocs.Repository) -> None:
    assert [(p.file, p.code) for p in repo.problems] == [
        ("decisions/2016/kj-2016-59.yaml", "hl44-date"),
        ("decisions/2016/kj-2016-59.yaml", "appeal-missing"),
        # Turku's minutes index names nobody present; its item names no contact person
        ("decisions/2017/turku-kaupunginhallitus/turku-kaupunginhallitus-2017-11.yaml", "quorum-unknown"),
        ("decisions/2017/turku-kaupunginhallitus/turku-kh-2017-195.yaml", "hl44-contact"),
        *((f"decisions/2017/turku-kaupunkisuunnittelu-ja-ymparistolautakunta/turku-ksylk-2017-{n}.yaml",
           "hl44-contact") for n in (108, 119, 132, 84)),
        ("decisions/2021/kh-2021-898.yaml", "hl44-date"),
        # the published extracts of body decisions leave the presenter's grounds in the proposal
        ("decisions/2021/konsernijaosto-2021-161.yaml", "hl45-grounds"),
        ("decisions/2021/kp-2021-5.yaml", "hl44-date"),
        ("decisions/2021/kylk-2021-611.yaml", "hl45-grounds"),
        ("decisions/2021/kylk-2021-659.yaml", "hl45-grounds"),
        ("decisions/2022/asiakkuus2-yp-2022-2.yaml", "hl44-date"),
        ("decisions/2022/kasko-hj-2022-2.yaml", "hl44-date"),
        ("decisions/2022/kel-2022-1.yaml", "hl44-date"),
        ("decisions/2022/liikunta-lj-2022-2.yaml", "hl44-date"),
        ("decisions/2022/lsj-2022-2.yaml", "hl44-date"),
        ("decisions/2022/omaisuudenhallinta-tp-2022-2.yaml", "hl44-date"),
        ("decisions/2022/paj-2022-2.yaml", "hl44-date"),
        ("decisions/2022/sote-tj-2022-4.yaml", "hl44-date"),
        ("decisions/2022/tilaomaisuus-yp-2022-2.yaml", "hl44-date"),
        ("decisions/2022/ymj-2022-2.yaml", "hl44-date"),
        # the council's minutes print the decision without the presenter's grounds, and the
        # opening items (roll call, checkers, question hour) and the initiatives filed name
        # no contact person
        ("decisions/2025/kaupunginvaltuusto/kv-2025-244.yaml", "hl44-contact"),
        ("decisions/2025/kaupunginvaltuusto/kv-2025-244.yaml", "hl45-grounds"),
        ("decisions/2025/kaupunginvaltuusto/kv-2025-245.yaml", "hl44-contact"),
        ("decisions/2025/kaupunginvaltuusto/kv-2025-245.yaml", "hl45-grounds"),
        ("decisions/2025/kaupunginvaltuusto/kv-2025-246.yaml", "hl44-contact"),
        ("decisions/2025/kaupunginvaltuusto/kv-2025-246.yaml", "hl45-grounds"),
        ("decisions/2025/kaupunginvaltuusto/kv-2025-247.yaml", "hl45-grounds"),
        ("decisions/2025/kaupunginvaltuusto/kv-2025-248.yaml", "hl45-grounds"),
        ("decisions/2025/kaupunginvaltuusto/kv-2025-249.yaml", "hl45-grounds"),
        ("decisions/2025/kaupunginvaltuusto/kv-2025-250.yaml", "hl45-grounds"),
        ("decisions/2025/kaupunginvaltuusto/kv-2025-251.yaml", "hl45-grounds"),
        ("decisions/2025/kaupunginvaltuusto/kv-2025-252.yaml", "hl45-grounds"),
        ("decisions/2025/kaupunginvaltuusto/kv-2025-253.yaml", "hl45-grounds"),
        ("decisions/2025/kaupunginvaltuusto/kv-2025-254.yaml", "hl45-grounds"),
        ("decisions/2025/kaupunginvaltuusto/kv-2025-255.yaml", "hl45-grounds"),
        ("decisions/2025/kaupunginvaltuusto/kv-2025-256.yaml", "hl44-contact"),
        ("decisions/2025/kaupunginvaltuusto/kv-2025-256.yaml", "hl45-grounds"),
    ]


def test_seed_has_eight_statements_and_five_obligations(repo: govdocs.Repository) -> None:
    seed = repo.decisions["kj-2016-59"]
    assert len(seed.transfers) == 8
    assert len(seed.obligations) == 5
    assert [t.change for t in seed.transfers].count(Change.STAYS) == 1
    assert [t.context_only for t in seed.transfers].count(True) == 1
    typ = repo.transfers["kj-2016-59.typ"]
    assert typ.scope is Scope.MOSTLY and isinstance(typ.from_, NotStated)
    assert typ.to == "kaupunginkanslia-elinkeino-osasto"


def test_seed_records_what_the_source_does_not_state(repo: govdocs.Repository) -> None:
    seed = repo.decisions["kj-2016-59"]
    assert isinstance(seed.date, NotStated) and isinstance(seed.signature, NotStated)
    assert str(seed.day) == "2016-09-13"  # the assumed date, used only for computing


def test_seed_mandate_history(repo: govdocs.Repository) -> None:
    mandate = repo.mandates["tyomarkkinatuki-ryhma"]
    assert isinstance(mandate.established_by, NotStated)
    assert [t.added_by for t in mandate.tasks] == ["kj-2016-4", "kj-2016-4"]
    changes = {c.action.value: c for c in repo.mandate_changes.values() if c.mandate == mandate.id}
    assert changes["end-task"].task == "tyomarkkinatuki-ryhma.johtoryhma"
    assert changes["conclude-task"].finding == "Johtosääntömuutoksia ei tarvita."


def test_every_quote_is_in_its_decision(repo: govdocs.Repository) -> None:
    for rid, record in repo.records.items():
        quote = getattr(record, "quote", None)
        for said in [quote] if isinstance(quote, str) else quote or []:
            decision = repo.decision_of(rid)
            assert decision is not None
            assert " ".join(said.split()) in decision.plain_text(), rid


def test_show_seed_lists_statements_and_obligations_with_quotes(root: Path) -> None:
    result = CliRunner().invoke(cli, ["show", "kj-2016-59", "--path", str(root)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith(
        "Kaupunginjohtaja 59 §  (kj-2016-59, decisions/2016/kj-2016-59.yaml)\n"
        "Helsingin kaupungin työmarkkinatuki-työryhmän loppuraportti\n"
        "HEL 2014-011413 T 00 00 02\n"
    )
    assert "Transfers and statements (8):" in result.output
    assert "Obligations (5):" in result.output
    assert result.output.count("“") == 8 + 5 + 2  # statements, obligations, mandate changes
    assert "“Kuntouttavan työtoiminnan järjestämisvastuu jää sosiaali- ja terveysvirastoon.”" in result.output


def test_show_sub_record_names_its_decision_and_referrers(root: Path) -> None:
    result = CliRunner().invoke(cli, ["show", "tyomarkkinatuki-ryhma", "--path", str(root)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith("Mandate tyomarkkinatuki-ryhma in Kaupunginjohtaja 59 § (")
    assert "Referred to by (2):" in lines


def test_show_unknown_id_is_a_usage_error_with_hint(root: Path) -> None:
    result = CliRunner().invoke(cli, ["show", "kj-2016-95", "--path", str(root)])
    assert result.exit_code == 2
    assert "Error: no record 'kj-2016-95'; did you mean 'kj-2016-59'?" in result.output

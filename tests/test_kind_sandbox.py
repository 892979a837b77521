"""Kind files come from records repositories (pull requests): their
templates render in a sandbox, and a repository kind replaces a built-in
one only when registry.yaml says so."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from govdocs.cli import cli
from govdocs.drafting.kinds import load_kinds

ATTACK = "{{{{ lipsum.__globals__['os'].popen('id > {file}').read() }}}}"
# The same through an object the context does offer, had the globals been left in.
THROUGH_DATA = "{{{{ d.__class__.__init__.__globals__['os'].popen('id > {file}').read() }}}}"

KIND = """\
kind: {name}
name: Kokeilu
description: A repository's own kind.
title: Kokeilu
appeal: {{route: muutoksenhakukielto, law: Kuntalaki 136 §}}
sections:
  - kind: decision
    generated: {name}/decision
    body:
      - text: "{body}"
"""

DECISION = """\
id: kp-2022-7
maker: kansliapaallikko
date: 2022-01-05
number: 7
title: Kokeilu
case: HEL 2022-000100
sections:
  - kind: decision
    generated: {name}/decision
    body:
      - Vanha teksti.
contacts:
  - name: Nina Vesterinen
    email: nina.vesterinen@hel.fi
signature: {{name: Nina Vesterinen, title: matkailupäällikkö}}
appeal:
  route: muutoksenhakukielto
  law: Kuntalaki 136 §
drafting:
  kind: {name}
"""


def _repository(records: Path, name: str, body: str) -> Path:
    kinds = records / "templates" / "kinds"
    kinds.mkdir(parents=True)
    (kinds / f"{name}.yaml").write_text(KIND.format(name=name, body=body), encoding="utf-8")
    (records / "decisions" / "2022").mkdir(exist_ok=True)
    (records / "decisions" / "2022" / "kp-2022-7.yaml").write_text(
        DECISION.format(name=name), encoding="utf-8"
    )
    return records


@pytest.mark.parametrize(
    ("attack", "message"),
    [
        (ATTACK, "failed: 'lipsum' is undefined"),
        (
            THROUGH_DATA,
            # the sandbox answers d.__class__ with an undefined value, whose __init__ it then refuses
            "uses what kind templates may not (access to attribute '__init__' of 'StrictUndefined' object is "
            "unsafe.); kind files cannot run code",
        ),
    ],
)
@pytest.mark.parametrize("command", [["check", "kp-2022-7"], ["draft", "regenerate", "kp-2022-7"]])
def test_a_kind_template_cannot_run_a_command(
    records: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    command: list[str],
    attack: str,
    message: str,
) -> None:
    pwned = tmp_path / "pwned"
    _repository(records, "kokeilu", attack.format(file=pwned))
    monkeypatch.chdir(records)
    before = (records / "decisions" / "2022" / "kp-2022-7.yaml").read_bytes()
    result = CliRunner().invoke(cli, command)
    assert not pwned.exists()
    assert result.exit_code == 1, result.output
    assert f"templates/kinds/kokeilu.yaml:10:7: error: template 'kokeilu/decision' {message}" in (
        result.stdout.splitlines()
    ), result.output
    assert (records / "decisions" / "2022" / "kp-2022-7.yaml").read_bytes() == before


def test_only_the_filters_the_phrasing_needs(records: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _repository(records, "kokeilu", "{{ d | attr('__class__') }} {{ range(10**9) | list }}")
    monkeypatch.chdir(records)
    result = CliRunner().invoke(cli, ["check", "kp-2022-7"])
    assert result.exit_code == 1
    assert (
        "templates/kinds/kokeilu.yaml:10:7: error: template 'kokeilu/decision' failed: No filter named 'attr'."
        in (result.stdout.splitlines())
    ), result.output


def test_a_repository_kind_adds_a_kind(records: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _repository(records, "kokeilu", "Kansliapäällikkö päätti kokeilla.")
    monkeypatch.chdir(records)
    result = CliRunner().invoke(cli, ["draft", "regenerate", "kp-2022-7"])
    assert result.exit_code == 0, result.output
    text = (records / "decisions" / "2022" / "kp-2022-7.yaml").read_text(encoding="utf-8")
    assert "Kansliapäällikkö päätti kokeilla." in text


def test_a_built_in_kind_is_replaced_only_when_the_registry_says_so(records: Path) -> None:
    _repository(records, "working-group", "Toisenlainen teksti.")
    found = load_kinds(records)
    assert [p.format() for p in found.problems] == [
        f"{records}/templates/kinds/working-group.yaml:1:7: error: kind 'working-group' is built into govdocs; "
        "a repository kind replaces it only when registry.yaml says so "
        "(drafting: {override_kinds: [working-group]}), otherwise give it another name"
    ]
    assert found.files["working-group"].parent.parent.parent != records
    allowed = load_kinds(records, ["working-group"])
    assert allowed.problems == []
    assert allowed.files["working-group"] == records / "templates" / "kinds" / "working-group.yaml"


def test_the_registry_field_turns_the_override_on(records: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _repository(records, "working-group", "Kansliapäällikkö päätti toisin.")
    registry = records / "registry.yaml"
    registry.write_text(
        registry.read_text(encoding="utf-8") + "\ndrafting:\n  override_kinds: [working-group]\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(records)
    result = CliRunner().invoke(cli, ["draft", "regenerate", "kp-2022-7"])
    assert result.exit_code == 0, result.output
    assert "Kansliapäällikkö päätti toisin." in (records / "decisions/2022/kp-2022-7.yaml").read_text("utf-8")


def test_new_with_a_hostile_kind_runs_nothing(
    records: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pwned = tmp_path / "pwned"
    _repository(records, "kokeilu", ATTACK.format(file=pwned).replace("lipsum", "d.__class__.__init__"))
    monkeypatch.chdir(records)
    result = CliRunner().invoke(
        cli, ["new", "kokeilu", "--maker", "kansliapaallikko", "--date", "2022-02-01"]
    )
    assert not pwned.exists()
    assert result.exit_code == 0, result.output

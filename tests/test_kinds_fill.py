"""Every bundled kind, started with `govdocs new` and with only its
placeholders written (plausible text in each), regenerated, passes
`govdocs check`: a kind's scaffold must not fail its own check."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from govdocs.cli import cli
from govdocs.drafting.kinds import KINDS_DIR, load_kinds
from govdocs.typeset.fonts import TEMPLATES_DIR
from tests.bundled import copy_registry

ROOT = Path(__file__).resolve().parents[1]
KINDS = load_kinds()
MAKERS = {"body": "kaupunginhallitus", "office-holder": "kansliapaallikko"}

# Ids the scaffolds leave as 'tayta' (an id cannot hold the fill marker),
# by what they name: written from the registry as a secretary would.
IDS = {
    "transfer": {
        "what": "tyollistymista-edistavat-koulutukset",
        "from": "kasvatuksen-ja-koulutuksen-toimiala",
        "to": "kaupunginkanslia-elinkeino-osasto",
    },
    "appropriation-transfer": {
        "what": "nuorten-kesatyollistamisen-maararaha",
        "from": "kaupunginkanslia",
        "to": "kaupunginkanslia-elinkeino-osasto",
    },
}
# Inputs that name a registry id.
INPUT_IDS = {"author": "kaupunginkanslia", "delegate": "kansliapaallikko"}
# Plausible text for a placeholder, by the key it is written under.
BY_KEY = {
    "phone": "09 310 12345",
    "email": "maija.meikalainen@hel.fi",
    "name": "Maija Meikäläinen",
    "title": "erityissuunnittelija",
    "for_information": "Kaupunginkanslia",
}


def plausible(key: str, text: str, inputs: dict[str, str]) -> Any:
    """What a secretary writes over ``text`` (a placeholder under ``key``)."""
    if inputs.get(key) == "date":
        return "10.1.2022"
    if key in INPUT_IDS:
        return INPUT_IDS[key]
    example = re.search(r"esim\. (.+)$", text)
    if example:
        return example.group(1).strip().rstrip(".")
    if key in BY_KEY:
        return BY_KEY[key]
    return text.split(":", 1)[1].strip().rstrip(".").capitalize() + "."


def fill(value: Any, inputs: dict[str, str], ids: dict[str, str], key: str = "") -> Any:
    """``value`` with every placeholder (and 'tayta' id) written."""
    if isinstance(value, dict):
        return {k: fill(v, inputs, ids, str(k)) for k, v in value.items()}
    if isinstance(value, list):
        return [fill(v, inputs, ids, key) for v in value]
    if value == "tayta":
        return ids[key]
    if isinstance(value, str) and "TÄYTÄ" in value:
        head, _, rest = value.partition("TÄYTÄ")
        return head + str(plausible(key, "TÄYTÄ" + rest, inputs)) if head else plausible(key, value, inputs)
    return value


def copy_generated_quotes(path: Path) -> None:
    """What the transfer scaffolds ask ("kopioi generoitu lause"): each
    transfer quotes the generated sentence that establishes it."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not data.get("transfers"):
        return
    sentence = next(
        b for s in data["sections"] if s.get("generated") for b in s["body"] if isinstance(b, str)
    )
    for transfer in data["transfers"]:
        transfer["quote"] = sentence
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


@pytest.mark.parametrize("name", sorted(KINDS.kinds))
def test_a_kind_with_its_placeholders_filled_passes_check(name: str, tmp_path: Path) -> None:
    assert KINDS.files[name].parent == TEMPLATES_DIR / KINDS_DIR
    kind = KINDS.kinds[name]
    copy_registry(tmp_path)
    shutil.copytree(ROOT / "decisions", tmp_path / "decisions")
    runner = CliRunner()
    maker = MAKERS[str(kind.makers[0])]
    made = runner.invoke(
        cli, ["new", name, "--maker", maker, "--date", "2022-01-05", "--path", str(tmp_path)]
    )
    assert made.exit_code == 0, made.output
    path = Path(made.stdout.split(":", 1)[0])
    rid = path.stem
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    inputs = {i.name: i.type for i in kind.inputs}
    generated = {i for i, s in enumerate(data["sections"]) if s.get("generated")}
    ids = IDS.get(name, {})
    filled = fill({k: v for k, v in data.items() if k != "sections"}, inputs, ids)
    filled["sections"] = [
        s if i in generated else fill(s, inputs, ids) for i, s in enumerate(data["sections"])
    ]
    path.write_text(yaml.safe_dump(filled, allow_unicode=True, sort_keys=False), encoding="utf-8")
    regenerated = runner.invoke(cli, ["draft", "regenerate", rid, "--path", str(tmp_path)])
    assert regenerated.exit_code == 0, regenerated.output
    copy_generated_quotes(path)
    checked = runner.invoke(cli, ["check", rid, "--path", str(tmp_path)])
    assert checked.output == f"{rid}: ready to sign: 0 error(s), 0 warning(s)\n"

"""Done-when of the drafting issue: `govdocs new working-group` followed by
filling in the group's data gives a decision with the shape of the
published tourism working-group decision (kansliapäällikkö 5 §), with no
hand-written sentence for the standard parts."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import yaml
from click.testing import CliRunner

from govdocs.cli import cli
from tests.bundled import copy_registry
from tests.reference import reference

ROOT = Path(__file__).resolve().parents[1]
PUBLISHED = "helsinki/kansliapaallikko-2021-5-matkailun-yhteistyoryhma.txt"

TASKS = [
    "tunnistaa ja edistää yhdessä Helsingin matkailun kilpailukykyä ja kasvua huomioiden uuden "
    "kaupunkistrategian kirjaukset ja tulevat elinkeinopoliittiset painopisteet sekä osallistua "
    "matkailun tiekartan laadintaan, toteutukseen ja seurantaan",
    "seurata matkailun kehitystä sekä välittää ajantasaista tietoa matkailuun liittyvistä hankkeista",
]
WAYS = ["Yhteistyöryhmä kokoontuu vähintään neljä kertaa vuodessa"]
ORGS = {
    "kaupunginkanslia": "kaupunginkanslia",
    "kulttuurin ja vapaa-ajan toimiala": "kulttuurin-ja-vapaa-ajan-toimiala",
    "kaupunkiympäristön toimiala": "kaupunkiympariston-toimiala",
    "Helsingin Satama": "helsingin-satama",
    "Helsingin tapahtumasäätiö": "helsingin-tapahtumasaatio",
    "Helsinki Partners": "helsinki-partners",
}


def records(tmp_path: Path) -> Path:
    """A records repository: the project's registry and decisions."""
    copy_registry(tmp_path)
    shutil.copytree(ROOT / "decisions", tmp_path / "decisions")
    return tmp_path


def bundled_text(repo: Path) -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted(repo.glob("decisions/*/*.yaml")))


def published_members() -> list[str]:
    """The member lines of the published decision."""
    lines = reference(PUBLISHED).read_text(encoding="utf-8").splitlines()
    start = lines.index("Yhteistyöryhmään nimetään jäseninä seuraavat henkilöt:") + 1
    end = next(i for i in range(start, len(lines)) if lines[i].startswith("Lisäksi"))
    return lines[start:end]


def member(line: str) -> dict[str, Any]:
    """The structured member a secretary writes for one published line."""
    head, rest = line.split(", ", 1)
    title, org = rest.rsplit(", ", 1)
    name, _, role = head.partition(" (")
    data: dict[str, Any] = {"name": name, "title": title, "organisation": ORGS[org]}
    if role:
        data["role"] = role.rstrip(")")
    if data.get("role") == "puheenjohtaja":
        data["office"] = "matkailupäällikkö"
    if data.get("role") == "sihteeri":
        data["office"] = "matkailuyksikön erityissuunnittelija"
    return data


def fill_in(data: dict[str, Any]) -> None:
    """What the secretary writes: facts only, no sentence of the Päätös."""
    data["title"] = "Nimeäminen, kaupunkikonsernin matkailun yhteistyöryhmä"
    data["sections"][1]["body"] = [
        "Kaupungin tavoitteena on kehittää Helsingistä vetovoimainen matkailukohde."
    ]
    data["contacts"] = [
        {
            "name": "Nina Vesterinen",
            "title": "matkailupäällikkö",
            "phone": "310 37919",
            "email": "nina.vesterinen@hel.fi",
        }
    ]
    data["signature"] = {"name": "Sami Sarvilinna", "title": "kansliapäällikkö"}
    data["distribution"] = {"for_information": ["Kaupunginkanslia", "Kulttuurin ja vapaa-ajan toimiala"]}
    group = data["mandates"][0]
    group.update(
        name="Helsingin kaupunkikonsernin matkailun yhteistyöryhmä",
        forms={
            "fi": "Helsingin kaupunkikonsernin matkailun yhteistyöryhmä",
            "genitive": "Helsingin kaupunkikonsernin matkailun yhteistyöryhmän",
        },
        short={
            "fi": "Matkailun yhteistyöryhmä",
            "genitive": "Matkailun yhteistyöryhmän",
            "illative": "Matkailun yhteistyöryhmään",
        },
        purpose="Poikkihallinnollisesti ja toimialarajat ylittäen edistää Helsingin matkailun "
        "kilpailukykyä, uudistumista ja kestävää kasvua.",
        term={"start": "2022-01-01", "end": "2025-12-31"},
        tasks=[{"id": f"{group['id']}.t{i}", "text": t} for i, t in enumerate(TASKS, 1)],
        ways_of_working=WAYS,
        reporting=[{"to": "elinkeinojaosto", "every": "yearly"}],
        members=[member(line) for line in published_members()],
    )


def test_new_then_fill_gives_the_published_shape(tmp_path: Path) -> None:
    repo = records(tmp_path)
    # The next diary number of 2021: one after the highest the records use.
    used = [int(n) for n in re.findall(r"^case: HEL 2021-(\d{6})$", bundled_text(repo), re.M)]
    runner = CliRunner()
    made = runner.invoke(
        cli,
        ["new", "working-group", "--maker", "kansliapaallikko", "--date", "2021-12-20", "--path", str(repo)],
    )
    assert made.exit_code == 0, made.output
    path = repo / "decisions" / "2021" / "kp-2021-6.yaml"
    assert made.stdout == f"{path}: kp-2021-6 (§ 6, HEL 2021-{max(used) + 1:06d})\n"
    assert made.stderr == "note: gaps in kansliapaallikko 2021: § 1, 2, 3, 4 not in the records\n"

    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    fill_in(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    regenerated = runner.invoke(cli, ["draft", "regenerate", "kp-2021-6", "--path", str(repo)])
    assert regenerated.output == f"{path}: sections rewritten: 1\n"
    checked = runner.invoke(cli, ["check", "kp-2021-6", "--path", str(repo)])
    assert checked.output == "kp-2021-6: ready to sign: 0 error(s), 0 warning(s)\n"

    record = yaml.safe_load(path.read_text(encoding="utf-8"))
    decision = record["sections"][0]
    assert decision["generated"] == "working-group/decision"
    body = decision["body"]
    assert body[:4] == [
        "Kansliapäällikkö päättää asettaa Helsingin kaupunkikonsernin matkailun yhteistyöryhmän seuraavasti:",
        "Ryhmän tavoitteena on poikkihallinnollisesti ja toimialarajat ylittäen edistää Helsingin "
        "matkailun kilpailukykyä, uudistumista ja kestävää kasvua.",
        "Matkailun yhteistyöryhmä asetetaan vuosille 2022–2025.",
        "Matkailun yhteistyöryhmän puheenjohtajana toimii matkailupäällikkö ja sihteerinä "
        "matkailuyksikön erityissuunnittelija.",
    ]
    assert body[4:10] == [
        "Matkailun yhteistyöryhmän ja sen jäsenten tehtävänä on:",
        {"list": TASKS},
        "Helsingin kaupunkikonsernin matkailun yhteistyöryhmän toimintatapa:",
        {"list": [*WAYS, "Matkailun yhteistyöryhmän työstä raportoidaan vuosittain elinkeinojaostolle"]},
        {"subheading": "Matkailun yhteistyöryhmän jäsenet"},
        "Matkailun yhteistyöryhmään nimetään jäseninä seuraavat henkilöt:",
    ]
    assert body[10:] == published_members()
    assert record["appeal"] == {"route": "muutoksenhakukielto", "law": "Kuntalaki 136 §"}
    assert record["distribution"]["for_information"] == [
        "Kaupunginkanslia",
        "Kulttuurin ja vapaa-ajan toimiala",
    ]


def test_rendered_text_has_the_published_order(tmp_path: Path) -> None:
    """The text copy of the drafted decision, part by part, in the order of
    the published one: goal, term, officers, tasks, ways of working,
    members, appeal prohibition, Tiedoksi."""
    import govdocs
    from govdocs.document.decision import build_decision
    from govdocs.writers.text import write_text

    repo_root = records(tmp_path)
    runner = CliRunner()
    runner.invoke(
        cli,
        [
            "new",
            "working-group",
            "--maker",
            "kansliapaallikko",
            "--date",
            "2021-12-20",
            "--path",
            str(repo_root),
        ],
    )
    path = repo_root / "decisions" / "2021" / "kp-2021-6.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    fill_in(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    assert runner.invoke(cli, ["draft", "regenerate", "kp-2021-6", "--path", str(repo_root)]).exit_code == 0
    repo = govdocs.load(repo_root)
    lines = write_text(build_decision(repo, repo.decisions["kp-2021-6"])).decode("utf-8").splitlines()
    published = reference(PUBLISHED).read_text(encoding="utf-8").splitlines()
    shape = [
        "6 §",
        "Päätös",
        "Kansliapäällikkö päättää asettaa Helsingin kaupunkikonsernin matkailun yhteistyöryhmän seuraavasti:",
        "Matkailun yhteistyöryhmä asetetaan vuosille 2022–2025.",
        "Matkailun yhteistyöryhmän ja sen jäsenten tehtävänä on:",
        "Helsingin kaupunkikonsernin matkailun yhteistyöryhmän toimintatapa:",
        "Matkailun yhteistyöryhmän jäsenet",
        *published_members(),
        "Päätöksen perustelut",
        "Lisätiedot",
        "Muutoksenhaku",
        *published[
            published.index("MUUTOKSENHAKUKIELTO") : published.index(
                "Sovellettava lainkohta: Kuntalaki 136 §"
            )
            + 1
        ],
        "Tiedoksi",
        "Kaupunginkanslia",
    ]
    at = -1
    for line in shape:  # each part after the one before (ValueError names a missing one)
        at = lines.index(line, at + 1)

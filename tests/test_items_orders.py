"""The facts of six encoded Helsinki decisions hold as the published texts
state them: deputies in their order with the vacancy numbers the text
prints, a division of duties office by office, a repeal, minutes kept on
display, committees set up and elected by attachment, a proposal whose
parts add up. The expected values are read from the published texts, not
written here; and a broken variant of each gives one located message and
exit 1."""

from __future__ import annotations

import json
import re
import warnings
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

import govdocs
from govdocs.cli import cli
from govdocs.model.decision import Decision, ListBlock, SubheadingBlock
from govdocs.model.items import Action, Item
from govdocs.repository import Repository
from tests.reference import reference
from tests.render_helpers import REFERENCES, ROOT


@pytest.fixture(scope="module")
def repo() -> Repository:
    return govdocs.load(ROOT)


def published(decision_id: str) -> str:
    return reference(REFERENCES[decision_id]).read_text(encoding="utf-8")


def fi_day(text: str) -> date:
    day, month, year = (int(part) for part in text.split("."))
    return date(year, month, day)


def items(decision: Decision, action: Action) -> list[Item]:
    return [item for item in decision.items if item.action is action]


@pytest.mark.parametrize("decision_id", ["lsj-2022-2", "paj-2022-2"])
def test_deputies_stand_in_the_printed_order_with_the_printed_vacancy_numbers(
    repo: Repository, decision_id: str
) -> None:
    text = published(decision_id)
    printed = re.findall(r"^- .*?(\d{6})\)?$", text.split("Samalla", 1)[0], flags=re.MULTILINE)
    ordered, fallback = items(repo.decisions[decision_id], Action.DEPUTIES)
    assert [h.rank for h in ordered.holders] == list(range(1, len(printed) + 1))
    assert [h.vacancy for h in ordered.holders] == printed
    stood_in = {h.of for h in ordered.holders}
    # the fallback sentence is its own fact: a group, no rank, on a condition
    (group,) = fallback.holders
    assert len(stood_in) == 1 and stood_in == {group.of}
    assert group.rank is None and group.group and group.group in text
    assert fallback.conditions and all(c in text for c in fallback.conditions)


@pytest.mark.parametrize("decision_id", ["lsj-2022-2", "paj-2022-2"])
def test_deputies_are_valid_from_the_stated_day_and_replace_the_earlier_order(
    repo: Repository, decision_id: str
) -> None:
    text = " ".join(published(decision_id).split())
    start = re.search(r"voimassa (\d+\.\d+\.\d{4}) alkaen toistaiseksi", text)
    replaced = re.search(r"korvaa .*?(\d+\.\d+\.\d{4})\D+?(\d+) §|korvaa .*?(\d+\.\d+\.\d{4}) § (\d+)", text)
    assert start and replaced
    day, number = (replaced[1], replaced[2]) if replaced[1] else (replaced[3], replaced[4])
    decision = repo.decisions[decision_id]
    for item in items(decision, Action.DEPUTIES):
        assert item.validity is not None and item.validity.from_ == fi_day(start[1])
        assert item.validity.to is None  # toistaiseksi
    (reference_id,) = items(decision, Action.DEPUTIES)[0].replaces
    earlier = repo.records[reference_id]
    assert (getattr(earlier, "date", None), getattr(earlier, "number", None)) == (fi_day(day), int(number))
    assert getattr(earlier, "maker", None) == decision.maker


def test_division_of_duties_gives_each_numbered_office_its_listed_duties(repo: Repository) -> None:
    decision = repo.decisions["ymj-2022-2"]
    (order,) = items(decision, Action.ORDER)
    by_vacancy = {h.vacancy: h for h in order.holders if h.vacancy}
    headings = [b.subheading for s in decision.sections for b in s.body if isinstance(b, SubheadingBlock)]
    numbered = {m[2]: m[1] for h in headings if (m := re.fullmatch(r"(.+) \((\d+)\)", h))}
    assert set(by_vacancy) == set(numbered)
    assert all(by_vacancy[n].office == office for n, office in numbered.items())
    # an office's listed responsibilities are exactly its duties, in order
    body = decision.sections[0].body
    for position, block in enumerate(body[:-1]):
        following = body[position + 1]
        if isinstance(block, SubheadingBlock) and isinstance(following, ListBlock):
            number = re.fullmatch(r".+ \((\d+)\)", block.subheading)
            assert number and by_vacancy[number[1]].duties == following.list
    assert all(holder.duties for holder in order.holders)


def test_division_of_duties_repeals_the_decision_of_2_4_2020(repo: Repository) -> None:
    decision = repo.decisions["ymj-2022-2"]
    text = " ".join(published("ymj-2022-2").split())
    stated = re.search(r"kumotaan .*? (\d+\.\d+\.\d{4}), (\d+) §", text)
    assert stated
    (repeal,) = items(decision, Action.REPEAL)
    (target,) = repeal.objects
    earlier = repo.records[repeal.replaces[0]]
    assert target.reference == repeal.replaces[0]
    assert target.date == fi_day(stated[1]) == getattr(earlier, "date", None)
    assert getattr(earlier, "number", None) == int(stated[2])
    # the deputies of the division are ranked per office stood in for
    (deputies,) = items(decision, Action.DEPUTIES)
    for office in {h.of for h in deputies.holders}:
        assert sorted(h.rank for h in deputies.holders if h.of == office) == [1, 2]


def test_minutes_are_on_display_from_the_stated_day_on_their_legal_basis(repo: Repository) -> None:
    text = " ".join(published("kel-2022-1").split())
    stated = re.search(r"Tämä päätös on voimassa (\d+\.\d+\.\d{4}) alkaen", text)
    assert stated
    (publish,) = repo.decisions["kel-2022-1"].items
    assert publish.action is Action.PUBLISH
    assert publish.validity is not None and publish.validity.from_ == fi_day(stated[1])
    (minutes,) = publish.objects
    assert minutes.address and f"osoitteessa {minutes.address}" in text
    assert publish.legal_basis and "140 §" in publish.legal_basis and "140 §" in text


def test_committees_are_elected_by_an_attachment_whose_names_are_not_invented(repo: Repository) -> None:
    decision = repo.decisions["kh-2021-858"]
    (establish,) = items(decision, Action.ESTABLISH)
    (elect,) = items(decision, Action.ELECT)
    assert establish.count == 6 and "asetti kuusi vaalitoimikuntaa" in published("kh-2021-858")
    assert establish.validity is not None and establish.validity.to is not None
    assert not hasattr(establish.validity.to, "isoformat")  # its term is not stated
    (listing,) = {h.attachment for h in elect.holders}
    assert listing is not None and f"liitteen {listing} mukaisesti" in published("kh-2021-858")
    assert all(h.name is None and h.person is None for h in elect.holders)
    unpublished = [a.number for a in decision.attachments if a.published is False]
    assert unpublished == [listing]


def test_proposal_parts_add_up_to_the_sum_proposed(repo: Repository) -> None:
    decision = repo.decisions["kuva-2021-213"]
    proposal, reservation = items(decision, Action.PROPOSE)
    assert proposal.to == reservation.to == "kaupunginhallitus"
    parts = [a for a in proposal.amounts if a.kind == "part" and "josta" not in (a.about or "")]
    whole = next(a for a in proposal.amounts if a.kind == "appropriation" and a.value < 10**8 // 2)
    assert sum((a.value for a in parts), Decimal(0)) == whole.value
    for amount in proposal.amounts:
        if amount.quote:
            printed = re.findall(r"\d{1,3}(?: \d{3})+", amount.quote)
            assert f"{amount.value:,.0f}".replace(",", " ") in printed
    (adopted,) = items(decision, Action.ADOPT_MOTION)
    motion = next(m for m in decision.motions if m.id == adopted.motion)
    assert reservation.quote[0] in motion.text and motion.outcome == "adopted"


def test_show_json_prints_every_holder_with_rank_and_vacancy() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # list blocks serialise without a pydantic warning
        result = CliRunner().invoke(cli, ["show", "paj-2022-2", "--format", "json", "-C", str(ROOT)])
    assert result.exit_code == 0, result.output
    shown = json.loads(result.output[result.output.index("{") :].split("\n}\n", 1)[0] + "\n}")
    holders = shown["record"]["items"][0]["holders"]
    assert [(h["rank"], h["vacancy"]) for h in holders][:2] == [(1, "028288"), (2, "040656")]


LSJ, PAJ, YMJ = (
    "decisions/2022/lsj-2022-2.yaml",
    "decisions/2022/paj-2022-2.yaml",
    "decisions/2022/ymj-2022-2.yaml",
)
KEL, KH, KUVA = (
    "decisions/2022/kel-2022-1.yaml",
    "decisions/2021/kh-2021-858.yaml",
    "decisions/2021/kuva-2021-213.yaml",
)
# (name, file, old text, new text, the one expected error line)
BROKEN = [
    (
        "quote not in text",
        LSJ,
        "      - Lastensuojelun johtaja päätti, että lastenkodin johtajan sijaisina toimivat sijaantulojärjestyksessä\n",
        "      - Lastensuojelun johtaja päätti, että lastenkodin johtajan sijaisina toimivat virkaiässä\n",
        f"{LSJ}:87:9: error: quote is not in the text of decision 'lsj-2022-2'; the text matches up to "
        "'lastenkodin johtajan sijaisina toimivat' and then differs at 'virkaiässä'",
    ),
    (
        "vacancy not in text",
        LSJ,
        'vacancy: "036931"',
        'vacancy: "036930"',
        f"{LSJ}:79:45: error: vacancy number '036930' is not in the text of decision 'lsj-2022-2'; "
        "copy it as printed",
    ),
    (
        "rank duplicated",
        PAJ,
        "        rank: 2\n",
        "        rank: 1\n",
        f"{PAJ}:72:5: error: items[0]: holders 1 and 2 both have rank 1 for 'kuntouttavan arviointiyksikön "
        "päällikkö'; each place in the order (sijaantulojärjestys) is one holder's",
    ),
    (
        "unknown holder maker",
        PAJ,
        "      - group: lännen palvelualueen johtajan määräämä henkilö\n",
        "      - maker: lannen-palvelualueen-johtja\n        group: lännen palvelualueen johtajan määräämä henkilö\n",
        f"{PAJ}:115:16: error: unknown decision maker or office 'lannen-palvelualueen-johtja'; "
        "did you mean 'lannen-palvelualueen-johtaja'?",
    ),
    (
        "duty not in text",
        YMJ,
        "          - hän on kotieläin- ja tuotantoeläintilojen valvonnan vastuuhenkilö\n",
        "          - hän on tuotantoeläintilojen valvonnan vastuuhenkilö\n",
        f"{YMJ}:206:13: error: quote is not in the text of decision 'ymj-2022-2'; the text matches up to "
        "'hän on' and then differs at 'tuotantoeläintilojen'",
    ),
    (
        "repeal of an unknown decision",
        YMJ,
        "    replaces: [ymj-2020-3]\n",
        "    replaces: [ymj-2020-4]\n",
        f"{YMJ}:296:16: error: unknown decision or reference 'ymj-2020-4'; did you mean 'ymj-2020-3'?",
    ),
    (
        "display ends before it starts",
        KEL,
        "    validity:\n      from: 2022-01-01\n",
        "    validity:\n      from: 2022-01-01\n      to: 2021-12-31\n",
        f"{KEL}:76:7: error: items[0].validity: validity ends (2021-12-31) before it starts (2022-01-01)",
    ),
    (
        "members in a missing attachment",
        KH,
        "{group: jäsenet, role: jäsen, of: vaalitoimikunnat, attachment: 2}",
        "{group: jäsenet, role: jäsen, of: vaalitoimikunnat, attachment: 3}",
        f"{KH}:146:73: error: this decision has no attachment 3 (its attachments: 1, 2)",
    ),
    (
        "adopts an unknown motion",
        KUVA,
        "    motion: kuva-2021-213.arhinmaki\n",
        "    motion: kuva-2021-213.arhinmaki-2\n",
        f"{KUVA}:233:13: error: unknown motion of this decision 'kuva-2021-213.arhinmaki-2'; "
        "did you mean 'kuva-2021-213.arhinmaki'?",
    ),
]


@pytest.mark.parametrize("name, path, old, new, expected", BROKEN, ids=[b[0] for b in BROKEN])
def test_broken_variant_gives_one_located_message(
    name: str,
    path: str,
    old: str,
    new: str,
    expected: str,
    records: Path,
    edit: Callable[[str, str, str], Path],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    edit(path, old, new)
    monkeypatch.chdir(records)
    result = CliRunner().invoke(cli, ["validate", path])
    assert [line for line in result.output.splitlines() if ": error: " in line] == [expected]
    assert result.exit_code == 1
    assert "Traceback" not in result.output

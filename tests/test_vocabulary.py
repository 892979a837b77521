"""The decision-item vocabulary's documentation cannot drift from the
model: every action has an example quoted from a published decision
(docs/item-examples.yaml), every example is a valid item, motion or vote,
and every value of every enum reaches the JSON Schema with its
description, where editors show it."""

from __future__ import annotations

import enum
from collections.abc import Iterator
from typing import Any

import jsonschema
import pytest
from pydantic import BaseModel

from govdocs.docs import _collect, decision_schema, item_examples, registry_schema
from govdocs.model.common import member_docs
from govdocs.model.decision import Decision, FollowUp
from govdocs.model.items import Action, Item, Motion, Vote
from govdocs.model.registry import Registry
from govdocs.read.yamlsource import load_text
from tests.reference import reference
from tests.render_helpers import squash

EXAMPLES = item_examples()
ITEMS = {entry["action"]: entry for entry in EXAMPLES["items"]}
MODELS: dict[str, type[BaseModel]] = {"motion": Motion, "vote": Vote}
SCHEMAS = (decision_schema(), registry_schema())


def test_every_action_has_one_example_in_the_order_of_the_vocabulary() -> None:
    assert [entry["action"] for entry in EXAMPLES["items"]] == [action.value for action in Action]


@pytest.mark.parametrize("action", [a.value for a in Action])
def test_each_example_is_an_item_of_its_action_or_says_why_there_is_none(action: str) -> None:
    entry = ITEMS[action]
    if "missing" in entry:
        assert set(entry) == {"action", "missing"} and len(entry["missing"]) > 20
        return
    data = load_text(entry["item"], f"{action} example").data
    item = Item.model_validate(data)
    assert item.action == action
    # and the JSON Schema editors check with accepts it too
    jsonschema.validate(data, {"$defs": SCHEMAS[0]["$defs"], "$ref": "#/$defs/Item"})


@pytest.mark.parametrize("action", [a for a, e in ITEMS.items() if "missing" not in e])
def test_each_item_example_quotes_its_source_word_for_word(action: str) -> None:
    entry = ITEMS[action]
    item = Item.model_validate(load_text(entry["item"], f"{action} example").data)
    _assert_in_source(entry["source"], _item_quotes(item))


@pytest.mark.parametrize("n", range(len(EXAMPLES["handling"])))
def test_each_motion_and_vote_example_is_valid_and_quotes_its_source(n: int) -> None:
    entry = EXAMPLES["handling"][n]
    model = MODELS[entry["kind"]]
    data = load_text(entry["text"], "handling example").data
    fact = model.model_validate(data)
    jsonschema.validate(data, {"$defs": SCHEMAS[0]["$defs"], "$ref": f"#/$defs/{model.__name__}"})
    if isinstance(fact, Motion):
        quoted = [fact.text, fact.proposer, *fact.seconders, *([fact.quote] if fact.quote else [])]
    else:
        assert isinstance(fact, Vote)
        quoted = [fact.jaa, fact.ei, *(voter.name for voter in fact.voters)]
        quoted += [fact.quote] if fact.quote else []
    _assert_in_source(entry["source"], [q for q in quoted if q])


def test_a_vote_example_whose_counts_differ_from_its_voters_is_refused() -> None:
    vote = next(e for e in EXAMPLES["handling"] if e["kind"] == "vote")
    data = load_text(vote["text"], "vote example").data
    data["counts"]["jaa"] += 1
    with pytest.raises(ValueError, match="counts say jaa 10 but 9 voter"):
        Vote.model_validate(data)


def _item_quotes(item: Item) -> Iterator[str]:
    yield from item.quote
    yield from item.conditions
    yield from (amount.quote for amount in item.amounts if amount.quote)
    if item.validity is not None and item.validity.condition:
        yield item.validity.condition


def _assert_in_source(source: str, quotes: Any) -> None:
    text = squash(reference(source).read_text(encoding="utf-8"))
    missing = [quote for quote in quotes if squash(quote) not in text]
    assert missing == [], f"not word for word in {source}"


def _enums() -> dict[str, type[enum.Enum]]:
    seen: dict[str, type] = {}
    for root in (Decision, FollowUp, Registry):
        _collect(root, seen)
    return {name: tp for name, tp in seen.items() if issubclass(tp, enum.Enum)}


@pytest.mark.parametrize("name", sorted(_enums()))
def test_every_enum_value_reaches_the_schema_with_its_description(name: str) -> None:
    cls = _enums()[name]
    definition = next(s["$defs"][name] for s in SCHEMAS if name in s["$defs"])
    docs = member_docs(cls)
    assert definition["enum"] == [member.value for member in cls]
    assert definition["enumDescriptions"] == [docs[member.value] for member in cls]
    assert all(definition["enumDescriptions"]), f"a value of {name} has no docstring"


def test_a_value_docstring_over_two_lines_is_one_description() -> None:
    assert member_docs(Action)["delegate"] == (
        "siirtää toimivaltaa, oikeuttaa: give a right to decide or act, alongside "
        "or instead of its holder (give holders, validity, conditions, limits)"
    )

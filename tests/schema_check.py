"""Validation against the shared open-data JSON Schemas (OParl, Popolo):
every schema file of a folder registered under its own id (and its file
name), so ``$ref`` between the files resolve through a referencing
Registry; formats checked."""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from jsonschema import Draft3Validator, Draft7Validator
from jsonschema.protocols import Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT3, DRAFT7

from tests.reference import schemas

DRAFTS = {"popolo": (Draft3Validator, DRAFT3), "oparl-1.1": (Draft7Validator, DRAFT7)}
"""Popolo's files say draft-03; OParl's say no draft (read as draft 7)."""


@cache
def _loaded(folder: str) -> tuple[dict[str, dict[str, Any]], Registry]:
    found = {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in schemas(folder).glob("*.json")}
    spec = DRAFTS[folder][1]
    resources = []
    for stem, schema in found.items():
        resource = Resource(schema, specification=spec)
        resources.append((f"{stem}.json", resource))
        if isinstance(schema.get("id"), str):
            resources.append((schema["id"].rstrip("#"), resource))
    return found, Registry().with_resources(resources)


def problems(folder: str, name: str, value: Any) -> list[str]:
    """Every way ``value`` breaks schema ``name`` of ``folder``, one line each."""
    found, registry = _loaded(folder)
    cls = DRAFTS[folder][0]
    validator: Validator = cls(found[name], registry=registry, format_checker=cls.FORMAT_CHECKER)
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(value)]

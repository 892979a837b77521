"""Rules of a repository that holds several municipalities: each one has
its id, a registry id names one entry across all of them, and a record
names only its own municipality's organisations, bodies, people and
functions (a decision of Turku never transfers to a Helsinki office)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Annotated, Any, get_args, get_origin

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from govdocs.model.common import ID_PATTERN
from govdocs.problems import Problem
from govdocs.repository import REGISTRY_SECTIONS, Origin, Repository


def municipality_ids(repo: Repository) -> Iterable[Problem]:
    """With further municipalities, each needs an id, a member's the name
    of its file, and no two the same."""
    if not repo.members:
        return
    seen: dict[str, str] = {}
    for index, (registry, doc) in enumerate(repo.registries):
        origin = Origin(doc, ("municipality",))
        mid = registry.municipality.id
        expected = repo.registry.municipalities[index - 1] if index else None
        if mid is None:
            yield origin.problem(
                f"the repository holds several municipalities, so this one needs an id "
                f"(id: {expected or 'helsinki'})", key=True, code="municipality-id")
        elif expected is not None and mid != expected:
            yield origin.problem(
                f"municipality id '{mid}' differs from its file name '{expected}.yaml'", "id",
                code="municipality-id")
        elif mid in seen:
            yield origin.problem(f"municipality id '{mid}' is already used by {seen[mid]}", "id",
                                 code="municipality-id")
        if mid is not None:
            seen.setdefault(mid, doc.file)


def registry_ids_unique(repo: Repository) -> Iterable[Problem]:
    """An id names one organisation (body, person, function) in the whole
    repository: the same id in two municipalities' registries is an error
    at the later one."""
    if not repo.members:
        return
    for index, (registry, doc) in enumerate(repo.registries):
        for section in REGISTRY_SECTIONS:
            for position, item in enumerate(getattr(registry, section)):
                first = repo.registry_part(section, item.id)
                if first is not None and first != index:
                    other = repo.registries[first][0].municipality
                    at = repo.registry_origin(section, item.id).where("id")
                    yield Origin(doc, (section, position)).problem(
                        f"id '{item.id}' is already {_name(other)}'s ({at}); ids are unique across "
                        f"the repository's municipalities (e.g. '{registry.municipality.id}-{item.id}')",
                        "id", code="duplicate-id", related=(at,))


def foreign_references(repo: Repository) -> Iterable[Problem]:
    """A record names only its own municipality's registry entries."""
    if not repo.members:
        return
    owners: dict[str, int] = {}
    for section in REGISTRY_SECTIONS:
        for item_id in _ids(repo, section):
            part = repo.registry_part(section, item_id)
            if part is not None:
                owners.setdefault(item_id, part)
    for rid in (*repo.decisions, *repo.meetings, *repo.followups):
        own = repo.registry_of(rid)
        origin = repo.origins[rid]
        for path, value in _strings(repo.records[rid], ()):
            part = owners.get(value)
            if part is None or repo.registries[part][0] is own:
                continue
            other = repo.registries[part][0].municipality
            yield origin.problem(
                f"'{value}' is {_name(other)}'s, but this record belongs to {_name(own.municipality)} "
                "(the municipality of its decision maker); a record names only its own "
                "municipality's organisations, bodies, people and functions",
                *path, code="foreign-reference")


def _has_models(value: Any) -> bool:
    return isinstance(value, list) and any(isinstance(v, BaseModel) for v in value)


def _ids(repo: Repository, section: str) -> Iterator[str]:
    for registry, _ in repo.registries:
        for item in getattr(registry, section):
            yield item.id


def _name(municipality: Any) -> str:
    return str(municipality.short_name or municipality.name.fi)


def _id_pattern(metadata: Iterable[Any]) -> bool:
    for m in metadata:
        nested = isinstance(m, FieldInfo) and _id_pattern(m.metadata)
        if nested or getattr(m, "pattern", None) == ID_PATTERN:
            return True
    return False


def _is_id(annotation: Any) -> bool:
    """The annotation is an `Id` (or holds one: `Id | None`, `list[Id]`)."""
    if get_origin(annotation) is Annotated:
        return _id_pattern(annotation.__metadata__)
    return any(_is_id(arg) for arg in get_args(annotation))


def _id_field(info: FieldInfo) -> bool:
    return _id_pattern(info.metadata) or _is_id(info.annotation)


def _strings(value: Any, path: tuple[str | int, ...]) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """Every string of an id field inside a record, with its path as written
    (field aliases): free text (a title 'kaupunginjohtaja' printed beside a
    name) may equal another municipality's id without naming it."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, BaseModel):
        for name, info in type(value).model_fields.items():
            field = getattr(value, name)
            if isinstance(field, str | list) and not _id_field(info) and not _has_models(field):
                continue
            yield from _strings(field, (*path, info.alias or name))
    elif isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            yield from _strings(item, (*path, index))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, (*path, str(key)))


MUNICIPALITY_RULES = [municipality_ids, registry_ids_unique, foreign_references]

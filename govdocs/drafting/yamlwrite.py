"""Writing records back: YAML as govdocs writes it, and replacing only the
generated sections of an existing file so the rest (its comments, its
quoting, its order, the sections the secretary wrote) stays exactly as it
was, byte for byte."""

from __future__ import annotations

import copy
import io
from typing import Any

import yaml
from ruamel.yaml import YAML

from govdocs.model.decision import ListBlock, NumberedBlock, Section, SubheadingBlock, TableBlock


class _Dumper(yaml.SafeDumper):
    """Block style with list items indented under their key, as in the
    hand-written records."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> Any:
        return super().increase_indent(flow, False)


def dump(data: Any) -> str:
    """YAML block style, Finnish letters as they are, keys in given order."""
    return yaml.dump(
        data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=88, default_flow_style=False
    )


def block_data(block: Any) -> Any:
    """One block as a record file holds it."""
    if isinstance(block, ListBlock):
        return {"list": list(block.list)}
    if isinstance(block, NumberedBlock):
        return {"numbered": list(block.numbered)}
    if isinstance(block, SubheadingBlock):
        return {"subheading": block.subheading}
    if isinstance(block, TableBlock):
        return {"table": block.table.model_dump(mode="json")}
    return block


def section_data(section: Section) -> dict[str, Any]:
    """A section as a record file holds it (marker first, so it is seen)."""
    data: dict[str, Any] = {"kind": str(section.kind)}
    if section.heading:
        data["heading"] = section.heading
    if section.generated:
        data["generated"] = section.generated
    if section.publicity is not None:
        data["publicity"] = section.publicity.model_dump(mode="json", by_alias=True, exclude_none=True)
    data["body"] = [block_data(b) for b in section.body]
    return data


class SpliceError(ValueError):
    """The file cannot be rewritten in place (no ``sections:`` list, or the
    result would not read back as intended)."""


def splice_sections(
    text: str, replacements: dict[int, Section], where: tuple[str, ...] = ("sections",)
) -> str:
    """``text`` with the items numbered in ``replacements`` of the sections
    list at ``where`` (``sections:``, or ``sv:`` → ``sections:`` for the
    Swedish version) rewritten and every other byte (comments, quoting,
    order, the other sections) as it was. The file is read in ruamel.yaml's
    round-trip mode for the items' exact places; only those lines are
    replaced, and the result is read back to prove it holds what was meant."""
    rt = YAML(typ="rt")
    document = rt.load(text)
    parents = _parents(document, where)
    found = parents[-1].get(where[-1]) if parents else None
    if not isinstance(found, list) or not found or not all(0 <= i < len(found) for i in replacements):
        raise SpliceError(f"the file has no '{'.'.join(where)}:' list to rewrite")
    items: Any = found  # a ruamel CommentedSeq: it knows where each item is
    lines = text.splitlines(keepends=True)
    for index in sorted(replacements, reverse=True):
        start, dash = _item_start(lines, *items.lc.item(index))
        end = _item_end(lines, parents, where, items, index)
        new = _emit(section_data(replacements[index]), dash)
        lines[start:end] = [new]
    result = "".join(lines)
    _verify(text, result, where, {i: section_data(s) for i, s in replacements.items()})
    return result


def _parents(document: Any, where: tuple[str, ...]) -> list[Any]:
    """The mappings from the document down to the one holding ``where[-1]``
    (empty when the path is not there)."""
    parents = [document]
    for key in where[:-1]:
        child = parents[-1].get(key) if isinstance(parents[-1], dict) else None
        if not isinstance(child, dict):
            return []
        parents.append(child)
    return parents if isinstance(parents[-1], dict) else []


def _item_start(lines: list[str], line: int, column: int) -> tuple[int, int]:
    """The line and column of the ``-`` that starts the item whose value is at (line, column)."""
    for number in range(line, -1, -1):
        head = lines[number][: column if number == line else len(lines[number])]
        dash = head.rstrip().rfind("-")
        if dash >= 0 and head[:dash].strip() == "" and head[dash + 1 :].strip() == "":
            return number, dash
    raise SpliceError("a section item without its '-'")


def _after(lines: list[str], parents: list[Any], where: tuple[str, ...]) -> int:
    """The line where what follows key ``where[-1]`` begins: the next key
    of its mapping, else what follows that mapping, else the end."""
    keys = list(parents[-1].keys())
    after = keys.index(where[-1]) + 1
    if after < len(keys):
        return int(parents[-1].lc.key(keys[after])[0])
    if len(parents) == 1:
        return len(lines)
    return _after(lines, parents[:-1], where[:-1])


def _item_end(lines: list[str], parents: list[Any], where: tuple[str, ...], items: Any, index: int) -> int:
    """The line after the item's last line. Blank lines and comments just
    before the next item or key belong to what follows."""
    if index + 1 < len(items):
        end = _item_start(lines, *items.lc.item(index + 1))[0]
    else:
        end = _after(lines, parents, where)
    start = items.lc.item(index)[0]
    while end - 1 > start and (not lines[end - 1].strip() or lines[end - 1].lstrip().startswith("#")):
        end -= 1
    return end


def _emit(data: dict[str, Any], dash: int) -> str:
    """One section item, its ``-`` at column ``dash``; lists inside it
    indented the way the file indents the sections list."""
    rt = YAML(typ="rt")
    rt.width = 88
    if dash > 0:
        rt.indent(mapping=2, sequence=4, offset=2)
    else:
        rt.indent(mapping=2, sequence=2, offset=0)
    out = io.StringIO()
    rt.dump({"sections": [data]}, out)
    body = out.getvalue().splitlines(keepends=True)[1:]
    shift = dash - (2 if dash > 0 else 0)
    return "".join((" " * shift + line) if line.strip() else line for line in body)


def _verify(old: str, new: str, where: tuple[str, ...], replaced: dict[int, dict[str, Any]]) -> None:
    before, after = yaml.safe_load(old), yaml.safe_load(new)
    expected = copy.deepcopy(before)
    holder = expected
    for key in where[:-1]:
        holder = holder[key]
    holder[where[-1]] = [replaced.get(i, s) for i, s in enumerate(holder[where[-1]])]
    if _plain(after) != _plain(expected):
        raise SpliceError("rewriting the sections in place would change other parts of the file")


def _plain(value: Any) -> Any:
    """Data as YAML reads it back (section data holds plain str/dict/list)."""
    return yaml.safe_load(dump(value)) if not isinstance(value, str) else value

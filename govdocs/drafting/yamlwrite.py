"""Writing records back: YAML as govdocs writes it, and replacing only the
``sections:`` part of an existing file so the rest (and its comments)
stays exactly as the secretary wrote it."""

from __future__ import annotations

import re
from typing import Any

import yaml

from govdocs.model.decision import ListBlock, NumberedBlock, Section, SubheadingBlock


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


_TOP_KEY = re.compile(r"^[^\s#-][^:]*:")


def splice_sections(text: str, sections: list[Section]) -> str:
    """``text`` with its top-level ``sections:`` value replaced."""
    lines = text.splitlines(keepends=True)
    start = next((i for i, line in enumerate(lines) if line.startswith("sections:")), None)
    if start is None:
        raise ValueError("the file has no top-level 'sections:' key")
    end = next((i for i in range(start + 1, len(lines)) if _TOP_KEY.match(lines[i])), len(lines))
    # Blank lines and comments just before the next key belong to that key.
    while end - 1 > start and (not lines[end - 1].strip() or lines[end - 1].startswith("#")):
        end -= 1
    new = dump({"sections": [section_data(s) for s in sections]})
    return "".join(lines[:start]) + new + "".join(lines[end:])

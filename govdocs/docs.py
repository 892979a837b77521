"""Documentation generated from the code, never written twice by hand:
the JSON Schemas and docs/records.md from the models, docs/cli.md from
the click commands. ``python -m govdocs.docs`` rewrites them; a test
fails when a committed copy is stale."""

from __future__ import annotations

import enum
import inspect
import json
import sys
import types
import typing
from pathlib import Path
from typing import Any

from pydantic import BaseModel, TypeAdapter
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import core_schema

from govdocs.model import items
from govdocs.model import layout as layout_module
from govdocs.model.common import member_docs
from govdocs.model.decision import Decision, FollowUp
from govdocs.model.layout import Layout
from govdocs.model.meeting import Meeting
from govdocs.model.records import RecordFile
from govdocs.model.registry import Registry
from govdocs.read.layouts import SHIPPED_LAYOUTS

DOCS = Path(__file__).resolve().parents[1] / "docs"
EXAMPLES = DOCS / "item-examples.yaml"
"""One example item per action, and motions and a vote, each quoted from a
published decision; read into docs/records.md and checked by the tests."""


class SchemaWithValueDocs(GenerateJsonSchema):
    """JSON Schema whose enums carry each value's docstring in
    ``enumDescriptions``, beside ``enum`` in the same order: the key the
    YAML language server (and VS Code's JSON service) shows for each value
    in completion and on hover. Validators ignore the unknown keyword."""

    def enum_schema(self, schema: core_schema.EnumSchema) -> JsonSchemaValue:
        result = super().enum_schema(schema)
        docs = member_docs(schema["cls"])
        if docs:
            result["enumDescriptions"] = [docs.get(str(value), "") for value in result["enum"]]
        return result


def decision_schema() -> dict[str, Any]:
    schema = TypeAdapter(RecordFile).json_schema(by_alias=True, schema_generator=SchemaWithValueDocs)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "govdocs record file (decision, follow-up or meeting)"
    return schema


def registry_schema() -> dict[str, Any]:
    schema = Registry.model_json_schema(by_alias=True, schema_generator=SchemaWithValueDocs)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema


def _type_name(tp: Any) -> str:
    origin = typing.get_origin(tp)
    if origin is typing.Annotated:
        return _type_name(typing.get_args(tp)[0])
    if origin in (typing.Union, types.UnionType):
        return " or ".join(_type_name(a) for a in typing.get_args(tp) if a is not type(None))
    if origin is list:
        return f"list of {_type_name(typing.get_args(tp)[0])}"
    if origin is dict:
        return f"mapping of {_type_name(typing.get_args(tp)[1])}"
    if origin is typing.Literal:
        return " / ".join(f"`{a}`" for a in typing.get_args(tp))
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return f"[{tp.__name__}](#{tp.__name__.lower()})"
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return f"[{tp.__name__}](#{tp.__name__.lower()})"
    names = {"str": "text", "int": "number", "bool": "true/false", "date": "date", "NoneType": "empty"}
    return names.get(getattr(tp, "__name__", str(tp)), getattr(tp, "__name__", str(tp)))


def _collect(tp: Any, seen: dict[str, type]) -> None:
    origin = typing.get_origin(tp)
    if origin is not None:
        for arg in typing.get_args(tp):
            _collect(arg, seen)
        return
    if isinstance(tp, type) and issubclass(tp, BaseModel | enum.Enum) and tp.__name__ not in seen:
        seen[tp.__name__] = tp
        if issubclass(tp, BaseModel):
            for info in tp.model_fields.values():
                _collect(info.annotation, seen)


def records_reference() -> str:
    """docs/records.md: every record model, field and enum value."""
    seen: dict[str, type] = {}
    for root in (Decision, FollowUp, Meeting, Registry):
        _collect(root, seen)
    out = [
        "# Record format reference",
        "",
        "Generated from the models in `govdocs/model/` by `python -m govdocs.docs`; do not edit.",
        "Each decision lives in its own file under `decisions/<year>/`, a body's meeting in",
        "`decisions/<year>/<body>/` beside the decisions on its agenda; `registry.yaml` sits at",
        "the root. Dates are written `2016-01-07` or `7.1.2016`. Where the source does not state a",
        "fact, write `{not_stated: why, assumed: DATE, basis: why}` instead of inventing it.",
        "",
        "A repository can hold several municipalities: `registry.yaml` lists the further ones",
        "(`municipalities: [espoo, turku]`), each with a registry of the same format in",
        "`registries/<id>.yaml`. Registry ids are unique across all of them (`turku-kaupunginhallitus`);",
        "a record belongs to the municipality of its decision maker and names only that",
        "municipality's organisations, bodies, people and functions. Queries take",
        "`--municipality ID` to answer for one of them.",
        "",
    ]
    out += _tables(seen)
    return "\n".join(out)


def _tables(seen: dict[str, type]) -> list[str]:
    """A reference table of each model (key, type, required, meaning) and
    each enum (value, meaning), in the order collected."""
    out: list[str] = []
    for name, tp in seen.items():
        if tp is items.Item:
            out += decision_items()
        out += [f"## {name}", "", (tp.__doc__ or "").strip().replace("\n    ", "\n"), ""]
        if issubclass(tp, enum.Enum):
            out += ["| value | meaning |", "|---|---|"]
            docs = member_docs(tp)
            for member in tp:
                doc = docs.get(str(member.value), "").replace("|", "\\|")
                out.append(f"| `{member.value}` | {doc} |")
        else:
            out += ["| key | type | required | meaning |", "|---|---|---|---|"]
            for field, info in tp.model_fields.items():  # type: ignore[attr-defined]
                key = info.alias or field
                desc = (info.description or "").replace("\n", " ").replace("|", "\\|")
                required = "yes" if info.is_required() else ""
                out.append(f"| `{key}` | {_type_name(info.annotation)} | {required} | {desc} |")
        out.append("")
    return out


def item_examples() -> dict[str, Any]:
    """docs/item-examples.yaml, read the way records are read."""
    from govdocs.read.yamlsource import load_file

    data: dict[str, Any] = load_file(EXAMPLES).data
    return data


def decision_items() -> list[str]:
    """The "Decision items" section: the items module's account of the
    vocabulary, then each example as it would stand in a record."""
    examples = item_examples()
    out = ["## Decision items", "", inspect.cleandoc(items.__doc__ or ""), ""]
    out += ["### One example of each action", ""]
    out += [
        "Each is quoted word for word from a published decision (the file in the reference folder",
        "is named after it) and kept in `docs/item-examples.yaml`, where the tests check that it is",
        "a valid item and that its quotes are in that text.",
        "",
    ]
    for entry in examples["items"]:
        out += [f"#### `{entry['action']}`", ""]
        if "missing" in entry:
            out += [f"No example yet. {' '.join(entry['missing'].split())}", ""]
            continue
        out += [f"From {' '.join(entry['decision'].split())} (`{entry['source']}`):", ""]
        out += ["```yaml", "items:", *_listed(entry["item"]), "```", ""]
    out += ["### Motions and a vote", ""]
    for entry in examples["handling"]:
        out += [f"From {' '.join(entry['decision'].split())} (`{entry['source']}`):", ""]
        out += ["```yaml", f"{entry['kind']}s:", *_listed(entry["text"]), "```", ""]
    return out


def _listed(text: str) -> list[str]:
    """A mapping's lines as the first entry of a YAML list."""
    lines = text.rstrip("\n").split("\n")
    return ["  - " + lines[0], *(("    " + line).rstrip() for line in lines[1:])]


def cli_reference() -> str:
    """docs/cli.md: every command's --help."""
    import click

    from govdocs.cli import COMMANDS, cli

    out = [
        "# Command reference",
        "",
        "Generated from the click commands by `python -m govdocs.docs`; do not edit.",
        "",
    ]
    # fixed width: the terminal's would make the file differ between machines
    # click caches each command's help option from the first context that
    # asks, so give the same help option names as `govdocs` itself does
    ctx = click.Context(
        cli,
        info_name="govdocs",
        terminal_width=100,
        max_content_width=100,
        help_option_names=cli.context_settings.get("help_option_names", ["--help"]),
    )
    out += ["## govdocs", "", "```", cli.get_help(ctx), "```", ""]
    for name in sorted(COMMANDS):
        command = cli.get_command(ctx, name)
        assert command is not None
        sub = click.Context(command, info_name=f"govdocs {name}", parent=ctx)
        out += [f"## govdocs {name}", "", "```", command.get_help(sub), "```", ""]
        if isinstance(command, click.Group):  # its subcommands, each with its own help
            for part in command.list_commands(sub):
                inner = command.get_command(sub, part)
                assert inner is not None
                leaf = click.Context(inner, info_name=part, parent=sub)
                out += [f"### govdocs {name} {part}", "", "```", inner.get_help(leaf), "```", ""]
    return "\n".join(out)


def layout_schema() -> dict[str, Any]:
    schema = Layout.model_json_schema(by_alias=True, schema_generator=SchemaWithValueDocs)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema


def layouts_reference() -> str:
    """docs/layouts.md: the layout profile format."""
    seen: dict[str, type] = {}
    _collect(Layout, seen)
    out = [
        "# Layout profiles",
        "",
        "Generated from `govdocs/model/layout.py` by `python -m govdocs.docs`; do not edit.",
        "",
        (layout_module.__doc__ or "").strip(),
        "",
        "The shipped profiles are `templates/layouts/helsinki.yaml` (and those beside it); a",
        "repository's own `layouts/<name>.yaml` is read first, so a municipality can add or",
        "override one without touching code. A profile is schema-checked like every record: a",
        "mistake is a located error (`layouts/oma.yaml:9:15: error: parts[1]: expected one of",
        "...`), a name no profile has is [`unknown-layout`](errors.md#unknown-layout). The",
        "schema is `docs/layout.schema.json`.",
        "",
        "Turku's profile (`templates/layouts/turku.yaml`) shows the parts of a case handled",
        "several times: the table of handlings, the earlier handlings' texts from their own records",
        "(`history[].decision`) under their marks, the presenter's line before the proposal, every",
        "handling's attachments and its own wording of labels (`labels: {fi: {...}}`).",
        "",
        "Espoo's profile (`templates/layouts/espoo.yaml`) shows the options of a page that",
        "prints every part of an item in one run: the item's own header (`item_header`), the",
        "index of its files (`attachment_index`, `index_sections`), the diary number and task code",
        "on lines of their own (`task_code_line`), the earlier handlings as lines",
        "(`earlier_handlings`, `earlier_handling`), the presenter on the proposal's heading line",
        "(`presenter_in_proposal`), the numbered attachments between the decision and Selostus",
        "(`split_before`), the empty Tiedoksi (`empty_for_information`), and the same anatomy for",
        "an agenda item without a decision record (`agenda_parts`).",
        "",
        "Example (Helsinki's):",
        "",
        "```yaml",
        (SHIPPED_LAYOUTS / "helsinki.yaml").read_text(encoding="utf-8").rstrip(),
        "```",
        "",
    ]
    return "\n".join(out + _tables(seen))


def schema_text(kind: str) -> str:
    """The JSON Schema file of ``kind`` ('decision', 'registry' or
    'layout'), as committed here and as `govdocs init` writes it into a
    records repository."""
    schemas = {"decision": decision_schema, "registry": registry_schema, "layout": layout_schema}
    return json.dumps(schemas[kind](), ensure_ascii=False, indent=2) + "\n"


def generated() -> dict[Path, str]:
    """Every generated file and its expected content."""
    from govdocs.drafting.init import workflow_text

    return {
        DOCS / "records.md": records_reference(),
        DOCS / "cli.md": cli_reference(),
        DOCS / "decision.schema.json": schema_text("decision"),
        DOCS / "registry.schema.json": schema_text("registry"),
        DOCS / "layout.schema.json": schema_text("layout"),
        DOCS / "layouts.md": layouts_reference(),
        DOCS / "ci" / "github-actions.yml": workflow_text(),
    }


def main() -> int:
    DOCS.mkdir(exist_ok=True)
    for path, content in generated().items():
        path.write_text(content, encoding="utf-8")
        print(f"wrote {path.relative_to(DOCS.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

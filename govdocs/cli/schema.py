"""govdocs schema"""

from __future__ import annotations

import json

import click


@click.command()
@click.option("--registry", is_flag=True, help="The schema of registry.yaml instead.")
def schema(registry: bool) -> None:
    """Print the JSON Schema of a decision file (or of registry.yaml).

    Editors with the YAML language server autocomplete and check records
    as they are typed: put the schema in the repository and start a record
    with a modeline.

    \b
    Examples:
      govdocs schema > docs/decision.schema.json
      govdocs schema --registry > docs/registry.schema.json
      # first line of a record:
      # yaml-language-server: $schema=../../docs/decision.schema.json
    """
    from govdocs.docs import decision_schema, registry_schema

    click.echo(json.dumps(registry_schema() if registry else decision_schema(), ensure_ascii=False, indent=2))

"""govdocs show"""

from __future__ import annotations

from pathlib import Path

import click

from govdocs.cli import complete
from govdocs.cli.common import (
    answer_format,
    decision_id,
    echo_json,
    open_repository,
    records_root,
    repo_option,
    require_clean,
)


@click.command()
@click.argument("target", metavar="ID|PATH", shell_complete=complete.decisions)
@repo_option
@answer_format()
def show(target: str, repo: Path | None, fmt: str) -> None:
    """Show one record (a decision, transfer, obligation, mandate, ...)
    with its quotes, and every record that refers to it. A decision can be
    named by its file too.

    \b
    Examples:
      govdocs show kj-2016-59
      govdocs show kj-2016-59.typ
      govdocs show decisions/2016/kj-2016-59.yaml --format json
    """
    from govdocs.describe import decision_parts, describe
    from govdocs.errors import UsageError
    from govdocs.model.decision import Decision
    from govdocs.problems import did_you_mean
    from govdocs.repository import referrers

    records = open_repository(records_root(repo, [target]))
    require_clean(records)
    record_id = decision_id(target)
    if record_id not in records.records:
        raise UsageError(f"no record '{record_id}'{did_you_mean(record_id, records.records)}")
    if fmt == "text":
        click.echo(describe(records, record_id))
        return
    record = records.records[record_id]
    parts = decision_parts(records, record) if isinstance(record, Decision) else {}
    echo_json(
        {
            "id": record_id,
            "type": type(record).__name__,
            "where": records.where(record_id),
            "record": record,
            **parts,
            "referred_to_by": [
                {"id": rid, "where": records.where(rid), "how": how}
                for rid, how in referrers(records, record_id)
            ],
        }
    )

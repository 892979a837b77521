"""govdocs serve"""

from __future__ import annotations

from pathlib import Path

import click

from govdocs.cli.common import PATH_ARG


@click.command()
@PATH_ARG
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8000,
    show_default=True,
    help="Port on 127.0.0.1 (0: any free one).",
)
def serve(path: Path, port: int) -> None:
    """Preview the decisions of PATH in the browser, on this machine only.

    Shows each decision as rendered (generated sections expanded from the
    current data), its PDF on request, and every problem with file and
    line. The page reloads by itself when a record, registry.yaml or a
    template changes. Stop with Ctrl-C.

    \b
    Examples:
      govdocs serve
      govdocs serve records/ --port 8765
    """
    from govdocs.drafting.preview import HOST, make_server
    from govdocs.read.loader import NoRegistry, find_root

    try:
        root = find_root(path)
    except NoRegistry as exc:
        raise click.UsageError(f"{exc}; run govdocs inside a records repository") from None
    server = make_server(root, port)
    click.echo(f"Serving {root} at http://{HOST}:{server.server_port}/ (Ctrl-C stops)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()

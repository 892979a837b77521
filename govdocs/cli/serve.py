"""govdocs serve"""

from __future__ import annotations

import errno
from pathlib import Path

import click

from govdocs.cli.common import LANG, legacy_folder_argument, records_root, repo_option


@click.command()
@legacy_folder_argument
@repo_option
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8000,
    show_default=True,
    help="Port on 127.0.0.1 (0: any free one).",
)
@LANG
def serve(repo: Path | None, port: int, lang: str | None) -> None:
    """Preview the decisions of the repository in the browser, on this
    machine only.

    Shows each decision as rendered (generated sections expanded from the
    current data), its PDF on request, and every problem with file and
    line. The page reloads by itself when a record, registry.yaml or a
    template changes. Stop with Ctrl-C. A port in use is an error (exit 1).

    \b
    Examples:
      govdocs serve
      govdocs serve -C records/ --port 8765
      govdocs serve --lang sv
    """
    from govdocs.drafting.preview import HOST, make_server
    from govdocs.errors import EnvironmentFailure
    from govdocs.read.loader import find_root

    root = find_root(records_root(repo))
    try:
        server = make_server(root, port, lang)
    except OSError as exc:  # say which port, not only the system's words
        hint = "; give another with --port (0: any free one)" if exc.errno == errno.EADDRINUSE else ""
        raise EnvironmentFailure(f"cannot listen on {HOST}:{port}: {exc.strerror}{hint}") from None
    click.echo(f"Serving {root} at http://{HOST}:{server.server_port}/ (Ctrl-C stops)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()

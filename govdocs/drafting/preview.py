"""The live preview behind `govdocs serve`: a loopback-only web server that
shows a decision as the HTML writer renders it (its generated sections
expanded from the current data), the PDF on request, and every problem
with file and line. The page polls a version token made from the records'
and templates' modification times and reloads itself when it changes."""

from __future__ import annotations

import hashlib
import html
import json
import re
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote

from govdocs.api import validate
from govdocs.drafting.check import locate
from govdocs.drafting.kinds import kind_dirs, repository_kinds
from govdocs.drafting.phrasing import generate, words
from govdocs.problems import Problem, RecordsInvalid
from govdocs.repository import Repository
from govdocs.resources import TEMPLATES_DIR

HOST = "127.0.0.1"
"""Loopback only: drafts are not public until signed."""

_RELOAD = """<script>
(function () {
  var seen = %s;
  function poll() {
    fetch("/version", {cache: "no-store"}).then(function (r) { return r.text(); }).then(function (v) {
      if (v !== seen) { location.reload(); } else { setTimeout(poll, 300); }
    }).catch(function () { setTimeout(poll, 1000); });
  }
  setTimeout(poll, 300);
})();
</script>"""


def version(root: Path) -> str:
    """A token that changes whenever a record, registry.yaml or a template
    (govdocs' own or the repository's) changes."""
    digest = hashlib.sha256()
    folders = [root / "decisions", TEMPLATES_DIR, *kind_dirs(root)]
    files = [root / "registry.yaml", *(p for f in folders if f.is_dir() for p in f.rglob("*") if p.is_file())]
    for path in sorted(set(files)):
        try:
            stat = path.stat()
        except FileNotFoundError:
            continue
        digest.update(f"{path}:{stat.st_mtime_ns}:{stat.st_size};".encode())
    return digest.hexdigest()[:16]


@dataclass
class Page:
    """A response: status, content type and body."""

    status: int
    content_type: str
    body: bytes


class Preview:
    """Pages of one records repository, read afresh for every request so
    the preview always shows what is on disk."""

    def __init__(self, root: Path, lang: str | None = None):
        from govdocs.document.labels import labels_for

        self.root = root.resolve()
        self.lang = lang
        """The language the decisions are shown in (default: each record's)."""
        self.page_lang = lang or "fi"
        self.labels: dict[str, str] = labels_for(lang or "fi")["preview"]

    def page(self, path: str) -> Page:
        """The response for a URL path."""
        path, _, query = path.partition("?")
        path = unquote(path)
        if path == "/version":
            return Page(200, "text/plain; charset=utf-8", version(self.root).encode())
        if path in ("/", "/index.html"):
            return self._html(self.index())
        if path.startswith("/d/") and path.endswith(".pdf"):
            return self.pdf(path[3:-4], full=FULL_COPY in parse_qs(query).get("copy", []))
        if path.startswith("/d/"):
            return self._html(self.decision(path[3:]))
        return Page(404, "text/plain; charset=utf-8", b"not found")

    def _html(self, result: tuple[int, str]) -> Page:
        return Page(result[0], "text/html; charset=utf-8", result[1].encode("utf-8"))

    def index(self) -> tuple[int, str]:
        """Every decision, linked, with the problems of the whole repository."""
        token = version(self.root)
        repo = validate(self.root)
        items = "".join(
            f'<li><a href="/d/{html.escape(rid)}">{html.escape(rid)}</a> {html.escape(self._title(d))}</li>'
            for rid, d in sorted(repo.decisions.items())
        )
        body = f"<h1>{html.escape(self.labels['index_title'])}</h1><ul>{items}</ul>"
        title = self.labels["index_title"]
        return 200, _page(title, self._problems(repo.problems) + body, token, self.page_lang)

    def _title(self, decision: Any) -> str:
        swedish = self.lang == "sv" and decision.language != "sv" and decision.sv is not None
        return str(decision.sv.title if swedish else decision.title)

    def decision(self, decision_id: str) -> tuple[int, str]:
        """The rendered decision, or its problems when it cannot be rendered."""
        token = version(self.root)
        repo = validate(self.root)
        decision = repo.decisions.get(decision_id)
        shown = [
            p for p in repo.problems if Path(p.file).stem == decision_id or p.file.endswith("registry.yaml")
        ]
        if decision is None:
            message = self.labels["no_preview"] if shown else self.labels["unknown"]
            body = self._toolbar(decision_id) + self._problems(shown) + f"<p>{html.escape(message)}</p>"
            return (200 if shown else 404), _page(decision_id, body, token, self.page_lang)
        expanded, issues = self._expand(repo, decision_id)
        try:
            rendered = self._render(repo, expanded)
        except RecordsInvalid as refused:  # a text missing in the language asked for
            body = self._toolbar(decision_id) + self._problems(shown + issues + list(refused.problems))
            body += f"<p>{html.escape(self.labels['no_preview'])}</p>"
            return 200, _page(decision_id, body, token, self.page_lang)
        page = highlight_placeholders(rendered, words()["fill_marker"])
        return 200, _inject(page, self._toolbar(decision_id) + self._problems(shown + issues), token)

    def pdf(self, decision_id: str, *, full: bool = False) -> Page:
        """The PDF of the decision as it is now: its pages only, unless
        ``full`` (``?copy=full``) asks for the official copy with the
        record's source YAML embedded (which holds what the pages may not
        show, such as personal data marked for the public copy)."""
        from govdocs.render import document_bytes

        repo = validate(self.root)
        if decision_id not in repo.decisions:
            return Page(404, "text/plain; charset=utf-8", b"not found")
        expanded, _ = self._expand(repo, decision_id)
        try:
            document = self._document(repo, expanded)
        except RecordsInvalid as refused:
            text = "\n".join(p.format() for p in refused.problems)
            return Page(409, "text/plain; charset=utf-8", text.encode("utf-8"))
        if not full:
            document = replace(document, attachments=())
        return Page(200, "application/pdf", document_bytes(document, "pdf"))

    def _expand(self, repo: Repository, decision_id: str) -> tuple[Any, list[Problem]]:
        kinds = repository_kinds(repo)
        generation = generate(repo.decisions[decision_id], repo.registry, kinds, repo.meeting_of(decision_id))
        issues = [locate(repo, repo.origins[decision_id], kinds, i) for i in generation.issues]
        return generation.decision, kinds.problems + issues

    def _document(self, repo: Repository, decision: Any) -> Any:
        from govdocs.document.decision import build_decision

        return build_decision(repo, decision, lang=self.lang)

    def _render(self, repo: Repository, decision: Any) -> str:
        from govdocs.render import hyphenate
        from govdocs.writers.html import html_string

        return html_string(hyphenate(self._document(repo, decision)))

    def _toolbar(self, decision_id: str) -> str:
        rid = html.escape(decision_id)
        return (
            f'<nav id="govdocs-preview"><a href="/">{html.escape(self.labels["back"])}</a> · '
            f'<a id="govdocs-pdf" href="/d/{rid}.pdf">{html.escape(self.labels["pdf"])}</a></nav>'
        )

    def _problems(self, problems: list[Problem]) -> str:
        if not problems:
            return ""
        items = "".join(f'<li class="{p.severity}">{html.escape(p.format())}</li>' for p in problems)
        heading = html.escape(self.labels["problems"])
        return f'<section id="govdocs-problems" role="alert"><h2>{heading}</h2><ul>{items}</ul></section>'


_STYLE = (
    "<style>#govdocs-preview,#govdocs-problems{font-family:sans-serif;font-size:14px;margin:0 0 1em}"
    "#govdocs-problems{border:2px solid #b00020;padding:.5em 1em;background:#fff4f4}"
    "#govdocs-problems li.warning{color:#7a5a00}#govdocs-problems li.error{color:#b00020}"
    "mark.govdocs-placeholder{background:#ffe066;outline:1px solid #b58900}</style>"
)


def highlight_placeholders(page: str, marker: str) -> str:
    """The page with every placeholder (the marker and the rest of its
    text) in a ``<mark class="govdocs-placeholder">``, so a draft shows at a
    glance what is still to write. Only the body is touched; soft hyphens
    the hyphenator put inside the marker are allowed for."""
    start = page.find("<body")
    if start < 0:
        return page
    soft = "(?:\u00ad|&shy;)?"
    pattern = re.compile(soft.join(re.escape(html.escape(c)) for c in marker) + ".*", re.DOTALL)
    # Text between tags only: a marker inside an attribute is left alone.
    parts = re.split(r"(<[^>]*>)", page[start:])
    marked = [
        part
        if part.startswith("<")
        else pattern.sub(lambda m: f'<mark class="govdocs-placeholder">{m.group(0)}</mark>', part)
        for part in parts
    ]
    return page[:start] + "".join(marked)


def _page(title: str, body: str, token: str, lang: str = "fi") -> str:
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
        f"{_STYLE}</head><body>{body}{_RELOAD % json.dumps(token)}</body></html>"
    )


def _inject(page: str, top: str, token: str) -> str:
    """The writer's page with the preview's toolbar, problems and reloader."""
    start = page.find("<body")
    start = page.find(">", start) + 1 if start >= 0 else 0
    page = page[:start] + _STYLE + top + page[start:]
    end = page.rfind("</body>")
    end = end if end >= 0 else len(page)
    return page[:end] + _RELOAD % json.dumps(token) + page[end:]


FULL_COPY = "full"
"""``/d/<id>.pdf?copy=full``: the PDF with the source YAML embedded."""

REQUEST_SECONDS = 10.0
"""A connection that sends no complete request line and headers within
this time (between bytes) is closed: an idle or trickling client cannot
hold a worker for long."""

WORKERS = 8
"""Threads answering requests; one person's browser needs a few."""

MAX_WAITING = 64
"""Accepted connections waiting for a worker; more are closed at once, so
300 idle connections hold neither 300 threads nor 300 queued sockets."""


class _Handler(BaseHTTPRequestHandler):
    preview: Preview
    timeout = REQUEST_SECONDS  # StreamRequestHandler sets it on the socket

    def do_GET(self) -> None:  # noqa: N802 (the http.server name)
        if not self._host_allowed():
            # a page reached by another name (DNS rebinding: evil.example resolving to
            # 127.0.0.1) would let that site's scripts read drafts; answer nothing
            self._send(Page(421, "text/plain; charset=utf-8", b""))
            return
        try:
            page = self.preview.page(self.path)
        except Exception as exc:  # a bug must show in the page, not kill the server
            page = Page(500, "text/plain; charset=utf-8", f"govdocs: internal error: {exc!r}".encode())
        self._send(page)

    def _host_allowed(self) -> bool:
        """Only the names the server was opened with: 127.0.0.1, localhost
        and the bound address, each with or without the bound port."""
        host = self.headers.get("Host")
        if host is None or len(self.headers.get_all("Host") or []) != 1:
            return False
        allowed: frozenset[str] = getattr(self.server, "allowed_hosts", frozenset())
        return host.lower() in allowed

    def _send(self, page: Page) -> None:
        self.send_response(HTTPStatus(page.status))
        self.send_header("Content-Type", page.content_type)
        self.send_header("Content-Length", str(len(page.body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(page.body)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 (the http.server name)
        pass


class PreviewServer(HTTPServer):
    """An HTTP server whose requests are answered by `WORKERS` threads,
    with at most `MAX_WAITING` connections waiting for one (the standard
    library's threading server starts a thread per connection, without
    limit)."""

    request_queue_size = 128  # the listen backlog: 5 made a burst of connections retry for seconds

    def __init__(self, address: tuple[str, int], handler: type[BaseHTTPRequestHandler]):
        super().__init__(address, handler)
        names = {"127.0.0.1", "localhost", address[0]}
        self.allowed_hosts = frozenset(names | {f"{name}:{self.server_port}" for name in names})
        self._pool = ThreadPoolExecutor(WORKERS, thread_name_prefix="govdocs-preview")
        self._waiting = threading.BoundedSemaphore(WORKERS + MAX_WAITING)

    def process_request(self, request: Any, client_address: Any) -> None:
        if not self._waiting.acquire(blocking=False):
            self.shutdown_request(request)  # full: the client may retry
            return
        self._pool.submit(self._answer, request, client_address)

    def _answer(self, request: Any, client_address: Any) -> None:
        try:
            self.finish_request(request, client_address)
        except Exception:
            self.handle_error(request, client_address)
        finally:
            self.shutdown_request(request)
            self._waiting.release()

    def server_close(self) -> None:
        super().server_close()
        pool = getattr(self, "_pool", None)  # None when binding failed inside __init__
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)


def make_server(root: Path | str, port: int = 8000, lang: str | None = None) -> PreviewServer:
    """A preview server for ``root`` on 127.0.0.1:``port`` (0: any free
    port), showing the decisions in ``lang`` (default: each record's);
    call ``serve_forever()`` on it."""
    handler = type("PreviewHandler", (_Handler,), {"preview": Preview(Path(root), lang)})
    return PreviewServer((HOST, port), handler)

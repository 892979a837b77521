"""The preview server over real sockets on 127.0.0.1: only its own host
names are answered (no DNS rebinding), idle connections time out and hold
a bounded number of threads, and a PDF carries the record's source only
when the full copy is asked for."""

from __future__ import annotations

import io
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pikepdf
import pytest

from govdocs.drafting import preview
from govdocs.drafting.preview import WORKERS, PreviewServer, make_server
from tests.bundled import copy_registry

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[PreviewServer]:
    copy_registry(tmp_path)
    shutil.copytree(ROOT / "decisions", tmp_path / "decisions")
    monkeypatch.setattr(preview._Handler, "timeout", 0.3)
    running = make_server(tmp_path, 0)
    thread = threading.Thread(target=running.serve_forever, daemon=True)
    thread.start()
    try:
        yield running
    finally:
        running.shutdown()
        running.server_close()
        thread.join(timeout=10)


def request(server: PreviewServer, path: str, host: str | None, timeout: float = 60) -> tuple[int, bytes]:
    """Status and body of one raw HTTP/1.0 request (so no client library adds a Host)."""
    lines = [f"GET {path} HTTP/1.0"] + ([f"Host: {host}"] if host is not None else [])
    with socket.create_connection(("127.0.0.1", server.server_port), timeout=timeout) as conn:
        conn.sendall(("\r\n".join(lines) + "\r\n\r\n").encode())
        data = b""
        while chunk := conn.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    return int(head.split()[1]), body


def test_only_its_own_host_names_are_answered(server: PreviewServer) -> None:
    port = server.server_port
    for host in ("127.0.0.1", f"127.0.0.1:{port}", "localhost", f"localhost:{port}", "LOCALHOST"):
        assert request(server, "/version", host)[0] == 200, host
    for host in ("evil.example", f"evil.example:{port}", "127.0.0.1:1", "127.0.0.1.evil.example", "", None):
        assert request(server, "/version", host) == (421, b""), host


def test_a_rebinding_page_gets_no_pdf(server: PreviewServer) -> None:
    assert request(server, "/d/kj-2016-59.pdf?copy=full", "evil.example") == (421, b"")


def _embedded(pdf: bytes) -> list[str]:
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        return sorted(doc.attachments.keys())


def test_the_source_is_embedded_only_in_the_full_copy(server: PreviewServer) -> None:
    status, plain = request(server, "/d/kj-2016-59.pdf", "localhost")
    assert status == 200 and plain.startswith(b"%PDF")
    assert _embedded(plain) == []
    status, full = request(server, "/d/kj-2016-59.pdf?copy=full", "localhost")
    assert status == 200
    assert _embedded(full) == ["kj-2016-59.yaml"]


def test_idle_connections_hold_a_bounded_number_of_threads_and_time_out(server: PreviewServer) -> None:
    before = threading.active_count()
    idle = [socket.create_connection(("127.0.0.1", server.server_port), timeout=30) for _ in range(300)]
    try:
        time.sleep(0.5)
        assert threading.active_count() - before <= WORKERS  # was one thread per connection: 301
        # every idle connection is closed by the server within its timeout (0.3 s here), in
        # batches of WORKERS, or refused at once when too many wait
        deadline = time.monotonic() + 120
        for conn in idle:
            conn.settimeout(max(0.1, deadline - time.monotonic()))
            assert conn.recv(1) == b""
        assert request(server, "/version", "localhost", timeout=30)[0] == 200
    finally:
        for conn in idle:
            conn.close()


def test_the_index_does_not_quote_a_linked_record(server: PreviewServer, tmp_path: Path) -> None:
    secret = tmp_path.parent / f"{tmp_path.name}-secret.txt"
    secret.write_text("-----BEGIN OPENSSH PRIVATE KEY-----\n", encoding="utf-8")
    try:
        (tmp_path / "decisions" / "2016" / "stolen.yaml").symlink_to(secret)
        status, body = request(server, "/", "localhost")
        assert status == 200
        assert b"decisions/2016/stolen.yaml: error: a symbolic link" in body
        assert b"PRIVATE KEY" not in body
    finally:
        secret.unlink()

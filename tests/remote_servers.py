"""Real remote caches on 127.0.0.1 for the remote-cache tests and benchmark:
a small Bazel remote-cache HTTP server written here, and moto's S3 server.

`BazelCache` speaks what a Bazel HTTP cache speaks: GET, HEAD and PUT of
``/<prefix>/ac/<sha256>`` and ``/<prefix>/cas/<sha256>``. Blobs live as
files in a folder; a PUT to a name that exists is refused (409), a CAS PUT
whose bytes do not hash to the name is refused (400), and with ``token``
every request without ``Authorization: Bearer <token>`` gets 401.
``delay`` makes every answer that late (a slow cache)."""

from __future__ import annotations

import hashlib
import re
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

NAME = re.compile(r"^/(?:(?P<prefix>.+)/)?(?P<space>ac|cas)/(?P<name>[0-9a-f]{64})$")


class BazelCache(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, folder: Path, *, token: str | None = None, delay: float = 0.0):
        super().__init__(("127.0.0.1", 0), _Handler)
        self.folder = folder
        self.token = token
        self.delay = delay
        self.requests: list[tuple[str, str, str | None]] = []
        """(method, path, Authorization header) of every request."""

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def blobs(self) -> dict[str, bytes]:
        """Everything stored, by 'prefix/space/name'."""
        return {
            p.relative_to(self.folder).as_posix(): p.read_bytes()
            for p in sorted(self.folder.rglob("*"))
            if p.is_file()
        }


class _Handler(BaseHTTPRequestHandler):
    server: BazelCache
    protocol_version = "HTTP/1.1"  # keep-alive, as real caches do
    disable_nagle_algorithm = True  # headers and body are two writes: no 40 ms delayed-ACK stall

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def _file(self) -> Path | None:
        self.server.requests.append((self.command, self.path, self.headers.get("Authorization")))
        if self.server.delay:
            time.sleep(self.server.delay)
        if self.server.token and self.headers.get("Authorization") != f"Bearer {self.server.token}":
            self._send(401)
            return None
        found = NAME.match(self.path)
        if not found:
            self._send(404)
            return None
        return self.server.folder / (found["prefix"] or "") / found["space"] / found["name"]

    def do_GET(self) -> None:
        path = self._file()
        if path is not None:
            self._send(200, path.read_bytes()) if path.is_file() else self._send(404)

    def do_HEAD(self) -> None:
        path = self._file()
        if path is not None:
            self._send(200 if path.is_file() else 404, head=True)

    def do_PUT(self) -> None:
        data = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        path = self._file()
        if path is None:
            return
        if path.exists():
            self._send(409)  # never overwritten
        elif path.parent.name == "cas" and hashlib.sha256(data).hexdigest() != path.name:
            self._send(400)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            self._send(201)

    def _send(self, status: int, body: bytes = b"", head: bool = False) -> None:
        self.send_response(status)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if not head:
            self.wfile.write(body)


@contextmanager
def bazel_cache(folder: Path, **options: Any) -> Iterator[BazelCache]:
    """A `BazelCache` serving in a thread for the duration of the block."""
    folder.mkdir(parents=True, exist_ok=True)
    server = BazelCache(folder, **options)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


@contextmanager
def s3_server() -> Iterator[str]:
    """moto's S3 server on 127.0.0.1 (any free port); its endpoint URL."""
    import logging

    from moto.server import ThreadedMotoServer

    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # a line per request otherwise
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    try:
        host, port = server.get_host_and_port()
        yield f"http://{host}:{port}"
    finally:
        server.stop()


S3_ENV = {
    # moto accepts any credentials; the build reads them from the environment
    "AWS_ACCESS_KEY_ID": "test-key",
    "AWS_SECRET_ACCESS_KEY": "test-secret",
    "AWS_DEFAULT_REGION": "us-east-1",
    "AWS_CONFIG_FILE": "/dev/null",
    "AWS_SHARED_CREDENTIALS_FILE": "/dev/null",
}


def s3_client(endpoint: str) -> Any:
    import boto3

    return boto3.session.Session().client("s3", endpoint_url=endpoint)


def s3_objects(endpoint: str, bucket: str) -> dict[str, bytes]:
    client = s3_client(endpoint)
    listed = client.list_objects_v2(Bucket=bucket).get("Contents", [])
    return {o["Key"]: client.get_object(Bucket=bucket, Key=o["Key"])["Body"].read() for o in listed}


def closed_port() -> int:
    """A port on 127.0.0.1 that nothing listens on (bound, then released)."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])

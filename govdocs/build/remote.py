"""The remote build cache: a second level behind the local store, shared by
CI runners and laptops.

    s3://BUCKET/PREFIX          S3 or a compatible service, through boto3
                                (``--cache-endpoint URL`` for a compatible one)
    http(s)://HOST/PREFIX       the Bazel remote-cache HTTP protocol:
                                GET/PUT PREFIX/ac/<key> and PREFIX/cas/<sha256>

Both backends hold the local store's two namespaces under the prefix:
``cas/<sha256>``, blobs named by the SHA-256 of their bytes, and
``ac/<key>``, action entries mapping a build key (plan.py) to the blob an
output is. An action entry is a Bazel ``ActionResult`` message naming one
output file by digest and size, so any Bazel HTTP cache can hold it.

The rules, in `RemoteStore`:

- the local store is asked first; what the remote gives is copied into it;
- every blob is hashed when read, and an action entry is used only when
  every blob it names was fetched and verified (digest and size);
- nothing is written unless ``write`` (``--cache-write``); then a blob is
  uploaded when it is rendered and the action entry after the build found
  its inputs unchanged, and an existing name is never overwritten;
- credentials come from the environment only: boto3's standard chain, or
  a bearer token in ``GOVDOCS_CACHE_TOKEN`` for HTTP;
- a cache that fails (unreachable, timing out, refusing, answering
  nonsense) gives one warning, and the rest of the build runs without it.

What verification cannot check is whether an action entry names the right
blob: see docs/security.md ("The remote cache").
"""

from __future__ import annotations

import http.client
import ipaddress
import os
import ssl
import threading
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Protocol, TypeVar
from urllib.parse import quote, urlsplit

from govdocs.build.store import DIGEST, Store, Warn, sha256
from govdocs.errors import UsageError

TOKEN_ENV = "GOVDOCS_CACHE_TOKEN"
"""The environment variable whose value is sent as an HTTP bearer token."""

TIMEOUT_ENV = "GOVDOCS_CACHE_TIMEOUT"
TIMEOUT = 10.0
"""Seconds to wait for the remote cache to connect or answer."""

FETCHERS = 8
"""Requests in flight while looking up a build's outputs: a remote cache
answers in milliseconds, one at a time would make that the build's time."""

UPLOADS_QUEUED = 32
"""Uploads sent or waiting at once, so a slow cache holds back the build
(and its memory) instead of piling rendered bytes up."""

MAX_BLOB = 512 * 1024 * 1024
"""No output is larger; a bigger answer is refused unread."""

_OUTPUT = b"output"
"""The path of the one output file an action entry names."""


class CacheUrlError(UsageError):
    """A --cache-url (or GOVDOCS_CACHE_URL) govdocs cannot use: exit 2."""


class RemoteFailure(Exception):
    """The remote cache did not answer as a cache does; ``reason`` says how."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


class Remote(Protocol):
    """One remote cache: names in two namespaces, ``ac`` and ``cas``."""

    url: str

    def get(self, space: str, name: str) -> bytes | None:
        """The bytes stored under ``space/name``; None when absent. Raises
        `RemoteFailure` when the cache cannot say."""
        ...

    def put(self, space: str, name: str, data: bytes) -> bool:
        """Store ``data`` under ``space/name`` unless the name exists (never
        overwritten); False when it did. Raises `RemoteFailure`."""
        ...


@dataclass(frozen=True)
class CacheUrl:
    """A parsed --cache-url."""

    scheme: str
    host: str
    """The bucket for s3, ``host[:port]`` for http(s)."""
    prefix: str
    """Without leading or trailing slashes; may be empty."""

    def __str__(self) -> str:
        return f"{self.scheme}://{self.host}/{self.prefix}".rstrip("/")


def parse_cache_url(url: str, endpoint: str | None = None) -> CacheUrl:
    """``url`` checked: s3://BUCKET/PREFIX or http(s)://HOST/PREFIX, with no
    credentials, query or fragment in it; ``endpoint`` only for s3."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in ("s3", "http", "https") or not parts.hostname:
        raise CacheUrlError(f"--cache-url must be s3://BUCKET/PREFIX or http(s)://HOST/PREFIX, not {url!r}")
    if parts.username is not None or parts.password is not None:
        raise CacheUrlError(
            f"--cache-url must not hold credentials; give them in the environment "
            f"(AWS_* or {TOKEN_ENV}), never on the command line"
        )
    if parts.query or parts.fragment:
        raise CacheUrlError(f"--cache-url takes no query or fragment, not {url!r}")
    if endpoint is not None and scheme != "s3":
        raise CacheUrlError("--cache-endpoint is for s3:// cache URLs (an S3-compatible service)")
    if endpoint is not None and urlsplit(endpoint).scheme not in ("http", "https"):
        raise CacheUrlError(f"--cache-endpoint must be an http(s):// URL, not {endpoint!r}")
    host = parts.netloc if scheme != "s3" else parts.hostname
    return CacheUrl(scheme, host, parts.path.strip("/"))


def cache_timeout() -> float:
    """``GOVDOCS_CACHE_TIMEOUT`` seconds, else `TIMEOUT`."""
    text = os.environ.get(TIMEOUT_ENV, "").strip()
    if not text:
        return TIMEOUT
    try:
        value = float(text)
    except ValueError:
        value = 0.0
    if not value > 0:
        raise CacheUrlError(f"{TIMEOUT_ENV} must be a number of seconds above 0, not {text!r}")
    return value


def open_remote(url: CacheUrl, endpoint: str | None, timeout: float) -> Remote:
    """The backend for ``url``. Raises `RemoteFailure` when it cannot be set up."""
    if url.scheme == "s3":
        return S3Remote(url, endpoint, timeout)
    return HttpRemote(url, os.environ.get(TOKEN_ENV) or None, timeout)


class HttpRemote:
    """A Bazel remote-cache HTTP server: GET, HEAD and PUT of
    ``/PREFIX/ac/<key>`` and ``/PREFIX/cas/<sha256>``, over a kept-alive
    connection per thread. A bearer token, when given, goes only over https or to this
    machine (a token sent in the clear to another host could be read)."""

    def __init__(self, url: CacheUrl, token: str | None, timeout: float):
        self.url = str(url)
        self.cache_url = url
        self.timeout = timeout
        self.headers = {"Authorization": f"Bearer {token}"} if token and self._private(url) else {}
        self._local = threading.local()
        self.notice = (
            f"{url}: warning: {TOKEN_ENV} is not sent over plain http to another machine; use https"
            if token and not self.headers
            else None
        )
        """A warning for the build to give once, if any."""

    @staticmethod
    def _private(url: CacheUrl) -> bool:
        host = urlsplit(f"//{url.host}").hostname or ""
        try:
            loopback = host == "localhost" or ipaddress.ip_address(host).is_loopback
        except ValueError:  # a name, not an address ('127.example.org')
            loopback = False
        return url.scheme == "https" or loopback

    def get(self, space: str, name: str) -> bytes | None:
        status, body = self._request("GET", space, name)
        if status == 404:
            return None
        if status != 200:
            raise RemoteFailure(f"GET {space}/{name}: HTTP {status}")
        return body

    def put(self, space: str, name: str, data: bytes) -> bool:
        status, _ = self._request("HEAD", space, name)
        if status == 200:
            return False  # there already: never overwritten
        if status != 404:
            raise RemoteFailure(f"HEAD {space}/{name}: HTTP {status}")
        status, _ = self._request("PUT", space, name, data)
        if status in (409, 412):  # another runner stored it meanwhile
            return False
        if status not in (200, 201, 204):
            raise RemoteFailure(f"PUT {space}/{name}: HTTP {status}")
        return True

    def _path(self, space: str, name: str) -> str:
        prefix = quote(self.cache_url.prefix)
        return f"/{prefix}/{space}/{name}" if prefix else f"/{space}/{name}"

    def _request(self, method: str, space: str, name: str, body: bytes | None = None) -> tuple[int, bytes]:
        headers = dict(self.headers)
        if body is not None:
            headers.update({"Content-Type": "application/octet-stream", "If-None-Match": "*"})
        for attempt in (1, 2):
            reused = self._connection is not None
            try:
                self._connect().request(method, self._path(space, name), body, headers)
                return self._answer()
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError) as exc:
                self._close()
                if not reused or attempt == 2:  # a kept-alive connection the server closed: once more
                    raise RemoteFailure(_reason(exc)) from None
            except (OSError, http.client.HTTPException) as exc:
                self._close()
                raise RemoteFailure(_reason(exc)) from None
        raise AssertionError("unreachable")

    @property
    def _connection(self) -> http.client.HTTPConnection | None:
        return getattr(self._local, "connection", None)

    def _answer(self) -> tuple[int, bytes]:
        assert self._connection is not None
        response = self._connection.getresponse()
        length = response.getheader("Content-Length")
        if length is not None and length.isdigit() and int(length) > MAX_BLOB:
            self._close()
            raise RemoteFailure(f"an answer of {length} bytes, more than any output")
        body = response.read(MAX_BLOB + 1)  # for HEAD too: the connection is free only once read
        if len(body) > MAX_BLOB:
            self._close()
            raise RemoteFailure("an answer larger than any output")
        if response.getheader("Connection", "").lower() == "close":
            self._close()
        return response.status, body

    def _connect(self) -> http.client.HTTPConnection:
        connection = self._connection
        if connection is None:
            if self.cache_url.scheme == "https":
                context = ssl.create_default_context()
                connection = http.client.HTTPSConnection(
                    self.cache_url.host, timeout=self.timeout, context=context
                )
            else:
                connection = http.client.HTTPConnection(self.cache_url.host, timeout=self.timeout)
            self._local.connection = connection
        return connection

    def _close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._local.connection = None


class S3Remote:
    """An S3 bucket (or a compatible service at ``endpoint``) through boto3,
    with credentials from boto3's standard chain (AWS_* variables, the
    shared files in the home folder, an instance role): never from govdocs'
    options. A name is written with ``If-None-Match: *`` after a HEAD found
    it absent, so an existing object is never replaced."""

    def __init__(self, url: CacheUrl, endpoint: str | None, timeout: float):
        try:
            import boto3
            from botocore.config import Config
        except ImportError as exc:
            raise RemoteFailure(f"boto3 is not installed ({exc})") from None
        self.url = str(url)
        self.bucket = url.host
        self.prefix = url.prefix
        config = Config(
            connect_timeout=timeout, read_timeout=timeout, retries={"max_attempts": 1, "mode": "standard"}
        )
        try:
            self.client = boto3.session.Session().client("s3", endpoint_url=endpoint, config=config)
        except Exception as exc:  # botocore raises many kinds on a bad setup (region, endpoint)
            raise RemoteFailure(_reason(exc)) from None

    def _key(self, space: str, name: str) -> str:
        return f"{self.prefix}/{space}/{name}" if self.prefix else f"{space}/{name}"

    def get(self, space: str, name: str) -> bytes | None:
        try:
            answer = self.client.get_object(Bucket=self.bucket, Key=self._key(space, name))
            if int(answer.get("ContentLength") or 0) > MAX_BLOB:
                raise RemoteFailure("an object larger than any output")
            data: bytes = answer["Body"].read(MAX_BLOB + 1)
        except Exception as exc:
            if _s3_status(exc) == 404:
                return None
            raise _s3_failure(exc) from None
        if len(data) > MAX_BLOB:
            raise RemoteFailure("an object larger than any output")
        return data

    def put(self, space: str, name: str, data: bytes) -> bool:
        key = self._key(space, name)
        try:
            self.client.head_object(Bucket=self.bucket, Key=key)
            return False  # there already: never overwritten
        except Exception as exc:
            if _s3_status(exc) != 404:
                raise _s3_failure(exc) from None
        try:
            self.client.put_object(Bucket=self.bucket, Key=key, Body=data, IfNoneMatch="*")
        except Exception as exc:
            if _s3_status(exc) not in (409, 412):  # stored by another runner meanwhile
                raise _s3_failure(exc) from None
            return False
        return True


def _s3_status(exc: Exception) -> int | None:
    response = getattr(exc, "response", None)
    if not isinstance(response, dict):
        return None
    status = response.get("ResponseMetadata", {}).get("HTTPStatusCode")
    code = response.get("Error", {}).get("Code")
    if code in ("NoSuchKey", "404", "NotFound"):  # a HEAD's 404 has no code of its own: "404"
        return 404
    if status == 404:
        return None  # NoSuchBucket and the like: a cache set up wrong, not a miss
    return int(status) if isinstance(status, int) else None


def _s3_failure(exc: Exception) -> RemoteFailure:
    if isinstance(exc, RemoteFailure):
        return exc
    if exc.__class__.__module__.startswith(("botocore", "boto3", "urllib3")) or isinstance(exc, OSError):
        return RemoteFailure(_reason(exc))
    raise exc  # not the service's answer: a bug in govdocs


def _reason(exc: BaseException) -> str:
    text = str(exc).strip() or exc.__class__.__name__
    return text.splitlines()[0][:200]


_T = TypeVar("_T")


class RemoteStore:
    """The local store first, then the remote cache (see the module's
    docstring); the same interface as the local store alone."""

    def __init__(self, local: Store, remote: Remote, *, write: bool, warn: Warn):
        self.local = local
        self.remote: Remote | None = remote
        self.url = remote.url
        self.write = write
        self.warn = warn
        self.fetched = 0
        """Blobs copied from the remote cache into the local store."""
        self.uploaded = 0
        """Blobs and action entries this build stored in the remote cache."""
        self._sizes: dict[str, int] = {}
        self._last: tuple[str, bytes] | None = None
        self._lock = threading.Lock()
        self._looked_up: set[str] = set()
        self._uploader: ThreadPoolExecutor | None = None
        self._uploads: dict[str, Future[None]] = {}
        """The upload of each blob this build stored, by digest."""
        self._queued = threading.BoundedSemaphore(UPLOADS_QUEUED)
        """Keys asked of the remote already: each is asked once."""

    def get(self, digest: str) -> bytes | None:
        data = self.local.get(digest)
        if data is None and self._last is not None and self._last[0] == digest:
            data = self._last[1]  # verified a moment ago, and the local store could not keep it
        return data if data is not None else self._fetch(digest, None)

    def put(self, data: bytes) -> str:
        digest = self.local.put(data)
        self._sizes[digest] = len(data)
        if self.write and digest not in self._uploads:  # a blob alone is inert: only an entry names it
            self._uploads[digest] = self._upload("cas", digest, data)
        return digest

    def get_action(self, key: str) -> str | None:
        digest = self.local.get_action(key)
        if digest is not None or key in self._looked_up:
            return digest
        self._looked_up.add(key)
        named = self._entry(key)
        if named is None or any(self._blob(d, size) is None for d, size in named):
            return None  # trusted only when every blob it names verifies
        return self._accept(key, named)

    def prefetch(self, keys: Iterable[str]) -> None:
        """Look ``keys`` up with `FETCHERS` requests in flight: the action
        entries, then each blob they name once; what verifies is copied into
        the local store, where `get_action` then finds it, and every key is
        looked up once (so a bad entry is one warning)."""
        wanted = [key for key in dict.fromkeys(keys) if self.local.get_action(key) is None]
        if self.remote is None or len(wanted) < 2:
            return
        self._looked_up.update(wanted)
        with ThreadPoolExecutor(FETCHERS, thread_name_prefix="govdocs-remote") as pool:
            entries = dict(zip(wanted, pool.map(self._entry, wanted), strict=True))
            blobs = {blob for named in entries.values() if named for blob in named}
            verified = dict(
                zip(blobs, pool.map(lambda blob: self._blob(*blob) is not None, blobs), strict=True)
            )
        for key, named in entries.items():
            if named and all(verified[blob] for blob in named):
                self._accept(key, named)

    def _entry(self, key: str) -> list[tuple[str, int]] | None:
        """The blobs the remote action entry of ``key`` names; None when it
        has none (or one govdocs did not write: a warning)."""
        if self.remote is None or not DIGEST.fullmatch(key):
            return None
        entry = self._call(lambda remote: remote.get("ac", key))
        if entry is None:
            return None
        try:
            named = decode_action(entry)
        except ValueError as exc:
            self.warn(
                f"{self.url}: warning: remote cache entry ac/{key} is not a govdocs action "
                f"entry ({exc}); rendering the output again"
            )
            return None
        return named if len(named) == 1 else None

    def _accept(self, key: str, named: list[tuple[str, int]]) -> str:
        self.local.put_action(key, named[0][0])
        return named[0][0]

    def put_action(self, key: str, digest: str) -> None:
        self.local.put_action(key, digest)
        if self.write and digest in self._uploads and DIGEST.fullmatch(key):
            self._uploads[digest].result()  # the blob first: an entry never names a blob not yet there
            self._upload("ac", key, encode_action(digest, self._sizes[digest]))

    def close(self) -> None:
        if self._uploader is not None:
            self._uploader.shutdown(wait=True)
        self.local.close()

    def _upload(self, space: str, name: str, data: bytes) -> Future[None]:
        """Store ``data`` in the background, with at most `UPLOADS_QUEUED`
        waiting (their bytes are held in memory until sent)."""
        if self._uploader is None:
            self._uploader = ThreadPoolExecutor(FETCHERS, thread_name_prefix="govdocs-upload")
        self._queued.acquire()

        def send() -> None:
            try:
                stored = self._call(lambda remote: remote.put(space, name, data))
                with self._lock:
                    self.uploaded += bool(stored)
            finally:
                self._queued.release()

        return self._uploader.submit(send)

    def _blob(self, digest: str, size: int) -> bytes | None:
        data = self.local.get(digest)  # another output of the same bytes brought it already
        return data if data is not None and len(data) == size else self._fetch(digest, size)

    def _fetch(self, digest: str, size: int | None) -> bytes | None:
        if self.remote is None or not DIGEST.fullmatch(digest):
            return None
        data = self._call(lambda remote: remote.get("cas", digest))
        if data is None:
            return None
        if sha256(data) != digest:
            self.warn(
                f"{self.url}: warning: remote cache entry cas/{digest} does not match its SHA-256 "
                "(corrupt or tampered); rendering the output again"
            )
            return None
        if size is not None and len(data) != size:
            self.warn(
                f"{self.url}: warning: remote cache entry cas/{digest} is {len(data)} bytes, not the "
                f"{size} its action entry says; rendering the output again"
            )
            return None
        self.local.put(data)
        self._last = (digest, data)
        with self._lock:
            self.fetched += 1
        return data

    def _call(self, action: Callable[[Remote], _T]) -> _T | None:
        if self.remote is None:
            return None
        try:
            return action(self.remote)
        except RemoteFailure as exc:
            self._give_up(exc.reason)
            return None

    def _give_up(self, reason: str) -> None:
        # once: the rest of the build neither reads nor writes the remote cache
        with self._lock:
            if self.remote is None:
                return  # another lookup in flight found it first
            self.remote = None
        self.warn(f"{self.url}: warning: remote cache unusable ({reason}); building without it")


# An action entry is a Bazel ActionResult (remote_execution.proto) holding
# one OutputFile: ActionResult.output_files = 2; OutputFile.path = 1,
# .digest = 2; Digest.hash = 1, .size_bytes = 2. Written by hand: five
# fields do not need a protobuf library.


def encode_action(digest: str, size: int) -> bytes:
    """The action entry naming blob ``digest`` of ``size`` bytes."""
    blob = _bytes_field(1, digest.encode("ascii")) + _varint_field(2, size)
    return _bytes_field(2, _bytes_field(1, _OUTPUT) + _bytes_field(2, blob))


def decode_action(data: bytes) -> list[tuple[str, int]]:
    """(digest, size) of every output file an action entry names. Raises
    ValueError for anything but output files named by a SHA-256."""
    named = []
    for number, value in _fields(data):
        if number != 2 or not isinstance(value, bytes):
            raise ValueError(f"field {number} is not an output file")
        digests = [v for n, v in _fields(value) if n == 2 and isinstance(v, bytes)]
        if len(digests) != 1:
            raise ValueError("an output file without one digest")
        parts = dict(_fields(digests[0]))
        digest, size = parts.get(1), parts.get(2, 0)
        if not isinstance(digest, bytes) or not DIGEST.fullmatch(digest.decode("ascii", "replace")):
            raise ValueError("a digest that is not a SHA-256")
        if not isinstance(size, int) or size > MAX_BLOB:
            raise ValueError("a size no output has")
        named.append((digest.decode("ascii"), size))
    if not named:
        raise ValueError("no output file")
    return named


def _varint(value: int) -> bytes:
    out = bytearray()
    while True:
        low, value = value & 0x7F, value >> 7
        out.append(low | (0x80 if value else 0))
        if not value:
            return bytes(out)


def _varint_field(number: int, value: int) -> bytes:
    return _varint(number << 3) + _varint(value)


def _bytes_field(number: int, value: bytes) -> bytes:
    return _varint(number << 3 | 2) + _varint(len(value)) + value


def _fields(data: bytes) -> Iterator[tuple[int, int | bytes]]:
    """(field number, value) of a protobuf message: varints as int,
    length-delimited fields as bytes; any other wire type is refused."""
    at = 0
    while at < len(data):
        tag, at = _read_varint(data, at)
        number, wire = tag >> 3, tag & 7
        if wire == 0:
            value, at = _read_varint(data, at)
            yield number, value
        elif wire == 2:
            length, at = _read_varint(data, at)
            if at + length > len(data):
                raise ValueError("truncated")
            yield number, data[at : at + length]
            at += length
        else:
            raise ValueError(f"wire type {wire}")


def _read_varint(data: bytes, at: int) -> tuple[int, int]:
    value = shift = 0
    while True:
        if at >= len(data) or shift > 63:
            raise ValueError("truncated")
        byte = data[at]
        value |= (byte & 0x7F) << shift
        at, shift = at + 1, shift + 7
        if not byte & 0x80:
            return value, at

"""Shared fixtures: the project root and a
copy of the bundled records that a test may break without touching the
real ones."""

from __future__ import annotations

import shutil
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.bundled import copy_registry
from tests.remote_servers import S3_ENV, bazel_cache, s3_client, s3_objects, s3_server
from tests.runners import Cache

ROOT = Path(__file__).resolve().parents[1]
SEED = "decisions/2016/kj-2016-59.yaml"


@pytest.fixture(autouse=True)
def user_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A cache folder of each test's own ($XDG_CACHE_HOME, where builds keep
    their output cache), outside tmp_path so trees compared there hold
    only what the test made; no test sees another's cached outputs."""
    folder = tmp_path_factory.mktemp("xdg-cache")
    monkeypatch.setenv("XDG_CACHE_HOME", str(folder))
    return folder


@pytest.fixture
def own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The govdocs folder of a user cache in tmp_path, with the index on
    (whatever the environment says) and this user's key made afresh: for
    tests that open the index's files."""
    from govdocs.read import cache

    folder = tmp_path / "user-cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(folder))
    monkeypatch.delenv("GOVDOCS_NO_CACHE", raising=False)
    cache.secret_key.cache_clear()
    return folder / "govdocs"


@pytest.fixture
def root() -> Path:
    return ROOT


@pytest.fixture
def records(tmp_path: Path) -> Path:
    """A writable copy of registry.yaml and decisions/ in tmp_path."""
    dest = tmp_path / "records"
    dest.mkdir()
    copy_registry(dest)
    shutil.copytree(ROOT / "decisions", dest / "decisions")
    return dest


@pytest.fixture
def edit(records: Path) -> Callable[[str, str, str], Path]:
    """Replace exactly one occurrence of ``old`` by ``new`` in a record
    file of the copy; fails loudly if ``old`` is not there once."""

    def _edit(relative: str, old: str, new: str) -> Path:
        path = records / relative
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {relative}"
        path.write_text(text.replace(old, new), encoding="utf-8")
        return path

    return _edit


# --- a remote build cache on 127.0.0.1, shared by the runners of a test -------------


@pytest.fixture(scope="module")
def s3_endpoint() -> Iterator[str]:
    with pytest.MonkeyPatch.context() as patch:
        for name, value in S3_ENV.items():
            patch.setenv(name, value)
        with s3_server() as endpoint:
            yield endpoint


@pytest.fixture
def http_cache(tmp_path: Path) -> Iterator[Cache]:
    with bazel_cache(tmp_path / "http-cache") as server:
        prefix = server.folder / "govdocs"

        def overwrite(name: str, data: bytes) -> None:
            (prefix / name).write_bytes(data)

        def stored() -> dict[str, bytes]:
            return {name.removeprefix("govdocs/"): data for name, data in server.blobs().items()}

        yield Cache(f"{server.url}/govdocs", None, stored, overwrite)


@pytest.fixture
def s3_cache(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Cache:
    endpoint: str = request.getfixturevalue("s3_endpoint")
    for name, value in S3_ENV.items():
        monkeypatch.setenv(name, value)
    bucket = f"ci-{uuid.uuid4().hex[:12]}"
    client = s3_client(endpoint)
    client.create_bucket(Bucket=bucket)

    def overwrite(name: str, data: bytes) -> None:
        client.put_object(Bucket=bucket, Key=f"govdocs/{name}", Body=data)

    def stored() -> dict[str, bytes]:
        return {key.removeprefix("govdocs/"): data for key, data in s3_objects(endpoint, bucket).items()}

    return Cache(f"s3://{bucket}/govdocs", endpoint, stored, overwrite)


@pytest.fixture(params=["http", pytest.param("s3", marks=pytest.mark.slow)])
def cache(request: pytest.FixtureRequest) -> Cache:
    return request.getfixturevalue(f"{request.param}_cache")  # type: ignore[no-any-return]

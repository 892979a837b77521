"""Issue 16.3: the remote build cache, against real servers on 127.0.0.1:
moto's S3 server and the Bazel-protocol HTTP cache of `remote_servers`.

Each runner is a separate local cache ($XDG_CACHE_HOME of its own) and
output folder, building through the command line as CI does. Text and HTML
only (fast); the runner scenario includes the reports."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from govdocs.build.remote import FETCHERS, HttpRemote, decode_action, encode_action, parse_cache_url
from tests.remote_servers import S3_ENV, bazel_cache, closed_port
from tests.runners import Cache, bundled, run, tree


def test_runner_b_renders_nothing_that_runner_a_stored(records: Path, tmp_path: Path, cache: Cache) -> None:
    a = run(records, tmp_path / "a", tmp_path / "xdg-a", *cache.options(), "--cache-write", reports=True)
    assert (a.code, a.warnings, a.fetched) == (0, [], 0)
    manifest = json.loads((tmp_path / "a" / "manifest.json").read_text())["outputs"]
    outputs, blobs = len(manifest), len({entry["sha256"] for entry in manifest.values()})
    assert a.built == outputs > 6 and a.uploaded == outputs + blobs  # an action entry each, equal blobs once
    assert sorted(cache.stored()) == sorted(
        [f"ac/{e['key']}" for e in manifest.values()]
        + [f"cas/{d}" for d in {e["sha256"] for e in manifest.values()}]
    )

    # runner B: a fresh machine (its own local cache), the URL from the environment as CI sets it
    env = {
        "GOVDOCS_CACHE_URL": cache.url,
        **({"GOVDOCS_CACHE_ENDPOINT": cache.endpoint} if cache.endpoint else {}),
    }
    b = run(records, tmp_path / "b", tmp_path / "xdg-b", env=env, reports=True)
    assert (b.code, b.warnings, b.built, b.restored, b.fetched, b.uploaded) == (0, [], 0, outputs, blobs, 0)
    assert tree(tmp_path / "b") == tree(tmp_path / "a")  # manifest included: byte for byte

    # the hits were copied into B's local store: without the remote, still nothing to render
    c = run(records, tmp_path / "c", tmp_path / "xdg-b")
    assert (c.built, c.restored, c.fetched) == (0, bundled(records), None)


def test_without_cache_write_nothing_is_uploaded(records: Path, tmp_path: Path, cache: Cache) -> None:
    first = run(records, tmp_path / "a", tmp_path / "xdg-a", *cache.options())
    assert (first.code, first.built, first.fetched, first.uploaded, first.warnings) == (
        0,
        bundled(records),
        0,
        0,
        [],
    )
    # what a CI workflow sets for a pull request
    second = run(
        records, tmp_path / "b", tmp_path / "xdg-b", *cache.options(), env={"GOVDOCS_CACHE_WRITE": "false"}
    )
    assert (second.code, second.built, second.uploaded) == (0, bundled(records), 0)
    assert cache.stored() == {}


def test_a_tampered_blob_is_refused_rendered_again_and_never_overwritten(
    records: Path, tmp_path: Path, cache: Cache
) -> None:
    run(records, tmp_path / "a", tmp_path / "xdg-a", *cache.options(), "--cache-write")
    genuine = (tmp_path / "a" / "kj-2016-59.txt").read_bytes()
    (name,) = [name for name, data in cache.stored().items() if data == genuine]
    forged = genuine.replace(b"Kaupunginjohtaja", b"Kaupunginhallitus", 1)
    assert forged != genuine
    cache.overwrite(name, forged)

    b = run(records, tmp_path / "b", tmp_path / "xdg-b", *cache.options(), "--cache-write")
    assert b.code == 0 and (b.built, b.restored, b.fetched) == (1, bundled(records) - 1, bundled(records) - 1)
    assert b.warnings == [
        f"{cache.url}: warning: remote cache entry {name} does not match its SHA-256 "
        "(corrupt or tampered); rendering the output again"
    ]
    assert tree(tmp_path / "b") == tree(tmp_path / "a")
    assert cache.stored()[name] == forged  # an existing name is never overwritten, not even to repair it


def test_an_action_entry_is_trusted_only_when_its_blob_verifies(
    records: Path, tmp_path: Path, http_cache: Cache
) -> None:
    run(records, tmp_path / "a", tmp_path / "xdg-a", *http_cache.options(), "--cache-write")
    entries = {
        name: decode_action(data) for name, data in http_cache.stored().items() if name.startswith("ac/")
    }
    names = sorted(entries)
    missing, wrong_size = "0" * 64, entries[names[1]][0]
    http_cache.overwrite(names[0], encode_action(missing, 10))  # names a blob that is not there
    http_cache.overwrite(
        names[1], encode_action(wrong_size[0], wrong_size[1] + 1)
    )  # the right blob, wrong size
    http_cache.overwrite(names[2], b"\x08\x01")  # a varint field: not an ActionResult of ours

    b = run(records, tmp_path / "b", tmp_path / "xdg-b", *http_cache.options())
    assert (b.code, b.built, b.restored) == (0, 3, bundled(records) - 3)
    assert sorted(b.warnings) == sorted(
        [  # the missing blob is a plain miss: caches forget
            f"{http_cache.url}: warning: remote cache entry cas/{wrong_size[0]} is {wrong_size[1]} bytes, not the "
            f"{wrong_size[1] + 1} its action entry says; rendering the output again",
            f"{http_cache.url}: warning: remote cache entry {names[2]} is not a govdocs action entry "
            "(field 1 is not an output file); rendering the output again",
        ]
    )
    assert tree(tmp_path / "b") == tree(tmp_path / "a")


def test_the_trust_limit_a_writer_of_the_action_map_chooses_the_blob(
    records: Path, tmp_path: Path, http_cache: Cache
) -> None:
    """What docs/security.md says verification cannot do: an entry naming
    another genuine blob is served. Only trusted builds may write."""
    run(records, tmp_path / "a", tmp_path / "xdg-a", *http_cache.options(), "--cache-write")
    outputs = json.loads((tmp_path / "a" / "manifest.json").read_text())["outputs"]
    seed, other = outputs["kj-2016-59.txt"], outputs["kp-2021-5.txt"]
    http_cache.overwrite(f"ac/{seed['key']}", encode_action(other["sha256"], other["bytes"]))
    b = run(records, tmp_path / "b", tmp_path / "xdg-b", *http_cache.options())
    assert (b.built, b.warnings) == (0, [])
    assert (tmp_path / "b" / "kj-2016-59.txt").read_bytes() == (tmp_path / "a" / "kp-2021-5.txt").read_bytes()


@pytest.mark.parametrize("scheme", ["http", pytest.param("s3", marks=pytest.mark.slow)])
def test_an_unreachable_cache_is_one_warning_and_a_correct_local_build(
    records: Path, tmp_path: Path, scheme: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    port = closed_port()
    for name, value in S3_ENV.items():
        monkeypatch.setenv(name, value)
    options = (
        ["--cache-url", f"http://127.0.0.1:{port}/govdocs"]
        if scheme == "http"
        else ["--cache-url", "s3://ci/govdocs", "--cache-endpoint", f"http://127.0.0.1:{port}"]
    )
    alone = run(records, tmp_path / "local", tmp_path / "xdg-local")
    b = run(records, tmp_path / "b", tmp_path / "xdg-b", *options, "--cache-write")
    assert (b.code, b.built, b.fetched, b.uploaded) == (0, bundled(records), 0, 0)
    assert len(b.warnings) == 1 and "warning: remote cache unusable (" in b.warnings[0], b.output
    assert b.warnings[0].endswith("); building without it")
    assert alone.warnings == [] and tree(tmp_path / "b") == tree(tmp_path / "local")


@pytest.mark.slow
def test_a_bucket_that_does_not_exist_is_one_warning(
    records: Path, tmp_path: Path, s3_endpoint: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name, value in S3_ENV.items():
        monkeypatch.setenv(name, value)
    options = ["--cache-url", "s3://no-such-bucket/govdocs", "--cache-endpoint", s3_endpoint]
    b = run(records, tmp_path / "b", tmp_path / "xdg-b", *options)
    assert (b.code, b.built) == (0, bundled(records))
    assert (
        len(b.warnings) == 1
        and "remote cache unusable (" in b.warnings[0]
        and "NoSuchBucket" in b.warnings[0]
    )


def test_a_slow_cache_times_out_once(records: Path, tmp_path: Path) -> None:
    with bazel_cache(tmp_path / "slow", delay=2.0) as server:
        b = run(
            records,
            tmp_path / "b",
            tmp_path / "xdg-b",
            "--cache-url",
            server.url,
            env={"GOVDOCS_CACHE_TIMEOUT": "0.2"},
        )
        # given up after the first timeout: the lookups in flight then, not one per output
        assert 1 <= len(server.requests) <= FETCHERS
    assert (b.code, b.built) == (0, bundled(records))
    assert b.warnings == [f"{server.url}: warning: remote cache unusable (timed out); building without it"]


def test_the_bearer_token_comes_from_the_environment_only(records: Path, tmp_path: Path) -> None:
    with bazel_cache(tmp_path / "private", token="s3cr3t-token") as server:
        denied = run(records, tmp_path / "a", tmp_path / "xdg-a", "--cache-url", server.url)
        allowed = run(
            records,
            tmp_path / "b",
            tmp_path / "xdg-b",
            "--cache-url",
            server.url,
            "--cache-write",
            env={"GOVDOCS_CACHE_TOKEN": "s3cr3t-token"},
        )
        stored = server.blobs()
    assert denied.warnings == [
        f"{server.url}: warning: remote cache unusable (GET ac/"
        f"{denied.warnings[0].split('GET ac/')[1][:64]}: HTTP 401); building without it"
    ]
    assert (allowed.warnings, allowed.uploaded, len(stored)) == (
        [],
        2 * bundled(records),
        2 * bundled(records),
    )
    assert "s3cr3t" not in denied.output + allowed.output


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (
            ["--cache-url", "ftp://cache.example/x"],
            "Error: --cache-url must be s3://BUCKET/PREFIX or http(s)://HOST/PREFIX, not 'ftp://cache.example/x'",
        ),
        (
            ["--cache-url", "https://ci:hunter2@cache.example/x"],
            "Error: --cache-url must not hold credentials; give them in the environment (AWS_* or "
            "GOVDOCS_CACHE_TOKEN), never on the command line",
        ),
        (
            ["--cache-url", "https://cache.example/x", "--cache-endpoint", "http://127.0.0.1:9000"],
            "Error: --cache-endpoint is for s3:// cache URLs (an S3-compatible service)",
        ),
        (
            ["--cache-write"],
            "Error: --cache-endpoint and --cache-write need --cache-url (or GOVDOCS_CACHE_URL)",
        ),
    ],
)
def test_a_bad_cache_url_is_a_usage_error(
    records: Path, tmp_path: Path, options: list[str], message: str
) -> None:
    result = run(records, tmp_path / "out", tmp_path / "xdg", *options)
    assert result.code == 2
    assert message in result.output.splitlines()
    assert "hunter2" not in result.output
    assert not (tmp_path / "out").exists()


def test_cache_settings_in_the_environment_alone_change_nothing(records: Path, tmp_path: Path) -> None:
    env = {"GOVDOCS_CACHE_WRITE": "true", "GOVDOCS_CACHE_ENDPOINT": "http://127.0.0.1:9"}
    result = run(records, tmp_path / "out", tmp_path / "xdg", env=env)
    assert (result.code, result.built, result.fetched, result.warnings) == (0, bundled(records), None, [])


def test_a_bad_cache_url_from_the_environment_is_a_usage_error(records: Path, tmp_path: Path) -> None:
    result = run(records, tmp_path / "out", tmp_path / "xdg", env={"GOVDOCS_CACHE_URL": "gs://bucket/x"})
    assert result.code == 2
    assert (
        "Error: --cache-url must be s3://BUCKET/PREFIX or http(s)://HOST/PREFIX, not 'gs://bucket/x'"
        in result.output
    )


def test_action_entries_are_bazel_action_results() -> None:
    digest = "ab" * 32
    entry = encode_action(digest, 1234)
    # ActionResult{output_files: [OutputFile{path: "output", digest: Digest{hash, size_bytes: 1234}}]}
    assert entry == b"\x12\x4f\x0a\x06output\x12\x45\x0a\x40" + digest.encode() + b"\x10\xd2\x09"
    assert decode_action(entry) == [(digest, 1234)]
    for bad in (b"", b"\x12", b"\x22\x00", entry[:-1], b"\x12\x08\x0a\x06output", encode_action("x" * 64, 1)):
        with pytest.raises(ValueError):
            decode_action(bad)


def test_the_token_is_never_sent_in_the_clear_to_another_machine() -> None:
    # constructed only: no request leaves this machine
    plain = HttpRemote(parse_cache_url("http://127.example.org/x"), "tok", 1.0)
    assert plain.headers == {}
    assert plain.notice == (
        "http://127.example.org/x: warning: GOVDOCS_CACHE_TOKEN is not sent over plain http to another machine; "
        "use https"
    )
    for url in ("https://cache.example.org/x", "http://127.0.0.1:8080/x", "http://[::1]:8080/x"):
        remote = HttpRemote(parse_cache_url(url), "tok", 1.0)
        assert (remote.headers, remote.notice) == ({"Authorization": "Bearer tok"}, None)

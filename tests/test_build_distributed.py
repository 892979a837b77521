"""Issue 16.4: the distributed build end to end, as the example CI workflow
runs it (docs/ci/github-actions.yml): four runners, each with a local cache
of its own, build their shard of 1,000 synthetic decisions through one
shared remote cache (moto's S3 server, then the Bazel HTTP cache); one job
merges the shards.

- every document is rendered exactly once across the four (the shards'
  manifests are disjoint and cover the whole build, and what each runner
  built is what it uploaded);
- four fresh runners the next day, with the shards dealt out differently
  (so no runner meets its own earlier work) render nothing: every output
  comes from the remote cache;
- the merged output is byte-identical, manifest included, to a single
  machine's build that never saw the cache.

Text and HTML (the formats' writers are tested elsewhere; this is about
who renders what)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from govdocs.cli import cli
from tests.runners import Cache, Run, run, tree
from tests.test_build import synthetic

pytestmark = pytest.mark.slow

DECISIONS = 1_000
RUNNERS = 4


@pytest.fixture(scope="module")
def repository(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return synthetic(tmp_path_factory.mktemp("synthetic"), DECISIONS)


@pytest.fixture(scope="module")
def single(repository: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """What one machine builds alone, without a remote cache."""
    folder = tmp_path_factory.mktemp("single")
    alone = run(repository, folder / "out", folder / "xdg")
    assert alone.code == 0, alone.output
    return _published(folder / "out")


def _shards(repository: Path, root: Path, cache: Cache, order: list[int]) -> list[Run]:
    """One round of runners: runner ``i`` builds shard ``order[i]`` with a fresh local cache."""
    return [
        run(
            repository,
            root / f"shard-{shard}",
            root / f"xdg-{i}",
            *cache.options(),
            "--cache-write",
            "--shard",
            f"{shard}/{RUNNERS}",
        )
        for i, shard in enumerate(order, start=1)
    ]


def _published(folder: Path) -> dict[str, bytes]:
    """The folder's files, without the lock a build holds on it (not an output)."""
    return {name: data for name, data in tree(folder).items() if name != ".govdocs.lock"}


def _outputs(folder: Path) -> set[str]:
    return set(json.loads((folder / "manifest.json").read_text())["outputs"])


@pytest.mark.parametrize("remote", ["s3_cache", "http_cache"])
def test_four_runners_render_each_document_once_and_merge_to_the_single_build(
    remote: str, repository: Path, single: dict[str, bytes], tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    cache: Cache = request.getfixturevalue(remote)
    everything = {name for name in single if name != "manifest.json"}
    assert len(everything) == 2 * DECISIONS

    first = _shards(repository, tmp_path / "day-1", cache, [1, 2, 3, 4])
    assert [r.code for r in first] == [0] * RUNNERS, [r.output for r in first if r.code]
    assert all(r.warnings == [] and r.fetched == 0 for r in first)
    built = [_outputs(tmp_path / "day-1" / f"shard-{s}") for s in range(1, RUNNERS + 1)]
    assert sum(len(b) for b in built) == len(set().union(*built)) == len(everything)  # disjoint, covering
    assert set().union(*built) == everything
    assert [r.built for r in first] == [len(b) for b in built]  # each rendered its shard, nothing more
    assert sum(r.built for r in first) == len(everything)

    second = _shards(repository, tmp_path / "day-2", cache, [3, 4, 1, 2])
    assert [r.code for r in second] == [0] * RUNNERS
    assert [r.built for r in second] == [0] * RUNNERS  # nothing rendered a second time
    assert sum(r.restored for r in second) == len(everything)
    assert all(r.uploaded == 0 for r in second)  # blobs are never written twice

    for day in ("day-1", "day-2"):
        shards = [str(tmp_path / day / f"shard-{s}") for s in range(1, RUNNERS + 1)]
        merged = tmp_path / day / "merged"
        result = CliRunner().invoke(cli, ["build", "--merge", *shards, "--out", str(merged)])
        assert result.exit_code == 0, result.output
        assert _published(merged) == single  # byte for byte, manifest included

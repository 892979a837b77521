"""A rebuilt search index writes only the files whose bytes changed: one
decision edited rewrites its own fragment and the chunks and metadata that
name it, not the fragments of every other page (a site of 10,000 decisions
would otherwise rewrite thousands of files for one edit)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from govdocs.publish.site import build_site
from tests import builders
from tests.test_site import site_files

DAY = date(2026, 1, 1)


def test_one_edit_rewrites_only_the_index_files_that_changed(tmp_path: Path) -> None:
    decisions = [builders.decision(id=f"kj-2016-{n}", number=n, title=f"Palvelun siirto {n}") for n in (1, 2, 3)]
    records = builders.write_repo(tmp_path / "records", *decisions)
    out, cache = tmp_path / "public", tmp_path / "cache"
    build_site(records, out, as_of=DAY, documents=(), cache_dir=cache)
    before = site_files(out)
    fragments = {name for name in before if name.endswith(".pf_fragment")}
    assert len(fragments) == 3
    decisions[1]["title"] = "Palvelun siirto kanslialle"
    builders.write_repo(records, *decisions)
    result = build_site(records, out, as_of=DAY, documents=(), cache_dir=cache)
    assert result.index_built
    written = [name for name in result.made if name.startswith("pagefind/")]
    new_fragments = [name for name in written if name.endswith(".pf_fragment")]
    assert len(new_fragments) == 1 and new_fragments[0] not in fragments
    assert all(name not in before or before[name] != (out / name).read_bytes() for name in written)
    # the manifest holds every file of the new index, each intact: the next build writes nothing
    assert build_site(records, out, as_of=DAY, documents=(), cache_dir=cache).made == []

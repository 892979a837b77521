"""The site's search index: Pagefind, taught Finnish by Voikko.

Pagefind (the ``pagefind[bin]`` package runs its binary) builds a static
index that the browser fetches in small pieces: a query downloads only the
fragments of the words it asks for. It stems words with Snowball, which for
Finnish knows endings but neither compounds nor every consonant gradation:
"ponsi" does not find "toivomusponsi" (stems ``pon`` and ``toivomuspo``) and
"työllisyydenhoidon" does not find a page that says "työllisyydenhoito"
(``työllisyydenhoido`` against ``työllisyydenhoito``).

So each Finnish page is indexed with what Voikko knows of its words
(:func:`finnish_terms`): the base form of every inflected word, the parts of
every compound, and, for each of those, the weak-grade genitive when Voikko
confirms it is a form of the same word and Snowball stems it differently.
A query in any of those forms then stems to a term the page holds. The terms
follow the page's text under one label ("Hakusanat"), each group after the
page's own word it comes from, so an excerpt that falls on them shows why
the page matched. Swedish pages are indexed as Swedish
with Pagefind's own stemmer.

The index is the same bytes for the same pages: entries go in sorted by URL,
and what Pagefind writes in an order of its own (the filters in a
language's ``pf_meta``, the languages in ``pagefind-entry.json``) is put in
a canonical order afterwards (:func:`_canonical`).

Example::

    files = build_index([SearchEntry("paatokset/kj-2016-59.html", "fi", "Loppuraportti", "…")])
    sorted(files)[:2]   # ['pagefind/fragment/fi_….pf_fragment', ...]
"""

from __future__ import annotations

import asyncio
import functools
import gzip
import hashlib
import json
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

__all__ = ["BUNDLE", "SearchEntry", "build_index", "finnish_terms", "glossary", "with_terms"]

BUNDLE = "pagefind"
"""The folder of the index inside the site."""

_WORD = re.compile(r"[^\W\d_]{3,}")
_VOWELS = "aeiouyäö"


@dataclass(frozen=True)
class SearchEntry:
    """What the search index holds of one page."""

    url: str
    """The page's path in the site ('paatokset/kj-2016-59.html')."""
    lang: str
    title: str
    text: str
    """The page's public text."""
    filters: dict[str, list[str]] = field(default_factory=dict)
    meta: dict[str, str] = field(default_factory=dict)
    terms: str = ""
    """What Voikko adds to a Finnish page (:func:`glossary`), worked out when
    the page is made (:func:`with_terms`), so rebuilding the index for one
    changed page analyses no other page's words again."""


def with_terms(entry: SearchEntry) -> SearchEntry:
    """``entry`` with its Finnish terms worked out."""
    if entry.lang != "fi" or entry.terms:
        return entry
    return replace(entry, terms=glossary(entry.text))


def build_index(entries: Sequence[SearchEntry]) -> dict[str, bytes]:
    """The Pagefind bundle of ``entries``: path in the site → bytes."""
    records = [_record(entry) for entry in sorted(entries, key=lambda e: e.url)]
    files = asyncio.run(_pagefind(records))
    return _canonical({f"{BUNDLE}/{path}": data for path, data in files.items()})


def _record(entry: SearchEntry) -> dict[str, Any]:
    content = entry.text
    if terms := with_terms(entry).terms:
        content = f"{content}\n\n{terms}"
    meta = {"title": entry.title, **entry.meta}
    filters = {name: sorted(values) for name, values in sorted(entry.filters.items()) if values}
    # relative to the site's root: Pagefind puts the folder above its bundle before it
    return {
        "url": entry.url,
        "content": content,
        "language": entry.lang,
        "meta": meta,
        "filters": filters,
    }


_TERMS_LABEL = "Hakusanat"


async def _pagefind(records: list[dict[str, Any]]) -> dict[str, bytes]:
    """The files Pagefind writes for ``records`` (path in the bundle → bytes),
    written into a temporary folder (its pipe is not for large indexes)."""
    import tempfile
    from pathlib import Path

    import pagefind.service
    from pagefind.index import PagefindIndex

    # not ``async with``: its exit writes the files once more, into the configured output
    # folder (Pagefind's default, under the working folder)
    pagefind.service.asyncio = _NoPause()  # type: ignore[assignment]
    index = PagefindIndex()
    try:
        await index._start()
        service = index._service
        try:
            for record in records:
                await index.add_custom_record(**record)
            with tempfile.TemporaryDirectory(prefix="govdocs-pagefind-") as tmp:
                await index.write_files(output_path=tmp)
                return await _written(Path(tmp))
        finally:
            if service is not None:
                await service.close()
    finally:
        pagefind.service.asyncio = asyncio


class _NoPause:
    """asyncio for Pagefind's service without its pause: the service sleeps
    0.1 s before reading each reply of the binary (pagefind 1.5.2,
    ``_wait_for_responses``), so every page added cost 100 ms, 17 minutes
    for 10,000 decisions. Its read waits for the reply anyway; the pause
    becomes a yield. Same bytes (tests/test_site_search.py). Without the
    pause the reply to 'write files' may come before the files are whole,
    so the bundle is read only once it is (`_written`)."""

    def __getattr__(self, name: str) -> Any:
        return getattr(asyncio, name)

    @staticmethod
    async def sleep(delay: float, result: Any = None) -> Any:
        return await asyncio.sleep(0, result)


WRITE_SECONDS = 120.0
"""How long to wait for Pagefind's binary to finish a bundle it says it wrote."""


async def _written(root: Any) -> dict[str, bytes]:
    """The bundle under ``root`` once it is whole: the binary's reply that
    it wrote the files has been seen to come before they were (an empty
    ``pagefind-entry.json``), so the files are read when their listing
    holds still between two looks, the entry file names a meta file for
    each of its languages and every index file is a whole gzip stream."""
    import time

    from govdocs.errors import EnvironmentFailure

    deadline, before = time.monotonic() + WRITE_SECONDS, None
    while True:
        listing = {p: p.stat().st_size for p in sorted(root.rglob("*")) if p.is_file()}
        if listing == before:
            files = {p.relative_to(root).as_posix(): p.read_bytes() for p in listing}
            if _whole(files):
                return files
        if time.monotonic() > deadline:
            raise EnvironmentFailure(f"Pagefind did not finish writing its index within {WRITE_SECONDS:g} s")
        before = listing
        await asyncio.sleep(0.02)


def _whole(files: dict[str, bytes]) -> bool:
    try:
        entry = json.loads(files["pagefind-entry.json"])
        metas = [f"pagefind.{settings['hash']}.pf_meta" for settings in entry["languages"].values()]
        if not metas or any(name not in files for name in metas):
            return False
        for name, data in files.items():
            if name.rsplit(".", 1)[-1].startswith("pf_"):
                gzip.decompress(data)
    except (KeyError, TypeError, ValueError, AttributeError, EOFError, OSError):
        return False
    return True


# --- Finnish --------------------------------------------------------------------------


def finnish_terms(text: str) -> list[str]:
    """What Voikko adds to a Finnish text's index: base forms, compound
    parts and their weak-grade forms, each only when its Snowball stem is
    not already one of the text's own; sorted."""
    return sorted(term for _, terms in _glossary(text) for term in terms)


def glossary(text: str) -> str:
    """The added terms as a line to index after the text, each group after
    the word of the text it comes from, so an excerpt that falls on it
    shows why the page matched: 'toivomusponnesta (toivomusponsi ponsi)'."""
    groups = _glossary(text)
    if not groups:
        return ""
    return f"{_TERMS_LABEL}: " + "; ".join(f"{word} ({' '.join(terms)})" for word, terms in groups)


def _glossary(text: str) -> list[tuple[str, list[str]]]:
    words = sorted({w.casefold() for w in _WORD.findall(text)})
    stem = _stemmer()
    known = {stem(w) for w in words}
    groups = []
    for word in words:
        terms = []
        for term in _word_terms(word):
            s = stem(term)
            if s not in known:
                known.add(s)
                terms.append(term)
        if terms:
            groups.append((word, terms))
    return groups


@functools.lru_cache(maxsize=200_000)
def _word_terms(word: str) -> tuple[str, ...]:
    analyser = _voikko()
    if analyser is None:
        return ()
    found: dict[str, None] = {}
    for base, parts in analyser(word):
        for term in (base, *parts):
            found[term] = None
            for form in _weak_forms(term):
                if base_of(form, term):
                    found[form] = None
    found.pop(word, None)
    return tuple(found)


def base_of(form: str, base: str) -> bool:
    """Voikko reads ``form`` as an inflection of ``base``."""
    analyser = _voikko()
    return analyser is not None and any(b == base for b, _ in analyser(form))


def _weak_forms(base: str) -> Iterator[str]:
    """'hoito' → 'hoidon': the genitive in the weak grade (Voikko decides
    whether it is a word)."""
    from govdocs.document.names import _GRADATION

    body = base.rstrip(_VOWELS)
    tail = base[len(body) :]
    if not tail or not body:
        return
    for strong, weak in _GRADATION:
        if body.endswith(strong):
            yield body[: -len(strong)] + weak + tail + "n"
            return


def _parts(wordbases: str) -> tuple[str, ...]:
    """'+toivomus(toivomus)+ponsi(ponsi)' → ('toivomus', 'ponsi'); derivation
    morphemes ('+llisy(+nen)') are not words and are left out."""
    parts = re.findall(r"\(([^()+]+)\)", wordbases)
    return tuple(p.casefold() for p in parts) if len(parts) > 1 else ()


@functools.cache
def _voikko() -> Any:
    """word → ((base form, compound parts), ...), cached; None without Voikko."""
    try:
        import libvoikko

        voikko = libvoikko.Voikko("fi")
    except (ImportError, OSError, Exception):  # noqa: BLE001 - Voikko missing: Snowball alone
        return None

    @functools.lru_cache(maxsize=400_000)
    def analyse(word: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
        found = []
        for analysis in voikko.analyze(word):
            base = str(analysis.get("BASEFORM", "")).casefold()
            if base and " " not in base:
                found.append((base, _parts(str(analysis.get("WORDBASES", "")))))
        return tuple(dict.fromkeys(found))

    return analyse


@functools.cache
def _stemmer() -> Any:
    """Snowball's Finnish stemmer: the algorithm Pagefind stems with, cached
    per word (the pure-Python stemmer was all of the glossary's time: 13 ms a
    decision uncached, the same words again on every page)."""
    import snowballstemmer

    return functools.lru_cache(maxsize=400_000)(snowballstemmer.stemmer("finnish").stemWord)


# --- the same bytes ----------------------------------------------------------------------


def _canonical(files: dict[str, bytes]) -> dict[str, bytes]:
    """The bundle with Pagefind's unordered parts put in order: each filter
    file's values sorted, each language's filters sorted by name, the
    languages of the entry file sorted; a file whose bytes change is named
    after its new content, and every reference to it follows."""
    renamed: dict[str, str] = {}  # old hash name ('fi_943155c') → new
    for name in _names(files, ".pf_filter"):
        key, values = _decode(files.pop(name))
        data = _encode([key, sorted(([v, sorted(pages)] for v, pages in values), key=lambda x: str(x[0]))])
        lang = name.rsplit("/", 1)[1].split("_", 1)[0]
        new = f"{lang}_{hashlib.sha256(data).hexdigest()[:7]}"
        renamed[name.rsplit("/", 1)[1].removesuffix(".pf_filter")] = new
        files[f"{BUNDLE}/filter/{new}.pf_filter"] = data
    entry_name = f"{BUNDLE}/pagefind-entry.json"
    entry = json.loads(files[entry_name]) if entry_name in files else {}
    for name in _names(files, ".pf_meta"):
        meta = _decode(files.pop(name))
        if len(meta) > 3 and isinstance(meta[3], list):
            meta[3] = sorted(([f, renamed.get(h, h)] for f, h in meta[3]), key=lambda x: str(x[0]))
        data = _encode(meta)
        old_hash = name.rsplit("/", 1)[1].removeprefix("pagefind.").removesuffix(".pf_meta")
        lang = old_hash.split("_", 1)[0]
        new_hash = f"{lang}_{hashlib.sha256(data).hexdigest()[:10]}"
        files[f"{BUNDLE}/pagefind.{new_hash}.pf_meta"] = data
        for settings in entry.get("languages", {}).values():
            if settings.get("hash") == old_hash:
                settings["hash"] = new_hash
    if entry:
        entry["languages"] = dict(sorted(entry.get("languages", {}).items()))
        files[entry_name] = json.dumps(
            entry, ensure_ascii=False, separators=(",", ":"), sort_keys=True
        ).encode()
    return dict(sorted(files.items()))


_MAGIC = b"pagefind_dcd"
"""What a decompressed index file starts with, before its CBOR."""


def _decode(data: bytes) -> Any:
    import cbor2

    raw = gzip.decompress(data)
    if not raw.startswith(_MAGIC):
        raise ValueError("not a Pagefind index file")
    return cbor2.loads(raw[len(_MAGIC) :])


def _encode(value: Any) -> bytes:
    import cbor2

    return gzip.compress(_MAGIC + cbor2.dumps(value), compresslevel=9, mtime=0)


def _names(files: Iterable[str], suffix: str) -> list[str]:
    return sorted(name for name in files if name.endswith(suffix))

"""Finnish hyphenation: soft hyphens where a line may break inside a word.

WeasyPrint hyphenates with Pyphen, which has no Finnish dictionary, so
``hyphens: auto`` does nothing for ``lang="fi"``.  Instead the renderers put
U+00AD SOFT HYPHEN into the text themselves (:meth:`Hyphenator.soft_hyphenate`);
WeasyPrint breaks there and draws a hyphen only when it does.

Backends, chosen by :func:`get_hyphenator`:

* **Voikko** (Debian ``libvoikko1`` + ``voikko-fi``, PyPI binding ``libvoikko``):
  knows the dictionary, so compound seams win: ``talous-arvio``, never
  ``talou-sarvio``.
* **Rule-based syllabifier** (:func:`finnish_syllables`), used for Finnish only
  when Voikko cannot be loaded.  It applies the standard syllable rules but
  cannot see compound seams (``ta-lou-sar-vi-o``), so it is only a fallback;
  a warning says so once.
* **None**: any other language without a Voikko dictionary (e.g. Swedish on a
  stock Debian) is left unhyphenated.

Rules applied on top of every backend:

* words of fewer than :data:`MIN_WORD_LETTERS` letters are not hyphenated;
* no fragment is shorter than two letters, at the word's ends
  (:data:`MIN_LEFT`, :data:`MIN_RIGHT`: "a-siakas" is wrong) or inside;
* a word that already has a hyphen is split there only, each part hyphenated
  on its own, the hyphen kept (``elin-kei-no-osas-to``);
* e-mail addresses, URLs, numbers, words glued to digits (``COVID-19``),
  identifiers with ``_`` and camelCase names are left alone.
"""

from __future__ import annotations

import functools
import logging
import re
import threading
import unicodedata
from collections.abc import Callable, Iterable
from typing import Any

__all__ = [
    "MIN_LEFT",
    "MIN_RIGHT",
    "MIN_WORD_LETTERS",
    "SOFT_HYPHEN",
    "BreakFinder",
    "Hyphenator",
    "finnish_syllable_breaks",
    "finnish_syllables",
    "get_hyphenator",
    "syllabifier_hyphenator",
    "unhyphenated",
    "voikko_hyphenator",
]

SOFT_HYPHEN = "\u00ad"
MIN_WORD_LETTERS = 5
MIN_LEFT = 2
MIN_RIGHT = 2

VOIKKO_INSTALL_HINT = (
    "apt-get install libvoikko1 voikko-fi (Debian packages; see setup/apt-packages.txt)"
)

logger = logging.getLogger("govdocs")

BreakFinder = Callable[[str], Iterable[int]]
"""Gives the syllable break offsets of one word of letters (NFC, no hyphen).

An offset ``i`` means a break between ``word[i - 1]`` and ``word[i]``.  The
:class:`Hyphenator` filters them by its own rules, so a finder may return
breaks that make one-letter fragments.
"""

_LETTER = r"[^\W\d_]"
_MARK = r"[\u0300-\u036f]"
_WORD_PART = rf"{_LETTER}(?:{_LETTER}|{_MARK}|{SOFT_HYPHEN})*"
_WORD = re.compile(
    rf"(?<![\w{SOFT_HYPHEN}])"
    rf"{_WORD_PART}(?:-{_WORD_PART})*"
    rf"(?![\w{SOFT_HYPHEN}])(?!-\d)"
)
_CHUNK = re.compile(r"\S+")
_UNTOUCHABLE = re.compile(r"@|://|(?:^|\W)www\.|[^\W_]\.[^\W_]", re.IGNORECASE)


class Hyphenator:
    """Finds break points in words and marks them with soft hyphens.

    Built with one :data:`BreakFinder` (or ``None`` for no hyphenation); the
    rules common to all backends (see the module docstring) live here.
    """

    def __init__(self, find_breaks: BreakFinder | None, *, backend: str, lang: str) -> None:
        self.backend = backend
        """``"voikko"``, ``"syllabifier"`` or ``"none"``."""
        self.lang = lang
        self._find_breaks = find_breaks
        self._fragments = functools.lru_cache(maxsize=8192)(self._fragments_uncached)

    def __repr__(self) -> str:
        return f"Hyphenator(backend={self.backend!r}, lang={self.lang!r})"

    def hyphenate_word(self, word: str) -> list[str]:
        """Split ``word`` into fragments between which a line may break.

        ``"".join(result) == word`` always.  An existing hyphen ends its
        fragment (``["elin", "kei", "no-", "osas", "to"]``); a word that
        cannot be hyphenated comes back as ``[word]``.
        """
        return list(self._fragments(word))

    def soft_hyphenate(self, text: str) -> str:
        """Insert U+00AD at every allowed break point of every word in ``text``.

        Everything else is kept exactly: removing the soft hyphens gives back
        ``text``.  Words that already contain a soft hyphen are left as they
        are, so applying this twice changes nothing.  Meant for text nodes,
        not for markup (tag names would be hyphenated too).
        """
        if self._find_breaks is None:
            return text
        return _CHUNK.sub(self._soft_hyphenate_chunk, text)

    def _soft_hyphenate_chunk(self, match: re.Match[str]) -> str:
        chunk = match.group()
        if _UNTOUCHABLE.search(chunk):
            return chunk
        return _WORD.sub(self._soft_hyphenate_word, chunk)

    def _soft_hyphenate_word(self, match: re.Match[str]) -> str:
        return _join_soft(self._fragments(match.group()))

    def _fragments_uncached(self, word: str) -> tuple[str, ...]:
        if self._find_breaks is None or SOFT_HYPHEN in word:
            return (word,)
        parts = word.split("-")
        if not all(_is_letters(part) for part in parts if part):
            return (word,)
        fragments: list[str] = []
        for index, part in enumerate(parts):
            pieces = self._part_fragments(part)
            if index < len(parts) - 1:
                pieces[-1] += "-"
            fragments.extend(pieces)
        return tuple(fragment for fragment in fragments if fragment) or (word,)

    def _part_fragments(self, part: str) -> list[str]:
        """Fragments of one hyphen-free part of a word."""
        if self._find_breaks is None or not _is_hyphenatable(part):
            return [part]
        clusters = _letter_clusters(part)
        if clusters is None:
            return [part]
        composed = "".join(unicodedata.normalize("NFC", cluster) for cluster in clusters)
        breaks = _allowed_breaks(self._find_breaks(composed), len(clusters))
        return _split_clusters(clusters, breaks)


def _is_letters(part: str) -> bool:
    """Only letters and combining marks: no digits, apostrophes, dots or soft hyphens."""
    return all(ch.isalpha() or unicodedata.combining(ch) for ch in part)


def _is_hyphenatable(part: str) -> bool:
    """A part is hyphenated only if it is all letters, long enough and not camelCase."""
    letters = [ch for ch in part if not unicodedata.combining(ch)]
    if len(letters) < MIN_WORD_LETTERS or not _is_letters(part):
        return False
    camel_case = not part.isupper() and any(ch.isupper() for ch in letters[1:])
    return not camel_case


def _letter_clusters(part: str) -> list[str] | None:
    """Split into base letters with their combining marks.

    Returns ``None`` when a cluster does not compose to one character, since
    break offsets could then not be mapped back to ``part``.
    """
    clusters: list[str] = []
    for ch in part:
        if clusters and unicodedata.combining(ch):
            clusters[-1] += ch
        else:
            clusters.append(ch)
    if any(len(unicodedata.normalize("NFC", cluster)) != 1 for cluster in clusters):
        return None
    return clusters


def _allowed_breaks(breaks: Iterable[int], length: int) -> list[int]:
    """Keep the breaks that leave no fragment shorter than two letters.

    Breaks too near the ends go (``MIN_LEFT``/``MIN_RIGHT``).  Inside the word
    a one-letter fragment is always a vowel after a vowel-vowel split
    (``a-si-a-kas``); the split before it goes, the consonant break after it
    stays (``asia-kas``).
    """
    kept: list[int] = []
    for position in sorted(set(breaks)):
        if not MIN_LEFT <= position <= length - MIN_RIGHT:
            continue
        if kept and position - kept[-1] < 2:
            kept[-1] = position
        else:
            kept.append(position)
    return kept


def _split_clusters(clusters: list[str], breaks: list[int]) -> list[str]:
    bounds = [0, *breaks, len(clusters)]
    return ["".join(clusters[start:end]) for start, end in zip(bounds, bounds[1:], strict=False)]


def _join_soft(fragments: Iterable[str]) -> str:
    """Join fragments with soft hyphens, except after an existing hyphen."""
    result = ""
    for fragment in fragments:
        if result and not result.endswith("-"):
            result += SOFT_HYPHEN
        result += fragment
    return result


# --- Rule-based Finnish syllabifier (fallback) -----------------------------------------

_VOWELS = frozenset("aeiouyäöåéèáàüø")
_DIPHTHONGS = frozenset(
    ["ai", "ei", "oi", "ui", "yi", "äi", "öi", "au", "eu", "iu", "ou", "ey", "iy", "äy", "öy"]
)
_FIRST_SYLLABLE_DIPHTHONGS = frozenset(["ie", "uo", "yö"])


def finnish_syllable_breaks(word: str) -> list[int]:
    """Syllable break offsets of a Finnish word by the standard rules.

    * A consonant followed by a vowel starts a syllable (``kau-pun-gin``);
      consonants before the first vowel stay together (``stra-te-gi-a``).
    * Two vowels are split unless they form a long vowel (``aa``) or a
      diphthong (``ai ei oi ui yi äi öi au eu iu ou ey iy äy öy``, and
      ``ie uo yö`` in the first syllable only: ``tie-to`` but ``ki-en``);
      a syllable holds at most two vowels (``kau-an``).

    Case-insensitive; works on any letters, with å, ä, ö as vowels.  It cannot
    see compound seams ("ta-lou-sar-vi-o"), which is why Voikko is preferred.
    """
    low = [ch.lower() for ch in word]
    breaks: list[int] = []
    syllable_start = 0
    vowels_in_run = 0
    for index, ch in enumerate(low):
        if ch in _VOWELS:
            if vowels_in_run and not _vowels_join(
                low[index - 1] + ch, vowels_in_run, first=syllable_start == 0
            ):
                breaks.append(index)
                syllable_start = index
                vowels_in_run = 1
            else:
                vowels_in_run += 1
            continue
        vowels_in_run = 0
        next_is_vowel = index + 1 < len(low) and low[index + 1] in _VOWELS
        if next_is_vowel and any(c in _VOWELS for c in low[syllable_start:index]):
            breaks.append(index)
            syllable_start = index
    return breaks


def _vowels_join(pair: str, vowels_in_run: int, *, first: bool) -> bool:
    """Whether two adjacent vowels stay in one syllable."""
    if vowels_in_run >= 2:
        return False
    if pair[0] == pair[1] or pair in _DIPHTHONGS:
        return True
    return first and pair in _FIRST_SYLLABLE_DIPHTHONGS


def finnish_syllables(word: str) -> list[str]:
    """The word split into syllables by :func:`finnish_syllable_breaks`, case kept."""
    bounds = [0, *finnish_syllable_breaks(word), len(word)]
    return [word[start:end] for start, end in zip(bounds, bounds[1:], strict=False)]


# --- Backends and the per-language cache -------------------------------------------------


class _VoikkoBreaks:
    """A :data:`BreakFinder` asking one Voikko instance (not thread-safe, hence the lock)."""

    def __init__(self, voikko: Any) -> None:
        self._voikko = voikko
        self._lock = threading.Lock()

    def __call__(self, word: str) -> list[int]:
        with self._lock:
            pattern: str = self._voikko.getHyphenationPattern(word)
        if len(pattern) != len(word):
            return []
        # "-" breaks before the character; "=" replaces it (e.g. an apostrophe),
        # which a soft hyphen cannot do, so those are skipped.
        return [index for index, mark in enumerate(pattern) if mark == "-"]


def _load_voikko(lang: str) -> tuple[Any | None, str]:
    """A configured Voikko instance for ``lang``, or ``None`` and the reason."""
    try:
        import libvoikko
    except ImportError as error:
        return None, f"Python package libvoikko is not installed ({error})"
    try:
        voikko = libvoikko.Voikko(lang)
    except (OSError, libvoikko.VoikkoException) as error:
        return None, str(error)
    voikko.setHyphenateUnknownWords(True)
    voikko.setMinHyphenatedWordLength(MIN_WORD_LETTERS)
    # No "ugly" breaks: none leaving one letter, none splitting a vowel pair
    # except at a compound seam ("ra-dio-ase-ma").
    voikko.setNoUglyHyphenation(True)
    return voikko, ""


def voikko_hyphenator(lang: str = "fi") -> Hyphenator | None:
    """A Voikko-backed :class:`Hyphenator`, or ``None`` if Voikko or its dictionary is missing."""
    voikko, _reason = _load_voikko(lang)
    if voikko is None:
        return None
    return Hyphenator(_VoikkoBreaks(voikko), backend="voikko", lang=lang)


def syllabifier_hyphenator(lang: str = "fi") -> Hyphenator:
    """The rule-based Finnish fallback (no compound seams); see :func:`finnish_syllables`."""
    return Hyphenator(finnish_syllable_breaks, backend="syllabifier", lang=lang)


def unhyphenated(lang: str) -> Hyphenator:
    """A :class:`Hyphenator` that leaves every text unchanged."""
    return Hyphenator(None, backend="none", lang=lang)


_fallback_warned = False
_warn_lock = threading.Lock()


def _warn_fallback_once(reason: str) -> None:
    global _fallback_warned
    with _warn_lock:
        if _fallback_warned:
            return
        _fallback_warned = True
    logger.warning(
        "Voikko is missing (%s); Finnish hyphenation falls back to rule-based syllables, "
        "which do not know compound seams. Install it with: %s",
        reason,
        VOIKKO_INSTALL_HINT,
    )


def get_hyphenator(lang: str = "fi") -> Hyphenator:
    """The hyphenator for ``lang`` (``"fi"``, ``"fi-FI"``, ``"sv"``, …), cached per language.

    Voikko when it can be loaded for the language; for Finnish otherwise the
    rule-based syllabifier, with one warning per process; for other languages
    otherwise no hyphenation.
    """
    return _hyphenator_for(_base_language(lang))


def _base_language(lang: str) -> str:
    return re.split(r"[-_]", lang.strip(), maxsplit=1)[0].lower() or "fi"


@functools.cache
def _hyphenator_for(lang: str) -> Hyphenator:
    voikko, reason = _load_voikko(lang)
    if voikko is not None:
        return Hyphenator(_VoikkoBreaks(voikko), backend="voikko", lang=lang)
    if lang == "fi":
        _warn_fallback_once(reason)
        return syllabifier_hyphenator(lang)
    logger.debug("No Voikko dictionary for %r (%s); text is not hyphenated.", lang, reason)
    return unhyphenated(lang)

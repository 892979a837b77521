"""Finding personal data in text the way a reader sees it, not as bytes.

A public copy must hide a name however it is written: inflected
(``Meikäläisen``, ``Virtaselle``), in capitals, decomposed (NFD) or
full-width, with a non-breaking space between its parts, or with a soft
hyphen, a zero-width or a bidi character inside it. So text is *folded*
before matching: NFKC, case folding, invisible characters removed, every
space a plain space; each folded character remembers where it came from,
so a match masks exactly the original characters.

A word is the name (a token of a ``personal_data`` entry) when

* Voikko's base forms of the word meet the name (``Virtaselle`` → ``Virtanen``),
* or it starts with a Finnish stem of the name followed by at most
  :data:`MAX_ENDING` letters (``-nen`` → ``-s-``, consonant gradation
  ``tt`` → ``t``, final ``i`` → ``e``: ``Virtasta``, ``Matin``, ``Nurmen``),
  which also catches names Voikko does not know (``Grosille``),
* or it holds a name or stem of :data:`MIN_INNER` letters or more inside it
  (glued to another word without a space).

Words are read twice: with the invisible characters removed (a soft hyphen
or zero-width space inside a name) and with them as spaces (a zero-width
space gluing two names together).

Masking too much is the safe side of a public copy: ``Koski`` also masks
``koskien``. An entry that is not a plain name (it holds digits or an
``@``: an address, an identity code) is matched as a whole, folded.
Without Voikko only the stem rule is used, and a warning says so once.
"""

from __future__ import annotations

import functools
import logging
import re
import threading
import unicodedata
from collections.abc import Iterable, Sequence
from typing import Any

__all__ = ["INVISIBLE", "MAX_ENDING", "MIN_INNER", "NameMatcher", "fold", "load_analyser", "masked", "stems"]

logger = logging.getLogger("govdocs")

INVISIBLE = frozenset(
    "\u00ad\u034f\u061c\u180e\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
    "\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069\ufeff"
)
"""Soft hyphen, zero-width characters, word joiner, bidi controls, BOM: they
change no letter a reader sees, so matching ignores them."""

MAX_ENDING = 9
"""Letters a case ending with its clitics may add after a stem (``-ssakin``)."""

MIN_INNER = 6
"""Shortest name or stem also looked for inside a longer word (glued to
another word without a space: ``hakijaVirtaselle``)."""

_VOWELS = "aeiouyäöå"
_GRADATION = (
    ("kk", "k"), ("pp", "p"), ("tt", "t"), ("nk", "ng"), ("mp", "mm"), ("lt", "ll"), ("nt", "nn"),
    ("rt", "rr"), ("ht", "hd"), ("lk", "l"), ("rk", "r"), ("hk", "h"), ("k", ""), ("p", "v"), ("t", "d"),
)
"""Strong → weak grade of the consonants before a word's last vowel (Matti → Matin)."""

_HAS_INVISIBLE = re.compile("[" + "".join(sorted(INVISIBLE)) + "]")
_NAME_CLASSES = frozenset({"etunimi", "sukunimi", "paikannimi", "nimi"})
_WORD = re.compile(r"\w+")
_LONG_WORD = re.compile(rf"\w{{{MIN_INNER + 1},}}")


# --- folding ------------------------------------------------------------------------


def _quick_fold(text: str) -> str | None:
    """The folded text when each letter folds to one letter in place (the
    common case, done in C), else None."""
    if _HAS_INVISIBLE.search(text) or not unicodedata.is_normalized("NFKC", text):
        return None
    lowered = text.casefold()
    return lowered if len(lowered) == len(text) else None


def fold(text: str, invisible: str = "") -> tuple[str, list[tuple[int, int]]]:
    """The folded text and, for each of its characters, the span of the
    original characters it came from. A base letter and the combining marks
    after it fold together (NFD ``a`` + U+0308 is one ``ä``); invisible
    characters become ``invisible`` (nothing, or a space)."""
    quick = _quick_fold(text)
    if quick is not None:
        return quick, [(k, k + 1) for k in range(len(text))]
    folded: list[str] = []
    spans: list[tuple[int, int]] = []
    i, n = 0, len(text)
    while i < n:
        j = i + 1
        while j < n and (unicodedata.combining(text[j]) or text[j] in INVISIBLE and j + 1 < n
                         and unicodedata.combining(text[j + 1])):
            j += 1
        segment = "".join(invisible if c in INVISIBLE else c for c in text[i:j])
        if segment:
            out = unicodedata.normalize("NFKC", segment).casefold()
            out = " " if out.isspace() else out
            folded.append(out)
            spans += [(i, j)] * len(out)
        i = j
    return "".join(folded), spans


def _fold_plain(text: str) -> str:
    return " ".join(fold(text)[0].split())


# --- the stem rule -------------------------------------------------------------------


def stems(token: str) -> frozenset[str]:
    """The Finnish stems of a folded name token: itself, ``-nen`` → ``-s``,
    the weak grade of its last consonants, final ``i`` → ``e``; none shorter
    than three letters."""
    found = {token}
    if token.endswith("nen") and len(token) > 4:
        found.add(token[:-3] + "s")
    body = token.rstrip(_VOWELS)
    tail = token[len(body):]
    if tail and body:
        for strong, weak in _GRADATION:
            if body.endswith(strong):
                found.add(body[: -len(strong)] + weak + tail)
                break
    found |= {s[:-1] + "e" for s in found if s.endswith("i")}
    return frozenset(s for s in found if len(s) >= 3)


# --- Voikko ---------------------------------------------------------------------------


class _Analyser:
    """Base forms from one Voikko instance (not thread-safe, hence the lock)."""

    def __init__(self, voikko: Any) -> None:
        self._voikko = voikko
        self._lock = threading.Lock()

    @functools.lru_cache(maxsize=65536)  # noqa: B019 - one analyser per process, words repeat
    def analyses(self, word: str) -> tuple[tuple[str, str], ...]:
        with self._lock:
            found = self._voikko.analyze(word)
        return tuple((str(a.get("BASEFORM", "")).casefold(), str(a.get("CLASS", ""))) for a in found)

    def bases(self, word: str) -> frozenset[str]:
        return frozenset(base for base, _ in self.analyses(word) if base)

    def name_bases(self, word: str) -> frozenset[str]:
        """Base forms of the word read as a name: a first name's 'Anna' is kept, the verb 'antaa' is not."""
        return frozenset(base for base, kind in self.analyses(word) if base and kind in _NAME_CLASSES)


@functools.cache
def load_analyser(lang: str = "fi") -> _Analyser | None:
    """Voikko for ``lang``, or None with a warning (once) that names are then
    matched by the stem rule only."""
    try:
        import libvoikko
    except ImportError as error:
        reason = f"Python package libvoikko is not installed ({error})"
    else:
        try:
            return _Analyser(libvoikko.Voikko(lang))
        except (OSError, libvoikko.VoikkoException) as error:
            reason = str(error)
    logger.warning(
        "Voikko is missing (%s); public copies find inflected names by a Finnish stem rule only, "
        "which misses irregular forms. Install it with: apt-get install libvoikko1 voikko-fi", reason,
    )
    return None


# --- matching ----------------------------------------------------------------------------


class NameMatcher:
    """Finds the personal-data entries in texts; see the module docstring."""

    def __init__(self, entries: Iterable[str], analyser: _Analyser | None = None) -> None:
        self._analyser = analyser
        self._keys: set[str] = set()
        """Folded name tokens and their base forms as names."""
        self._stems: set[str] = set()
        wholes = []
        for entry in dict.fromkeys(entries):
            folded = _fold_plain(entry)
            tokens = _WORD.findall(folded)
            if tokens and "@" not in folded and all(t.isalpha() for t in tokens):
                for token in tokens:
                    self._add(token)
            elif tokens:
                wholes.append(r"\W{0,3}".join(re.escape(t) for t in tokens))
        pattern = "|".join(sorted(wholes, key=len, reverse=True))
        self._whole = re.compile(rf"(?<!\w)(?:{pattern})\w*(?::\w+)?") if pattern else None
        self._words = _starting_with({k[:2] for k in self._keys | self._stems})
        self._inner: dict[str, set[str]] = {}
        for stem in self._keys | self._stems:
            if len(stem) >= MIN_INNER and stem.isalpha():
                self._inner.setdefault(stem[:MIN_INNER], set()).add(stem)

    def _add(self, token: str) -> None:
        if len(token) < 2:
            return  # an initial: masking every 'm' would hide the text, not the person
        keys = {token}
        if self._analyser is not None:
            keys |= self._analyser.name_bases(token)
        self._keys |= keys
        if len(token) > 2:
            self._stems.update(*(stems(k) for k in keys))

    def __bool__(self) -> bool:
        return bool(self._keys) or self._whole is not None

    def cut_short(self, word: str) -> bool:
        """Whether ``word`` (three letters or more) may be a name cut short
        ('Meikä…' in a drawing's label)."""
        folded = _fold_plain(word)
        return len(folded) >= 3 and any(k.startswith(folded) for k in self._keys | self._stems)

    def _is_name(self, word: str) -> bool:
        # Set lookups only, so a report hiding thousands of names costs what one decision does.
        if word in self._keys:
            return True
        if any(word[:n] in self._stems for n in range(max(3, len(word) - MAX_ENDING), len(word) + 1)):
            return True
        if self._analyser is not None and word.isalpha():
            return not self._analyser.bases(word).isdisjoint(self._keys)
        return False

    def spans(self, text: str) -> list[tuple[int, int]]:
        """Where the entries are in ``text`` (original offsets), merged so a
        full name with spaces or invisible characters between its parts is one span."""
        quick = _quick_fold(text)
        if quick is not None:  # offsets are the text's own
            return _merge(text, self._found(quick))
        original: list[tuple[int, int]] = []
        for invisible in ("", " "):
            folded, where = fold(text, invisible)
            original += [(where[a][0], where[b - 1][1]) for a, b in self._found(folded) if b > a]
        return _merge(text, original)

    def _holds_name(self, word: str) -> bool:
        return any(
            word.startswith(stem, i)
            for i in range(len(word) - MIN_INNER + 1)
            for stem in self._inner.get(word[i:i + MIN_INNER], ())
        )

    def _found(self, folded: str) -> list[tuple[int, int]]:
        words = self._words.finditer(folded) if self._words is not None else ()
        found = [m.span() for m in words if self._is_name(m.group())]
        if self._inner:
            found += [m.span() for m in _LONG_WORD.finditer(folded) if self._holds_name(m.group())]
        if self._whole is not None:
            found += [m.span() for m in self._whole.finditer(folded)]
        return found


def _starting_with(prefixes: Iterable[str]) -> re.Pattern[str] | None:
    """Words that start with one of the two-letter ``prefixes``, one branch
    per first letter: only they are looked at, found by a scan in C rather
    than a Python loop over every word (a report hides thousands of names)."""
    seconds: dict[str, set[str]] = {}
    for prefix in prefixes:
        seconds.setdefault(prefix[0], set()).add(prefix[1:])
    branches = []
    for first, rest in sorted(seconds.items()):
        ends = "".join(re.escape(c) for c in sorted(r for r in rest if r))
        branches.append(re.escape(first) + (f"[{ends}]" if ends else "") + ("?" if "" in rest else ""))
    return re.compile(rf"(?<!\w)(?:{'|'.join(branches)})\w*") if branches else None


def _merge(text: str, spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        gap = text[merged[-1][1]:start] if merged else None
        if merged and (start <= merged[-1][1] or _blank(gap or "")):
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _blank(gap: str) -> bool:
    return all(c.isspace() or c in INVISIBLE for c in gap)


def masked(text: str, spans: Iterable[tuple[int, int]], mask: str) -> str:
    """``text`` with each (sorted, disjoint) span replaced by ``mask``."""
    out: list[str] = []
    last = 0
    for start, end in spans:
        out += [text[last:start], mask]
        last = end
    return "".join([*out, text[last:]])

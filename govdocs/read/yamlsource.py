"""Safe, located YAML reading.

PyYAML alone is not enough for hand-written records: it accepts duplicate
keys silently, turns ``no`` and ``on`` (a Finnish word!) into booleans,
expands alias bombs into gigabytes and forgets where each value came from.
Here we compose the node graph ourselves (never constructing Python objects
from tags, refusing nesting deeper than `MAX_DEPTH` before the recursive
composer can overflow the stack) and build plain data, keeping a map from
each data path to its line and column so later stages can point at the
exact key or value.

Three paths, one answer: an ordinary file (no anchors, tags or tabs, far
below every limit) is built lean, straight from libyaml's nodes, and its
positions are made from the same text only when a message needs them; a
plainly harmless one the lean builder has doubts about is composed by
libyaml with positions; anything else by PyYAML's pure-Python composer,
whose messages our users see. tests/test_yaml_fast_path.py holds them to
the same data, positions and errors.

Every unreadable input raises one `YamlError` with a position and a code;
nothing else escapes `load_text` or `load_file`.
"""

from __future__ import annotations

import errno
import os
import re
import stat
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.scanner import Scanner

from govdocs.errors import InputError
from govdocs.problems import Problem, Span

_CParser: Any
try:  # libyaml, bundled with PyYAML's wheels
    from yaml.cyaml import CParser as _CParser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover
    _CParser = None

# Limits against hostile input. A real decision is a few kilobytes; the
# largest legitimate one we know of (10,000 paragraphs) is about 2 MB.
MAX_FILE_BYTES = 8 * 1024 * 1024
MAX_DEPTH = 64
MAX_ALIASES = 100
MAX_NODES = 500_000
MAX_EXPANDED_CHARS = 2 * MAX_FILE_BYTES
"""Total length of all text after aliases are expanded: a 1 MB paragraph
aliased a hundred times would otherwise make 100 MB of text downstream."""
MAX_TEXT_CHARS = 1_000_000
"""Total length of a record's text as written (about 400 pages). Laying
out a document costs time and memory with its length: 20,000 paragraphs
(1.1 million characters) took 53 s and 606 MB for one PDF."""
MAX_VALUE_CHARS = 20_000
"""Longest single value (a paragraph: about eight pages). One paragraph
is laid out as a whole, at a cost that grows faster than its length: one
of 89,000 characters added 24 s to a PDF."""
MAX_ITEMS = 12_000
"""List items (paragraphs, rows, members ...) in one record, all lists
together: the 10,000-paragraph decision fits, twice that does not."""
MAX_RUN = 2_000
"""Longest run of characters without a space. A line holds about 90; a
longer run (a URL, an account number) is broken where it overflows, which
costs the layout time with the square of its length: a 20,000-character
run took 40 s, and a 200 KB one did not finish in ten minutes."""
_LONG_RUN = re.compile(rf"\S{{{MAX_RUN + 1}}}")

DataPath = tuple[str | int, ...]


class _Resolver(yaml.resolver.BaseResolver):
    """YAML 1.2 core-schema scalars, made lossless: only true/false are
    booleans, no timestamps (dates stay strings and are checked by the
    model, so that 2016-02-31 gets a message instead of a crash), and a
    scalar is a number only when the number prints back as written, so a
    phone '0931013700' or a section '1.10' keeps its digits."""


_Resolver.yaml_implicit_resolvers = {}
_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:int", re.compile(r"^(?:0|-?[1-9][0-9]{0,17})$"), list("-0123456789")
)
_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:float", re.compile(r"^-?(?:0|[1-9][0-9]{0,14})\.[0-9]{1,15}$"), list("-0123456789")
)
_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""]
)


class _Composer(Reader, Scanner, Parser, Composer, _Resolver):
    """PyYAML's pure-Python reader, scanner and parser (their messages are
    the ones our users see and our tests pin) with a composer that stops at
    `MAX_DEPTH` instead of recursing into a RecursionError."""

    def __init__(self, text: str) -> None:
        Reader.__init__(self, text)
        Scanner.__init__(self)
        Parser.__init__(self)
        Composer.__init__(self)
        _Resolver.__init__(self)
        self.depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        self.depth += 1
        try:
            # only collections recurse; a scalar (a key, a leaf) is left to the
            # builder, so that both composers stop at the same node
            if self.depth > MAX_DEPTH and not self.check_event(yaml.ScalarEvent, yaml.AliasEvent):
                raise YamlError(_span(self.peek_event().start_mark), _TOO_DEEP, "too-deep")
            if self.check_event(yaml.AliasEvent):
                return self._alias(self.peek_event())
            return Composer.compose_node(self, parent, index)
        finally:
            self.depth -= 1

    def _alias(self, event: Any) -> Any:
        """A copy of the anchored node placed at the alias, sharing its
        children: messages then point at the ``*name`` that was used, and
        the builder can count every expansion."""
        target: Any = Composer.compose_node(self, None, 0)
        copy: Any = type(target)(target.tag, target.value, event.start_mark, event.end_mark)
        copy.alias = True
        return copy


_TOO_DEEP = f"nesting deeper than {MAX_DEPTH} levels; records are never nested this deep"
_STR = "tag:yaml.org,2002:str"
_ALLOWED_TAGS = {
    _STR,
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
}


@dataclass
class SourceDoc:
    """A YAML file read into plain data, with the position of every key and
    value. ``file`` is the path as shown in messages."""

    file: str
    data: Any
    text: str
    key_spans: dict[DataPath, Span] = field(default_factory=dict)
    value_spans: dict[DataPath, Span] = field(default_factory=dict)

    def span(self, path: DataPath, *, key: bool = False) -> Span | None:
        """The position of ``path``; for a path that does not exist (a
        missing key) the position of its deepest existing parent."""
        path = tuple(path)
        while True:
            if key and path in self.key_spans:
                return self.key_spans[path]
            if path in self.value_spans:
                return self.value_spans[path]
            if path in self.key_spans:
                return self.key_spans[path]
            if not path:
                return None
            path = path[:-1]

    def problem(self, path: DataPath, message: str, *, key: bool = False, **kw: Any) -> Problem:
        """A `Problem` located at ``path`` (its key when ``key``)."""
        return Problem(self.file, self.span(path, key=key), message, **kw)


class YamlError(InputError):
    """A problem that stops reading one file: where, what, and a stable
    ``code`` (listed in docs/errors.md)."""

    def __init__(self, span: Span | None, message: str, code: str):
        super().__init__(message)
        self.span = span
        self.message = message
        self.code = code


def _span(mark: Any) -> Span:
    return Span(mark.line + 1, mark.column + 1)


# --- bytes to text ------------------------------------------------------------


def decode(raw: bytes) -> str:
    """Bytes to text: UTF-8 only; a byte-order mark and CRLF line ends are
    harmless and accepted; other encodings are located errors."""
    if len(raw) > MAX_FILE_BYTES:
        raise _too_big(len(raw))
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise YamlError(Span(1, 1), "the file is UTF-16; save it as UTF-8", "encoding")
    raw = raw.removeprefix(b"\xef\xbb\xbf")
    if _looks_utf16(raw):
        raise YamlError(
            Span(1, 1), "the file is UTF-16 (without a byte-order mark); save it as UTF-8", "encoding"
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        byte = raw[exc.start]
        guess = (
            f" ('{bytes([byte]).decode('cp1252', 'replace')}' in Windows-1252/Latin-1)"
            if byte >= 0xA0
            else ""
        )
        raise YamlError(
            _offset_span(raw, exc.start),
            f"not valid UTF-8: byte 0x{byte:02x}{guess} cannot start or continue a "
            "character; save the file as UTF-8",
            "encoding",
        ) from None
    return text


def _looks_utf16(raw: bytes) -> bool:
    """UTF-16 text without a byte-order mark: in its first kilobytes every
    other byte is NUL (ASCII and Latin letters have a zero high byte) and
    the bytes between are not. Text in UTF-8 has no NUL bytes at all."""
    sample = raw[:4096]
    if len(sample) < 4 or b"\x00" not in sample:
        return False
    even, odd = sample[0::2], sample[1::2]
    for zeros, others in ((odd, even), (even, odd)):  # little-endian, big-endian
        if zeros.count(0) >= 0.7 * len(zeros) and others.count(0) <= 0.05 * len(others):
            return True
    return False


def _too_big(size: int) -> YamlError:
    return YamlError(
        None,
        f"file is {size:,} bytes; the limit is {MAX_FILE_BYTES:,} bytes "
        "(split the decision or move long material to attachments)",
        "file-too-large",
    )


def _offset_span(data: bytes | str, offset: int) -> Span:
    before = data[:offset]
    if isinstance(before, bytes):
        start = before.rfind(b"\n") + 1
        return Span(before.count(b"\n") + 1, len(before[start:].decode("utf-8", "replace")) + 1)
    start = before.rfind("\n") + 1
    return Span(before.count("\n") + 1, offset - start + 1)


# Invisible characters that cannot be printed in PDF or stored in DOCX XML:
# C0 and C1 controls (tab and line ends excepted), the Unicode line and
# paragraph separators (which YAML counts as line breaks, so every line
# number after them would be off), surrogates and non-characters.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")


def _control_error(span: Span, char: str, where: str) -> YamlError:
    if char == "\x00":
        return YamlError(span, f"NUL byte {where}; records are plain text", "nul-byte")
    name = unicodedata.name(char, "") or "control character"
    return YamlError(
        span,
        f"invisible character U+{ord(char):04X} ({name.lower()}); records are plain text: "
        "delete it or retype the text around it",
        "control-character",
    )


def check_text(text: str) -> None:
    """Raise a located `YamlError` for the first invisible control
    character in ``text`` (the whole file, before parsing)."""
    found = _CONTROL.search(text)
    if found:
        raise _control_error(_offset_span(text, found.start()), found.group(), "in the file")


# --- text to node graph -------------------------------------------------------


def compose(text: str) -> yaml.Node | None:
    """Parse into a node graph: with libyaml when the text is plainly
    harmless (ten times faster; a repository has thousands of files), else
    with the careful pure-Python composer, which also gives every error
    message, so both paths answer alike."""
    if _plainly_harmless(text):
        try:
            return _compose_fast(text)
        except yaml.YAMLError:
            pass  # the careful composer below finds and words the problem
    return _compose_careful(text)


_RESOLVED_FIRST = frozenset(_Resolver.yaml_implicit_resolvers)
"""First characters an implicit (bool, int, float, null) resolver may match."""

_FLOW = re.compile(r"[\[\]{}]")
_ANCHOR_OR_ALIAS = re.compile(r"(?:^|[\s\[{,])[&*][^\s,\[\]{}]")


def _plainly_harmless(text: str) -> bool:
    """No anchors or aliases (the careful composer counts their expansion),
    no tabs (libyaml accepts some that PyYAML's scanner refuses, and the
    two paths must answer alike) and nesting that cannot come near
    `MAX_DEPTH` (libyaml recurses in C without a limit). The tests
    over-approximate: a false alarm only costs speed."""
    if "\t" in text or _DEEP_INDENT in text or text.startswith(_DEEP_INDENT[1:]):
        return False
    if ("&" in text or "*" in text) and _ANCHOR_OR_ALIAS.search(text):  # the search is slow: seldom run
        return False
    if text.count("[") + text.count("{") < MAX_DEPTH // 2:
        return True  # too few brackets to nest that deep: no need to walk them
    depth = deepest = 0
    for bracket in _FLOW.finditer(text):
        depth += 1 if bracket.group() in "[{" else -1
        deepest = max(deepest, depth)
    return deepest < MAX_DEPTH // 2


_DEEP_INDENT = "\n" + " " * MAX_DEPTH
"""A line indented `MAX_DEPTH` spaces or more."""


if _CParser is not None:

    class _FastComposer(_CParser, _Resolver):
        def __init__(self, text: str) -> None:
            _CParser.__init__(self, text)
            _Resolver.__init__(self)

        def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
            # Most scalars are prose: a plain value whose first character
            # no implicit resolver looks at is text, without the regexes.
            if kind is yaml.ScalarNode and implicit[0] and value and value[0] not in _RESOLVED_FIRST:
                return _STR
            return _Resolver.resolve(self, kind, value, implicit)


def _compose_fast(text: str) -> yaml.Node | None:
    if _CParser is None:  # pragma: no cover - PyYAML wheels ship libyaml
        raise yaml.YAMLError("libyaml is not available")
    composer = _FastComposer(text)
    try:
        node: yaml.Node | None = composer.get_single_node()
        return node
    finally:
        composer.dispose()


# --- one position, without building the rest ----------------------------------


def quick_text(text: str) -> str | None:
    """``text`` as `quick_span` reads it, when it is plainly harmless (the
    lean reader's files); else None (then ask the careful reader)."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return text if _CParser is not None and _plainly_harmless(text) else None


def quick_span(text: str, path: DataPath, *, key: bool = False) -> Span | None:
    """`SourceDoc.span` of ``path`` in ``text`` (from `quick_text`), found by
    reading libyaml's events only as far as ``path``: the position of
    ``path`` (its key's when ``key``), else of its deepest existing parent.
    One listing line needs one position of a file; the careful reader
    would build every position of it. None when libyaml refuses the text."""
    parser = _CParser(text)
    try:
        parser.get_event(), parser.get_event()  # the stream's and the document's start
        node, key_mark = parser.get_event(), None
        for step in path:
            found = _step_into(parser, node, step)
            if found is None:
                break
            key_mark, node = found
        return _span(key_mark if key and key_mark is not None else node.start_mark)
    except yaml.YAMLError:
        return None
    finally:
        parser.dispose()


def _step_into(parser: Any, node: Any, step: str | int) -> tuple[Any, Any] | None:
    """(key mark or None, the event that starts the value) of ``step`` in
    the collection ``node`` starts, reading past the entries before it."""
    if isinstance(node, yaml.MappingStartEvent) and isinstance(step, str):
        while not isinstance(event := parser.get_event(), yaml.MappingEndEvent):
            value = parser.get_event()
            if isinstance(event, yaml.ScalarEvent) and event.value == step:
                return event.start_mark, value
            _skip(parser, value)
    elif isinstance(node, yaml.SequenceStartEvent) and isinstance(step, int):
        index = 0
        while not isinstance(event := parser.get_event(), yaml.SequenceEndEvent):
            if index == step:
                return None, event
            _skip(parser, event)
            index += 1
    return None


def _skip(parser: Any, event: Any) -> None:
    """Read past the rest of the node ``event`` starts."""
    depth = 1 if isinstance(event, yaml.MappingStartEvent | yaml.SequenceStartEvent) else 0
    while depth:
        event = parser.get_event()
        if isinstance(event, yaml.MappingStartEvent | yaml.SequenceStartEvent):
            depth += 1
        elif isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
            depth -= 1


# --- the lean path: plain data without positions ----------------------------
#
# Most record files are ordinary: no anchors, tags or tabs, well below every
# limit. For them the data is built straight from libyaml's nodes without a
# position per key and value (half of reading's cost); the positions are
# made by the careful path, from the same text, only when a message needs
# them (`_LateSpans`). Whenever the lean builder meets anything the careful
# path would refuse or word (a duplicate key, a long run, an odd key), it
# gives up and the careful path reads the file, so both answer alike.

LEAN_MAX_CHARS = 200_000
"""Longest text read the lean way. Without aliases a file has fewer nodes,
list items and characters of text than characters, so below this every
count limit holds by itself (`MAX_NODES`, `MAX_TEXT_CHARS`,
`MAX_EXPANDED_CHARS`); only list items and single values are counted."""
_LEAN_FREE = ("!", "&", "*")
"""Characters a file read lean holds nowhere, not even in prose: no tag can
then slip past the builder (which checks none), and no anchor or alias can
share a node (which it would expand without counting)."""
_IMPLICIT = _Resolver.yaml_implicit_resolvers


class _Fallback(Exception):
    """The lean builder met something only the careful path may judge."""


if _CParser is not None:

    class _LeanComposer(_CParser):
        """libyaml's composer with the resolver calls it makes per node
        bound to C callables that do nothing: every scalar comes back as
        text with its style, and the lean builder resolves plain ones."""

        def __init__(self, text: str) -> None:
            _CParser.__init__(self, text)
            self.resolve = _STR.format  # ignores its arguments: the default tag
            self.descend_resolver: Callable[[Any, Any], Any] = {}.get
            self.ascend_resolver = tuple


def _lean_data(text: str) -> Any:
    """``text``'s plain data, or `_Fallback` when the careful path must read it."""
    if _CParser is None or len(text) > min(LEAN_MAX_CHARS, MAX_NODES, MAX_TEXT_CHARS, MAX_EXPANDED_CHARS) \
            or any(char in text for char in _LEAN_FREE) or not _plainly_harmless(text):
        raise _Fallback
    composer = _LeanComposer(text)
    try:
        node = composer.get_single_node()
    except yaml.YAMLError:
        raise _Fallback from None
    finally:
        composer.dispose()
    if node is None:
        raise _Fallback
    return _Lean("\\" in text).build(node, 0)


class _Lean:
    def __init__(self, escapes: bool):
        self.escapes = escapes
        """Whether a quoted value may hold an escape (and so a control character)."""
        self.items = 0

    def build(self, node: Any, depth: int) -> Any:
        if depth >= MAX_DEPTH:
            raise _Fallback
        kind = type(node)
        if kind is yaml.ScalarNode:
            return self.scalar(node)
        if kind is yaml.MappingNode:
            out: dict[str, Any] = {}
            for key_node, value_node in node.value:
                key = self.key(key_node)
                if key in out:
                    raise _Fallback
                out[key] = self.build(value_node, depth + 1)
            return out
        self.items += len(node.value)
        if self.items > MAX_ITEMS:
            raise _Fallback
        return [self.build(item, depth + 1) for item in node.value]

    def key(self, node: Any) -> str:
        if type(node) is not yaml.ScalarNode:
            raise _Fallback
        key: str = node.value
        if key in _LEAN_KEYS:  # never the empty key, which is refused only when plain
            return key
        if not key or "\n" in key or (self.escapes and _BAD_KEY.search(key)):
            raise _Fallback
        if len(_LEAN_KEYS) < 4096:  # bounded: a hostile file cannot grow it without limit
            _LEAN_KEYS.add(key)
        return key

    def scalar(self, node: Any) -> Any:
        value: str = node.value
        if not node.style:  # plain: the implicit resolvers may make it a number, a truth value, null
            for tag, pattern in _IMPLICIT.get(value[0] if value else "", ()):
                if pattern.match(value):
                    return _CONVERT[tag](value)
        elif self.escapes and _CONTROL.search(value):
            raise _Fallback
        if len(value) > min(MAX_RUN, MAX_VALUE_CHARS) and (
            len(value) > MAX_VALUE_CHARS or _LONG_RUN.search(value)
        ):
            raise _Fallback
        return value


def _float(value: str) -> float | str:
    number = float(value)
    return number if repr(number) == value else value  # '1.10' stays text


_CONVERT: dict[str, Any] = {
    "tag:yaml.org,2002:bool": lambda value: value.lower() == "true",
    "tag:yaml.org,2002:int": int,
    "tag:yaml.org,2002:float": _float,
    "tag:yaml.org,2002:null": lambda value: None,
}
_BAD_KEY = re.compile(f"[\t{_CONTROL.pattern[1:-1]}]")
"""What a key may not hold beyond a line break: a tab or a control character (from an escape)."""
_LEAN_KEYS: set[str] = set()
"""Keys that passed every check of the lean builder."""


def _compose_careful(text: str) -> yaml.Node | None:
    composer = None
    try:
        composer = _Composer(text)  # the reader checks every character here
        node: yaml.Node | None = composer.get_single_node()
    except yaml.MarkedYAMLError as exc:
        raise _syntax_error(text, exc) from None
    except yaml.reader.ReaderError as exc:  # check_text catches these first
        raise YamlError(
            _offset_span(text, exc.position), f"unreadable character: {exc.reason}", "yaml-syntax"
        ) from None
    except yaml.YAMLError as exc:  # pragma: no cover - every PyYAML error above is marked
        raise YamlError(None, f"YAML syntax error: {exc}", "yaml-syntax") from None
    finally:
        if composer is not None:
            composer.dispose()
    return node


def _syntax_error(text: str, exc: yaml.MarkedYAMLError) -> YamlError:
    mark = exc.problem_mark or exc.context_mark
    if exc.context and "quoted scalar" in exc.context and exc.context_mark:
        mark = exc.context_mark  # point at the opening quote, not the end of the file
    span = _span(mark) if mark else None
    opened = _unclosed_quote(text, span.line if span else None)
    if opened is not None:
        # A quote left open swallows lines until the next quote mark, and
        # the parser then complains far away; point at the real mistake.
        return YamlError(
            opened,
            f"unterminated quoted string (opened at line {opened.line}, column {opened.column}); "
            "close it with the same quote mark on the same line",
            "yaml-syntax",
        )
    if mark and "'\\t'" in (exc.problem or "") and _inside_text(text, mark):
        return YamlError(
            span,
            "tab character inside unquoted text; replace it with a space or put the text in quotes",
            "yaml-syntax",
        )
    return YamlError(span, _yaml_message(exc), "yaml-syntax")


def _inside_text(text: str, mark: Any) -> bool:
    """Whether a tab at ``mark`` follows a word on its line (PyYAML ends a
    plain value at a tab, so 'a<TAB>b' fails although YAML allows it)."""
    before = text.split("\n")[mark.line][: mark.column].rstrip("\t")
    return bool(before) and before[-1] not in " :-?,[{"


_QUOTED_START = re.compile(r"""^\s*(?:-\s+)?(?:[^\s#'"][^:#]*:\s+)?(["'])""")


def _unclosed_quote(text: str, error_line: int | None) -> Span | None:
    """The first line before ``error_line`` whose value opens a quote that
    the line does not close (multi-line quoted values are legal YAML but
    never needed in records)."""
    if error_line is None:
        return None
    for number, line in enumerate(text.split("\n")[: error_line - 1], start=1):
        m = _QUOTED_START.match(line)
        if not m:
            continue
        quote, rest = m.group(1), line[m.end() :]
        closed = rest.replace("\\\\", "").replace('\\"', "") if quote == '"' else rest.replace("''", "")
        if quote not in closed:
            return Span(number, m.start(1) + 1)
    return None


_NO_TOKEN = re.compile(r"found character '(.+)' that cannot start any token")


def _yaml_message(exc: yaml.MarkedYAMLError) -> str:
    problem = exc.problem or "syntax error"
    if "'\\t'" in problem:
        return "tab character where YAML expects indentation or a token; indent with spaces"
    start = exc.context_mark
    where = f" (opened at line {start.line + 1}, column {start.column + 1})" if start else ""
    if exc.context and "quoted scalar" in exc.context:
        return f"unterminated quoted string{where}; close it with the same quote mark"
    if exc.context and "block" in exc.context and "expected <block end>" in problem:
        return (
            "bad indentation: this line is indented differently from the keys "
            f"of its mapping{where}; align keys of one mapping in the same column"
        )
    if "mapping values are not allowed here" in problem:
        return (
            "unexpected ':' (a key inside a plain value, or a wrong indentation); "
            "quote the text if it contains ': '"
        )
    if m := _NO_TOKEN.search(problem):
        return f"'{m.group(1)}' cannot start a plain value in YAML; put the whole text in quotes"
    if "but found another document" in problem:
        return "a second YAML document ('---') in the file; a record file holds exactly one record"
    context = f" {exc.context}" if exc.context else ""
    if exc.context_mark and exc.problem_mark and exc.context_mark.line != exc.problem_mark.line:
        context += f" (started at line {exc.context_mark.line + 1}, column {exc.context_mark.column + 1})"
    return f"YAML syntax error:{context}: {problem}".replace(":: ", ": ").replace(": :", ":")


# --- node graph to located plain data -----------------------------------------


class _Builder:
    """Turns a node graph into plain data, recording spans and enforcing
    the limits on depth, aliases and expanded size."""

    def __init__(self, doc: SourceDoc):
        self.doc = doc
        self.nodes = 0
        self.chars = 0
        self.text_chars = 0
        self.items = 0
        self.aliases = 0

    def build(self, node: yaml.Node, path: DataPath, depth: int) -> Any:
        self._count(node, depth)
        self.doc.value_spans.setdefault(path, _span(node.start_mark))
        _check_tag(node)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path, depth)
        if isinstance(node, yaml.SequenceNode):
            self._count_items(node)
            return [self.build(item, (*path, i), depth + 1) for i, item in enumerate(node.value)]
        assert isinstance(node, yaml.ScalarNode)
        return _scalar(node)

    def _count(self, node: yaml.Node, depth: int) -> None:
        """Enforce the limits; an alias counts every time it is expanded.
        (Positions are made only for a message: this runs for every node.)"""
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise YamlError(
                _span(node.start_mark),
                f"the document expands to more than {MAX_NODES:,} values; records must stay small",
                "too-large",
            )
        if depth >= MAX_DEPTH:  # the same node the careful composer stops at
            raise YamlError(_span(node.start_mark), _TOO_DEEP, "too-deep")
        if getattr(node, "alias", False):
            self.aliases += 1
            if self.aliases > MAX_ALIASES:
                raise YamlError(
                    _span(node.start_mark),
                    f"more than {MAX_ALIASES} alias uses (*name) after expansion; "
                    "records do not need YAML aliases: write the values out",
                    "too-many-aliases",
                )
        if isinstance(node, yaml.ScalarNode):
            self.chars += len(node.value)
            self._check_length(node)
            if self.chars > MAX_EXPANDED_CHARS:
                raise YamlError(
                    _span(node.start_mark),
                    f"the text expands to more than {MAX_EXPANDED_CHARS:,} characters "
                    "(through aliases); write the values out",
                    "too-large",
                )

    def _count_items(self, node: yaml.SequenceNode) -> None:
        self.items += len(node.value)
        if self.items > MAX_ITEMS:
            raise YamlError(
                _span(node.start_mark),
                f"more than {MAX_ITEMS:,} list items (paragraphs, rows, members) in one record; a "
                "document this long takes minutes to lay out: split the decision or move long "
                "material to attachments",
                "too-large",
            )

    def _check_length(self, node: yaml.ScalarNode) -> None:
        """The limits on text as written (an alias's text counts once)."""
        if getattr(node, "alias", False):
            return
        self.text_chars += len(node.value)
        if self.text_chars > MAX_TEXT_CHARS:
            raise YamlError(
                _span(node.start_mark),
                f"the record holds more than {MAX_TEXT_CHARS:,} characters of text; split the decision "
                "or move long material to attachments",
                "too-large",
            )
        if len(node.value) > MAX_VALUE_CHARS:
            raise YamlError(
                _span(node.start_mark),
                f"a value of {len(node.value):,} characters; the limit is {MAX_VALUE_CHARS:,} (about "
                "eight pages): split it into paragraphs, or move the material to an attachment",
                "too-large",
            )
        if len(node.value) > MAX_RUN and (run := _LONG_RUN.search(node.value)):
            long = len(node.value[run.start() :].split(maxsplit=1)[0])
            raise YamlError(
                _span(node.start_mark),
                f"a run of {long:,} characters without a space; the limit is {MAX_RUN:,} (a line "
                "holds about 90): break it with spaces, or move the material to an attachment",
                "too-large",
            )

    def _mapping(self, node: yaml.MappingNode, path: DataPath, depth: int) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = _key(key_node)
            if key in out:
                first = self.doc.key_spans[(*path, key)]
                raise YamlError(
                    _span(key_node.start_mark),
                    f"duplicate key '{key}' (first at line {first.line}, column {first.column}); "
                    "YAML keeps only the last one, so remove or rename one of them",
                    "duplicate-key",
                )
            self.doc.key_spans[(*path, key)] = _span(key_node.start_mark)
            out[key] = self.build(value_node, (*path, key), depth + 1)
        return out


def _check_tag(node: yaml.Node) -> None:
    if node.tag not in _ALLOWED_TAGS:
        raise YamlError(
            _span(node.start_mark),
            f"YAML tag '{node.tag}' is not allowed; records use plain values only",
            "yaml-tag",
        )


def _key(node: yaml.Node) -> str:
    """A mapping key: always its text as written."""
    if not isinstance(node, yaml.ScalarNode):
        found = "a mapping" if isinstance(node, yaml.MappingNode) else "a list"
        raise YamlError(
            _span(node.start_mark),
            f"a key must be plain text, found {found}; text that starts with '{{' or '[' "
            "must be put in quotes",
            "bad-key",
        )
    if (node.tag, node.value) in _GOOD_KEYS:
        return str(node.value)  # the same few keys recur in every record
    _check_tag(node)
    if node.tag == "tag:yaml.org,2002:null" and node.value == "":
        raise YamlError(_span(node.start_mark), "empty key: a line starts with ':'", "bad-key")
    _check_scalar_text(node)
    if space := re.search(r"[\t\n]", node.value):
        what = "tab" if space.group() == "\t" else "line break"
        raise YamlError(
            _span(node.start_mark),
            f"a key cannot contain a {what}; keys are single words such as 'title'",
            "bad-key",
        )
    if len(_GOOD_KEYS) < 4096:  # bounded: a hostile file cannot grow it without limit
        _GOOD_KEYS.add((node.tag, node.value))
    return str(node.value)


_GOOD_KEYS: set[tuple[str, str]] = set()
"""(tag, text) of keys that passed every check."""


def _check_scalar_text(node: yaml.ScalarNode) -> None:
    """Escapes in double quotes ("\\x07", "\\u2028") can make the control
    characters that `check_text` keeps out of the file itself."""
    found = _CONTROL.search(node.value)
    if found:
        raise _control_error(_span(node.start_mark), found.group(), "in a quoted value")


def _scalar(node: yaml.ScalarNode) -> Any:
    value: str = node.value
    tag = node.tag
    if tag == "tag:yaml.org,2002:bool":
        return value.lower() == "true"
    if tag == "tag:yaml.org,2002:int":
        return int(value)
    if tag == "tag:yaml.org,2002:float":
        number = float(value)
        return number if repr(number) == value else value  # '1.10' stays text
    if tag == "tag:yaml.org,2002:null":
        return None
    _check_scalar_text(node)
    return value


# --- entry points -------------------------------------------------------------


def load_text(text: str, file: str) -> SourceDoc:
    """Text to located data; raises `YamlError` for unreadable input. A
    leading byte-order mark and CRLF or CR line ends are accepted."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if len(text) > MAX_FILE_BYTES:
        raise _too_big(len(text.encode("utf-8", "surrogatepass")))
    check_text(text)
    try:
        return _LateSpans(file, _lean_data(text), text)
    except _Fallback:
        return _load_located(text, file)


def _load_located(text: str, file: str) -> SourceDoc:
    """The careful path: data and every position, or the located error."""
    doc = SourceDoc(file=file, data=None, text=text)
    node = compose(text)
    if node is None:
        raise YamlError(Span(1, 1), "the file is empty; a record needs at least an 'id'", "empty")
    doc.data = _Builder(doc).build(node, (), 0)
    return doc


class _LateSpans(SourceDoc):
    """A document read the lean way: its data now, its positions made from
    the same text by the careful path when a message first needs them."""

    def __init__(self, file: str, data: Any, text: str):  # no dataclass __init__: no spans yet
        self.file = file
        self.data = data
        self.text = text
        self._located: SourceDoc | None = None

    def _careful(self) -> SourceDoc:
        if self._located is None:
            self._located = _load_located(self.text, self.file)
        return self._located

    key_spans = property(lambda self: self._careful().key_spans)
    value_spans = property(lambda self: self._careful().value_spans)


def load_file(path: Path | str, file: str | None = None) -> SourceDoc:
    """Read one YAML file; raises `YamlError` for unreadable input. Only
    regular files are read, and never more than `MAX_FILE_BYTES` + 1 bytes,
    so a device or a multi-gigabyte file cannot exhaust memory."""
    return load_text(decode(read_raw(path)[0]), file or str(path))


def read_raw(path: Path | str) -> tuple[bytes, os.stat_result]:
    """The bytes of one record file and its status as opened, read as
    `load_file` reads them (never through a link, never a device, never
    more than `MAX_FILE_BYTES` + 1 bytes); raises `YamlError`."""
    if not _NOFOLLOW and os.path.islink(path):  # O_NOFOLLOW refuses a link, without the race
        raise YamlError(None, _LINKED, "symlink")
    try:
        # O_NONBLOCK: opening a named pipe must not wait for a writer;
        # O_NOFOLLOW: a link is refused, not followed (see `_LINKED`)
        flags = os.O_RDONLY | os.O_NONBLOCK | _NOFOLLOW
        with os.fdopen(os.open(path, flags), "rb") as handle:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode):
                raise YamlError(
                    None,
                    "not a regular file (a folder, device or pipe); records are plain files",
                    "unreadable",
                )
            if info.st_size > MAX_FILE_BYTES:
                raise _too_big(info.st_size)
            raw = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        if exc.errno == errno.ELOOP or Path(path).is_symlink():
            raise YamlError(None, _LINKED, "symlink") from None
        raise YamlError(None, f"cannot read the file: {exc.strerror}", "unreadable") from None
    return raw, info


_NOFOLLOW: int = getattr(os, "O_NOFOLLOW", 0)
_LINKED = (
    "a symbolic link; records are read only from plain files in the repository, never through a "
    "link (it could point at any file on the machine): replace the link with the file or folder itself"
)
"""Neither the link's target nor its content is shown: a link committed
to a repository may point at /etc/passwd or a private key, and the message
goes to CI logs and reports that others read."""

"""Safe, located YAML reading.

PyYAML alone is not enough for hand-written records: it accepts duplicate
keys silently, turns ``no`` and ``on`` (a Finnish word!) into booleans,
expands alias bombs into gigabytes and forgets where each value came from.
Here we compose the node graph with libyaml (fast, never constructs Python
objects from tags) and build plain data ourselves, keeping a map from each
data path to its line and column so later stages can point at the exact
key or value.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from govdocs.problems import Problem, Span

# Limits against hostile input. A real decision is a few kilobytes; the
# largest legitimate one we know of (10,000 paragraphs) is about 2 MB.
MAX_FILE_BYTES = 8 * 1024 * 1024
MAX_DEPTH = 64
MAX_ALIASES = 100
MAX_NODES = 500_000

DataPath = tuple[str | int, ...]

try:  # libyaml's parser: ten times faster; the pure-Python one is the fallback
    from yaml import CParser as _Parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - PyYAML wheels ship libyaml
    from yaml.parser import Parser as _Parser
    from yaml.reader import Reader as _Reader
    from yaml.scanner import Scanner as _Scanner


class _Resolver(yaml.resolver.BaseResolver):
    """YAML 1.2 core-schema scalars: only true/false are booleans, no
    timestamps (dates stay strings and are checked by the model, so that
    2016-02-31 gets a message instead of a crash)."""


_Resolver.yaml_implicit_resolvers = {}
_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
_Resolver.add_implicit_resolver("tag:yaml.org,2002:int", re.compile(r"^[-+]?[0-9]+$"), list("-+0123456789"))
_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
    ),
    list("-+0123456789."),
)
_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""]
)

if _Parser.__module__.startswith("yaml._yaml") or _Parser.__name__ == "CParser":

    class _Composer(_Parser, _Resolver):
        def __init__(self, text: str) -> None:
            _Parser.__init__(self, text)
            _Resolver.__init__(self)

else:  # pragma: no cover

    class _Composer(_Reader, _Scanner, _Parser, yaml.composer.Composer, _Resolver):  # type: ignore[no-redef]
        def __init__(self, text: str) -> None:
            _Reader.__init__(self, text)
            _Scanner.__init__(self)
            _Parser.__init__(self)
            yaml.composer.Composer.__init__(self)
            _Resolver.__init__(self)


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
        return Problem(self.file, self.span(path, key=key), message, **kw)


class YamlError(Exception):
    """A problem that stops reading one file."""

    def __init__(self, span: Span | None, message: str, code: str):
        super().__init__(message)
        self.span = span
        self.message = message
        self.code = code


def _span(mark: Any) -> Span:
    return Span(mark.line + 1, mark.column + 1)


def decode(raw: bytes) -> str:
    """Bytes to text: UTF-8 only; a byte-order mark and CRLF line ends are
    harmless and accepted; NUL bytes and invalid UTF-8 are located errors."""
    if len(raw) > MAX_FILE_BYTES:
        raise YamlError(
            None,
            f"file is {len(raw):,} bytes; the limit is {MAX_FILE_BYTES:,} bytes "
            "(split the decision or move long material to attachments)",
            "file-too-large",
        )
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise YamlError(
            _offset_span(raw, exc.start),
            f"not valid UTF-8: byte 0x{raw[exc.start]:02x} cannot start or continue a "
            "character; save the file as UTF-8",
            "encoding",
        ) from None
    nul = text.find("\x00")
    if nul >= 0:
        raise YamlError(_offset_span(text, nul), "NUL byte in the file; records are plain text", "nul-byte")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _offset_span(data: bytes | str, offset: int) -> Span:
    before = data[:offset]
    nl = b"\n" if isinstance(before, bytes) else "\n"
    line = before.count(nl) + 1  # type: ignore[arg-type]
    start = before.rfind(nl) + 1  # type: ignore[arg-type]
    col = len(before[start:].decode("utf-8", "replace")) if isinstance(before, bytes) else offset - start
    return Span(line, col + 1)


def compose(text: str) -> yaml.Node | None:
    """Parse into a node graph (aliases stay shared, nothing is expanded)."""
    composer = _Composer(text)
    try:
        node = composer.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if exc.context and "quoted scalar" in exc.context and exc.context_mark:
            mark = exc.context_mark  # point at the opening quote, not the end of the file
        span = _span(mark) if mark else None
        opened = _unclosed_quote(text, span.line if span else None)
        if opened is not None:
            # A quote left open swallows lines until the next quote mark, and
            # libyaml then complains far away; point at the real mistake.
            raise YamlError(
                opened,
                f"unterminated quoted string (opened at line {opened.line}, column {opened.column}); "
                "close it with the same quote mark on the same line",
                "yaml-syntax",
            ) from None
        raise YamlError(span, _yaml_message(exc), "yaml-syntax") from None
    except yaml.YAMLError as exc:
        raise YamlError(None, f"YAML syntax error: {exc}", "yaml-syntax") from None
    finally:
        dispose = getattr(composer, "dispose", None)
        if dispose:
            dispose()
    return node


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


def _yaml_message(exc: yaml.MarkedYAMLError) -> str:
    problem = exc.problem or "syntax error"
    if "'\\t'" in problem or "\\t" in problem:
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
    context = f" {exc.context}" if exc.context else ""
    if exc.context_mark and exc.problem_mark and exc.context_mark.line != exc.problem_mark.line:
        context += f" (started at line {exc.context_mark.line + 1}, column {exc.context_mark.column + 1})"
    return f"YAML syntax error:{context}: {problem}".replace(":: ", ": ").replace(": :", ":")


class _Builder:
    """Turns a node graph into plain data, recording spans and enforcing
    the limits on depth, aliases and expanded size."""

    def __init__(self, doc: SourceDoc):
        self.doc = doc
        self.nodes = 0
        self.aliases = 0
        self.seen: set[int] = set()

    def build(self, node: yaml.Node, path: DataPath, depth: int) -> Any:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise YamlError(
                _span(node.start_mark),
                f"the document expands to more than {MAX_NODES:,} values "
                "(aliases that expand exponentially?); records must stay small",
                "too-large",
            )
        if depth > MAX_DEPTH:
            raise YamlError(_span(node.start_mark), f"nesting deeper than {MAX_DEPTH} levels", "too-deep")
        if not isinstance(node, yaml.ScalarNode):
            if id(node) in self.seen:
                self.aliases += 1
                if self.aliases > MAX_ALIASES:
                    raise YamlError(
                        _span(node.start_mark),
                        f"more than {MAX_ALIASES} alias uses; records do not need YAML aliases",
                        "too-many-aliases",
                    )
            self.seen.add(id(node))
        self.doc.value_spans.setdefault(path, _span(node.start_mark))
        if node.tag not in _ALLOWED_TAGS:
            raise YamlError(
                _span(node.start_mark),
                f"YAML tag '{node.tag}' is not allowed; records use plain values only",
                "yaml-tag",
            )
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path, depth)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*path, i), depth + 1) for i, item in enumerate(node.value)]
        assert isinstance(node, yaml.ScalarNode)
        return _scalar(node)

    def _mapping(self, node: yaml.MappingNode, path: DataPath, depth: int) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise YamlError(_span(key_node.start_mark), "a key must be a plain word", "bad-key")
            key = key_node.value
            if key_node.tag == "tag:yaml.org,2002:null" and key == "":
                raise YamlError(_span(key_node.start_mark), "empty key", "bad-key")
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


def _scalar(node: yaml.ScalarNode) -> Any:
    value: str = node.value
    tag = node.tag
    if tag == "tag:yaml.org,2002:bool":
        return value.lower() == "true"
    if tag == "tag:yaml.org,2002:int":
        return int(value)
    if tag == "tag:yaml.org,2002:float":
        low = value.lower()
        if low.endswith("inf"):
            return float("-inf") if low.startswith("-") else float("inf")
        return float("nan") if low.endswith("nan") else float(value)
    if tag == "tag:yaml.org,2002:null":
        return None
    return value


def load_text(text: str, file: str) -> SourceDoc:
    """Text to located data; raises `YamlError` for unreadable input."""
    doc = SourceDoc(file=file, data=None, text=text)
    node = compose(text)
    if node is None:
        raise YamlError(Span(1, 1), "the file is empty; a record needs at least an 'id'", "empty")
    doc.data = _Builder(doc).build(node, (), 0)
    return doc


def load_file(path: Path, file: str | None = None) -> SourceDoc:
    """Read one YAML file; raises `YamlError` for unreadable input."""
    shown = file or str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise YamlError(None, f"cannot read the file: {exc.strerror}", "unreadable") from None
    return load_text(decode(raw), shown)

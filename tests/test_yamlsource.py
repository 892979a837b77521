"""Every branch of the located YAML reader: what is accepted, and the
exact position, code and message of everything refused."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from govdocs.problems import Span
from govdocs.read import yamlsource
from govdocs.read.yamlsource import YamlError, compose, decode, load_file, load_text

REFUSED = [
    # (text, line, column, code, message)
    (
        "a: 1\nb: !!python/object/apply:os.system [ls]\n",
        2,
        4,
        "yaml-tag",
        "YAML tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed; records use plain values only",
    ),
    (
        "!!python/name:os.system a: 1\n",
        1,
        1,
        "yaml-tag",
        "YAML tag 'tag:yaml.org,2002:python/name:os.system' is not allowed; records use plain values only",
    ),
    (
        "a: !include x.yaml\n",
        1,
        4,
        "yaml-tag",
        "YAML tag '!include' is not allowed; records use plain values only",
    ),
    (
        "a: 1\na: 2\n",
        2,
        1,
        "duplicate-key",
        "duplicate key 'a' (first at line 1, column 1); YAML keeps only the last one, so remove or rename one of them",
    ),
    (
        "? [a]\n: 1\n",
        1,
        3,
        "bad-key",
        "a key must be plain text, found a list; text that starts with '{' or '[' must be put in quotes",
    ),
    (
        "a: {{ 7*7 }}\n",
        1,
        5,
        "bad-key",
        "a key must be plain text, found a mapping; text that starts with '{' or '[' must be put in quotes",
    ),
    ("? \n: 1\n", 1, 2, "bad-key", "empty key: a line starts with ':'"),
    (
        '"a\\nb": 1\n',
        1,
        1,
        "bad-key",
        "a key cannot contain a line break; keys are single words such as 'title'",
    ),
    ('"\\t": 1\n', 1, 1, "bad-key", "a key cannot contain a tab; keys are single words such as 'title'"),
    (
        "a: b\x07c\n",
        1,
        5,
        "control-character",
        "invisible character U+0007 (control character); records are plain text: delete it or retype the text around it",
    ),
    (
        "a: b\u2028c\n",
        1,
        5,
        "control-character",
        "invisible character U+2028 (line separator); records are plain text: delete it or retype the text around it",
    ),
    (
        'a: "b\\x1bc"\n',
        1,
        4,
        "control-character",
        "invisible character U+001B (control character); records are plain text: delete it or retype the text around it",
    ),
    ('"k\\x00": 1\n', 1, 1, "nul-byte", "NUL byte in a quoted value; records are plain text"),
    ("a: b\x00c\n", 1, 5, "nul-byte", "NUL byte in the file; records are plain text"),
    (
        "a:\n\tb: 1\n",
        2,
        1,
        "yaml-syntax",
        "tab character where YAML expects indentation or a token; indent with spaces",
    ),
    (
        "a: b\tc\n",
        1,
        5,
        "yaml-syntax",
        "tab character inside unquoted text; replace it with a space or put the text in quotes",
    ),
    (
        'a: "abc\nb: "x"\n',
        1,
        4,
        "yaml-syntax",
        "unterminated quoted string (opened at line 1, column 4); close it with the same quote mark on the same line",
    ),
    (
        'a: "abc\nb: 1\n',
        1,
        4,
        "yaml-syntax",
        "unterminated quoted string (opened at line 1, column 4); close it with the same quote mark",
    ),
    (
        "a:\n  b: 1\n c: 2\n",
        3,
        2,
        "yaml-syntax",
        "bad indentation: this line is indented differently from the keys of its mapping (opened at line 1, column 1); "
        "align keys of one mapping in the same column",
    ),
    (
        "a: b: c\n",
        1,
        5,
        "yaml-syntax",
        "unexpected ':' (a key inside a plain value, or a wrong indentation); quote the text if it contains ': '",
    ),
    ("a: @x\n", 1, 4, "yaml-syntax", "'@' cannot start a plain value in YAML; put the whole text in quotes"),
    (
        "a: 1\n---\nb: 2\n",
        2,
        1,
        "yaml-syntax",
        "a second YAML document ('---') in the file; a record file holds exactly one record",
    ),
    ("a: *nothing\n", 1, 4, "yaml-syntax", "YAML syntax error: found undefined alias 'nothing'"),
    (
        "a: [1, 2\nb: 3\n",
        2,
        2,
        "yaml-syntax",
        "YAML syntax error: while parsing a flow sequence (started at line 1, column 4): expected ',' or ']', but got ':'",
    ),
    (
        "a: " + "[" * 65 + "]" * 65 + "\n",
        1,
        67,
        "too-deep",
        "nesting deeper than 64 levels; records are never nested this deep",
    ),
    ("a: &a [*a]\n", 1, 8, "too-deep", "nesting deeper than 64 levels; records are never nested this deep"),
    (
        "a: &a x\nb: [" + ", ".join(["*a"] * 101) + "]\n",
        2,
        405,
        "too-many-aliases",
        "more than 100 alias uses (*name) after expansion; records do not need YAML aliases: write the values out",
    ),
    ("", 1, 1, "empty", "the file is empty; a record needs at least an 'id'"),
    ("# only a comment\n", 1, 1, "empty", "the file is empty; a record needs at least an 'id'"),
]


@pytest.mark.parametrize(
    "text, line, column, code, message", REFUSED, ids=[r[3] + ":" + r[0][:20] for r in REFUSED]
)
def test_refused_with_position_code_and_message(
    text: str, line: int, column: int, code: str, message: str
) -> None:
    with pytest.raises(YamlError) as caught:
        load_text(text, "f.yaml")
    assert (caught.value.span, caught.value.code, caught.value.message) == (Span(line, column), code, message)


@pytest.mark.parametrize(
    "text, data",
    [
        ("a: 59\nb: -3\nc: 0\n", {"a": 59, "b": -3, "c": 0}),
        (
            "a: 0931013700\nb: +5\nc: '-0'\nd: 1.10\ne: 1e3\nf: .inf\n",
            {"a": "0931013700", "b": "+5", "c": "-0", "d": "1.10", "e": "1e3", "f": ".inf"},
        ),
        ("a: 2.5\nb: -0.25\n", {"a": 2.5, "b": -0.25}),
        ("a: " + "9" * 30 + "\n", {"a": "9" * 30}),
        (
            "a: true\nb: False\nc: yes\nd: no\ne: on\n",
            {"a": True, "b": False, "c": "yes", "d": "no", "e": "on"},
        ),
        ("a: ~\nb: null\nc:\nd: 'null'\n", {"a": None, "b": None, "c": None, "d": "null"}),
        ("a: 2016-01-07\nb: 7.1.2016\n", {"a": "2016-01-07", "b": "7.1.2016"}),
        ("1: x\ntrue: y\n~: z\n", {"1": "x", "true": "y", "~": "z"}),
        ("a: &x [1]\nb: *x\n", {"a": [1], "b": [1]}),
        ("a: b\tc d\n".replace("\t", " "), {"a": "b c d"}),
        ('a: "tab\\tand\\nline"\n', {"a": "tab\tand\nline"}),
        ("a: b\ufeffc\n", {"a": "b\ufeffc"}),
        ("%YAML 1.1\n---\na: 1\n", {"a": 1}),
        ("---\n", None),
    ],
)
def test_accepted_values(text: str, data: object) -> None:
    assert load_text(text, "f.yaml").data == data


def test_bom_and_line_ends_are_harmless_and_positions_stay_right() -> None:
    for text in ("\ufeffa: 1\nb: [x\n", "a: 1\r\nb: [x\r\n", "a: 1\rb: [x\r"):
        with pytest.raises(YamlError) as caught:
            load_text(text, "f.yaml")
        assert caught.value.span == Span(3, 1)
    assert load_text("\ufeffa: 1\r\nb: 2\r\n", "f").key_spans[("b",)] == Span(2, 1)


def test_spans_of_keys_values_and_missing_paths() -> None:
    doc = load_text("a:\n  b: [x, y]\n  c: &q hello\nd: *q\n", "f.yaml")
    assert doc.span(("a", "b", 1)) == Span(2, 10)
    assert doc.span(("a", "b"), key=True) == Span(2, 3)
    assert doc.span(("a", "missing", 3)) == Span(2, 3)  # deepest existing parent
    assert doc.span(("d",)) == Span(4, 4)  # the alias, not its anchor
    assert doc.span(("nothing",)) == Span(1, 1)
    problem = doc.problem(("a", "b"), "wrong", key=True, code="x")
    assert problem.format() == "f.yaml:2:3: error: wrong"


def test_expanded_node_and_text_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yamlsource, "MAX_NODES", 10)
    with pytest.raises(YamlError) as caught:
        load_text("a: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]\n", "f")
    assert (caught.value.code, caught.value.message) == (
        "too-large",
        "the document expands to more than 10 values; records must stay small",
    )
    monkeypatch.setattr(yamlsource, "MAX_EXPANDED_CHARS", 10)
    with pytest.raises(YamlError) as caught:
        load_text("a: &x 123456\nb: *x\n", "f")
    assert caught.value.span == Span(2, 4)
    assert (
        caught.value.message
        == "the text expands to more than 10 characters (through aliases); write the values out"
    )


def test_decode_encodings() -> None:
    assert decode("\ufeffä: 1".encode()) == "ä: 1"
    cases = [
        ("a: ä\n".encode("utf-16"), Span(1, 1), "the file is UTF-16; save it as UTF-8"),
        (
            b"a: 1\nb: p\xe4iv\xe4\n",
            Span(2, 5),
            "not valid UTF-8: byte 0xe4 ('\u00e4' in Windows-1252/Latin-1) cannot start or continue a character; "
            "save the file as UTF-8",
        ),
        (
            b"\x89PNG",
            Span(1, 1),
            "not valid UTF-8: byte 0x89 cannot start or continue a character; save the file as UTF-8",
        ),
    ]
    for raw, span, message in cases:
        with pytest.raises(YamlError) as caught:
            decode(raw)
        assert (caught.value.span, caught.value.code, caught.value.message) == (span, "encoding", message)


def test_compose_locates_a_reader_error_itself() -> None:
    # load_text refuses control characters first; compose alone still locates them
    with pytest.raises(YamlError) as caught:
        compose("a: 1\nb: x\x07\n")
    assert (caught.value.span, caught.value.code) == (Span(2, 5), "yaml-syntax")


def test_load_file_refuses_oversize_without_reading_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    big = tmp_path / "big.yaml"
    big.write_bytes(b"a: 1\n" * 100)
    monkeypatch.setattr(yamlsource, "MAX_FILE_BYTES", 99)
    with pytest.raises(YamlError) as caught:
        load_file(big, "big.yaml")
    assert (caught.value.span, caught.value.code, caught.value.message) == (
        None,
        "file-too-large",
        "file is 500 bytes; the limit is 99 bytes (split the decision or move long material to attachments)",
    )
    with pytest.raises(YamlError) as caught:
        load_text("a: 1\n" * 100, "f")
    assert caught.value.code == "file-too-large"


def test_load_file_refuses_pipes_folders_and_missing_files(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.yaml")
    expected = {
        "pipe.yaml": "not a regular file (a folder, device or pipe); records are plain files",
        "missing.yaml": "cannot read the file: No such file or directory",
    }
    for name, message in expected.items():
        with pytest.raises(YamlError) as caught:
            load_file(tmp_path / name)
        assert (caught.value.code, caught.value.message) == ("unreadable", message)
    with pytest.raises(YamlError) as caught:
        load_file(tmp_path)
    assert caught.value.code == "unreadable"


def test_load_file_reads_a_record(tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    path.write_bytes("\ufeffid: x\r\nnimi: Äijä\r\n".encode())
    doc = load_file(path, "shown.yaml")
    assert (doc.file, doc.data, doc.text) == (
        "shown.yaml",
        {"id": "x", "nimi": "Äijä"},
        "id: x\nnimi: Äijä\n",
    )


@pytest.mark.parametrize(
    "text",
    [
        "- " * 65 + "x\n",
        "a: " + "[" * 64 + "]" * 64 + "\n",
        "".join("  " * i + f"k{i}:\n" for i in range(66)) + "  " * 66 + "v\n",
    ],
    ids=["dashes", "flow", "block"],
)
def test_libyaml_and_the_careful_composer_stop_at_the_same_node(
    text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    answers = []
    for harmless in (True, False):
        monkeypatch.setattr(yamlsource, "_plainly_harmless", lambda _text, h=harmless: h)
        with pytest.raises(YamlError) as caught:
            load_text(text, "f.yaml")
        answers.append((caught.value.span, caught.value.code))
    assert answers[0] == answers[1]

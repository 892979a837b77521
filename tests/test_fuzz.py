"""Fuzzing: valid records mutated at random (keys dropped, duplicated,
retyped and renamed; hostile text put in; files truncated; random bytes
inserted) must give `govdocs validate` and `govdocs render` a clean
answer: exit 0, or exit 1 with located errors. Never a traceback, never
exit 2 or more for bad data, never a partial output file, nothing written
outside the output folder, and the records unchanged.

The engine here is shared with the long run, ``benchmarks/fuzz.py``.
"""

from __future__ import annotations

import copy
import hashlib
import random
import re
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govdocs.cli import cli
from tests.bundled import copy_registry

HOSTILE = Path(__file__).resolve().parent / "hostile"
ROOT = Path(__file__).resolve().parents[1]
DECISION = "decisions/2024/kj-2024-1.yaml"
OUT = "out"

HOSTILE_TEXT = [
    "<script>alert(1)</script>",
    "<img src=http://198.51.100.7/x.png>",
    "</p></body><style>*{display:none}</style>",
    "{{ 7*7 }}",
    "{% raw %}{% endraw %}",
    "{# c #}",
    '{ INCLUDETEXT "c:\\\\x" }',
    "]]><w:p/>",
    "&amp; &lt; &#0; &#x1F;",
    "\\u0000",
    "\u202eevil\u202c",
    "a\u00adb",
    "\ufeff",
    "x" * 1500,  # a longer run than MAX_RUN (2,000) is refused, not hostile text that stays valid
    "Pitkäsanainen" * 50,
    "ä" * 300,
    "\t",
    "",
    " ",
    "..",
    "../../etc/passwd",
    "con",
    "💥🇫🇮",
    "%PDF-1.7",
    "url(http://198.51.100.7/y)",
    "\\",
    "@",
    "- x",
    "a: b",
    "#",
]
OTHER_VALUES: list[Any] = [
    0,
    -1,
    1,
    2**63,
    1.5,
    True,
    False,
    None,
    [],
    {},
    ["x"],
    {"x": 1},
    "2024-02-30",
    "31.12.9999",
    "0001-01-01",
    "9999-12-31",
    "1.1.1900",
    "kj-2024-1",
    "kanslia",
    "yearly",
    "moves",
    "stays",
    "not_stated",
    {"not_stated": "ei tiedossa"},
    {"not_stated": "x", "assumed": "9999-12-31"},
]


# --- mutations ------------------------------------------------------------------


def _paths(data: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path to a value in ``data``."""
    found = [prefix] if prefix else []
    if isinstance(data, dict):
        for key, value in data.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            found += _paths(value, (*prefix, i))
    return found


def _parent(data: Any, path: tuple[Any, ...]) -> Any:
    for step in path[:-1]:
        data = data[step]
    return data


def _dump(data: Any) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)


def drop_key(text: str, rnd: random.Random) -> str:
    data = yaml.safe_load(text)
    paths = _paths(data)
    if not paths:
        return text
    path = rnd.choice(paths)
    del _parent(data, path)[path[-1]]
    return _dump(data)


def retype(text: str, rnd: random.Random) -> str:
    data = yaml.safe_load(text)
    paths = _paths(data)
    if not paths:
        return text
    path = rnd.choice(paths)
    _parent(data, path)[path[-1]] = copy.deepcopy(rnd.choice(OTHER_VALUES + HOSTILE_TEXT))
    return _dump(data)


def rename_key(text: str, rnd: random.Random) -> str:
    data = yaml.safe_load(text)
    keyed = [p for p in _paths(data) if isinstance(p[-1], str)]
    if not keyed:
        return text
    path = rnd.choice(keyed)
    parent, old = _parent(data, path), path[-1]
    new = rnd.choice(
        [
            old[:-1],
            old + "s",
            old.upper(),
            old.replace("_", "-"),
            rnd.choice(HOSTILE_TEXT) or "x",
            rnd.choice(list(parent)),
            rnd.choice(["id", "from", "to", "quote", "record", "<<"]),
        ]
    )
    parent[new] = parent.pop(old)
    return _dump(data)


def hostile_text(text: str, rnd: random.Random) -> str:
    """Hostile text in places where text is free: the record stays valid."""
    data = yaml.safe_load(text)
    sections = data.get("sections") if isinstance(data, dict) else None
    if not (isinstance(sections, list) and sections and isinstance(sections[-1], dict)):
        return text
    body = sections[-1].setdefault("body", [])
    if isinstance(body, list):
        body.append(" ".join(rnd.choice(HOSTILE_TEXT) for _ in range(rnd.randint(1, 4))) or "x")
    if rnd.random() < 0.5:
        data["title"] = rnd.choice(HOSTILE_TEXT) or "x"
    return _dump(data)


def duplicate_line(text: str, rnd: random.Random) -> str:
    lines = text.split("\n")
    i = rnd.randrange(len(lines))
    return "\n".join(lines[: i + 1] + lines[i:])


def shift_line(text: str, rnd: random.Random) -> str:
    lines = text.split("\n")
    i = rnd.randrange(len(lines))
    lines[i] = (" " * rnd.randint(1, 3) + lines[i]) if rnd.random() < 0.5 else lines[i][rnd.randint(1, 3) :]
    return "\n".join(lines)


def truncate(raw: bytes, rnd: random.Random) -> bytes:
    return raw[: rnd.randrange(len(raw) + 1)]


def insert_bytes(raw: bytes, rnd: random.Random) -> bytes:
    at = rnd.randrange(len(raw) + 1)
    junk = bytes(rnd.randrange(256) for _ in range(rnd.randint(1, 8)))
    return raw[:at] + junk + raw[at:]


INVISIBLE = ["\u202e", "\u202d", "\u2066", "\u2069", "\u200b", "\u200d", "\u2060", "\ufeff", "\u061c", "\u00ad"]


def invisible_chars(text: str, rnd: random.Random) -> str:
    """Bidi controls and zero-width characters anywhere: in text they give
    warnings, in ids, numbers and dates errors."""
    for _ in range(rnd.randint(1, 3)):
        at = rnd.randrange(len(text) + 1)
        text = text[:at] + rnd.choice(INVISIBLE) + text[at:]
    return text


BACKTRACKING = [r"^(\d|\d\d)+$", r"^(a|aa)+$", r"^(\w+\s?)*$", r"^([A-Z]|[A-Z][A-Z])+ \d+$", r"(x+x+)+y"]
WIDE_FORMATS = ["TST {serial:>1000000000}", "TST {serial:{year}}", "TST {serial:0999999d}", "{year:.99999}"]


def hostile_registry(text: str, rnd: random.Random) -> str:
    """The registry shapes that hung validation: succession and parent
    cycles (self-succession too), backtracking patterns, huge widths."""
    data = yaml.safe_load(text)
    if not isinstance(data, dict):
        return text
    orgs = [o for o in data.get("organisations") or [] if isinstance(o, dict) and "id" in o]
    municipality = data.get("municipality")
    shape = rnd.randrange(3)
    if shape == 0 and orgs:
        first, second = rnd.choice(orgs), rnd.choice(orgs)  # the same one: self-succession
        attr = rnd.choice(["successor", "parent"])
        first[attr], second[attr] = second["id"], first["id"]
        if attr == "successor":  # a successor takes over only when its predecessor ends
            first.setdefault("valid_to", "2020-12-31")
            second.setdefault("valid_to", "2021-12-31")
    elif shape == 1 and isinstance(municipality, dict):
        municipality[rnd.choice(["case_number_pattern", "task_code_pattern"])] = rnd.choice(BACKTRACKING)
    elif isinstance(municipality, dict):
        municipality["case_number_format"] = rnd.choice(WIDE_FORMATS)
    return _dump(data)


TEXT_MUTATIONS: list[Callable[[str, random.Random], str]] = [
    drop_key,
    retype,
    rename_key,
    hostile_text,
    duplicate_line,
    shift_line,
    invisible_chars,
    hostile_registry,
]
BYTE_MUTATIONS: list[Callable[[bytes, random.Random], bytes]] = [truncate, insert_bytes]


def mutate(raw: bytes, rnd: random.Random) -> tuple[bytes, list[str]]:
    """One to three mutations; the names of those applied."""
    names = []
    for _ in range(rnd.randint(1, 3)):
        if rnd.random() < 0.2:
            fn: Any = rnd.choice(BYTE_MUTATIONS)
            raw = fn(raw, rnd)
        else:
            fn = rnd.choice(TEXT_MUTATIONS)
            try:
                text = raw.decode("utf-8")
                yaml.safe_load(text)
            except (UnicodeDecodeError, yaml.YAMLError):
                continue  # already unreadable: data mutations need data
            if not isinstance(yaml.safe_load(text), dict | list) and fn not in (duplicate_line, shift_line):
                continue
            try:
                raw = fn(text, rnd).encode("utf-8", "surrogatepass")
            except (yaml.YAMLError, RecursionError, ValueError):  # PyYAML cannot dump it: skip
                continue
        names.append(fn.__name__)
    return raw, names


# --- running and checking -------------------------------------------------------------


@dataclass
class Case:
    """One fuzz case: which file was mutated and how, and what went wrong."""

    target: str
    mutations: list[str]
    decision: str = DECISION
    """The decision file validated and rendered (the target itself, or a
    decision read with the mutated registry)."""
    failures: list[str] = field(default_factory=list)
    validate_exit: int | None = None
    rendered: bool = False


def make_repo(root: Path, *, real: bool = False) -> list[str]:
    """A fresh records tree at ``root``: the hostile registry and the valid
    base decision, or (``real``) the project's own registry and decisions,
    which use mandates, references and fulfilments. Returns the decision
    files, relative to ``root``."""
    root.mkdir(parents=True, exist_ok=True)
    for child in root.iterdir():  # the folder itself stays: it is the cwd
        if child.name != ".govdocs-cache":
            shutil.rmtree(child) if child.is_dir() and not child.is_symlink() else child.unlink()
    if real:
        copy_registry(root)
        shutil.copytree(ROOT / "decisions", root / "decisions")
        return sorted(str(p.relative_to(root)) for p in (root / "decisions").rglob("*.yaml"))
    (root / "decisions" / "2024").mkdir(parents=True)
    shutil.copy(HOSTILE / "registry.yaml", root / "registry.yaml")
    shutil.copy(HOSTILE / "base.yaml", root / DECISION)
    return [DECISION]


def records_hash(root: Path) -> str:
    """Names and bytes of every file except the output folder and govdocs'
    cache: the records, and anything else someone might write beside them."""
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        parts = path.relative_to(root).parts
        if parts[0] in (OUT, ".govdocs-cache"):
            continue
        digest.update("/".join(parts).encode())
        if path.is_file():
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


_LOCATED = re.compile(r"^(?:registry\.yaml|decisions/\S+?(?:\.yaml)?)(?::\d+:\d+)?: error: .")


def _invoke(root: Path, args: list[str], case: Case, what: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, args, catch_exceptions=True)
    output = result.output
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        case.failures.append(f"{what}: traceback {type(result.exception).__name__}: {result.exception}")
    if "Traceback" in output:
        case.failures.append(f"{what}: traceback in output")
    if result.exit_code not in (0, 1):
        case.failures.append(f"{what}: exit {result.exit_code}: {output.strip()[-300:]}")
    if result.exit_code == 1 and not any(_LOCATED.match(line) for line in output.splitlines()):
        case.failures.append(f"{what}: exit 1 without a located error: {output.strip()[-300:]}")
    if SECRET in output:
        case.failures.append(f"{what}: the content of a linked file was printed")
    return result.exit_code, output


def check_case(root: Path, case: Case, raw: bytes, *, render_formats: str | None) -> Case:
    """Write ``raw`` as ``case.target`` in the tree at ``root`` (cwd must be
    ``root``), validate, render when valid, and record every broken promise."""
    (root / case.target).write_bytes(raw)
    before = records_hash(root)
    case.validate_exit, _ = _invoke(root, ["validate", case.decision], case, "validate")
    if render_formats and case.validate_exit in (0, 1):
        out = root / OUT
        shutil.rmtree(out, ignore_errors=True)
        code, _ = _invoke(
            root, ["render", case.decision, "--out", OUT, "--format", render_formats], case, "render"
        )
        case.rendered = code == 0
        written = sorted(p.name for p in out.rglob("*")) if out.exists() else []
        if case.validate_exit == 1 and (code != 1 or written):
            case.failures.append(f"render of an invalid record: exit {code}, wrote {written}")
        leftovers = [name for name in written if name.endswith(".tmp") or name.startswith(".")]
        if leftovers:
            case.failures.append(f"render: partial files left: {leftovers}")
        if code == 0 and not written:
            case.failures.append("render: exit 0 but nothing written")
    if records_hash(root) != before:
        case.failures.append("the records changed, or a file was written outside the output folder")
    return case


SECRET = "-----BEGIN OPENSSH PRIVATE KEY----- fuzz-secret-4f1d"
LINK = "decisions/2024/linked.yaml"


def link_shape(root: Path, rnd: random.Random) -> str:
    """A symbolic link where a record or folder should be: to a secret file
    outside the repository, to a record inside it, dangling, or a folder
    link to the root or to the records' parent; the path to validate."""
    secret = root.parent / f"{root.name}-secret.yaml"
    secret.write_text(f"{SECRET}\n", encoding="utf-8")
    (root / "decisions" / "2024").mkdir(parents=True, exist_ok=True)
    kind = rnd.randrange(4)
    if kind == 3:
        (root / "decisions" / "2024" / "up").symlink_to(rnd.choice(["..", "/", str(root.parent)]))
        return "decisions"
    target = [str(secret), str(next((root / "decisions").rglob("*.yaml"))), str(root / "missing.yaml")][kind]
    (root / LINK).symlink_to(target)
    # a dangling link named on the command line is a path that does not exist (a usage error, exit 2)
    return "decisions" if kind == 2 else LINK


def run_one(root: Path, seed_rnd: random.Random, *, render_formats: str | None) -> Case:
    """Mutate a decision (or, one time in five, the registry) of the hostile
    base or, half the time, of the project's real records, and check; one
    time in ten, validate a symbolic link put among the records instead."""
    decisions = make_repo(root, real=seed_rnd.random() < 0.5)
    decision = seed_rnd.choice(decisions)
    if seed_rnd.random() < 0.1:
        linked = link_shape(root, seed_rnd)
        case = check_case(root, Case(decision, ["symlink"], linked), (root / decision).read_bytes(),
                          render_formats=render_formats)
        if case.validate_exit != 1:
            case.failures.append(f"a symbolic link was read: validate exit {case.validate_exit}")
        return case
    target = "registry.yaml" if seed_rnd.random() < 0.2 else decision
    raw, names = mutate((root / target).read_bytes(), seed_rnd)
    return check_case(root, Case(target, names, decision), raw, render_formats=render_formats)


# --- the property tests ---------------------------------------------------------------


@pytest.fixture(autouse=True, scope="module")
def _own_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Hundreds of mutated records go to a cache of their own, not the user's."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))
        yield


FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)


@FUZZ
@given(rnd=st.randoms(use_true_random=False))
def test_validate_and_render_answer_every_mutated_record(rnd: random.Random, tmp_path_factory: Any) -> None:
    root = tmp_path_factory.getbasetemp() / "fuzz-validate"
    with _chdir(root):
        case = run_one(root, rnd, render_formats="txt")
    assert case.failures == [], (case.target, case.mutations)


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
@given(rnd=st.randoms(use_true_random=False))
def test_render_answers_every_mutated_record_that_validates(
    rnd: random.Random, tmp_path_factory: Any
) -> None:
    root = tmp_path_factory.getbasetemp() / "fuzz-render"
    with _chdir(root):
        make_repo(root)
        raw = hostile_text((root / DECISION).read_text(encoding="utf-8"), rnd).encode()
        case = check_case(root, Case(DECISION, ["hostile_text"]), raw, render_formats="html,docx,txt")
    assert case.failures == [], case.mutations
    assert case.validate_exit == 0 and case.rendered


class _chdir:
    """Enter ``root`` (created) for the CLI's relative paths."""

    def __init__(self, root: Path):
        self.root = root

    def __enter__(self) -> None:
        import os

        self.root.mkdir(parents=True, exist_ok=True)
        self.old = Path.cwd()
        os.chdir(self.root)

    def __exit__(self, *exc: object) -> None:
        import os

        os.chdir(self.old)

"""docs/errors.md cannot drift: every error code the code can give, and
every code the hostile corpus actually produces, is documented there."""

from __future__ import annotations

import ast
import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from govdocs.cli import cli

ROOT = Path(__file__).resolve().parents[1]
HOSTILE = ROOT / "tests" / "hostile"
DOC = ROOT / "docs" / "errors.md"


def _code_params(trees: dict[Path, ast.Module]) -> dict[str, tuple[int, str | None]]:
    """Functions and classes taking a ``code`` parameter: name → (position
    among the positional arguments, default value)."""
    found: dict[str, tuple[int, str | None]] = {}
    for tree in trees.values():
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef):
                init = next(
                    (n for n in node.body if isinstance(n, ast.FunctionDef) and n.name == "__init__"), None
                )
                if init is not None:
                    _add_signature(found, node.name, init.args, skip_self=True)
            elif isinstance(node, ast.FunctionDef):
                _add_signature(found, node.name, node.args, skip_self=False)
    return found


def _add_signature(
    found: dict[str, tuple[int, str | None]], name: str, args: ast.arguments, *, skip_self: bool
) -> None:
    names = [a.arg for a in args.args][1 if skip_self else 0 :]
    if "code" not in names:
        return
    index = names.index("code")
    defaults = dict(zip(names[len(names) - len(args.defaults) :], args.defaults, strict=True))
    default = defaults.get("code")
    found[name] = (index, default.value if isinstance(default, ast.Constant) else None)


def codes_in_source() -> dict[str, str]:
    """Every literal error code in govdocs/ → where it is first used."""
    trees = {p: ast.parse(p.read_text(encoding="utf-8")) for p in sorted((ROOT / "govdocs").rglob("*.py"))}
    params = _code_params(trees)
    codes = {default: f"default of {name}" for name, (_, default) in params.items() if default}
    for path, tree in trees.items():
        for node in ast.walk(tree):
            if isinstance(node, ast.AnnAssign) and getattr(node.target, "id", None) == "code":
                if isinstance(node.value, ast.Constant):  # a dataclass default: Problem.code
                    codes.setdefault(str(node.value.value), f"{path.relative_to(ROOT)}:{node.lineno}")
            if not isinstance(node, ast.Call):
                continue
            where = f"{path.relative_to(ROOT)}:{node.lineno}"
            for kw in node.keywords:
                if (
                    kw.arg == "code"
                    and isinstance(kw.value, ast.Constant)
                    and isinstance(kw.value.value, str)
                ):
                    codes.setdefault(kw.value.value, where)
            func = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", None)
            if func in params:
                index = params[func][0]
                if index < len(node.args) and isinstance(node.args[index], ast.Constant):
                    codes.setdefault(str(node.args[index].value), where)
    return codes


def documented() -> set[str]:
    return set(re.findall(r"^### `([a-z0-9-]+)`", DOC.read_text(encoding="utf-8"), flags=re.M))


def test_every_code_in_the_source_is_documented() -> None:
    missing = {code: where for code, where in codes_in_source().items() if code not in documented()}
    assert missing == {}, "add these codes to docs/errors.md"


def test_the_extractor_finds_codes_of_every_kind() -> None:
    codes = codes_in_source()
    # keyword, YamlError positional, UnsafePath default, helper with a code parameter
    assert {"duplicate-id", "too-many-aliases", "unsafe-path", "nul-byte"} <= set(codes)


@pytest.mark.parametrize("folder", ["records", "registries"])
def test_every_code_the_hostile_corpus_produces_is_documented(
    folder: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Schema codes come from pydantic's error types, so they are checked
    on real answers too."""
    seen: set[str] = set()
    for case in sorted((HOSTILE / folder).glob("*.yaml")):
        repo = tmp_path / case.stem
        (repo / "decisions").mkdir(parents=True)
        if folder == "registries":
            shutil.copy(case, repo / "registry.yaml")
            shutil.copy(HOSTILE / "base.yaml", repo / "decisions" / "base.yaml")
        else:
            shutil.copy(HOSTILE / "registry.yaml", repo / "registry.yaml")
            shutil.copy(case, repo / "decisions" / case.name)
        monkeypatch.chdir(repo)
        result = CliRunner().invoke(cli, ["validate", "--format", "json", "decisions"])
        seen |= {p["code"] for p in json.loads(result.output)["problems"]}
    assert seen - documented() == set()

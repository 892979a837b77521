"""The package's declaration: every package under govdocs/ is in the wheel,
templates/ goes in as govdocs/templates, and a checkout reads its own
templates/ (the wheel itself is tried in test_wheel.py)."""

from __future__ import annotations

import tomllib

from govdocs.resources import TEMPLATES_DIR, templates_root
from tests.conftest import ROOT

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
SETUPTOOLS = PYPROJECT["tool"]["setuptools"]


def test_every_package_under_govdocs_is_listed() -> None:
    found = {
        ".".join(init.parent.relative_to(ROOT).parts) for init in (ROOT / "govdocs").rglob("__init__.py")
    }
    assert set(SETUPTOOLS["packages"]) == found | {"govdocs.templates"}


def test_templates_go_into_the_package_whole() -> None:
    assert SETUPTOOLS["package-dir"] == {"govdocs.templates": "templates"}
    assert SETUPTOOLS["package-data"]["govdocs.templates"] == ["**/*"]
    # package data globs skip names starting with a dot: none may hide there
    hidden = [p.relative_to(ROOT).as_posix() for p in (ROOT / "templates").rglob(".*")]
    assert hidden == []


def test_a_checkout_reads_its_top_level_templates() -> None:
    assert templates_root() == TEMPLATES_DIR == ROOT / "templates"


def test_the_licence_is_an_spdx_expression() -> None:
    # a TOML table here is deprecated and setuptools warns on every build
    assert PYPROJECT["project"]["license"] == "EUPL-1.2"
    assert PYPROJECT["build-system"]["requires"] == ["setuptools>=77"]

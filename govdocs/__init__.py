"""govdocs: a municipality's decisions as YAML records.

The public API, used by the CLI, the tests and anyone scripting::

    import govdocs
    repo = govdocs.load("decisions/")          # raises RecordsInvalid
    report = govdocs.validate("decisions/")    # never raises on bad records
    for problem in report.problems: print(problem.format())

Heavy modules (pydantic models, WeasyPrint) load on first use, so that
``govdocs --help`` starts instantly.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from govdocs.api import load, validate
    from govdocs.errors import GovdocsError
    from govdocs.problems import Problem, RecordsInvalid, Severity
    from govdocs.repository import Repository

__all__ = [
    "GovdocsError",
    "Problem", "RecordsInvalid", "Repository", "Severity", "__version__",
    "load",
    "validate",
]

_LAZY = {
    "load": "govdocs.api",
    "validate": "govdocs.api",
    "GovdocsError": "govdocs.errors",
    "Problem": "govdocs.problems",
    "RecordsInvalid": "govdocs.problems",
    "Severity": "govdocs.problems",
    "Repository": "govdocs.repository",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'govdocs' has no attribute {name!r}")

"""Validation problems as JUnit XML, so CI systems (GitLab, Jenkins, GitHub
test reporters) show them per record file: one test case per file, failing
when the file has an error, with every problem located in the text."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from xml.etree import ElementTree as ET

from govdocs.problems import Problem, relpath
from govdocs.repository import Repository
from govdocs.safepath import atomic_write

SUITE = "govdocs validate"


def junit_xml(problems: Iterable[Problem], files: Iterable[str]) -> bytes:
    """A JUnit document: a test case per file in ``files`` (and per file
    that has a problem), in name order."""
    by_file: dict[str, list[Problem]] = {name: [] for name in files}
    for problem in problems:
        by_file.setdefault(problem.file, []).append(problem)
    failing = sum(any(p.is_error for p in found) for found in by_file.values())
    suite = ET.Element("testsuite", name=SUITE, tests=str(len(by_file)), failures=str(failing), errors="0")
    for name in sorted(by_file):
        suite.append(_case(name, by_file[name]))
    root = ET.Element("testsuites", name=SUITE)
    root.append(suite)
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def _case(name: str, found: list[Problem]) -> ET.Element:
    case = ET.Element("testcase", classname="govdocs.records", name=name)
    errors = [p for p in found if p.is_error]
    if errors:
        first = errors[0]
        failure = ET.SubElement(case, "failure", message=first.message, type=first.code)
        failure.text = "\n".join(p.format() for p in errors)
    warnings = [p for p in found if not p.is_error]
    if warnings:
        ET.SubElement(case, "system-out").text = "\n".join(p.format() for p in warnings)
    return case


def write_junit(path: Path, repo: Repository) -> None:
    """Write the repository's problems as JUnit XML to ``path``."""
    files = [relpath(file) for file in repo.files.values()]
    atomic_write(path, junit_xml(repo.problems, files))

"""Issue 11: the cache key covers every module that shapes an output, all
of govdocs but the command line. Was: the digest left out build/, yet
build/renderers.py writes the audit reports' links; editing it gave
"reused 19", and a fresh output folder got the old links "from cache"."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from govdocs.build import plan as plan_module
from govdocs.build.plan import code_digest
from govdocs.read.loader import read_repository
from tests.bundled import DOCUMENTS

PACKAGE = Path(plan_module.__file__).resolve().parents[1]


def copy_of_the_source(dest: Path) -> Path:
    """govdocs and its templates, laid out as in a checkout."""
    shutil.copytree(PACKAGE, dest / "govdocs", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(plan_module.TEMPLATES_DIR, dest / "templates")
    return dest


def govdocs(source: Path, *args: str) -> str:
    env = {**os.environ, "PYTHONPATH": str(source)}
    code = ("import govdocs, sys; from govdocs.cli import main; "
            "assert govdocs.__file__.startswith(sys.argv.pop(1)); main()")
    done = subprocess.run([sys.executable, "-c", code, str(source), *args], env=env, capture_output=True, cwd=source,
                          text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()[-1]


def test_editing_the_builds_renderers_renders_again(records: Path, tmp_path: Path) -> None:
    source = copy_of_the_source(tmp_path / "src")
    build = ["build", str(records), "-f", "html", "-j", "1"]
    # the decisions, the meetings' documents, the reports (a follow-up per municipality and one
    # audit per organisation) and their timeline pictures
    held = read_repository(records)
    outputs = len(DOCUMENTS) + 2 * (len(held.registries) + len(held.organisations))
    assert govdocs(source, *build, "--out", str(tmp_path / "one")).startswith(f"built {outputs}, reused 0 ")
    # the audit's links to decisions, derived from the kinds' folders
    audit = source / "govdocs" / "reports" / "audit.py"
    text = audit.read_text(encoding="utf-8")
    link = 'href = KINDS["audit"].href("decision")'
    assert text.count(link) == 1
    audit.write_text(text.replace(link, 'href = "../paatokset/"'), encoding="utf-8")
    again = govdocs(source, *build, "--out", str(tmp_path / "one"))
    fresh = govdocs(source, *build, "--out", str(tmp_path / "two"))
    # every output's key holds the code: all are rendered again, none comes from the cache
    assert again.startswith(f"built {outputs}, reused 0 (0 from cache), ")
    assert fresh.startswith(f"built 0, reused {outputs} ({outputs} from cache), ")
    audits = [p.read_text() for p in sorted((tmp_path / "two" / "reports").glob("vastuut-*.html"))]
    assert any('href="../paatokset/kj-2016-59.html"' in page for page in audits)
    assert not any('href="../kj-' in page for page in audits)  # no old link anywhere


def test_the_digest_holds_every_module_but_the_command_line(tmp_path: Path) -> None:
    source = copy_of_the_source(tmp_path / "src") / "govdocs"
    first = code_digest(source)
    (source / "cli" / "build.py").write_text((source / "cli" / "build.py").read_text() + "\n# help\n")
    assert code_digest(source) == first
    for module in ("build/renderers.py", "build/plan.py", "render.py", "writers/pdf.py"):
        (source / module).write_text((source / module).read_text() + "\n# changed\n")
        assert code_digest(source) != first, module
        first = code_digest(source)

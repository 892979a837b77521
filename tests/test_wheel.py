"""The package as a records repository gets it: built into a wheel from a
git URL at a commit (as the CI workflow and the pre-commit hook install
it), installed into a new virtual environment outside the checkout, and
run there on a copy of the bundled records. Nothing of the checkout is on
the path, so a file the wheel forgot (a label, an appeal text, a kind, a
font) fails here.

Slow: the new environment installs every dependency (from pip's cache
when it has them)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.slow

# what the program reads at run time; each must be in the wheel
CARRIED = [
    "govdocs/py.typed",
    "govdocs/templates/labels/fi.yaml",
    "govdocs/templates/labels/sv.yaml",
    "govdocs/templates/appeal/oikaisuvaatimus/2015-05-01.txt.j2",
    "govdocs/templates/kinds/working-group.yaml",
    "govdocs/templates/fonts/NotoSans-Regular.ttf",
    "govdocs/templates/html/document.html.j2",
    "govdocs/templates/followup/fi.yaml",
    "govdocs/templates/audit/fi.yaml",
    "govdocs/templates/drafting/fi.yaml",
    "govdocs/templates/init/github-workflow.yml",
]


def sh(*args: str | Path, cwd: Path, env: dict[str, str] | None = None) -> str:
    result = subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True)
    assert result.returncode == 0, f"{args}: exit {result.returncode}\n{result.stdout}\n{result.stderr}"
    return result.stdout


def committed_copy(dest: Path) -> str:
    """The checkout as it stands (tracked and new files, not ignored ones),
    committed in a git repository of its own; its commit id."""
    listed = sh("git", "ls-files", "-z", "--cached", "--others", "--exclude-standard", cwd=ROOT)
    for name in filter(None, listed.split("\0")):
        if (ROOT / name).is_file():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, dest / name)
    git = ("git", "-c", "user.name=test", "-c", "user.email=test@example.org")
    sh("git", "init", "-q", cwd=dest)
    sh("git", "add", "-A", cwd=dest)
    sh(*git, "commit", "-q", "-m", "the checkout", cwd=dest)
    return sh("git", "rev-parse", "HEAD", cwd=dest).strip()


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bin folder of a new virtual environment holding the wheel."""
    base = tmp_path_factory.mktemp("wheel")
    (base / "src").mkdir()
    commit = committed_copy(base / "src")
    pip_env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PIP_REQUIRE_VIRTUALENV")}
    sh(sys.executable, "-m", "venv", base / "venv", cwd=base)
    pip = (base / "venv" / "bin" / "python", "-m", "pip", "--disable-pip-version-check", "-q")
    sh(*pip, "install", "--upgrade", "pip", cwd=base, env=pip_env)  # as setup.sh and setup-python do
    url = f"govdocs @ git+{(base / 'src').as_uri()}@{commit}"
    sh(*pip, "wheel", "--no-deps", "-w", base / "dist", url, cwd=base, env=pip_env)
    (wheel,) = (base / "dist").glob("govdocs-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    assert [name for name in CARRIED if name not in names] == []
    assert not any(name.startswith(("templates/", "tests/")) for name in names)
    sh(*pip, "install", "--no-compile", "-c", ROOT / "constraints.txt", wheel, cwd=base, env=pip_env)
    return base / "venv" / "bin"



def govdocs(bin_dir: Path, records: Path, *args: str) -> str:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["XDG_CACHE_HOME"] = str(records.parent / "cache")
    return sh(bin_dir / "govdocs", *args, cwd=records, env=env)


def test_the_installed_package_reads_its_own_templates(installed: Path, tmp_path: Path) -> None:
    code = "import govdocs.resources as r; print(r.TEMPLATES_DIR)"
    where = Path(sh(installed / "python", "-c", code, cwd=tmp_path).strip())
    assert where.parts[-2:] == ("govdocs", "templates") and "site-packages" in where.parts
    assert "Usage: govdocs [OPTIONS] COMMAND" in sh(installed / "python", "-m", "govdocs", "--help", cwd=tmp_path)


def test_render_all_four_formats(installed: Path, records: Path) -> None:
    # kh-2021-898 carries an appeal instruction (templates/appeal) and a body's § mark
    govdocs(installed, records, "render", "kh-2021-898", "--format", "html,pdf,docx,txt", "--out", "out")
    out = records / "out"
    assert (out / "kh-2021-898.pdf").read_bytes().startswith(b"%PDF-")
    with zipfile.ZipFile(out / "kh-2021-898.docx") as docx:
        assert '<w:t xml:space="preserve">§ 898</w:t>' in docx.read("word/document.xml").decode("utf-8")
    assert "<h2>Päätös" in (out / "kh-2021-898.html").read_text(encoding="utf-8")
    text = (out / "kh-2021-898.txt").read_text(encoding="utf-8")
    assert "Oikaisuvaatimus on tehtävä 14 päivän kuluessa päätöksen tiedoksisaannista." in text


def test_build_and_the_follow_up_report(installed: Path, records: Path) -> None:
    govdocs(installed, records, "build", "--out", "site")
    manifest = json.loads((records / "site" / "manifest.json").read_text(encoding="utf-8"))
    # the bundled repository holds three municipalities: a follow-up report of each
    reports = [f"reports/seurantaraportti-{town}.pdf" for town in ("helsinki", "espoo", "turku")]
    for name in ("kj-2016-59.pdf", "kh-2021-898.pdf", "kp-2021-5.pdf", "turku-kh-2017-195.pdf", *reports):
        assert name in manifest["outputs"]
        assert (records / "site" / name).read_bytes().startswith(b"%PDF-"), name
    govdocs(installed, records, "report", "followup", "--out", "seuranta", "--municipality", "helsinki")
    report = records / "seuranta"
    assert (report / "seurantaraportti.pdf").read_bytes().startswith(b"%PDF-")
    assert (report / "seurantaraportti-aikajana.svg").read_text(encoding="utf-8").startswith("<svg")


def test_the_public_site(installed: Path, records: Path) -> None:
    # the site's templates, static files and Pagefind's binary all come with the installed package
    govdocs(installed, records, "site", "--out", "public", "--no-documents")
    public = records / "public"
    assert '<html lang="fi">' in (public / "paatokset" / "kh-2021-898.html").read_text(encoding="utf-8")
    assert (public / "site.css").is_file() and (public / "haku.js").is_file()
    entry = json.loads((public / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert set(entry["languages"]) == {"fi", "sv"}


def test_calendar_and_new(installed: Path, records: Path) -> None:
    govdocs(installed, records, "calendar", "--out", "seuranta.ics")
    ics = (records / "seuranta.ics").read_text(encoding="utf-8")
    assert ics.startswith("BEGIN:VCALENDAR") and "BEGIN:VEVENT" in ics
    out = govdocs(installed, records, "new", "working-group", "--maker", "kansliapaallikko", "--date", "2022-01-10")
    made = Path(out.split(":", 1)[0])
    assert made.is_file() and made.parent == records / "decisions" / "2022"
    assert "Työryhmän asettaminen" in made.read_text(encoding="utf-8")
    govdocs(installed, records, "validate")

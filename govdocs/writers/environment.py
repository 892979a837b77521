"""What the writers need from the machine, checked (``govdocs doctor``).

Required: the shipped fonts, WeasyPrint (with Pango), python-docx, pypdfium2
(pictures in DOCX), Voikko
with its Finnish dictionary (hyphenation) and HarfBuzz's subsetting library
(without libharfbuzz-subset0 WeasyPrint falls back to fontTools, about four
times slower per PDF). Optional: the tools tests and benchmarks use.
"""

from __future__ import annotations

import ctypes.util
import shutil
from collections.abc import Callable
from dataclasses import dataclass

__all__ = ["Check", "diagnose"]

APT_HINT = "run ./setup.sh (packages are listed in setup/apt-packages.txt)"


@dataclass(frozen=True)
class Check:
    """One thing checked: its name, whether it is fine, what was found, and
    whether rendering needs it (``required``) or only tests/benchmarks do."""

    name: str
    ok: bool
    detail: str
    required: bool = True

    def format(self) -> str:
        mark = "ok" if self.ok else ("MISSING" if self.required else "missing (optional)")
        return f"{self.name:<22} {mark:<20} {self.detail}"


def _fonts() -> Check:
    from govdocs.typeset.fonts import font_faces

    faces = font_faces()
    missing = [face.path.name for face in faces if not face.path.is_file()]
    if missing:
        return Check("fonts", False, f"not found in templates/fonts: {', '.join(missing)}")
    return Check("fonts", True, f"{len(faces)} Noto Sans faces in templates/fonts")


def _weasyprint() -> Check:
    try:
        import weasyprint
    except (ImportError, OSError) as error:  # OSError: Pango not loadable
        return Check("weasyprint", False, f"cannot load: {error}; {APT_HINT}")
    return Check("weasyprint", True, f"WeasyPrint {weasyprint.__version__}")


def _harfbuzz_subset() -> Check:
    try:
        from weasyprint.text.ffi import harfbuzz_subset

        found = harfbuzz_subset is not None
    except (ImportError, OSError):  # no WeasyPrint: ask the dynamic linker
        found = ctypes.util.find_library("harfbuzz-subset") is not None
    if not found:
        return Check("libharfbuzz-subset0", False,
                     f"fonts are subset by fontTools (about 4x slower per PDF); {APT_HINT}")
    return Check("libharfbuzz-subset0", True, "WeasyPrint subsets fonts with HarfBuzz")


def _docx() -> Check:
    try:
        from importlib.metadata import version

        import docx  # noqa: F401
    except ImportError as error:
        return Check("python-docx", False, str(error))
    return Check("python-docx", True, f"python-docx {version('python-docx')}")


def _pdfium() -> Check:
    try:
        from importlib.metadata import version

        import pypdfium2  # noqa: F401
    except ImportError as error:
        return Check("pypdfium2", False, f"{error}: DOCX reports cannot carry their pictures")
    return Check("pypdfium2", True, f"pypdfium2 {version('pypdfium2')} (pictures in DOCX)")


def _voikko() -> Check:
    from govdocs.typeset.hyphenation import voikko_hyphenator

    if voikko_hyphenator("fi") is None:
        return Check("voikko", False,
                     f"Finnish hyphenation falls back to rules without compound seams; {APT_HINT}")
    return Check("voikko", True, "Finnish hyphenation with Voikko (libvoikko1, voikko-fi)")


def _tool(name: str, package: str, purpose: str) -> Callable[[], Check]:
    def check() -> Check:
        path = shutil.which(name)
        detail = path if path else f"apt-get install {package} ({purpose})"
        return Check(name, path is not None, detail, required=False)

    return check


CHECKS: tuple[Callable[[], Check], ...] = (
    _fonts, _weasyprint, _harfbuzz_subset, _docx, _pdfium, _voikko,
    _tool("pdftotext", "poppler-utils", "PDF text in tests"),
    _tool("soffice", "libreoffice-writer-nogui", "DOCX test and benchmark"),
)


def diagnose() -> list[Check]:
    """Every check, in a fixed order."""
    return [check() for check in CHECKS]

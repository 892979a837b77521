"""The fonts the PDF embeds: Noto Sans, shipped in ``templates/fonts/`` under the OFL.

Documents must look the same on every machine, so the renderers never rely on
installed system fonts: :func:`fonts_css` declares the shipped files as
``@font-face`` rules with ``file://`` URLs for WeasyPrint.  Where the files
come from, and why this family, is in ``templates/fonts/README.md``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from govdocs.resources import TEMPLATES_DIR

__all__ = ["FONT_DIR", "FONT_FAMILY", "FontFace", "font_faces", "fonts_css"]

FONT_DIR = TEMPLATES_DIR / "fonts"
FONT_FAMILY = "Noto Sans"

_FILES: tuple[tuple[str, int, str], ...] = (
    ("NotoSans-Regular.ttf", 400, "normal"),
    ("NotoSans-Bold.ttf", 700, "normal"),
    ("NotoSans-Italic.ttf", 400, "italic"),
    ("NotoSans-BoldItalic.ttf", 700, "italic"),
)


@dataclass(frozen=True)
class FontFace:
    """One font file and the CSS family, weight and style it provides."""

    family: str
    weight: int
    style: str
    path: Path

    def css(self) -> str:
        """This face as an ``@font-face`` rule."""
        return (
            "@font-face {\n"
            f'  font-family: "{self.family}";\n'
            f'  src: url("{self.path.as_uri()}");\n'
            f"  font-weight: {self.weight};\n"
            f"  font-style: {self.style};\n"
            "}\n"
        )


def font_faces() -> list[FontFace]:
    """The shipped faces: regular, bold, italic and bold italic."""
    return [FontFace(FONT_FAMILY, weight, style, FONT_DIR / name) for name, weight, style in _FILES]


def fonts_css() -> str:
    """``@font-face`` rules for every shipped face, to put before the document's CSS."""
    return "\n".join(face.css() for face in font_faces())

"""The PDF uses only the fonts shipped in templates/fonts/, never the machine's."""

from __future__ import annotations

import io

import pikepdf
import pytest
import weasyprint
from fontTools.ttLib import TTFont
from weasyprint.text.fonts import FontConfiguration

from govdocs.typeset.fonts import FONT_DIR, FONT_FAMILY, FontFace, font_faces, fonts_css
from govdocs.typeset.hyphenation import SOFT_HYPHEN, get_hyphenator

# Finnish and Swedish letters, signs in decisions, and the two characters that
# WeasyPrint needs for soft hyphenation (U+00AD in the text, U+2010 drawn at the break).
NEEDED_CHARACTERS = "åäöÅÄÖšžŠŽéü€§–—’”«»\u00ad\u2010"


def test_every_face_file_exists() -> None:
    faces = font_faces()
    assert {(face.weight, face.style) for face in faces} == {
        (400, "normal"),
        (700, "normal"),
        (400, "italic"),
        (700, "italic"),
    }
    for face in faces:
        assert face.family == FONT_FAMILY
        assert face.path.is_file(), face.path
        assert face.path.parent == FONT_DIR
    assert (FONT_DIR / "OFL.txt").is_file()
    assert (FONT_DIR / "README.md").is_file()
    assert sum(face.path.stat().st_size for face in faces) < 3_000_000


@pytest.mark.parametrize("face", font_faces(), ids=lambda face: face.path.name)
def test_faces_cover_finnish_and_swedish(face: FontFace) -> None:
    path = face.path
    font = TTFont(path)
    cmap = font.getBestCmap()
    missing = [ch for ch in NEEDED_CHARACTERS if ord(ch) not in cmap]
    assert not missing, f"{path.name} lacks {missing}"
    assert font["OS/2"].fsType & 0x0002 == 0, "restricted-licence embedding"


def test_fonts_css_points_at_the_shipped_files() -> None:
    css = fonts_css()
    assert css.count("@font-face") == 4
    for face in font_faces():
        assert f'url("{face.path.as_uri()}")' in css
        assert face.path.as_uri().startswith("file:///")


def _embedded_font_names(pdf_bytes: bytes) -> tuple[set[str], list[bool], str]:
    """All fonts' base names (no subset tag), whether each is embedded, their ToUnicode maps."""
    names: set[str] = set()
    embedded: list[bool] = []
    to_unicode = ""
    with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
        for obj in pdf.objects:
            if not isinstance(obj, pikepdf.Dictionary) or obj.get("/Type") != "/Font":
                continue
            base = str(obj.get("/BaseFont", ""))
            names.add(base.lstrip("/").split("+", 1)[-1])
            descriptor = obj.get("/FontDescriptor")
            if descriptor is not None:
                embedded.append(
                    any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
                )
            if "/ToUnicode" in obj:
                to_unicode += obj.ToUnicode.read_bytes().decode("latin-1")
    return names, embedded, to_unicode


def test_weasyprint_embeds_only_the_shipped_family() -> None:
    text = "Päätös, työllisyydenhoidon talousarvio, Åbo"
    paragraph = get_hyphenator("fi").soft_hyphenate(text)
    html = f"""<!doctype html><html lang="fi"><body>
      <p>{paragraph}</p>
      <p><b>{paragraph}</b> <i>{paragraph}</i> <b><i>{paragraph}</i></b></p>
    </body></html>"""
    font_config = FontConfiguration()
    page_css = (
        f'@page {{ size: A6; margin: 1cm }} body {{ font-family: "{FONT_FAMILY}"; width: 2.6cm }}'
    )
    stylesheet = weasyprint.CSS(string=fonts_css() + page_css, font_config=font_config)
    pdf = weasyprint.HTML(string=html).write_pdf(stylesheets=[stylesheet], font_config=font_config)
    assert pdf is not None

    names, embedded, to_unicode = _embedded_font_names(pdf)
    assert names, "no fonts in the PDF"
    family = FONT_FAMILY.replace(" ", "")
    assert all(name.replace("-", "").startswith(family) for name in names), names
    assert {name.replace("-", "") for name in names} >= {
        family,
        f"{family}Bold",
        f"{family}Italic",
        f"{family}BoldItalic",
    }
    assert embedded and all(embedded)
    # The narrow column broke words at soft hyphens; the hyphen glyph came from Noto Sans too.
    assert SOFT_HYPHEN in paragraph
    assert "<2010>" in to_unicode

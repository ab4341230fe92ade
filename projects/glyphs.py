"""What the document's font can draw, so that text it cannot is refused where it is typed.

The plan document is set in Sarabun (DOMAIN.md: the OFL face of the official TH Sarabun). A
character Sarabun has no glyph for is not refused by WeasyPrint: Pango silently draws it from
another installed font (✓, № or ※ in a title embedded DejaVu Sans). So the text fields whose
content is printed check it here, against the cmap of the very files the PDF embeds.
"""

from functools import cache
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from fontTools.ttLib import TTFont

# The full TTFs of @expo-google-fonts/sarabun. @fontsource's subset files must not be used:
# WeasyPrint merges same-family subsets and then draws digits as Thai marks (DOMAIN.md).
FONT_FAMILY = "Sarabun"
_SARABUN = Path("@expo-google-fonts") / "sarabun"
_SARABUN_REGULAR = _SARABUN / "400Regular" / "Sarabun_400Regular.ttf"
_SARABUN_BOLD = _SARABUN / "700Bold" / "Sarabun_700Bold.ttf"

# Line ends and tabs typed in a text area are laid out, never drawn; so are the zero-width
# marks that text pasted from elsewhere often holds (Pango draws them as nothing at all).
_LAID_OUT = frozenset("\n\r\t\u200b\u200c\u200d\u2060\ufeff")


def font_files() -> dict[str, Path]:
    node_modules = Path(settings.NODE_MODULES)
    return {"regular": node_modules / _SARABUN_REGULAR, "bold": node_modules / _SARABUN_BOLD}


@cache
def _drawable(paths: tuple[Path, ...]) -> frozenset[str]:
    """Characters every face has a glyph for: text may be set in any of them."""
    faces = [set(TTFont(path, lazy=True).getBestCmap()) for path in paths]
    return frozenset(chr(code) for code in set.intersection(*faces))


def drawable_characters() -> frozenset[str]:
    return _drawable(tuple(font_files().values())) | _LAID_OUT


def undrawable(text: str) -> list[str]:
    """The distinct characters of ``text`` the document's font cannot draw, in order."""
    drawable = drawable_characters()
    return list(dict.fromkeys(c for c in text if c not in drawable))


def validate_printable(text: str) -> None:
    """Form validator for text that the plan document prints."""
    missing = undrawable(text or "")
    if missing:
        shown = " ".join(f"{c} (U+{ord(c):04X})" for c in missing)
        raise ValidationError(
            _("มีอักขระที่พิมพ์ในเอกสารแผนไม่ได้: %(chars)s กรุณาลบหรือใช้อักขระอื่นแทน"),
            code="undrawable",
            params={"chars": shown},
        )

"""Make text copied out of our PDFs equal what we wrote, SARA AM (ำ) included.

A PDF maps each glyph to Unicode through a ToUnicode CMap, one text per glyph. WeasyPrint
gives a glyph the text of the first cluster it is drawn in, and HarfBuzz draws SARA AM as two
glyphs, NIKHAHIT and SARA AA, in one cluster (with a tone mark, Sarabun turns the tone mark and
the NIKHAHIT into one ligature glyph). So the NIKHAHIT glyph, or the ligature, maps to "" and
the SARA AA glyph maps to "ำ", or to "า" when a plain "า" came first: pdftotext then reads
ดำเนินงาน as ดาเนินงาน (DOMAIN.md, "Known pitfalls").

Writing ำ as NIKHAHIT + SARA AA in the HTML would fix the map but break the lines: Pango's Thai
dictionary no longer knows the words and wraps inside them ("สำ|หรับ"). So the text is left as
it is, and once WeasyPrint has drawn the pages, ``fix_sara_am`` (a WeasyPrint finisher) corrects
the map of the glyphs involved, reading their text from the glyph names of the Sarabun files
(uni0E4D, uni0E32, uni0E4D0E49 …). A copy then reads ดํา, which equals ดำ under Unicode NFKC.
"""

import re
from collections.abc import Sequence
from functools import cache
from pathlib import Path

import pydyf
from fontTools.ttLib import TTFont

SARA_AM = "\u0e33"
NIKHAHIT = "\u0e4d"
_BFCHAR = re.compile(rb"<([0-9a-fA-F]{4})> <([0-9a-fA-F]*)>")
_UNI_NAME = re.compile(r"uni((?:[0-9A-F]{4})+)")


def _name_text(glyph_name: str) -> str | None:
    """Text of an AGL-style glyph name: "uni0E4D0E49.narrow" → NIKHAHIT + MAI THO."""
    match = _UNI_NAME.fullmatch(glyph_name.split(".")[0])
    if not match:
        return None
    hex_digits = match[1]
    return "".join(chr(int(hex_digits[i : i + 4], 16)) for i in range(0, len(hex_digits), 4))


@cache
def glyph_texts(font_path: Path) -> dict[int, str]:
    """The text of each glyph of a font file that has one, by glyph id.

    A NIKHAHIT inside a ligature is moved to the end of its text: it comes from a SARA AM,
    which is typed after the tone mark (น้ำ is น, MAI THO, SARA AM; NFKC: น, MAI THO, NIKHAHIT,
    SARA AA), while the ligature is named in drawing order.
    """
    font = TTFont(font_path, lazy=True)
    by_name = {name: chr(code) for code, name in font.getBestCmap().items()}
    texts = {}
    for glyph_id, name in enumerate(font.getGlyphOrder()):
        text = by_name.get(name) or _name_text(name)
        if text:
            if len(text) > 1 and NIKHAHIT in text:
                text = text.replace(NIKHAHIT, "") + NIKHAHIT
            texts[glyph_id] = text
    return texts


def _fixed_line(line: bytes, texts: dict[int, str]) -> bytes:
    match = _BFCHAR.fullmatch(line)
    if not match:
        return line
    glyph_id = int(match[1], 16)
    text = bytes.fromhex(match[2].decode()).decode("utf-16-be")
    # Only the entries that went wrong: an empty text, or one that took in the SARA AM.
    if (text and SARA_AM not in text) or glyph_id not in texts:
        return line
    return b"<%04x> <%s>" % (glyph_id, texts[glyph_id].encode("utf-16-be").hex().encode())


def sara_am_finisher(family: str, font_paths: Sequence[Path]):
    """A WeasyPrint finisher that corrects the ToUnicode maps of the fonts of ``family``.

    WeasyPrint names an embedded font after its family and style ("ABCDEF+Sarabun-Bold"), not
    after its file, so every face of ``family`` is corrected with the glyph texts its files
    agree on. (The Sarabun weights share one glyph order, so they agree on all of them.)
    """
    tables = [glyph_texts(path) for path in font_paths]
    texts = {
        glyph_id: text
        for glyph_id, text in tables[0].items()
        if all(table.get(glyph_id) == text for table in tables[1:])
    }

    def fix_sara_am(document, pdf: pydyf.PDF) -> None:
        by_number = {obj.number: obj for obj in pdf.objects}
        for obj in pdf.objects:
            if not isinstance(obj, pydyf.Dictionary) or obj.get("Subtype") != "/Type0":
                continue
            base_font = obj.get("BaseFont", b"")
            if isinstance(base_font, bytes):
                base_font = base_font.decode()
            name = base_font.rpartition("+")[2]
            to_unicode = obj.get("ToUnicode")
            if to_unicode is None or not (name == family or name.startswith(f"{family}-")):
                continue
            cmap = by_number[int(to_unicode.split()[0])]
            cmap.stream = [_fixed_line(line, texts) for line in cmap.stream]

    return fix_sara_am

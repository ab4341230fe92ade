"""Make text copied out of our PDFs equal what we wrote, SARA AM (ำ) included.

A PDF maps each glyph to Unicode through a ToUnicode CMap, one text per glyph. WeasyPrint
gives a glyph the text of the first cluster it is drawn in, and HarfBuzz draws SARA AM as two
glyphs, NIKHAHIT and SARA AA, in one cluster (with a tone mark, Sarabun turns the tone mark and
the NIKHAHIT into one ligature glyph). So the NIKHAHIT glyph, or the ligature, maps to "" and
the SARA AA glyph maps to "ำ", or to "า" when a plain "า" came first: pdftotext then reads
ดำเนินงาน as ดาเนินงาน (DOMAIN.md, "Known pitfalls").

Writing ำ as NIKHAHIT + SARA AA in the HTML would fix the map but break the lines: Pango's Thai
dictionary no longer knows the words and wraps inside them ("สำ|หรับ"). So the text is left as
it is, and once WeasyPrint has drawn the pages, ``text_layer_finisher`` (a WeasyPrint
finisher) corrects the map of the glyphs involved, reading their text from the glyph names of
the Sarabun files
(uni0E4D, uni0E32, uni0E4D0E49 …). A copy then reads ดํา, which equals ดำ under Unicode NFKC.

Readers that read by position (poppler's default mode, most viewers' copy) got stacked marks
wrong as well: "หมู่ที่" came out as "หมูท ่ ่ี". WeasyPrint shows a line as one TJ array of
glyphs in logical order, but a mark has no advance and is drawn by a negative offset back over
its base, or above another mark; sorted by where they are drawn, the marks fall out of their
syllable. So each TJ is also wrapped in a marked-content span whose ActualText is the run's
text, in logical order (the glyph texts above, SARA AM recomposed): readers that honour
ActualText (poppler, pdf.js, Acrobat) copy that instead of guessing from positions.
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
_TJ_STRING = re.compile(rb"<([0-9a-fA-F]*)>")
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


def _cmap_texts(cmap: pydyf.Stream) -> dict[int, str]:
    texts = {}
    for line in cmap.stream:
        match = _BFCHAR.fullmatch(line) if isinstance(line, bytes) else None
        if match:
            texts[int(match[1], 16)] = bytes.fromhex(match[2].decode()).decode("utf-16-be")
    return texts


def _actual_text(text: str) -> bytes:
    text = text.replace(NIKHAHIT + "\u0e32", SARA_AM)  # ดํา as written: ดำ
    return b"/Span <</ActualText <feff%s>>> BDC" % text.encode("utf-16-be").hex().encode()


def _with_actual_text(instructions: list, fonts: dict[bytes, dict[int, str]]) -> list:
    """The instructions of a content stream, each run of text wrapped in a span whose
    ActualText is the run's text.

    A run is what is drawn from one text position (Tm): WeasyPrint draws the whole page in one
    text object and moves to each line with Tm. Not one TJ: WeasyPrint starts a new TJ for a
    mark it raises (Ts), and a span of that mark alone would again be sorted by position.
    """
    out: list = []
    texts: dict[int, str] | None = None
    run: list = []  # the instructions since the run's first TJ
    glyph_texts: list[str] = []

    def flush() -> None:
        text = "".join(glyph_texts)
        out.extend([_actual_text(text), *run, b"EMC"] if text.strip() else run)
        run.clear()
        glyph_texts.clear()

    for instruction in instructions:
        if isinstance(instruction, bytes):
            if instruction.endswith((b" Tm", b"ET")):
                flush()
            elif instruction.endswith(b" Tf"):
                texts = fonts.get(instruction.split()[0].lstrip(b"/"))
            elif instruction.endswith(b"] TJ") and texts is not None:
                ids = b"".join(_TJ_STRING.findall(instruction))
                glyph_texts.extend(
                    texts.get(int(ids[i : i + 4], 16), "") for i in range(0, len(ids), 4)
                )
                run.append(instruction)
                continue
        (run if run else out).append(instruction)
    flush()
    return out


def text_layer_finisher(family: str, font_paths: Sequence[Path]):
    """A WeasyPrint finisher that corrects the ToUnicode maps of the fonts of ``family``, then
    gives every run of text drawn in them its ActualText.

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

    def fix_text_layer(document, pdf: pydyf.PDF) -> None:
        by_number = {obj.number: obj for obj in pdf.objects}
        fonts: dict[bytes, dict[int, str]] = {}
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
            fonts[base_font.rpartition("+")[0].lstrip("/").encode()] = _cmap_texts(cmap)
        for obj in pdf.objects:
            if isinstance(obj, pydyf.Stream) and obj.extra.get("Type") != "/Metadata":
                obj.stream = _with_actual_text(obj.stream, fonts)

    return fix_text_layer

"""Single glyphs of the text layer with their baselines (``PageAnalysis.glyphs``): what the formula
reader rebuilds LaTeX from. MuPDF's character boxes span the font's ascent and descent, so the
baseline (the glyph's origin) and the font size are the reliable vertical facts."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from docparse.geometry import BBox
from docparse.pages.mathsymbols import FontRole, font_role

if TYPE_CHECKING:
    import pymupdf


@dataclass(frozen=True, slots=True)
class Glyph:
    char: str
    font: str
    size: float
    x0: float
    x1: float
    baseline: float  # the origin's y (PDF points, y down)
    top: float  # the character box MuPDF reports (font ascent to descent)
    bottom: float


def is_combining(char: str) -> bool:
    """A combining mark (TeX's negation slash U+0338, the vector arrow U+20D7): drawn over a glyph."""
    import unicodedata

    return len(char) == 1 and unicodedata.combining(char) > 0


def _combining_marks(page: "pymupdf.Page", clip: BBox) -> list[Glyph]:
    """Combining marks where the content stream draws them. MuPDF's text extraction moves a
    combining mark onto the end of the character before it (a negation slash after ``x^2`` gets
    the superscript's baseline) or drops it (``\\vec`` in ``\\sqrt{\\vec{m}}``); its trace keeps the
    true origin."""
    out: list[Glyph] = []
    for span in page.get_texttrace():
        if span.get("type") == 3 or abs(span.get("dir", (1.0, 0.0))[1]) > 0.05:
            continue  # invisible or rotated text
        for code, _glyph, origin, bbox in span["chars"]:
            char = chr(code) if code >= 0 else ""
            if is_combining(char) and clip[0] <= origin[0] <= clip[2] and clip[1] <= origin[1] <= clip[3]:
                out.append(Glyph(char, span["font"], float(span["size"]), bbox[0], bbox[2], origin[1], bbox[1], bbox[3]))
    return out


def read_glyphs(page: "pymupdf.Page", clip: BBox) -> list[Glyph]:
    """The non-blank glyphs whose origin lies inside ``clip``, in the content stream's order;
    combining marks (from the page's text trace) after them."""
    import pymupdf

    flags = pymupdf.TEXT_PRESERVE_WHITESPACE | pymupdf.TEXT_MEDIABOX_CLIP | pymupdf.TEXT_CID_FOR_UNKNOWN_UNICODE
    data = page.get_text("rawdict", flags=flags, clip=pymupdf.Rect(clip), sort=False)
    out: list[Glyph] = []
    for block in data.get("blocks", []):
        for line in block.get("lines", []):
            if abs(line.get("dir", (1.0, 0.0))[1]) > 0.05:
                continue  # rotated text is no formula glyph
            for span in line.get("spans", []):
                font, size = span.get("font", ""), float(span.get("size", 0.0))
                chars = span.get("chars", [])
                extension = font_role(font) is FontRole.EXTENSION
                for k, c in enumerate(chars):
                    ch = c["c"]
                    # code 0x20 of a math-extension font is a glyph (a big parenthesis), not a space;
                    # MuPDF's own word spaces lead the span, a glyph ends it
                    if not ch or (ch == " " and not (extension and k == len(chars) - 1)) or (
                            ch.isspace() and not extension) or is_combining(ch):  # extension codes 0x0C, 0x1C-0x1F are glyphs too
                        continue
                    x0, y0, x1, y1 = c["bbox"]
                    out.append(Glyph(ch, font, size, x0, x1, c["origin"][1], y0, y1))
    return out + _combining_marks(page, clip)

"""Cues the block-role rules read: regular expressions for captions, bullets, numbering, page
numbers and contents lines, and small tests on a block of lines (math, isolation, casing)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from docparse.pages.analysis import Line, PageAnalysis, Span, bbox_union
from docparse.pages.context import CODE_LABEL_RE  # noqa: F401 - one home, the pre-pass reads it too
from docparse.pages.document_context import DocumentContext

CAPTION_RE = re.compile(
    r"^\s*[\[<〈【]?\s*(fig\.?|figure|table|tab\.|chart|exhibit|graph|plate|scheme|listing|diagram"
    r"|abb\.|abbildung|tabelle|tableau|figura|tabla|tabela|그림|표|도표|图|表|図)\s*"
    r"([A-Z]?\d+([.-]\d+)*[a-z]?|[IVXLC]+)\b\s*[\]>〉】]?\s*[:.\-–—]?",
    re.IGNORECASE,
)
BULLET_RE = re.compile(r"^\s*([•·▪▫◦●○■□➢➤►▶✓✔‣⁃∙\-–—*]|\(?[0-9]{1,3}[.)]|\(?[a-zA-Z][.)]|\([ivx]+\))\s+\S")
# a list marker alone on its line: "•", "3.", "(b)", "iv)"
LONE_MARKER_RE = re.compile(r"^\s*([•·▪▫◦●○■□➢➤►▶✓✔‣⁃∙\-–—*]|\(?[0-9]{1,3}[.)]|\(?[a-zA-Z][.)]|\(?[ivx]{1,4}[.)])\s*$")
BULLET_CHARS = "•·▪▫◦●○■□➢➤►▶✓✔‣⁃∙"
# "2.3 Methods", "IV. RESULTS", and "2.Capital" (OCR often drops the space after a number's dot)
NUMBERED_HEADING_RE = re.compile(r"^\s*((?:\d+|[A-Z]|[IVXL]+)(?:\.\d+)*)(?:\.?\s+\S|(?<=\d)\.(?=[A-Z][a-z]))")
ROMAN_RE = re.compile(r"^[IVXL]+$")
CONTENTS_ENTRY_RE = re.compile(r"(\.\s?){4,}\s*([0-9]{1,4}|[ivxlc]{1,6})\s*$|…{2,}\s*\d{1,4}\s*$")
PAGE_NUMBER_RE = re.compile(
    r"^\W*(page|p\.|seite|pág\.?)?\s*([A-Z]?\d{1,4}[-–.]\d{1,4}|\d{1,5}|[ivxlcdm]{1,7})"
    r"(\s*(of|/|von|de)\s*\d{1,5})?\W*$",
    re.IGNORECASE,
)
# a margin line carrying a page number at one end: "Annual Report 2024   17", "iv  Contents"
RUNNING_WITH_NUMBER_RE = re.compile(r"^(\d{1,4}\s{1,}\D.{2,80}|.{2,80}\D\s+\d{1,4})$")
# a legal line at the foot of a page: "© Copyright IBM Corp. 2014. All rights reserved."
LEGAL_LINE_RE = re.compile(r"^\W{0,3}(©|\(c\)\s|copyright\b)|all rights reserved", re.IGNORECASE)
# a numbered note: "2 Converted at average exchange rates for the period."
FOOTNOTE_SENTENCE_RE = re.compile(r"^\s*\d{1,3}[.)]?\s+[A-Z][^.!?]*(\s\S+){2,}.*[.!?)]\s*$")
EQUATION_NUMBER_RE = re.compile(r"^\s*\(\s*[\dA-Za-z.]+\s*\)\s*$")
NUMBER_AT_END_RE = re.compile(r"^.{2,80}\D\s+\d{1,4}$")
DINGBAT_FONT_RE = re.compile(r"(dingbat|symbol|wingding|webding)", re.IGNORECASE)
GLYPH_CODE_FONT_RE = re.compile(r"dingbat|wingding|webding", re.IGNORECASE)  # codes that are not the glyph's character
# TeX math fonts: Computer Modern, AMS, Latin Modern ("LMMathItalic"), txfonts/pxfonts (txsy, rtxmi), Unicode math
MATH_FONT_RE = re.compile(r"(cmmi|cmsy|cmex|msbm|msam|math|symbol|stix.*math|euler|rsfs|txsy|txex|pxsy|pxex|rtxm|rpxm)",
                          re.IGNORECASE)
MATH_CHARS = set("=+−×÷±∑∏∫√∞≤≥≈≠∂∇αβγδεθλμπσφψωΓΔΘΛΠΣΦΨΩ^{}")  # no "_": form fields use it
TERMINAL_PUNCT = tuple(".!?:;")
_BYLINE_RE = re.compile(r"(^|\s)(by|von|par|por)\s|\d", re.IGNORECASE)  # "Prepared by …, 2016"


def _block_text(block: Sequence[Line]) -> str:
    return " ".join(line.text.strip() for line in block).strip()


def _is_math(block: Sequence[Line]) -> bool:
    spans = [s for line in block for s in line.spans if s.text.strip()]
    chars = sum(len(s.text.strip()) for s in spans)
    if not chars:
        return False
    math_font = sum(len(s.text.strip()) for s in spans if MATH_FONT_RE.search(s.font))
    text = _block_text(block)
    symbols = sum(1 for c in text if c in MATH_CHARS)
    letters = sum(1 for c in text if c.isalpha())
    return math_font / chars > 0.4 or (symbols >= 2 and symbols > 0.12 * max(letters, 1) and len(text) < 200)


def _outline_level(text: str, context: DocumentContext) -> int | None:
    norm = " ".join(text.lower().split())
    for entry in context.outline:
        if " ".join(entry.title.lower().split()) == norm:
            return entry.level
    return None


def _unique_outline_level(text: str, context: DocumentContext, page: int | None) -> int | None:
    """The outline level of the entry that names the heading: where several entries share its
    text ("Retention" under two sections, at levels 2 and 3), the ones on its page; None where
    they still disagree (the font size decides then)."""
    norm = " ".join(text.lower().split())
    entries = [e for e in context.outline if " ".join(e.title.lower().split()) == norm]
    here = [e for e in entries if e.page == page]
    levels = {e.level for e in (here or entries)}
    return levels.pop() if len(levels) == 1 else None


def heading_level(text: str, context: DocumentContext, page: int | None = None) -> int | None:
    """Level from the PDF outline (:func:`_unique_outline_level`; ``page``: the heading's page
    number) or from numbering ("2.3 Methods" → 2); None otherwise.

    Headings without either get their level from font size at document assembly.
    """
    level = _unique_outline_level(text, context, page)
    if level is not None:
        return level
    match = NUMBERED_HEADING_RE.match(text)
    if match and len(text) < 120:
        number = match.group(1)
        if ROMAN_RE.match(number) and len(number) > 1 or number in ("I", "V", "X"):
            return 1  # "IV. RESULTS"
        if number.isalpha():
            return 2  # "B. Weak coupling regime"
        return number.count(".") + 1
    return None


def _all_caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 5 and all(c.isupper() for c in letters)


def _isolated(page: PageAnalysis, block: Sequence[Line]) -> bool:
    """No other text right next to the block (a page number stands alone; an exponent or
    an equation piece has neighbours)."""
    x0, y0, x1, y1 = bbox_union([line.bbox for line in block])
    size = max(line.size for line in block)
    ex0, ey0, ex1, ey1 = x0 - 2 * size, y0 - 0.5 * size, x1 + 2 * size, y1 + 0.5 * size
    for line in page.lines:
        bx0, by0, bx1, by1 = line.bbox
        if bx0 >= x0 - 0.5 and bx1 <= x1 + 0.5 and by0 >= y0 - 0.5 and by1 <= y1 + 0.5:
            continue  # one of the block's own pieces
        if bx0 < ex1 and bx1 > ex0 and by0 < ey1 and by1 > ey0:
            return False
    return True


def _first_body_top(page: PageAnalysis, block: Sequence[Line]) -> float:
    """Top of the first text line below ``block``: a running head sits apart from the text."""
    bottom = max(line.bbox[3] for line in block)
    below = [line.bbox[1] for line in page.lines if line.bbox[1] >= bottom - 0.5]
    return min(below, default=page.height)


def _is_control(c: str) -> bool:
    return ord(c) < 32 or 0x7F <= ord(c) <= 0x9F


def is_glyph_code(span: Span) -> bool:
    """A lone bullet glyph whose character code means nothing as text: a ZapfDingbats or
    Wingdings code ('n' is a square there), a control or private-use character, or a letter
    trailed by controls ('r\\x01' from a subset font). (A Symbol font's '−' or '•' is a real
    character.)"""
    text = span.text.strip()
    odd = [c for c in text if _is_control(c) or 0xE000 <= ord(c) <= 0xF8FF]
    if odd and len([c for c in text if not _is_control(c)]) <= 1:
        return True
    return len(text) == 1 and bool(GLYPH_CODE_FONT_RE.search(span.font))


def _starts_with_dingbat(line: Line) -> bool:
    first = line.spans[0]
    return is_glyph_code(first) or len(first.text.strip()) == 1 and bool(DINGBAT_FONT_RE.search(first.font))


def _title_case(text: str) -> bool:
    words = [w for w in text.split() if w[:1].isalpha() and len(w) > 3]
    return bool(words) and len(text) <= 80 and sum(w[0].isupper() for w in words) >= 0.75 * len(words)


def isolated_in_band(page: PageAnalysis, block: Sequence[Line], in_top: bool, band_edge: float) -> bool:
    """A page number at one end of a running line ("Chapter 2. Roles …   11"): its only
    neighbours sit on its own line in the same margin band (above/below ``band_edge``), all on
    one side of it."""
    x0, y0, x1, y1 = bbox_union([line.bbox for line in block])
    size = max(line.size for line in block)
    left = right = False
    for line in page.lines:
        bx0, by0, bx1, by1 = line.bbox
        if bx0 >= x0 - 0.5 and bx1 <= x1 + 0.5 and by0 >= y0 - 0.5 and by1 <= y1 + 0.5:
            continue  # one of the block's own pieces
        if by0 >= y1 + 0.5 * size or by1 <= y0 - 0.5 * size:
            continue  # not beside it
        if in_top and by1 > band_edge or not in_top and by0 < band_edge:
            return False  # a neighbour reaching into the body (a formula, a table row)
        overlap = min(by1, y1) - max(by0, y0)
        if overlap < 0.5 * min(by1 - by0, y1 - y0):
            return False  # raised or lowered beside it: an exponent or an index
        left, right = left or bx1 <= x0, right or bx0 >= x1
    return not (left and right)


SMALL_MARKER_SHARE = 0.85  # a leading marker set at most this share of the text's size is raised


def starts_with_raised_marker(line: Line) -> bool:
    """The line opens with a footnote marker: a flagged superscript, or one to three characters
    set smaller than the text after them ("¹ Source: …" where the marker comes first, so
    nothing before it lets the PDF reader flag it as raised)."""
    spans = [s for s in line.spans if s.text.strip()]
    if not spans:
        return False
    if spans[0].superscript:
        return True
    return len(spans) >= 2 and len(spans[0].text.strip()) <= 3 and (
        spans[0].size <= SMALL_MARKER_SHARE * spans[1].size)


def beside_page_number(page: PageAnalysis, block: Sequence[Line], band_edge: float, in_top: bool) -> bool:
    """A margin line that shares its baseline with a bare page number in the same band."""
    x0, y0, x1, y1 = bbox_union([line.bbox for line in block])
    for line in page.lines:
        bx0, by0, bx1, by1 = line.bbox
        if (bx1 > x0 and bx0 < x1) or (in_top and by1 > band_edge) or (not in_top and by0 < band_edge):
            continue
        overlap = min(by1, y1) - max(by0, y0)
        text = line.text.strip()
        if overlap >= 0.5 * min(by1 - by0, y1 - y0) and len(text) <= 6 and PAGE_NUMBER_RE.match(text):
            return True
    return False


CELL_MAX_EMS = 15.0  # default of BlockRoleOptions.cell_max_ems


def _cell_like(line: Line, max_chars: int, max_ems: float) -> bool:
    """A short line: few characters and narrow (a column line of CJK text has few characters too),
    with a letter or digit and no lone list marker (a bullet glyph or an item number set apart
    from its item, beside a heading in the next column, is no cell)."""
    text = line.text.strip()
    return 0 < len(text) <= max_chars and line.bbox[2] - line.bbox[0] <= max_ems * line.size and (
        any(c.isalnum() for c in text)) and not LONE_MARKER_RE.match(text)


def short_neighbours_on_baseline(lines: Sequence[Line], block: Sequence[Line], max_chars: int,
                                 min_overlap: float = 0.4) -> int:
    """How many short lines of about the block's size share its baseline (:func:`baseline_neighbours`)."""
    return len(baseline_neighbours(lines, block, max_chars, min_overlap))


def baseline_neighbours(lines: Sequence[Line], block: Sequence[Line], max_chars: int,
                        min_overlap: float = 0.4, reach: float = float("inf"),
                        max_ems: float = CELL_MAX_EMS) -> list[Line]:
    """The short lines of about the block's size (not its own) on its baseline: a row
    of table cells ("Channel  Apr  May  Total") has several, a heading none. Lines overlapping
    it by ``min_overlap`` of the lower height count (a stub cell centred on two header rows
    overlaps each by about a third); only lines at most ``reach`` away sideways."""
    x0, y0, x1, y1 = bbox_union([line.bbox for line in block])
    own = {id(line) for line in block}
    size = max(line.size for line in block)
    found: list[Line] = []
    for line in lines:
        bx0, by0, bx1, by1 = line.bbox
        if id(line) in own or (bx0 >= x0 - 0.5 and bx1 <= x1 + 0.5 and by0 >= y0 - 0.5 and by1 <= y1 + 0.5):
            continue
        if max(bx0 - x1, x0 - bx1) > reach:
            continue
        overlap = min(by1, y1) - max(by0, y0)
        similar = abs(line.size - size) <= 0.25 * size  # cells of one row share a size
        if overlap >= min_overlap * min(by1 - by0, y1 - y0) and similar and _cell_like(line, max_chars, max_ems):
            found.append(line)
    return found


def under_bold_cell_row(lines: Sequence[Line], block: Sequence[Line], min_cells: int, max_gap: float,
                        max_chars: int, max_ems: float = CELL_MAX_EMS) -> bool:
    """At least ``min_cells`` bold short lines of the block's size share a baseline just above it
    (their bottom at most ``max_gap`` of the block's height over its top): a table's header row,
    and the block its first row-group label or stub cell, not a heading (no heading is set right
    under a header row: the header's data rows are)."""
    x0, y0, x1, y1 = bbox_union([line.bbox for line in block])
    size, height = max(line.size for line in block), y1 - y0
    cells = [line for line in lines if _set_bold(line) and _cell_like(line, max_chars, max_ems)
             and abs(line.size - size) <= 0.1 * size and 0 <= y0 - line.bbox[3] <= max_gap * height]
    for cell in cells:
        mid = (cell.bbox[1] + cell.bbox[3]) / 2
        if sum(1 for other in cells if other.bbox[1] <= mid <= other.bbox[3]) >= min_cells:
            return True
    return False


def spans_a_claimed_row(block: Sequence[Line], claimed: Sequence[Line], min_cells: int, max_gap: float,
                        edge_ems: float) -> bool:
    """A row of at least ``min_cells`` claimed (table) cells below the block, at most ``max_gap``
    of the block's height under it, whose left and right ends are the block's to ``edge_ems`` of
    its size, the cells of the block's size: the table's header row, its cells set so close that
    the text layer made one line of them ("Division Output Returns Units Churn"), left outside
    the table. A heading over a table neither ends where the last column ends nor shares the
    cells' size."""
    x0, y0, x1, y1 = bbox_union([line.bbox for line in block])
    size = max(line.size for line in block)
    below = [line for line in claimed if 0 <= line.bbox[1] - y1 <= max_gap * (y1 - y0)
             and abs(line.size - size) <= 0.1 * size]
    for cell in below:
        mid = (cell.bbox[1] + cell.bbox[3]) / 2
        row = [other for other in below if other.bbox[1] <= mid <= other.bbox[3]]
        left, right = min(c.bbox[0] for c in row), max(c.bbox[2] for c in row)
        if len(row) >= min_cells and abs(left - x0) <= edge_ems * size and abs(right - x1) <= edge_ems * size:
            return True
    return False


def _set_bold(line: Line) -> bool:
    """Every printed span bold, figures included (``Line.bold`` reads letters only)."""
    spans = [s for s in line.spans if s.text.strip()]
    return bool(spans) and all(s.bold for s in spans)


def leading_number_smaller(line: Line, share: float) -> bool:
    """The line opens with a short number or mark set smaller than the text after it ("5 The
    northern region …" with the 5 at 7 pt beside 8 pt text): a note's marker."""
    spans = [s for s in line.spans if s.text.strip()]
    return len(spans) >= 2 and len(spans[0].text.strip()) <= 3 and spans[0].size < share * spans[1].size


def cells_above_and_below_beside(lines: Sequence[Line], block: Sequence[Line], max_chars: int, max_gap: float,
                                 max_ems: float = CELL_MAX_EMS, reach: float = float("inf")) -> bool:
    """Short lines of the block's size beside it (not over or under it, at most ``reach``
    away sideways) both in the row just above and the row just below, each at most ``max_gap``
    of the block's height away: a row-group label set centred on its rows ("Iberia" between
    "Energy use" and "Orders"); a table in the next column is further off."""
    x0, y0, x1, y1 = bbox_union([line.bbox for line in block])
    size, height, middle = max(line.size for line in block), y1 - y0, (y0 + y1) / 2
    above = below = False
    for line in lines:
        bx0, by0, bx1, by1 = line.bbox
        if bx0 < x1 and bx1 > x0 or not _cell_like(line, max_chars, max_ems) or max(bx0 - x1, x0 - bx1) > reach:
            continue  # over or under the block, no cell, or too far off
        if abs(line.size - size) > 0.25 * size or max(by0 - y1, y0 - by1) > max_gap * height:
            continue
        above, below = above or (by0 + by1) / 2 < middle, below or (by0 + by1) / 2 > middle
    return above and below

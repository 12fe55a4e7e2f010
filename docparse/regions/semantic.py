"""The semantic classifier for born-digital pages: text lines → blocks → kinds.

A chain of small functions: ``merge_same_baseline`` → ``split_into_blocks`` →
``classify_block``. Font statistics and running header/footer texts come from the document
pre-pass (:class:`DocumentContext`), so decisions are document-wide, not per page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Sequence

from docparse.document import RegionKind
from docparse.pages.analysis import Line, PageAnalysis, Span, bbox_union
from docparse.pages.context import normalize_running
from docparse.pages.rtl import is_rtl_text
from docparse.regions.base import DocumentContext, RegionProposal, unclaimed_lines
from docparse.regions.code_blocks import code_fonts, is_code_block, merge_code_blocks

CAPTION_RE = re.compile(
    r"^\s*[\[<〈【]?\s*(fig\.?|figure|table|tab\.|chart|exhibit|graph|plate|scheme|listing|diagram"
    r"|abb\.|abbildung|tabelle|tableau|figura|tabla|tabela|그림|표|도표|图|表|図)\s*"
    r"([A-Z]?\d+([.-]\d+)*[a-z]?|[IVXLC]+)\b\s*[\]>〉】]?\s*[:.\-–—]?",
    re.IGNORECASE,
)
BULLET_RE = re.compile(r"^\s*([•·▪▫◦●○■□➢➤►▶✓✔‣⁃∙\-–—*]|\(?[0-9]{1,2}[.)]|\(?[a-zA-Z][.)]|\([ivx]+\))\s+\S")
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
EQUATION_NUMBER_RE = re.compile(r"^\s*\(\s*[\dA-Za-z.]+\s*\)\s*$")
NUMBER_AT_END_RE = re.compile(r"^.{2,80}\D\s+\d{1,4}$")
DINGBAT_FONT_RE = re.compile(r"(dingbat|symbol|wingding|webding)", re.I)
GLYPH_CODE_FONT_RE = re.compile(r"dingbat|wingding|webding", re.I)  # codes that are not the glyph's character
MATH_FONT_RE = re.compile(r"(cmmi|cmsy|cmex|msbm|msam|math|symbol|stix.*math|euler|rsfs)", re.I)
MATH_CHARS = set("=+−×÷±∑∏∫√∞≤≥≈≠∂∇αβγδεθλμπσφψωΓΔΘΛΠΣΦΨΩ^{}")  # no "_": form fields use it
TERMINAL_PUNCT = tuple(".!?:;")
_BYLINE_RE = re.compile(r"(^|\s)(by|von|par|por)\s|\d", re.IGNORECASE)  # "Prepared by …, 2016"


@dataclass(frozen=True)
class SemanticSettings:
    heading_size_ratio: float = 1.12
    footnote_size_ratio: float = 0.88
    max_heading_chars: int = 200
    max_heading_lines: int = 3
    paragraph_gap_ratio: float = 0.75  # vertical gap (in line heights) that starts a new block


def merge_same_baseline(lines: Sequence[Line]) -> list[Line]:
    """Join fragments that PyMuPDF split on one visual line (same block, same baseline)."""
    out: list[Line] = []
    for line in lines:
        prev = out[-1] if out else None
        # a footnote marker or bullet drawn apart (raised, own block) joins the text it labels
        tiny = prev is not None and (len(prev.text.strip()) <= 3 or len(line.text.strip()) <= 3)
        if prev is not None and (prev.block == line.block or tiny) and prev.horizontal and line.horizontal:
            left, right = prev, line
            rtl = _is_rtl(prev) and line.bbox[2] <= prev.bbox[0] + 1  # right-to-left: the next piece is left
            if rtl or tiny and line.bbox[2] <= prev.bbox[0] + 1 and len(line.text.strip()) <= 3:
                left, right = line, prev  # (or a section number drawn after its heading, left of it)
            merged = _merge_pair(left, right, tiny, rtl)
            if merged is not None:
                out[-1] = merged
                continue
        out.append(line)
    return out


def _merge_pair(left: Line, right: Line, tiny: bool, rtl: bool = False) -> Line | None:
    """``left`` and ``right`` as one line when they share a baseline and sit close; else None.
    The text runs left piece first, or right piece first when ``rtl``."""
    lh = left.bbox[3] - left.bbox[1]
    overlap = min(left.bbox[3], right.bbox[3]) - max(left.bbox[1], right.bbox[1])
    gap = right.bbox[0] - left.bbox[2]
    size = max(left.size, right.size, 1.0)
    need = (0.3 if tiny else 0.6) * min(lh, right.bbox[3] - right.bbox[1])
    if lh <= 0 or overlap < need or not -1 <= gap <= 1.5 * size:
        return None
    first, second = (right, left) if rtl else (left, right)
    spans = list(first.spans)
    if gap > 0.12 * size and not spans[-1].text.endswith(" ") and not second.text.startswith(" "):
        last = spans[-1]
        spans[-1] = Span(last.text + " ", last.bbox, last.font, last.size, last.flags, last.color)
    return Line(spans=spans + list(second.spans), bbox=bbox_union([left.bbox, right.bbox]),
                block=first.block, direction=first.direction)


def _starts_new_block(prev: Line, line: Line, block: list[Line], settings: SemanticSettings,
                      leading: float = 0.0) -> bool:
    """``leading``: the page's usual gap between lines of one paragraph, in points."""
    height = max(prev.bbox[3] - prev.bbox[1], 1.0)
    gap = line.bbox[1] - prev.bbox[3]
    if gap > max(settings.paragraph_gap_ratio * height, leading + 0.4 * height) or gap < -0.5 * height:
        return True  # paragraph spacing, or a jump back up (next column)
    if line.block != prev.block and gap > max(0.35 * height, leading + 0.25 * height):
        return True  # the PDF's own text blocks agree that a new block starts
    if line.bbox[0] > prev.bbox[2] or line.bbox[2] < prev.bbox[0]:
        return True  # no horizontal overlap: another column or cell
    if abs(line.size - prev.size) > 0.12 * max(prev.size, 1.0):
        return True
    styled_block = all((b.bold, b.italic) == (prev.bold, prev.italic) for b in block)
    if len(block) <= 3 and styled_block and (prev.bold, prev.italic) != (line.bold, line.italic) and (
        prev.bold or prev.italic) and not prev.text.rstrip().endswith((",", "-")) and (
        prev.bbox[2] < line.bbox[2] - 2 * line.size or len(block) > 1 or prev.size - line.size >= 0.5
    ):
        return True  # styled heading lines on their own, followed by body text
    if BULLET_RE.match(line.text) and (line.text.lstrip()[:1] in BULLET_CHARS or prev.text.rstrip().endswith(TERMINAL_PUNCT)):
        return True
    if _starts_with_dingbat(line):
        return True  # a bullet drawn as a Wingdings/ZapfDingbats glyph
    if CONTENTS_ENTRY_RE.search(prev.text):
        return True  # a contents line: dot leaders to a page number end the entry
    if _is_rtl(prev) or _is_rtl(line):
        return False  # right-to-left lines are ragged on the left: no indent/short-line cues
    left = min(b.bbox[0] for b in block)
    right = max(b.bbox[2] for b in block)
    # the line break was a choice, not wrapping, if the next line's first word would have fit
    room = right - prev.bbox[2]
    fits = room > _first_word_width(line) + 0.5 * line.size
    if fits and prev.text.rstrip().endswith(TERMINAL_PUNCT) and len(block) >= 2:
        return True  # the previous line ended a paragraph
    if line.bbox[0] > left + 1.2 * line.size and fits and len(block) >= 2:
        return True  # first-line indent after a short line
    return False


def _is_rtl(line: Line) -> bool:
    return is_rtl_text(line.text)


def _first_word_width(line: Line) -> float:
    text = line.text.strip()
    if not text:
        return 0.0
    word = text.split()[0]
    width = line.bbox[2] - line.bbox[0]
    return width * len(word) / max(len(text), 1)


def typical_leading(lines: Sequence[Line]) -> float:
    """Median gap between consecutive lines that stack in one column (double-spaced pages
    have large gaps inside paragraphs too)."""
    gaps = []
    for prev, line in zip(lines, lines[1:]):
        height = prev.bbox[3] - prev.bbox[1]
        gap = line.bbox[1] - prev.bbox[3]
        overlaps = min(prev.bbox[2], line.bbox[2]) - max(prev.bbox[0], line.bbox[0]) > 0
        if overlaps and -0.5 * height <= gap <= 2 * height:
            gaps.append(gap)
    return sorted(gaps)[len(gaps) // 2] if len(gaps) >= 3 else 0.0


def split_into_blocks(lines: Sequence[Line], settings: SemanticSettings) -> list[list[Line]]:
    blocks: list[list[Line]] = []
    leading = typical_leading(lines)
    for line in lines:
        if blocks and not _starts_new_block(blocks[-1][-1], line, blocks[-1], settings, leading):
            blocks[-1].append(line)
        else:
            blocks.append([line])
    return blocks


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


def heading_level(text: str, context: DocumentContext) -> int | None:
    """Level from the PDF outline or from numbering ("2.3 Methods" → 2); None otherwise.

    Headings without either get their level from font size at document assembly.
    """
    level = _outline_level(text, context)
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


def classify_block(
    block: Sequence[Line], page: PageAnalysis, context: DocumentContext, settings: SemanticSettings
) -> tuple[RegionKind, int | None]:
    text = _block_text(block)
    bbox = bbox_union([line.bbox for line in block])
    size = max((line.size for line in block), default=0.0)
    body = context.fonts.body_size
    height = page.height
    margin = context.margin_fraction
    if not all(line.horizontal for line in block):
        return RegionKind.PAGE_HEADER, None  # rotated margin stamps (arXiv ids, side labels)
    in_top = bbox[3] <= height * (margin + 0.03)
    in_bottom = bbox[1] >= height * (1 - margin - 0.03)
    if in_top or in_bottom:
        if normalize_running(text) in context.running_texts:
            return (RegionKind.PAGE_HEADER if in_top else RegionKind.PAGE_FOOTER), None
        if PAGE_NUMBER_RE.match(text) and len(text) <= 20 and not EQUATION_NUMBER_RE.match(text) and (
                _isolated(page, block)):
            return RegionKind.PAGE_NUMBER, None
        if len(block) == 1 and size <= body * 1.05 and not block[0].spans[0].superscript:
            if in_top and RUNNING_WITH_NUMBER_RE.match(text):
                return RegionKind.PAGE_HEADER, None
            if in_bottom and NUMBER_AT_END_RE.match(text):  # "1 Survey…" at the bottom is a footnote
                return RegionKind.PAGE_FOOTER, None
        if bbox[3] <= height * margin and len(block) == 1 and size < body * 0.95 and not CAPTION_RE.match(text) and (
                _first_body_top(page, block) - bbox[3] >= (bbox[3] - bbox[1])):
            return RegionKind.PAGE_HEADER, None  # a small line above the text block: a running head
    if CAPTION_RE.match(text) and len(block) <= 8:
        return RegionKind.CAPTION, None
    if CONTENTS_ENTRY_RE.search(text):
        return RegionKind.PARAGRAPH, None  # a contents line names a heading; it is not one
    first = block[0].text
    bold = all(line.bold or line.small_caps for line in block)
    short = len(text) <= settings.max_heading_chars and len(block) <= settings.max_heading_lines
    title_size = context.fonts.title_size
    outline_level = _outline_level(text, context)
    title_tolerance = 0.08 * (title_size or 0) if page.ocr else 0.6  # OCR sizes come from ink height
    if page.number == 1 and title_size and abs(size - title_size) <= title_tolerance and bbox[1] < height * 0.5 and (
            short and outline_level is None):
        return RegionKind.TITLE, 1
    is_bullet = bool(BULLET_RE.match(first)) or _starts_with_dingbat(block[0])
    big = size >= body * settings.heading_size_ratio
    looks_heading = short and not text.endswith((".", ",", ";")) and any(c.isalpha() for c in text)
    # "(2) Scope" set one line, a step above the body size, is a numbered heading, not a list item
    enumerated_heading = is_bullet and len(block) == 1 and size >= body * 1.06 and len(text) <= 80 and (
        not _starts_with_dingbat(block[0]) and first.lstrip()[:1] not in BULLET_CHARS + "-–—*")
    if looks_heading and not (is_bullet and not NUMBERED_HEADING_RE.match(first) and not enumerated_heading) and (
            not _is_math(block)):
        numbered = bool(NUMBERED_HEADING_RE.match(first))
        # italic alone marks too much (bylines, quotes): an italic heading is numbered or Title Cased
        italic_title = all(line.italic for line in block) and len(block) == 1 and (
            numbered or _title_case(text) and 2 <= len(text.split()) <= 8 and text[-1:].isalpha()
            and not _BYLINE_RE.search(text))
        if big or enumerated_heading or (
                (bold or italic_title) and size >= body * 0.85 and len(text) <= 120 and len(block) <= 2):
            return RegionKind.HEADING, heading_level(text, context)
        if _all_caps(text) and (len(block) == 1 and len(text) <= 60 or numbered and len(block) <= 2):
            return RegionKind.HEADING, heading_level(text, context)
    if size <= body * settings.footnote_size_ratio and bbox[1] > height * 0.6 and (
        first.lstrip()[:1] in "*†‡§¶0123456789" or block[0].spans[0].superscript
    ):
        return RegionKind.FOOTNOTE, None  # "3) Amended in 2020…" in small print at the foot
    if is_bullet:
        return RegionKind.LIST_ITEM, None
    if _is_math(block):
        return RegionKind.FORMULA, None
    return RegionKind.PARAGRAPH, None


def scanned_title_size(page: PageAnalysis, body: float) -> float | None:
    """A scanned first page's title size (the pre-pass reads no sizes from a scan): the largest
    text in the top half, well above the body size, on three lines at most."""
    if not page.ocr or page.number != 1:
        return None
    sizes = [ln.size for ln in page.lines if ln.bbox[1] < 0.5 * page.height and ln.text.strip()]
    if not sizes:
        return None
    top = max(sizes)
    return top if top >= 1.3 * body and sum(1 for s in sizes if s >= 0.92 * top) <= 3 else None


def with_scanned_title_size(page: PageAnalysis, context: DocumentContext) -> DocumentContext:
    if context.fonts.title_size is not None:
        return context
    size = scanned_title_size(page, context.fonts.body_size)
    return context if size is None else replace(context, fonts=replace(context.fonts, title_size=size))


class HeuristicSemanticClassifier:
    """Classifies the page's unclaimed text lines by typography and position."""

    def __init__(self, settings: SemanticSettings | None = None) -> None:
        self.settings = settings or SemanticSettings()

    def classify(
        self, page: PageAnalysis, context: DocumentContext, claimed: Sequence[RegionProposal]
    ) -> list[RegionProposal]:
        lines = merge_same_baseline(unclaimed_lines(page, claimed))
        context = with_scanned_title_size(page, context)
        fonts = code_fonts(page, context)
        proposals = []
        for block in split_into_blocks(lines, self.settings):
            kind, level = ((RegionKind.CODE, None) if is_code_block(block, fonts)
                           else classify_block(block, page, context, self.settings))
            proposals.append(
                RegionProposal(bbox=bbox_union([line.bbox for line in block]), kind=kind,
                               lines=list(block), level=level, source="heuristic")
            )
        return merge_code_blocks(merge_formula_fragments(proposals))


def _is_fragment(p: RegionProposal) -> bool:
    return p.kind is RegionKind.FORMULA or (
        p.kind is RegionKind.PARAGRAPH and len(_block_text(p.lines)) <= 4)


def _near(a: RegionProposal, b: RegionProposal) -> bool:
    size = max(max(line.size for line in a.lines), max(line.size for line in b.lines), 1.0)
    dx = max(a.bbox[0], b.bbox[0]) - min(a.bbox[2], b.bbox[2])
    dy = max(a.bbox[1], b.bbox[1]) - min(a.bbox[3], b.bbox[3])
    return dx <= 3 * size and dy <= 0.6 * size


def merge_formula_fragments(proposals: list[RegionProposal]) -> list[RegionProposal]:
    """A displayed equation drawn as many small pieces (fraction bars, exponents, integral
    signs) becomes one formula region: fragments touching a formula piece join it."""
    out: list[RegionProposal] = []
    for p in proposals:
        host = None
        if _is_fragment(p):
            host = next((q for q in reversed(out) if _is_fragment(q) and _near(q, p) and (
                RegionKind.FORMULA in (p.kind, q.kind))), None)
        if host is None:
            out.append(p)
            continue
        host.kind = RegionKind.FORMULA
        host.lines = sorted(host.lines + p.lines, key=lambda line: ((line.bbox[1] + line.bbox[3]) / 2, line.bbox[0]))
        host.bbox = bbox_union([host.bbox, p.bbox])
    return out

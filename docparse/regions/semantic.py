"""The semantic classifier for born-digital pages: text lines → blocks → kinds.

A chain of small functions: ``merge_same_baseline`` → ``split_into_blocks`` →
``classify_block``. Font statistics and running header/footer texts come from the document
pre-pass (:class:`DocumentContext`), so decisions are document-wide, not per page.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Sequence

from docparse.config import BlockRoleOptions
from docparse.document import RegionKind
from docparse.models.trees import TreeEnsemble
from docparse.options.formulas import FormulaOptions
from docparse.pages.analysis import Drawing, Line, PageAnalysis, Span, bbox_union
from docparse.pages.document_context import DocumentContext
from docparse.pages.rtl import is_rtl_text
from docparse.regions.base import RegionProposal, unclaimed_lines
from docparse.regions.block_cues import (  # noqa: F401 - re-exported for readers and tests
    BULLET_CHARS,
    BULLET_RE,
    CAPTION_RE,
    CONTENTS_ENTRY_RE,
    LONE_MARKER_RE,
    MATH_FONT_RE,
    TERMINAL_PUNCT,
    _block_text,
    _is_math,
    _starts_with_dingbat,
    heading_level,
    is_glyph_code,
)
from docparse.regions.block_roles import classify_block
from docparse.regions.code_blocks import code_fonts, is_code_block, merge_code_blocks
from docparse.regions.formulas import find_display_formulas, join_split_rows

SemanticSettings = BlockRoleOptions  # the classifier's thresholds: one home, in ParseOptions.blocks
_DEFAULTS = BlockRoleOptions()
_SAME_SIZE_SHARE = 0.92  # OCR ink heights within this share of the largest are one size


def _item_right_of(marker: Line, lines: Sequence[Line], taken: set[int]) -> int | None:
    """Index of the line that starts just right of ``marker`` on its baseline."""
    size = max(marker.size, 1.0)
    height = marker.bbox[3] - marker.bbox[1]
    for k, line in enumerate(lines):
        if k in taken or line is marker or not line.horizontal or LONE_MARKER_RE.match(line.text):
            continue
        overlap = min(marker.bbox[3], line.bbox[3]) - max(marker.bbox[1], line.bbox[1])
        gap = line.bbox[0] - marker.bbox[2]
        if -1 <= gap <= 1.5 * size and overlap >= 0.5 * min(height, line.bbox[3] - line.bbox[1]):
            return k
    return None


def attach_list_markers(lines: Sequence[Line]) -> list[Line]:
    """List markers drawn apart from their items ("1." and "•" that WeasyPrint writes after
    the page's text) join the line that starts right of them, wherever it is in the stream."""
    out = list(lines)
    taken: set[int] = set()
    markers = [i for i, line in enumerate(out) if line.horizontal and LONE_MARKER_RE.match(line.text)]
    for i in markers:
        k = _item_right_of(out[i], out, taken)
        merged = None if k is None else _merge_pair(out[i], out[k], tiny=True)
        if k is not None and merged is not None:
            out[k] = merged
            taken |= {i, k}
    drop = {i for i in markers if i in taken}
    return [line for i, line in enumerate(out) if i not in drop]


DRAWN_BULLET_MAX = 0.6  # a filled dot at most this share of the text size wide and high
DRAWN_BULLET_MIN_PT = 1.5


def _is_dot(drawing: Drawing, size: float) -> bool:
    w, h = drawing.bbox[2] - drawing.bbox[0], drawing.bbox[3] - drawing.bbox[1]
    return drawing.is_filled and DRAWN_BULLET_MIN_PT <= min(w, h) and max(w, h) <= DRAWN_BULLET_MAX * size and (
        max(w, h) <= 1.6 * min(w, h))


def _drawn_bullet_for(line: Line, drawings: Sequence[Drawing]) -> Drawing | None:
    """A small filled dot just left of the line, at its mid-height (a bullet drawn as a shape)."""
    size = max(line.size, 1.0)
    middle = (line.bbox[1] + line.bbox[3]) / 2
    for d in drawings:
        gap = line.bbox[0] - d.bbox[2]
        centre = (d.bbox[1] + d.bbox[3]) / 2
        if 0 <= gap <= 1.5 * size and abs(centre - middle) <= 0.3 * size and _is_dot(d, size):
            return d
    return None


def add_drawn_bullets(lines: Sequence[Line], drawings: Sequence[Drawing]) -> list[Line]:
    """Lines led by a bullet drawn as a filled dot (Chromium's list discs) start with "• "."""
    dots = [d for d in drawings if d.is_filled and d.bbox[2] - d.bbox[0] <= 12]
    if not dots:
        return list(lines)
    out = []
    for line in lines:
        dot = _drawn_bullet_for(line, dots) if line.horizontal and not BULLET_RE.match(line.text) else None
        if dot is not None:
            first = line.spans[0]
            mark = Span("• ", dot.bbox, first.font, first.size, first.flags, first.color)
            line = Line(spans=[mark, *line.spans], bbox=bbox_union([dot.bbox, line.bbox]), block=line.block,
                        direction=line.direction)
        out.append(line)
    return out


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
    if line.bold and not prev.bold and not prev.italic and prev.text.rstrip().endswith(TERMINAL_PUNCT) and (
            line.bbox[2] < prev.bbox[2] - 2 * line.size):
        return True  # a short bold line after a finished sentence: a heading starts
    if len(block) == 1 and _face(prev) != _face(line) and not prev.text.rstrip().endswith((",", "-", ".")) and (
            prev.bbox[2] < line.bbox[2] - 2 * line.size and _face(prev) is not None):
        return True  # a short line in a face of its own (Type3 fonts carry no bold flag): a heading
    if BULLET_RE.match(line.text) and (line.text.lstrip()[:1] in BULLET_CHARS or prev.text.rstrip().endswith(TERMINAL_PUNCT)):
        return True
    if _starts_with_dingbat(line) or _next_list_number(block[0], line):
        return True  # a bullet drawn as a Wingdings/ZapfDingbats glyph, or the list's next number
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


_LIST_NUMBER_RE = re.compile(r"^\s*\(?(\d{1,3})[.)]\s")


def _next_list_number(first: Line, line: Line) -> bool:
    """The line opens with the number after the one that opens the block, at the block's left
    edge ("2. Renegotiate freight rates" under "1. Close the remaining legacy contracts", neither
    ending in a full stop): the list's next item, not the item's text running on."""
    this, start = _LIST_NUMBER_RE.match(line.text), _LIST_NUMBER_RE.match(first.text)
    if this is None or start is None or abs(line.bbox[0] - first.bbox[0]) > 0.5 * line.size:
        return False
    return int(this.group(1)) == int(start.group(1)) + 1


def _face(line: Line) -> str | None:
    """The one font all of the line's text is set in; None when it mixes fonts."""
    fonts = {span.font for span in line.spans if span.text.strip()}
    return fonts.pop() if len(fonts) == 1 else None


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


def scanned_title_size(page: PageAnalysis, body: float, settings: BlockRoleOptions = _DEFAULTS) -> float | None:
    """A scanned first page's title size (the pre-pass reads no sizes from a scan): the largest
    text in the top half, well above the body size, on three lines at most."""
    if not page.ocr or page.number != 1:
        return None
    sizes = [ln.size for ln in page.lines if ln.bbox[1] < 0.5 * page.height and ln.text.strip()]
    if not sizes:
        return None
    top = max(sizes)
    tier = sum(1 for s in sizes if s >= _SAME_SIZE_SHARE * top)
    return top if top >= settings.title_size_ratio * body and tier <= settings.max_title_sized_lines else None


def with_scanned_title_size(page: PageAnalysis, context: DocumentContext,
                            settings: BlockRoleOptions = _DEFAULTS) -> DocumentContext:
    if context.fonts.title_size is not None:
        return context
    size = scanned_title_size(page, context.fonts.body_size, settings)
    return context if size is None else replace(context, fonts=replace(context.fonts, title_size=size))


class HeuristicSemanticClassifier:
    """Classifies the page's unclaimed text lines by typography and position."""

    def __init__(self, settings: SemanticSettings | None = None, formulas: FormulaOptions | None = None) -> None:
        self.settings = settings or SemanticSettings()
        self.formulas = formulas or FormulaOptions()
        # the learned block-role model, read once here where the options ask for it
        self.model = TreeEnsemble.load() if self.settings.learned_headings else None

    def classify(
        self, page: PageAnalysis, context: DocumentContext, claimed: Sequence[RegionProposal]
    ) -> list[RegionProposal]:
        lines = add_drawn_bullets(unclaimed_lines(page, claimed), page.drawings)
        displays: list[RegionProposal] = []
        if not page.ocr:  # display formulas first: their pieces must not scatter into paragraphs
            displays, lines = find_display_formulas(join_split_rows(lines, self.formulas, page.drawings), self.formulas,
                                                     page.drawings)
        lines = merge_same_baseline(attach_list_markers(lines))
        context = with_scanned_title_size(page, context, self.settings)
        fonts = code_fonts(page, context)
        proposals = []
        for block in split_into_blocks(lines, self.settings):
            kind, level = ((RegionKind.CODE, None) if is_code_block(block, fonts)
                           else classify_block(block, page, context, self.settings, peers=lines, model=self.model))
            proposals.append(
                RegionProposal(bbox=bbox_union([line.bbox for line in block]), kind=kind,
                               lines=list(block), level=level)
            )
        return merge_code_blocks(displays + merge_formula_fragments(proposals))


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

"""Aligned text that reads as running text or program text, not as table cells.

Sentences that flow from line to line down one column while a neighbouring column starts
new blocks (a page laid out in columns), program listings set in a fixed-pitch font, and
frames that are page backgrounds. The table classifier rejects such candidates.
"""

from __future__ import annotations

import re
from typing import Sequence

from docparse.pages.analysis import BBox, Line, PageAnalysis
from docparse.pages.fonts import advance_ratio
from docparse.tablegrid.text import Segment, TextRow

TERMINAL_RE = re.compile(r"[.!?:;][\"')\]’”]*$")
ITEM_START_RE = re.compile(r"^([•·▪◦●■□☐‣⁃∙*\-–—]|\(?\d{1,3}[.)]|\(?[a-zA-Z][.)])(\s|$)")
CODE_MARK_RE = re.compile(r"[;{}()=<>|]|/\*|\*/|\w_\w")
NUMBER_RE = re.compile(r"^[-+−(]?[$€£]?\d[\d,.]*%?\)?$")


def continues_sentence(prev: str, cur: str, min_words: int = 4) -> bool:
    """``cur`` carries on the sentence that ``prev`` broke off: ``prev`` is a line of several
    words without terminal punctuation, ``cur`` is no list item, and the break is mid-sentence
    (a lowercase start, or ``prev`` ends in a comma or a hyphen)."""
    prev, cur = prev.strip(), cur.strip()
    if len(prev.split()) < min_words or not cur or TERMINAL_RE.search(prev) or ITEM_START_RE.match(cur):
        return False
    return cur[0].islower() or prev[-1] in ",-–"


def _line_height(seg: Segment) -> float:
    return max(1.0, seg.bbox[3] - seg.bbox[1])


def _above_in_column(seg: Segment, earlier: Sequence[Segment], tol: float = 4.0) -> Segment | None:
    """The nearest segment above ``seg`` that starts at the same x (its column's line above)."""
    same = [s for s in earlier if abs(s.bbox[0] - seg.bbox[0]) <= tol and s.bbox[3] <= seg.bbox[1] + 1]
    return max(same, key=lambda s: s.bbox[3]) if same else None


def _is_next_line(above: Segment, seg: Segment) -> bool:
    return seg.bbox[1] - above.bbox[3] <= 0.8 * _line_height(seg)


def _flows_on(above: Segment | None, seg: Segment) -> bool:
    """``seg`` is the next line of its column and carries on the sentence of the line above."""
    return above is not None and _is_next_line(above, seg) and continues_sentence(above.text, seg.text)


def _is_block_start(above: Segment | None, seg: Segment) -> bool:
    """The first line of a block in its column: nothing right above it (a gap of a line or more)."""
    return above is None or not _is_next_line(above, seg)


def starts_beside_flowing_text(rows: Sequence[TextRow]) -> int:
    """Rows where one column carries on a sentence from the line above while another column
    starts a new block after a gap: columns of running text, whose lines meet on a row only
    by chance (a table's cells start together)."""
    seen: list[Segment] = []
    count = 0
    for row in rows:
        flowing = starting = False
        for seg in row.segments:
            above = _above_in_column(seg, seen)
            if _flows_on(above, seg):
                flowing = True
            elif _is_block_start(above, seg):
                starting = True
        count += flowing and starting
        seen.extend(row.segments)
    return count


def flowing_lines(rows: Sequence[TextRow]) -> int:
    """Lines that carry on the sentence of the line above them in their column."""
    seen: list[Segment] = []
    count = 0
    for row in rows:
        for seg in row.segments:
            count += _flows_on(_above_in_column(seg, seen), seg)
        seen.extend(row.segments)
    return count


def is_columns_of_running_text(rows: Sequence[TextRow], min_lines: int = 6, share: float = 0.3) -> bool:
    """Running text laid out in columns: sentences flow on from line to line on many rows
    (a table's text cells wrap now and then), and at least once while another column starts
    a new block beside them."""
    return flowing_lines(rows) >= max(min_lines, share * len(rows)) and starts_beside_flowing_text(rows) >= 1


def _lines_across(page: PageAnalysis, bbox: BBox) -> list[Line]:
    """Text lines whose middle lies in ``bbox``'s height and that reach into its width (a code
    line's box starts at its indentation spaces, left of its first word)."""
    return [ln for ln in page.lines if bbox[1] <= (ln.bbox[1] + ln.bbox[3]) / 2 <= bbox[3]
            and min(ln.bbox[2], bbox[2]) - max(ln.bbox[0], bbox[0]) > 0]


def fixed_pitch_share(lines: Sequence[Line], tol: float = 0.02) -> float:
    """Share of the measured characters set in a fixed-pitch font: the monospace flag or name,
    or a width per character equal (within ``tol``) to that of most other spans."""
    spans = [s for ln in lines for s in ln.spans]
    ratios = sorted(r for r in (advance_ratio(s) for s in spans) if r is not None)
    if len(ratios) < 3:
        return 0.0
    median = ratios[len(ratios) // 2]
    total = fixed = 0
    for span in spans:
        ratio = advance_ratio(span)
        if ratio is None:
            continue
        total += len(span.text)
        fixed += len(span.text) if span.monospace or abs(ratio - median) <= tol * median else 0
    return fixed / total if total else 0.0


def is_code_listing(page: PageAnalysis, bbox: BBox, min_lines: int = 3) -> bool:
    """A program listing: nearly all text in a fixed-pitch font, many lines carrying code marks
    (punctuation such as ``;`` ``(`` ``=``, identifiers with underscores) and few numbers (a
    table typed in Courier is still a table)."""
    lines = _lines_across(page, bbox)
    if len(lines) < min_lines:
        return False
    words = [w for ln in lines for w in ln.text.split()]
    numbers = sum(1 for w in words if NUMBER_RE.match(w))
    marked = sum(1 for ln in lines if CODE_MARK_RE.search(ln.text))
    return marked >= 0.3 * len(lines) and numbers < 0.2 * len(words) and fixed_pitch_share(lines) >= 0.8


def is_page_background(bbox: BBox, page: PageAnalysis, share: float = 0.95) -> bool:
    """A frame as tall as the page (a page or spread background, a page border): not a table."""
    return bbox[3] - bbox[1] >= share * page.height


def text_column_gutter(prose: Sequence[Segment], min_lines: int, max_crossing: float) -> float | None:
    """The x of the gutter between two columns of running text, or None on a one-column page:
    at least ``min_lines`` running-text lines lie wholly on each side of it and at most
    ``max_crossing`` of that many cross it (a full-width paragraph above two columns)."""
    if len(prose) < 2 * min_lines:
        return None
    best, best_side = None, 0
    for x in sorted({s.bbox[2] for s in prose}):
        left = sum(1 for s in prose if s.bbox[2] <= x)
        right = sum(1 for s in prose if s.bbox[0] >= x)
        crossing = sum(1 for s in prose if s.bbox[0] < x < s.bbox[2])
        side = min(left, right)
        if side >= min_lines and crossing <= max_crossing * side and side > best_side:
            best, best_side = x, side
    if best is None:
        return None
    right_start = min(s.bbox[0] for s in prose if s.bbox[0] >= best)
    return (best + right_start) / 2

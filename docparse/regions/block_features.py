"""A block's facts as numbers: the feature row the learned block-role model reads.

:func:`block_features` turns a :class:`~docparse.regions.block_facts.BlockFacts` into one row of
floats in :data:`FEATURE_NAMES` order (size against the body and the heading sizes, weight,
position on the page, repetition across pages, numbering, spacing above and below, line
count, width, alignment, and the cues the hand rules test). The training script
(``tools/train_block_roles.py``) and the runtime rule share this one function, so the model sees
at run time exactly what it was trained on. Numbers only, no thresholds: every value is a
measurement or a 0/1 cue.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from docparse.pages.analysis import Line
from docparse.pages.context import normalize_running
from docparse.regions.block_cues import (
    _BYLINE_RE,
    CAPTION_RE,
    CONTENTS_ENTRY_RE,
    FOOTNOTE_SENTENCE_RE,
    LEGAL_LINE_RE,
    PAGE_NUMBER_RE,
    _all_caps,
    _outline_level,
    _title_case,
    heading_level,
)

if TYPE_CHECKING:
    from docparse.regions.block_facts import BlockFacts

FEATURE_NAMES: tuple[str, ...] = (
    "size_ratio", "title_size_ratio", "size_rank", "bold", "italic", "any_bold", "distinct_face",
    "lines", "chars", "words", "ends_period", "ends_colon", "has_alpha", "numbered", "number_depth",
    "bullet", "caption_cue", "page_number_cue", "footnote_marked", "footnote_sentence_cue", "legal_cue",
    "contents_cue", "math", "cell_row", "all_caps", "title_case", "y_top", "y_bottom", "x_left", "x_right",
    "width", "centre_offset", "in_top", "in_bottom", "running", "first_page", "page_share", "gap_above",
    "gap_below", "indent", "size_vs_above", "size_vs_below", "outline", "digit_share", "line_height",
    "row_lines", "above_row_lines", "above_claimed", "below_row_lines", "below_claimed", "below_width",
    "byline_cue",
)
GAP_CAP = 8.0  # gaps beyond this many body sizes read as "nothing there" (the model sees the cap)


def _gap(lines: Sequence[Line], block: Sequence[Line], above: bool) -> tuple[float, float]:
    """Gap to the nearest line above (or below) the block that overlaps it horizontally, and
    that line's size (0 when there is none)."""
    x0 = min(line.bbox[0] for line in block)
    x1 = max(line.bbox[2] for line in block)
    top = min(line.bbox[1] for line in block)
    bottom = max(line.bbox[3] for line in block)
    own = {id(line) for line in block}
    best, size = float("inf"), 0.0
    for line in lines:
        if id(line) in own or line.bbox[2] <= x0 or line.bbox[0] >= x1:
            continue
        gap = top - line.bbox[3] if above else line.bbox[1] - bottom
        if -0.5 < gap < best:
            best, size = max(gap, 0.0), line.size
    return best, size


def _size_rank(size: float, heading_sizes: Sequence[float]) -> float:
    """1 for the largest heading size, 2 for the next, ...; 0 below every heading size."""
    for k, s in enumerate(heading_sizes):
        if size >= s - 0.3:
            return float(k + 1)
    return 0.0


def _typography(f: BlockFacts) -> list[float]:
    body = max(f.body, 1e-6)
    title = f.context.fonts.title_size
    body_font = f.context.fonts.body_font
    fonts = {s.font for line in f.block for s in line.spans if s.text.strip()}
    italic = all(line.italic for line in f.block)
    return [f.size / body, f.size / title if title else 0.0, _size_rank(f.size, f.context.fonts.heading_sizes),
            float(f.bold), float(italic), float(any(line.bold for line in f.block)),
            float(body_font is not None and body_font not in fonts)]


def _text_cues(f: BlockFacts) -> list[float]:
    text = f.text
    level = heading_level(text, f.context) if f.numbered else None
    return [float(len(f.block)), float(len(text)), float(len(text.split())), float(text.endswith((".", ";", ","))),
            float(text.rstrip().endswith(":")), float(any(c.isalpha() for c in text)), float(f.numbered),
            float(level or 0), float(f.bullet), float(bool(CAPTION_RE.match(text))),
            float(bool(PAGE_NUMBER_RE.match(text)) and len(text) <= 20), float(f.footnote_marked),
            float(bool(FOOTNOTE_SENTENCE_RE.match(text))), float(bool(LEGAL_LINE_RE.search(text))),
            float(bool(CONTENTS_ENTRY_RE.search(text))), float(f.math), float(f.in_cell_row),
            float(_all_caps(text)), float(_title_case(text))]


def _position(f: BlockFacts) -> list[float]:
    x0, y0, x1, y1 = f.bbox
    w, h = max(f.page.width, 1e-6), max(f.page.height, 1e-6)
    running = normalize_running(f.text) in f.context.running_texts
    return [y0 / h, y1 / h, x0 / w, x1 / w, (x1 - x0) / w, abs((x0 + x1) / 2 - w / 2) / w, float(f.in_top),
            float(f.in_bottom), float(running), float(f.page.number == 1),
            f.page.number / max(f.context.page_count, 1)]


def _spacing(f: BlockFacts) -> list[float]:
    lines = f.page.lines if f.peers is None else f.peers
    body = max(f.body, 1e-6)
    above, size_above = _gap(lines, f.block, above=True)
    below, size_below = _gap(lines, f.block, above=False)
    left = min((line.bbox[0] for line in lines), default=f.bbox[0])
    return [min(above / body, GAP_CAP), min(below / body, GAP_CAP), (f.bbox[0] - left) / body,
            f.size / size_above if size_above else 0.0, f.size / size_below if size_below else 0.0]


def _extras(f: BlockFacts) -> list[float]:
    text = f.text
    digits = sum(c.isdigit() for c in text)
    heights = [line.bbox[3] - line.bbox[1] for line in f.block]
    return [float(_outline_level(text, f.context) is not None), digits / max(len(text), 1),
            (sum(heights) / len(heights)) / max(f.body, 1e-6)]


def _byline(f: BlockFacts) -> list[float]:
    """"Prepared by …, 2016": a byline or date line (no heading, however it is set)."""
    return [float(bool(_BYLINE_RE.search(f.text)))]


def _row_size(lines: Sequence[Line], bbox: tuple[float, float, float, float], own: set[int]) -> float:
    """How many lines (the page's, claimed ones too) share the box's baseline, its own included:
    1 for a line of running text, several for a row of table cells."""
    count = 1
    for line in lines:
        overlap = min(line.bbox[3], bbox[3]) - max(line.bbox[1], bbox[1])
        if id(line) not in own and overlap >= 0.5 * min(line.bbox[3] - line.bbox[1], bbox[3] - bbox[1]):
            count += 1
    return float(count)


def _next_line(lines: Sequence[Line], block: Sequence[Line], above: bool) -> Line | None:
    """The page's nearest line above (or below) the block that overlaps it horizontally."""
    x0 = min(line.bbox[0] for line in block)
    x1 = max(line.bbox[2] for line in block)
    edge = min(line.bbox[1] for line in block) if above else max(line.bbox[3] for line in block)
    own = {id(line) for line in block}
    best, found = float("inf"), None
    for line in lines:
        if id(line) in own or line.bbox[2] <= x0 or line.bbox[0] >= x1:
            continue
        gap = edge - line.bbox[3] if above else line.bbox[1] - edge
        if -0.5 < gap < best:
            best, found = gap, line
    return found


def _context(f: BlockFacts) -> list[float]:
    """The rows around the block on the whole page (lines a table or chart claimed included): a
    cell left outside its table has cells beside, above or below it; a heading has running text
    under it."""
    lines = f.page.lines
    peers = {id(line) for line in (lines if f.peers is None else f.peers)}
    own = {id(line) for line in f.block}
    out = [_row_size(lines, f.bbox, own)]
    for above in (True, False):
        line = _next_line(lines, f.block, above)
        if line is None:
            out += [0.0, 0.0]
        else:
            out += [_row_size(lines, line.bbox, {id(line)}), float(id(line) not in peers)]
    below = _next_line(lines, f.block, above=False)
    out.append((below.bbox[2] - below.bbox[0]) / max(f.page.width, 1e-6) if below is not None else 0.0)
    return out


def block_features(f: BlockFacts) -> list[float]:
    """The block's feature row, in :data:`FEATURE_NAMES` order."""
    row = _typography(f) + _text_cues(f) + _position(f) + _spacing(f) + _extras(f) + _context(f) + _byline(f)
    assert len(row) == len(FEATURE_NAMES)
    return row

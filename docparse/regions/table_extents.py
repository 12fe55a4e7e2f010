"""How far a table found by its rules reaches: rows under an open last rule, under zebra stripes
or a lone header block, header lines above the first rule, and unruled label columns beside the
rules (each a small rule that names what it tests)."""

from __future__ import annotations

from typing import Sequence

from docparse.document import TableStyle
from docparse.geometry import inside
from docparse.options.tables import TableDetectionOptions
from docparse.pages.analysis import BBox, PageAnalysis, Word
from docparse.regions.table_rows import (
    CAPTION_RE,
    LIST_MARK_RE,
    Candidate,
    row_height,
    row_is_tabular,
    rows_of,
    shares_gap,
)
from docparse.tablegrid.edges import Axis, Edge
from docparse.tablegrid.text import TextRow, segment_rows, words_in


def open_bottom(page: PageAnalysis, cand: Candidate, edges: Sequence[Edge], settings: TableDetectionOptions) -> Candidate:
    """A grid ruled row by row whose last row is left open (a table broken at a page foot):
    the rows under the last rule that carry on its columns join it, read by the text chain
    between its rules."""
    rows = rows_of(words_in(cand.bbox, page.words), settings)
    bottom = rows_below_last_stripe(page, cand.bbox, rows, page.words, settings, row_rules(cand.bbox, edges))
    if bottom <= cand.bbox[3] + 1.0:
        return cand
    if row_rules((cand.bbox[0], cand.bbox[3] + 3.0, cand.bbox[2], bottom + 0.5 * (bottom - cand.bbox[3])), edges):
        return cand  # the rows under the grid are closed by a rule of their own (a source line's band)
    return Candidate((cand.bbox[0], cand.bbox[1], cand.bbox[2], bottom), TableStyle.BOOKTABS, cand.score)


def row_rules(bbox: BBox, edges: Sequence[Edge]) -> list[float]:
    """y of the horizontal rulings that cross at least half of ``bbox``."""
    width = bbox[2] - bbox[0]
    return sorted({round(e.pos, 1) for e in edges if e.orientation is Axis.H and bbox[1] - 2 <= e.pos <= bbox[3] + 2
                   and min(e.end, bbox[2]) - max(e.start, bbox[0]) >= 0.5 * width})


def last_row_rule_below(bbox: BBox, edges: Sequence[Edge], rows: Sequence[TextRow],
                        settings: TableDetectionOptions) -> float:
    """The bottom of a rule-bounded block, moved down to a shorter rule right under its last
    rule that ends where the block does but starts right of its first column (a rule under the
    last row that stops at a row-group label still running on to the next page)."""
    heights = sorted(row_height(r) for r in rows)
    if not heights:
        return bbox[3]
    reach, tol, width = 1.5 * heights[len(heights) // 2], settings.rule_extent_tolerance, bbox[2] - bbox[0]
    below = [e.pos for e in edges if e.orientation is Axis.H and bbox[3] + 1.0 < e.pos <= bbox[3] + reach
             and abs(e.end - bbox[2]) <= tol and bbox[0] + tol < e.start < bbox[0] + 0.5 * width]
    return max(below, default=bbox[3])


def rows_under_lone_header(bbox: BBox, rows: Sequence[TextRow], words: Sequence[Word],
                           settings: TableDetectionOptions) -> float | None:
    """The bottom of the rows under a rule-bounded block that holds only a header line (a
    table broken right after its first rows at a page foot has no bottom rule): rows that carry
    on the header's columns, a short group label among them. None when no such row follows."""
    if len(rows) != 1 or len(rows[0].segments) < 3:
        return None
    header, width = rows[0], bbox[2] - bbox[0]
    below = rows_of([w for w in words_in((bbox[0], bbox[3], bbox[2], float("inf")), words) if w.bbox[1] >= bbox[3] - 1],
                  settings)
    bottom, found = bbox[3], False
    min_cells = max(2, -(-2 * len(header.segments) // 3))  # two thirds of the header's columns (page-column text has 2 or 3 pieces)
    for row in below:
        if row.bbox[1] - bottom > 1.2 * row_height(row):
            break
        label = len(row.segments) == 1 and len(row.segments[0].words) <= settings.max_label_words
        if not label and not (len(row.segments) >= min_cells and row_is_tabular(row, width, settings)
                              and shares_gap(header, row, settings.grid.min_column_gap)):
            break
        found = found or not label
        bottom = row.bbox[3] + 1.0
    return bottom if found else None


def _median_word_height(words: Sequence[Word]) -> float:
    """The middle word height of ``words`` (0 when there are none)."""
    heights = sorted(w.bbox[3] - w.bbox[1] for w in words)
    return heights[len(heights) // 2] if heights else 0.0


def header_above(bbox: BBox, words: Sequence[Word], edges: Sequence[Edge], settings: TableDetectionOptions) -> float:
    """The top of the header lines that sit above the first full rule (their rules only span
    the column groups): lines with several cells, or with a partial rule below them."""
    x0, top, x1, _ = bbox
    rows = rows_of([w for w in words_in((x0, top - 80, x1, top), words) if w.bbox[3] <= top + 1], settings)
    partial = [e.pos for e in edges if e.orientation is Axis.H and top - 80 < e.pos < top - 1
               and e.start >= x0 - 3 and e.end <= x1 + 3]
    reach = top  # the top so far, with a lone group title taken on trial
    own = _median_word_height(words_in(bbox, words))
    for row in reversed(rows):
        if reach - row.bbox[3] > 1.2 * row_height(row) or CAPTION_RE.match(row.text):
            break
        if own and _median_word_height(row.words) > settings.header_size_ratio * own:
            break  # set larger than the table's own text: the prose above it
        if any(len(seg.words) > settings.max_prose_words for seg in row.segments):
            break
        if len(row.segments) < 2 and not any(row.bbox[3] - 1 <= y <= reach for y in partial) and not (
                reach == top and row.bbox[3] > top + 1 + settings.header_label_overlap * row_height(row)):
            # a lone label reaching down into the line below is centred over two header lines;
            # a lone short label right on the first rule is the first group's title when a
            # header line sits above it
            if reach < top or len(row.words) > settings.max_label_words:
                break
            reach = row.bbox[1] - 1.0
            continue
        if is_list_item_row(row):
            break
        top = reach = row.bbox[1] - 1.0
    return top


def is_list_item_row(row: TextRow, min_words: int = 3) -> bool:
    """A list item, not a header line: a marked first piece ("4.", "b)", a bullet) and one
    piece of several words after it."""
    if len(row.segments) != 2 or len(row.segments[1].words) < min_words:
        return False
    mark = row.segments[0].text.strip()
    return bool(LIST_MARK_RE.match(mark)) and not mark.isdigit()


def _ends_on_fill(page: PageAnalysis, bbox: BBox, tol: float = 1.0) -> bool:
    """The block's bottom "rule" is the lower side of a shaded row (a zebra stripe), not a
    drawn rule: a filled box ends there, across most of the block."""
    width = bbox[2] - bbox[0]
    return any(d.fill is not None and d.stroke is None and abs(d.bbox[3] - bbox[3]) <= tol
               and d.bbox[3] - d.bbox[1] > 3.0 and min(d.bbox[2], bbox[2]) - max(d.bbox[0], bbox[0]) > 0.1 * width
               for d in page.drawings)


def is_ruled_row_by_row(rules: Sequence[float], rows: Sequence[TextRow], min_rules: int = 4,
                        tolerance: float = 0.2) -> bool:
    """Rules drawn under every row (or every other row) at an even pitch: the last one need
    not close the table (a table broken at the foot of a page leaves its last row open)."""
    gaps = sorted(b - a for a, b in zip(rules, rules[1:]) if b - a > 1.0)
    heights = sorted(row_height(r) for r in rows)
    if len(gaps) < min_rules - 1 or not heights:
        return False
    pitch = gaps[len(gaps) // 2]
    even = sum(1 for g in gaps if abs(g - pitch) <= tolerance * pitch)
    return even >= 0.8 * len(gaps) and pitch <= 2.5 * heights[len(heights) // 2]


def rows_below_last_stripe(page: PageAnalysis, bbox: BBox, rows: Sequence[TextRow], words: Sequence[Word],
                           settings: TableDetectionOptions, rules: Sequence[float] = (), max_rows: int = 2) -> float:
    """The bottom of a block bounded by zebra stripes (or by rules under every row), extended
    over the rows right under the last stripe or rule that continue the table's columns (the
    stripes end one row early; a table broken at a page foot leaves its last row unruled)."""
    body = [r for r in rows if len(r.segments) >= 2]
    if not body:
        return bbox[3]
    striped = _ends_on_fill(page, bbox)
    if not striped and not is_ruled_row_by_row(rules, body):
        return bbox[3]
    below = rows_of([w for w in words_in((bbox[0], bbox[3], bbox[2], bbox[3] + 60), words) if w.bbox[1] >= bbox[3] - 1],
                  settings)
    bottom, last = bbox[3], body[-1]
    # under rules, a row filling half of the last row's cells at least (a "Source: ... date" line is no row);
    # under stripes two thirds (the two pieces of a two-column page's running text are no row of four cells)
    min_cells = max(2, -(-2 * len(last.segments) // 3)) if striped else max(2, (len(last.segments) + 1) // 2)
    taken = 0
    for row in below[:max_rows]:
        h = row_height(row)
        if row.bbox[1] - bottom > 1.2 * h or not row_is_tabular(row, bbox[2] - bbox[0], settings):
            break
        if len(row.segments) < min_cells:
            break
        if not shares_gap(last, row, settings.grid.min_column_gap) and not _under_label_beside(body, row, taken, settings):
            break
        bottom, last, taken = row.bbox[3] + 1.0, row, taken + 1
    if not striped and taken and _text_flows_on(below[taken:], last, bottom, min_cells, settings):
        return bbox[3]
    return bottom


def _under_label_beside(body: Sequence[TextRow], row: TextRow, taken: int, settings: TableDetectionOptions) -> bool:
    """The first row under the last stripe carries on the columns of the row above the last
    one: the last row's pieces are no guide when a row-group label, centred beside its rows,
    sits on that row and joins its first cell ("Overseas Sessions")."""
    return taken == 0 and len(body) >= 2 and shares_gap(body[-2], row, settings.grid.min_column_gap)


def _text_flows_on(rest: Sequence[TextRow], last: TextRow, bottom: float, min_cells: int,
                   settings: TableDetectionOptions) -> bool:
    """The rows taken under a grid ruled row by row go on past the rows an open last row can
    hold: the next line right under them has as many pieces in the same gaps. That is running
    text set in page columns under the grid, not its last row (which ends at a page foot, or
    is followed by a paragraph or a caption in one piece)."""
    if not rest:
        return False
    nxt = rest[0]
    return (nxt.bbox[1] - bottom <= 1.2 * row_height(nxt) and len(nxt.segments) >= min_cells
            and shares_gap(last, nxt, settings.grid.min_column_gap))


def extend_to_stub_column(cand: Candidate, words: Sequence[Word], rules: Sequence[float], max_gap: float,
                          reach: float = 220.0) -> Candidate:
    """Rules or stripes drawn from the second column on: the unruled label column just left of
    them (its text ending within ``max_gap`` of the rules, short lines one per grid row, group
    labels centred beside their rows) belongs to the table. The text of a neighbouring page
    column lies a gutter away and stays out."""
    x0, y0, x1, y1 = cand.bbox
    left = [w for w in words_in((x0 - reach, y0, x0 + 1, y1), words) if w.bbox[2] <= x0 + 1]
    if not left or x0 - max(w.bbox[2] for w in left) > max_gap:
        return cand
    grid_lines = _line_centres([w for w in words if inside(w.bbox, cand.bbox)])
    if not _label_like(left, rules, grid_lines):
        return cand
    return Candidate((min(w.bbox[0] for w in left) - 1.0, y0, x1, y1), cand.style, cand.score)


def extend_under_header_rule(cand: Candidate, words: Sequence[Word], rule_start: float,
                             settings: TableDetectionOptions, tol: float = 2.0) -> Candidate:
    """Stripes drawn from the second column on under a header rule that crosses the whole
    table (zebra rows whose row-group labels sit in unshaded cells): the short labels under
    that rule left of the stripes, one of them on the table's header line, belong to the table."""
    x0, y0, x1, y1 = cand.bbox
    left = [w for w in words_in((rule_start - 1.0, y0, x0 + 1, y1), words) if w.bbox[2] <= x0 + 1]
    rows = segment_rows(left, settings.grid.gap_size_ratio, settings.grid.min_column_gap)
    if len(rows) < 2 or any(len(r.words) > settings.max_label_words for r in rows):
        return cand
    header_line = _line_centres([w for w in words if inside(w.bbox, cand.bbox) and w.bbox[3] <= rows[0].bbox[3] + tol])
    if not any(abs((rows[0].bbox[1] + rows[0].bbox[3]) / 2 - g) <= tol for g in header_line):
        return cand
    return Candidate((min(w.bbox[0] for w in left) - 1.0, y0, x1, y1), cand.style, cand.score)


def extend_to_label_columns(cand: Candidate, words: Sequence[Word], rules: Sequence[float],
                            reach: float = 220.0) -> Candidate:
    """A grid ruled only over its number columns: the unruled label column beside it belongs
    to the table when its lines are short and sit one per grid row (not a text column)."""
    x0, y0, x1, y1 = cand.bbox
    band = words_in((x0 - reach, y0, x1 + reach, y1), words)
    beside = [w for w in words if y0 <= (w.bbox[1] + w.bbox[3]) / 2 <= y1]
    left = [w for w in band if x0 - reach <= w.bbox[0] and w.bbox[2] <= x0 + 1]
    right = [w for w in band if w.bbox[0] >= x1 - 1 and w.bbox[2] <= x1 + reach]
    # lines that run on past the reach belong to a text column beside the grid, not to labels
    left_cut = any(w.bbox[0] < x0 - reach and w.bbox[2] <= x0 + 1 for w in beside)
    right_cut = any(w.bbox[2] > x1 + reach and w.bbox[0] >= x1 - 1 for w in beside)
    grid_lines = _line_centres([w for w in band if inside(w.bbox, cand.bbox)])
    nx0 = min(w.bbox[0] for w in left) - 1.0 if not left_cut and _label_like(left, rules, grid_lines) else x0
    nx1 = max(w.bbox[2] for w in right) + 1.0 if not right_cut and _label_like(right, rules, grid_lines) else x1
    return Candidate((nx0, y0, nx1, y1), cand.style, cand.score)


def _label_like(words: Sequence[Word], rules: Sequence[float], grid_lines: Sequence[float],
                max_words: int = 6) -> bool:
    """≥ 3 short lines, each in its own grid row or on the grid's text lines (row labels,
    not the lines of a neighbouring text column)."""
    rows = segment_rows(words, 0.55, 4.0)
    if len(rows) < 3 or any(len(r.words) > max_words for r in rows):
        return False
    centres = [(r.bbox[1] + r.bbox[3]) / 2 for r in rows]
    aligned = sum(1 for c in centres if any(abs(c - g) <= 2.0 for g in grid_lines))
    if aligned >= 0.8 * len(rows):
        return True
    if len(rules) < 3:
        return False
    slots = [sum(1 for y in rules if y < c) for c in centres]
    return len(rows) <= len(rules) and len(set(slots)) >= 0.8 * len(rows)


def _line_centres(words: Sequence[Word]) -> list[float]:
    return [(w.bbox[1] + w.bbox[3]) / 2 for w in words]

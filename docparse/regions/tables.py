"""Structural classifier: finds ruled, booktabs and borderless tables from the PageAnalysis alone.

Ruled: the edge chain (drawings → edges → intersections → cells) gives groups of cells.
Booktabs: stacks of long horizontal rules with the same extent and column-aligned text between.
Borderless: runs of visual rows whose words fall into shared column bands, with short
(non-prose) cells; extended upwards over header lines, never over captions or paragraphs.
The proposal's ``source`` is ``table:<style>``; the table reader rebuilds the grid.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Sequence

from docparse.document import RegionKind, TableStyle
from docparse.geometry import bbox_area, inside, overlaps
from docparse.options.tables import TableDetectionOptions
from docparse.pages.analysis import BBox, PageAnalysis, Word, bbox_overlap_fraction, bbox_union
from docparse.pages.document_context import DocumentContext
from docparse.regions.base import Detector, RegionProposal, is_claimed
from docparse.regions.table_frame import trim_title_and_source
from docparse.regions.table_marks import is_zebra_stripe, looks_like_chart
from docparse.tablegrid.cells import ruled_cell_groups
from docparse.tablegrid.edges import Axis, Edge, table_edges
from docparse.tablegrid.nontable import (
    crosses_prose,
    has_plotted_lines,
    is_display_math,
    is_figure_labels,
    is_prose,
    is_prose_columns,
    is_reference_list,
    is_sentence_segment,
    is_table_of_contents,
    prose_segments,
    same_text_size,
    without_lone_outer_segments,
)
from docparse.tablegrid.text import Segment, TextRow, center_inside, is_numeric, segment_rows, words_in
from docparse.tablegrid.textflow import (
    is_code_listing,
    is_columns_of_running_text,
    is_page_background,
    text_column_gutter,
)
from docparse.tablegrid.textgrid import column_bands
from docparse.tablegrid.turn import Turn, page_side, text_turn, turn_bbox, turn_page, unturn_bbox

CAPTION_RE = re.compile(r"^\s*(table|tab\.|exhibit)\s*[A-Z]?[-.–]?\d", re.IGNORECASE)  # "Table 3", "Table A-1"
LIST_MARK_RE = re.compile(r"^(\[\d{1,3}\]|\(?\d{1,3}(\.\d{1,3})*[.)]?|\(?[a-zA-Z][.)]|[•·▪◦●■□‣⁃∙*\-–—])$")


@dataclass(slots=True)
class Candidate:
    bbox: BBox
    style: TableStyle
    score: float = 1.0


def _has_text_columns(rows: Sequence[TextRow], settings: TableDetectionOptions) -> bool:
    bands = column_bands(rows, settings.grid)
    return len(bands) >= 2 and sum(1 for r in rows if len(r.segments) >= 2) >= 2


def ruled_candidates(page: PageAnalysis, edges: Sequence[Edge], settings: TableDetectionOptions) -> list[Candidate]:
    """Groups of ruled cells with text; a lone frame counts only when its text forms columns."""
    out: list[Candidate] = []
    for group in ruled_cell_groups(edges, settings.grid.intersection_tolerance):
        if is_zebra_stripe(page, group, settings.grid.max_rule_thickness):
            continue  # a shaded row of a zebra table: the text chain reads the whole table
        bbox = trim_title_and_source(bbox_union(group), group, page.words)
        group = [c for c in group if bbox[1] - 1 <= (c[1] + c[3]) / 2 <= bbox[3] + 1]
        words = words_in(bbox, page.words)
        if not words or bbox[2] - bbox[0] < 20 or bbox[3] - bbox[1] < 8:
            continue
        if looks_like_chart(page, bbox):
            continue
        filled = sum(1 for c in group if words_in(c, words))
        if len(group) >= settings.min_cells and filled >= max(2, 0.4 * len(group)):
            out.append(Candidate(bbox, TableStyle.RULED, 1.0))
            continue
        if has_plotted_lines(page, bbox) or is_page_background(bbox, page):  # a plot's frame, a page background
            continue
        rows = _rows(words, settings)
        prose = sum(1 for r in rows if _is_prose_row(r, bbox[2] - bbox[0], settings))
        multi = [r for r in rows if len(r.segments) >= 2]
        if (len(rows) >= 2 and _has_text_columns(rows, settings) and prose <= 0.2 * len(rows)
                and not _is_numbered_list(multi) and not _is_page_layout(rows, bbox)):
            out.append(Candidate(bbox, TableStyle.RULED, 0.8))
    return [open_bottom(page, extend_to_label_columns(c, page.words, _row_rules(c.bbox, edges)), edges, settings)
            for c in _merge_stacked(out)]


def open_bottom(page: PageAnalysis, cand: Candidate, edges: Sequence[Edge], settings: TableDetectionOptions) -> Candidate:
    """A grid ruled row by row whose last row is left open (a table broken at a page foot):
    the rows under the last rule that carry on its columns join it, read by the text chain
    between its rules."""
    rows = _rows(words_in(cand.bbox, page.words), settings)
    bottom = rows_below_last_stripe(page, cand.bbox, rows, page.words, settings, _row_rules(cand.bbox, edges))
    if bottom <= cand.bbox[3] + 1.0:
        return cand
    if _row_rules((cand.bbox[0], cand.bbox[3] + 3.0, cand.bbox[2], bottom + 0.5 * (bottom - cand.bbox[3])), edges):
        return cand  # the rows under the grid are closed by a rule of their own (a source line's band)
    return Candidate((cand.bbox[0], cand.bbox[1], cand.bbox[2], bottom), TableStyle.BOOKTABS, cand.score)


def _is_page_layout(rows: Sequence[TextRow], bbox: BBox) -> bool:
    """A frame or a pair of rules around a page's layout (a sidebar beside running text), not
    around a table: sentences on many rows, and most rows a single piece of text (a table with
    long text cells has its other cells beside them on most rows)."""
    width = max(1.0, bbox[2] - bbox[0])
    sentences = sum(1 for r in rows if any(is_sentence_segment(s, width) for s in r.segments))
    multi = sum(1 for r in rows if len(r.segments) >= 2)
    return sentences >= max(2, 0.25 * len(rows)) and multi <= 0.6 * len(rows)


def _line_centres(words: Sequence[Word]) -> list[float]:
    return [(w.bbox[1] + w.bbox[3]) / 2 for w in words]


def _row_rules(bbox: BBox, edges: Sequence[Edge]) -> list[float]:
    """y of the horizontal rulings that cross at least half of ``bbox``."""
    width = bbox[2] - bbox[0]
    return sorted({round(e.pos, 1) for e in edges if e.orientation is Axis.H and bbox[1] - 2 <= e.pos <= bbox[3] + 2
                   and min(e.end, bbox[2]) - max(e.start, bbox[0]) >= 0.5 * width})


def _merge_stacked(cands: list[Candidate], max_gap: float = 20.0, tol: float = 6.0) -> list[Candidate]:
    """Ruled blocks one right below the other with the same width are one table (a break in
    the rulings, not two tables)."""
    out: list[Candidate] = []
    for c in sorted(cands, key=lambda c: c.bbox[1]):
        prev = out[-1] if out else None
        if prev is not None and abs(prev.bbox[0] - c.bbox[0]) <= tol and abs(prev.bbox[2] - c.bbox[2]) <= tol and (
                0 <= c.bbox[1] - prev.bbox[3] <= max_gap):
            out[-1] = Candidate(bbox_union([prev.bbox, c.bbox]), TableStyle.RULED, min(prev.score, c.score))
        else:
            out.append(c)
    return out


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


def _rows(words: Sequence[Word], settings: TableDetectionOptions) -> list[TextRow]:
    return [r for r in segment_rows(words, settings.grid.gap_size_ratio, settings.grid.min_column_gap) if r.segments]


def _is_prose_segment(seg, width: float, settings: TableDetectionOptions) -> bool:  # noqa: ANN001
    return len(seg.words) > settings.max_prose_words and (seg.bbox[2] - seg.bbox[0]) > 0.3 * width


def _tabular(rows: Sequence[TextRow], settings: TableDetectionOptions) -> bool:
    """Short cells, not prose: the median segment is a few words, few prose-like segments."""
    segs = [s for r in rows for s in r.segments]
    if not segs:
        return False
    width = max(s.bbox[2] for s in segs) - min(s.bbox[0] for s in segs)
    counts = sorted(len(s.words) for s in segs)
    prose = sum(1 for s in segs if _is_prose_segment(s, width, settings))
    return counts[len(counts) // 2] <= settings.max_median_words and prose <= 0.2 * len(segs)


def _rule_stacks(edges: Sequence[Edge], settings: TableDetectionOptions) -> list[list[Edge]]:
    """Long horizontal rules grouped by shared extent, top to bottom."""
    rules = sorted((e for e in edges if e.orientation is Axis.H and e.length >= settings.min_rule_length),
                   key=lambda e: e.pos)
    stacks: list[list[Edge]] = []
    tol = settings.rule_extent_tolerance
    for rule in rules:
        for stack in stacks:
            top = stack[0]
            if (abs(top.start - rule.start) <= tol and abs(top.end - rule.end) <= tol
                    and rule.pos - stack[-1].pos <= settings.max_rule_stack_gap):
                stack.append(rule)
                break
        else:
            stacks.append([rule])
    return [s for s in stacks if len(s) >= 2]


def _is_prose_row(row: TextRow, width: float, settings: TableDetectionOptions) -> bool:
    """A line of running text: one long, wide segment (after a list item's mark "2." or "–")."""
    marked = len(row.segments) == 2 and LIST_MARK_RE.match(row.segments[0].text.strip())
    segs = row.segments[1:] if marked else row.segments
    return len(segs) == 1 and _is_prose_segment(segs[0], width / 0.3 * 0.5, settings)


def _interval_breaks_table(rows: Sequence[TextRow], width: float, settings: TableDetectionOptions) -> bool:
    """Text between two rules that cannot be inside one table: a caption or a paragraph."""
    prose = sum(1 for r in rows if _is_prose_row(r, width, settings))
    return any(CAPTION_RE.match(r.text) for r in rows) or prose >= 2


def split_stack(stack: Sequence[Edge], words: Sequence[Word], settings: TableDetectionOptions) -> list[list[Edge]]:
    """Cut a stack of rules where the text between two rules is a caption or a paragraph."""
    parts: list[list[Edge]] = [[stack[0]]]
    for upper, lower in zip(stack, stack[1:]):
        area = (min(upper.start, lower.start), upper.pos, max(upper.end, lower.end), lower.pos)
        rows = _rows(words_in(area, words), settings)
        if _interval_breaks_table(rows, area[2] - area[0], settings):
            parts.append([lower])
        else:
            parts[-1].append(lower)
    return [p for p in parts if len(p) >= 2]


def booktabs_candidates(page: PageAnalysis, edges: Sequence[Edge], words: Sequence[Word],
                        settings: TableDetectionOptions) -> list[Candidate]:
    """Rule-bounded blocks whose text forms ≥ 2 columns (long text cells are allowed here)."""
    out: list[Candidate] = []
    for whole in _rule_stacks(edges, settings):
        for stack in split_stack(whole, words, settings):
            bbox = (min(e.start for e in stack), stack[0].pos, max(e.end for e in stack), stack[-1].pos)
            rows = _rows(words_in(bbox, words), settings)
            body_bottom = rows_under_lone_header(bbox, rows, words, settings)
            if body_bottom is not None:  # the header of a table broken at the page foot
                bbox = (bbox[0], bbox[1], bbox[2], body_bottom)
                rows = _rows(words_in(bbox, words), settings)
            prose = sum(1 for r in rows if _is_prose_row(r, bbox[2] - bbox[0], settings))
            if len(rows) >= 2 and _has_text_columns(rows, settings) and prose <= 0.2 * len(rows) and not (
                    is_columns_of_running_text(rows) or is_code_listing(page, bbox)):
                top = header_above(bbox, words, edges, settings)
                bottom = rows_below_last_stripe(page, bbox, rows, words, settings, [e.pos for e in stack])
                bottom = max(bottom, last_row_rule_below(bbox, edges, rows, settings))
                cand = Candidate((bbox[0], top, bbox[2], bottom), TableStyle.BOOKTABS, 0.9)
                out.append(extend_to_stub_column(cand, words, [e.pos for e in stack], settings.stub_column_max_gap))
    return _drop_overlapping(out)


def last_row_rule_below(bbox: BBox, edges: Sequence[Edge], rows: Sequence[TextRow],
                        settings: TableDetectionOptions) -> float:
    """The bottom of a rule-bounded block, moved down to a shorter rule right under its last
    rule that ends where the block does but starts right of its first column (a rule under the
    last row that stops at a row-group label still running on to the next page)."""
    heights = sorted(_row_height(r) for r in rows)
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
    below = _rows([w for w in words_in((bbox[0], bbox[3], bbox[2], float("inf")), words) if w.bbox[1] >= bbox[3] - 1],
                  settings)
    bottom, found = bbox[3], False
    min_cells = max(2, -(-2 * len(header.segments) // 3))  # two thirds of the header's columns (page-column text has 2 or 3 pieces)
    for row in below:
        if row.bbox[1] - bottom > 1.2 * _row_height(row):
            break
        label = len(row.segments) == 1 and len(row.segments[0].words) <= settings.max_label_words
        if not label and not (len(row.segments) >= min_cells and _row_is_tabular(row, width, settings)
                              and _shares_gap(header, row, settings.grid.min_column_gap)):
            break
        found = found or not label
        bottom = row.bbox[3] + 1.0
    return bottom if found else None


def header_above(bbox: BBox, words: Sequence[Word], edges: Sequence[Edge], settings: TableDetectionOptions) -> float:
    """The top of the header lines that sit above the first full rule (their rules only span
    the column groups): lines with several cells, or with a partial rule below them."""
    x0, top, x1, _ = bbox
    rows = _rows([w for w in words_in((x0, top - 80, x1, top), words) if w.bbox[3] <= top + 1], settings)
    partial = [e.pos for e in edges if e.orientation is Axis.H and top - 80 < e.pos < top - 1
               and e.start >= x0 - 3 and e.end <= x1 + 3]
    for row in reversed(rows):
        if top - row.bbox[3] > 1.2 * _row_height(row) or CAPTION_RE.match(row.text):
            break
        if any(len(seg.words) > settings.max_prose_words for seg in row.segments):
            break
        if len(row.segments) < 2 and not any(row.bbox[3] - 1 <= y <= top for y in partial) and not (
                row.bbox[3] > top + 1 + settings.header_label_overlap * _row_height(row)):
            break  # a lone label reaching down into the line below is centred over two header lines
        if is_list_item_row(row):
            break
        top = row.bbox[1] - 1.0
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
    heights = sorted(_row_height(r) for r in rows)
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
    below = _rows([w for w in words_in((bbox[0], bbox[3], bbox[2], bbox[3] + 60), words) if w.bbox[1] >= bbox[3] - 1],
                  settings)
    bottom, last = bbox[3], body[-1]
    # under rules, a row filling half of the last row's cells at least (a "Source: ... date" line is no row);
    # under stripes two thirds (the two pieces of a two-column page's running text are no row of four cells)
    min_cells = max(2, -(-2 * len(last.segments) // 3)) if striped else max(2, (len(last.segments) + 1) // 2)
    taken = 0
    for row in below[:max_rows]:
        h = _row_height(row)
        if row.bbox[1] - bottom > 1.2 * h or not _row_is_tabular(row, bbox[2] - bbox[0], settings):
            break
        if len(row.segments) < min_cells:
            break
        if not _shares_gap(last, row, settings.grid.min_column_gap):
            break
        bottom, last, taken = row.bbox[3] + 1.0, row, taken + 1
    if not striped and taken and _text_flows_on(below[taken:], last, bottom, min_cells, settings):
        return bbox[3]
    return bottom


def _text_flows_on(rest: Sequence[TextRow], last: TextRow, bottom: float, min_cells: int,
                   settings: TableDetectionOptions) -> bool:
    """The rows taken under a grid ruled row by row go on past the rows an open last row can
    hold: the next line right under them has as many pieces in the same gaps. That is running
    text set in page columns under the grid, not its last row (which ends at a page foot, or
    is followed by a paragraph or a caption in one piece)."""
    if not rest:
        return False
    nxt = rest[0]
    return (nxt.bbox[1] - bottom <= 1.2 * _row_height(nxt) and len(nxt.segments) >= min_cells
            and _shares_gap(last, nxt, settings.grid.min_column_gap))


def _drop_overlapping(cands: list[Candidate]) -> list[Candidate]:
    """Wider candidates first; one that overlaps a kept one (partial rules of a column group
    stacked across two tables) is dropped."""
    kept: list[Candidate] = []
    for c in sorted(cands, key=lambda c: -(c.bbox[2] - c.bbox[0])):
        if not any(overlaps(c.bbox, k.bbox) for k in kept):
            kept.append(c)
    return kept


def _row_is_tabular(row: TextRow, width: float, settings: TableDetectionOptions) -> bool:
    """Several cells, none of them running text; a long label followed by a run of numbers
    ("MINISTRY OF CONSUMER AFFAIRS, FOOD AND PUBLIC DISTRIBUTION  344.45  205.55 …") is a
    table row whatever its label's length."""
    if len(row.segments) < 2:
        return False
    return not any(_is_prose_segment(s, width, settings) for s in row.segments) or _has_number_run(row)


def _has_number_run(row: TextRow, min_numbers: int = 3) -> bool:
    return sum(1 for s in row.segments if is_numeric(s.text)) >= min_numbers


def _row_height(row: TextRow) -> float:
    return max(1.0, row.bbox[3] - row.bbox[1])


def _runs_of_tabular_rows(rows: Sequence[TextRow], width: float, settings: TableDetectionOptions) -> list[list[TextRow]]:
    """Consecutive rows with ≥2 cells; short one-cell rows (labels, wrapped text) may sit inside."""
    runs: list[list[TextRow]] = []
    cur: list[TextRow] = []
    loose = 0
    for row in rows:
        gap_ok = bool(cur) and row.bbox[1] - cur[-1].bbox[3] <= settings.max_row_gap_ratio * _row_height(row)
        if gap_ok and len(cur) >= 3:  # a gap much larger than the run's usual pitch ends it
            pitches = sorted(b.bbox[1] - a.bbox[1] for a, b in zip(cur, cur[1:]))
            gap_ok = row.bbox[1] - cur[-1].bbox[1] <= 1.8 * pitches[len(pitches) // 2] + 1
        if _row_is_tabular(row, width, settings):
            last = next((r for r in reversed(cur) if len(r.segments) >= 2), None)
            if cur and (not gap_ok or (last is not None and not _shares_gap(last, row, settings.grid.min_column_gap))):
                runs.append(cur[: len(cur) - loose])
                cur = []
            cur.append(row)
            loose = 0
        elif cur and gap_ok and loose < 2 and len(row.words) <= settings.max_prose_words + 2 and not CAPTION_RE.match(
                row.text):
            cur.append(row)
            loose += 1
        else:
            if cur:
                runs.append(cur[: len(cur) - loose])
            cur, loose = [], 0
    if cur:
        runs.append(cur[: len(cur) - loose])
    return [r for r in runs if r]


def _gaps(row: TextRow) -> list[tuple[float, float]]:
    return [(a.bbox[2], b.bbox[0]) for a, b in zip(row.segments, row.segments[1:])]


def _shares_gap(a: TextRow, b: TextRow, min_overlap: float) -> bool:
    """Two table rows share at least one column gap (justified prose lines do not)."""
    return any(min(x1, y1) - max(x0, y0) >= min_overlap for x0, x1 in _gaps(a) for y0, y1 in _gaps(b))


def ends_paragraph(row: TextRow, prose: Sequence[Segment]) -> bool:
    """The last line of a paragraph: one piece of text right under a running-text line and
    flush with its left edge ("… reported in thousands unless stated otherwise.")."""
    return len(row.segments) == 1 and is_paragraph_tail(row.segments[0], prose)


def is_paragraph_tail(seg: Segment, prose: Sequence[Segment]) -> bool:
    """A piece of text right under a running-text line and flush with its left edge."""
    h = max(1.0, seg.bbox[3] - seg.bbox[1])
    return any(-0.3 * h <= seg.bbox[1] - s.bbox[3] <= 0.8 * h and abs(s.bbox[0] - seg.bbox[0]) <= 2.0 for s in prose)


def _extend_header(run: list[TextRow], above: Sequence[TextRow], settings: TableDetectionOptions,
                   prose: Sequence[Segment] = ()) -> list[TextRow]:
    """Add header lines just above a run: short, no caption, within the run's x-range, not
    the end of a paragraph."""
    x0, x1 = min(r.bbox[0] for r in run), max(r.bbox[2] for r in run)
    out = list(run)
    upward = list(reversed(above))
    for k, row in enumerate(upward):
        if len(out) - len(run) >= settings.grid.max_header_rows or ends_paragraph(row, prose):
            break
        if row in out:  # taken with the stub labels below it
            continue
        up = upward[k + 1] if k + 1 < len(upward) else None
        overlaps_below = row.bbox[3] > out[0].bbox[1] and not (
            is_column_group_line(row, out[0], settings.max_label_words)
            or stub_labels_under_group_line(row, up, out[0], settings.max_label_words))
        if overlaps_below or out[0].bbox[1] - row.bbox[3] > 1.2 * _row_height(row):
            break
        slack = max(20.0, 0.25 * (x1 - x0))  # header labels may overhang their columns
        if CAPTION_RE.match(row.text) or row.bbox[0] < x0 - slack or row.bbox[2] > x1 + slack:
            break
        if any(len(s.words) > settings.max_prose_words for s in row.segments):
            break
        out.insert(0, row)
        if up is not None and row.bbox[3] > out[1].bbox[1] and not is_column_group_line(row, out[1], settings.max_label_words):
            out.insert(0, up)  # the group labels' part of the header line, above the stub labels
    return out


def stub_labels_under_group_line(row: TextRow, up: TextRow | None, below: TextRow, max_words: int) -> bool:
    """``row`` holds stub labels ("Region", "Metric") centred over two header lines, read as a
    line of its own: beside the labels of the line below (never over one), with the group
    labels' line (``up``) right above it."""
    if up is None or up.bbox[3] < row.bbox[1] - 0.5 * _row_height(row) or CAPTION_RE.match(up.text):
        return False
    beside = not any(min(a.bbox[2], b.bbox[2]) - max(a.bbox[0], b.bbox[0]) > 0
                     for a in row.segments for b in below.segments)
    return beside and up.bbox[3] <= below.bbox[1] and is_column_group_line(up, below, max_words)


def is_column_group_line(row: TextRow, below: TextRow, max_words: int) -> bool:
    """The upper line of a two-line header: group labels ("2019") each over two or more
    labels of the line below, and stub labels ("Region") centred over both lines, which reach
    down into the line below only where that line is blank."""
    labels = []
    if any(len(seg.words) > max_words for seg in row.segments):
        return False
    for seg in row.segments:
        if seg.bbox[3] <= below.bbox[1]:
            labels.append((seg.bbox[0] + seg.bbox[2]) / 2)
        elif any(min(seg.bbox[2], s.bbox[2]) - max(seg.bbox[0], s.bbox[0]) > 0 for s in below.segments):
            return False  # reaches into the line below over one of its labels
    if not labels or len(below.segments) < 2:
        return False
    nearest = [min(range(len(labels)), key=lambda k: abs(labels[k] - (s.bbox[0] + s.bbox[2]) / 2)) for s in below.segments]
    return any(nearest.count(k) >= 2 for k in range(len(labels)))


def _same_size_header(page: PageAnalysis, full: list[TextRow], run: list[TextRow]) -> list[TextRow]:
    """Header lines up to the first one (going up) set in another size than the body."""
    header: list[TextRow] = []
    for row in reversed(full[: len(full) - len(run)]):
        if not same_text_size(page, row, run):
            break
        header.insert(0, row)
    return header + run


def borderless_candidates(page: PageAnalysis, words: Sequence[Word], settings: TableDetectionOptions) -> list[Candidate]:
    """Runs of aligned rows; running-text lines are left out first (a prose column beside a
    table), and a run whose box then still covers such a line is no table."""
    prose = prose_segments(_rows(words, settings))
    dropped = {id(w) for s in prose for w in s.words}
    rows = _rows([w for w in words if id(w) not in dropped], settings)
    tails = [seg for r in rows for seg in r.segments if is_paragraph_tail(seg, prose)]  # a paragraph's last line
    if tails:
        dropped |= {id(w) for seg in tails for w in seg.words}
        rows = _rows([w for w in words if id(w) not in dropped], settings)
    if not rows:
        return []
    width = max(r.bbox[2] for r in rows) - min(r.bbox[0] for r in rows)
    out: list[Candidate] = []
    for found in _runs_of_tabular_rows(rows, width, settings):
        run = without_lone_outer_segments(found)
        multi = [r for r in run if len(r.segments) >= 2]
        if len(multi) < settings.min_borderless_rows or not _tabular(run, settings):
            continue
        bands = column_bands(multi, settings.grid)
        if len(bands) < 2 or not _columns_filled(multi, bands, settings, run) or not _has_short_cells(multi):
            continue
        if len(bands) == 2 and _is_numbered_list(multi):
            continue
        start = rows.index(found[0])
        full = _same_size_header(page, _extend_header(run, rows[:start], settings, prose), run)
        box = bbox_union([r.bbox for r in full])
        if (crosses_prose(box, prose) or is_prose_columns(full, box) or is_display_math(page, full, box) or is_reference_list(full)
                or is_table_of_contents(full) or is_figure_labels(page, box) or has_plotted_lines(page, box)
                or is_columns_of_running_text(full) or is_code_listing(page, box)):
            continue
        out.append(Candidate(bbox_union([r.bbox for r in full]), TableStyle.BORDERLESS, 0.7))
    return out


def column_candidates(page: PageAnalysis, words: Sequence[Word], settings: TableDetectionOptions,
                      known: Sequence[Candidate]) -> list[Candidate]:
    """Borderless tables inside one column of a two-column page, sought in each column alone
    (page-wide, each table row also holds the other column's line beside it), where nothing
    was found page-wide."""
    gutter = text_column_gutter(prose_segments(_rows(words, settings)), settings.min_gutter_lines,
                                settings.max_gutter_crossing)
    if gutter is None:
        return []
    sides = ([w for w in words if (w.bbox[0] + w.bbox[2]) / 2 < gutter], [w for w in words if (w.bbox[0] + w.bbox[2]) / 2 >= gutter])
    return [c for part in sides if part and not _holds_text_columns(part, settings)
            for c in borderless_candidates(page, part, settings)
            if c.bbox[2] <= gutter or c.bbox[0] >= gutter
            if not any(overlaps(c.bbox, k.bbox) for k in known)]


def _holds_text_columns(words: Sequence[Word], settings: TableDetectionOptions) -> bool:
    """One side of the gutter holds a gutter of its own: two or more columns of running text
    (a three-column page split at its first gutter), whose lines side by side read as rows
    of a borderless table. Such a side is no single column to search alone."""
    return text_column_gutter(prose_segments(_rows(words, settings)), settings.min_gutter_lines,
                              settings.max_gutter_crossing) is not None


def background_panels(page: PageAnalysis, edges: Sequence[Edge], settings: TableDetectionOptions) -> list[BBox]:
    """Frames as tall as the page (the backgrounds of a spread's two pages): no tables, but
    each holds its own text (a borderless table does not run across them)."""
    boxes = [bbox_union(g) for g in ruled_cell_groups(edges, settings.grid.intersection_tolerance) if len(g) == 1]
    return [b for b in boxes if is_page_background(b, page)]


def split_by_panels(words: Sequence[Word], panels: Sequence[BBox]) -> list[list[Word]]:
    """The words of each panel, then those outside every panel (one group when no panels)."""
    parts = [[w for w in words if center_inside(w.bbox, p)] for p in panels]
    rest = [w for w in words if not any(center_inside(w.bbox, p) for p in panels)]
    return [p for p in parts + [rest] if p]


def _is_numbered_list(rows: Sequence[TextRow]) -> bool:
    """Numbered headings or list items: the first cell of every row is a list marker."""
    return all(LIST_MARK_RE.match(r.segments[0].text.strip()) for r in rows)


def _band_segments(rows: Sequence[TextRow], band: tuple[float, float]) -> list[Segment]:
    a, b = band
    return [s for r in rows for s in r.segments if min(b, s.bbox[2]) - max(a, s.bbox[0]) > 0]


def is_group_label_column(rows: Sequence[TextRow], bands: Sequence[tuple[float, float]], k: int) -> bool:
    """The first column holds sparse row-group labels ("North" beside its rows): at least two
    text labels, no numbers, and the column right of it filled on every row with numbers (the
    item stub)."""
    if k != 0 or len(bands) < 3:
        return False
    labels = _band_segments(rows, bands[0])
    body = [r for r in rows if any(is_numeric(s.text) for s in r.segments)]
    items = sum(1 for r in body if _band_segments([r], bands[1]))
    return len(labels) >= 2 and not any(is_numeric(s.text) for s in labels) and items >= len(body) > 0


def _columns_filled(rows: Sequence[TextRow], bands: Sequence[tuple[float, float]], settings: TableDetectionOptions,
                    run: Sequence[TextRow] = ()) -> bool:
    """Each column filled in ``min_column_fill`` of the rows (a stub of group labels, counted
    over the whole ``run`` with its label-only lines, is exempt)."""
    for k, band in enumerate(bands):
        filled = sum(1 for r in rows if _band_segments([r], band))
        if filled < settings.min_column_fill * len(rows) and not is_group_label_column(run or rows, bands, k):
            return False
    return True


def _has_short_cells(rows: Sequence[TextRow]) -> bool:
    """Numbers or short labels dominate: two-column prose has long segments on every row."""
    segs = [s for r in rows for s in r.segments]
    numeric = sum(1 for s in segs if is_numeric(s.text))
    short = sum(1 for s in segs if len(s.words) <= 3)
    return numeric >= 0.2 * len(segs) or short >= 0.6 * len(segs)


def _line_height(words: Sequence[Word], box: BBox) -> float:
    heights = sorted(w.bbox[3] - w.bbox[1] for w in words_in(box, words))
    return heights[len(heights) // 2] if heights else 0.0


def _merge_adjacent(cands: list[Candidate], words: Sequence[Word] = (), max_gap_lines: float = 0.0) -> list[Candidate]:
    """A borderless run right below/above a booktabs block (rule under the header only) joins
    it: across 14 pt, or, below a rule-bounded block (a ruled header over its unruled body),
    ``max_gap_lines`` of the lower block's line heights when larger."""
    out: list[Candidate] = []
    for c in sorted(cands, key=lambda c: c.bbox[1]):
        prev = out[-1] if out else None
        ruled_header = prev is not None and prev.style is TableStyle.BOOKTABS  # a rule-bounded block above
        gap = max(14.0, max_gap_lines * _line_height(words, c.bbox)) if ruled_header else 14.0
        if prev is not None and {prev.style, c.style} <= {TableStyle.BOOKTABS, TableStyle.BORDERLESS} and (
                c.bbox[1] - prev.bbox[3] <= gap and min(prev.bbox[2], c.bbox[2]) - max(prev.bbox[0], c.bbox[0])
                > 0.5 * min(prev.bbox[2] - prev.bbox[0], c.bbox[2] - c.bbox[0])):
            style = TableStyle.BOOKTABS if TableStyle.BOOKTABS in (prev.style, c.style) else TableStyle.BORDERLESS
            out[-1] = Candidate(bbox_union([prev.bbox, c.bbox]), style, max(prev.score, c.score))
        else:
            out.append(c)
    return out


class TableClassifier:
    """The first (structural) classifier: table regions from rulings and text alignment."""

    def __init__(self, settings: TableDetectionOptions | None = None) -> None:
        self.settings = settings or TableDetectionOptions()

    def find(self, page: PageAnalysis, claimed: Sequence[RegionProposal] = ()) -> list[Candidate]:
        s = self.settings
        edges = table_edges(page.drawings, s.grid)
        found = [c for c in ruled_candidates(page, edges, s)
                 if not is_claimed(c.bbox, claimed) and not is_code_listing(page, c.bbox)]  # a framed listing
        found = [c for c in found if not any(inside(c.bbox, o.bbox) and c is not o for o in found)]
        free = [w for w in page.words if not is_claimed(w.bbox, claimed)]
        booktabs = [c for c in booktabs_candidates(page, edges, free, s)
                    if not is_claimed(c.bbox, claimed) and not looks_like_chart(page, c.bbox)
                    and not has_plotted_lines(page, c.bbox) and not is_code_listing(page, c.bbox)
                    and not is_page_background(c.bbox, page)
                    and not _is_page_layout(_rows(words_in(c.bbox, free), s), c.bbox)]
        # a rule-bounded block around a ruled one (a grid inside booktabs rules) wins; other
        # blocks overlapping a ruled table are dropped
        # (a block around several ruled tables is the page's rules, not a table)
        wide = [b for b in booktabs if sum(1 for c in found if inside(c.bbox, b.bbox, 3.0)) == 1
                and any(inside(c.bbox, b.bbox, 3.0) and bbox_area(b.bbox) > 1.5 * bbox_area(c.bbox) for c in found)]
        found = [c for c in found if not any(inside(c.bbox, b.bbox, 3.0) for b in wide)]
        booktabs = wide + [b for b in booktabs if b not in wide and not any(overlaps(b.bbox, c.bbox) for c in found)]
        free = [w for w in free if not any(inside(w.bbox, c.bbox) for c in found)]
        free = [w for w in free if not any(inside(w.bbox, c.bbox) for c in booktabs)]
        borderless = [c for part in split_by_panels(free, background_panels(page, edges, s))
                      for c in borderless_candidates(page, part, s)]
        borderless += column_candidates(page, free, s, borderless + booktabs + found)
        borderless = [c for c in borderless
                      if not is_claimed(c.bbox, claimed) and not looks_like_chart(page, c.bbox, touching=True)]
        return sorted(found + _merge_adjacent(booktabs + borderless, free, s.max_header_join_gap), key=lambda c: (c.bbox[1], c.bbox[0]))

    def classify(self, page: PageAnalysis, context: DocumentContext,
                 claimed: Sequence[RegionProposal]) -> list[RegionProposal]:
        """Table regions; on a page whose text runs up or down (a sideways table), found in
        the page turned a quarter and mapped back."""
        turn, side = text_turn(page.lines), page_side(page)
        view = page if turn is Turn.NONE else turn_page(page, turn)
        seen = [replace(c, bbox=turn_bbox(c.bbox, turn, side)) for c in claimed] if turn is not Turn.NONE else claimed
        out: list[RegionProposal] = []
        for cand in self.find(view, seen):
            bbox = unturn_bbox(cand.bbox, turn, side)
            lines = [ln for ln in page.lines if bbox_overlap_fraction(ln.bbox, bbox) >= 0.5]
            if page.ocr and is_prose(lines, self.settings.max_ocr_line_words):
                continue  # OCR lines of narrow text columns side by side: short, aligned, prose
            out.append(RegionProposal(bbox=bbox, kind=RegionKind.TABLE, lines=lines,
                                      score=cand.score, detector=Detector.TABLE,
                                      table_style=cand.style))
        return out

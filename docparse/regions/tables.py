"""Structural classifier: finds ruled, booktabs and borderless tables from the PageAnalysis alone.

Ruled: the edge chain (drawings → edges → intersections → cells) gives groups of cells.
Booktabs: stacks of long horizontal rules with the same extent and column-aligned text between.
Borderless: runs of visual rows whose words fall into shared column bands, with short
(non-prose) cells; extended upwards over header lines, never over captions or paragraphs.
The proposal's ``source`` is ``table:<style>``; the table reader rebuilds the grid.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Sequence

from docparse.document import RegionKind, TableStyle
from docparse.geometry import bbox_area, inside, overlaps
from docparse.options.tables import TableDetectionOptions
from docparse.pages.analysis import BBox, PageAnalysis, Word, bbox_overlap_fraction, bbox_union
from docparse.pages.document_context import DocumentContext
from docparse.regions.base import Detector, RegionProposal, is_claimed
from docparse.regions.table_extents import (
    extend_to_label_columns,
    extend_to_stub_column,
    extend_under_header_rule,
    header_above,
    last_row_rule_below,
    open_bottom,
    row_rules,
    rows_below_last_stripe,
    rows_under_lone_header,
)
from docparse.regions.table_frame import trim_title_and_source
from docparse.regions.table_marks import is_zebra_stripe, looks_like_chart
from docparse.regions.table_rows import (
    CAPTION_RE,
    LIST_MARK_RE,
    Candidate,
    is_prose_row,
    is_prose_segment,
    row_height,
    row_is_tabular,
    rows_of,
    shares_gap,
)
from docparse.regions.table_stacks import join_inner_rule_stacks, top_rule_over
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
from docparse.tablegrid.text import Segment, TextRow, center_inside, is_numeric, words_in
from docparse.tablegrid.textflow import (
    is_code_listing,
    is_columns_of_running_text,
    is_page_background,
    text_column_gutter,
)
from docparse.tablegrid.textgrid import column_bands
from docparse.tablegrid.turn import Turn, page_side, text_turn, turn_bbox, turn_page, unturn_bbox


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
        rows = rows_of(words, settings)
        prose = sum(1 for r in rows if is_prose_row(r, bbox[2] - bbox[0], settings))
        multi = [r for r in rows if len(r.segments) >= 2]
        if (len(rows) >= 2 and _has_text_columns(rows, settings) and prose <= 0.2 * len(rows)
                and not _is_numbered_list(multi) and not _is_page_layout(rows, bbox)):
            out.append(Candidate(bbox, TableStyle.RULED, 0.8))
    return [open_bottom(page, extend_to_label_columns(c, page.words, row_rules(c.bbox, edges)), edges, settings)
            for c in _merge_stacked(out)]


def _is_page_layout(rows: Sequence[TextRow], bbox: BBox) -> bool:
    """A frame or a pair of rules around a page's layout (a sidebar beside running text), not
    around a table: sentences on many rows, and most rows a single piece of text (a table with
    long text cells has its other cells beside them on most rows)."""
    width = max(1.0, bbox[2] - bbox[0])
    sentences = sum(1 for r in rows if any(is_sentence_segment(s, width) for s in r.segments))
    multi = sum(1 for r in rows if len(r.segments) >= 2)
    return sentences >= max(2, 0.25 * len(rows)) and multi <= 0.6 * len(rows)


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


def _tabular(rows: Sequence[TextRow], settings: TableDetectionOptions) -> bool:
    """Short cells, not prose: the median segment is a few words, few prose-like segments."""
    segs = [s for r in rows for s in r.segments]
    if not segs:
        return False
    width = max(s.bbox[2] for s in segs) - min(s.bbox[0] for s in segs)
    counts = sorted(len(s.words) for s in segs)
    prose = sum(1 for s in segs if is_prose_segment(s, width, settings))
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
    return join_inner_rule_stacks([s for s in stacks if len(s) >= 2], tol)


def _lone_rules(edges: Sequence[Edge], stacks: Sequence[Sequence[Edge]], settings: TableDetectionOptions) -> list[Edge]:
    """Long horizontal rules in no stack."""
    stacked = {id(e) for s in stacks for e in s}
    return [e for e in edges if e.orientation is Axis.H and e.length >= settings.min_rule_length and id(e) not in stacked]


def _interval_breaks_table(rows: Sequence[TextRow], width: float, settings: TableDetectionOptions) -> bool:
    """Text between two rules that cannot be inside one table: a caption or a paragraph."""
    prose = sum(1 for r in rows if is_prose_row(r, width, settings))
    return any(CAPTION_RE.match(r.text) for r in rows) or prose >= 2


def split_stack(stack: Sequence[Edge], words: Sequence[Word], settings: TableDetectionOptions,
                page: PageAnalysis | None = None) -> list[list[Edge]]:
    """Cut a stack of rules where the text between two rules is a caption or a paragraph, or
    (given the ``page``) what lies between them is a chart (its frame lines stacked with the
    table's rules above it)."""
    parts: list[list[Edge]] = [[stack[0]]]
    for upper, lower in zip(stack, stack[1:]):
        area = (min(upper.start, lower.start), upper.pos, max(upper.end, lower.end), lower.pos)
        rows = rows_of(words_in(area, words), settings)
        if _interval_breaks_table(rows, area[2] - area[0], settings) or (
                page is not None and looks_like_chart(page, area)):
            parts.append([lower])
        else:
            parts[-1].append(lower)
    return [p for p in parts if len(p) >= 2]


def booktabs_candidates(page: PageAnalysis, edges: Sequence[Edge], words: Sequence[Word],
                        settings: TableDetectionOptions) -> list[Candidate]:
    """Rule-bounded blocks whose text forms ≥ 2 columns (long text cells are allowed here)."""
    out: list[Candidate] = []
    stacks = _rule_stacks(edges, settings)
    parts = [split_stack(whole, words, settings, page) for whole in stacks]
    kept = {id(e) for p in parts for stack in p for e in stack}
    # rules in no stack, and rules a caption or paragraph cut off their stack (a header rule
    # stacked with a heading's rule above the caption)
    lone = _lone_rules(edges, stacks, settings) + [e for whole in stacks for e in whole if id(e) not in kept]
    for part in parts:
        for stack in part:
            bbox = (min(e.start for e in stack), stack[0].pos, max(e.end for e in stack), stack[-1].pos)
            rows = rows_of(words_in(bbox, words), settings)
            body_bottom = rows_under_lone_header(bbox, rows, words, settings)
            if body_bottom is not None:  # the header of a table broken at the page foot
                bbox = (bbox[0], bbox[1], bbox[2], body_bottom)
                rows = rows_of(words_in(bbox, words), settings)
            prose = sum(1 for r in rows if is_prose_row(r, bbox[2] - bbox[0], settings))
            if len(rows) >= 2 and _has_text_columns(rows, settings) and prose <= 0.2 * len(rows) and not (
                    is_columns_of_running_text(rows) or is_code_listing(page, bbox)):
                top = header_above(bbox, words, edges, settings)
                bottom = rows_below_last_stripe(page, bbox, rows, words, settings, [e.pos for e in stack])
                bottom = max(bottom, last_row_rule_below(bbox, edges, rows, settings))
                over = top_rule_over(stack, lone, settings.rule_extent_tolerance, settings.top_rule_reach)
                left = bbox[0] if over is None or body_bottom is None else over.start  # the stub columns under it
                cand = Candidate((left, min(top, over.pos) if over and body_bottom else top, bbox[2], bottom),
                                 TableStyle.BOOKTABS, 0.9)
                if over is not None and body_bottom is None:
                    cand = extend_under_header_rule(cand, words, over.start, settings)
                out.append(extend_to_stub_column(cand, words, [e.pos for e in stack], settings.stub_column_max_gap))
    return _drop_overlapping(out)


def _drop_overlapping(cands: list[Candidate]) -> list[Candidate]:
    """Wider candidates first; one that overlaps a kept one (partial rules of a column group
    stacked across two tables) is dropped."""
    kept: list[Candidate] = []
    for c in sorted(cands, key=lambda c: -(c.bbox[2] - c.bbox[0])):
        if not any(overlaps(c.bbox, k.bbox) for k in kept):
            kept.append(c)
    return kept


def _runs_of_tabular_rows(rows: Sequence[TextRow], width: float, settings: TableDetectionOptions) -> list[list[TextRow]]:
    """Consecutive rows with ≥2 cells; short one-cell rows (labels, wrapped text) may sit inside."""
    runs: list[list[TextRow]] = []
    cur: list[TextRow] = []
    loose = 0
    for row in rows:
        gap_ok = bool(cur) and row.bbox[1] - cur[-1].bbox[3] <= settings.max_row_gap_ratio * row_height(row)
        # a gap much larger than the run's usual pitch ends it; the pitch of its rows of cells (a
        # row-group label centred between two rows is a line of its own, half a pitch apart)
        multi = [r for r in cur if len(r.segments) >= 2]
        if gap_ok and len(multi) >= 3:
            pitches = sorted(b.bbox[1] - a.bbox[1] for a, b in zip(multi, multi[1:]))
            gap_ok = row.bbox[1] - cur[-1].bbox[1] <= 1.8 * pitches[len(pitches) // 2] + 1
        if row_is_tabular(row, width, settings):
            last = next((r for r in reversed(cur) if len(r.segments) >= 2), None)
            if cur and (not gap_ok or (last is not None and not shares_gap(last, row, settings.grid.min_column_gap))):
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
        if overlaps_below or out[0].bbox[1] - row.bbox[3] > 1.2 * row_height(row):
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
    if up is None or up.bbox[3] < row.bbox[1] - 0.5 * row_height(row) or CAPTION_RE.match(up.text):
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
    prose = prose_segments(rows_of(words, settings))
    dropped = {id(w) for s in prose for w in s.words}
    rows = rows_of([w for w in words if id(w) not in dropped], settings)
    tails = [seg for r in rows for seg in r.segments if is_paragraph_tail(seg, prose)]  # a paragraph's last line
    if tails:
        dropped |= {id(w) for seg in tails for w in seg.words}
        rows = rows_of([w for w in words if id(w) not in dropped], settings)
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
                      known: Sequence[Candidate], page_wide: Sequence[Candidate] = ()) -> list[Candidate]:
    """Borderless tables inside one column of a two-column page, sought in each column alone
    (page-wide, each table row also holds the other column's line beside it), where nothing
    was found page-wide, or where what was found page-wide is only a part of the table found
    in the column (a caption beside it in the other column broke the page-wide rows)."""
    gutter = text_column_gutter(prose_segments(rows_of(words, settings)), settings.min_gutter_lines,
                                settings.max_gutter_crossing)
    if gutter is None:
        return []
    sides = ([w for w in words if (w.bbox[0] + w.bbox[2]) / 2 < gutter], [w for w in words if (w.bbox[0] + w.bbox[2]) / 2 >= gutter])
    return [c for part in sides if part and not _holds_text_columns(part, settings)
            for c in borderless_candidates(page, part, settings)
            if c.bbox[2] <= gutter or c.bbox[0] >= gutter
            if not any(overlaps(c.bbox, k.bbox) for k in known)
            and not any(overlaps(c.bbox, k.bbox) and not inside(k.bbox, c.bbox, 1.0) for k in page_wide)]


def _holds_text_columns(words: Sequence[Word], settings: TableDetectionOptions) -> bool:
    """One side of the gutter holds a gutter of its own: two or more columns of running text
    (a three-column page split at its first gutter), whose lines side by side read as rows
    of a borderless table. Such a side is no single column to search alone."""
    return text_column_gutter(prose_segments(rows_of(words, settings)), settings.min_gutter_lines,
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
                    and not _is_page_layout(rows_of(words_in(c.bbox, free), s), c.bbox)]
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
        in_columns = column_candidates(page, free, s, booktabs + found, borderless)
        borderless = [b for b in borderless if not any(inside(b.bbox, c.bbox, 1.0) for c in in_columns)] + in_columns
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

"""The chain for tables without a full grid of rulings (booktabs and borderless).

segments → column bands (whitespace shared by the rows) → placement (a segment crossing a
band gap is a colspan) → continuation lines joined (multi-line cells) → header rows (a rule
below the header, or the rows above the first numbers) → header rowspans.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from docparse.options.tables import GridOptions
from docparse.pages.analysis import BBox, Word, bbox_union
from docparse.pages.rtl import is_rtl_text
from docparse.tablegrid.grid import GridCell, detect_header_rows, fill_holes
from docparse.tablegrid.rowgroups import group_label_rows, stub_row_groups
from docparse.tablegrid.rulegroups import rule_bounded_groups
from docparse.tablegrid.text import (
    Segment,
    TextRow,
    is_numeric,
    is_value,
    segment_rows,
    split_at_wide_spaces,
    split_row_numbers,
    words_in,
)

Band = tuple[float, float]
_RES = 2.0  # coverage samples per point


def _coverage(rows: Sequence[TextRow], x0: float, n: int) -> list[int]:
    cov = [0] * n
    for row in rows:
        marked = [False] * n
        for seg in row.segments:
            a = max(0, int((seg.bbox[0] - x0) * _RES))
            b = min(n, int((seg.bbox[2] - x0) * _RES) + 1)
            for i in range(a, b):
                marked[i] = True
        for i in range(n):
            cov[i] += marked[i]
    return cov


def _runs(flags: Sequence[bool]) -> list[tuple[int, int]]:
    runs, start = [], None
    for i, f in enumerate(list(flags) + [False]):
        if f and start is None:
            start = i
        elif not f and start is not None:
            runs.append((start, i))
            start = None
    return runs


def _split_at_gaps(lo: int, hi: int, cov: Sequence[int], level: int, min_w: int) -> list[tuple[int, int]]:
    """Split ``[lo, hi)`` at runs of coverage ≤ ``level`` flanked by denser text on both sides."""
    gaps = [(a + lo, b + lo) for a, b in _runs([c <= level for c in cov[lo:hi]])]
    gaps = [(a, b) for a, b in gaps if a > lo and b < hi and b - a >= min_w]
    bands, start = [], lo
    for k, (a, b) in enumerate(gaps):
        end = gaps[k + 1][0] if k + 1 < len(gaps) else hi
        if max(cov[start:a]) > level and max(cov[b:end]) > level:
            bands.append((start, a))
            start = b
    bands.append((start, hi))
    return bands


def _split_soft(lo: int, hi: int, cov: Sequence[int], min_w: int, allowed: int, ratio: float) -> list[tuple[int, int]]:
    """Split level by level (whitespace crossed by 1 row, then 2, …) while the crossing rows
    stay a small share (``ratio``) of the band's rows, or at most ``allowed``."""
    bands = [(lo, hi)]
    level = 1
    while True:
        limit_ok = [b for b in bands if level <= max(allowed, ratio * max(cov[b[0]:b[1]], default=0))]
        if not limit_ok:
            return bands
        out: list[tuple[int, int]] = []
        for band in bands:
            if band in limit_ok:
                out.extend(_split_at_gaps(band[0], band[1], cov, level, min_w))
            else:
                out.append(band)
        bands = out
        level += 1


def column_bands(rows: Sequence[TextRow], settings: GridOptions) -> list[Band]:
    """Column x-ranges: first split at empty whitespace, then at whitespace crossed by few rows."""
    segs = [s for r in rows for s in r.segments]
    if not segs:
        return []
    x0 = min(s.bbox[0] for s in segs)
    x1 = max(s.bbox[2] for s in segs)
    n = int((x1 - x0) * _RES) + 2
    cov = _coverage(rows, x0, n)
    min_w = max(1, int(min_gap_for(segs, settings) * _RES))
    hard = _split_at_gaps(0, n, cov, 0, min_w)
    allowed = max(1, int(settings.max_spanning_fraction * len(rows)))
    bands: list[tuple[int, int]] = []
    for lo, hi in hard:
        bands.extend(_split_soft(lo, hi, cov, min_w, allowed, settings.soft_gap_ratio))
    out = []
    for lo, hi in bands:
        occupied = [i for i in range(lo, hi) if cov[i] > 0]
        if occupied:
            out.append((x0 + occupied[0] / _RES, x0 + (occupied[-1] + 1) / _RES))
    return drop_header_only_bands(drop_overhang_bands(out, segs), rows)


def min_gap_for(segs: Sequence[Segment], settings: GridOptions) -> float:
    """The narrowest whitespace that separates two columns: ``min_column_gap``, or less in
    small print (``gap_size_ratio`` of the median text height, the gap that splits cells), or
    in number columns set tight (``value_gap_ratio``, the gap that splits two numbers)."""
    heights = sorted(s.height for s in segs)
    ratio = min(settings.gap_size_ratio, settings.value_gap_ratio)
    return min(settings.min_column_gap, ratio * heights[len(heights) // 2])


def drop_header_only_bands(bands: list[Band], rows: Sequence[TextRow]) -> list[Band]:
    """A band used by header lines only (above the first row of numbers) is no column: a group
    label centred over the columns below ("Control" over Public | Private), or header labels
    set flush left over right-aligned numbers (each line of a two-line header)."""
    first_body = next((i for i, r in enumerate(rows) if sum(1 for s in r.segments if is_value(s.text)) >= 2), 0)
    if first_body == 0:
        return bands
    keep = []
    for k, band in enumerate(bands):
        users = {i for i, r in enumerate(rows) for s in r.segments if _columns_of(s, bands) == (k, k)}
        if users and max(users) < first_body and not is_empty_stub_column(k, bands, rows, users):
            continue
        keep.append(band)
    return keep or bands


def is_empty_stub_column(k: int, bands: Sequence[Band], rows: Sequence[TextRow], users: set[int]) -> bool:
    """The first band, its header label ending short of the next band, with no body text under
    it: the stub column of a table's part whose group labels stayed on the previous page
    ("Region" over an empty column, then "Metric"), not a group label centred over columns."""
    if k != 0 or len(bands) < 2:
        return False
    return all(s.bbox[2] < bands[1][0] for i in users for s in rows[i].segments if _columns_of(s, bands) == (0, 0))


def drop_overhang_bands(bands: list[Band], segs: Sequence[Segment]) -> list[Band]:
    """A band that no segment lies in alone is only the overhang of wide (spanning) text."""
    own = [0] * len(bands)
    for seg in segs:
        c0, c1 = _columns_of(seg, bands)
        if c0 == c1:
            own[c0] += 1
    return [b for b, n in zip(bands, own) if n > 0] or bands


def _columns_of(seg: Segment, bands: Sequence[Band]) -> tuple[int, int]:
    """First and last band a segment covers (by overlap; nearest band when it overlaps none).

    Text of several words that reaches over most of the whitespace beside its band spans the
    neighbouring band too (a merged cell's text centred over both columns)."""
    hit = [i for i, (a, b) in enumerate(bands) if min(b, seg.bbox[2]) - max(a, seg.bbox[0]) > 0.5]
    cx = (seg.bbox[0] + seg.bbox[2]) / 2
    if hit and len(seg.words) > 1:  # text reaching over most of a column gap spans that gap
        first, last = hit[0], hit[-1]
        if first > 0 and _covers_gap(seg, bands[first - 1][1], bands[first][0]):
            first -= 1
        if last + 1 < len(bands) and _covers_gap(seg, bands[last][1], bands[last + 1][0]):
            last += 1
        return first, last
    if hit:
        return hit[0], hit[-1]
    i = min(range(len(bands)), key=lambda k: min(abs(cx - bands[k][0]), abs(cx - bands[k][1])))
    return i, i


def _covers_gap(seg: Segment, gap_x0: float, gap_x1: float) -> bool:
    width = gap_x1 - gap_x0
    covered = min(seg.bbox[2], gap_x1) - max(seg.bbox[0], gap_x0)
    return width > 0 and covered >= 0.5 * width


@dataclass(slots=True)
class _Placed:
    col: int
    colspan: int
    texts: list[str]
    bbox: BBox


@dataclass(slots=True)
class _Row:
    cells: dict[int, _Placed]
    bbox: BBox
    lines: int = 1
    flush_left: bool = False  # placed label by label by :func:`flush_left_slots`

    @property
    def filled(self) -> set[int]:
        return set(self.cells)

    @property
    def numeric(self) -> int:
        return sum(1 for p in self.cells.values() if is_numeric(" ".join(p.texts)))


def place_row(row: TextRow, bands: Sequence[Band], flush_left: bool = False) -> _Row:
    """One visual row's segments in their columns; with ``flush_left`` (the table's header
    labels are set flush left in their cells) labels go by :func:`flush_left_slots` first."""
    slots = flush_left_slots(row.segments, bands) if flush_left else None
    if slots is not None:
        return _Row({k: _Placed(k, 1, [seg.text], seg.bbox) for k, seg in zip(slots, row.segments)}, row.bbox,
                    flush_left=True)
    cells: dict[int, _Placed] = {}
    for seg in row.segments:
        c0, c1 = _columns_of(seg, bands)
        if c0 in cells:  # two segments in one band: one cell (right to left: the later one first)
            p = cells[c0]
            p.texts[-1] = seg.text + " " + p.texts[-1] if is_rtl_text(seg.text) else p.texts[-1] + " " + seg.text
            p.bbox = bbox_union([p.bbox, seg.bbox])
            p.colspan = max(p.colspan, c1 - c0 + 1)
        else:
            cells[c0] = _Placed(c0, c1 - c0 + 1, [seg.text], seg.bbox)
    if len(cells) < len(row.segments) and labels_in_slots(row.segments, bands):
        cells = {k: _Placed(k, 1, [seg.text], seg.bbox) for k, seg in enumerate(row.segments)}
    elif len(cells) < len(row.segments) and (slots := flush_left_slots(row.segments, bands)) is not None:
        return _Row({k: _Placed(k, 1, [seg.text], seg.bbox) for k, seg in zip(slots, row.segments)}, row.bbox,
                    flush_left=True)
    return _Row(cells=cells, bbox=row.bbox)


def place_rows(rows: Sequence[TextRow], bands: Sequence[Band]) -> list[_Row]:
    """Every row placed; when one header line (above the first row of values) holds labels
    that only fit flush left in their cells, the other header lines are read the same way
    (a group label "Volume" starts where the "Low" under it starts, not over the numbers
    nearest to it)."""
    placed = [place_row(r, bands) for r in rows]
    first_body = next((i for i, r in enumerate(rows) if sum(1 for s in r.segments if is_value(s.text)) >= 2), 0)
    if any(p.flush_left for p in placed[:first_body]):
        placed[:first_body] = [place_row(r, bands, flush_left=True) for r in rows[:first_body]]
    return placed


def flush_left_slots(segments: Sequence[Segment], bands: Sequence[Band]) -> list[int] | None:
    """Text labels set flush left in their cells over right-aligned numbers ("Low" … "Mid"
    each starting right after the previous column's numbers): each label's column is the one
    whose text ends first right of the label's left edge, and the label stops short of the
    next column's text. None unless every label gets a column of its own."""
    if any(is_value(s.text) for s in segments):
        return None
    slots = []
    for seg in segments:
        k = next((i for i, (_, b) in enumerate(bands) if seg.bbox[0] < b), None)
        if k is None or (k + 1 < len(bands) and seg.bbox[2] > bands[k + 1][0]):
            return None
        slots.append(k)
    return slots if len(set(slots)) == len(slots) else None


def split_at_column_starts(rows: list[TextRow], bands: Sequence[Band], tol: float = 1.5,
                           min_starts: int = 3) -> list[TextRow]:
    """A segment running over two columns is split where one of its words starts exactly at
    the left edge of a column that at least ``min_starts`` rows start at ("No. Exercise" over
    a right-aligned number column and a left-aligned label column)."""
    starts = [a for a, _ in bands
              if sum(1 for r in rows for s in r.segments if abs(s.bbox[0] - a) <= tol) >= min_starts]
    for row in rows:
        out: list[Segment] = []
        for seg in row.segments:
            cut = [i for i, w in enumerate(seg.words) if i > 0 and any(abs(w.bbox[0] - a) <= tol
                   and seg.words[i - 1].bbox[2] < a for a in starts)]
            pieces = [seg.words[i:j] for i, j in zip([0, *cut], [*cut, len(seg.words)], strict=True)]
            out.extend(Segment(p, bbox_union([w.bbox for w in p])) for p in pieces)
        row.segments = out
    return rows


def labels_in_slots(segments: Sequence[Segment], bands: Sequence[Band]) -> bool:
    """One text label per column, each between its neighbours' columns: a header row whose
    labels are set apart from their column's text (left-aligned labels over right-aligned
    numbers) is placed label by label, not by overlap."""
    if len(segments) != len(bands) or any(is_value(s.text) for s in segments):
        return False
    for k, seg in enumerate(segments):
        cx = (seg.bbox[0] + seg.bbox[2]) / 2
        lo = bands[k - 1][1] if k > 0 else float("-inf")
        hi = bands[k + 1][0] if k + 1 < len(bands) else float("inf")
        if not lo <= cx <= hi:
            return False
    return True


def _starts_lower(row: _Row) -> bool:
    first = row.cells[min(row.cells)].texts[0].lstrip("(\"'")
    return bool(first) and first[0].islower()


def _join(upper: _Row, lower: _Row) -> _Row:
    cells = dict(upper.cells)
    for c, p in lower.cells.items():
        if c in cells:
            q = cells[c]
            cells[c] = _Placed(c, max(q.colspan, p.colspan), q.texts + p.texts, bbox_union([q.bbox, p.bbox]))
        else:
            cells[c] = p
    return _Row(cells=cells, bbox=bbox_union([upper.bbox, lower.bbox]), lines=upper.lines + lower.lines)


def _rule_between(a: _Row, b: _Row, rules: Sequence[float]) -> bool:
    return any(a.bbox[3] - 1 <= y <= b.bbox[1] + 1 for y in rules)


def _key_column(rows: Sequence[_Row]) -> int | None:
    """The column that holds a text label on the most rows of values, when every such row fills it."""
    valued = [r for r in rows if r.numeric]
    counts: dict[int, int] = {}
    for r in valued:
        for c, p in r.cells.items():
            if not is_numeric(" ".join(p.texts)):
                counts[c] = counts.get(c, 0) + 1
    if not counts:
        return None
    key = max(sorted(counts), key=lambda c: counts[c])
    return key if all(key in r.filled for r in valued) else None


def _aligned_under(row: _Row, prev: _Row, tol: float = 3.0) -> bool:
    """Each piece of ``row`` starts or ends where the cell above it does, one column wide (a
    cell's next line, not a label centred across the table)."""
    return all(p.colspan == 1 and (abs(p.bbox[0] - prev.cells[c].bbox[0]) <= tol or abs(p.bbox[2] - prev.cells[c].bbox[2]) <= tol)
               for c, p in row.cells.items())


def join_continuations(rows: list[_Row], rules: Sequence[float]) -> list[_Row]:
    """Join the lines of multi-line cells into one row.

    A line continues the row above when it fills only columns the row above fills, has no
    numbers and either starts in lower case or sits closer than the usual row pitch. A
    label-only line joins the row below when that row's label starts in lower case.
    """
    if len(rows) < 2:
        return rows
    pitches = sorted(b.bbox[1] - a.bbox[1] for a, b in zip(rows, rows[1:]))
    usual = pitches[len(pitches) // 2]
    key = _key_column(rows)  # every row of values names itself in this column (the stub; the last one in RTL)
    out: list[_Row] = [rows[0]]
    for row in rows[1:]:
        prev = out[-1]
        pitch = row.bbox[1] - prev.bbox[1] if prev.lines == 1 else row.bbox[1] - (prev.bbox[3] - (row.bbox[3] - row.bbox[1]))
        close = pitch < 0.8 * usual or pitch < 0.8 * (row.bbox[3] - row.bbox[1])  # offset half a line
        if _rule_between(prev, row, rules):
            out.append(row)
        elif row.filled <= prev.filled and row.numeric == 0 and (close or _starts_lower(row)):
            out[-1] = _join(prev, row)
        elif key is not None and key not in row.filled and row.filled <= prev.filled and row.numeric == 0 and prev.numeric and (
                _aligned_under(row, prev)):
            out[-1] = _join(prev, row)  # a wrapped cell's second line ('Small' / 'Business'), rows set solid
        elif prev.filled == {min(row.filled)} and min(row.filled) == 0 and prev.numeric == 0 and (
                len(row.filled) > 1 and (_starts_lower(row) or close) and len(out) > 1):
            out[-1] = _join(prev, row)
        elif prev.filled == {0} and prev.numeric == 0 and 0 not in row.filled and row.numeric and close:
            out[-1] = _join(prev, row)  # the values of a multi-line label sit on its second line
        else:
            out.append(row)
    return out


def _group_colspans(cells: list[GridCell], header_rows: int, bands: Sequence[Band],
                    partial_rules: Sequence[tuple[float, float, float]], aligned: frozenset[int] = frozenset()
                    ) -> list[GridCell]:
    """A header label over several sub-column labels spans them: a partial rule under it
    (booktabs ``cmidrule``) or the label centred over the sub-columns tells how many. Labels
    in ``aligned`` (ids) already span as far as their alignment tells."""
    if header_rows < 2:
        return cells
    at = {(c.row, k): c for c in cells if c.text.strip() for k in range(c.col, c.col + c.colspan)}
    labels = [c for c in cells if c.row < header_rows - 1 and c.text.strip()]
    for c in labels:
        if id(c) in aligned:
            continue
        row_mates = [o for o in labels if o.row == c.row and o is not c]
        free = [k for k in range(len(bands)) if any((r, k) in at for r in range(c.row + 1, header_rows)) and (
            (c.row, k) not in at or at[(c.row, k)] is c) and nearest_label(bands[k], c, row_mates)]
        own = _own_rules(c, row_mates, partial_rules)
        span = _span_by_rule(c, bands, own) or _span_by_centre(c, bands, free)
        if (span is None or span[0] == span[1]) and not row_mates:
            span = lone_label_over_values(c, bands, free, value_columns(cells, header_rows, len(bands)))
        if span is None or span[1] - span[0] + 1 <= c.colspan:
            continue
        if any((c.row, k) in at and at[(c.row, k)] is not c for k in range(span[0], span[1] + 1)):
            continue
        c.col, c.colspan = span[0], span[1] - span[0] + 1
        for k in range(span[0], span[1] + 1):
            at[(c.row, k)] = c
    return cells


def value_columns(cells: Sequence[GridCell], header_rows: int, n_cols: int) -> set[int]:
    """Columns whose body cells are mostly numbers (not the stub columns of row labels)."""
    out = set()
    for k in range(n_cols):
        texts = [c.text for c in cells if c.row >= header_rows and c.col == k and c.colspan == 1 and c.text.strip()]
        if texts and sum(1 for t in texts if is_numeric(t)) >= 0.5 * len(texts):
            out.add(k)
    return out


def lone_label_over_values(c: GridCell, bands: Sequence[Band], free: Sequence[int],
                           values: set[int]) -> tuple[int, int] | None:
    """The only label of its header line, set over value columns that have sub-labels below
    it but neither centred nor underlined ("2017" right-aligned over Actual | Plan | Var.):
    it spans the run of those value columns it stands in."""
    run = [k for k in free if k in values]
    if c.col not in run:
        return None
    lo = hi = c.col
    while lo - 1 in run:
        lo -= 1
    while hi + 1 in run:
        hi += 1
    inside = bands[lo][0] - 1 <= c.bbox[0] and c.bbox[2] <= bands[hi][1] + 1
    return (lo, hi) if hi > lo and inside else None


def nearest_label(band: Band, c: GridCell, row_mates: Sequence[GridCell]) -> bool:
    """The column's centre is nearer to ``c``'s centre than to any other group label of its
    header line: a column group ("2021" over Q1 Q2 Q3) never reaches under half of the next
    group's columns ("2022" over the next Q1 Q2 Q3), however the centres line up."""
    mid = (band[0] + band[1]) / 2
    own = abs(mid - (c.bbox[0] + c.bbox[2]) / 2)
    return all(own <= abs(mid - (o.bbox[0] + o.bbox[2]) / 2) for o in row_mates)


def _own_rules(c: GridCell, row_labels: Sequence[GridCell],
               rules: Sequence[tuple[float, float, float]]) -> list[tuple[float, float, float]]:
    """The partial rules under ``c`` that no other label of its row sits over (a rule drawn on
    under two group labels tells neither how far it reaches)."""
    def under(rule: tuple[float, float, float], o: GridCell) -> bool:
        return rule[1] - 2 <= (o.bbox[0] + o.bbox[2]) / 2 <= rule[2] + 2
    return [r for r in rules if not any(under(r, o) for o in row_labels)]


def _span_by_rule(c: GridCell, bands: Sequence[Band], rules: Sequence[tuple[float, float, float]]) -> tuple[int, int] | None:
    cx = (c.bbox[0] + c.bbox[2]) / 2
    for y, x0, x1 in rules:
        if 0 <= y - c.bbox[3] <= 8 and x0 - 2 <= cx <= x1 + 2:
            inside = [k for k, (a, b) in enumerate(bands) if a >= x0 - 4 and b <= x1 + 4]
            if len(inside) >= 2:
                return inside[0], inside[-1]
    return None


def _span_by_centre(c: GridCell, bands: Sequence[Band], free: Sequence[int]) -> tuple[int, int] | None:
    """The widest run of sub-columns around the label whose centre is the label's centre."""
    cx = (c.bbox[0] + c.bbox[2]) / 2
    best = None
    for a in free:
        for b in free:
            if b < a or any(k not in free for k in range(a, b + 1)) or not a <= c.col <= b and not (
                    a <= c.col + c.colspan - 1 <= b):
                continue
            x0, x1 = bands[a][0], bands[b][1]
            if x0 - 1 <= c.bbox[0] and c.bbox[2] <= x1 + 1 and abs((x0 + x1) / 2 - cx) <= 0.12 * (x1 - x0) + 2:
                if best is None or b - a > best[1] - best[0]:
                    best = (a, b)
    return best


def _header_rowspans(cells: list[GridCell], header_rows: int) -> list[GridCell]:
    """In a multi-row header a label with nothing above/below it spans the header height."""
    if header_rows < 2:
        return cells
    taken = {(r, k) for c in cells if c.text.strip() for r in range(c.row, c.row + c.rowspan)
             for k in range(c.col, c.col + c.colspan)}
    for c in sorted((c for c in cells if c.row < header_rows and c.text.strip()), key=lambda c: c.row):
        cols = range(c.col, c.col + c.colspan)
        top = c.row
        while top > 0 and not any((top - 1, k) in taken for k in cols):
            top -= 1
        bottom = c.row + c.rowspan
        while bottom < header_rows and not any((bottom, k) in taken for k in cols):
            bottom += 1
        taken |= {(r, k) for r in range(top, bottom) for k in cols}
        c.row, c.rowspan = top, bottom - top
    return sorted(cells, key=lambda c: (c.row, c.col))


def _clean_overlaps(cells: list[GridCell]) -> list[GridCell]:
    """Shrink colspans that run into a cell placed later in the same row."""
    by_row: dict[int, list[GridCell]] = {}
    for c in cells:
        by_row.setdefault(c.row, []).append(c)
    for row in by_row.values():
        row.sort(key=lambda c: c.col)
        for a, b in zip(row, row[1:]):
            if a.col + a.colspan > b.col:
                a.colspan = max(1, b.col - a.col)
    return cells


def text_grid(words: Sequence[Word], area: BBox, rules: Sequence[float], settings: GridOptions,
              partial_rules: Sequence[tuple[float, float, float]] = (),
              stripes: Sequence[float] = (), fills: Sequence[BBox] = ()) -> tuple[list[GridCell], int]:
    """Cells and header-row count of a table without a full grid of rulings inside ``area``.

    ``rules`` are the y positions of horizontal rulings crossing the table (booktabs);
    ``partial_rules`` (y, x0, x1) are shorter ones (``cmidrule`` under column groups);
    ``stripes`` the y of zebra stripe sides among ``rules`` (row boundaries, no header rule);
    ``fills`` the shaded boxes inside ``area`` (a group title row shaded across the table).
    """
    rows = segment_rows(words_in(area, words), settings.gap_size_ratio, settings.min_column_gap,
                        settings.value_gap_ratio)
    rows = split_row_numbers([r for r in rows if r.segments])
    rows = split_at_wide_spaces(rows, settings.wide_space_factor, settings.value_gap_ratio)
    if not rows:
        return [], 0
    bands = column_bands(rows, settings)
    if not bands:
        return [], 0
    rows = split_at_column_starts(rows, bands)
    placed = join_continuations(place_rows(rows, bands), rules)
    inner_rules = [y for y in rules if area[1] + 2 < y < area[3] - 2
                   and not any(abs(y - s) <= 1.5 for s in stripes)]  # zebra stripes: no header rule
    placed = join_centred_labels(join_stacked_header(placed, _header_rule(placed, inner_rules)))
    cells: list[GridCell] = []
    for r, row in enumerate(placed):
        for p in row.cells.values():
            cells.append(GridCell(r, p.col, 1, p.colspan, " ".join(p.texts), p.bbox))
    cells = _clean_overlaps(cells)
    rule_y = _header_rule(placed, inner_rules)
    header = detect_header_rows(cells, len(placed), settings.max_header_rows, rule_y)
    cells, aligned = flush_left_group_spans(cells, header, len(bands), any(p.flush_left for p in placed[:header]))
    cells = _group_colspans(cells, header, bands, partial_rules, aligned)
    cells, n_rows = rule_bounded_groups(_header_rowspans(cells, header), header, len(placed), rules, partial_rules,
                                         fills)
    cells, n_rows = stub_row_groups(cells, header, n_rows)
    cells = group_label_rows(_label_rowspans(cells, header, n_rows), header, n_rows, bands, fills,
                             settings.flush_title_tolerance)
    cells = fill_holes(cells, n_rows, len(bands))
    return cells, header


def _label_rowspans(cells: list[GridCell], header_rows: int, n_rows: int) -> list[GridCell]:
    """Two label columns (group, item): an empty group slot continues the group above (rowspan)."""
    at = {(c.row, c.col): c for c in cells if c.text.strip()}
    body = range(header_rows, n_rows)
    if len(body) < 3 or not all((r, 1) in at and not is_numeric(at[(r, 1)].text) for r in body):
        return cells
    if (header_rows, 0) not in at or any(c.col == 0 and c.colspan > 1 and c.row >= header_rows for c in cells):
        return cells
    if sum(1 for r in body if (r, 0) in at) >= len(body):
        return cells
    if any(is_numeric(at[(r, 0)].text) for r in body if (r, 0) in at):
        return cells
    owner = None
    for r in body:
        if (r, 0) in at:
            owner = at[(r, 0)]
        elif owner is not None:
            owner.rowspan = r - owner.row + 1
    return cells


def join_stacked_header(rows: list[_Row], rule_y: float | None) -> list[_Row]:
    """Header lines above the header rule that stack bottom-aligned labels (each line fills
    the columns of the line above and more, no label spans columns, no numbers) are one row:
    each column's label is one multi-line cell."""
    if rule_y is None:
        return rows
    above = [r for r in rows if r.bbox[3] <= rule_y + 1]
    if len(above) < 2 or len(above) == len(rows):
        return rows
    out = [above[0]]
    for row in above[1:]:
        prev = out[-1]
        if (prev.filled <= row.filled and prev.numeric == 0 and row.numeric == 0 and _wraps_onto(prev, row)
                and all(p.colspan == 1 for p in (*prev.cells.values(), *row.cells.values()))):
            out[-1] = _join(prev, row)
        else:
            out.append(row)
    return out + rows[len(above):]


def _wraps_onto(upper: _Row, lower: _Row, tol: float = 2.0) -> bool:
    """Each label of the upper line sits over the label below it (one wrapped label), not
    between columns (a group label centred over several)."""
    for c, p in upper.cells.items():
        q = lower.cells[c]
        centre = (p.bbox[0] + p.bbox[2]) / 2
        if not q.bbox[0] - tol <= centre <= q.bbox[2] + tol:
            return False
    return True


def _header_rule(rows: Sequence[_Row], rules: Sequence[float], max_header_rows: int = 4) -> float | None:
    """The rule under a booktabs header: the first rule below the first text row, or, when the
    header is ruled line by line ("Budget 2014-2015" / Plan | Non-Plan / Revenue | Capital …),
    the last rule above the first row of numbers within ``max_header_rows`` rows."""
    if not rows or not rules:
        return None
    below = [y for y in sorted(rules) if y > rows[0].bbox[1]]
    if not below:
        return None
    body = next((r for r in rows[:max_header_rows + 1] if r.numeric >= 2), None)
    above_body = [y for y in below if body is not None and y <= body.bbox[1] + 1]
    if body is not None and not above_body and body is not rows[0] and _values(body) >= 2 and evenly_spaced(below):
        return None  # rules under every body row, none between header and body: the numbers tell
    values = next((r for r in rows[:max_header_rows + 1] if _values(r) >= 2), None)
    if values is not None and values is not rows[0] and below[0] > values.bbox[3]:
        return None  # the first rule lies below the first row of values (a header set on a fill): the numbers tell
    return above_body[-1] if len(above_body) > 1 else below[0]


def evenly_spaced(rules: Sequence[float], min_rules: int = 3, tol: float = 0.15) -> bool:
    """Rules one row pitch apart all the way (a rule under every row, "hlines"), not a header
    rule and a bottom rule."""
    gaps = [b - a for a, b in zip(rules, rules[1:])]
    if len(rules) < min_rules:
        return False
    mid = sorted(gaps)[len(gaps) // 2]
    return all(abs(g - mid) <= tol * mid for g in gaps)


def _values(row: _Row) -> int:
    return sum(1 for p in row.cells.values() if is_value(" ".join(p.texts)))


def _first_values_row(rows: Sequence[_Row]) -> int:
    return next((i for i, r in enumerate(rows) if r.numeric >= 2), 0)


def join_centred_labels(rows: list[_Row]) -> list[_Row]:
    """A header line between two header lines holding labels only in columns both of them
    leave blank ("Region" centred beside the two lines "Backlog | Volume" and "Low | Mid …")
    is part of the lower line; the label then spans the header's lines (and the upper line
    keeps only its group labels)."""
    out = list(rows)
    k = 1
    while k + 1 < _first_values_row(out):
        up, row, down = out[k - 1], out[k], out[k + 1]
        between = up.bbox[1] < row.bbox[1] and row.bbox[3] < down.bbox[3]
        if between and row.numeric == 0 and not row.filled & (up.filled | down.filled):
            out[k:k + 2] = [_join(row, down)]
        else:
            k += 1
    return out


def _aligned_with_label_below(c: GridCell, cells: Sequence[GridCell], header_rows: int, side: int,
                              tol: float = 1.5) -> bool:
    """A header label starting (``side`` 0) or ending (``side`` 2) where the label under it
    in its column does: both set flush left, or both flush right."""
    return any(c.row < d.row < header_rows and d.col == c.col and abs(d.bbox[side] - c.bbox[side]) <= tol
               for d in cells if d.text.strip())


def flush_left_group_spans(cells: list[GridCell], header_rows: int, n_cols: int, flush_left: bool
                           ) -> tuple[list[GridCell], frozenset[int]]:
    """Group labels set flush with their cells' side (every label flush left, with
    ``flush_left``; else each label aligned with the sub-label under it): a label flush left
    spans rightwards up to the next label of its line, one flush right leftwards back to the
    previous label, over value columns that hold a sub-label ("Backlog" over Low | Mid,
    "2015" set right over H1 | H2). Returns the cells and the ids of the labels so spanned."""
    spanned: set[int] = set()
    subs = {k for c in cells if 0 < c.row < header_rows and c.text.strip() for k in range(c.col, c.col + c.colspan)}
    cols = subs & value_columns(cells, header_rows, n_cols)
    for r in range(header_rows - 1):
        line = sorted((c for c in cells if c.row == r and c.text.strip()), key=lambda c: c.col)
        for k, c in enumerate(line):
            if c.colspan != 1 or c.col not in cols:
                continue
            first = last = c.col
            left, right = (_aligned_with_label_below(c, cells, header_rows, side) for side in (0, 2))
            if left and right and not flush_left:
                continue  # as wide as the sub-label under it: centred (or set) alike, no side tells
            if flush_left or left:
                end = line[k + 1].col - 1 if k + 1 < len(line) else n_cols - 1
                while last < end and last + 1 in cols:
                    last += 1
            elif right:
                start = line[k - 1].col + line[k - 1].colspan if k > 0 else 0
                while first > start and first - 1 in cols:
                    first -= 1
            c.col, c.colspan = first, last - first + 1
            if c.colspan > 1:
                spanned.add(id(c))
    return sorted(cells, key=lambda c: (c.row, c.col)), frozenset(spanned)

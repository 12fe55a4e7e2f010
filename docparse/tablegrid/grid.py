"""Step 6 of the chain: cells → grid → :class:`Table`; header rows; text of ruled cells."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

from docparse.document import Cell, Table
from docparse.pages.analysis import BBox, Word
from docparse.tablegrid.edges import cluster_values
from docparse.tablegrid.text import is_numeric, text_in_box

_YEAR = re.compile(r"^(19|20)\d\d[a-z*]?$")


@dataclass(slots=True)
class GridCell:
    row: int
    col: int
    rowspan: int
    colspan: int
    text: str
    bbox: BBox
    bold: bool = False


def boundaries(values: Sequence[float], tolerance: float) -> list[float]:
    """Distinct positions (clustered within ``tolerance``), sorted."""
    return [sum(values[i] for i in g) / len(g) for g in cluster_values(values, tolerance)]


def _index(bounds: Sequence[float], value: float) -> int:
    return min(range(len(bounds)), key=lambda i: abs(bounds[i] - value))


def grid_from_rects(rects: Sequence[BBox], words: Sequence[Word], tolerance: float = 2.0) -> list[GridCell]:
    """Cell rectangles of a ruled table placed on the grid their corners define (spans included)."""
    from docparse.tablegrid.subcolumns import sub_columns

    ys = boundaries([v for r in rects for v in (r[1], r[3])], tolerance)
    xs = sub_columns(boundaries([v for r in rects for v in (r[0], r[2])], tolerance), ys, words)
    cells: list[GridCell] = []
    taken: set[tuple[int, int]] = set()
    for rect in sorted(rects, key=lambda r: (r[1], r[0])):
        c0, c1 = _index(xs, rect[0]), _index(xs, rect[2])
        r0, r1 = _index(ys, rect[1]), _index(ys, rect[3])
        if c1 <= c0 or r1 <= r0:
            continue
        slots = {(r, c) for r in range(r0, r1) for c in range(c0, c1)}
        if slots & taken:
            continue
        taken |= slots
        cells.append(GridCell(r0, c0, r1 - r0, c1 - c0, text_in_box(rect, words), rect))
    from docparse.tablegrid.colgroups import split_group_label_rows
    from docparse.tablegrid.hybrid import open_spanning_cells, split_text_rows

    cells, xs, ys = collapse_thin_lines(fill_holes(cells, len(ys) - 1, len(xs) - 1), xs, ys)
    cells = split_text_rows([c for c in cells if c.bbox[2] > c.bbox[0] or c.text], xs, ys, words)
    cells = open_spanning_cells(split_group_label_rows(cells, xs, words), xs, words)
    n_rows = max((c.row + c.rowspan for c in cells), default=0)
    return fill_holes(cells, n_rows, len(xs) - 1)


def fill_holes(cells: list[GridCell], n_rows: int, n_cols: int) -> list[GridCell]:
    """Give every grid slot a cell: empty 1×1 cells where nothing covers a slot."""
    covered = {(r, c) for cell in cells for r in range(cell.row, cell.row + cell.rowspan)
               for c in range(cell.col, cell.col + cell.colspan)}
    holes = [GridCell(r, c, 1, 1, "", (0.0, 0.0, 0.0, 0.0))
             for r in range(n_rows) for c in range(n_cols) if (r, c) not in covered]
    return sorted(cells + holes, key=lambda c: (c.row, c.col))


def _keep_lines(cells: Sequence[GridCell], bounds: Sequence[float], axis: str, min_size: float) -> list[int]:
    """Grid lines (rows or columns) to keep: wide ones, and thin ones that hold text alone."""
    keep = []
    for k in range(len(bounds) - 1):
        if bounds[k + 1] - bounds[k] >= min_size:
            keep.append(k)
            continue
        own = [c for c in cells if (c.col if axis == "x" else c.row) == k
               and (c.colspan if axis == "x" else c.rowspan) == 1 and c.text.strip()]
        if own:
            keep.append(k)
    return keep


def collapse_thin_lines(cells: list[GridCell], xs: list[float], ys: list[float],
                        min_size: float = 6.0) -> tuple[list[GridCell], list[float], list[float]]:
    """Drop slivers of the grid: rows/columns thinner than ``min_size`` without text of their
    own (double rulings, inset cell shading, white gaps between filled cells)."""
    kc, kr = _keep_lines(cells, xs, "x", min_size), _keep_lines(cells, ys, "y", min_size)
    if len(kc) == len(xs) - 1 and len(kr) == len(ys) - 1 or not kc or not kr:
        return cells, xs, ys
    cmap, rmap = {k: i for i, k in enumerate(kc)}, {k: i for i, k in enumerate(kr)}
    out: list[GridCell] = []
    seen: set[tuple[int, int]] = set()
    for c in sorted(cells, key=lambda c: (not c.text.strip(), c.row, c.col)):
        cols = [cmap[k] for k in range(c.col, c.col + c.colspan) if k in cmap]
        rows = [rmap[k] for k in range(c.row, c.row + c.rowspan) if k in rmap]
        if not cols or not rows:
            continue
        slots = {(r, k) for r in range(rows[0], rows[-1] + 1) for k in range(cols[0], cols[-1] + 1)}
        if slots & seen:
            continue
        seen |= slots
        out.append(GridCell(rows[0], cols[0], rows[-1] - rows[0] + 1, cols[-1] - cols[0] + 1, c.text, c.bbox, c.bold))
    new_xs = [xs[k] for k in kc] + [xs[kc[-1] + 1]]
    new_ys = [ys[k] for k in kr] + [ys[kr[-1] + 1]]
    return fill_holes(out, len(kr), len(kc)), new_xs, new_ys


def _row_kind(cells: Sequence[GridCell], row: int) -> tuple[int, int, int]:
    """(numeric cells, text cells, spanning cells) starting in ``row``."""
    mine = [c for c in cells if c.row == row and c.text.strip()]
    numeric = sum(1 for c in mine if is_numeric(c.text) and not _YEAR.match(c.text.strip()))
    spanning = sum(1 for c in mine if c.colspan > 1)
    return numeric, len(mine) - numeric, spanning


def detect_header_rows(cells: Sequence[GridCell], n_rows: int, max_rows: int, rule_y: float | None = None) -> int:
    """Leading rows that are column headers.

    A rule below the header (booktabs) decides when given; otherwise the header is the top
    rows before the first row with numbers, plus rows a header cell spans into.
    """
    if n_rows < 2:
        return 0
    if rule_y is not None:
        above = {c.row for c in cells if c.text.strip() and (c.bbox[1] + c.bbox[3]) / 2 < rule_y}
        h = max(above) + 1 if above else 0
        if h >= 2 and is_group_title(cells, h - 1):  # a shaded title row's rule is no header rule
            h -= 1
        if 0 < h <= max_rows and h < n_rows:
            return _extend_by_spans(cells, h)
    first_numeric = next((r for r in range(n_rows) if _row_kind(cells, r)[0] > 0), None)
    if first_numeric is None or first_numeric == 0:
        return _extend_by_spans(cells, 1) if _top_row_is_header(cells) else 0
    h = min(first_numeric, max_rows)
    if h >= n_rows:
        return 0
    if h >= 2 and is_group_title(cells, h - 1):  # the first row group's title, not a header line
        h -= 1
    # a leading row with a single text cell is more likely a section label than a header
    return _extend_by_spans(cells, h)


def is_group_title(cells: Sequence[GridCell], row: int) -> bool:
    """A row whose only text is one non-numeric label in the first column (or a cell spanning
    from it): a row-group title ("Alpine"), not a column header line."""
    mine = [c for c in cells if c.row == row and c.text.strip()]
    return len(mine) == 1 and mine[0].col == 0 and mine[0].rowspan == 1 and not is_numeric(mine[0].text)


def _top_row_is_header(cells: Sequence[GridCell]) -> bool:
    top = [c for c in cells if c.row == 0 and c.text.strip()]
    return len(top) >= 2 and (all(c.bold for c in top) or all(not is_numeric(c.text) for c in top))


def _extend_by_spans(cells: Sequence[GridCell], h: int) -> int:
    for c in cells:
        if c.row < h and c.text.strip():
            h = max(h, c.row + c.rowspan)
    return h


def _drop_line(cells: Sequence[GridCell], k: int, axis: str) -> list[GridCell]:
    """Cells with grid row (``axis`` "row") or column ``k`` removed: spans over it shrink,
    cells after it move back by one."""
    out: list[GridCell] = []
    for c in cells:
        start, span = (c.row, c.rowspan) if axis == "row" else (c.col, c.colspan)
        if start > k:
            start -= 1
        elif start < k < start + span or (start == k and span > 1):
            span -= 1
        if axis == "row":
            out.append(GridCell(start, c.col, span, c.colspan, c.text, c.bbox, c.bold))
        else:
            out.append(GridCell(c.row, start, c.rowspan, span, c.text, c.bbox, c.bold))
    return out


def _blank_rows(cells: Sequence[GridCell]) -> set[int]:
    """Rows whose own cells are all empty (spacer strips between shaded rows)."""
    rows = {c.row for c in cells}
    return {r for r in rows if not any(c.text.strip() for c in cells if c.row == r)} if len(rows) > 1 else set()


def compact_grid(cells: Sequence[GridCell], header_rows: int) -> tuple[list[GridCell], int]:
    """Rows and columns in which no cell starts (every slot covered by a span from before),
    and rows whose cells are all empty, removed: they would render as empty ``<tr></tr>``.
    Returns the cells and header rows."""
    out = list(cells)
    for axis in ("row", "col"):
        size = max((c.row + c.rowspan if axis == "row" else c.col + c.colspan for c in out), default=0)
        starts = {c.row if axis == "row" else c.col for c in out}
        if axis == "row":
            starts -= _blank_rows(out)
        for k in sorted(set(range(size)) - starts, reverse=True):
            if axis == "row":
                out = [c for c in out if c.row != k or c.rowspan > 1]
            out = _drop_line(out, k, axis)
            if axis == "row" and k < header_rows:
                header_rows -= 1
    return out, header_rows


def to_table(cells: Sequence[GridCell], header_rows: int, style: str) -> Table:
    cells, header_rows = compact_grid(cells, header_rows)
    n_rows = max((c.row + c.rowspan for c in cells), default=0)
    n_cols = max((c.col + c.colspan for c in cells), default=0)
    out = [
        Cell(row=c.row, col=c.col, rowspan=c.rowspan, colspan=c.colspan, is_header=c.row < header_rows,
             text=" ".join(c.text.split()),
             bbox=c.bbox if c.bbox[2] > c.bbox[0] else None)
        for c in cells
    ]
    return Table(n_rows=n_rows, n_cols=n_cols, cells=out, header_rows=header_rows, style=style)

"""Row groups: a label in the stub column that names the rows of its group spans them.

Renderers place a spanning label at the top of its rows (DOCX, most HTML tables with
``vertical-align: top``), vertically centred beside them (HTML's default, LaTeX ``multirow``,
ReportLab ``VALIGN MIDDLE``) or at the bottom (ReportLab's default). The text layer only shows
the label beside one row (or between two rows). The step finds where each label sits among the
rows of the other columns, tries each alignment, and keeps the one whose groups tile the body:
each group holds exactly one label, and together they cover every body row once.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import Enum
from itertools import pairwise

from docparse.geometry import BBox
from docparse.tablegrid.grid import GridCell, is_group_title
from docparse.tablegrid.text import is_numeric

STUB = 0  # the column that holds row-group labels
ITEM = 1  # the column of the rows' own labels (a second stub column)
ON_ROW = 0.25  # a label whose centre is within this share of the row pitch of a row's centre sits on it


class LabelAlign(Enum):
    TOP = "top"
    MIDDLE = "middle"
    BOTTOM = "bottom"


def _text(c: GridCell) -> str:
    return c.text.strip()


def row_centres(cells: Sequence[GridCell], n_rows: int) -> list[float | None]:
    """The centre y of each grid row, from its cells outside the stub column (None without)."""
    out: list[float | None] = []
    for r in range(n_rows):
        mine = [c.bbox for c in cells if c.row == r and c.col > STUB and _text(c) and c.bbox[3] > c.bbox[1]]
        out.append(None if not mine else (min(b[1] for b in mine) + max(b[3] for b in mine)) / 2)
    return out


def label_position(cy: float, centres: Sequence[float | None], own: int) -> float | None:
    """Where a label sits in row units: a row index, or a half index between two rows."""
    known = [(r, y) for r, y in enumerate(centres) if y is not None]
    if len(known) < 2:
        return None
    steps = sorted(yb - ya for (ra, ya), (rb, yb) in pairwise(known) if rb == ra + 1)
    if not steps:
        return None
    pitch = steps[len(steps) // 2]
    y_own = centres[own] if 0 <= own < len(centres) else None
    if y_own is not None and abs(cy - y_own) <= ON_ROW * pitch:
        return float(own)
    for (ra, ya), (rb, yb) in pairwise(known):
        if ya <= cy <= yb and rb == ra + 1:  # between two rows one pitch apart (not a line of its own)
            return ra + 0.5 if abs(cy - (ya + yb) / 2) <= ON_ROW * pitch and yb - ya <= 1.5 * pitch else None
    return None


def group_intervals(positions: Sequence[float], first: int, last: int, align: LabelAlign) -> list[tuple[int, int]] | None:
    """The rows (first, last) of each label's group under ``align``, or None when the groups
    do not tile rows ``first..last`` with one label each."""
    out: list[tuple[int, int]] = []
    start = first
    for k, p in enumerate(positions):
        if align is LabelAlign.TOP:
            if p != start:
                return None
            end = int(positions[k + 1]) - 1 if k + 1 < len(positions) else last
        elif align is LabelAlign.BOTTOM:
            if p != int(p) or p < start:
                return None
            end = int(p)
        else:
            end2 = 2 * p - start
            if end2 != int(end2) or end2 < p:
                return None
            end = int(end2)
        if end < start or (k + 1 < len(positions) and end >= positions[k + 1]):
            return None
        out.append((start, end))
        start = end + 1
    return out if start == last + 1 else None


def _is_item_stub(cells: Sequence[GridCell], body: range) -> bool:
    """Every body row has a text label of its own in the item column (not a number)."""
    at = {c.row: c for c in cells if c.col == ITEM and _text(c)}
    return all(r in at and not is_numeric(at[r].text) for r in body)


def _alignments(positions: Sequence[float]) -> list[LabelAlign]:
    if any(p != int(p) for p in positions):  # a label between two rows: centred over an even group
        return [LabelAlign.MIDDLE]
    return [LabelAlign.TOP, LabelAlign.MIDDLE, LabelAlign.BOTTOM]


def label_only_rows(cells: Sequence[GridCell], header_rows: int, n_rows: int) -> set[int]:
    """Body rows holding nothing but one stub label (a label centred between two rows got a
    line of its own)."""
    out = set()
    for r in range(header_rows, n_rows):
        mine = [c for c in cells if c.row == r and _text(c)]
        if len(mine) == 1 and mine[0].col == STUB and mine[0].colspan == 1:
            out.add(r)
    return out


def stub_row_groups(cells: list[GridCell], header_rows: int, n_rows: int) -> tuple[list[GridCell], int]:
    """Row-group labels of the stub column given the rowspan of their group (see module doc);
    returns the cells and the row count (label-only rows removed when the groups are found).

    Applies only to a body with an item column (every row labelled there), a stub column with
    at least two labels and some rows left blank, and groups that tile the body exactly."""
    lone = label_only_rows(cells, header_rows, n_rows)
    moved = [GridCell(c.row - sum(1 for r in lone if r < c.row), c.col, c.rowspan, c.colspan, c.text, c.bbox, c.bold)
             for c in cells if c.row not in lone or _text(c)]
    floating = {id(m) for m, c in zip(moved, [c for c in cells if c.row not in lone or _text(c)]) if c.row in lone}
    n_rows -= len(lone)
    body = range(header_rows, n_rows)
    labels = sorted((c for c in moved if c.col == STUB and c.row >= header_rows and _text(c)),
                    key=lambda c: (c.bbox[1] + c.bbox[3]) / 2)
    pair = len(body) == 2 and len(labels) == 1  # the part of a table broken by a page: one group of two rows
    if not (pair or 3 <= len(body) and 2 <= len(labels) < len(body)) or not _is_item_stub(moved, body):
        return cells, n_rows + len(lone)
    if any(is_numeric(c.text) or c.colspan > 1 or c.rowspan > 1 for c in labels):
        return cells, n_rows + len(lone)
    centres = row_centres([c for c in moved if id(c) not in floating], n_rows)
    positions = [label_position((c.bbox[1] + c.bbox[3]) / 2, centres, -1 if id(c) in floating else c.row)
                 for c in labels]
    if any(p is None or p < header_rows for p in positions):
        return cells, n_rows + len(lone)
    known = [float(p) for p in positions if p is not None]
    if pair and known != [header_rows + 0.5]:  # two rows: only a label set between them names both
        return cells, n_rows + len(lone)
    for align in _alignments(known):
        spans = group_intervals(known, header_rows, n_rows - 1, align)
        if spans is not None:
            for c, (a, b) in zip(labels, spans):
                c.row, c.rowspan = a, b - a + 1
            return sorted(moved, key=lambda c: (c.row, c.col)), n_rows
    return cells, n_rows + len(lone)


def spans_visibly(title: GridCell, bands: Sequence[tuple[float, float]], fills: Sequence[BBox]) -> bool:
    """A title row drawn across the table: its text runs past the first column, or a shaded
    band behind it covers most of the table's width (a label alone in the first column of an
    unshaded row is read as that column's cell)."""
    if len(bands) > 1 and title.bbox[2] > bands[1][0]:
        return True
    width = bands[-1][1] - bands[0][0] if bands else 0.0
    cy = (title.bbox[1] + title.bbox[3]) / 2
    return any(f[1] <= cy <= f[3] and f[2] - f[0] >= 0.8 * width for f in fills)


def heads_flush_rows(title: GridCell, cells: Sequence[GridCell], header_rows: int, tol: float) -> bool:
    """A group title set flush with the labels of its rows, in a stub column whose labels all
    start at one x (no indented sub-items: the title heads its rows the way a full-width row
    does, ``<td colspan>``), its first row labelled with a word (not a year or period)."""
    stub = [c for c in cells if c.col == STUB and c.row >= header_rows and c.colspan == 1 and _text(c)]
    nxt = [c for c in stub if c.row == title.row + 1]
    if not nxt or not nxt[0].text.strip()[:1].isalpha():
        return False
    return all(abs(c.bbox[0] - title.bbox[0]) <= tol for c in stub)


def group_label_rows(cells: list[GridCell], header_rows: int, n_rows: int, bands: Sequence[tuple[float, float]],
                     fills: Sequence[BBox] = (), flush_tolerance: float = -1.0) -> list[GridCell]:
    """Row-group title rows in the body span every column (the label written once across the
    table): rows holding one first-column label that visibly spans the table (see
    :func:`spans_visibly`) or heads its rows flush (:func:`heads_flush_rows`), in a table of at least three columns whose other body rows mostly
    have several cells."""
    n_cols = len(bands)
    body = range(header_rows, n_rows)
    titles = [r for r in body if is_group_title(cells, r)
              and any(spans_visibly(c, bands, fills) or heads_flush_rows(c, cells, header_rows, flush_tolerance)
                      for c in cells if c.row == r and c.col == STUB and _text(c))]
    if n_cols < 3 or not titles:
        return cells
    multi = sum(1 for r in body if sum(1 for c in cells if c.row == r and _text(c)) >= 2)
    if multi < 0.5 * len(body) or multi < 2:
        return cells
    for c in cells:
        if c.row in titles and c.col == STUB and _text(c):
            c.colspan = n_cols
    return [c for c in cells if not (c.row in titles and c.col > STUB and not _text(c))]

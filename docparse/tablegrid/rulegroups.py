"""Row groups bounded by rules: a table ruled under every row whose rules stop at the stub
column inside a group (the group label spans those rows, so no rule crosses it) and cross the
whole table between groups (Word/LibreOffice tables with inside rules and merged label cells,
ReportLab ``LINEBELOW`` under each row beside a ``SPAN``).

Shaded label cells say the same: the sides of a shaded box behind the stub column alone bound
its group (banded table styles shade a merged label cell with the band of its first row).
The rules say which rows belong together, whatever line of its group the label was set on
(top, centred, between two rows) and however many lines it wraps to ("Small" / "Business").
Each group's stub-column pieces become one label spanning the group's rows.
"""

from __future__ import annotations

from collections.abc import Sequence

from docparse.pages.analysis import BBox
from docparse.tablegrid.grid import GridCell
from docparse.tablegrid.rowgroups import ITEM, STUB, label_only_rows
from docparse.tablegrid.text import is_numeric

Rule = tuple[float, float, float]  # (y, x0, x1)


def _text(c: GridCell) -> str:
    return c.text.strip()


def stub_right(cells: Sequence[GridCell], header_rows: int) -> float | None:
    """Right edge of the stub column's body text (None without any)."""
    xs = [c.bbox[2] for c in cells if c.col == STUB and c.row >= header_rows and _text(c)]
    return max(xs) if xs else None


def item_left(cells: Sequence[GridCell], header_rows: int) -> float | None:
    xs = [c.bbox[0] for c in cells if c.col == ITEM and c.row >= header_rows and _text(c)]
    return min(xs) if xs else None


def inner_rules(partial: Sequence[Rule], right: float, stub_x1: float, item_x0: float, tol: float = 3.0) -> list[float]:
    """y of the rules that start between the stub column and the item column and run to the
    table's right side: rules between the rows of a group, stopped at its label."""
    return [y for y, x0, x1 in partial if stub_x1 - tol <= x0 <= item_x0 + tol and x1 >= right - tol]


def _group_of(cy: float, cuts: Sequence[float]) -> int:
    return sum(1 for y in cuts if y < cy)


def _centre(c: GridCell) -> float:
    return (c.bbox[1] + c.bbox[3]) / 2


def stub_fill_sides(fills: Sequence[BBox], cells: Sequence[GridCell], header_rows: int, item_x0: float,
                    tol: float = 2.0) -> list[float]:
    """Top and bottom of the shaded boxes behind the stub column alone (a shaded label cell
    merged over the rows of its group; neighbouring boxes of one colour may have been drawn
    as one block, so their sides are read from the boxes themselves)."""
    xs = [c.bbox[0] for c in cells if c.col == STUB and c.row >= header_rows and _text(c)]
    if not xs:
        return []
    left = min(xs)
    return [y for f in fills if f[0] <= left + tol and f[2] <= item_x0 + tol for y in (f[1], f[3])]


def rule_bounded_groups(cells: list[GridCell], header_rows: int, n_rows: int, rules: Sequence[float],
                        partial: Sequence[Rule], fills: Sequence[BBox] = (), min_inner: int = 2) -> tuple[list[GridCell], int]:
    """Stub labels joined and spanned over the rows between two table-wide rules (see module
    doc); returns the cells and the row count (rows that held only a label piece removed).

    Applies when every body row has its own item label, at least ``min_inner`` rules stop at
    the stub column, the table-wide rules split the body into at least two groups, and every
    labelled group holds one or more stub pieces (words, no numbers) and at least one row of its
    own (a group without a label continues the last group of the page before)."""
    body = range(header_rows, n_rows)
    stub_x1, item_x0 = stub_right(cells, header_rows), item_left(cells, header_rows)
    if len(body) < 3 or stub_x1 is None or item_x0 is None or not rules:
        return cells, n_rows
    right = max(c.bbox[2] for c in cells)
    if len(inner_rules(partial, right, stub_x1, item_x0)) < min_inner:
        return cells, n_rows
    lone = label_only_rows(cells, header_rows, n_rows)
    rows = [r for r in body if r not in lone]
    if not all(any(c.row == r and c.col == ITEM and _text(c) and not is_numeric(c.text) for c in cells) for r in rows):
        return cells, n_rows
    stub = sorted((c for c in cells if c.col == STUB and c.row >= header_rows and _text(c)), key=_centre)
    if any(is_numeric(c.text) or c.colspan > 1 or c.rowspan > 1 for c in stub):
        return cells, n_rows
    centres = {r: _row_centre(cells, r) for r in rows}
    top = min(centres.values())
    cuts = sorted(y for y in [*rules, *stub_fill_sides(fills, cells, header_rows, item_x0)] if y > top)
    groups: dict[int, list[int]] = {}
    for r in rows:
        groups.setdefault(_group_of(centres[r], cuts), []).append(r)
    labels: dict[int, list[GridCell]] = {}
    for c in stub:
        labels.setdefault(_group_of(_centre(c), cuts), []).append(c)
    if len(labels) < 2 or not set(labels) <= set(groups):  # a group without a label: its label is on the page before
        return cells, n_rows
    return _spanned(cells, header_rows, n_rows, lone, groups, labels)


def _row_centre(cells: Sequence[GridCell], r: int) -> float:
    mine = [c.bbox for c in cells if c.row == r and c.col > STUB and _text(c)]
    return (min(b[1] for b in mine) + max(b[3] for b in mine)) / 2


def _spanned(cells: list[GridCell], header_rows: int, n_rows: int, lone: set[int],
             groups: dict[int, list[int]], labels: dict[int, list[GridCell]]) -> tuple[list[GridCell], int]:
    """Each group's label pieces as one cell over its rows; label-only rows removed."""
    new_row = {r: r - sum(1 for k in lone if k < r) for r in range(n_rows) if r not in lone}
    pieces = {id(c) for group in labels.values() for c in group}
    out = [GridCell(new_row[c.row], c.col, c.rowspan, c.colspan, c.text, c.bbox, c.bold)
           for c in cells if c.row not in lone and id(c) not in pieces and not (c.col == STUB and c.row >= header_rows)]
    for g, parts in labels.items():
        rows = groups[g]
        first, last = new_row[min(rows)], new_row[max(rows)]
        box = (min(p.bbox[0] for p in parts), min(p.bbox[1] for p in parts),
               max(p.bbox[2] for p in parts), max(p.bbox[3] for p in parts))
        out.append(GridCell(first, STUB, last - first + 1, 1, " ".join(_text(p) for p in parts), box,
                            all(p.bold for p in parts)))
    return sorted(out, key=lambda c: (c.row, c.col)), n_rows - len(lone)

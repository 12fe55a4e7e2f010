"""Table structure from a born-digital page, as a chain of small named steps.

Ruled tables: drawings → edges → snapped/joined edges → intersections → cells → grid.
Booktabs / borderless tables: words → segments → column bands → rows (multi-line cells
joined) → spans → header rows. :func:`read_table` picks the chain for a region's style.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Sequence

from docparse.document import Table
from docparse.geometry import bbox_area, bbox_intersection
from docparse.options.tables import GridOptions
from docparse.pages.analysis import BBox, PageAnalysis, Word
from docparse.tablegrid.cells import ruled_cell_groups
from docparse.tablegrid.edges import Axis, Edge, table_edges
from docparse.tablegrid.fills import shaded_boxes, stripe_sides
from docparse.tablegrid.grid import detect_header_rows, grid_from_rects, to_table
from docparse.tablegrid.text import words_in
from docparse.tablegrid.textgrid import text_grid


def ruled_table(page: PageAnalysis, area: BBox, edges: Sequence[Edge], settings: GridOptions) -> Table | None:
    """The grid of the ruled cells inside ``area``; None when there are none.

    Several cell groups (a break in the rulings) are one grid; when ``area`` reaches past the
    rulings (an unruled label column), virtual rulings close the grid there.
    """
    groups = ruled_cell_groups(edges, settings.intersection_tolerance)
    rects = [c for g in groups for c in g if bbox_intersection(c, area) >= 0.5 * bbox_area(c)]
    if not rects or is_frame_only(rects, settings.snap_x):
        return None
    xs = [v for r in rects for v in (r[0], r[2])]
    if area[0] < min(xs) - 3 or area[2] > max(xs) + 3:
        grid = (min(xs), min(r[1] for r in rects), max(xs), max(r[3] for r in rects))
        edges = close_grid(edges, grid, area, words_in(area, page.words))
        groups = ruled_cell_groups(edges, settings.intersection_tolerance)
        rects = [c for g in groups for c in g if bbox_intersection(c, area) >= 0.5 * bbox_area(c)]
    cells = grid_from_rects(rects, words_in(area, page.words))
    n_rows = max(c.row + c.rowspan for c in cells)
    header = detect_header_rows(cells, n_rows, settings.max_header_rows)
    return to_table(cells, header, "ruled")


def is_frame_only(rects: Sequence[BBox], tol: float) -> bool:
    """The rulings give no columns below the header: every ruled cell runs from the left side
    to the right side of the grid (an outer frame, a header fill, full-width row rules), except
    the cells of the top row (a header filled cell by cell over one framed body). The text
    chain reads such a table (a frame around a borderless table)."""
    x0, x1 = min(r[0] for r in rects), max(r[2] for r in rects)
    split = [r for r in rects if abs(r[0] - x0) > tol or abs(r[2] - x1) > tol]
    if not split:
        return True
    top, bottom = min(r[1] for r in rects), min(r[3] for r in split)
    body = [r for r in rects if r[1] >= bottom - tol]
    return bool(body) and all(abs(r[1] - top) <= tol and abs(r[3] - bottom) <= tol for r in split)


def close_grid(edges: Sequence[Edge], grid: BBox, area: BBox, words: Sequence[Word] = (),
               tol: float = 3.0) -> list[Edge]:
    """Close a grid ruled over part of the table (its label column unruled): a vertical
    ruling at ``area``'s side, the grid's top and bottom rulings extended to it, and each
    inner ruling that crosses the whole grid extended when the label column has text on
    both sides of it (else the label spans the rows, like a header label)."""
    full = sorted({e.pos for e in edges if e.orientation is Axis.H and grid[1] - tol <= e.pos <= grid[3] + tol
                   and e.start <= grid[0] + tol and e.end >= grid[2] - tol})
    outside = [w for w in words if w.bbox[2] <= grid[0] + tol or w.bbox[0] >= grid[2] - tol]

    def has_text(lo: float, hi: float, left: bool) -> bool:
        return any(lo < (w.bbox[1] + w.bbox[3]) / 2 < hi and (w.bbox[2] <= grid[0] + tol) == left for w in outside)

    out: list[Edge] = []
    for e in edges:
        if e.orientation is Axis.H and e.pos in full:
            k = full.index(e.pos)
            border = k == 0 or k == len(full) - 1
            if area[0] < grid[0] - tol and (border or has_text(full[k - 1], e.pos, True) and has_text(e.pos, full[k + 1], True)):
                e = replace(e, start=min(area[0], e.start))
            if area[2] > grid[2] + tol and (border or has_text(full[k - 1], e.pos, False) and has_text(e.pos, full[k + 1], False)):
                e = replace(e, end=max(area[2], e.end))
        out.append(e)
    if area[0] < grid[0] - tol:
        out.append(Edge(Axis.V, area[0], grid[1], grid[3]))
    if area[2] > grid[2] + tol:
        out.append(Edge(Axis.V, area[2], grid[1], grid[3]))
    return out


def full_width_rules(edges: Sequence[Edge], area: BBox, min_fraction: float = 0.9) -> list[float]:
    """y of horizontal rules that cross most of ``area`` (booktabs top/mid/bottom rules)."""
    width = max(1.0, area[2] - area[0])
    return sorted(e.pos for e in edges if e.orientation is Axis.H and area[1] - 3 <= e.pos <= area[3] + 3
                  and (min(e.end, area[2]) - max(e.start, area[0])) >= min_fraction * width)


def partial_rules(edges: Sequence[Edge], area: BBox, max_fraction: float = 0.9) -> list[tuple[float, float, float]]:
    """(y, x0, x1) of horizontal rules inside ``area`` shorter than ``max_fraction`` of its width."""
    width = max(1.0, area[2] - area[0])
    return [(e.pos, e.start, e.end) for e in edges if e.orientation is Axis.H and area[1] + 2 < e.pos < area[3] - 2
            and e.length < max_fraction * width and e.start >= area[0] - 3 and e.end <= area[2] + 3]


def read_table(page: PageAnalysis, area: BBox, style: str, settings: GridOptions | None = None) -> Table:
    """The table inside ``area`` (a classifier's bbox); ``style`` picks the chain."""
    settings = (settings or GridOptions()).resolve()
    edges = table_edges(page.drawings, settings, clip=area)
    if style == "ruled":
        table = ruled_table(page, area, edges, settings)
        if table is not None and table.n_rows >= 2 and table.n_cols >= 2:
            return table
    cells, header = text_grid(page.words, area, full_width_rules(edges, area), settings,
                              partial_rules(edges, area), stripe_sides(page.drawings, area),
                              shaded_boxes(page.drawings, area))
    return to_table(cells, header, style if style != "ruled" else "framed")


__all__ = ["GridOptions", "read_table", "ruled_table", "text_grid"]

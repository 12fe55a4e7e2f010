"""Steps 3–5 of the chain: edges → intersections → cell rectangles → groups of cells (tables).

A cell is the smallest rectangle whose four corners are intersections connected by edges;
a missing internal ruling therefore yields one larger (merged) cell.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from docparse.pages.analysis import BBox
from docparse.tablegrid.edges import Axis, Edge

Point = tuple[float, float]


@dataclass(slots=True)
class Intersection:
    point: Point
    h: list[int]  # indices of horizontal edges through it
    v: list[int]


def find_intersections(edges: Sequence[Edge], tolerance: float) -> dict[Point, Intersection]:
    hs = [(i, e) for i, e in enumerate(edges) if e.orientation is Axis.H]
    vs = [(i, e) for i, e in enumerate(edges) if e.orientation is Axis.V]
    hs.sort(key=lambda t: t[1].pos)
    out: dict[Point, Intersection] = {}
    for vi, v in vs:
        for hi, h in hs:
            if h.pos < v.start - tolerance:
                continue
            if h.pos > v.end + tolerance:
                break
            if h.start - tolerance <= v.pos <= h.end + tolerance:
                key = (round(v.pos, 2), round(h.pos, 2))
                hit = out.setdefault(key, Intersection(key, [], []))
                hit.h.append(hi)
                hit.v.append(vi)
    return out


def _connected(a: Intersection, b: Intersection, axis: Axis) -> bool:
    """Both points lie on one ruling running along ``axis``."""
    return bool(set(a.h) & set(b.h)) if axis is Axis.H else bool(set(a.v) & set(b.v))


def cells_from_intersections(points: dict[Point, Intersection]) -> list[BBox]:
    """The minimal rectangles whose corners are all intersections joined by edges."""
    by_x: dict[float, list[float]] = {}
    by_y: dict[float, list[float]] = {}
    for x, y in points:
        by_x.setdefault(x, []).append(y)
        by_y.setdefault(y, []).append(x)
    for ys in by_x.values():
        ys.sort()
    for xs in by_y.values():
        xs.sort()
    cells: list[BBox] = []
    for (x, y), p in points.items():
        below = [yy for yy in by_x[x] if yy > y]
        right = [xx for xx in by_y[y] if xx > x]
        found = _first_cell(points, p, x, y, below, right)
        if found is not None:
            cells.append(found)
    return cells


def _first_cell(points, p, x, y, below, right) -> BBox | None:  # noqa: ANN001
    for yy in below:
        b = points[(x, yy)]
        if not _connected(p, b, Axis.V):
            break
        for xx in right:
            r = points[(xx, y)]
            if not _connected(p, r, Axis.H):
                break
            corner = points.get((xx, yy))
            if corner is not None and _connected(corner, b, Axis.H) and _connected(corner, r, Axis.V):
                return (x, y, xx, yy)
    return None


def group_cells(cells: Sequence[BBox]) -> list[list[BBox]]:
    """Cells that share a corner belong to the same table (union-find over corners)."""
    parent = list(range(len(cells)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner: dict[Point, int] = {}
    for i, (x0, y0, x1, y1) in enumerate(cells):
        for corner in ((x0, y0), (x1, y0), (x0, y1), (x1, y1)):
            if corner in owner:
                parent[find(i)] = find(owner[corner])
            else:
                owner[corner] = i
    groups: dict[int, list[BBox]] = {}
    for i, cell in enumerate(cells):
        groups.setdefault(find(i), []).append(cell)
    return sorted(groups.values(), key=lambda g: (min(c[1] for c in g), min(c[0] for c in g)))


def ruled_cell_groups(edges: Sequence[Edge], tolerance: float) -> list[list[BBox]]:
    """The intersection → cell → table steps in order."""
    return group_cells(cells_from_intersections(find_intersections(edges, tolerance)))

"""Step 1–2 of the chain: drawings → edges → snapped edges → joined edges.

An :class:`Edge` is an axis-parallel ruling: horizontal edges have a ``y`` position and an
``x`` extent ``[start, end]``; vertical ones the other way round. Lines, thin rects (filled
or stroked) and the sides of stroked rects all give edges.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import Enum
from typing import Iterable, Sequence

from docparse.options.tables import GridOptions
from docparse.pages.analysis import BBox, Drawing
from docparse.tablegrid.fills import is_highlight, split_backgrounds

_AXIS_TOL = 1.0  # how far from axis-parallel a line may be


class Axis(str, Enum):
    """Which way a ruling runs."""

    H = "h"  # horizontal
    V = "v"  # vertical


@dataclass(frozen=True, slots=True)
class Edge:
    orientation: Axis
    pos: float  # y of a horizontal edge, x of a vertical one
    start: float  # along the edge: x0 (h) or y0 (v)
    end: float
    width: float = 0.5  # stroke width / rule thickness

    def __post_init__(self) -> None:
        if not isinstance(self.orientation, Axis):
            object.__setattr__(self, "orientation", Axis(self.orientation))

    @property
    def length(self) -> float:
        return self.end - self.start

    @property
    def bbox(self) -> BBox:
        if self.orientation is Axis.H:
            return (self.start, self.pos, self.end, self.pos)
        return (self.pos, self.start, self.pos, self.end)


def _is_blank_fill(d: Drawing) -> bool:
    return d.fill is not None and min(d.fill) > 0.95 and d.stroke is None


def _rect_edges(x0: float, y0: float, x1: float, y1: float, d: Drawing, settings: GridOptions) -> list[Edge]:
    x0, x1 = sorted((x0, x1))
    y0, y1 = sorted((y0, y1))
    w, h = x1 - x0, y1 - y0
    thick = settings.max_rule_thickness
    if h <= thick and w > h:
        return [] if _is_blank_fill(d) else [Edge(Axis.H, (y0 + y1) / 2, x0, x1, max(h, d.width))]
    if w <= thick and h > w:
        return [] if _is_blank_fill(d) else [Edge(Axis.V, (x0 + x1) / 2, y0, y1, max(w, d.width))]
    if d.stroke is None and (d.fill is None or _is_blank_fill(d)):
        return []
    return [Edge(Axis.H, y0, x0, x1, d.width), Edge(Axis.H, y1, x0, x1, d.width),
            Edge(Axis.V, x0, y0, y1, d.width), Edge(Axis.V, x1, y0, y1, d.width)]


def edges_from_drawings(drawings: Iterable[Drawing], settings: GridOptions, clip: BBox | None = None) -> list[Edge]:
    """Every axis-parallel ruling the drawings make, optionally only those touching ``clip``.

    Cell backgrounds (filled rectangles) give edges along their visible colour boundaries; a
    highlight box inside a ruled cell gives no column boundary (see :mod:`.fills`)."""
    near = [d for d in drawings if clip is None or _touches(d.bbox, clip, 2.0)]
    lines, backgrounds = split_backgrounds(near, settings.max_rule_thickness)
    edges = [e for d in lines for e in _drawing_edges(d, settings)]
    columns = [e for e in edges if e.orientation is Axis.V]
    for d in backgrounds:
        box_edges = _drawing_edges(d, settings)
        if is_highlight(d.bbox, [b.bbox for b in backgrounds], [(e.pos, e.start, e.end) for e in columns]):
            box_edges = [e for e in box_edges if e.orientation is Axis.H]
        edges.extend(box_edges)
    return [e for e in edges if e.length >= settings.min_edge_length]


def _drawing_edges(d: Drawing, settings: GridOptions) -> list[Edge]:
    if _is_filled_thin_polygon(d, settings):  # a rule drawn as a filled outline of lines
        return _rect_edges(*d.bbox, d, settings)
    edges: list[Edge] = []
    for item in d.items:
        pts = item.points
        if item.op == "l":
            (ax, ay), (bx, by) = pts[0], pts[1]
            if abs(ay - by) <= _AXIS_TOL and d.stroke is not None:
                edges.append(Edge(Axis.H, (ay + by) / 2, min(ax, bx), max(ax, bx), d.width))
            elif abs(ax - bx) <= _AXIS_TOL and d.stroke is not None:
                edges.append(Edge(Axis.V, (ax + bx) / 2, min(ay, by), max(ay, by), d.width))
        elif item.op == "re":
            (ax, ay), (bx, by) = pts[0], pts[1]
            edges.extend(_rect_edges(ax, ay, bx, by, d, settings))
        elif item.op == "qu" and _is_axis_quad(pts):
            xs, ys = [p[0] for p in pts], [p[1] for p in pts]
            edges.extend(_rect_edges(min(xs), min(ys), max(xs), max(ys), d, settings))
    return edges


def _is_filled_thin_polygon(d: Drawing, settings: GridOptions) -> bool:
    x0, y0, x1, y1 = d.bbox
    return (d.fill is not None and d.stroke is None and all(i.op == "l" for i in d.items)
            and min(x1 - x0, y1 - y0) <= settings.max_rule_thickness)


def _is_axis_quad(pts: Sequence[tuple[float, float]]) -> bool:
    xs = sorted(p[0] for p in pts)
    ys = sorted(p[1] for p in pts)
    return abs(xs[0] - xs[1]) <= _AXIS_TOL and abs(xs[2] - xs[3]) <= _AXIS_TOL and (
        abs(ys[0] - ys[1]) <= _AXIS_TOL and abs(ys[2] - ys[3]) <= _AXIS_TOL)


def _touches(a: BBox, b: BBox, tol: float) -> bool:
    return a[0] <= b[2] + tol and b[0] <= a[2] + tol and a[1] <= b[3] + tol and b[1] <= a[3] + tol


def cluster_values(values: Sequence[float], tolerance: float) -> list[list[int]]:
    """Indices of ``values`` grouped so that neighbours in a group differ by ≤ ``tolerance``."""
    order = sorted(range(len(values)), key=values.__getitem__)
    groups: list[list[int]] = []
    for i in order:
        if groups and values[i] - values[groups[-1][-1]] <= tolerance:
            groups[-1].append(i)
        else:
            groups.append([i])
    return groups


def snap_edges(edges: Sequence[Edge], settings: GridOptions) -> list[Edge]:
    """Move nearly-collinear edges onto their cluster's mean position."""
    out: list[Edge] = []
    for orientation, tol in ((Axis.H, settings.snap_y), (Axis.V, settings.snap_x)):
        group = [e for e in edges if e.orientation == orientation]
        for members in cluster_values([e.pos for e in group], tol):
            mean = sum(group[i].pos for i in members) / len(members)
            out.extend(replace(group[i], pos=mean) for i in members)
    return out


def join_edges(edges: Sequence[Edge], settings: GridOptions) -> list[Edge]:
    """Merge collinear edges that overlap or nearly touch into one longer edge."""
    by_line: dict[tuple[str, float], list[Edge]] = {}
    for e in edges:
        by_line.setdefault((e.orientation, round(e.pos, 3)), []).append(e)
    out: list[Edge] = []
    for line in by_line.values():
        line.sort(key=lambda e: e.start)
        cur = line[0]
        for e in line[1:]:
            if e.start <= cur.end + settings.join_tolerance:
                cur = replace(cur, end=max(cur.end, e.end), width=max(cur.width, e.width))
            else:
                out.append(cur)
                cur = e
        out.append(cur)
    return out


def table_edges(drawings: Iterable[Drawing], settings: GridOptions, clip: BBox | None = None) -> list[Edge]:
    """The edge steps in order: extract → snap → join → drop short ones."""
    resolved = settings.resolve()
    edges = edges_from_drawings(drawings, resolved, clip)
    edges = join_edges(snap_edges(edges, resolved), resolved)
    return [e for e in edges if e.length >= resolved.min_edge_length]

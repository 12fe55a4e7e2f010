"""Drawings cut into the marks they paint: some producers paint many marks with one path
(pgfplots fills all bars of a series as one path of rectangles and strokes all gridlines as
one path of separate segments). Used by the chart classifier (regions) and the vector chart
reader (readers), so it lives below both."""

from __future__ import annotations

from docparse.pages.analysis import BBox, Drawing, PathItem

_JOINED = 0.05  # points: a segment starting this close to the last one's end continues it


def split_compound(drawing: Drawing) -> list[Drawing]:
    """One drawing per mark: each rectangle of a path made only of rectangles, and each run of
    connected segments of a path made only of straight segments; other paths stay whole."""
    items = drawing.items
    if len(items) < 2 or len({i.op for i in items}) > 1 or items[0].op not in ("re", "l"):
        return [drawing]
    groups: list[list[PathItem]]
    if items[0].op == "re":
        groups = [[i] for i in items]
    else:
        groups = [[items[0]]]
        for item in items[1:]:
            if _apart(groups[-1][-1].points[-1], item.points[0]):
                groups.append([item])
            else:
                groups[-1].append(item)
    if len(groups) < 2:
        return [drawing]
    return [Drawing(bbox=_box(g), items=g, fill=drawing.fill, stroke=drawing.stroke, width=drawing.width,
                    closed=drawing.closed and items[0].op == "re") for g in groups]


def _apart(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return abs(a[0] - b[0]) > _JOINED or abs(a[1] - b[1]) > _JOINED


def _box(items: list[PathItem]) -> BBox:
    xs = [p[0] for i in items for p in i.points]
    ys = [p[1] for i in items for p in i.points]
    return (min(xs), min(ys), max(xs), max(ys))

"""Boxes on a page, in PDF points: ``(x0, y0, x1, y1)`` with y growing down.

The one home of the box helpers every layer uses (pages, tablegrid, regions, readers); it
imports nothing from docparse.
"""

from __future__ import annotations

BBox = tuple[float, float, float, float]


def bbox_union(boxes: "list[BBox] | tuple[BBox, ...]") -> BBox:
    """The smallest box around all ``boxes`` (at least one)."""
    return (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )


def bbox_area(b: BBox) -> float:
    return max(0.0, b[2] - b[0]) * max(0.0, b[3] - b[1])


def bbox_intersection(a: BBox, b: BBox) -> float:
    """The area the two boxes share."""
    return bbox_area((max(a[0], b[0]), max(a[1], b[1]), min(a[2], b[2]), min(a[3], b[3])))


def bbox_overlap_fraction(inner: BBox, outer: BBox) -> float:
    """Share of ``inner``'s area that lies inside ``outer``."""
    area = bbox_area(inner)
    return bbox_intersection(inner, outer) / area if area > 0 else 0.0


def inside(inner: BBox, outer: BBox, tol: float = 2.0) -> bool:
    """``inner`` lies within ``outer`` grown by ``tol`` on every side."""
    return (inner[0] >= outer[0] - tol and inner[1] >= outer[1] - tol
            and inner[2] <= outer[2] + tol and inner[3] <= outer[3] + tol)


def overlaps(a: BBox, b: BBox, min_side: float = 1.0) -> bool:
    """The boxes share an area more than ``min_side`` wide and tall."""
    return min(a[2], b[2]) - max(a[0], b[0]) > min_side and min(a[3], b[3]) - max(a[1], b[1]) > min_side


def pad(b: BBox, d: float) -> BBox:
    """``b`` grown by ``d`` on every side (shrunk for negative ``d``)."""
    return (b[0] - d, b[1] - d, b[2] + d, b[3] + d)

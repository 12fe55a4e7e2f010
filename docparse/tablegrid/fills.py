"""Filled rectangles as rulings: only the colour boundaries a reader can see.

Cell backgrounds are often drawn in pieces: a padding rectangle inside a cell's rectangle of
the same colour, or one stripe per text line stacked into a shaded column. Their inner sides
and the seams between stacked stripes are invisible and must not become grid lines.
:func:`split_backgrounds` drops filled rectangles that lie inside another of the same colour
and merges same-coloured ones stacked on each other; :func:`is_highlight` tells a shaded box
inside a cell (whose sides are no column boundaries) from the cell backgrounds of a table.
"""

from __future__ import annotations

from itertools import pairwise
from typing import Sequence

from docparse.geometry import inside
from docparse.pages.analysis import BBox, Drawing, PathItem

MAX_FILLS = 2000  # more same-coloured fills than this (a raster drawn as boxes): left as they are


def _is_plain_fill(d: Drawing, min_size: float) -> bool:
    """A filled, unstroked rectangle larger than a rule both ways (a background)."""
    x0, y0, x1, y1 = d.bbox
    return (d.fill is not None and d.stroke is None and len(d.items) == 1 and d.items[0].op == "re"
            and min(x1 - x0, y1 - y0) > min_size)


def _joined(a: BBox, b: BBox, tol: float) -> BBox | None:
    """The union of two boxes stacked on each other (same left and right sides), else None.

    Boxes side by side stay apart: the seam between the fills of two cells of one row is
    often the only trace of the column boundary in an unruled, shaded body."""
    same_x = abs(a[0] - b[0]) <= tol and abs(a[2] - b[2]) <= tol
    if not (same_x and (abs(a[3] - b[1]) <= tol or abs(b[3] - a[1]) <= tol)):
        return None
    return (min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3]))


def merge_boxes(boxes: Sequence[BBox], tol: float = 0.2) -> list[BBox]:
    """Same-coloured boxes with nested ones dropped and touching ones merged."""
    out = sorted(boxes, key=lambda b: -(b[2] - b[0]) * (b[3] - b[1]))
    out = [b for i, b in enumerate(out) if not any(inside(b, o, tol) for o in out[:i])]
    changed = True
    while changed:
        changed = False
        out.sort(key=lambda b: (b[1], b[0]))
        for i in range(len(out)):
            for j in range(i + 1, len(out)):
                union = _joined(out[i], out[j], tol)
                if union is not None:
                    out[i] = union
                    del out[j]
                    changed = True
                    break
            if changed:
                break
    return out


def split_backgrounds(drawings: Sequence[Drawing], min_size: float = 3.0) -> tuple[list[Drawing], list[Drawing]]:
    """(other drawings, background rectangles reduced to their visible colour areas).

    Backgrounds are filled, unstroked rectangles longer than ``min_size`` both ways (thinner
    ones are rules); same-coloured ones nested or touching along a whole side are merged."""
    by_colour: dict[tuple[float, float, float], list[Drawing]] = {}
    others: list[Drawing] = []
    for d in drawings:
        if _is_plain_fill(d, min_size):
            by_colour.setdefault(d.fill, []).append(d)  # type: ignore[arg-type]
        else:
            others.append(d)
    backgrounds: list[Drawing] = []
    for colour, group in by_colour.items():
        if len(group) > MAX_FILLS:
            others.extend(group)
            continue
        width = max(d.width for d in group)
        backgrounds.extend(Drawing(bbox=b, items=[PathItem("re", ((b[0], b[1]), (b[2], b[3])))], fill=colour,
                                   width=width) for b in merge_boxes([d.bbox for d in group]))
    return others, backgrounds


def _near(a: BBox, b: BBox, tol: float) -> bool:
    return a[0] <= b[2] + tol and b[0] <= a[2] + tol and a[1] <= b[3] + tol and b[1] <= a[3] + tol


def is_highlight(box: BBox, backgrounds: Sequence[BBox], columns: Sequence[tuple[float, float, float]],
                 tol: float = 2.0) -> bool:
    """A shaded box inside a cell (behind one value, or inset from the column's rules): no
    other background touches it and no vertical rule (x, y0, y1) runs along its sides, so its
    sides are no column boundaries. Cell backgrounds that tile a table touch each other."""
    if any(other != box and _near(box, other, tol) for other in backgrounds):
        return False
    return not any(abs(x - side) <= tol and y0 < box[3] and y1 > box[1]
                   for x, y0, y1 in columns for side in (box[0], box[2]))


def stripe_sides(drawings: Sequence[Drawing], area: BBox, min_stripes: int = 2, tol: float = 1.0) -> list[float]:
    """y of the top and bottom sides of zebra stripes inside ``area``: filled, unstroked row
    bands of one colour that repeat (at least ``min_stripes`` bands apart from each other with
    the same left and right sides). They separate rows but are no header rule."""
    bands: dict[tuple[tuple[float, float, float], int, int], list[BBox]] = {}
    for d in drawings:
        if d.fill is None or d.stroke is not None or min(d.fill) > 0.98 or not inside(d.bbox, area, 2.0):
            continue
        if d.bbox[3] - d.bbox[1] <= 3.0:
            continue
        bands.setdefault((d.fill, round(d.bbox[0]), round(d.bbox[2])), []).append(d.bbox)
    rows: dict[tuple[float, float, float], set[tuple[int, int]]] = {}
    for (colour, _, _), boxes in bands.items():
        rows.setdefault(colour, set()).update((round(b[1]), round(b[3])) for b in boxes)
    out: list[float] = []
    for spans in rows.values():
        apart = sorted(spans)
        if len(apart) >= min_stripes and all(b[0] - a[1] > tol for a, b in pairwise(apart)):
            out.extend(y for span in apart for y in span)
    return sorted(out)


def shaded_boxes(drawings: Sequence[Drawing], area: BBox) -> list[BBox]:
    """Filled, visibly shaded boxes (not white, taller than a rule) whose middle lies in ``area``
    (cell padding may take a row's shading past the text the area was drawn around)."""
    return [d.bbox for d in drawings if d.fill is not None and min(d.fill) <= 0.98 and d.bbox[3] - d.bbox[1] > 3.0
            and area[1] <= (d.bbox[1] + d.bbox[3]) / 2 <= area[3] and d.bbox[0] < area[2] and d.bbox[2] > area[0]]

"""Chart-like fills inside a table candidate: bars, slices and markers make a chart, shaded
table cells and row bands do not (they carry text, or end at a few column boundaries)."""

from __future__ import annotations

from typing import Sequence

from docparse.geometry import inside, overlaps
from docparse.pages.analysis import BBox, Drawing, PageAnalysis
from docparse.pages.drawparts import split_compound
from docparse.tablegrid.text import center_inside


def looks_like_chart(page: PageAnalysis, bbox: BBox, touching: bool = False) -> bool:
    """Coloured filled shapes without text (bars, slices, markers) inside: a chart, not a table.

    Shaded table cells and row bands carry text, so they do not count.
    """
    coloured: list[BBox] = []
    marks: list[BBox] = []
    inside_words = [w for w in page.words if inside(w.bbox, bbox)]
    for d in (piece for drawing in page.drawings for piece in split_compound(drawing)):  # pgfplots: a path of bars
        x0, y0, x1, y1 = d.bbox
        placed = overlaps(d.bbox, bbox) if touching else inside(d.bbox, bbox)
        thin, long = min(x1 - x0, y1 - y0), max(x1 - x0, y1 - y0)
        if d.fill is None or not placed or thin <= 1 or long <= 4 or (thin <= 3 and long >= 10):
            continue
        r, g, b = d.fill
        if max(r, g, b) - min(r, g, b) <= 0.08 and not any(it.op == "c" for it in d.items):
            continue
        coloured.append(d.bbox)
        if not any(center_inside(w.bbox, d.bbox) for w in inside_words):
            marks.append(d.bbox)
    shading: dict[tuple[int, int, int], int] = {}  # same column band, same height: cell shading
    for m in coloured:
        key = (round(m[0]), round(m[2]), round(m[3] - m[1]))
        shading[key] = shading.get(key, 0) + 1
    n_marks = sum(1 for m in marks if shading[(round(m[0]), round(m[2]), round(m[3] - m[1]))] < 2)
    return (n_marks >= 3 and n_marks >= 0.5 * len(coloured)) or has_bars(page, bbox, touching)


GREY_RULE_MAX_THICKNESS = 3.0  # points: a black or grey filled box up to this thick is a ruling (a table's 2 pt rules of many lengths), not a bar; coloured ones may be thin bars
BAR_MIN_THICKNESS = 1.5  # points: a filled box thicker than this across its direction may be a bar (pgfplots sets 3 pt bars when many share the axis); the distinct-lengths test keeps rules out


def has_bars(page: PageAnalysis, bbox: BBox, touching: bool) -> bool:
    """≥ 3 filled boxes on one baseline (or one left edge) with different lengths: bar charts.

    A bar is thicker than a hairline across its direction (vertical bars wider than
    BAR_MIN_THICKNESS, horizontal bars taller), so thin filled rules do not count; nor do boxes with text
    centred in them (shaded table cells), nor a group whose lengths repeat (the shaded cells
    of one table column end at a few column boundaries; bars each have their own length).
    """
    words = [w for w in page.words if overlaps(w.bbox, bbox)]
    boxes = [(d.bbox, _is_grey(d.fill)) for d in (piece for drawing in page.drawings for piece in split_compound(drawing))
             if d.fill is not None and min(d.fill) < 0.95
             and (overlaps(d.bbox, bbox) if touching else inside(d.bbox, bbox))
             and min(d.bbox[2] - d.bbox[0], d.bbox[3] - d.bbox[1]) > 1
             and not any(center_inside(w.bbox, d.bbox) for w in words)]
    for base, extent, thick in ((3, 1, (0, 2)), (0, 2, (1, 3))):  # vertical bars share y1; horizontal x0
        groups: dict[int, list[int]] = {}
        for b, grey in boxes:
            width = b[thick[1]] - b[thick[0]]
            if width > BAR_MIN_THICKNESS and not (grey and width <= GREY_RULE_MAX_THICKNESS):
                groups.setdefault(round(b[base]), []).append(round(b[extent]))
        if any(_bar_lengths(ends) for ends in groups.values()):
            return True
    return False


def _is_grey(fill: tuple[float, float, float]) -> bool:
    return max(fill) - min(fill) <= 0.08


def _bar_lengths(ends: Sequence[int]) -> bool:
    distinct = len(set(ends))
    return distinct >= 3 and distinct >= 0.5 * len(ends)


def _is_line_drawing(d: Drawing, max_thickness: float) -> bool:
    """A ruling: a stroked path, or a filled box thin enough to read as a line."""
    x0, y0, x1, y1 = d.bbox
    return d.stroke is not None or min(x1 - x0, y1 - y0) <= max_thickness


STRIPE_MAX_COVER = 0.9  # shaded stripes joined by a shaded label cell cover at most this share of their box (the unshaded rows between them leave holes); a grid of shaded cells covers all of it


def is_zebra_stripe(page: PageAnalysis, cells: Sequence[BBox], max_thickness: float = 3.0) -> bool:
    """A group of "ruled" cells that is one shaded row and nothing else, or shaded rows joined
    by a shaded label cell that spans them (the unshaded rows between them are holes in the
    group): its boundaries come from cell fills only (no stroked or thin rule along it). Zebra
    tables shade every other row; each shaded row is a stripe of the table, not a one-row
    table of its own, and the group of stripes hanging off a shaded row-group label is no
    table of its own either."""
    if not cells:
        return False
    x0, y0 = min(c[0] for c in cells), min(c[1] for c in cells)
    x1, y1 = max(c[2] for c in cells), max(c[3] for c in cells)
    one_row = len({(round(c[1]), round(c[3])) for c in cells}) == 1
    covered = sum((c[2] - c[0]) * (c[3] - c[1]) for c in cells) / max(1.0, (x1 - x0) * (y1 - y0))
    if not one_row and covered > STRIPE_MAX_COVER:
        return False
    # a header rule may run along the top of stripes hanging off a label: only rules across them count
    box = (x0 - 1, y0 - 1, x1 + 1, y1 + 1) if one_row else (x0 - 1, y0 + 1, x1 + 1, y1 - 1)
    return not any(_is_line_drawing(d, max_thickness) and inside(d.bbox, box, 0.5) for d in page.drawings)

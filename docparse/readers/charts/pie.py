"""Pie and donut charts: each wedge's share from its area, named by legend colour or label."""

from __future__ import annotations

import math
from typing import Sequence

from docparse.document import Chart, ChartType, Series
from docparse.pages.analysis import bbox_union
from docparse.readers.charts.marks import Point, TextItem, Wedge, angle_of


def pie_center(wedges: Sequence[Wedge]) -> Point:
    x0, y0, x1, y1 = bbox_union([w.bbox for w in wedges])
    return ((x0 + x1) / 2, (y0 + y1) / 2)


def is_pie(wedges: Sequence[Wedge]) -> bool:
    """Wedges tile a disc (or a ring): a round outline, every point inside the radius, no overlap."""
    x0, y0, x1, y1 = bbox_union([w.bbox for w in wedges])
    w, h = x1 - x0, y1 - y0
    if w <= 0 or h <= 0 or not 0.85 <= w / h <= 1.18:
        return False
    center, radius = pie_center(wedges), max(w, h) / 2
    if any(math.hypot(px - center[0], py - center[1]) > 1.04 * radius for wd in wedges for px, py in wd.polygon):
        return False
    disc = math.pi * radius * radius
    return 0.15 * disc <= sum(wd.area for wd in wedges) <= 1.03 * disc


def _angle_gap(a: float, b: float) -> float:
    d = abs(a - b) % (2 * math.pi)
    return min(d, 2 * math.pi - d)


def _label_for(wedge: Wedge, center: Point, radius: float, texts: Sequence[TextItem], taken: set[int]) -> TextItem | None:
    """The non-numeric text in the wedge's direction, outside (or at) its outer arc."""
    direction = angle_of(center, wedge.centroid)
    best, best_gap = None, math.radians(25)
    for t in texts:
        if id(t) in taken or t.tick is not None:
            continue
        dist = math.hypot(t.cx - center[0], t.cy - center[1])
        if dist < 0.5 * radius or dist > 2.0 * radius:
            continue
        gap = _angle_gap(angle_of(center, (t.cx, t.cy)), direction)
        if gap < best_gap:
            best, best_gap = t, gap
    return best


def _percent_label(wedge: Wedge, center: Point, radius: float, texts: Sequence[TextItem], taken: set[int]) -> TextItem | None:
    """A printed value inside the wedge (``23.5%``): printed values win over geometry."""
    direction = angle_of(center, wedge.centroid)
    for t in texts:
        if id(t) in taken or t.tick is None:
            continue
        dist = math.hypot(t.cx - center[0], t.cy - center[1])
        if dist <= 1.3 * radius and _angle_gap(angle_of(center, (t.cx, t.cy)), direction) < math.radians(12):
            return t
    return None


def read_pie(wedges: Sequence[Wedge], texts: Sequence[TextItem], names: dict[str, str],
             legend_name: str | None = None) -> Chart | None:
    """Shares in percent of the whole (a pie encodes proportions, not absolute values)."""
    total = sum(w.area for w in wedges)
    if total <= 0 or not is_pie(wedges):
        return None
    center = pie_center(wedges)
    x0, y0, x1, y1 = bbox_union([w.bbox for w in wedges])
    radius = max(x1 - x0, y1 - y0) / 2
    ordered = sorted(wedges, key=lambda w: (angle_of(center, w.centroid) + math.pi / 2) % (2 * math.pi))
    categories: list[str] = []
    values: list[float | None] = []
    taken: set[int] = set()
    printed = []
    for k, w in enumerate(ordered):
        name = names.get(w.color)
        if name is None:
            label = _label_for(w, center, radius, texts, taken)
            if label is not None:
                taken.add(id(label))
            name = label.text if label is not None else f"slice {k + 1}"
        categories.append(name)
        values.append(round(100.0 * w.area / total, 4))
        pl = _percent_label(w, center, radius, texts, taken)
        printed.append(pl)
        if pl is not None:
            taken.add(id(pl))
    if all(p is not None and p.tick is not None for p in printed):
        printed_values = [p.tick.value for p in printed if p is not None and p.tick is not None]
        psum = sum(printed_values)
        if psum > 0:
            values = [round(100.0 * v / psum, 4) for v in printed_values]
    above = [t for t in texts if id(t) not in taken and t.tick is None and t.bbox[3] <= y0 and x0 - 20 <= t.cx <= x1 + 20]
    title = max(above, key=lambda t: (t.size, -t.bbox[1])).text if above else None
    return Chart(type=ChartType.PIE, title=title, x_label=legend_name, y_label="share", y_unit="%",
                 categories=categories, series=[Series(name="share", values=values)], source="vector")

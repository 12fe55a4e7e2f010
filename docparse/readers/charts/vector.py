"""Vector chart reader: bars, lines, scatter (and pies, see :mod:`.pie`) from drawings + text.

The chart's ``x_label`` is the title of the category (independent) axis and ``y_label`` the
title of the value axis, whatever their orientation on the page, so the value table's header
reads right for horizontal bars too.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Sequence

from docparse.document import Chart, ChartType, Series
from docparse.pages.analysis import BBox, PageAnalysis, bbox_union
from docparse.readers.charts.axes import (
    NumericAxis,
    find_numeric_axes,
    label_column_left,
    label_row_anywhere,
    label_row_below,
)
from docparse.readers.charts.legend import LegendEntry, find_legend, legend_title
from docparse.readers.charts.marks import Bar, ChartMarks, Point, Polyline, TextItem, collect_marks
from docparse.readers.charts.pie import read_pie
from docparse.readers.charts.ticks import AxisScale, format_value

_UNIT_IN_LABEL = re.compile(r"\(([^()]{1,20})\)\s*$|\[([^\[\]]{1,20})\]\s*$|\bin\s+(%|[$€£¥]\w*|\w+\s?\w*)$")


@dataclass(frozen=True)
class VectorChartOptions:
    label_reach: float = 16.0  # points: how far a printed data label may sit from its bar end
    label_tolerance: float = 0.25  # relative disagreement above which geometry beats a label
    min_points: int = 1


@dataclass(slots=True)
class _Row:
    category: str
    position: float
    values: dict[str, float | None] = field(default_factory=dict)


@dataclass(slots=True)
class _Frame:
    """What the value reading found, before titles and labels are attached."""

    type: ChartType
    rows: list[_Row]
    series: list[str]
    colors: dict[str, str]
    plot: BBox
    value_axis: NumericAxis | None
    used: set[int]


def read_vector_chart(page: PageAnalysis, bbox: BBox, options: VectorChartOptions | None = None) -> Chart | None:
    """Recover the value table of the vector chart inside ``bbox``; ``None`` if it is not one."""
    return chart_from_marks(collect_marks(page, bbox), options)


def chart_from_marks(marks: ChartMarks, options: VectorChartOptions | None = None,
                     default_type: ChartType | None = None, source: str = "vector") -> Chart | None:
    """The value table from sorted marks and texts (any coordinate space, y growing down)."""
    options = options or VectorChartOptions()
    y_axis, x_axis = find_numeric_axes(marks.texts, marks.rules)
    legend = find_legend(marks, {id(t) for axis in (y_axis, x_axis) if axis is not None for t in axis.labels})
    ltitle = legend_title(marks.texts, legend)
    if ltitle is not None:
        marks.texts = [t for t in marks.texts if t is not ltitle]
    names = {e.color: e.name for e in legend}
    big_wedges = [w for w in marks.wedges if w.area > 30.0]
    if len(big_wedges) >= 2 and len(marks.bars) < 2:
        pie = read_pie(big_wedges, marks.texts, names, legend_name=ltitle.text if ltitle else None)
        if pie is not None:
            pie.source = source
        if pie is not None or y_axis is None:
            return pie
    area = bool(big_wedges) and not marks.bars and y_axis is not None
    if area:
        marks.polylines.extend(area_outline(w) for w in big_wedges)
    frame = None
    if marks.bars:
        frame = _bar_frame(marks, y_axis, x_axis, names, options)
    elif marks.polylines or marks.markers:
        frame = _point_frame(marks, y_axis, x_axis, names)
    if frame is None or not frame.rows:
        return None
    if default_type is not None and frame.type is ChartType.SCATTER:
        frame.type = default_type
    if area and frame.type is ChartType.LINE:
        frame.type = ChartType.AREA
    chart = _finish(frame, marks.texts, legend, ltitle)
    chart.source = source
    return chart


# ---------------------------------------------------------------- bars
def _spread(values: Sequence[float]) -> float:
    mean = sum(values) / len(values)
    return (sum((v - mean) ** 2 for v in values) / len(values)) ** 0.5 / (mean or 1.0)


def _is_vertical(bars: Sequence[Bar], y_axis: NumericAxis | None, x_axis: NumericAxis | None) -> bool:
    if y_axis is not None and x_axis is None:
        return True
    if x_axis is not None and y_axis is None:
        return False
    widths = [b.bbox[2] - b.bbox[0] for b in bars]
    heights = [b.bbox[3] - b.bbox[1] for b in bars]
    return _spread(widths) <= _spread(heights)


def _span(b: Bar, vertical: bool) -> tuple[float, float, float, float]:
    """(category lo, category hi, value lo, value hi) in page points."""
    x0, y0, x1, y1 = b.bbox
    return (x0, x1, y0, y1) if vertical else (y0, y1, x0, x1)


def _category_labels(texts: list[TextItem], bars: Sequence[Bar], vertical: bool,
                     value_axis: NumericAxis | None, used: set[int]) -> list[TextItem]:
    free = [t for t in texts if id(t) not in used]
    box = bbox_union([b.bbox for b in bars])
    if vertical:
        bottom = box[3]
        if value_axis is not None:
            bottom = max(bottom, max(value_axis.positions))
        return label_row_below(free, box[0], box[2], bottom) or label_row_anywhere(free, box[0], box[2])
    left = box[0]
    if value_axis is not None:
        left = min(left, min(value_axis.positions))
    return label_column_left(free, box[1], box[3], left)


@dataclass(frozen=True, slots=True)
class _Base:
    """Where bars start: a page position and the value it stands for."""

    position: float
    value: float


def _baseline(spans: list[tuple[float, float, float, float]], scale: AxisScale | None) -> _Base | None:
    """The bars' common end; snapped to the zero line when they share it (exact zero)."""
    ends: Counter[float] = Counter()
    for _, _, lo, hi in spans:
        ends[round(lo * 2) / 2] += 1
        ends[round(hi * 2) / 2] += 1
    if not ends or scale is None:
        return None
    pos, count = ends.most_common(1)[0]
    if count < 2 and len(spans) > 1:
        pos = None
    zero = scale.position(0.0) if not scale.log else None
    if zero is not None:
        near = [e for s in spans for e in s[2:] if abs(e - zero) < 1.5]
        if len(near) >= len(spans) / 2:
            return _Base(sum(near) / len(near), 0.0)
        if pos is None:
            return _Base(zero, 0.0)
    return _Base(pos, scale.value(pos)) if pos is not None else None


def _geometry_value(span, scale: AxisScale, base: _Base | None, stacked: bool) -> float:  # noqa: ANN001
    _, _, lo, hi = span
    if scale.log:
        far = lo if base is None or abs(lo - base.position) > abs(hi - base.position) else hi
        return scale.value(far)
    if stacked or base is None:
        a, b = scale.value(lo), scale.value(hi)
        below = base is not None and max(a, b) <= scale.value(base.position) + 1e-9
        return -abs(a - b) if below else abs(a - b)
    far = hi if abs(hi - base.position) > abs(lo - base.position) else lo
    return base.value + scale.value(far) - scale.value(base.position)


def _data_label(span, vertical: bool, base: _Base | None, texts: list[TextItem], used: set[int],  # noqa: ANN001
                reach: float) -> TextItem | None:
    c0, c1, lo, hi = span
    best, best_d = None, reach
    far = lo if base is None or abs(lo - base.position) >= abs(hi - base.position) else hi
    for t in texts:
        if t.tick is None or id(t) in used:
            continue
        tc, tv = (t.cx, t.cy) if vertical else (t.cy, t.cx)
        if not (c0 - 2 <= tc <= c1 + 2):
            continue
        d = abs(tv - far)
        if d < best_d:
            best, best_d = t, d
    return best


def _bar_frame(marks: ChartMarks, y_axis: NumericAxis | None, x_axis: NumericAxis | None,
               names: dict[str, str], options: VectorChartOptions) -> _Frame | None:
    bars = marks.bars
    vertical = _is_vertical(bars, y_axis, x_axis)
    value_axis = y_axis if vertical else x_axis
    used = {id(t) for axis in (y_axis, x_axis) if axis is not None for t in axis.labels}
    labels = _category_labels(marks.texts, bars, vertical, value_axis, used)
    other = x_axis if vertical else y_axis
    if other is not None:
        labels = []  # numeric categories: named from the category axis scale below
    spans = [_span(b, vertical) for b in bars]
    scale = value_axis.scale if value_axis is not None else None
    base = _baseline(spans, scale)
    slots = _slots(spans, labels, [b.color for b in bars])
    stacked_slots = {k for k, members in slots.items() if _overlapping(members, spans)}
    rows: dict[int, _Row] = {}
    series_of = _bar_series(bars, slots, names)
    used |= {id(t) for t in labels}
    for k, members in sorted(slots.items()):
        name = _numeric_slot_name(members, spans, other) if other is not None else _slot_name(k, labels)
        row = rows.setdefault(k, _Row(name, _slot_pos(members, spans)))
        for i in sorted(members, key=lambda i: -spans[i][2]):
            stacked = k in stacked_slots
            value = _geometry_value(spans[i], scale, base, stacked) if scale is not None else None
            label = _data_label(spans[i], vertical, base, marks.texts, used, options.label_reach)
            if label is not None and label.tick is not None:
                lv = label.tick.value
                if value is None or abs(lv - value) <= options.label_tolerance * max(abs(value), abs(lv), 1e-9):
                    value = lv
                    used.add(id(label))
            value = _clean(value, value_axis.step if value_axis else None)
            previous = row.values.get(series_of[i])
            if stacked and previous is not None and value is not None:  # one series cut in segments
                value = _clean(previous + value, value_axis.step if value_axis else None)
            row.values[series_of[i]] = value
    series = list(dict.fromkeys(series_of[i] for i in sorted(range(len(bars)), key=lambda i: spans[i][0])))
    series = _legend_order(series, names)
    colors = {series_of[i]: bars[i].color for i in range(len(bars))}
    multi_color = any(len({bars[i].color for i in slots[k]}) > 1 for k in stacked_slots)
    kind = ChartType.STACKED_BAR if multi_color else (ChartType.BAR if vertical else ChartType.HORIZONTAL_BAR)
    plot = bbox_union([b.bbox for b in bars])
    return _Frame(kind, [rows[k] for k in sorted(rows, key=lambda k: rows[k].position)], series, colors,
                  plot, value_axis, used)


def _numeric_slot_name(members: list[int], spans, axis: NumericAxis) -> str:  # noqa: ANN001
    """A bar at a numeric category position: the tick label there, else the scale's value."""
    mid = (min(spans[i][0] for i in members) + max(spans[i][1] for i in members)) / 2
    for label, pos in zip(axis.labels, axis.positions):
        if abs(pos - mid) <= 1.5:
            return label.text
    return format_value(axis.scale.value(mid), axis.step)


def area_outline(wedge) -> Polyline:  # noqa: ANN001
    """The top edge of a filled area: its outline without the points on the baseline."""
    bottom = wedge.bbox[3]
    top: dict[float, float] = {}
    for x, y in wedge.polygon:
        if bottom - y > 0.6:
            key = round(x, 1)
            top[key] = min(top.get(key, y), y)
    points = sorted(top.items())
    return Polyline(points, wedge.color, wedge.bbox)


def _clean(value: float | None, step: float | None = None) -> float | None:
    """Drop digits far below the axis resolution (a thousandth of a tick step)."""
    if value is None:
        return None
    if step and step > 0:
        return round(value, max(0, int(-math.floor(math.log10(step))) + 3))
    return float(f"{value:.6g}")


def _slots(spans, labels: list[TextItem], colors: Sequence[str] | None = None) -> dict[int, list[int]]:  # noqa: ANN001
    """Category slot of each bar: groups of stacked (overlapping) or grouped (touching bars of
    different colours) bars, named by the nearest category label."""
    order = sorted(range(len(spans)), key=lambda i: (spans[i][0], spans[i][1]))
    groups: list[list[int]] = []
    hi = float("-inf")
    for i in order:
        c0, c1, _, _ = spans[i]
        width = c1 - c0
        prev = groups[-1][-1] if groups else None
        touching = prev is not None and c0 - hi <= max(0.6, 0.05 * width) and (
            c0 < hi - 0.5 or colors is None or colors[i] != colors[prev])
        if groups and touching:
            groups[-1].append(i)
            hi = max(hi, c1)
        else:
            groups.append([i])
            hi = c1
    if not labels:
        return dict(enumerate(groups))
    if len(groups) > len(labels) > 1:
        groups = _split_at_widest_gaps(groups, spans, len(labels)) or groups
    centers = [t.cx if _is_row(labels) else t.cy for t in labels]
    out: dict[int, list[int]] = {}
    if len(labels) == len(groups):
        return dict(enumerate(groups))
    widths = sorted(spans[i][1] - spans[i][0] for i in range(len(spans)))
    reach = 0.6 * widths[len(widths) // 2]
    spare = len(labels)
    for g in groups:
        lo, hi = min(spans[i][0] for i in g), max(spans[i][1] for i in g)
        near = [j for j in range(len(centers)) if lo - reach <= centers[j] <= hi + reach and j not in out]
        if near:
            out[min(near, key=lambda j: abs(centers[j] - (lo + hi) / 2))] = g
        else:  # its label was not read: the slot keeps a number
            out[spare] = g
            spare += 1
    return out


def _split_at_widest_gaps(groups: list[list[int]], spans, n: int) -> list[list[int]] | None:  # noqa: ANN001
    """Grouped bars set apart by padding: cut the bar sequence at its ``n - 1`` widest gaps when
    those are clearly wider than every other gap (one group per category label)."""
    order = [i for g in groups for i in g]
    gaps = [(spans[b][0] - max(spans[a][1] for a in order[: k + 1]), k) for k, b in enumerate(order[1:])]
    ranked = sorted(gaps, reverse=True)
    cut, rest = ranked[: n - 1], ranked[n - 1 :]
    if not cut or (rest and cut[-1][0] <= 1.5 * max(rest[0][0], 0.5)):
        return None
    cuts = sorted(k for _, k in cut)
    out, start = [], 0
    for k in cuts:
        out.append(order[start : k + 1])
        start = k + 1
    out.append(order[start:])
    return out


def _is_row(labels: list[TextItem]) -> bool:
    if len(labels) < 2:
        return True
    xs = [t.cx for t in labels]
    ys = [t.cy for t in labels]
    return (max(xs) - min(xs)) >= (max(ys) - min(ys))


def _overlapping(members: list[int], spans) -> bool:  # noqa: ANN001
    for a in members:
        for b in members:
            if a < b:
                lo = max(spans[a][0], spans[b][0])
                hi = min(spans[a][1], spans[b][1])
                if hi - lo > 0.5 * min(spans[a][1] - spans[a][0], spans[b][1] - spans[b][0]):
                    return True
    return False


def _slot_name(k: int, labels: list[TextItem]) -> str:
    return labels[k].text if k < len(labels) and labels else str(k + 1)


def _slot_pos(members: list[int], spans) -> float:  # noqa: ANN001
    return min(spans[i][0] for i in members)


def _bar_series(bars: Sequence[Bar], slots: dict[int, list[int]], names: dict[str, str]) -> dict[int, str]:
    colors = list(dict.fromkeys(b.color for b in sorted(bars, key=lambda b: (b.bbox[0], b.bbox[1]))))
    one_per_slot = all(len(m) == 1 for m in slots.values())
    if len(colors) == 1 or (one_per_slot and len(colors) == len(slots)):
        name = names.get(colors[0], "value") if len(colors) == 1 else "value"
        return {i: name for i in range(len(bars))}
    unnamed = [c for c in colors if c not in names]
    fallback = {c: f"series {k + 1}" for k, c in enumerate(unnamed)}
    return {i: names.get(b.color, fallback.get(b.color, "value")) for i, b in enumerate(bars)}


def _legend_order(series: list[str], names: dict[str, str]) -> list[str]:
    order = list(dict.fromkeys(names.values()))
    return sorted(series, key=lambda s: order.index(s) if s in order else len(order) + series.index(s))


# ---------------------------------------------------------------- lines and scatter
def _point_frame(marks: ChartMarks, y_axis: NumericAxis | None, x_axis: NumericAxis | None,
                 names: dict[str, str]) -> _Frame | None:
    if y_axis is None and x_axis is not None:
        return _horizontal_point_frame(marks, x_axis, names)
    if y_axis is None:
        return None
    points: dict[str, list[Point]] = {}
    for p in marks.polylines:
        points.setdefault(p.color, []).extend(p.points)
    line_colors = set(points)
    for m in marks.markers:
        pts = points.setdefault(m.color, [])
        if all(abs(q[0] - m.center[0]) > 1.0 or abs(q[1] - m.center[1]) > 1.0 for q in pts):
            pts.append(m.center)
    used = {id(t) for axis in (y_axis, x_axis) if axis is not None for t in axis.labels}
    all_pts = [q for pts in points.values() for q in pts]
    if not all_pts:
        return None
    box = bbox_union([(q[0], q[1], q[0], q[1]) for q in all_pts])
    labels: list[TextItem] = []
    if x_axis is None:
        bottom = max(box[3], max(y_axis.positions))
        free = [t for t in marks.texts if id(t) not in used]
        labels = label_row_below(free, box[0], box[2], bottom) or label_row_anywhere(free, box[0], box[2])
        used |= {id(t) for t in labels}
    unnamed = [c for c in points if c not in names]
    series_name = {c: names.get(c) or (f"series {unnamed.index(c) + 1}" if len(points) > 1 else "value")
                   for c in points}
    rows: list[_Row] = []
    for color, pts in points.items():
        for px, py in sorted(pts):
            cat, pos = _x_category(px, x_axis, labels)
            if cat is None:
                continue
            row = next((r for r in rows if r.category == cat and series_name[color] not in r.values), None)
            if row is None:
                row = _Row(cat, pos)
                rows.append(row)
            row.values[series_name[color]] = _clean(y_axis.scale.value(py), None if y_axis.scale.log else y_axis.step)
    rows.sort(key=lambda r: r.position)
    kind = ChartType.LINE if line_colors else ChartType.SCATTER
    series = _legend_order(list(series_name.values()), names)
    return _Frame(kind, rows, series, {v: k for k, v in series_name.items()}, box, y_axis, used)


def _horizontal_point_frame(marks: ChartMarks, x_axis: NumericAxis, names: dict[str, str]) -> _Frame | None:
    """Dots along a numeric x axis, one row per category label on the left (dot plots)."""
    points: dict[str, list[Point]] = {}
    for m in marks.markers:
        points.setdefault(m.color, []).append(m.center)
    for p in marks.polylines:
        points.setdefault(p.color, []).extend(p.points)
    all_pts = [q for pts in points.values() for q in pts]
    if not all_pts:
        return None
    used = {id(t) for t in x_axis.labels}
    box = bbox_union([(q[0], q[1], q[0], q[1]) for q in all_pts])
    left = min(box[0], min(x_axis.positions))
    labels = label_column_left([t for t in marks.texts if id(t) not in used], box[1], box[3], left)
    if not labels:
        return None
    used |= {id(t) for t in labels}
    unnamed = [c for c in points if c not in names]
    series_name = {c: names.get(c) or (f"series {unnamed.index(c) + 1}" if len(points) > 1 else "value")
                   for c in points}
    rows: list[_Row] = []
    for color, pts in points.items():
        for px, py in sorted(pts, key=lambda q: q[1]):
            k = min(range(len(labels)), key=lambda j: abs(labels[j].cy - py))
            cat = labels[k].text
            row = next((r for r in rows if r.category == cat and series_name[color] not in r.values), None)
            if row is None:
                row = _Row(cat, labels[k].cy)
                rows.append(row)
            row.values[series_name[color]] = _clean(x_axis.scale.value(px), None if x_axis.scale.log else x_axis.step)
    rows.sort(key=lambda r: r.position)
    series = _legend_order(list(series_name.values()), names)
    return _Frame(ChartType.SCATTER, rows, series, {v: k for k, v in series_name.items()}, box, x_axis, used)


def _x_category(px: float, x_axis: NumericAxis | None, labels: list[TextItem]) -> tuple[str | None, float]:
    if x_axis is not None:
        for label, pos in zip(x_axis.labels, x_axis.positions):
            if abs(pos - px) <= 1.5:
                return label.text, pos
        return format_value(x_axis.scale.value(px), x_axis.step), px
    if labels:
        k = min(range(len(labels)), key=lambda j: abs(labels[j].cx - px))
        spacing = min([abs(a.cx - b.cx) for a, b in zip(labels, labels[1:])] or [8.0])
        if abs(labels[k].cx - px) <= max(4.0, spacing / 2):
            return labels[k].text, labels[k].cx
        return None, px
    return format_value(px), px


# ---------------------------------------------------------------- titles, labels, units
def _finish(frame: _Frame, texts: list[TextItem], legend: list[LegendEntry], ltitle: TextItem | None) -> Chart:
    free = [t for t in texts if id(t) not in frame.used]
    x0, y0, x1, y1 = frame.plot
    if frame.value_axis is not None:
        pos = frame.value_axis.positions
        if frame.value_axis.vertical:
            y0, y1 = min(y0, min(pos)), max(y1, max(pos))
        else:
            x0, x1 = min(x0, min(pos)), max(x1, max(pos))
    above = [t for t in free if t.bbox[3] <= y0 + 1 and not t.vertical and t.bbox[2] > x0 and t.bbox[0] < x1]
    title = max(above, key=lambda t: (round(t.size, 1), -t.bbox[1])).text if above else None
    left_vertical = [t for t in free if t.vertical and t.bbox[2] <= x0]
    below = [t for t in free if t.bbox[1] >= y1 and not t.vertical and x0 - 5 <= t.cx <= x1 + 5]
    below_title = min(below, key=lambda t: t.bbox[1]).text if below else None
    left_title = max(left_vertical, key=lambda t: t.bbox[2]).text if left_vertical else None
    if frame.value_axis is not None and not frame.value_axis.vertical:
        x_label, y_label = left_title, below_title
    else:
        x_label, y_label = below_title, left_title
    if frame.series == ["value"] and y_label:
        frame.series = [y_label]
        for row in frame.rows:
            if "value" in row.values:
                row.values[y_label] = row.values.pop("value")
        frame.colors = {y_label if k == "value" else k: v for k, v in frame.colors.items()}
    y_unit = _unit(y_label) or (frame.value_axis.unit if frame.value_axis else None)
    series = [Series(name=name, values=[r.values.get(name) for r in frame.rows], color=frame.colors.get(name))
              for name in frame.series]
    return Chart(type=frame.type, title=title, x_label=x_label, y_label=y_label, x_unit=_unit(x_label),
                 y_unit=y_unit, categories=[r.category for r in frame.rows], series=series, source="vector")


def _unit(label: str | None) -> str | None:
    if not label:
        return None
    m = _UNIT_IN_LABEL.search(label)
    if m is None:
        return None
    return next(g for g in m.groups() if g).strip()

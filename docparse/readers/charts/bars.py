"""Bar charts (vertical, horizontal, grouped, stacked): bar extents to values, printed data
labels preferred when they agree with the geometry."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, Sequence

from docparse.document import ChartType
from docparse.pages.analysis import bbox_union
from docparse.readers.charts.axes import NumericAxis, label_column_left, label_row_anywhere, label_row_below
from docparse.readers.charts.frame import Frame, Row, clean_value, legend_order
from docparse.readers.charts.marks import Bar, ChartMarks, TextItem
from docparse.readers.charts.ticks import AxisScale, format_value

if TYPE_CHECKING:
    from docparse.readers.charts.vector import VectorChartOptions


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
    pos: float | None
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


def bar_frame(marks: ChartMarks, y_axis: NumericAxis | None, x_axis: NumericAxis | None,
               names: dict[str, str], options: VectorChartOptions) -> Frame | None:
    bars = marks.bars
    vertical = _is_vertical(bars, y_axis, x_axis)
    value_axis = y_axis if vertical else x_axis
    used = {id(t) for axis in (y_axis, x_axis) if axis is not None for t in axis.labels}
    labels = split_wide_labels(_category_labels(marks.texts, bars, vertical, value_axis, used),
                               [_span(b, vertical) for b in bars], vertical)
    other = x_axis if vertical else y_axis
    if other is not None and _inside_bars(other, bars, vertical):
        other = None  # printed values that happen to line up, not a category axis
    spans = [_span(b, vertical) for b in bars]
    if other is not None and _groups_on_numeric_labels(spans, other, [b.color for b in bars]):
        labels, other = list(other.labels), None  # years over groups of bars: names, not a scale
    if other is not None:
        labels = []  # numeric categories: named from the category axis scale below
    scale = value_axis.scale if value_axis is not None else None
    base = _baseline(spans, scale)
    slots = _slots(spans, labels, [b.color for b in bars])
    stacked_slots = {k for k, members in slots.items() if _overlapping(members, spans)}
    rows: dict[int, Row] = {}
    series_of = _bar_series(bars, slots, names)
    used |= {id(t) for t in labels}
    for k, members in sorted(slots.items()):
        name = _numeric_slot_name(members, spans, other) if other is not None else _slot_name(k, labels)
        center = (min(spans[i][0] for i in members) + max(spans[i][1] for i in members)) / 2
        row = rows.setdefault(k, Row(name, _slot_pos(members, spans), center=center))
        for i in sorted(members, key=lambda i: -spans[i][2]):
            stacked = k in stacked_slots
            value = _geometry_value(spans[i], scale, base, stacked) if scale is not None else None
            label = _data_label(spans[i], vertical, base, marks.texts, used, options.label_reach)
            if label is not None and label.tick is not None:
                lv = label.tick.value
                if value is None or abs(lv - value) <= options.label_tolerance * max(abs(value), abs(lv), 1e-9):
                    value = lv
                    used.add(id(label))
            value = clean_value(value, value_axis.step if value_axis else None)
            previous = row.values.get(series_of[i])
            if stacked and previous is not None and value is not None:  # one series cut in segments
                value = clean_value(previous + value, value_axis.step if value_axis else None)
            row.values[series_of[i]] = value
    series = list(dict.fromkeys(series_of[i] for i in sorted(range(len(bars)), key=lambda i: spans[i][0])))
    series = legend_order(series, names)
    colors = {series_of[i]: bars[i].color for i in range(len(bars))}
    multi_color = any(len({bars[i].color for i in slots[k]}) > 1 for k in stacked_slots)
    kind = ChartType.STACKED_BAR if multi_color else (ChartType.BAR if vertical else ChartType.HORIZONTAL_BAR)
    plot = bbox_union([b.bbox for b in bars])
    return Frame(kind, [rows[k] for k in sorted(rows, key=lambda k: rows[k].position)], series, colors,
                  plot, value_axis, used)


def split_wide_labels(labels: list[TextItem], spans, vertical: bool) -> list[TextItem]:  # noqa: ANN001
    """A category label of several words over as many bar slots as it has words is that many
    labels merged by the OCR or the text layer ("South Delta Tech"): one word per slot, each
    placed where its letters sit."""
    if not vertical or not spans:
        return labels
    widths = sorted(c1 - c0 for c0, c1, _, _ in spans)
    tol = 0.5 * widths[len(widths) // 2]
    centers = sorted((c0 + c1) / 2 for c0, c1, _, _ in spans)
    out: list[TextItem] = []
    for t in labels:
        words = t.text.split()
        covered = _distinct([c for c in centers if t.bbox[0] <= c <= t.bbox[2]], tol)
        if len(words) < 2 or len(covered) != len(words) or t.slanted or t.vertical:
            out.append(t)
            continue
        out.extend(_word_items(t, words))
    return sorted(out, key=lambda t: t.cx)


def _distinct(values: list[float], tol: float) -> list[float]:
    out: list[float] = []
    for v in values:
        if not out or v - out[-1] > tol:
            out.append(v)
    return out


def _word_items(t: TextItem, words: list[str]) -> list[TextItem]:
    """The words of ``t`` as items, their boxes in proportion to their letters' places."""
    per_char = (t.bbox[2] - t.bbox[0]) / max(1, len(t.text))
    out, start = [], 0
    for w in words:
        k = t.text.index(w, start)
        x0 = t.bbox[0] + k * per_char
        out.append(TextItem(w, (x0, t.bbox[1], x0 + len(w) * per_char, t.bbox[3]), t.size, t.vertical, None))
        start = k + len(w)
    return out


def _inside_bars(axis: NumericAxis, bars: Sequence[Bar], vertical: bool) -> bool:
    """Whether an axis's labels sit within the bars' extent or past their far ends (data
    labels printed over the bars, two of them level by chance), not outside their baseline
    where category tick labels go."""
    x0, y0, x1, y1 = bbox_union([b.bbox for b in bars])
    if vertical:
        return any(t.cy < y1 - 1 for t in axis.labels)
    return any(t.cx > x0 + 1 for t in axis.labels)


def _numeric_slot_name(members: list[int], spans, axis: NumericAxis) -> str:  # noqa: ANN001
    """A bar at a numeric category position: the tick label there, else the scale's value."""
    mid = (min(spans[i][0] for i in members) + max(spans[i][1] for i in members)) / 2
    for label, pos in zip(axis.labels, axis.positions):
        if abs(pos - mid) <= 1.5:
            return label.text
    return format_value(axis.scale.value(mid), axis.step)


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
            c0 < hi - 0.5 or colors is None or colors[i] != colors[prev]) and not _overdrawn(spans, colors, prev, i)
        if groups and touching:
            groups[-1].append(i)
            hi = max(hi, c1)
        else:
            groups.append([i])
            hi = c1
    if not labels:
        return dict(enumerate(groups))
    centers = [t.anchor_x if _is_row(labels) else t.cy for t in labels]
    if len(groups) > len(labels) > 1:
        groups = _split_at_widest_gaps(groups, spans, len(labels)) or groups_by_nearest(groups, spans, centers, colors) or groups
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


def _overdrawn(spans, colors: Sequence[str] | None, a: int, b: int) -> bool:  # noqa: ANN001
    """Two bars of one colour side by side that overlap along the category axis and along the
    value axis too: bars drawn wider than their spacing, each over its neighbour (pgfplots'
    default bar width with many categories), not a stack (a stack's segments sit end to end)."""
    if colors is None or colors[a] != colors[b]:
        return False
    _, _, lo_a, hi_a = spans[a]
    _, _, lo_b, hi_b = spans[b]
    shared = min(hi_a, hi_b) - max(lo_a, lo_b)
    return shared > 0.5 * min(hi_a - lo_a, hi_b - lo_b)


def _groups_on_numeric_labels(spans, axis: NumericAxis, colors: Sequence[str]) -> bool:  # noqa: ANN001
    """Numbers under a grouped bar chart (years): more bar slots than labels, the bars fall into
    one group per label at their clearly widest gaps, and each group is centred on its label,
    so the numbers name the groups (read as a scale, each bar got its own x: 2009.7, 2010 ...)."""
    labels = sorted(axis.labels, key=lambda t: t.anchor_x if axis.vertical is False else t.cy)
    slots = _slots(spans, [], colors)
    if len(labels) < 2 or len(slots) <= len(labels):
        return False
    centers = [t.anchor_x if not axis.vertical else t.cy for t in labels]
    groups = _split_at_widest_gaps(list(slots.values()), spans, len(labels)) or groups_by_nearest(list(slots.values()), spans, centers, colors)
    if groups is None:
        return False
    for g, c in zip(groups, centers):
        lo, hi = min(spans[i][0] for i in g), max(spans[i][1] for i in g)
        if abs((lo + hi) / 2 - c) > 0.25 * (hi - lo) + 1.0:
            return False
    return True


def groups_by_nearest(groups: list[list[int]], spans, centers: list[float],  # noqa: ANN001
                       colors: Sequence[str] | None) -> list[list[int]] | None:
    """Grouped bars padded inside a group about as much as between groups (pygal): each bar
    slot goes to its nearest category label, taken when every label gets as many slots (two
    or more) and no colour twice (one bar per series: two bars of one colour under a label
    are two categories, one of them unread), in the labels' order."""
    if not centers or colors is None:
        return None
    out: list[list[list[int]]] = [[] for _ in centers]
    for g in groups:
        mid = (min(spans[i][0] for i in g) + max(spans[i][1] for i in g)) / 2
        out[min(range(len(centers)), key=lambda j: abs(centers[j] - mid))].append(g)
    if len({len(o) for o in out}) != 1 or len(out[0]) < 2:
        return None
    merged = [[i for g in o for i in g] for o in out]
    if any(len({colors[i] for i in m}) < len(m) for m in merged):
        return None
    return merged


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


def overlay_lines(frame: Frame, marks: ChartMarks, names: dict[str, str]) -> None:
    """Lines or markers drawn over vertical bars (combo charts): one more series each, read at
    the bar slots with the value axis."""
    axis = frame.value_axis
    centers = [r.center for r in frame.rows if r.center is not None]
    if axis is None or not axis.vertical or frame.type is ChartType.HORIZONTAL_BAR or len(centers) != len(frame.rows):
        return
    reach = 0.5 * min((b - a for a, b in zip(centers, centers[1:])), default=20.0)
    bar_colors = set(frame.colors.values())
    points: dict[str, list[tuple[float, float]]] = {}
    for p in marks.polylines:
        points.setdefault(p.color, []).extend(p.points)
    for m in marks.markers:
        points.setdefault(m.color, []).append(m.center)
    for k, (color, pts) in enumerate(points.items()):
        if color in bar_colors:
            continue
        name = names.get(color, f"line {k + 1}")
        hits = 0
        for row in frame.rows:
            near = [p for p in pts if row.center is not None and abs(p[0] - row.center) <= reach]
            if near:
                y = min(near, key=lambda p: abs(p[0] - (row.center or 0.0)))[1]
                row.values[name] = clean_value(axis.scale.value(y), None if axis.scale.log else axis.step)
                hits += 1
        if hits:
            frame.series.append(name)
            frame.colors[name] = color

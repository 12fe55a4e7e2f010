"""Numeric axes from aligned tick labels (snapped to tick marks or gridlines) and category rows."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Sequence

from docparse.readers.charts.marks import Rule, TextItem
from docparse.readers.charts.ticks import AxisScale, Tick, fit_axis_robust


@dataclass(slots=True)
class NumericAxis:
    """An axis whose labels are numbers; ``vertical`` means the labels are stacked (a y axis)."""

    scale: AxisScale
    labels: list[TextItem]
    vertical: bool
    positions: list[float] = field(default_factory=list)
    unit: str | None = None

    @property
    def step(self) -> float | None:
        values = sorted({t.tick.value for t in self.labels if t.tick is not None})
        gaps = [b - a for a, b in zip(values, values[1:]) if b > a]
        return min(gaps) if gaps else None

    @property
    def edge(self) -> float:
        """Where the labels sit: their mean x (y axis) or mean y (x axis)."""
        if self.vertical:
            return sum(t.cx for t in self.labels) / len(self.labels)
        return sum(t.cy for t in self.labels) / len(self.labels)


def _cluster(items: list[TextItem], key, tol: float) -> list[list[TextItem]]:  # noqa: ANN001
    groups: list[list[TextItem]] = []
    for item in sorted(items, key=key):
        if groups and abs(key(item) - key(groups[-1][-1])) <= tol:
            groups[-1].append(item)
        else:
            groups.append([item])
    return groups


def _snap_y(label: TextItem, rules: Sequence[Rule]) -> float:
    height = label.bbox[3] - label.bbox[1]
    best, dist = label.cy, 0.5 * height + 1.0
    for r in rules:
        if not r.horizontal:
            continue
        near = r.bbox[0] - 14 <= label.bbox[2] <= r.bbox[2] + 2 or label.bbox[0] - 2 <= r.bbox[2] <= label.bbox[0] + 14
        if near and abs(r.at - label.cy) < dist:
            best, dist = r.at, abs(r.at - label.cy)
    return best


def _snap_x(label: TextItem, rules: Sequence[Rule]) -> float:
    width = label.bbox[2] - label.bbox[0]
    x = label.anchor_x
    best, dist = x, (0.25 if label.slanted else 0.5) * width + 2.5
    for r in rules:
        if r.horizontal:
            continue
        near = r.bbox[1] - 14 <= label.bbox[1] <= r.bbox[3] + 14 or r.bbox[1] - 14 <= label.bbox[3] <= r.bbox[3] + 14
        if near and abs(r.at - x) < dist:
            best, dist = r.at, abs(r.at - x)
    return best


def tick_x(label: TextItem, rules: Sequence[Rule]) -> float:
    """Where a category label points: the tick mark or gridline under it, else its centre
    (an OCR box can be off by a few points)."""
    return _snap_x(label, rules)


def with_common_offset(group: list[TextItem], positions: list[float], vertical: bool) -> list[float]:
    """The labels of one axis sit at one offset from their ticks: where two or more snapped to
    a tick or gridline, the others (whose gridline a bar hides) move by the same offset
    (fivethirtyeight draws its tick labels ~4 pt below the gridlines)."""
    centres = [t.cy if vertical else t.anchor_x for t in group]
    offsets = sorted(p - c for p, c in zip(positions, centres) if p != c)
    if len(offsets) < 2 or len(offsets) == len(group):
        return positions
    shift = offsets[len(offsets) // 2]
    return [p if p != c else c + shift for p, c in zip(positions, centres)]


def _axis_from_group(group: list[TextItem], rules: Sequence[Rule], vertical: bool) -> NumericAxis | None:
    if len(group) < 2:
        return None
    positions = with_common_offset(group, [(_snap_y(t, rules) if vertical else _snap_x(t, rules)) for t in group], vertical)
    ticks = [Tick(p, t.tick.value) for p, t in zip(positions, group) if t.tick is not None]
    if len({round(p, 1) for p in positions}) < len(positions):
        return None  # two labels at one position: not an axis
    scale = fit_axis_robust(ticks)
    if scale is None:
        return None
    if vertical and scale.slope > 0 and not scale.log:
        return None  # values grow downwards: a list of numbers, not a y axis
    units = {t.tick.unit for t in group if t.tick is not None and t.tick.unit}
    return NumericAxis(scale, group, vertical, positions, unit=units.pop() if len(units) == 1 else None)


def find_numeric_axes(
    texts: Sequence[TextItem], rules: Sequence[Rule]
) -> tuple[NumericAxis | None, NumericAxis | None]:
    """The best y axis (stacked numeric labels) and x axis (a row of numeric labels)."""
    numeric = [t for t in texts if t.tick is not None and not t.vertical]
    y_best: NumericAxis | None = None
    for key in (lambda t: t.bbox[2], lambda t: t.bbox[0]):
        for group in _cluster(numeric, key, 3.0):
            axis = _axis_from_group(sorted(group, key=lambda t: t.cy), rules, True)
            if axis and (y_best is None or len(axis.labels) > len(y_best.labels)):
                y_best = axis
    x_best: NumericAxis | None = None
    taken = {id(t) for t in y_best.labels} if y_best is not None else set()
    for group in _cluster([t for t in numeric if id(t) not in taken], lambda t: t.cy, 2.5):
        axis = _axis_from_group(sorted(group, key=lambda t: t.cx), rules, False)
        if axis and (x_best is None or len(axis.labels) > len(x_best.labels)):
            x_best = axis
    return y_best, x_best


def label_row_below(texts: Sequence[TextItem], x0: float, x1: float, bottom: float) -> list[TextItem]:
    """The row of labels right under the plot (category labels of vertical bars / lines); a
    slanted label counts where it points (its raised end hangs far left of the plot's first slot)."""
    cands = [t for t in texts if t.bbox[1] >= bottom - 4 and t.bbox[1] <= bottom + 30 and x0 - 20 <= t.anchor_x <= x1 + 20]
    if not cands:
        return []
    rows = _cluster(cands, lambda t: t.bbox[1], 6.0)
    best = max(rows, key=lambda r: (len(r), -min(t.bbox[1] for t in r)))  # fullest, then nearest
    return sorted(best, key=lambda t: t.cx)


def label_column_left(texts: Sequence[TextItem], y0: float, y1: float, left: float) -> list[TextItem]:
    """The column of labels left of the plot (category labels of horizontal bars)."""
    cands = [t for t in texts if t.bbox[2] <= left + 4 and t.bbox[2] >= left - 60 and y0 - 10 <= t.cy <= y1 + 10
             and not t.vertical]
    if not cands:
        return []
    right = max(t.bbox[2] for t in cands)
    return sorted((t for t in cands if t.bbox[2] >= right - 25), key=lambda t: t.cy)


def label_row_anywhere(texts: Sequence[TextItem], x0: float, x1: float) -> list[TextItem]:
    """The longest row of non-numeric labels across the plot (category labels drawn at the
    zero line when values go negative)."""
    cands = [t for t in texts if t.tick is None and not t.vertical and x0 - 20 <= t.cx <= x1 + 20]
    rows = _cluster(cands, lambda t: t.cy, 2.0)
    rows = [r for r in rows if len(r) >= 2]
    if not rows:
        return []
    longest = max(rows, key=len)
    return sorted(longest, key=lambda t: t.cx)

"""What the value readers fill in before titles and labels are attached: rows and series."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from docparse.document import ChartType
from docparse.pages.analysis import BBox
from docparse.readers.charts.axes import NumericAxis


@dataclass(slots=True)
class Row:
    """One category (x value) with a value per series."""

    category: str
    position: float
    values: dict[str, float | None] = field(default_factory=dict)
    center: float | None = None  # middle of a bar slot along the category axis


@dataclass(slots=True)
class Frame:
    """What the value reading found, before titles and labels are attached."""

    type: ChartType
    rows: list[Row]
    series: list[str]
    colors: dict[str, str]
    plot: BBox
    value_axis: NumericAxis | None
    used: set[int]


def clean_value(value: float | None, step: float | None = None) -> float | None:
    """Drop digits far below the axis resolution (a thousandth of a tick step)."""
    if value is None:
        return None
    if step and step > 0:
        return round(value, max(0, int(-math.floor(math.log10(step))) + 3))
    return float(f"{value:.6g}")


def legend_order(series: list[str], names: dict[str, str]) -> list[str]:
    order = list(dict.fromkeys(names.values()))
    return sorted(series, key=lambda s: order.index(s) if s in order else len(order) + series.index(s))

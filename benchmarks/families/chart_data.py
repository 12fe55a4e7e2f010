"""Chart data and chart style drawn from a seeded RNG, shared by every chart renderer.

The same :class:`ChartSpec` is handed to Vega-Lite, matplotlib, pygal and plotly, and
:func:`chart_truth` turns it into the exact :class:`ChartTruth`, so the truth never comes from
reading a rendered chart back.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from enum import Enum

from benchmarks.families.base import ChartTruth, SeriesTruth


class Kind(str, Enum):
    BAR = "bar"
    GROUPED = "grouped"
    STACKED = "stacked"
    HBAR = "hbar"
    LINE = "line"
    AREA = "area"
    PIE = "pie"
    SCATTER = "scatter"


class LabelSet(str, Enum):
    WORDS = "words"  # short words, often set close together
    MONTHS = "months"
    YEARS = "years"  # 2016, 2017 ... categories, never numbers on an axis
    QUARTERS = "quarters"
    NUMBERS = "numbers"  # scatter x values


class Side(str, Enum):
    TOP = "top"
    BOTTOM = "bottom"
    LEFT = "left"
    RIGHT = "right"


_TRUTH_TYPE = {Kind.BAR: "bar", Kind.GROUPED: "bar", Kind.STACKED: "stacked_bar", Kind.HBAR: "horizontal_bar",
               Kind.LINE: "line", Kind.AREA: "area", Kind.PIE: "pie", Kind.SCATTER: "scatter"}
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
WORDS = ("Online", "Wholesale", "West", "Retail", "Direct", "Partner", "Export", "Metro", "Rural", "Coastal",
         "Alpine", "Cedar", "Maple", "Willow", "Aspen", "Birch", "Hazel", "Rowan", "Spruce", "Linden",
         "Harbor", "Summit", "Valley", "Prairie")
SERIES = ("Revenue", "Costs", "Orders", "Returns", "Visits", "Leads", "Stores", "Exports", "Margin", "Units")
TITLES = ("Revenue by segment", "Orders per month", "Share of sales", "Regional volume", "Visits over time",
          "Cost breakdown", "Units shipped", "Customer mix", "Yearly results", "Lead sources")


@dataclass(frozen=True)
class ChartSpec:
    kind: Kind
    title: str
    categories: tuple[str, ...]
    series: tuple[SeriesTruth, ...]
    labels: LabelSet
    wide: bool  # full text width, else about half
    legend: Side | None  # None: a single series without legend
    grid: bool
    data_labels: bool
    rotate_labels: bool
    y_title: str
    x_title: str
    seed: int

    @property
    def multi(self) -> bool:
        return len(self.series) > 1


def _categories(rng: random.Random, kind: Kind, n: int) -> tuple[tuple[str, ...], LabelSet]:
    if kind is Kind.SCATTER:
        return tuple(str(x) for x in sorted(rng.sample(range(2, 60), n))), LabelSet.NUMBERS
    options = [LabelSet.WORDS, LabelSet.QUARTERS] if kind in (Kind.PIE, Kind.HBAR) else \
        [LabelSet.WORDS, LabelSet.MONTHS, LabelSet.YEARS]
    if kind in (Kind.LINE, Kind.AREA):
        options = [LabelSet.MONTHS, LabelSet.YEARS, LabelSet.MONTHS, LabelSet.WORDS]
    labels = rng.choice(options)
    if labels is LabelSet.MONTHS:
        start = rng.randint(0, 12 - min(n, 12))
        return MONTHS[start:start + n], labels
    if labels is LabelSet.YEARS:
        start = rng.randint(2008, 2018)
        return tuple(str(start + i) for i in range(n)), labels
    if labels is LabelSet.QUARTERS:
        year = rng.randint(18, 25)
        return tuple(f"Q{i % 4 + 1} {year + i // 4}" for i in range(n)), labels
    return tuple(rng.sample(WORDS, n)), labels


def _values(rng: random.Random, n: int, kind: Kind, magnitude: float, smooth: bool) -> tuple[float, ...]:
    lo = 0.15 * magnitude
    if smooth:  # line and area: a walk, so neighbours differ but not wildly
        v = rng.uniform(0.3, 0.7) * magnitude
        out = []
        for _ in range(n):
            v = min(magnitude, max(lo, v + rng.uniform(-0.2, 0.2) * magnitude))
            out.append(v)
    else:
        out = [rng.uniform(lo, magnitude) for _ in range(n)]
    step = 1.0 if magnitude >= 50 else 0.5
    return tuple(max(step, round(x / step) * step) for x in out)


def _n_series(rng: random.Random, kind: Kind) -> int:
    if kind in (Kind.GROUPED, Kind.STACKED):
        return rng.randint(2, 3)
    if kind is Kind.LINE:
        return rng.randint(1, 3)
    return 1


def _n_categories(rng: random.Random, kind: Kind, wide: bool) -> int:
    if kind is Kind.PIE:
        return rng.randint(3, 6)
    if kind is Kind.SCATTER:
        return rng.randint(6, 12)
    most = 14 if wide else 8
    if kind in (Kind.GROUPED, Kind.STACKED):
        most = 8 if wide else 5
    return rng.randint(3, most)


def _crowded(categories: tuple[str, ...], wide: bool) -> bool:
    """Labels that would run into each other unless turned (about 6.5 pt a character)."""
    room = 380.0 if wide else 170.0
    return len(categories) * (max(len(c) for c in categories) * 6.5 + 4) > room


def random_spec(rng: random.Random, kind: Kind | None = None, wide: bool | None = None) -> ChartSpec:
    kind = kind or rng.choice(list(Kind))
    wide = rng.random() < 0.5 if wide is None else wide
    n = _n_categories(rng, kind, wide)
    categories, labels = _categories(rng, kind, n)
    n = len(categories)  # at most twelve months
    magnitude = rng.choice((20.0, 80.0, 150.0, 600.0, 2500.0))
    names = rng.sample(SERIES, _n_series(rng, kind))
    smooth = kind in (Kind.LINE, Kind.AREA)
    series = tuple(SeriesTruth(name, _values(rng, n, kind, magnitude, smooth)) for name in names)
    legend = rng.choice(list(Side)) if len(series) > 1 or kind is Kind.PIE else None
    crowded = _crowded(categories, wide) and kind not in (Kind.HBAR, Kind.PIE, Kind.SCATTER)
    return ChartSpec(kind=kind, title=rng.choice(TITLES), categories=categories, series=series, labels=labels,
                     wide=wide, legend=legend, grid=rng.random() < 0.6,
                     data_labels=kind in (Kind.BAR, Kind.HBAR, Kind.PIE) and rng.random() < 0.4,
                     rotate_labels=crowded or (labels is LabelSet.WORDS and kind is not Kind.HBAR and n >= 6
                                               and rng.random() < 0.4),
                     y_title=rng.choice(("Value", "Units", "EUR thousand", "Count", "")),
                     x_title=rng.choice(("", "", "Segment", "Period")), seed=rng.randint(0, 10**6))


def chart_truth(spec: ChartSpec, vector: bool, page: int, style: str) -> ChartTruth:
    return ChartTruth(type=_TRUTH_TYPE[spec.kind], categories=spec.categories, series=spec.series,
                      vector=vector, page=page, style=style)


def fmt_value(v: float) -> str:
    return f"{v:g}" if v < 1e5 else f"{v:,.0f}"

"""Charts for the HTML families: matplotlib with non-default styles, as SVG (vector, text kept as
text) or PNG (raster), plus the exact :class:`ChartTruth` from the plotted data."""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchmarks.families import html_words as words
from benchmarks.families.base import ChartTruth, SeriesTruth
from docparse.document import ChartType

STYLES = ["ggplot", "bmh", "seaborn-v0_8-whitegrid", "seaborn-v0_8-muted", "grayscale",
          "fivethirtyeight", "Solarize_Light2", "tableau-colorblind10", "classic", "seaborn-v0_8-pastel"]
KINDS = [ChartType.BAR, ChartType.BAR, ChartType.HORIZONTAL_BAR, ChartType.LINE, ChartType.LINE, ChartType.PIE,
         ChartType.STACKED_BAR]
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
LEGEND_SPOTS = ["upper right", "upper left", "lower center", "center left", "best", "outside"]


@dataclass(frozen=True)
class ChartSpec:
    kind: ChartType
    categories: tuple[str, ...]
    series: tuple[SeriesTruth, ...]
    style: str
    vector: bool
    title: str
    legend: str
    data_labels: bool
    rotate: int
    width_in: float
    height_in: float
    font: str
    dpi: int = 130


def _categories(rng: random.Random, kind: ChartType) -> list[str]:
    if kind is ChartType.LINE:
        if rng.random() < 0.5:
            return MONTHS[: rng.randint(6, 12)]
        start = rng.randint(2008, 2016)
        return [str(y) for y in range(start, start + rng.randint(5, 9))]
    n = rng.randint(3, 6) if kind is ChartType.PIE else rng.randint(3, 9)
    pool = words.GROUPS if rng.random() < 0.5 else words.LABELS
    return rng.sample(pool, n)


def make_chart(rng: random.Random, vector: bool, font: str) -> ChartSpec:
    kind = rng.choice(KINDS)
    cats = _categories(rng, kind)
    n_series = 1 if kind is ChartType.PIE else rng.choice([1, 1, 2, 3] if kind is not ChartType.STACKED_BAR else [2, 3])
    names = rng.sample(words.MEASURES, n_series) if n_series > 1 else [rng.choice(words.MEASURES)]
    scale = rng.choice([1, 10, 100, 1000])
    series = []
    for name in names:
        if kind is ChartType.LINE:
            v = rng.uniform(20, 80)
            vals = []
            for _ in cats:
                v = max(1.0, v + rng.uniform(-12, 14))
                vals.append(round(v * scale / 10, 1))
        else:
            vals = [round(rng.uniform(5, 95) * scale / 10, 1) for _ in cats]
        series.append(SeriesTruth(name, tuple(vals)))
    wide = rng.random() < 0.4
    return ChartSpec(kind, tuple(cats), tuple(series), rng.choice(STYLES), vector,
                     f"{rng.choice(words.MEASURES)} by {rng.choice(['region', 'month', 'segment', 'year'])}",
                     rng.choice(LEGEND_SPOTS), rng.random() < 0.3,
                     rng.choice([0, 0, 30, 45, 90]) if len(cats) > 6 and kind in (ChartType.BAR, ChartType.STACKED_BAR) else 0,
                     rng.uniform(6.0, 7.5) if wide else rng.uniform(4.2, 5.5), rng.uniform(2.6, 3.6), font,
                     rng.choice([110, 130, 150]))


def truth(spec: ChartSpec, page: int = 1) -> ChartTruth:
    return ChartTruth(spec.kind.value, spec.categories, spec.series, spec.vector, page,
                      f"matplotlib:{spec.style}:{'svg' if spec.vector else 'png'}")


def _draw(ax: Any, spec: ChartSpec) -> None:  # ax: a matplotlib Axes
    import numpy as np

    x = np.arange(len(spec.categories))
    n = len(spec.series)
    if spec.kind is ChartType.PIE:
        ax.pie(spec.series[0].values, labels=list(spec.categories),
               autopct="%1.1f%%" if spec.data_labels else None, startangle=90)
        ax.axis("equal")
        return
    if spec.kind is ChartType.LINE:
        for s in spec.series:
            ax.plot(list(spec.categories), s.values, marker="o", label=s.name)
        return
    bottom = np.zeros(len(x))
    width = 0.8 / (1 if spec.kind is ChartType.STACKED_BAR else n)
    for k, s in enumerate(spec.series):
        vals = np.array(s.values, dtype=float)
        if spec.kind is ChartType.STACKED_BAR:
            bars = ax.bar(x, vals, 0.6, bottom=bottom, label=s.name)
            bottom = bottom + vals
        elif spec.kind is ChartType.HORIZONTAL_BAR:
            bars = ax.barh(x + (k - (n - 1) / 2) * width, vals, width, label=s.name)
        else:
            bars = ax.bar(x + (k - (n - 1) / 2) * width, vals, width, label=s.name)
        if spec.data_labels and spec.kind is not ChartType.STACKED_BAR:
            ax.bar_label(bars, fmt="%g", fontsize=7)
    if spec.kind is ChartType.HORIZONTAL_BAR:
        ax.set_yticks(x, list(spec.categories))
    else:
        ax.set_xticks(x, list(spec.categories), rotation=spec.rotate,
                      ha="right" if spec.rotate and spec.rotate < 90 else "center")


def render(spec: ChartSpec, out: Path) -> Path:
    """Write the chart to ``out`` (.svg or .png) unless it is already there."""
    if out.exists():
        return out
    out.parent.mkdir(parents=True, exist_ok=True)
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    with plt.style.context(spec.style), plt.rc_context({"svg.fonttype": "none", "font.family": spec.font}):
        fig, ax = plt.subplots(figsize=(spec.width_in, spec.height_in))
        _draw(ax, spec)
        ax.set_title(spec.title, fontsize=10)
        if len(spec.series) > 1:
            if spec.legend == "outside":
                ax.legend(loc="center left", bbox_to_anchor=(1.01, 0.5), fontsize=8)
            else:
                ax.legend(loc=spec.legend, fontsize=8)  # type: ignore[call-overload]
        fig.tight_layout()
        tmp = out.with_suffix(".tmp" + out.suffix)
        fig.savefig(tmp, dpi=spec.dpi)
        plt.close(fig)
    tmp.replace(out)
    return out

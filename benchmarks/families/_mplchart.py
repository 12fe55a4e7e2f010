"""Draw a :class:`ChartSpec` with matplotlib (any style sheet) to PDF (vector) or PNG (raster),
and give its :class:`ChartTruth`. The truth is the spec's data, never read back from the file."""

from __future__ import annotations

from pathlib import Path

from benchmarks.families._content import TRUTH_TYPE, ChartKind, ChartSpec, Legend
from benchmarks.families.base import ChartTruth, SeriesTruth


def chart_truth(spec: ChartSpec, vector: bool, page: int, label: str) -> ChartTruth:
    return ChartTruth(type=TRUTH_TYPE[spec.kind], categories=tuple(spec.categories),
                      series=tuple(SeriesTruth(n, tuple(v)) for n, v in spec.series), vector=vector,
                      page=page, style=f"{label}:{spec.kind.value}:{spec.mpl_style}")


def _legend(ax, spec: ChartSpec) -> None:
    if len(spec.series) < 2 and spec.kind is not ChartKind.PIE or spec.legend is Legend.NONE:
        return
    if spec.legend is Legend.OUTSIDE_RIGHT:
        ax.legend(loc="center left", bbox_to_anchor=(1.01, 0.5), frameon=False)
    elif spec.legend is Legend.LOWER_CENTER and spec.kind is not ChartKind.PIE:
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.18 if not spec.rotate else -0.35),
                  ncol=len(spec.series), frameon=False)
    else:
        ax.legend(loc=spec.legend.value)


def _bars(ax, spec: ChartSpec) -> None:
    n = len(spec.series)
    idx = list(range(len(spec.categories)))
    horizontal = spec.kind is ChartKind.HORIZONTAL
    width = 0.8 / (n if spec.kind in (ChartKind.GROUPED, ChartKind.HORIZONTAL) else 1)
    bottoms = [0.0] * len(idx)
    for k, (name, vals) in enumerate(spec.series):
        if spec.kind is ChartKind.STACKED:
            pos, extra = idx, {"bottom": bottoms} if not horizontal else {}
        else:
            pos, extra = [i - 0.4 + width * (k + 0.5) for i in idx] if n > 1 else idx, {}
        if horizontal:
            bars = ax.barh(pos, vals, height=width, label=name)
        else:
            bars = ax.bar(pos, vals, width=width, label=name, **extra)
        if spec.data_labels and spec.kind is not ChartKind.STACKED:
            ax.bar_label(bars, labels=[f"{v:g}" for v in vals], fontsize=7, padding=2)
        bottoms = [b + v for b, v in zip(bottoms, vals)]
    if horizontal:
        ax.set_yticks(idx, spec.categories)
        ax.invert_yaxis()
    else:
        ax.set_xticks(idx, spec.categories, rotation=spec.rotate,
                      ha="right" if spec.rotate and spec.rotate < 90 else "center")


def _lines(ax, spec: ChartSpec, markers: bool) -> None:
    xs = [float(c) for c in spec.categories] if spec.x_numeric else list(range(len(spec.categories)))
    for name, vals in spec.series:
        if spec.kind is ChartKind.SCATTER:
            ax.scatter(xs, vals, label=name, s=22)
        else:
            ax.plot(xs, vals, label=name, marker="o" if markers else None, markersize=4)
        if spec.data_labels:
            for x, v in zip(xs, vals):
                ax.annotate(f"{v:g}", (x, v), textcoords="offset points", xytext=(0, 4), ha="center", fontsize=7)
    if not spec.x_numeric:
        ax.set_xticks(xs, spec.categories, rotation=spec.rotate)
    elif spec.kind is ChartKind.LINE:
        ax.set_xticks(xs, spec.categories)


def _pie(ax, spec: ChartSpec) -> None:
    vals = spec.series[0][1]
    pct = "%1.0f%%" if spec.data_labels else None
    colors = None
    if spec.mpl_style == "grayscale":  # the style's own cycle repeats greys within one pie
        colors = [str(round(0.15 + 0.7 * i / max(1, len(vals) - 1), 2)) for i in range(len(vals))]
    ax.pie(vals, labels=spec.categories if spec.legend is Legend.NONE else None, autopct=pct, startangle=90,
           counterclock=False, colors=colors, wedgeprops={"edgecolor": "white", "linewidth": 0.8})
    ax.set_aspect("equal")
    if spec.legend is not Legend.NONE:
        ax.legend(spec.categories, loc="center left" if spec.legend is Legend.RIGHT else "best",
                  bbox_to_anchor=(1.0, 0.5) if spec.legend is Legend.RIGHT else None, frameon=False)


def draw_chart(spec: ChartSpec, path: Path, dpi: int = 150, font: str = "DejaVu Sans",
               title: bool = True, markers: bool = True, fonttype: int = 3) -> Path:
    """Write the chart to ``path`` (.pdf = vector, .png = raster) and return the path."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    with plt.style.context(spec.mpl_style), matplotlib.rc_context(
            {"font.family": "sans-serif", "font.sans-serif": [font, "DejaVu Sans"], "pdf.fonttype": fonttype,
             "svg.fonttype": "none", "axes.unicode_minus": False}):
        fig, ax = plt.subplots(figsize=(spec.width_in, spec.height_in))
        if spec.kind is ChartKind.PIE:
            _pie(ax, spec)
        elif spec.kind in (ChartKind.LINE, ChartKind.SCATTER):
            _lines(ax, spec, markers)
        else:
            _bars(ax, spec)
        if spec.kind is not ChartKind.PIE:
            ax.grid(spec.grid, axis="both" if spec.kind is ChartKind.SCATTER else
                    ("x" if spec.kind is ChartKind.HORIZONTAL else "y"))
            if spec.kind is not ChartKind.HORIZONTAL:
                ax.set_axisbelow(True)
            _legend(ax, spec)
        if title:
            ax.set_title(spec.title, fontsize=10)
        fig.tight_layout()
        fig.savefig(path, dpi=dpi, bbox_inches="tight")
        plt.close(fig)
    return path

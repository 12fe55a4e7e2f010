"""matplotlib charts in non-default styles (SVG, PDF or PNG) from a :class:`ChartSpec`."""

from __future__ import annotations

import io

from benchmarks.families.chart_data import ChartSpec, Kind, Side, fmt_value

DEV_STYLES = ("ggplot", "bmh", "seaborn-v0_8-whitegrid")
TEST_STYLES = ("fivethirtyeight", "Solarize_Light2", "seaborn-v0_8-paper", "tableau-colorblind10", "classic")
_LEGEND_LOC = {Side.TOP: ("lower center", (0.5, 1.08)), Side.BOTTOM: ("upper center", (0.5, -0.18)),
               Side.LEFT: ("center right", (-0.14, 0.5)), Side.RIGHT: ("center left", (1.02, 0.5))}


def _bars(ax, spec: ChartSpec) -> None:
    n, k = len(spec.categories), len(spec.series)
    xs = list(range(n))
    bottom = [0.0] * n
    width = 0.8 / k if spec.kind is Kind.GROUPED else 0.7
    for j, s in enumerate(spec.series):
        vals = list(s.values)
        if spec.kind is Kind.HBAR:
            cont = ax.barh(xs, vals, height=0.7, label=s.name)
        elif spec.kind is Kind.GROUPED:
            cont = ax.bar([x - 0.4 + width * (j + 0.5) for x in xs], vals, width=width, label=s.name)
        else:
            cont = ax.bar(xs, vals, width=width, bottom=bottom, label=s.name)
            bottom = [b + v for b, v in zip(bottom, vals)]
        if spec.data_labels:
            ax.bar_label(cont, labels=[fmt_value(v) for v in vals], fontsize=7, padding=2)
    if spec.kind is Kind.HBAR:
        ax.set_yticks(xs, spec.categories)
        ax.invert_yaxis()
    else:
        ax.set_xticks(xs, spec.categories, rotation=45 if spec.rotate_labels else 0,
                      ha="right" if spec.rotate_labels else "center")


def _lines(ax, spec: ChartSpec) -> None:
    xs = list(range(len(spec.categories)))
    for s in spec.series:
        if spec.kind is Kind.AREA:
            ax.fill_between(xs, list(s.values), alpha=0.6, label=s.name)
            ax.plot(xs, list(s.values), linewidth=1.2)
        else:
            ax.plot(xs, list(s.values), marker="o", markersize=3.5, label=s.name)
    # categories are labels at fixed ticks: years stay 2016, 2017 ... never 2016.9
    ax.set_xticks(xs, spec.categories, rotation=45 if spec.rotate_labels else 0,
                  ha="right" if spec.rotate_labels else "center")
    if spec.kind is Kind.AREA:
        ax.set_ylim(bottom=0)


def _scatter(ax, spec: ChartSpec) -> None:
    for s in spec.series:
        ax.scatter([float(c) for c in spec.categories], list(s.values), s=18, label=s.name)


def _pie(ax, spec: ChartSpec) -> None:
    vals = list(spec.series[0].values)
    total = sum(vals)
    auto = (lambda p: f"{p * total / 100:g}") if spec.data_labels else None
    labels = None if spec.legend is not None else list(spec.categories)
    ax.pie(vals, labels=labels, autopct=auto, startangle=90, counterclock=False, textprops={"fontsize": 8})
    ax.set_aspect("equal")


def _legend(ax, spec: ChartSpec) -> None:
    if spec.legend is None:
        return
    loc, anchor = _LEGEND_LOC[spec.legend]
    ncol = len(spec.series if spec.kind is not Kind.PIE else spec.categories) if spec.legend in (Side.TOP, Side.BOTTOM) else 1
    handles = ax.patches if spec.kind is Kind.PIE else None
    if handles is not None:
        ax.legend(handles, list(spec.categories), loc=loc, bbox_to_anchor=anchor, ncol=min(ncol, 4), fontsize=8, frameon=False)
    else:
        ax.legend(loc=loc, bbox_to_anchor=anchor, ncol=min(ncol, 4), fontsize=8, frameon=False)


def render_mpl(spec: ChartSpec, style: str, fmt: str, width_pt: float) -> bytes:
    """The chart as ``fmt`` ("svg", "pdf" or "png" at 150 dpi), ``width_pt`` wide."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    height_pt = 0.62 * width_pt if spec.kind is not Kind.PIE else min(width_pt, 230.0)
    with plt.style.context(style), matplotlib.rc_context({"svg.fonttype": "none", "pdf.fonttype": 42}):
        fig, ax = plt.subplots(figsize=(width_pt / 72, max(150.0, height_pt) / 72))
        {Kind.PIE: _pie, Kind.SCATTER: _scatter, Kind.LINE: _lines, Kind.AREA: _lines}.get(spec.kind, _bars)(ax, spec)
        ax.set_title(spec.title, fontsize=10)
        if spec.kind is not Kind.PIE:
            ax.grid(spec.grid, axis="x" if spec.kind is Kind.HBAR else "y")
            if spec.y_title:
                (ax.set_xlabel if spec.kind is Kind.HBAR else ax.set_ylabel)(spec.y_title, fontsize=8)
            ax.tick_params(labelsize=8)
        _legend(ax, spec)
        buf = io.BytesIO()
        fig.savefig(buf, format=fmt, bbox_inches="tight", dpi=150)
        plt.close(fig)
    return buf.getvalue()

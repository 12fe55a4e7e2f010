"""pygal (SVG) and plotly (SVG/PNG through kaleido and the system chromium) charts."""

from __future__ import annotations

import shutil

from benchmarks.families.chart_data import ChartSpec, Kind, Side, fmt_value

PYGAL_DEV = ("DefaultStyle", "LightStyle", "CleanStyle")
PYGAL_TEST = ("LightColorizedStyle", "BlueStyle", "LightGreenStyle", "TurquoiseStyle")
PLOTLY_DEV = ("plotly_white", "simple_white")
PLOTLY_TEST = ("ggplot2", "seaborn", "presentation")


def plotly_available() -> str | None:
    try:
        import kaleido  # noqa: F401
        import plotly  # noqa: F401
    except ImportError:
        return "plotly/kaleido not installed"
    if not (shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")):
        return "no chromium for kaleido"
    return None


def pygal_available() -> str | None:
    try:
        import pygal  # noqa: F401
    except ImportError:
        return "pygal not installed"
    return None


def render_pygal(spec: ChartSpec, style: str, width_pt: float) -> bytes:
    import pygal
    from pygal import style as styles

    cls = {Kind.BAR: pygal.Bar, Kind.GROUPED: pygal.Bar, Kind.STACKED: pygal.StackedBar,
           Kind.HBAR: pygal.HorizontalBar, Kind.LINE: pygal.Line, Kind.AREA: pygal.Line,
           Kind.PIE: pygal.Pie, Kind.SCATTER: pygal.XY}[spec.kind]
    height = 0.62 * width_pt if spec.kind is not Kind.PIE else min(width_pt, 240.0)
    legend = spec.legend
    cfg = {"width": int(width_pt), "height": int(max(170, height)), "title": spec.title, "style": getattr(styles, style),
               "show_legend": legend is not None, "legend_at_bottom": legend in (Side.BOTTOM, Side.TOP),
               "x_label_rotation": 40 if spec.rotate_labels else 0, "print_values": spec.data_labels,
               "show_y_guides": spec.grid, "show_x_guides": False, "fill": spec.kind is Kind.AREA,
               "truncate_label": -1, "truncate_legend": -1, "disable_xml_declaration": True, "js": [],
               "value_formatter": fmt_value, "explicit_size": True}
    chart = cls(**cfg)
    if spec.kind is Kind.PIE:
        for c, v in zip(spec.categories, spec.series[0].values):
            chart.add(c, [v])
    elif spec.kind is Kind.SCATTER:
        for s in spec.series:
            chart.add(s.name, [(float(c), v) for c, v in zip(spec.categories, s.values)], stroke=False)
    else:
        if spec.kind is Kind.HBAR:
            chart.x_labels = list(spec.categories)
        else:
            chart.x_labels = list(spec.categories)
        for s in spec.series:
            chart.add(s.name, list(s.values))
    out = chart.render()
    return out.encode() if isinstance(out, str) else out


def _plotly_traces(spec: ChartSpec) -> list:
    import plotly.graph_objects as go

    k = spec.kind
    text = {"texttemplate": "%{y:g}" if k is not Kind.HBAR else "%{x:g}", "textposition": "outside"} if spec.data_labels else {}
    out = []
    for s in spec.series:
        vals, cats = list(s.values), list(spec.categories)
        if k is Kind.PIE:
            t = go.Pie(labels=cats, values=vals, sort=False, direction="clockwise",
                       textinfo="value" if spec.data_labels else "none", hole=0.0)
        elif k is Kind.HBAR:
            t = go.Bar(y=cats, x=vals, orientation="h", name=s.name, **text)
        elif k in (Kind.BAR, Kind.GROUPED, Kind.STACKED):
            t = go.Bar(x=cats, y=vals, name=s.name, **text)
        elif k is Kind.SCATTER:
            t = go.Scatter(x=[float(c) for c in cats], y=vals, mode="markers", name=s.name)
        else:
            t = go.Scatter(x=cats, y=vals, mode="lines+markers" if k is Kind.LINE else "lines", name=s.name,
                           fill="tozeroy" if k is Kind.AREA else None)
        out.append(t)
    return out


def _plotly_legend(spec: ChartSpec) -> dict:
    side = spec.legend
    if side is None:
        return {"showlegend": False}
    pos = {Side.TOP: {"orientation": "h", "x": 0.5, "xanchor": "center", "y": 1.02, "yanchor": "bottom"},
           Side.BOTTOM: {"orientation": "h", "x": 0.5, "xanchor": "center", "y": -0.25, "yanchor": "top"},
           Side.LEFT: {"x": -0.25, "xanchor": "right", "y": 0.5}, Side.RIGHT: {"x": 1.02, "xanchor": "left", "y": 0.5}}[side]
    return {"showlegend": True, "legend": pos}


def render_plotly(spec: ChartSpec, template: str, raster: bool, width_pt: float) -> bytes:
    import plotly.graph_objects as go

    fig = go.Figure(_plotly_traces(spec))
    height = 0.62 * width_pt if spec.kind is not Kind.PIE else min(width_pt, 260.0)
    top = spec.legend is Side.TOP
    fig.update_layout(template=template, title={"text": spec.title, "y": 0.98, "yanchor": "top"}, width=int(width_pt), height=int(max(180, height)),
                      barmode="stack" if spec.kind is Kind.STACKED else "group", font={"size": 10},
                      margin={"l": 50, "r": 20, "t": 95 if top else 50, "b": 50}, **_plotly_legend(spec))
    if spec.kind not in (Kind.PIE, Kind.SCATTER):
        axis = fig.update_yaxes if spec.kind is Kind.HBAR else fig.update_xaxes
        axis(type="category", tickangle=-45 if spec.rotate_labels else 0)
        if spec.kind is Kind.HBAR:
            fig.update_yaxes(autorange="reversed")
        (fig.update_xaxes if spec.kind is Kind.HBAR else fig.update_yaxes)(showgrid=spec.grid, title=spec.y_title or None)
    return fig.to_image(format="png" if raster else "svg", scale=2 if raster else 1)

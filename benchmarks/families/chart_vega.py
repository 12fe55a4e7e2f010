"""Vega-Lite charts (rendered offline by ``vl-convert-python``) from a :class:`ChartSpec`."""

from __future__ import annotations

from benchmarks.families.chart_data import ChartSpec, Kind, Side, fmt_value

# dev and test use disjoint themes
DEV_THEMES = ("default", "excel", "quartz")
TEST_THEMES = ("ggplot2", "vox", "latimes", "googlecharts")


def _rows(spec: ChartSpec) -> list[dict]:
    return [{"c": c, "s": s.name, "v": v, "t": fmt_value(v)}
            for s in spec.series for c, v in zip(spec.categories, s.values)]


def _legend(spec: ChartSpec) -> dict | None:
    if spec.legend is None:
        return None
    return {"orient": spec.legend.value, "title": None}


def _color(spec: ChartSpec) -> dict:
    if not spec.multi and spec.kind is not Kind.PIE:
        return {}
    field = "c" if spec.kind is Kind.PIE else "s"
    order = list(spec.categories) if spec.kind is Kind.PIE else [s.name for s in spec.series]
    return {"color": {"field": field, "type": "nominal", "sort": order, "legend": _legend(spec)}}


def _category_axis(spec: ChartSpec) -> dict:
    axis: dict = {"labelAngle": -45 if spec.rotate_labels else 0, "grid": False,
                  "title": spec.x_title or None, "labelOverlap": False}
    return {"field": "c", "type": "ordinal", "sort": list(spec.categories), "axis": axis}


def _value_axis(spec: ChartSpec, stack: bool) -> dict:
    enc: dict = {"field": "v", "type": "quantitative", "axis": {"grid": spec.grid, "title": spec.y_title or None}}
    if not stack:
        enc["stack"] = None
    return enc


def _pie(spec: ChartSpec) -> dict:
    layers: list[dict] = [{"mark": {"type": "arc", "outerRadius": 90},
                           "encoding": {"theta": {"field": "v", "type": "quantitative", "stack": True},
                                        **_color(spec), "order": {"field": "i"}}}]
    if spec.data_labels:
        layers.append({"mark": {"type": "text", "radius": 108},
                       "encoding": {"theta": {"field": "v", "type": "quantitative", "stack": True},
                                    "text": {"field": "t"}, "order": {"field": "i"}}})
    return {"layer": layers}


def _xy(spec: ChartSpec) -> dict:
    cat, kind = _category_axis(spec), spec.kind
    if kind is Kind.SCATTER:
        cat = {"field": "c", "type": "quantitative", "axis": {"grid": spec.grid, "title": spec.x_title or None}}
    mark = {Kind.BAR: "bar", Kind.GROUPED: "bar", Kind.STACKED: "bar", Kind.HBAR: "bar",
            Kind.LINE: "line", Kind.AREA: "area", Kind.SCATTER: "point"}[kind]
    value = _value_axis(spec, stack=kind in (Kind.STACKED,))
    enc: dict = {"x": value, "y": cat} if kind is Kind.HBAR else {"x": cat, "y": value}
    enc.update(_color(spec))
    if kind is Kind.GROUPED:
        enc["xOffset"] = {"field": "s", "sort": [s.name for s in spec.series]}
    mark_def: dict = {"type": mark}
    if kind is Kind.LINE:
        mark_def["point"] = True
    if kind is Kind.SCATTER:  # WeasyPrint draws no full-circle arc paths, so square points
        mark_def.update(filled=True, shape="square", opacity=1)
    layers = [{"mark": mark_def, "encoding": enc}]
    if spec.data_labels:
        pos = {"dx": 12} if kind is Kind.HBAR else {"dy": -6}
        layers.append({"mark": {"type": "text", **pos}, "encoding": {**{k: enc[k] for k in ("x", "y")}, "text": {"field": "t"}}})
    return {"layer": layers}


def vega_spec(spec: ChartSpec, theme: str, width: int, height: int) -> dict:
    rows = _rows(spec)
    for i, r in enumerate(rows):
        r["i"] = i
    if spec.kind is Kind.SCATTER:
        for r in rows:
            r["c"] = float(r["c"])
    body = _pie(spec) if spec.kind is Kind.PIE else _xy(spec)
    out = {"$schema": "https://vega.github.io/schema/vega-lite/v5.json", "data": {"values": rows},
           "title": spec.title, "width": width, "height": height, **body}
    return out


def _side_extra(spec: ChartSpec) -> int:
    return 90 if spec.legend in (Side.LEFT, Side.RIGHT) else 0


def render_vega(spec: ChartSpec, theme: str, raster: bool, width_pt: float) -> bytes:
    """SVG (vector) or PNG (raster, scale 2) of the chart about ``width_pt`` wide."""
    import vl_convert as vlc

    width = max(140, int(width_pt) - 70 - _side_extra(spec))
    height = 160 if spec.kind is not Kind.PIE else 190
    if spec.kind is Kind.HBAR:
        height = 18 * len(spec.categories) + 20
    vl = vega_spec(spec, theme, width if spec.kind is not Kind.PIE else 190, height)
    chosen = None if theme == "default" else theme
    if raster:
        return vlc.vegalite_to_png(vl, scale=2, theme=chosen)
    return vlc.vegalite_to_svg(vl, theme=chosen).encode()

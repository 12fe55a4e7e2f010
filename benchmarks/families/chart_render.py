"""One entry point over the chart renderers: a :class:`ChartSpec` drawn by a named renderer and
style as a vector (SVG, or a PDF to place) or a picture (PNG)."""

from __future__ import annotations

import subprocess
import tempfile
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from benchmarks.families.chart_data import ChartSpec


class Renderer(str, Enum):
    VEGA = "vega"
    MATPLOTLIB = "matplotlib"
    PYGAL = "pygal"
    PLOTLY = "plotly"


class Format(str, Enum):
    SVG = "svg"  # inline vector picture in the HTML page
    PDF = "pdf"  # a PDF page placed with pymupdf show_pdf_page
    PNG = "png"


@dataclass(frozen=True)
class Rendered:
    data: bytes
    fmt: Format


def svg_to_png(svg: bytes, scale: float = 2.0) -> bytes:
    """Rasterize an SVG that needs CSS (pygal) through WeasyPrint, then pymupdf."""
    import base64

    import pymupdf

    with tempfile.TemporaryDirectory() as tmp:
        html = Path(tmp) / "c.html"
        b64 = base64.b64encode(svg).decode()
        html.write_text(f'<html><head><style>@page {{ size: auto; margin: 0 }} body {{ margin: 0 }}</style></head>'
                        f'<body><img src="data:image/svg+xml;base64,{b64}"></body></html>')
        pdf = Path(tmp) / "c.pdf"
        subprocess.run(["weasyprint", str(html), str(pdf)], check=True, capture_output=True, timeout=120)
        doc = pymupdf.open(pdf)
        page = doc[0]
        drawn = page.get_bboxlog()
        box = pymupdf.Rect()
        for _, r in drawn:
            box |= pymupdf.Rect(r)
        clip = box & page.rect if not box.is_empty else page.rect
        return page.get_pixmap(matrix=pymupdf.Matrix(scale, scale), clip=clip, alpha=False).tobytes("png")


def render(spec: ChartSpec, renderer: Renderer, style: str, fmt: Format, width_pt: float) -> Rendered:
    raster = fmt is Format.PNG
    if renderer is Renderer.VEGA:
        from benchmarks.families.chart_vega import render_vega

        return Rendered(render_vega(spec, style, raster, width_pt), Format.PNG if raster else Format.SVG)
    if renderer is Renderer.MATPLOTLIB:
        from benchmarks.families.chart_mpl import render_mpl

        return Rendered(render_mpl(spec, style, fmt.value, width_pt), fmt)
    if renderer is Renderer.PYGAL:
        from benchmarks.families.chart_web import render_pygal

        svg = render_pygal(spec, style, width_pt)
        return Rendered(svg_to_png(svg) if raster else svg, Format.PNG if raster else Format.SVG)
    from benchmarks.families.chart_web import render_plotly

    return Rendered(render_plotly(spec, style, raster, width_pt), Format.PNG if raster else Format.SVG)

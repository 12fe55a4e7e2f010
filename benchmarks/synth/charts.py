"""Generated charts with known values: matplotlib (vector PDF and PNG) and reportlab (PDF).

Styles vary by seed: chart kind (bar, grouped, stacked, horizontal, line, scatter, pie),
fonts, colours, gridlines, legend inside/outside, printed value labels, tick formats
(thousands separators, percent, currency, negatives). Also non-chart figures (a photo-like
image, a box-and-arrow diagram, a logo) to count false chart detections.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Sequence

from docparse.document import Chart, ChartType, Series

if TYPE_CHECKING:
    from PIL import Image

KINDS = ("bar", "grouped", "stacked", "hbar", "line", "scatter", "pie", "combo")
_WORDS = ("North", "South", "East", "West", "Alpha", "Beta", "Gamma", "Delta", "Retail", "Energy",
          "Health", "Tech", "Food", "Travel", "Q1", "Q2", "Q3", "Q4")
_SERIES = ("Revenue", "Cost", "Profit", "Online", "Stores", "Exports", "Imports")
_FONTS = ("DejaVu Sans", "DejaVu Serif", "DejaVu Sans Mono")
_PALETTES = (None, ["#1b9e77", "#d95f02", "#7570b3", "#e7298a"], ["#4c72b0", "#dd8452", "#55a868", "#c44e52"],
             ["#332288", "#88ccee", "#44aa99", "#999933"])


@dataclass(frozen=True, slots=True)
class ChartStyle:
    kind: str
    font: str
    palette: tuple[str, ...] | None
    grid: bool
    legend_outside: bool
    value_labels: bool
    tick_format: str  # "plain", "thousands", "percent", "currency"
    negative: bool


@dataclass(frozen=True, slots=True)
class SynthChart:
    path: Path
    truth: Chart
    renderer: str  # "matplotlib-pdf", "matplotlib-png", "reportlab-pdf"
    style: ChartStyle

    @property
    def raster(self) -> bool:
        return self.path.suffix.lower() == ".png"


def random_style(rng: random.Random, kind: str | None = None) -> ChartStyle:
    kind = kind or rng.choice(KINDS)
    palette = rng.choice(_PALETTES)
    return ChartStyle(kind=kind, font=rng.choice(_FONTS), palette=tuple(palette) if palette else None,
                      grid=rng.random() < 0.5, legend_outside=rng.random() < 0.4,
                      value_labels=kind in ("bar", "hbar") and rng.random() < 0.4,
                      tick_format=rng.choice(("plain", "plain", "thousands", "percent", "currency")),
                      negative=kind in ("bar", "line") and rng.random() < 0.25)


def random_truth(rng: random.Random, style: ChartStyle) -> Chart:
    kind = style.kind
    n_series = {"bar": 1, "hbar": 1, "pie": 1, "grouped": rng.randint(2, 3), "stacked": rng.randint(2, 3),
                "line": rng.randint(1, 3), "scatter": rng.randint(1, 2), "combo": 2}[kind]
    n_cat = rng.randint(3, 7) if kind != "scatter" else rng.randint(5, 9)
    magnitude = {"thousands": 10000.0, "percent": 100.0, "currency": 500.0}.get(style.tick_format, rng.choice((10.0, 100.0, 1.0)))
    if kind == "line" and rng.random() < 0.5:
        start = rng.randint(2005, 2018)
        categories = [str(start + i) for i in range(n_cat)]
    elif kind == "scatter":
        categories = [str(x) for x in sorted(rng.sample(range(1, 40), n_cat))]
    else:
        categories = rng.sample(_WORDS, n_cat)
    names = rng.sample(_SERIES, n_series)
    series = []
    for name in names:
        lo = -0.6 * magnitude if style.negative else 0.08 * magnitude
        values = [round(rng.uniform(lo, magnitude), 1 if magnitude < 50 else 0) for _ in categories]
        values = [v if abs(v) > 0.05 * magnitude else round(0.1 * magnitude, 1) for v in values]
        series.append(Series(name=name if n_series > 1 else "value", values=values))
    ctype = {"bar": ChartType.BAR, "grouped": ChartType.BAR, "stacked": ChartType.STACKED_BAR,
             "hbar": ChartType.HORIZONTAL_BAR, "line": ChartType.LINE, "scatter": ChartType.SCATTER,
             "pie": ChartType.PIE, "combo": ChartType.BAR}[kind]
    title = rng.choice(("Sales by region", "Annual results", "Market share", "Output", None))
    return Chart(type=ctype, title=title, x_label=rng.choice(("Region", "Year", "Segment", None)),
                 y_label=rng.choice(("Amount", "Value", None)), categories=categories, series=series)


def _formatter(style: ChartStyle):  # noqa: ANN202
    from matplotlib.ticker import FuncFormatter

    fmt = {"thousands": lambda v, _: f"{v:,.0f}", "percent": lambda v, _: f"{v:g}%",
           "currency": lambda v, _: f"${v:,.0f}"}.get(style.tick_format)
    return FuncFormatter(fmt) if fmt else None


def render_matplotlib(truth: Chart, style: ChartStyle, path: Path, dpi: int = 110) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    with plt.rc_context({"font.family": style.font.split()[-1].lower() if "Mono" not in style.font else "monospace",
                         "axes.prop_cycle": plt.cycler(color=list(style.palette)) if style.palette
                         else plt.rcParams["axes.prop_cycle"]}):
        fig, ax = plt.subplots(figsize=(6.4, 4.2))
        _draw(ax, truth, style)
        if truth.title:
            ax.set_title(truth.title)
        fig.tight_layout()
        fig.savefig(path, dpi=dpi)
        plt.close(fig)


def _draw(ax, truth: Chart, style: ChartStyle) -> None:  # noqa: ANN001, C901
    import numpy as np

    cats, series = truth.categories, truth.series
    x = np.arange(len(cats))
    multi = len(series) > 1
    if style.kind == "pie":
        ax.pie(series[0].values, labels=cats, colors=list(style.palette) if style.palette else None)
        return
    if style.kind in ("bar", "grouped"):
        width = 0.8 / len(series)
        for k, s in enumerate(series):
            bars = ax.bar(x + (k - (len(series) - 1) / 2) * width, s.values, width, label=s.name)
            if style.value_labels:
                ax.bar_label(bars, fmt="%g")
        ax.set_xticks(x, cats)
    elif style.kind == "combo":  # bars with a line over them (Excel's combo chart)
        ax.bar(x, series[0].values, 0.6, label=series[0].name)
        ax.plot(x, series[1].values, marker="o", color="#222222" if not style.palette else style.palette[-1],
                label=series[1].name)
        ax.set_xticks(x, cats)
    elif style.kind == "stacked":
        bottom = np.zeros(len(cats))
        for s in series:
            ax.bar(x, s.values, 0.6, bottom=bottom, label=s.name)
            bottom += np.array(s.values)
        ax.set_xticks(x, cats)
    elif style.kind == "hbar":
        bars = ax.barh(x, series[0].values, 0.6)
        if style.value_labels:
            ax.bar_label(bars, fmt="%g")
        ax.set_yticks(x, cats)
        ax.invert_yaxis()
    elif style.kind == "line":
        for s in series:
            ax.plot(x, s.values, marker="o" if style.grid else None, label=s.name)
        ax.set_xticks(x, cats)
    elif style.kind == "area":  # filled to zero; a zero value touches the baseline
        for s in series:
            ax.fill_between(x, s.values, label=s.name, linewidth=0)
        ax.set_xticks(x, cats)
        ax.set_ylim(bottom=0)
    else:
        xs = [float(c) for c in cats]
        for s in series:
            ax.scatter(xs, s.values, label=s.name, s=25)
    fmt = _formatter(style)
    if fmt is not None:
        (ax.xaxis if style.kind == "hbar" else ax.yaxis).set_major_formatter(fmt)
    if style.grid:
        ax.grid(True, color="#dddddd")
        ax.set_axisbelow(True)
    if truth.x_label:
        (ax.set_ylabel if style.kind == "hbar" else ax.set_xlabel)(truth.x_label)
    if truth.y_label:
        (ax.set_xlabel if style.kind == "hbar" else ax.set_ylabel)(truth.y_label)
    if multi:
        if style.legend_outside:
            ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0))
        else:
            ax.legend()


def render_reportlab(truth: Chart, style: ChartStyle, path: Path, body: str | None = None) -> None:
    """A one-page PDF with a reportlab chart (bars, lines or pie) and optional body text."""
    from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
    from reportlab.graphics.charts.legends import Legend
    from reportlab.graphics.charts.linecharts import HorizontalLineChart
    from reportlab.graphics.charts.piecharts import Pie
    from reportlab.graphics.shapes import Drawing, String
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    palette = [colors.HexColor(c) for c in (style.palette or ("#4472c4", "#ed7d31", "#a5a5a5", "#ffc000"))]
    font = {"DejaVu Sans": "Helvetica", "DejaVu Serif": "Times-Roman"}.get(style.font, "Courier")
    drawing = Drawing(420, 260)
    data = [tuple(s.values) for s in truth.series]
    if style.kind == "pie":
        chart = Pie()
        chart.x, chart.y, chart.width, chart.height = 130, 40, 180, 180
        chart.data = data[0]
        chart.labels = truth.categories
        for i in range(len(truth.categories)):
            chart.slices[i].fillColor = palette[i % len(palette)] if i < len(palette) else colors.Color(
                0.2 + 0.1 * i % 0.8, 0.5, 0.7 - 0.08 * i % 0.6)
    else:
        if style.kind == "line":
            chart = HorizontalLineChart()
        elif style.kind == "hbar":
            chart = HorizontalBarChart()
        else:
            chart = VerticalBarChart()
        chart.x, chart.y, chart.width, chart.height = 60, 40, 300, 180
        chart.data = data
        low = min(min(d) for d in data)
        chart.valueAxis.valueMin = 0 if low >= 0 else low * 1.15  # bars start at zero
        chart.categoryAxis.categoryNames = truth.categories
        chart.categoryAxis.labels.fontName = font
        chart.valueAxis.labels.fontName = font
        if style.kind == "stacked":
            chart.categoryAxis.style = "stacked"
        if style.tick_format == "thousands":
            chart.valueAxis.labelTextFormat = lambda v: f"{v:,.0f}"
        if style.grid:
            chart.valueAxis.visibleGrid = True
            chart.valueAxis.gridStrokeColor = colors.HexColor("#dddddd")
        for i in range(len(data)):
            target = chart.lines[i] if style.kind == "line" else chart.bars[i]
            (setattr(target, "strokeColor", palette[i]) if style.kind == "line" else setattr(target, "fillColor", palette[i]))
    drawing.add(chart)
    if len(truth.series) > 1:
        legend = Legend()
        legend.x, legend.y = 370, 200
        legend.fontName = font
        legend.colorNamePairs = [(palette[i], s.name) for i, s in enumerate(truth.series)]
        drawing.add(legend)
    if truth.title:
        drawing.add(String(210, 245, truth.title, fontName=font, fontSize=12, textAnchor="middle"))
    c = canvas.Canvas(str(path), pagesize=A4)
    width, height = A4
    text_y = height - 60
    if body:
        c.setFont("Helvetica", 10)
        for line in body.splitlines():
            c.drawString(60, text_y, line)
            text_y -= 14
    drawing.drawOn(c, 60, text_y - 290)
    c.showPage()
    c.save()


def generate_charts(out_dir: Path, n: int = 24, seed: int = 0) -> list[SynthChart]:
    """``n`` charts per renderer family, styles cycling through every kind."""
    out_dir.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    cases: list[SynthChart] = []
    for i in range(n):
        style = random_style(rng, KINDS[i % len(KINDS)])
        truth = random_truth(rng, style)
        pdf = out_dir / f"mpl-{i:03d}-{style.kind}.pdf"
        render_matplotlib(truth, style, pdf)
        cases.append(SynthChart(pdf, truth, "matplotlib-pdf", style))
        png = out_dir / f"mpl-{i:03d}-{style.kind}.png"
        render_matplotlib(truth, style, png)
        cases.append(SynthChart(png, truth, "matplotlib-png", style))
        if style.kind in ("bar", "grouped", "stacked", "hbar", "line", "pie"):
            rl_style = random_style(rng, style.kind)
            rl_truth = random_truth(rng, rl_style)
            rl = out_dir / f"rl-{i:03d}-{style.kind}.pdf"
            render_reportlab(rl_truth, rl_style, rl)
            cases.append(SynthChart(rl, rl_truth, "reportlab-pdf", rl_style))
    return cases


_REPORT_TEXT = ("Sales in the period rose in most regions while costs stayed level. The chart below "
                "compares the segments; the figures are unaudited and rounded to the nearest unit.")


def scan_chart_pages(cases: Sequence[SynthChart], out_dir: Path, snr_db: float = 20.0, seed: int = 0) -> list[SynthChart]:
    """Each raster chart placed on a report page (a paragraph above it, a caption below) and
    the page scanned: 150 dpi, a slight turn, blur, noise at ``snr_db`` and JPEG artefacts."""
    import pymupdf

    from benchmarks.synth.scans import DegradeSettings, degrade_pdf

    out_dir.mkdir(parents=True, exist_ok=True)
    scanned: list[SynthChart] = []
    for k, case in enumerate(c for c in cases if c.raster):
        doc = pymupdf.open()
        page = doc.new_page(width=595, height=842)
        page.insert_textbox(pymupdf.Rect(72, 72, 523, 200), _REPORT_TEXT, fontsize=11)
        pix = pymupdf.Pixmap(str(case.path))
        width = 400.0
        height = width * pix.height / pix.width
        page.insert_image(pymupdf.Rect(97, 150, 97 + width, 150 + height), filename=str(case.path))
        page.insert_textbox(pymupdf.Rect(72, 166 + height, 523, 230 + height),
                            f"Figure {k + 1}. {case.truth.title or 'Results by segment'}", fontsize=10)
        path = out_dir / f"scan-{case.path.stem}.pdf"
        path.write_bytes(degrade_pdf(doc.tobytes(), DegradeSettings(snr_db=snr_db), seed=seed + k))
        doc.close()
        scanned.append(SynthChart(path, case.truth, "scanned-page", case.style))
    return scanned


def generate_nonchart_figures(out_dir: Path, seed: int = 0) -> list[Path]:
    """PDF pages holding figures that are not charts: a photo-like image, a diagram, a logo."""
    import numpy as np
    import pymupdf

    out_dir.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed)
    paths = []
    # a photo: smooth gradients plus noise
    yy, xx = np.mgrid[0:300, 0:400]
    photo = np.stack([(xx * 0.6 + 40 * np.sin(yy / 17.0)) % 255, (yy * 0.8) % 255, (xx + yy) * 0.3 % 255], -1)
    photo = np.clip(photo + rng.normal(0, 18, photo.shape), 0, 255).astype(np.uint8)
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 72), "A photograph of the plant, taken in spring.", fontsize=11)
    pix = pymupdf.Pixmap(pymupdf.csRGB, 400, 300, photo.tobytes(), False)
    page.insert_image(pymupdf.Rect(72, 100, 472, 400), pixmap=pix)
    paths.append(out_dir / "nonchart-photo.pdf")
    doc.save(paths[-1])
    # a diagram: boxes with labels joined by arrows
    doc = pymupdf.open()
    page = doc.new_page()
    for k, label in enumerate(("Input", "Parse", "Classify", "Render")):
        r = pymupdf.Rect(72 + k * 120, 200, 162 + k * 120, 250)
        page.draw_rect(r, color=(0, 0, 0), fill=(0.8, 0.9, 1.0))
        page.insert_text((r.x0 + 10, r.y0 + 30), label, fontsize=11)
        if k:
            page.draw_line((r.x0 - 30, 225), (r.x0, 225), color=(0, 0, 0))
            page.draw_polyline([(r.x0 - 6, 221), (r.x0, 225), (r.x0 - 6, 229)], color=(0, 0, 0), fill=(0, 0, 0))
    page.insert_text((72, 300), "Figure 2: the processing steps.", fontsize=10)
    paths.append(out_dir / "nonchart-diagram.pdf")
    doc.save(paths[-1])
    # a logo: overlapping circles and a word
    doc = pymupdf.open()
    page = doc.new_page()
    page.draw_circle((150, 150), 40, color=None, fill=(0.9, 0.2, 0.2))
    page.draw_circle((190, 150), 40, color=None, fill=(0.2, 0.4, 0.9), fill_opacity=0.8)
    page.draw_circle((170, 185), 40, color=None, fill=(0.2, 0.8, 0.3), fill_opacity=0.8)
    page.insert_text((240, 160), "ACME 2024", fontsize=24)
    page.insert_text((72, 300), "Our company published 12 reports in 2024.", fontsize=11)
    paths.append(out_dir / "nonchart-logo.pdf")
    doc.save(paths[-1])
    paths.append(_raster_diagram(out_dir / "nonchart-raster-diagram.pdf"))
    paths.append(_timeline(out_dir / "nonchart-timeline.pdf"))
    paths.append(_coloured_table(out_dir / "nonchart-table.pdf"))
    paths.append(_embed_picture(raster_screenshot(), out_dir / "nonchart-screenshot.pdf",
                                "Figure 4: the index advisor window."))
    return paths


def raster_screenshot(rows: int = 8) -> "Image.Image":
    """A program window: title bar, menu, and a grid whose row numbers and counts are
    numbers in columns (but no chart axis: they grow downwards and are not in order)."""
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.load_default(size=13)
    img = Image.new("RGB", (620, 60 + 24 * (rows + 2)), "#f0f0f0")
    draw = ImageDraw.Draw(img)
    draw.rectangle((0, 0, 619, 24), fill="#2b579a")
    draw.text((8, 5), "Index Advisor - Statistics", fill="white", font=font)
    for k, item in enumerate(("File", "Edit", "View", "Tools", "Help")):
        draw.text((8 + 60 * k, 30), item, fill="black", font=font)
    top = 56
    draw.rectangle((6, top, 613, top + 24 * (rows + 1)), fill="white", outline="#808080")
    for c, head in enumerate(("#", "Table", "Schema", "Rows", "Index")):
        draw.text((14 + 120 * c, top + 5), head, fill="black", font=font)
    counts = (1520, 87, 40210, 335, 9, 12004, 768, 2310, 45, 610)
    names = ("ACCOUNTS", "EMPLOYEES", "ORDERS", "PARTS", "REGIONS", "SALES", "STOCK", "USERS", "VENDORS", "ZONES")
    for r in range(rows):
        y = top + 24 * (r + 1)
        draw.line((6, y, 613, y), fill="#c0c0c0")
        cells = (str(r + 1), names[r % 10], "BANK_01", f"{counts[r % 10]:,}", "Binary Radix")
        for c, text in enumerate(cells):
            draw.text((14 + 120 * c, y + 5), text, fill="black", font=font)
    for c in range(1, 5):
        draw.line((6 + 120 * c, top, 6 + 120 * c, top + 24 * (rows + 1)), fill="#c0c0c0")
    return img


def _embed_picture(img: "Image.Image", path: Path, caption: str) -> Path:
    import io

    import pymupdf

    buf = io.BytesIO()
    img.save(buf, format="PNG")
    doc = pymupdf.open()
    page = doc.new_page()
    width = min(450.0, img.width * 0.75)
    height = width * img.height / img.width
    page.insert_image(pymupdf.Rect(72, 100, 72 + width, 100 + height), stream=buf.getvalue())
    page.insert_text((72, 120 + height), caption, fontsize=10)
    doc.save(path)
    return path


def _raster_diagram(path: Path) -> Path:
    """A flat-colour box diagram with text, embedded as a picture (screenshots, org charts)."""
    import io

    import pymupdf
    from PIL import Image, ImageDraw

    img = Image.new("RGB", (640, 360), "white")
    draw = ImageDraw.Draw(img)
    for k, (label, colour) in enumerate((("Sales", "#4c72b0"), ("Ops", "#dd8452"), ("R&D", "#55a868"))):
        x = 40 + k * 200
        draw.rectangle((x, 120, x + 160, 220), fill=colour, outline="black", width=2)
        draw.text((x + 50, 160), label, fill="white")
        if k:
            draw.line((x - 40, 170, x, 170), fill="black", width=3)
    draw.text((260, 40), "Organisation 2024", fill="black")
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_image(pymupdf.Rect(72, 100, 520, 352), stream=buf.getvalue())
    page.insert_text((72, 380), "Figure 3: how the teams work together.", fontsize=10)
    doc.save(path)
    return path


def _timeline(path: Path) -> Path:
    """Years along a line with dots and event names: looks like a scatter, is not one."""
    import pymupdf

    doc = pymupdf.open()
    page = doc.new_page()
    page.draw_line((72, 300), (520, 300), color=(0.3, 0.3, 0.3), width=2)
    for k, (year, event) in enumerate(((1998, "Founded"), (2004, "IPO"), (2011, "Merger"), (2019, "New HQ"))):
        x = 90 + k * 130
        page.draw_circle((x, 300), 6, color=None, fill=(0.1, 0.4, 0.8))
        page.insert_text((x - 14, 325), str(year), fontsize=10)
        page.insert_text((x - 18, 285), event, fontsize=10)
    page.insert_text((72, 360), "Milestones of the company.", fontsize=11)
    doc.save(path)
    return path


def _coloured_table(path: Path) -> Path:
    """A table with shaded header and banded rows drawn as filled rectangles."""
    import pymupdf

    doc = pymupdf.open()
    page = doc.new_page()
    rows = [("Region", "2022", "2023"), ("North", "1,200", "1,350"), ("South", "980", "1,020"), ("East", "1,410", "1,380")]
    for r, row in enumerate(rows):
        y = 120 + r * 22
        fill = (0.2, 0.3, 0.5) if r == 0 else ((0.92, 0.94, 0.98) if r % 2 else (1, 1, 1))
        page.draw_rect(pymupdf.Rect(72, y, 372, y + 22), color=None, fill=fill)
        for c, text in enumerate(row):
            page.insert_text((80 + c * 100, y + 15), text, fontsize=10, color=(1, 1, 1) if r == 0 else (0, 0, 0))
    doc.save(path)
    return path

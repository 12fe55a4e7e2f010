"""Vector chart failures seen on the families' dev split (issue 15), each on a reportlab look-alike:
a table row just above a chart canvas drawn as a line path (Chromium) joined the chart region,
pgfplots' horizontal bars drawn wider than their spacing (and a short one as wide as it is thick),
slanted category labels whose raised end hangs left of the plot, a pgfplots two-bar legend icon,
and dashed gridlines drawn as thin filled line paths."""

from __future__ import annotations

import math

import pytest

pytest.importorskip("reportlab")

import docparse  # noqa: E402

CATS = ["East", "Alder", "Linden", "North", "Poplar", "Maple", "Coastal", "Cedar", "West", "Spruce", "Willow", "Rural"]
VALUES = [15600, 86300, 85000, 7500, 37600, 57200, 10500, 66100, 12700, 33600, 67300, 35800]


def _rect_path(c, x0: float, y0: float, x1: float, y1: float, closed: bool = True) -> None:  # noqa: ANN001
    """A filled rectangle as a path of line segments (how Chromium prints an SVG rect; its
    dashes come as three sides, the fill closing the fourth)."""
    p = c.beginPath()
    p.moveTo(x0, y1)
    p.lineTo(x0, y0)
    p.lineTo(x1, y0)
    p.lineTo(x1, y1)
    if closed:
        p.close()
    c.drawPath(p, fill=1, stroke=0)


def _charts(pdf) -> list:  # noqa: ANN001
    return [r.chart for r in docparse.parse(pdf).charts if r.chart is not None]


def _vertical_bars(c, left: float, bottom: float, cats: list[str], values: list[float], top_value: float,  # noqa: ANN001
                   height: float = 200.0, step: float = 60.0, label_angle: float = 0.0) -> None:
    c.setFillColorRGB(0, 0, 0)
    c.setFont("Helvetica", 8)
    for k in range(5):
        v = top_value * k / 4
        y = bottom + height * k / 4
        c.drawRightString(left - 6, y - 3, f"{v:g}")
        c.setStrokeColorRGB(0.3, 0.3, 0.3)
        c.line(left - 3, y, left, y)
    c.line(left, bottom, left + step * len(cats), bottom)
    for k, (name, v) in enumerate(zip(cats, values)):
        x = left + step * k + step / 2
        c.setFillColorRGB(0.2, 0.4, 0.8)
        c.rect(x - 12, bottom, 24, height * v / top_value, stroke=0, fill=1)
        c.setFillColorRGB(0, 0, 0)
        if label_angle:
            c.saveState()
            c.translate(x, bottom - 6)
            c.rotate(label_angle)
            c.drawRightString(0, -3, name)
            c.restoreState()
        else:
            c.drawCentredString(x, bottom - 12, name)


def test_table_row_above_a_canvas_drawn_as_lines_stays_out_of_the_chart(tmp_path) -> None:
    """A table's last row (its cell rules thin filled rectangles) set 5 pt above a chart whose
    white canvas is a closed line path: the rules joined the chart's drawings, the region grew
    over the row, and its cells were printed as chart text."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    pdf = tmp_path / "row.pdf"
    c = canvas.Canvas(str(pdf), pagesize=A4)
    c.setFont("Helvetica", 9)
    xs = [60, 120, 180, 240]
    c.drawString(60, 760, "Segment")
    c.drawString(120, 760, "Volume")
    c.drawString(60, 742, "Brno")
    c.drawString(120, 742, "469.0")
    c.drawString(180, 742, "408.6")
    c.setFillColorRGB(0.73, 0.73, 0.73)
    for x0, x1 in zip(xs, xs[1:] + [300]):
        _rect_path(c, x0, 754.0, x1, 754.75)
        _rect_path(c, x0, 736.0, x1, 736.75)
    c.setFillColorRGB(1, 1, 1)
    _rect_path(c, 80, 430, 500, 731)  # the figure's canvas, 5.25 pt under the row's last rule
    c.setFillColorRGB(0, 0, 0)
    c.setFont("Helvetica-Bold", 10)
    c.drawCentredString(290, 715, "Orders by region")
    _vertical_bars(c, 130, 470, ["North", "South", "East", "West", "Metro", "Rural"], [30, 45, 20, 50, 35, 25], 60)
    c.save()
    charts = [r for r in docparse.parse(pdf).charts if r.chart is not None]
    assert len(charts) == 1
    assert charts[0].bbox[1] >= 842 - 736.0  # the region starts under the row's last rule
    assert "Brno" not in charts[0].text and "469.0" not in charts[0].text
    assert charts[0].chart.categories == ["North", "South", "East", "West", "Metro", "Rural"]


def test_horizontal_bars_wider_than_their_spacing_are_each_a_category(tmp_path) -> None:
    """pgfplots' default bar width with twelve categories: each bar overlaps its neighbours (all
    read as one stack before), and the 7,500 bar is as long as it is thick (a square 'marker'
    before, then a legend swatch naming the series)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    pdf = tmp_path / "hbars.pdf"
    c = canvas.Canvas(str(pdf), pagesize=A4)
    left, top, step, thick, per = 150.0, 600.0, 7.6, 10.0, 80000 / 320.0
    values = VALUES[:]
    values[3] = 2500  # 10 pt long: as long as the bar is thick
    c.setFont("Helvetica", 7)
    for k in range(5):
        x = left + 80 * k
        c.drawCentredString(x, top - step * len(CATS) - 20, f"{20000 * k:,}")
        c.setStrokeColorRGB(0, 0, 0)
        c.line(x, top - step * len(CATS) - 12, x, top - step * len(CATS) - 9)
    c.setFont("Helvetica", 9)
    for k, (name, v) in enumerate(zip(CATS, values)):
        y = top - step * k
        c.setFillColorRGB(0.7, 0.7, 1.0)
        c.rect(left, y - thick / 2, v / per, thick, stroke=0, fill=1)
        c.setFillColorRGB(0, 0, 0)
        c.drawRightString(left - 6, y - 3, name)
    c.save()
    charts = _charts(pdf)
    assert len(charts) == 1
    chart = charts[0]
    assert chart.categories == CATS
    got = chart.series[0].values
    assert all(g is not None and abs(g - v) <= 0.02 * max(values) for g, v in zip(got, values))


def test_slanted_labels_name_the_first_bar(tmp_path) -> None:
    """Category labels set at 30 degrees, each ending at its bar: the first label's centre lies
    left of the plot, and it was left out (the first bar got the number '1')."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    pdf = tmp_path / "slant.pdf"
    c = canvas.Canvas(str(pdf), pagesize=A4)
    cats = ["Export South", "Wholesale East", "Online North", "Export East", "Retail East"]
    _vertical_bars(c, 120, 500, cats, [59, 47, 57, 80, 63], 80, step=22.0, label_angle=30.0)
    c.save()
    charts = _charts(pdf)
    assert len(charts) == 1
    assert charts[0].categories == cats


def test_dashed_gridline_of_thin_filled_line_paths_is_no_bar(tmp_path) -> None:
    """A dashed gridline whose dashes are thin filled rectangles drawn as line paths (Chromium
    prints matplotlib's dashed grid so): each dash was a bar, and a bar chart read 99 points."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    pdf = tmp_path / "dashes.pdf"
    c = canvas.Canvas(str(pdf), pagesize=A4)
    cats = ["Coastal", "Overseas", "Western", "Online"]
    c.setFillColorRGB(0.7, 0.7, 0.7)
    for x in (180.0, 240.0, 300.0):
        for k in range(int(200 / 3.4)):
            _rect_path(c, x - 0.3, 500 + 3.4 * k, x + 0.3, 500 + 3.4 * k + 2.4, closed=False)
    _vertical_bars(c, 120, 500, cats, [40, 25, 55, 30], 60)
    c.save()
    charts = _charts(pdf)
    assert len(charts) == 1
    assert charts[0].categories == cats
    assert [round(v) for v in charts[0].series[0].values] == [40, 25, 55, 30]


def test_two_bar_legend_icons_are_no_data(tmp_path) -> None:
    """pgfplots draws each ybar legend entry as two small bars two bar widths apart; with the
    second bar's edge a rounding step past that reach it stayed a data bar, the plot's bottom
    moved down to it and the category row under the bars was lost."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    pdf = tmp_path / "icons.pdf"
    c = canvas.Canvas(str(pdf), pagesize=A4)
    cats = ["Retail West", "Online South", "Wholesale East"]
    colors = [(0.7, 0.7, 1.0), (1.0, 0.7, 0.7), (0.93, 0.85, 0.78)]
    names = ["Actual", "North", "Online"]
    data = [[31, 59.5, 43.5], [92, 86.5, 84], [41.5, 59.5, 49]]
    left, bottom, height, top_value = 120.0, 500.0, 160.0, 100.0
    c.setFont("Helvetica", 8)
    for k in range(6):
        c.setFillColorRGB(0, 0, 0)
        c.drawRightString(left - 6, bottom + height * k / 5 - 3, f"{20 * k}")
        c.line(left - 3, bottom + height * k / 5, left, bottom + height * k / 5)
    c.line(left, bottom, left + 190, bottom)
    for j, cat in enumerate(cats):
        x = left + 20 + 60 * j
        for s in range(3):
            c.setFillColorRGB(*colors[s])
            c.rect(x + 5 * s, bottom, 2.99, height * data[s][j] / top_value, stroke=0, fill=1)
        c.setFillColorRGB(0, 0, 0)
        c.drawCentredString(x + 6.5, bottom - 12, cat)
    for s, name in enumerate(names):  # the legend under the category row
        x = left + 40 + 50 * s + 0.013
        c.setFillColorRGB(*colors[s])
        c.rect(x, bottom - 40, 2.99, 8.7, stroke=0, fill=1)
        c.rect(x + 6.0073, bottom - 40, 2.99, 6.5, stroke=0, fill=1)
        c.setFillColorRGB(0, 0, 0)
        c.drawString(x + 11.2, bottom - 39, name)
    c.save()
    charts = _charts(pdf)
    assert len(charts) == 1
    chart = charts[0]
    assert chart.categories == cats
    assert {s.name for s in chart.series} == set(names)
    for s in chart.series:
        want = data[names.index(s.name)]
        assert all(v is not None and math.isclose(v, w, rel_tol=0.03) for v, w in zip(s.values, want))


def test_legend_left_of_the_plot_beyond_the_margins_names_the_series(tmp_path) -> None:
    """pygal sets its legend left of the plot, further out than the tick-label margin, with no
    background joining it to the plot: the series were 'series 1', 'series 2'."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    pdf = tmp_path / "side.pdf"
    c = canvas.Canvas(str(pdf), pagesize=A4)
    left, bottom, height, step = 220.0, 500.0, 150.0, 50.0
    cats = ["Jun", "Jul", "Aug", "Sep"]
    series = {"Leads": ((0.05, 0.22, 0.58), [97, 125, 105, 88]), "Costs": ((0.46, 0.15, 0.25), [30, 22, 22, 41])}
    c.setFillColorRGB(0.94, 0.94, 0.94)
    c.rect(left, bottom, step * len(cats), height, stroke=0, fill=1)
    c.setFont("Helvetica", 9)
    for k in range(7):
        v = 20 * k
        y = bottom + height * v / 120
        c.setStrokeColorRGB(0, 0, 0)
        c.line(left, y, left + step * len(cats), y)
        c.setFillColorRGB(0, 0, 0)
        c.drawRightString(left - 4, y - 3, str(v))
    for k, name in enumerate(cats):
        c.drawCentredString(left + step * k + step / 2, bottom - 12, name)
    for j, (name, (rgb, values)) in enumerate(series.items()):
        c.setStrokeColorRGB(*rgb)
        c.setFillColorRGB(*rgb)
        pts = [(left + step * k + step / 2, bottom + height * v / 120) for k, v in enumerate(values)]
        for a, b in zip(pts, pts[1:]):
            c.line(*a, *b)
        for x, y in pts:
            c.circle(x, y, 2.5, stroke=0, fill=1)
        c.rect(80, bottom + height - 14 - 20 * j, 12, 12, stroke=0, fill=1)  # the legend, 128 pt left of the plot
        c.setFillColorRGB(0, 0, 0)
        c.drawString(96, bottom + height - 11 - 20 * j, name)
    c.save()
    charts = _charts(pdf)
    assert len(charts) == 1
    assert [s.name for s in charts[0].series] == ["Leads", "Costs"]
    assert charts[0].categories == cats

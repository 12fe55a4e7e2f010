"""Chart failures from issue 15, each on a generated look-alike (matplotlib / reportlab pages):
tick labels set close together, a heading right below a chart, a pie followed by a heading and a
list, zero-length tick stubs read as a series, a line's points drawn in another colour."""

from __future__ import annotations

import io

import pytest

pytest.importorskip("matplotlib")
pytest.importorskip("reportlab")

import docparse  # noqa: E402

CLOSE = ["Online", "Wholesale", "West", "Retail", "Direct", "Partner"]


def _mpl_pdf(draw, size: tuple[float, float]) -> bytes:  # noqa: ANN001
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    with matplotlib.rc_context({"pdf.fonttype": 42}):
        fig, ax = plt.subplots(figsize=size)
        draw(ax)
        buf = io.BytesIO()
        fig.savefig(buf, format="pdf", bbox_inches="tight")
        plt.close(fig)
    return buf.getvalue()


def _close_bars(ax) -> None:  # noqa: ANN001
    ax.bar(range(6), [3, 5, 2, 6, 4, 7])
    ax.set_xticks(range(6), CLOSE, fontsize=8)
    ax.set_yticks(range(8))
    ax.set_title("Orders by channel")


def _pie(ax) -> None:  # noqa: ANN001
    names = ["Willow", "Export", "Rowan", "Alpine", "Hazel", "Aspen"]
    vals = [19, 11.5, 12.5, 11.5, 14, 17.5]
    ax.pie(vals, autopct=lambda p: f"{p * sum(vals) / 100:g}", startangle=90, counterclock=False,
           textprops={"fontsize": 8})
    ax.legend(ax.patches, names, loc="upper center", bbox_to_anchor=(0.5, -0.05), ncol=4, fontsize=8, frameon=False)
    ax.set_title("Share of sales")


def _page(tmp_path, chart: bytes, above: list[str], below: list[tuple[str, str]], columns: bool = False):  # noqa: ANN001, ANN202
    """A report page: text above (two columns or one), the chart PDF placed full width, then
    the blocks below (("h", heading) or ("li", item) or ("p", text))."""
    import pymupdf
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    src = pymupdf.open("pdf", chart)
    ratio = src[0].rect.height / src[0].rect.width
    width = 300.0
    pdf = tmp_path / "page.pdf"
    c = canvas.Canvas(str(pdf), pagesize=A4)
    c.setFont("Helvetica-Bold", 16)
    c.drawString(72, 780, "Quarterly Report")
    y = 750.0
    c.setFont("Helvetica", 10)
    col_x = (72, 72 + 230) if columns else (72,)
    for k, x in enumerate(col_x):
        yy = y
        for line in above[k::len(col_x)]:
            c.drawString(x, yy, line)
            yy -= 13
    y -= 13 * ((len(above) + len(col_x) - 1) // len(col_x)) + 4
    top = A4[1] - y
    rect = (72, top, 72 + width, top + width * ratio)
    y -= width * ratio + 18
    for kind, text in below:
        c.setFont("Helvetica-Bold" if kind == "h" else "Helvetica", 13 if kind == "h" else 10)
        c.drawString(72 if kind != "li" else 84, y, ("\u2022 " if kind == "li" else "") + text)
        y -= 20
    c.save()
    doc = pymupdf.open(pdf)
    doc[0].show_pdf_page(pymupdf.Rect(*rect), src, 0)
    out = tmp_path / "report.pdf"
    doc.save(out)
    return out


def test_close_tick_labels_are_separate_categories(tmp_path) -> None:  # noqa: ANN001
    """Labels that touch ("OnlineWholesaleWest" in the text layer) come from their own glyph
    runs; the bars past the merged label no longer get slot numbers ("3", "4") as names."""
    pdf = _page(tmp_path, _mpl_pdf(_close_bars, (3.3, 2.2)), ["Sales rose in every channel."], [("h", "2. Outlook")])
    charts = [r.chart for r in docparse.parse(pdf).charts]
    assert len(charts) == 1
    assert charts[0].categories == CLOSE
    assert charts[0].series[0].values == [3, 5, 2, 6, 4, 7]


def test_pie_keeps_the_heading_and_list_below(tmp_path) -> None:  # noqa: ANN001
    """A pie whose legend wraps to two rows is a pie (the second legend row is no pair of bars),
    and the numbered heading and list item under it stay text."""
    below = [("h", "3. Market Share"), ("li", "Extend the pilot to two more regions.")]
    pdf = _page(tmp_path, _mpl_pdf(_pie, (3.6, 3.4)), ["Return rates improved after the price change."], below)
    doc = docparse.parse(pdf)
    charts = [r.chart for r in doc.charts]
    assert len(charts) == 1 and charts[0].type.value == "pie"
    assert charts[0].categories == ["Willow", "Export", "Rowan", "Alpine", "Hazel", "Aspen"]
    md = doc.to_markdown()
    assert "3. Market Share" in md and "Extend the pilot to two more regions." in md
    assert all("Market Share" not in c for c in charts[0].categories)


def test_columns_above_and_heading_below_a_chart_stay_text(tmp_path) -> None:  # noqa: ANN001
    """Two text columns end just above a full-width chart and a numbered heading follows it:
    the last line of each column and the heading stay in the body, not in the chart."""
    above = ["Demand in the north rose steadily.", "Export revenue held broadly flat.",
             "The online channel recovered.", "Staff costs fell slightly.",
             "Last line of the left column.", "Last line of the right column."]
    pdf = _page(tmp_path, _mpl_pdf(_close_bars, (4.2, 2.4)), above, [("h", "4. Regional Results"),
                                                                     ("p", "Order intake improved.")], columns=True)
    doc = docparse.parse(pdf)
    md = doc.to_markdown()
    for text in ("Last line of the left column.", "Last line of the right column.", "4. Regional Results"):
        assert text in md
    charts = [r.chart for r in doc.charts]
    assert len(charts) == 1 and charts[0].categories == CLOSE
    body = [r.text for p in doc.pages for r in p.regions if r.kind.value in ("paragraph", "text")]
    assert not any("Orders by channel" in t for t in body)  # the chart title is not a paragraph


def _stub_line_chart(path) -> None:  # noqa: ANN001
    """A reportlab line chart drawn like Vega's quartz theme: zero-length y tick stubs and the
    line's points filled in another colour."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4)
    x0, y0, w, h = 120, 500, 300, 160
    c.setFillColorRGB(0.98, 0.98, 0.98)
    c.rect(x0 - 50, y0 - 40, w + 70, h + 70, stroke=0, fill=1)
    c.setFillColorRGB(0, 0, 0)
    c.setFont("Helvetica", 9)
    c.setStrokeColorRGB(0.6, 0.6, 0.6)
    c.setLineWidth(0.3)
    for k in range(5):  # gridlines, zero-length tick stubs, labels 0..400
        y = y0 + k * h / 4
        c.line(x0, y, x0 + w, y)
        c.line(x0, y, x0, y)
        c.drawRightString(x0 - 6, y - 3, str(100 * k))
    months = ["Sep", "Oct", "Nov"]
    values = [420 - 20, 386, 289]
    xs = [x0 + (i + 0.5) * w / 3 for i in range(3)]
    for x, m in zip(xs, months):
        c.drawCentredString(x, y0 - 14, m)
    pts = [(x, y0 + v / 400 * h) for x, v in zip(xs, values)]
    c.setStrokeColorRGB(0.67, 0.34, 0.53)
    c.setLineWidth(2)
    p = c.beginPath()
    p.moveTo(*pts[0])
    for q in pts[1:]:
        p.lineTo(*q)
    c.drawPath(p, stroke=1, fill=0)
    c.setFillColorRGB(0.3, 0.47, 0.66)
    for x, y in pts:
        c.circle(x, y, 3, stroke=0, fill=1)
    c.save()


def test_tick_stubs_are_no_series_and_points_join_their_line(tmp_path) -> None:  # noqa: ANN001
    pdf = tmp_path / "line.pdf"
    _stub_line_chart(pdf)
    charts = [r.chart for r in docparse.parse(pdf).charts]
    assert len(charts) == 1
    chart = charts[0]
    assert chart.categories == ["Sep", "Oct", "Nov"]
    assert len(chart.series) == 1
    assert [round(v) for v in chart.series[0].values] == [400, 386, 289]


@pytest.mark.parametrize("style", ["ggplot", "seaborn-v0_8"])
def test_matplotlib_year_lines_keep_year_categories(tmp_path, style: str) -> None:  # noqa: ANN001
    """Years on a numeric x axis (ticks 2016.0, 2016.5, ...): a legend frame with rounded corners
    is no area (its outline gave 2015.9, 2016.9 ...), a marker on a legend line is no data
    point, and tick labels set edge to edge ("2016.0 2016.5 ...", 7 words in one line) are a
    label row, not running text (the chart was not found at all)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    years, online = [2016, 2017, 2018, 2019, 2020, 2021], [12.0, 15.0, 14.0, 18.0, 21.0, 19.0]
    with plt.style.context(style):
        fig, ax = plt.subplots(figsize=(4, 2.6))
        ax.plot(years, online, marker="o", label="Online")
        ax.plot(years, [v / 2 for v in online], label="Stores")
        ax.legend()
        ax.set_title("Sales")
        fig.savefig(tmp_path / "years.pdf", bbox_inches="tight")
        plt.close(fig)
    charts = [r.chart for r in docparse.parse(tmp_path / "years.pdf").charts]
    assert len(charts) == 1
    assert [float(c) for c in charts[0].categories] == [float(y) for y in years]
    series = {s.name: s.values for s in charts[0].series}
    assert [round(v, 1) for v in series["Online"]] == online


def _png_page(tmp_path, png: bytes, width_pt: float = 480.0):  # noqa: ANN001, ANN202
    import pymupdf

    pix = pymupdf.Pixmap(png)
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    page.insert_text((60, 60), "Monthly results", fontsize=14)
    rect = pymupdf.Rect(60, 80, 60 + width_pt, 80 + width_pt * pix.height / pix.width)
    page.insert_image(rect, stream=png)
    page.insert_text((60, rect.y1 + 30), "Orders rose in the second half.", fontsize=10)
    out = tmp_path / "raster.pdf"
    doc.save(out)
    return out


@pytest.mark.model
def test_wide_raster_line_chart_keeps_every_month(tmp_path) -> None:  # noqa: ANN001
    """A wide 12-month line chart picture: the category row was searched only as far right as
    the picture is high, so the last months were lost and values slid to the wrong months."""
    pytest.importorskip("rapidocr_onnxruntime")
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    values = [120, 135, 128, 150, 162, 158, 171, 190, 176, 168, 182, 205]
    fig, ax = plt.subplots(figsize=(8, 3))
    ax.plot(range(12), values, color="#1f77b4", linewidth=2)
    ax.set_xticks(range(12), months)
    ax.set_ylim(100, 220)
    ax.set_title("Orders per month")
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=120, bbox_inches="tight")
    plt.close(fig)
    charts = [r.chart for r in docparse.parse(_png_page(tmp_path, buf.getvalue())).charts]
    assert len(charts) == 1
    chart = charts[0]
    assert chart.categories == months
    got = chart.series[0].values
    assert all(v is not None and abs(v - t) <= 0.05 * t for v, t in zip(got, values)), got


@pytest.mark.model
def test_slanted_raster_labels_name_their_own_bars(tmp_path) -> None:  # noqa: ANN001
    """picture_classification-like: a stacked percentage chart picture with labels set at 45
    degrees (two-word labels among them). A slanted label ends at its tick: read by its
    centre it named the bar to the left, the first bars were left with slot numbers ("11",
    "12") and every value slid by one category; a two-word slanted label is not cut in two."""
    pytest.importorskip("rapidocr_onnxruntime")
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    names = ["Institutional", "residential", "commercial", "community park", "municipal park", "woodlot",
             "roadside", "riverside"]
    first = [87.0, 60.0, 87.5, 31.0, 74.0, 11.0, 62.5, 44.0]
    fig, ax = plt.subplots(figsize=(6.4, 3.9))
    ax.bar(range(8), first, color="#4f81bd", width=0.5, label="1")
    ax.bar(range(8), [100 - v for v in first], bottom=first, color="#c0504d", width=0.5, label="2")
    ax.set_xticks(range(8), names, rotation=45, ha="right", fontsize=13)
    ax.set_ylim(0, 100)
    ax.set_ylabel("Plot number proportions (%)")
    ax.legend(loc="center left", bbox_to_anchor=(1.02, 0.5), frameon=False)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=150, bbox_inches="tight")
    plt.close(fig)
    charts = [r.chart for r in docparse.parse(_png_page(tmp_path, buf.getvalue(), 360.0)).charts]
    assert len(charts) == 1
    chart = charts[0]
    values = {s.name: s.values for s in chart.series}["1"]
    read = {c: v for c, v in zip(chart.categories, values) if c in names}  # OCR may garble a label or two
    assert len(read) >= 5 and "municipal park" in read, chart.categories
    assert all(v is not None and abs(v - first[names.index(c)]) <= 0.05 * first[names.index(c)] for c, v in read.items())


def test_a_legend_series_without_marks_is_kept_and_reported(tmp_path) -> None:  # noqa: ANN001
    """A stacked chart whose fourth series is too thin to see (picture_classification's purple
    sliver): the series stays in the table without values and the page gets an issue, instead
    of disappearing silently."""
    def draw(ax) -> None:  # noqa: ANN001
        cats = ["North", "South", "East", "West"]
        a, b, c = [50, 60, 40, 70], [30, 20, 45, 20], [20, 20, 15, 10]
        ax.bar(cats, a, label="1")
        ax.bar(cats, b, bottom=a, label="2")
        ax.bar(cats, c, bottom=[x + y for x, y in zip(a, b)], label="3")
        ax.bar(cats, [0, 0, 0, 0], bottom=[100] * 4, label="4")
        ax.legend(loc="center left", bbox_to_anchor=(1.02, 0.5))

    pdf = _page(tmp_path, _mpl_pdf(draw, (4.0, 2.6)), ["Shares by region."], [("h", "5. Notes")])
    doc = docparse.parse(pdf)
    chart = [r.chart for r in doc.charts][0]
    series = {s.name: s.values for s in chart.series}
    assert series["1"] == [50, 60, 40, 70] and series["4"] == [None] * 4
    assert any("'4'" in i.message for p in doc.pages for i in p.issues)



def _tinted_bar_page(path) -> None:  # noqa: ANN001
    """A pygal-like bar chart (reportlab): an invisible canvas (black at opacity 0) under the
    whole figure, the plot area tinted blue at opacity 0.1, gridlines, labels set at 40 degrees."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont("Helvetica", 10)
    c.drawString(72, 800, "Monthly report")
    c.saveState()
    c.setFillColorRGB(0, 0, 0)
    c.setFillAlpha(0.0)
    c.rect(60, 560, 290, 180, stroke=0, fill=1)  # invisible canvas
    c.setFillColorRGB(0, 0, 1)
    c.setFillAlpha(0.1)
    x0, y0, w, h = 108, 620, 210, 80
    c.rect(x0, y0, w, h, stroke=0, fill=1)  # tinted plot area
    c.restoreState()
    c.setStrokeColorRGB(0.8, 0.8, 0.8)
    c.setLineWidth(0.5)
    for k in range(5):
        y = y0 + k * h / 4
        c.line(x0, y, x0 + w, y)
        c.drawRightString(x0 - 4, y - 3, str(25 * k))
    names, values = ["Rowan", "Online", "Willow", "Aspen", "Hazel", "Direct"], [70, 51, 73, 43, 84, 99]
    slot = w / len(names)
    c.setFillColorRGB(0.14, 0.14, 0.14)
    for i, (name, v) in enumerate(zip(names, values)):
        c.rect(x0 + i * slot + 4, y0, slot - 8, v / 100 * h, stroke=0, fill=1)
        c.saveState()
        c.translate(x0 + (i + 0.5) * slot - 4, y0 - 26)
        c.rotate(40)
        c.drawString(0, 0, name)
        c.restoreState()
    c.setFont("Helvetica", 14)
    c.drawString(120, 720, "Visits over time")
    c.save()


def test_tinted_plot_area_and_invisible_canvas_are_no_bars(tmp_path) -> None:  # noqa: ANN001
    """pygal LightStyle: the plot area's see-through tint holds every bar (a backdrop, it was a
    second series), and a canvas painted at opacity 0 draws nothing (it was a black bar)."""
    pdf = tmp_path / "tinted.pdf"
    _tinted_bar_page(pdf)
    charts = [r.chart for r in docparse.parse(pdf).charts]
    assert len(charts) == 1
    chart = charts[0]
    assert chart.categories == ["Rowan", "Online", "Willow", "Aspen", "Hazel", "Direct"]
    assert len(chart.series) == 1
    assert [round(v) for v in chart.series[0].values] == [70, 51, 73, 43, 84, 99]


def _arc_path(c, center, r, a0, a1):  # noqa: ANN001, ANN202
    """A wedge whose whole arc is ONE cubic curve (plotly draws a 127 degree slice so): the
    curve's control points stand well outside the disc."""
    import math

    cx, cy = center
    k = 4 / 3 * math.tan((a1 - a0) / 4)
    p0 = (cx + r * math.cos(a0), cy + r * math.sin(a0))
    p3 = (cx + r * math.cos(a1), cy + r * math.sin(a1))
    p1 = (p0[0] - k * r * math.sin(a0), p0[1] + k * r * math.cos(a0))
    p2 = (p3[0] + k * r * math.sin(a1), p3[1] - k * r * math.cos(a1))
    path = c.beginPath()
    path.moveTo(cx, cy)
    path.lineTo(*p0)
    path.curveTo(*p1, *p2, *p3)
    path.close()
    return path


def test_pie_of_wide_single_curve_slices_with_a_legend_grid(tmp_path) -> None:  # noqa: ANN001
    """plotly / pygal pies: each slice's arc is one curve (its box, control points included,
    was no disc: no pie was read), the legend is laid out two to a row (the entry right of
    the first was dropped: 'slice 2'), and the canvas under it is painted at opacity 0 (read
    as a black box, it made the pie a table)."""
    import math

    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    pdf = tmp_path / "pie.pdf"
    c = canvas.Canvas(str(pdf), pagesize=A4)
    c.setFont("Helvetica", 10)
    c.drawString(72, 800, "Lead sources by quarter")
    c.saveState()
    c.setFillAlpha(0.0)
    c.rect(60, 520, 290, 200, stroke=0, fill=1)  # pygal's canvas: black at opacity 0
    c.restoreState()
    names, values = ["Q1 22", "Q2 22", "Q3 22"], [347, 249, 386]
    colors = [(0.05, 0.22, 0.58), (0.46, 0.15, 0.25), (0.89, 0.5, 0.0)]
    center, r, a = (200, 640), 60, math.pi / 2
    for v, rgb in zip(values, colors):
        a1 = a - 2 * math.pi * v / sum(values)
        c.setFillColorRGB(*rgb)
        c.drawPath(_arc_path(c, center, r, a1, a), stroke=0, fill=1)
        a = a1
    for i, (name, rgb) in enumerate(zip(names, colors)):  # legend: two entries a row
        x, y = 110 + 126 * (i % 2), 555 - 21 * (i // 2)
        c.setFillColorRGB(*rgb)
        c.rect(x, y, 12, 12, stroke=0, fill=1)
        c.setFillColorRGB(0, 0, 0)
        c.drawString(x + 17, y + 2, name)
    c.save()
    charts = [r.chart for r in docparse.parse(pdf).charts]
    assert len(charts) == 1 and charts[0].type.value == "pie"
    chart = charts[0]
    shares = dict(zip(chart.categories, chart.series[0].values))
    assert sorted(shares) == sorted(names)
    for name, v in zip(names, values):
        assert abs(shares[name] - 100 * v / sum(values)) < 1.0, shares


def test_paint_at_opacity_zero_is_no_drawing(tmp_path) -> None:  # noqa: ANN001
    """pygal's SVG canvas is a black rectangle at fill-opacity 0: it paints nothing, so it is no
    drawing (read as a black box it framed a pie as a table); a see-through tint stays."""
    from reportlab.pdfgen import canvas

    from docparse.pages.textlayer import read_drawings

    pdf = tmp_path / "alpha.pdf"
    c = canvas.Canvas(str(pdf), pagesize=(300, 300))
    c.saveState()
    c.setFillAlpha(0.0)
    c.rect(10, 10, 200, 200, stroke=0, fill=1)
    c.setFillAlpha(0.1)
    c.setFillColorRGB(0, 0, 1)
    c.rect(40, 40, 50, 50, stroke=0, fill=1)
    c.restoreState()
    c.save()
    import pymupdf

    boxes = [tuple(round(v) for v in d.bbox) for d in read_drawings(pymupdf.open(pdf)[0])]
    assert boxes == [(40, 210, 90, 260)]


def test_line_chart_on_a_grey_panel_is_no_bar_chart(tmp_path) -> None:  # noqa: ANN001
    """A ggplot-like grey plot panel with white gridlines behind two lines, the legend and
    labels around it: the panel holds the lines whole, so it is the plot's backdrop (as a bar
    it turned the line chart into a one-bar chart)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    pdf = tmp_path / "panel.pdf"
    c = canvas.Canvas(str(pdf), pagesize=A4)
    c.setFont("Helvetica", 14)
    c.drawString(90, 780, "Sales report")
    c.setFillColorRGB(1, 1, 1)
    c.rect(70, 540, 360, 200, stroke=0, fill=1)  # the figure's white canvas, the panel a third of it
    c.setFillColorRGB(0, 0, 0)
    c.setFont("Helvetica", 11)
    c.drawString(90, 720, "Orders per month, online and in stores")
    x0, y0, w, h = 110, 600, 190, 100
    c.setFillColorRGB(0.92, 0.92, 0.92)
    c.rect(x0, y0, w, h, stroke=0, fill=1)
    c.setStrokeColorRGB(1, 1, 1)
    c.setFillColorRGB(0.3, 0.3, 0.3)
    c.setFont("Helvetica", 9)
    for k in range(5):
        y = y0 + 5 + k * (h - 10) / 4
        c.line(x0, y, x0 + w, y)
        c.drawRightString(x0 - 4, y - 3, str(50 * k))
    months = ["Jan", "Feb", "Mar", "Apr", "May"]
    xs = [x0 + 15 + i * (w - 30) / 4 for i in range(5)]
    for x, m in zip(xs, months):
        c.drawCentredString(x, y0 - 12, m)
    c.drawCentredString(x0 + w / 2, y0 - 30, "Month of the year")
    series = {"Online shop": ([120, 135, 150, 140, 180], (0.97, 0.46, 0.43)),
              "Retail stores": ([60, 55, 80, 95, 90], (0.0, 0.75, 0.77))}
    c.setLineWidth(1.5)
    for k, (name, (vals, rgb)) in enumerate(series.items()):
        c.setStrokeColorRGB(*rgb)
        p = c.beginPath()
        p.moveTo(xs[0], y0 + 5 + vals[0] / 200 * (h - 10))
        for x, v in zip(xs[1:], vals[1:]):
            p.lineTo(x, y0 + 5 + v / 200 * (h - 10))
        c.drawPath(p, stroke=1, fill=0)
        ly = y0 + h - 20 - 16 * k
        c.line(x0 + w + 8, ly + 3, x0 + w + 28, ly + 3)
        c.drawString(x0 + w + 33, ly, name)
    c.save()
    charts = [r.chart for r in docparse.parse(pdf).charts]
    assert len(charts) == 1
    chart = charts[0]
    assert chart.type.value == "line" and chart.categories == months
    got = {s.name: [round(v) for v in s.values] for s in chart.series}
    assert got == {name: vals for name, (vals, _) in series.items()}


def test_pgfplots_like_compound_paths_and_tex_thousands(tmp_path) -> None:  # noqa: ANN001
    """pgfplots paints all bars of a series as ONE path of rectangles and all gridlines as one
    path of separate segments, and TeX sets 8{,}000 as '8', ',', ' 000': each rectangle is a
    bar, each segment a gridline, '8, 000' is 8000 (the chart was a single wedge, not found)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    pdf = tmp_path / "pgf.pdf"
    c = canvas.Canvas(str(pdf), pagesize=A4)
    c.setFont("Helvetica", 10)
    c.drawString(72, 800, "Regional Sales Update")
    x0, y0, w, h = 130, 600, 160, 100
    grid = c.beginPath()
    for k in range(5):
        grid.moveTo(x0, y0 + k * h / 4)
        grid.lineTo(x0 + w, y0 + k * h / 4)
    c.setStrokeColorRGB(0.5, 0.5, 0.5)
    c.setLineWidth(0.2)
    c.drawPath(grid, stroke=1, fill=0)
    for k in range(5):
        t = c.beginText(x0 - 28, y0 + k * h / 4 - 3)
        t.setFont("Helvetica", 9)
        for piece in ((str(2 * k), ",", " 000") if k else ("0",)):
            t.textOut(piece)
        c.drawText(t)
    names, values = ["North", "South", "East", "West", "Metro"], [4660, 8770, 3810, 4140, 3760]
    bars = c.beginPath()
    slot = w / len(names)
    for i, v in enumerate(values):
        bars.rect(x0 + i * slot + 10, y0, slot - 20, v / 8000 * h)
        c.drawCentredString(x0 + (i + 0.5) * slot, y0 - 12, names[i])
    c.setFillColorRGB(0.7, 0.7, 1.0)
    c.setStrokeColorRGB(0, 0, 1)
    c.drawPath(bars, stroke=1, fill=1)
    c.save()
    charts = [r.chart for r in docparse.parse(pdf).charts]
    assert len(charts) == 1
    chart = charts[0]
    assert chart.categories == names
    assert all(abs(v - t) <= 0.01 * t for v, t in zip(chart.series[0].values, values)), chart.series[0].values


def test_two_figures_set_closer_than_the_join_gap_stay_two_charts(tmp_path) -> None:  # noqa: ANN001
    """Two matplotlib figures stacked 6 pt apart (a bar chart over a line chart): each figure's
    canvas holds its own marks, so they are two charts (they were one, the line chart's
    series read as negative bars under the bar chart's categories)."""
    import pymupdf

    def bars(ax) -> None:  # noqa: ANN001
        ax.bar(["East", "West", "North", "South"], [7160, 1870, 6110, 3640])
        ax.set_title("Revenue by segment")

    def lines(ax) -> None:  # noqa: ANN001
        ax.plot(["Jan", "Feb", "Mar", "Apr", "May"], [812, 118, 820, 536, 676], marker="o", label="Online")
        ax.plot(["Jan", "Feb", "Mar", "Apr", "May"], [627, 383, 580, 168, 469], marker="o", label="South")
        ax.legend()
        ax.set_title("Monthly orders")

    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    page.insert_text((72, 60), "Regional Sales Update", fontsize=12)
    top = 80.0
    for draw in (bars, lines):
        src = pymupdf.open("pdf", _mpl_pdf(draw, (5.0, 2.6)))
        height = 400 * src[0].rect.height / src[0].rect.width
        page.show_pdf_page(pymupdf.Rect(72, top, 472, top + height), src, 0)
        top += height + 6
    pdf = tmp_path / "two.pdf"
    doc.save(pdf)
    charts = [r.chart for r in docparse.parse(pdf).charts]
    assert [c.type.value for c in charts] == ["bar", "line"]
    assert charts[0].categories == ["East", "West", "North", "South"]
    assert [round(v) for v in charts[0].series[0].values] == [7160, 1870, 6110, 3640]
    assert {s.name: [round(v) for v in s.values] for s in charts[1].series} == {
        "Online": [812, 118, 820, 536, 676], "South": [627, 383, 580, 168, 469]}


def test_scatter_point_beside_a_legend_name_stays_data(tmp_path) -> None:  # noqa: ANN001
    """A small matplotlib-like scatter legend (markers in a column) with a data point of the
    other series plotted between the first swatch and its name: the legend is the column of
    swatches (the point had become 'South''s swatch, 'Online' was lost) and the point stays a
    value (it was wiped as a legend mark)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    pdf = tmp_path / "scatter.pdf"
    c = canvas.Canvas(str(pdf), pagesize=A4)
    c.setFont("Helvetica", 10)
    c.drawString(72, 800, "Order size against delivery time")
    x0, y0, w, h = 120, 560, 240, 160  # x 0..60, y 0..100
    c.setStrokeColorRGB(0.8, 0.8, 0.8)
    c.setFont("Helvetica", 7)
    c.setFillColorRGB(0, 0, 0)
    for k in range(6):
        c.line(x0, y0 + k * h / 5, x0 + w, y0 + k * h / 5)
        c.drawRightString(x0 - 4, y0 + k * h / 5 - 2, str(20 * k))
        c.line(x0 + k * w / 6, y0, x0 + k * w / 6, y0 + h)
        c.drawCentredString(x0 + k * w / 6, y0 - 10, str(10 * k))
    blue, orange = (0.12, 0.47, 0.71), (1.0, 0.5, 0.05)
    south = {5: 20, 15: 35, 30: 60, 45: 25, 55: 70}
    online = {3: 95, 20: 40, 35: 15, 50: 55, 58: 80}

    def dot(x, y, rgb) -> None:  # noqa: ANN001
        c.setFillColorRGB(*rgb)
        c.circle(x, y, 1.3, stroke=0, fill=1)

    for series, rgb in ((south, blue), (online, orange)):
        for x, y in series.items():
            dot(x0 + x / 60 * w, y0 + y / 100 * h, rgb)
    lx, ly = x0 + 9, y0 + h - 8  # legend: a column of markers, names 8 pt right of them
    for k, (name, rgb) in enumerate((("South", blue), ("Online", orange))):
        dot(lx, ly - 9 * k, rgb)
        c.setFillColorRGB(0, 0, 0)
        c.drawString(lx + 8, ly - 9 * k - 2.5, name)
    assert abs(x0 + 3 / 60 * w - (lx + 3)) < 0.5 and abs(y0 + 0.95 * h - ly) < 1.0  # online's first point beside "South"
    c.save()
    charts = [r.chart for r in docparse.parse(pdf).charts]
    assert len(charts) == 1
    got = {s.name: dict(zip(charts[0].categories, s.values)) for s in charts[0].series}
    assert set(got) == {"South", "Online"}
    assert {float(k): round(v) for k, v in got["Online"].items() if v is not None} == {float(k): v for k, v in online.items()}
    assert {float(k): round(v) for k, v in got["South"].items() if v is not None} == {float(k): v for k, v in south.items()}


def test_legend_icons_of_two_small_bars_are_no_data(tmp_path) -> None:  # noqa: ANN001
    """pgfplots draws each legend entry's icon as two tiny bars; the legend sits inside the plot
    above a category. The icon's second bar was read as a bar stacked on that category (every
    series there +600 and the chart called stacked)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    pdf = tmp_path / "icons.pdf"
    c = canvas.Canvas(str(pdf), pagesize=A4)
    c.setFont("Helvetica", 10)
    c.drawString(72, 800, "Sales by region")
    x0, y0, w, h = 120, 560, 300, 150
    c.setStrokeColorRGB(0, 0, 0)
    c.rect(x0, y0, w, h, stroke=1, fill=0)
    c.setFont("Helvetica", 8)
    c.setFillColorRGB(0, 0, 0)
    for k in range(6):
        c.drawRightString(x0 - 4, y0 + k * h / 5 - 3, f"{2 * k},000" if k else "0")
    names = ["Rural", "Aspen", "Coastal", "North", "Alpine"]
    series = {"South": ([7880, 8390, 5590, 7330, 3490], (0.7, 0.7, 1.0)),
              "Export": ([6140, 6850, 7930, 8770, 3500], (1.0, 0.7, 0.7)),
              "Retail": ([3480, 8600, 6390, 3210, 4340], (0.93, 0.85, 0.78))}
    slot = w / len(names)
    for i, name in enumerate(names):
        c.setFillColorRGB(0, 0, 0)
        c.drawCentredString(x0 + (i + 0.5) * slot, y0 - 11, name)
        for k, (vals, rgb) in enumerate(series.values()):
            c.setFillColorRGB(*rgb)
            c.rect(x0 + (i + 0.5) * slot - 12 + 8 * k, y0, 6, vals[i] / 10000 * h, stroke=1, fill=1)
    lx, ly = x0 + 4.5 * slot - 10, y0 + h - 16  # the legend, inside the plot above 'Alpine'
    for k, (name, (vals, rgb)) in enumerate(series.items()):
        c.setFillColorRGB(*rgb)
        c.rect(lx, ly - 12 * k, 3, 8, stroke=1, fill=1)
        c.rect(lx + 6, ly - 12 * k, 3, 6, stroke=1, fill=1)
        c.setFillColorRGB(0, 0, 0)
        c.drawString(lx + 13, ly - 12 * k + 1, name)
    c.save()
    charts = [r.chart for r in docparse.parse(pdf).charts]
    assert len(charts) == 1
    chart = charts[0]
    assert chart.type.value == "bar" and chart.categories == names
    got = {s.name: s.values for s in chart.series}
    for name, (vals, _) in series.items():
        assert all(abs(v - t) <= 0.01 * t for v, t in zip(got[name], vals)), (name, got[name])


def test_glyph_at_a_time_labels_set_edge_to_edge(tmp_path) -> None:  # noqa: ANN001
    """pygal through WeasyPrint draws a glyph at a time; year labels as wide as their slots
    touch ('2013201420152016', the glyph boxes of two labels as close as those inside one):
    cut halfway between the bars under them, each piece centred on its bar."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.pdfgen import canvas

    pdf = tmp_path / "years.pdf"
    c = canvas.Canvas(str(pdf), pagesize=A4)
    c.setFont("Helvetica", 10)
    c.drawString(72, 800, "Cost breakdown")
    years, values = ["2013", "2014", "2015", "2016"], [47, 15, 32, 16]
    slot = stringWidth("2013", "Helvetica", 10) - 0.07  # neighbouring labels overlap by 0.07 pt
    x0, y0, h = 150, 600, 100
    for k in range(6):
        c.drawRightString(x0 - 6, y0 + k * h / 5 - 3, str(10 * k))
        c.setStrokeColorRGB(0.8, 0.8, 0.8)
        c.line(x0, y0 + k * h / 5, x0 + 4 * slot, y0 + k * h / 5)
    for i, (year, v) in enumerate(zip(years, values)):
        c.setFillColorRGB(0.9, 0.3, 0.5)
        c.rect(x0 + i * slot + 1, y0, slot - 2, v / 50 * h, stroke=0, fill=1)
        c.setFillColorRGB(0, 0, 0)
        x = x0 + (i + 0.5) * slot - stringWidth(year, "Helvetica", 10) / 2
        for ch in year:  # a glyph at a time
            c.drawString(x, y0 - 12, ch)
            x += stringWidth(ch, "Helvetica", 10)
    c.save()
    charts = [r.chart for r in docparse.parse(pdf).charts]
    assert len(charts) == 1
    assert charts[0].categories == years
    assert [round(v) for v in charts[0].series[0].values] == values


def test_labels_slanted_downwards_start_at_their_tick(tmp_path) -> None:  # noqa: ANN001
    """pygal turns x labels 40 degrees clockwise: they read downwards to the right and START at
    their tick (matplotlib's and pgfplots' labels read upwards and end at it). Read by their
    end, every point of a line chart went to the next category and the first was lost."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    pdf = tmp_path / "slant.pdf"
    c = canvas.Canvas(str(pdf), pagesize=A4)
    c.setFont("Helvetica", 10)
    c.drawString(72, 800, "Units shipped")
    names = ["Spruce", "Wholesale", "Valley", "Linden", "Export", "Cedar", "Online", "Hazel"]
    values = [13.0, 12.5, 11.5, 13.5, 11.0, 10.5, 8.0, 6.0]
    x0, y0, step, h = 130, 600, 30, 120
    c.setStrokeColorRGB(0.8, 0.8, 0.8)
    for k in range(5):
        c.drawRightString(x0 - 8, y0 + k * h / 4 - 3, str(4 * k))
        c.line(x0, y0 + k * h / 4, x0 + 8 * step, y0 + k * h / 4)
    c.line(x0, y0, x0, y0 + h)  # the y axis
    xs = [x0 + 10 + i * step for i in range(len(names))]
    for x, name in zip(xs, names):
        c.saveState()
        c.translate(x, y0 - 8)
        c.rotate(-40)  # reads downwards to the right, starting at the tick
        c.drawString(0, -7, name)
        c.restoreState()
    c.setStrokeColorRGB(0.9, 0.3, 0.5)
    path = c.beginPath()
    path.moveTo(xs[0], y0 + values[0] / 16 * h)
    for x, v in zip(xs[1:], values[1:]):
        path.lineTo(x, y0 + v / 16 * h)
    c.drawPath(path, stroke=1, fill=0)
    c.setFillColorRGB(0.9, 0.3, 0.5)
    for x, v in zip(xs, values):
        c.circle(x, y0 + v / 16 * h, 2.5, stroke=0, fill=1)
    c.save()
    charts = [r.chart for r in docparse.parse(pdf).charts]
    assert len(charts) == 1
    assert charts[0].categories == names
    assert [round(v, 1) for v in charts[0].series[0].values] == values


def test_three_slice_pie_on_a_dark_canvas_is_no_table(tmp_path) -> None:  # noqa: ANN001
    """pygal DarkStyle: a three-slice pie with printed values on a black canvas: too few curves
    to count as plotted lines, so the table finder took canvas, values and legend for a table.
    Slices meeting at one centre are a pie."""
    import math

    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    pdf = tmp_path / "darkpie.pdf"
    c = canvas.Canvas(str(pdf), pagesize=A4)
    c.setFont("Helvetica", 10)
    c.drawString(72, 800, "Customer mix")
    c.setFillColorRGB(0, 0, 0)
    c.rect(60, 480, 292, 240, stroke=0, fill=1)
    c.setFillColorRGB(0.07, 0.07, 0.07)
    c.rect(80, 540, 252, 130, stroke=0, fill=1)
    c.setFillColorRGB(0.9, 0.9, 0.9)
    c.setFont("Helvetica", 16)
    c.drawString(150, 690, "Orders per month")
    names, values = ["Spruce", "Rural", "Partner"], [10, 13, 7]
    colors = [(1.0, 0.35, 0.58), (0.71, 0.89, 0.33), (1.0, 0.93, 0.42)]
    center, r, a = (206, 605), 58, math.pi / 2
    for name, v, rgb in zip(names, values, colors):
        a1 = a - 2 * math.pi * v / sum(values)
        c.setFillColorRGB(*rgb)
        c.drawPath(_arc_path(c, center, r, a1, a), stroke=0, fill=1)
        mid = (a + a1) / 2
        c.setFillColorRGB(0.9, 0.9, 0.9)
        c.drawCentredString(center[0] + 0.6 * r * math.cos(mid), center[1] + 0.6 * r * math.sin(mid) - 5, str(v))
        a = a1
    c.setFont("Helvetica", 14)
    for i, (name, rgb) in enumerate(zip(names, colors)):
        x, y = 90 + 126 * (i % 2), 510 - 21 * (i // 2)
        c.setFillColorRGB(*rgb)
        c.rect(x, y, 12, 12, stroke=0, fill=1)
        c.setFillColorRGB(0.9, 0.9, 0.9)
        c.drawString(x + 17, y + 1, name)
    c.save()
    doc = docparse.parse(pdf)
    assert not doc.tables
    charts = [r.chart for r in doc.charts]
    assert len(charts) == 1 and charts[0].type.value == "pie"
    shares = dict(zip(charts[0].categories, charts[0].series[0].values))
    assert sorted(shares) == sorted(names)
    for name, v in zip(names, values):
        assert abs(shares[name] - 100 * v / sum(values)) < 1.0, shares


def test_years_under_grouped_bars_name_the_groups(tmp_path) -> None:  # noqa: ANN001
    """pygal grouped bars over year labels, a small gap between the bars of a group: the years
    read as a numeric scale gave each bar its own x (2009.7, 2010, 2010.3 ...); one group of
    bars centred on each year makes the years category names."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    pdf = tmp_path / "grouped.pdf"
    c = canvas.Canvas(str(pdf), pagesize=A4)
    c.setFont("Helvetica", 10)
    c.drawString(72, 800, "Revenue by year")
    years = ["2010", "2011", "2012", "2013", "2014"]
    series = {"Stores": ([4, 6, 13, 14, 10], (0.05, 0.22, 0.58)),
              "Exports": ([14, 10, 18, 3, 8], (0.46, 0.15, 0.25)),
              "Revenue": ([8, 13, 20, 3, 4], (0.89, 0.5, 0.0))}
    x0, y0, slot, h = 130, 600, 60, 100
    c.setStrokeColorRGB(0.8, 0.8, 0.8)
    for k in range(5):
        c.line(x0, y0 + k * h / 4, x0 + 5 * slot, y0 + k * h / 4)
        c.drawRightString(x0 - 5, y0 + k * h / 4 - 3, str(5 * k))
    for i, year in enumerate(years):
        c.setFillColorRGB(0, 0, 0)
        c.drawCentredString(x0 + (i + 0.5) * slot, y0 - 12, year)
        for k, (vals, rgb) in enumerate(series.values()):
            c.setFillColorRGB(*rgb)
            c.rect(x0 + i * slot + 8 + 15 * k, y0, 13, vals[i] / 20 * h, stroke=0, fill=1)
    for k, (name, (_, rgb)) in enumerate(series.items()):
        c.setFillColorRGB(*rgb)
        c.rect(x0 + 5 * slot + 15, y0 + h - 12 - 16 * k, 10, 10, stroke=0, fill=1)
        c.setFillColorRGB(0, 0, 0)
        c.drawString(x0 + 5 * slot + 30, y0 + h - 11 - 16 * k, name)
    c.save()
    charts = [r.chart for r in docparse.parse(pdf).charts]
    assert len(charts) == 1
    assert charts[0].categories == years
    got = {s.name: [round(v) for v in s.values] for s in charts[0].series}
    assert got == {name: vals for name, (vals, _) in series.items()}


def test_line_point_simplified_away_is_read_off_the_line(tmp_path) -> None:  # noqa: ANN001
    """plotly drops a point lying on a straight run of its line (375, 375, 375 for 2010-2012
    is drawn as one segment): the 2011 label has no vertex; its value is read off the line."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    pdf = tmp_path / "simplified.pdf"
    c = canvas.Canvas(str(pdf), pagesize=A4)
    c.setFont("Helvetica", 10)
    c.drawString(72, 800, "Exports")
    years = ["2010", "2011", "2012", "2013", "2014", "2015"]
    values = [375, 375, 375, 836, 831, 1246]
    x0, y0, step, h = 130, 600, 50, 120
    c.setStrokeColorRGB(0.8, 0.8, 0.8)
    for k in range(5):
        c.line(x0, y0 + k * h / 4, x0 + 6 * step, y0 + k * h / 4)
        c.drawRightString(x0 - 5, y0 + k * h / 4 - 3, str(400 * k))
    xs = [x0 + 25 + i * step for i in range(6)]
    for x, year in zip(xs, years):
        c.drawCentredString(x, y0 - 12, year)
    c.setStrokeColorRGB(0.39, 0.43, 0.98)
    c.setLineWidth(2)
    path = c.beginPath()
    path.moveTo(xs[0], y0 + values[0] / 1600 * h)
    for i in (2, 3, 4, 5):  # the 2011 point is on the straight run: not drawn
        path.lineTo(xs[i], y0 + values[i] / 1600 * h)
    c.drawPath(path, stroke=1, fill=0)
    c.save()
    charts = [r.chart for r in docparse.parse(pdf).charts]
    assert len(charts) == 1
    assert charts[0].categories == years
    assert all(abs(v - t) <= 0.01 * t for v, t in zip(charts[0].series[0].values, values)), charts[0].series[0].values


def _pgf_framed_page(path, upright_labels: bool) -> None:  # noqa: ANN001
    """A pgfplots-like grouped bar chart: a framed axis, each series' thin (3 pt) bars one path
    of rectangles, a framed legend inside the axis; category labels level or set upright."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont("Helvetica", 10)
    c.drawString(72, 800, "Regional report")
    x0, y0, w, h = 200, 560, 220, 110
    c.setStrokeColorRGB(0, 0, 0)
    c.rect(x0, y0, w, h, stroke=1, fill=0)
    for k in range(5):
        c.drawRightString(x0 - 4, y0 + k * h / 4 - 3, f"{25 * k}, 000" if k else "0")
        c.line(x0, y0 + k * h / 4, x0 + 3, y0 + k * h / 4)  # ticks pointing inwards, both sides
        c.line(x0 + w - 3, y0 + k * h / 4, x0 + w, y0 + k * h / 4)
    names = ["Poplar Northwest", "Maple Southwest", "Eastern Seaboard", "Aspen Highlands", "Alder Valley Farms",
             "Overseas Partners"]
    series = {"North": ([54, 21, 64, 38, 42, 20], (0.7, 0.7, 1.0)),
              "Wholesale": ([34, 68, 59, 85, 73, 26], (1.0, 0.7, 0.7)),
              "Actual": ([55, 6, 33, 36, 71, 94], (0.93, 0.85, 0.78))}
    slot = w / len(names)
    for k, (vals, rgb) in enumerate(series.values()):
        path = c.beginPath()
        for i, v in enumerate(vals):
            path.rect(x0 + (i + 0.5) * slot - 6.5 + 5 * k, y0, 3, v / 100 * h)
        c.setFillColorRGB(*rgb)
        c.drawPath(path, stroke=1, fill=1)
    c.setFillColorRGB(0, 0, 0)
    for i, name in enumerate(names):
        cx = x0 + (i + 0.5) * slot
        c.line(cx, y0, cx, y0 + 3)
        c.line(cx, y0 + h - 3, cx, y0 + h)
        if upright_labels:
            c.saveState()
            c.translate(cx + 3, y0 - 4)
            c.rotate(90)
            c.drawRightString(0, 0, name)
            c.restoreState()
        else:
            c.drawCentredString(cx, y0 - 12, name.split()[0])
    c.setFillColorRGB(1, 1, 1)
    c.rect(x0 + 6, y0 + h - 46, 66, 42, stroke=1, fill=1)
    for k, (name, (_, rgb)) in enumerate(series.items()):
        c.setFillColorRGB(*rgb)
        c.rect(x0 + 10, y0 + h - 16 - 13 * k, 3, 8, stroke=1, fill=1)
        c.setFillColorRGB(0, 0, 0)
        c.drawString(x0 + 18, y0 + h - 16 - 13 * k, name)
    c.save()


@pytest.mark.parametrize("upright", [False, True])
def test_pgfplots_framed_thin_bars_are_a_chart_not_a_table(tmp_path, upright: bool) -> None:  # noqa: ANN001
    """A framed axis with a legend inside it was taken for a one-cell table: its 3 pt bars,
    each series one path, did not count as bars (cut into rectangles now, and bars may be
    thinner than 3 pt); labels set upright and hanging further below the axis than its
    margin were left out of the chart (categories read as 1, 2, 3)."""
    pdf = tmp_path / "framed.pdf"
    _pgf_framed_page(pdf, upright)
    doc = docparse.parse(pdf)
    assert not doc.tables
    charts = [r.chart for r in doc.charts]
    assert len(charts) == 1
    chart = charts[0]
    if upright:
        assert chart.categories == ["Poplar Northwest", "Maple Southwest", "Eastern Seaboard", "Aspen Highlands",
                                    "Alder Valley Farms", "Overseas Partners"]
    got = {s.name: [round(v / 1000) for v in s.values] for s in chart.series}
    assert got == {"North": [54, 21, 64, 38, 42, 20], "Wholesale": [34, 68, 59, 85, 73, 26],
                   "Actual": [55, 6, 33, 36, 71, 94]}


def test_thin_bars_of_one_path_count_as_bars_for_the_table_finder(tmp_path) -> None:  # noqa: ANN001
    """pgfplots fills a series' 3 pt bars as one path: cut into rectangles, and thinner than the
    old 3 pt floor, they are bars, so the table finder keeps its hands off the framed axis
    (a pdflatex dev chart with its legend inside the frame was a one-column table)."""
    import pymupdf

    from docparse.pages.textlayer import analyze_page
    from docparse.regions.table_marks import has_bars, looks_like_chart

    pdf = tmp_path / "framed.pdf"
    _pgf_framed_page(pdf, False)
    page = analyze_page(pymupdf.open(pdf)[0], 1, None)
    frame = (200, 842 - 670, 420, 842 - 560)
    assert has_bars(page, frame, False)
    assert looks_like_chart(page, frame)


def test_numeric_x_line_skipping_a_null_gets_no_value_there(tmp_path) -> None:  # noqa: ANN001
    """Vega's line_invalid_null: x is a number with a tick at every integer, the point at x = 3
    is null and the line runs from 2 straight to 4. Ticks of a numeric axis need not be data:
    no value is made up at 3 (a simplified-away point is read off the line only on a flat run
    where the vertices stand one tick apart)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    pdf = tmp_path / "null.pdf"
    c = canvas.Canvas(str(pdf), pagesize=A4)
    c.setFont("Helvetica", 10)
    c.drawString(72, 800, "Values")
    x0, y0, step, h = 130, 600, 40, 120
    c.setStrokeColorRGB(0.8, 0.8, 0.8)
    for k in range(5):
        c.line(x0, y0 + k * h / 4, x0 + 6 * step, y0 + k * h / 4)
        c.drawRightString(x0 - 5, y0 + k * h / 4 - 3, str(10 * k))
    for i in range(7):
        c.drawCentredString(x0 + i * step, y0 - 12, str(i))
    data = {1: 10.0, 2: 30.0, 4: 15.0, 5: 30.0, 6: 20.0}
    c.setStrokeColorRGB(0.3, 0.47, 0.66)
    path = c.beginPath()
    for k, (x, v) in enumerate(data.items()):
        (path.lineTo if k else path.moveTo)(x0 + x * step, y0 + v / 40 * h)
    c.drawPath(path, stroke=1, fill=0)
    c.save()
    charts = [r.chart for r in docparse.parse(pdf).charts]
    assert len(charts) == 1
    got = {float(cat): v for cat, v in zip(charts[0].categories, charts[0].series[0].values) if v is not None}
    assert got == {float(x): v for x, v in data.items()}


def test_legend_drawn_over_the_tallest_stack_keeps_its_segment(tmp_path) -> None:  # noqa: ANN001
    """matplotlib puts the legend over the tallest stack: the top segment then holds the three
    swatches whole, and was taken for the plot's backdrop (its value lost). Swatches are boxes
    of one size; a backdrop holds data of several sizes."""
    def draw(ax) -> None:  # noqa: ANN001
        cats = ["North", "South", "East", "West"]
        a, b, c = [20, 25, 18, 60], [15, 10, 20, 50], [10, 12, 8, 70]
        ax.bar(cats, a, label="South")
        ax.bar(cats, b, bottom=a, label="Retail")
        ax.bar(cats, c, bottom=[x + y for x, y in zip(a, b)], label="Export")
        ax.legend(loc="upper right", fontsize=7)
        ax.set_ylim(0, 190)

    pdf = _page(tmp_path, _mpl_pdf(draw, (4.0, 2.8)), ["Sales by region."], [("h", "6. Notes")])
    chart = [r.chart for r in docparse.parse(pdf).charts][0]
    series = {s.name: [round(v) if v is not None else None for v in s.values] for s in chart.series}
    assert series == {"South": [20, 25, 18, 60], "Retail": [15, 10, 20, 50], "Export": [10, 12, 8, 70]}

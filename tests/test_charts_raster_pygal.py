"""Raster chart look-alikes of pygal's pictures (issue 15, charts-pygal family): a monospace
font, dense tick labels a few pixels apart, dashed guides, grouped bars padded evenly, tick
numbers read as one run."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.chartf1 import chart_f1
from docparse.document import Chart, ChartType, Series

DPI = 200


def _render(path: Path, draw, size: tuple[float, float] = (3.6, 2.2)):  # noqa: ANN001
    """A pygal-like picture: monospace text, dashed horizontal guides, a tinted plot."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np
    from PIL import Image

    with plt.rc_context({"font.family": "monospace", "font.size": 8}):
        fig, ax = plt.subplots(figsize=size, dpi=DPI)
        ax.set_facecolor("#f0f0f8")
        draw(ax)
        ax.yaxis.grid(True, linestyle=(0, (4, 4)), color="black", linewidth=1.0)
        ax.set_axisbelow(True)
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        fig.tight_layout()
        fig.savefig(path, dpi=DPI)
        plt.close(fig)
    return np.array(Image.open(path).convert("RGB"))


def _dense_bars(ax) -> None:  # noqa: ANN001
    ax.bar(["Direct", "Harbor", "Spruce", "Hazel"], [10, 14, 7, 5.5], color="#3b5ba5")
    ax.set_yticks(range(0, 19, 2))
    ax.set_ylim(0, 18.5)
    ax.tick_params(axis="y", length=0, pad=1)


@pytest.mark.model
def test_dense_monospace_ticks_over_dashed_guides_are_a_numeric_axis(tmp_path: Path) -> None:
    """pygal's y axis: monospace tick numbers a few pixels apart, dashed guides four pixels
    thick. The dashes made the median 'letter' four pixels tall (so the digits of '18' stayed
    apart), and the dense column was taken for the letters of a turned word: no evidence, the
    picture stayed a figure."""
    pytest.importorskip("rapidocr_onnxruntime")
    from docparse.readers.charts.ocr import ChartOcr
    from docparse.readers.charts.precheck import chart_evidence

    image = _render(tmp_path / "dense.png", _dense_bars, (3.6, 1.4))  # tick labels ~4 px apart
    assert chart_evidence(image, ChartOcr()).found


def test_flat_strokes_are_no_letter_heights() -> None:
    """A dash (or a minus) is no letter: its height does not set the word gap."""
    import numpy as np

    from docparse.readers.charts.ocr import find_text_boxes

    img = np.full((120, 400, 3), 255, np.uint8)
    for x in range(10, 390, 20):  # a dashed guide, 4 px thick, many dashes (pygal's at 200 dpi)
        img[100:104, x : x + 13] = 0
    for x in (20, 32):  # two glyphs 18 px tall, 4 px apart: one label
        img[20:38, x : x + 8] = 0
    boxes = [b for b in find_text_boxes(img) if b[1] < 50]
    assert len(boxes) == 1


def test_even_pitch_tells_dense_ticks_from_a_turned_word() -> None:
    from docparse.readers.charts.precheck import even_pitch

    ticks = [(0, y, 12, y + 19) for y in (0, 23, 45, 68, 90, 113)]
    word = [(0, 0, 12, 5), (0, 7, 12, 22), (0, 24, 12, 30), (0, 32, 12, 50)]  # i, m, i, w
    assert even_pitch(ticks, 0.2)
    assert not even_pitch(word, 0.2)


def test_tick_numbers_read_as_one_run_come_apart() -> None:
    from docparse.options.charts import RasterChartOptions
    from docparse.readers.charts.ocr import OcrText
    from docparse.readers.charts.raster_rules import number_sequence, split_number_runs

    assert number_sequence("2015201620172018", 3, 6) == ["2015", "2016", "2017", "2018"]
    assert number_sequence("0123456789101112131415", 3, 6) == [str(k) for k in range(16)]
    assert number_sequence("100150200", 3, 6) == ["100", "150", "200"]
    assert number_sequence("123", 3, 6) is None  # a short number stays one
    assert number_sequence("3694232642842", 3, 6) is None
    parts = split_number_runs([OcrText("2015201620172018", (100, 10, 260, 30), 0.9)], RasterChartOptions())
    assert [p.text for p in parts] == ["2015", "2016", "2017", "2018"]
    assert [p.box[0] for p in parts] == [100, 140, 180, 220]


@pytest.mark.model
def test_grouped_bars_padded_evenly_are_grouped_under_their_years(tmp_path: Path) -> None:
    """pygal pads the bars inside a group about as much as the groups apart: with no clearly
    widest gaps each bar became a category of its own ('2015', '5', '2016', '6')."""
    pytest.importorskip("rapidocr_onnxruntime")
    from docparse.readers.charts.ocr import ChartOcr
    from docparse.readers.charts.raster import read_raster_chart

    years = ["2015", "2016", "2017", "2018"]
    truth = Chart(type=ChartType.BAR, categories=years,
                  series=[Series(name="Returns", values=[1530.0, 2213.0, 1704.0, 1763.0]),
                          Series(name="Margin", values=[2177.0, 1558.0, 1674.0, 2368.0])])

    def draw(ax) -> None:  # noqa: ANN001
        width, pad = 0.43, 0.06  # gaps: 0.06 inside a group, 0.08 between groups (no clearly widest)
        for k, s in enumerate(truth.series):
            xs = [i + (k - 0.5) * (width + pad) for i in range(len(years))]
            ax.bar(xs, s.values, width=width, label=s.name, color=("#5f5f5f", "#b28c94")[k])
        ax.set_xticks(range(len(years)), years)
        ax.legend(loc="center left", bbox_to_anchor=(1.02, 0.5), frameon=False)

    image = _render(tmp_path / "grouped.png", draw, (4.4, 2.4))
    chart = read_raster_chart(image, ChartOcr(), scale=72 / DPI)
    assert chart is not None and chart.categories == years
    assert chart_f1(chart, truth).f1 >= 0.9


@pytest.mark.model
def test_pie_with_a_thin_slice_and_a_monospace_legend(tmp_path: Path) -> None:
    """pygal pie: legend names 'Q1 19' in a monospace font, whose space is a whole character
    wide, were read as 'Q1' and '19' (the slices got 'Q1', 'Q3'); a 7 % slice of a pie a
    fifth of the picture wide was under the wedge size and was lost."""
    pytest.importorskip("rapidocr_onnxruntime")
    from docparse.readers.charts.ocr import ChartOcr
    from docparse.readers.charts.raster import read_raster_chart

    names = ["Jan 19", "Feb 19", "Mar 19", "Apr 19", "May 19"]
    values = [2239.0, 507.0, 752.0, 1406.0, 2104.0]
    truth = Chart(type=ChartType.PIE, categories=names, series=[Series(name="share", values=values)])
    colors = ["#4e6bae", "#996275", "#e7a049", "#b5be48", "#ae4e4e"]

    def draw(ax) -> None:  # noqa: ANN001
        ax.pie(values, colors=colors, startangle=90, counterclock=False, radius=0.55)
        ax.legend(names, loc="upper center", bbox_to_anchor=(0.5, 0.02), ncol=3, frameon=False,
                  handlelength=1.0, columnspacing=1.5)
        ax.set_aspect("equal")

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np
    from PIL import Image

    with plt.rc_context({"font.family": "monospace", "font.size": 9}):
        fig, ax = plt.subplots(figsize=(4.0, 3.0), dpi=150)
        draw(ax)
        fig.savefig(tmp_path / "pie.png", dpi=150, bbox_inches="tight")
        plt.close(fig)
    image = np.array(Image.open(tmp_path / "pie.png").convert("RGB"))
    chart = read_raster_chart(image, ChartOcr(), scale=72 / 150)
    assert chart is not None and chart.type is ChartType.PIE
    assert sorted(chart.categories) == sorted(names)
    assert chart_f1(chart, truth).f1 >= 0.9


def test_a_number_after_a_word_on_its_row_joins_it_and_two_numbers_stay_apart() -> None:
    from docparse.options.charts import RasterChartOptions
    from docparse.readers.charts.ocr import OcrText
    from docparse.readers.charts.raster_rules import join_word_and_number

    texts = [OcrText("Q1", (96, 348, 128, 373), 0.9), OcrText("19", (150, 348, 181, 368), 0.9),
             OcrText("2015", (300, 348, 364, 368), 0.9), OcrText("2016", (380, 348, 444, 368), 0.9),
             OcrText("North", (500, 348, 580, 373), 0.9), OcrText("South", (600, 348, 680, 373), 0.9)]
    joined = join_word_and_number(texts, RasterChartOptions())
    assert [t.text for t in joined] == ["Q1 19", "2015", "2016", "North", "South"]
    assert joined[0].box == (96, 348, 181, 373)



def test_pale_line_over_dark_dashes_joins_its_markers() -> None:
    """pygal lines: a see-through line between solid darker markers, crossing dark dashed
    guides. Where line and dash cross they blend to specks of the markers' shade, which
    outnumbered the markers: line and markers stayed two series ('series 1', each month
    twice; pygal dev 008 line 0.71). Specks far smaller than a marker are not counted."""
    import numpy as np

    from docparse.options.charts import RasterChartOptions
    from docparse.readers.charts.raster_rules import joins_markers

    line = np.zeros((200, 400), np.uint8)
    markers = np.zeros_like(line)
    for k in range(5):
        x = 20 + 80 * k
        line[100:103, max(0, x - 40) : x + 40] = 1
        markers[97:106, x - 4 : x + 5] = 1  # a 9 px marker on the line
    for x in range(10, 390, 30):
        markers[100:102, x : x + 5] = 1  # the line's blends with the dashes it crosses
    assert joins_markers(line, markers, RasterChartOptions())


def test_a_number_read_with_its_tick_mark_loses_the_mark() -> None:
    """plotly's y ticks sit right after their numbers: OCR read '100-' and '50-', which are no
    numbers, so the axis had one tick and the bars came out as '50-' with values near 0. A
    sign leads its number: a trailing dash is the tick mark."""
    from docparse.readers.charts.ocr import OcrText
    from docparse.readers.charts.raster_rules import strip_tick_tails

    texts = [OcrText(s, (0, 0, 10, 10), 0.9) for s in ("100-", "50 -", "-100", "East·", "1,000—", "Q3")]
    assert [t.text for t in strip_tick_tails(texts)] == ["100", "50", "-100", "East", "1,000", "Q3"]


def test_bars_of_one_colour_under_one_label_are_not_grouped() -> None:
    """Eight bars of one colour and four labels read (every other label lost): two bars under a
    label are two categories, not a group (plotly dev 002 hbar lost half its bars to it)."""
    from docparse.readers.charts.bars import groups_by_nearest

    spans = [(10.0 * k, 10.0 * k + 8, 0.0, 1.0) for k in range(8)]
    groups = [[k] for k in range(8)]
    centers = [9.0, 29.0, 49.0, 69.0]
    assert groups_by_nearest(groups, spans, centers, ["#1f77b4"] * 8) is None
    two = ["#1f77b4", "#ff7f0e"] * 4
    assert groups_by_nearest(groups, spans, centers, two) == [[0, 1], [2, 3], [4, 5], [6, 7]]


@pytest.mark.model
def test_thin_navy_labels_of_a_plotly_picture_placed_in_a_pdf(tmp_path: Path) -> None:
    """A plotly PNG (navy #2a3f5f labels, thin antialiased strokes) placed on a PDF page and
    read at 200 dpi: the strokes fall apart into pieces about half a letter tall, the median
    'letter' was that small, digits stayed apart and no tick column was read (plotly dev 010
    stacked bar: no chart). Letter heights are measured with 1-2 px cracks closed."""
    pytest.importorskip("rapidocr_onnxruntime")
    pytest.importorskip("kaleido")
    go = pytest.importorskip("plotly.graph_objects")
    from benchmarks.families.chart_web import plotly_available

    if plotly_available() is not None:
        pytest.skip(plotly_available())
    import io

    import numpy as np
    import pymupdf
    from PIL import Image

    from docparse.readers.charts.ocr import ChartOcr
    from docparse.readers.charts.precheck import chart_evidence

    years = [str(y) for y in range(2012, 2019)]
    data = {"Exports": [476, 2151, 2044, 1975, 1094, 687, 1746], "Visits": [1783, 1926, 2025, 2348, 1408, 2208, 1671],
            "Units": [1355, 2395, 2287, 518, 877, 513, 635]}
    fig = go.Figure([go.Bar(x=years, y=v, name=k) for k, v in data.items()])
    fig.update_layout(template="plotly_white", title={"text": "Lead sources"}, width=487, height=301, barmode="stack",
                      font={"size": 10}, margin={"l": 50, "r": 20, "t": 50, "b": 50},
                      legend={"x": -0.25, "xanchor": "right", "y": 0.5})
    fig.update_xaxes(type="category")
    png = fig.to_image(format="png", scale=2)
    doc = pymupdf.open()
    page = doc.new_page(width=612, height=792)
    rect = pymupdf.Rect(60, 306, 547, 607)
    page.insert_image(rect, stream=png)
    image = np.array(Image.open(io.BytesIO(page.get_pixmap(dpi=200, clip=rect).tobytes("png"))).convert("RGB"))
    assert chart_evidence(image, ChartOcr()).found

"""Raster chart look-alikes of the families' failures (issue 15): matplotlib pictures in
non-default styles read with the raster reader, and the small rules behind each fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.chartf1 import chart_f1
from docparse.document import Chart, ChartType, Series

DPI = 110


def _render(path: Path, draw, style: str = "default", size: tuple[float, float] = (6.4, 3.6)):  # noqa: ANN001
    """A chart picture drawn by ``draw(ax)`` in a matplotlib style, as an RGB array."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np
    from PIL import Image

    with plt.style.context(style):
        fig, ax = plt.subplots(figsize=size, dpi=DPI)
        draw(ax)
        fig.tight_layout()
        fig.savefig(path, dpi=DPI)
        plt.close(fig)
    return np.array(Image.open(path).convert("RGB"))


def _read(image):  # noqa: ANN001
    from docparse.readers.charts.ocr import ChartOcr
    from docparse.readers.charts.raster import read_raster_chart

    return read_raster_chart(image, ChartOcr(), scale=72 / DPI)


@pytest.mark.model
def test_line_legend_with_markers_names_the_series(tmp_path: Path) -> None:
    """matplotlib 'o-' lines: each legend swatch is a line with a marker on it (was taken for
    a piece of line, so the series stayed 'series 1', 'series 2' and scored 0)."""
    pytest.importorskip("rapidocr_onnxruntime")
    months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Aug", "Sep"]
    truth = Chart(type=ChartType.LINE, categories=months,
                  series=[Series(name="Costs", values=[90.0, 96.0, 63.0, 41.0, 22.0, 27.0, 30.0, 24.0]),
                          Series(name="Revenue", values=[58.0, 74.0, 48.0, 68.0, 48.0, 44.0, 34.0, 48.0])])

    def draw(ax) -> None:  # noqa: ANN001
        for s in truth.series:
            ax.plot(months, s.values, "o-", label=s.name, markersize=4)
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.15), ncol=2, frameon=False)

    chart = _read(_render(tmp_path / "line.png", draw, "bmh"))
    assert chart is not None and {s.name for s in chart.series} == {"Costs", "Revenue"}
    assert chart_f1(chart, truth).f1 >= 0.8


@pytest.mark.model
def test_ggplot_tick_marks_are_not_category_labels(tmp_path: Path) -> None:
    """ggplot: short grey ticks between the plot and each category name were read as 'I'
    labels; and the plot reaches below its lowest tick label, so the names sit more than the
    label search's reach under that tick."""
    pytest.importorskip("rapidocr_onnxruntime")
    cats = ["Prairie", "Cedar", "Online", "Willow", "Maple", "Birch"]
    truth = Chart(type=ChartType.LINE, categories=cats,
                  series=[Series(name="Costs", values=[30.0, 20.0, 15.0, 27.0, 35.0, 26.0]),
                          Series(name="Stores", values=[47.0, 36.0, 43.0, 40.0, 32.0, 11.0])])

    def draw(ax) -> None:  # noqa: ANN001
        for s in truth.series:
            ax.plot(cats, s.values, "o-", label=s.name, markersize=4)
        ax.legend(loc="center left", bbox_to_anchor=(1.02, 0.5), frameon=False)

    chart = _read(_render(tmp_path / "gg.png", draw, "ggplot"))
    assert chart is not None and chart.categories == cats
    assert chart_f1(chart, truth).f1 >= 0.8


@pytest.mark.model
def test_pie_with_a_legend_of_squares_is_a_pie(tmp_path: Path) -> None:
    """Legend squares beside a pie were counted as bars, so the pie was read as a bar chart."""
    pytest.importorskip("rapidocr_onnxruntime")
    names = ["Q1 24", "Q2 24", "Q3 24"]
    truth = Chart(type=ChartType.PIE, categories=names, series=[Series(name="share", values=[14.5, 3.5, 11.0])])

    def draw(ax) -> None:  # noqa: ANN001
        wedges, _ = ax.pie(truth.series[0].values, startangle=90, counterclock=False)
        ax.legend(wedges, names, loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=3, frameon=False)

    chart = _read(_render(tmp_path / "pie.png", draw, "bmh", size=(4.0, 4.4)))
    assert chart is not None and chart.type is ChartType.PIE
    assert chart_f1(chart, truth).f1 >= 0.99


@pytest.mark.model
def test_pale_line_between_solid_markers_is_one_series(tmp_path: Path) -> None:
    """pygal draws its line with opacity and its markers solid: the paler line is the same
    series, not a second one."""
    pytest.importorskip("rapidocr_onnxruntime")
    cats = ["Willow", "Coastal", "Hazel", "Aspen"]
    truth = Chart(type=ChartType.LINE, categories=cats, series=[Series(name="Units", values=[117.0, 129.0, 105.0, 101.0])])

    def draw(ax) -> None:  # noqa: ANN001
        ax.plot(cats, truth.series[0].values, color="#f44336", alpha=0.6, linewidth=1)
        ax.plot(cats, truth.series[0].values, "o", color="#f44336", markersize=5)
        ax.grid(axis="y", linestyle="--", color="black")

    chart = _read(_render(tmp_path / "pale.png", draw))
    assert chart is not None and len(chart.series) == 1
    assert chart_f1(chart, truth).f1 >= 0.99


def test_faint_and_dashed_gridlines_look_like_a_chart(tmp_path: Path) -> None:
    """White gridlines on a grey plot (ggplot) and dashed black ones without axes lines
    (pygal): no long edge at the default Canny thresholds or without bridging the dashes."""
    from docparse.readers.charts.precheck import looks_like_chart

    def faint(ax) -> None:  # noqa: ANN001
        ax.scatter([4, 6, 12, 14, 36, 49, 51], [203, 185, 269, 308, 369, 532, 343], s=12, color="#e24a33")

    def dashed(ax) -> None:  # noqa: ANN001
        ax.scatter([1, 2, 3], [3, 1, 2], s=8, color="#555555")
        ax.grid(True, linestyle=(0, (4, 4)), color="black")
        for side in ax.spines.values():
            side.set_visible(False)

    assert looks_like_chart(_render(tmp_path / "faint.png", faint, "ggplot", size=(3.4, 2.3)))
    assert looks_like_chart(_render(tmp_path / "dashed.png", dashed, size=(3.4, 2.3)))


@pytest.mark.model
def test_dashed_vertical_gridlines_leave_the_tick_row_to_the_axis_probe(tmp_path: Path) -> None:
    """pygal's horizontal bars: the dashes of vertical gridlines were the fullest 'label
    columns', crowding the row of tick numbers out of the probe."""
    pytest.importorskip("rapidocr_onnxruntime")
    from docparse.readers.charts.ocr import ChartOcr
    from docparse.readers.charts.precheck import chart_evidence

    def draw(ax) -> None:  # noqa: ANN001
        ax.barh(["Willow", "Retail", "Valley", "Maple"], [47, 47, 65, 16], color="#3b5ba5")
        ax.grid(axis="x", linestyle=(0, (3, 4)), color="black")
        ax.set_axisbelow(False)

    image = _render(tmp_path / "hbar.png", draw, size=(6.0, 3.4))
    assert chart_evidence(image, ChartOcr()).found


def test_tick_mark_readings_are_dropped_and_labels_kept() -> None:
    from docparse.options.charts import RasterChartOptions
    from docparse.readers.charts.marks import TextItem
    from docparse.readers.charts.raster_rules import drop_tick_marks

    label = TextItem("Cedar", (98, 259, 125, 269), 10)
    tick = TextItem("I", (111, 254, 111.5, 256.5), 2.5)
    letter_row = [TextItem(t, (20 * k, 259, 20 * k + 1.2, 269), 10) for k, t in enumerate("HIJ")]
    kept = drop_tick_marks([label, tick, *letter_row], RasterChartOptions())
    assert tick not in kept and label in kept and all(t in kept for t in letter_row)


def test_a_label_missing_its_word_space_gets_it_from_its_siblings() -> None:
    from docparse.readers.charts.marks import TextItem
    from docparse.readers.charts.raster_rules import respace_like_siblings
    from docparse.readers.charts.ticks import parse_tick

    texts = [TextItem(t, (0, 0, 10, 5), 5, tick=parse_tick(t))
             for t in ("Q1 24", "Q324", "2024", "Total", "community park", "Institutional")]
    assert [t.text for t in respace_like_siblings(texts)] == ["Q1 24", "Q3 24", "2024", "Total", "community park",
                                                              "Institutional"]


def test_dashes_of_a_dashed_gridline_are_no_glyphs() -> None:
    import numpy as np

    from docparse.readers.charts.ocr import dash_components

    dashes = [(100, y, 2, 6, 12) for y in (10, 22, 34, 46)]
    glyphs = [(10, 10, 6, 9, 30), (18, 10, 2, 9, 18), (40, 60, 7, 9, 35)]  # '1' beside a digit
    found = dash_components(np.array(dashes + glyphs))
    assert found == {0, 1, 2, 3}
    # the commas of '2,000', '1,500', '1,000' line up as well, each between digits (vega's y axis)
    labels = [part for y in (48, 102, 155) for part in ((31, y, 7, 11, 40), (39, y + 8, 2, 4, 6), (43, y, 24, 11, 120))]
    assert dash_components(np.array(labels)) == set()


def test_a_tall_thin_letter_stays_in_its_word_box(tmp_path: Path) -> None:
    """At ~200 dpi the l of a grey 'Jul' is a 2-pixel stroke taller than 12 pixels: it was
    dropped as a tick mark, and the label read 'Ju' (12-month raster line charts lost July)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np
    from PIL import Image

    from docparse.readers.charts.ocr import find_text_boxes, label_crop

    fig = plt.figure(figsize=(2.0, 0.6), dpi=200)
    fig.text(0.1, 0.35, "Jul", fontsize=10, color="#333333")
    fig.savefig(tmp_path / "jul.png", dpi=200)
    plt.close(fig)
    image = np.array(Image.open(tmp_path / "jul.png").convert("RGB"))
    cols = np.nonzero((image.min(axis=2) < 150).any(axis=0))[0]
    boxes = find_text_boxes(image)
    assert len(boxes) == 1
    x0 = int(boxes[0][0]) - 3  # label_crop's margin
    crop = label_crop(image, boxes[0], height=0)
    assert x0 + crop.shape[1] >= cols[-1]  # the crop the recogniser reads reaches the l (2 px wide)


def test_a_thin_stem_beside_letters_is_a_letter_and_a_lone_one_a_tick() -> None:
    import numpy as np

    from docparse.readers.charts.ocr import letter_stem

    glyphs = np.zeros((40, 60), np.uint8)
    glyphs[10:24, 10:20] = 1  # "Ju"
    assert letter_stem(glyphs, (22, 8, 2, 16), 14.0, 5)  # the l right after them
    assert not letter_stem(glyphs, (45, 8, 2, 16), 14.0, 5)  # a tick mark standing alone
    assert not letter_stem(glyphs, (22, 0, 2, 40), 14.0, 5)  # a gridline through the text row


@pytest.mark.model
def test_dashes_over_pale_stacked_bars_do_not_swallow_them(tmp_path: Path) -> None:
    """pygal stacks bars drawn with opacity under dashed gridlines: the dashes over a bar are a
    darker shade of it, in many flat pieces; the bar is not 'the line between their markers'."""
    pytest.importorskip("rapidocr_onnxruntime")
    cats = ["Summit", "West", "Retail", "Cedar"]
    series = [Series(name="Revenue", values=[114.0, 91.0, 123.0, 49.0]),
              Series(name="Costs", values=[110.0, 93.0, 26.0, 39.0]),
              Series(name="Exports", values=[46.0, 28.0, 124.0, 145.0])]
    truth = Chart(type=ChartType.STACKED_BAR, categories=cats, series=series)

    def draw(ax) -> None:  # noqa: ANN001
        bottom = [0.0] * len(cats)
        for s, color in zip(series, ("#f44336", "#3f51b5", "#009688")):
            ax.bar(cats, s.values, bottom=bottom, color=color, alpha=0.7, label=s.name)
            bottom = [b + v for b, v in zip(bottom, s.values)]
        ax.grid(axis="y", linestyle=(0, (3, 3)), color="black", zorder=3)
        ax.set_axisbelow(False)
        ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False)

    chart = _read(_render(tmp_path / "stack.png", draw, size=(6.4, 3.8)))
    assert chart is not None and len(chart.series) == 3
    assert chart_f1(chart, truth).f1 >= 0.8


def test_navy_label_text_is_ink(tmp_path: Path) -> None:
    """plotly writes its labels in navy #2a3f5f, too saturated for the grey-ink test: legend
    names and titles were read only where the detector caught them ('nline' for 'Online')."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np
    from PIL import Image

    from docparse.readers.charts.ocr import find_text_boxes

    fig = plt.figure(figsize=(2.0, 0.6), dpi=150)
    fig.text(0.1, 0.35, "Online", fontsize=11, color="#2a3f5f")
    fig.savefig(tmp_path / "navy.png", dpi=150)
    plt.close(fig)
    image = np.array(Image.open(tmp_path / "navy.png").convert("RGB"))
    cols = np.nonzero((image.min(axis=2) < 150).any(axis=0))[0]
    boxes = find_text_boxes(image)
    assert boxes and min(b[0] for b in boxes) <= cols[0] + 1 and max(b[2] for b in boxes) >= cols[-1] - 1


@pytest.mark.model
def test_fivethirtyeight_bars_stand_on_zero(tmp_path: Path) -> None:
    """fivethirtyeight: 1 pt light gridlines (4 pixels with their antialiasing at 150 dpi, too
    thick for a rule) and no gridline showing at 0, whose label sits 4 pt low: the y axis was
    fitted to the labels' centres and every bar read ~3 % of the range high."""
    pytest.importorskip("rapidocr_onnxruntime")
    cats = ["Gdansk", "Udine", "Riga", "Utrecht", "Dornbirn"]
    truth = Chart(type=ChartType.BAR, categories=cats, series=[Series(name="Units", values=[376.0, 681.0, 918.0, 245.0, 816.0])])

    def draw(ax) -> None:  # noqa: ANN001
        ax.bar(cats, truth.series[0].values)
        ax.set_title("Share by segment", fontsize=10)

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np
    from PIL import Image

    from docparse.readers.charts.ocr import ChartOcr
    from docparse.readers.charts.raster import read_raster_chart

    with plt.style.context("fivethirtyeight"):
        fig, ax = plt.subplots(figsize=(7.0, 3.0), dpi=96)
        draw(ax)
        fig.tight_layout()
        fig.savefig(tmp_path / "538.png", dpi=96)
        plt.close(fig)
    picture = Image.open(tmp_path / "538.png").convert("RGB")  # a 96 dpi picture on a page rendered at 154 dpi
    picture = picture.resize((picture.width * 8 // 5, picture.height * 8 // 5), Image.BICUBIC)
    chart = read_raster_chart(np.array(picture), ChartOcr(), scale=72 / 154)
    assert chart is not None and chart_f1(chart, truth).f1 >= 0.99, chart


def test_bars_sharing_a_bottom_give_the_baseline_and_labels_share_their_offset() -> None:
    from docparse.options.charts import RasterChartOptions
    from docparse.readers.charts.axes import with_common_offset
    from docparse.readers.charts.marks import Bar, TextItem
    from docparse.readers.charts.raster_rules import baseline_rules

    bars = [Bar((66.8, 160.4, 123.7, 170.3), "#008fd5"), Bar((137.8, 74.8, 194.7, 170.2), "#008fd5"),
            Bar((208.8, 103.0, 265.8, 170.3), "#008fd5"),
            Bar((10.0, 300.0, 20.0, 308.0), "#008fd5"), Bar((30.0, 300.0, 40.0, 308.0), "#008fd5")]  # legend squares
    rules = baseline_rules(bars, 500.0, 320.0, RasterChartOptions())
    assert [(r.horizontal, round(r.at, 1), r.bbox[0], r.bbox[2]) for r in rules] == [(True, 170.3, 0.0, 500.0)]
    labels = [TextItem(t, (16, y - 8, 45, y + 8), 16) for t, y in (("750", 68.0), ("500", 103.6), ("250", 138.9), ("0", 174.4))]
    moved = with_common_offset(labels, [65.1, 100.2, 135.9, 174.4], True)
    assert moved[:3] == [65.1, 100.2, 135.9] and abs(moved[3] - 171.4) < 0.2


@pytest.mark.model
def test_grayscale_bars_black_and_grey_series_are_read(tmp_path: Path) -> None:
    """matplotlib 'grayscale': series filled black and grey (with black outlines) had no
    saturated pixel, so the palette was empty and the picture stayed a figure (chromium and
    pdflatex raster F1 0)."""
    pytest.importorskip("rapidocr_onnxruntime")
    cats = ["Alpha", "Beta", "Gamma", "Delta"]
    truth = Chart(type=ChartType.BAR, categories=cats,
                  series=[Series(name="Plan", values=[30.0, 50.0, 20.0, 40.0]),
                          Series(name="Actual", values=[35.0, 45.0, 25.0, 60.0])])

    def draw(ax) -> None:  # noqa: ANN001
        import numpy as np

        x = np.arange(len(cats))
        for k, s in enumerate(truth.series):
            ax.bar(x + (k - 0.5) * 0.4, s.values, 0.4, label=s.name)
        ax.set_xticks(x, cats)
        ax.legend()

    chart = _read(_render(tmp_path / "gbar.png", draw, "grayscale", (4.5, 3.0)))
    assert chart is not None and {s.name for s in chart.series} == {"Plan", "Actual"}
    assert chart_f1(chart, truth).f1 >= 0.9


@pytest.mark.model
def test_grayscale_pie_is_read(tmp_path: Path) -> None:
    """A pie in grey shades (two black wedges apart): the precheck saw no coloured disc, so
    no evidence and no read."""
    pytest.importorskip("rapidocr_onnxruntime")
    cats = ["North", "South", "East", "West", "Online"]
    values = [30.0, 20.0, 25.0, 15.0, 10.0]
    truth = Chart(type=ChartType.PIE, categories=cats, series=[Series(name="share", values=values)])

    def draw(ax) -> None:  # noqa: ANN001
        ax.pie(values, labels=cats, startangle=90)
        ax.axis("equal")

    chart = _read(_render(tmp_path / "gpie.png", draw, "grayscale", (4.5, 3.0)))
    assert chart is not None and chart.type is ChartType.PIE
    assert chart_f1(chart, truth).f1 >= 0.8


def test_grey_solids_keep_fills_and_drop_text_rules_and_panels() -> None:
    """Solid grey fills are data; thin black strokes (text, axes) and a pale panel are not."""
    import numpy as np

    from docparse.options.charts import GreyFillOptions
    from docparse.readers.charts.greys import grey_series

    img = np.full((200, 300, 3), 255, np.uint8)
    img[20:180, 20:280] = 229  # ggplot-like panel
    img[100:170, 40:80] = 0  # black bar
    img[60:170, 100:140] = 120  # grey bar
    img[175:177, 20:280] = 0  # axis line, 2 px
    img[30:45, 200:202] = 0  # a glyph stroke
    centers, masks, solid = grey_series(img, 0.5, GreyFillOptions(), 50)
    assert sorted(round(float(c[0])) for c in centers) == [0, 120]
    assert not solid[176, 150] and not solid[35, 201] and not solid[25, 25]


def test_joined_words_get_their_space_back_where_the_ink_has_a_gap() -> None:
    """LibreOffice/matplotlib category 'Direct South' read 'DirectSouth' (F1 0.5 on a bar
    chart): the space returns where the crop shows a word gap; 'PowerPoint', set without
    one, stays as read."""
    import matplotlib
    import numpy as np
    from PIL import Image, ImageDraw, ImageFont

    from docparse.options.charts import RasterChartOptions
    from docparse.readers.charts.ocr import OcrText
    from docparse.readers.charts.raster_rules import respace_joined_words

    font = ImageFont.truetype(str(Path(matplotlib.get_data_path()) / "fonts/ttf/DejaVuSans.ttf"), 20)
    img = Image.new("RGB", (420, 40), "white")
    draw = ImageDraw.Draw(img)
    draw.text((10, 8), "Direct South", font=font, fill="black")
    draw.text((230, 8), "PowerPoint", font=font, fill="black")
    a, b = draw.textbbox((10, 8), "Direct South", font=font), draw.textbbox((230, 8), "PowerPoint", font=font)
    texts = [OcrText("DirectSouth", tuple(float(v) for v in a), 0.9), OcrText("PowerPoint", tuple(float(v) for v in b), 0.9)]
    out = respace_joined_words(texts, np.array(img), RasterChartOptions())
    assert [t.text for t in out] == ["Direct South", "PowerPoint"]


@pytest.mark.model
def test_upright_category_labels_leave_the_value_axis_found(tmp_path: Path) -> None:
    """Category names turned 90 degrees: each is a column of letter blobs, and five such
    columns crowded the y-axis labels out of the precheck's label groups, so no numeric axis
    was found and the chart stayed a figure (LibreOffice grouped bars F1 0)."""
    pytest.importorskip("rapidocr_onnxruntime")
    cats = ["Wholesale South", "Retail East", "Wholesale North", "Export West", "Export South"]
    truth = Chart(type=ChartType.BAR, categories=cats,
                  series=[Series(name="Export", values=[51.5, 51.5, 36.5, 7.5, 6.5]),
                          Series(name="Online", values=[68.5, 94.0, 74.5, 42.5, 65.5])])

    def draw(ax) -> None:  # noqa: ANN001
        import numpy as np

        x = np.arange(len(cats))
        for k, s in enumerate(truth.series):
            ax.bar(x + (k - 0.5) * 0.4, s.values, 0.4, label=s.name)
        ax.set_xticks(x, cats, rotation=90, fontsize=14)
        ax.legend()

    chart = _read(_render(tmp_path / "up.png", draw, "ggplot", (5.0, 5.0)))
    assert chart is not None and chart.type is ChartType.BAR
    assert chart_f1(chart, truth).f1 >= 0.8


@pytest.mark.model
def test_month_labels_read_as_one_line_and_markers_on_steep_lines(tmp_path: Path) -> None:
    """pdflatex family, matplotlib 'o-' lines over twelve tight month labels: (1) the detector
    read 'JanFeb Mar Apr ... Dec' as one line, so the chart had one category and no read
    (ChartOcr splits a line whose blobs stand at one pitch and spell it); (2) where a line
    runs steeply into a point, the column's middle sat off the marker (128 read 144): the
    marker's centre is the value (raster_rules.marker_centre_y)."""
    pytest.importorskip("rapidocr_onnxruntime")
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np
    from PIL import Image

    months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    truth = Chart(type=ChartType.LINE, categories=months,
                  series=[Series(name="South", values=[876.0, 128.0, 113.0, 616.0, 445.0, 391.0, 379.0, 829.0, 782.0, 158.0, 474.0, 925.0]),
                          Series(name="Export", values=[204.0, 156.0, 253.0, 447.0, 311.0, 355.0, 341.0, 644.0, 752.0, 474.0, 231.0, 553.0])])
    with plt.style.context("seaborn-v0_8-muted"):
        fig, ax = plt.subplots(figsize=(5.6, 3.6))
        for s in truth.series:
            ax.plot(months, s.values, "o-", label=s.name)
        ax.legend(loc="center left", bbox_to_anchor=(1.02, 0.5), frameon=False)
        fig.tight_layout()
        fig.savefig(tmp_path / "months.png", dpi=200)
        plt.close(fig)
    from docparse.readers.charts.ocr import ChartOcr
    from docparse.readers.charts.raster import read_raster_chart

    chart = read_raster_chart(np.array(Image.open(tmp_path / "months.png").convert("RGB")), ChartOcr(), scale=72 / 200)
    assert chart is not None and chart.categories == months
    assert chart_f1(chart, truth).f1 >= 0.9


@pytest.mark.model
def test_category_labels_set_at_30_degrees_are_read_whole(tmp_path: Path) -> None:
    """matplotlib rotation=30, ha='right' (reportlab and LibreOffice families): the detector
    read slanted two-word labels in pieces ('Retail', 'West', 'East'), F1 0.14; the picture
    turned level is read again for the slanted label blobs (charts/slant.py)."""
    pytest.importorskip("rapidocr_onnxruntime")
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np
    from PIL import Image

    cats = ["Export East", "Retail North", "Direct West", "Wholesale East", "Direct East", "Online West", "Retail East"]
    truth = Chart(type=ChartType.BAR, categories=cats,
                  series=[Series(name="North", values=[515.0, 111.0, 412.0, 129.0, 898.0, 656.0, 616.0])])
    with plt.style.context("ggplot"):
        fig, ax = plt.subplots(figsize=(4.4, 2.6))
        ax.bar(np.arange(len(cats)), truth.series[0].values)
        ax.set_xticks(np.arange(len(cats)), cats, rotation=30, ha="right")
        ax.set_title("Cost per unit", fontsize=10)
        fig.tight_layout()
        fig.savefig(tmp_path / "slant.png", dpi=200)
        plt.close(fig)
    from docparse.readers.charts.ocr import ChartOcr
    from docparse.readers.charts.raster import read_raster_chart

    chart = read_raster_chart(np.array(Image.open(tmp_path / "slant.png").convert("RGB")), ChartOcr(), scale=72 / 200)
    assert chart is not None and chart.categories == cats
    assert chart_f1(chart, truth).f1 >= 0.95


def test_slanted_blobs_found_at_their_angle_and_level_text_left_alone() -> None:
    """Words drawn at 30 degrees are slanted blobs (rising, ~30 degrees); level words are not."""
    import matplotlib
    import numpy as np
    from PIL import Image, ImageDraw, ImageFont

    from docparse.options.charts import SlantOptions
    from docparse.readers.charts.slant import slanted_blobs

    font = ImageFont.truetype(str(Path(matplotlib.get_data_path()) / "fonts/ttf/DejaVuSans.ttf"), 22)
    canvas = Image.new("RGB", (700, 300), "white")
    for k, word in enumerate(["Harbor", "Linden", "Coastal"]):
        tile = Image.new("RGBA", (200, 40), (255, 255, 255, 0))
        ImageDraw.Draw(tile).text((4, 4), word, font=font, fill="black")
        turned = tile.rotate(30, expand=True)
        canvas.paste(turned, (40 + 200 * k, 120), turned)
    ImageDraw.Draw(canvas).text((40, 20), "Revenue by region", font=font, fill="black")
    blobs = slanted_blobs(np.array(canvas), SlantOptions())
    assert len(blobs) == 3 and all(20 <= b.angle <= 40 for b in blobs)
    assert all(b.box[1] > 60 for b in blobs)


def test_capital_i_restored_among_title_case_labels() -> None:
    from docparse.readers.charts.ocr import OcrText
    from docparse.readers.charts.raster_rules import capital_i_in_title_case

    texts = [OcrText(t, (0.0, 0.0, 10.0, 5.0), 0.9) for t in ["Coastal", "Western", "lberia", "Overseas", "o"]]
    assert [t.text for t in capital_i_in_title_case(texts)] == ["Coastal", "Western", "Iberia", "Overseas", "o"]
    mixed = [OcrText(t, (0.0, 0.0, 10.0, 5.0), 0.9) for t in ["lbs", "kg", "Tons", "Units"]]
    assert [t.text for t in capital_i_in_title_case(mixed)] == ["lbs", "kg", "Tons", "Units"]


def test_tick_mark_read_with_a_label_is_dropped() -> None:
    """hbar category names read with their tick mark ('East·', 'North ·'): pdflatex dev 0.83."""
    from docparse.readers.charts.ocr import OcrText
    from docparse.readers.charts.raster_rules import strip_tick_tails

    texts = [OcrText(t, (0.0, 0.0, 10.0, 5.0), 0.9) for t in ["East·", "North ·", "West -", "-5", "Q1 20", "Alpine"]]
    assert [t.text for t in strip_tick_tails(texts)] == ["East", "North", "West", "-5", "Q1 20", "Alpine"]


@pytest.mark.model
def test_saturated_navy_title_and_labels_are_no_series(tmp_path: Path) -> None:
    """plotly-like: title, tick labels and axis title in navy (#2a3f5f, saturated) became a
    colour of their own, traced as a second line over the labels (plotly dev line 0.27)."""
    pytest.importorskip("rapidocr_onnxruntime")
    months = ["Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    truth = Chart(type=ChartType.LINE, categories=months,
                  series=[Series(name="value", values=[170.0, 227.0, 181.0, 205.0, 136.0, 209.0, 148.0])])

    def draw(ax) -> None:  # noqa: ANN001
        navy = "#2a3f5f"
        ax.plot(months, truth.series[0].values, "o-", color="#636efa", linewidth=2.5)
        ax.set_title("Visits over time", color=navy, fontsize=16, loc="left")
        ax.set_ylabel("Value", color=navy, fontsize=13)
        ax.tick_params(colors=navy, labelsize=11)
        for side in ax.spines.values():
            side.set_visible(False)
        ax.grid(color="#ebf0f8")

    chart = _read(_render(tmp_path / "navy.png", draw, "default", (7.0, 4.2)))
    assert chart is not None and len(chart.series) == 1 and chart.categories == months
    assert chart_f1(chart, truth).f1 >= 0.9


@pytest.mark.model
def test_filled_area_is_read_at_its_top_edge_not_at_a_marker(tmp_path: Path) -> None:
    """A filled area's distance transform peaks inside the fill: that is no marker on a line
    (vega area_invalid_null fell 0.42 -> 0 when the marker rule took the fill's middle)."""
    pytest.importorskip("rapidocr_onnxruntime")
    cats = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul"]
    truth = Chart(type=ChartType.AREA, categories=cats,
                  series=[Series(name="value", values=[10.0, 30.0, 5.0, 15.0, 30.0, 40.0, 20.0])])

    def draw(ax) -> None:  # noqa: ANN001
        ax.fill_between(range(len(cats)), truth.series[0].values, color="#4c78a8")
        ax.set_xticks(range(len(cats)), cats)
        ax.set_ylim(0, 45)

    chart = _read(_render(tmp_path / "area.png", draw, "default", (5.0, 3.6)))
    assert chart is not None
    assert chart_f1(chart, truth).f1 >= 0.8

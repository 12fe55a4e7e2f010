"""Charts to value tables: tick parsing, axis fitting, the F1 metric, vector and raster readers
on generated charts with known values, the pipeline wiring, and the vega-lite corpus."""

from __future__ import annotations

import math
import random
from pathlib import Path

import pytest

from benchmarks.chartf1 import best_f1, chart_f1, markdown_tables_as_charts
from docparse.document import Chart, ChartType, RegionKind, Series
from docparse.readers.charts.ticks import Tick, fit_axis, fit_axis_robust, format_value, parse_tick

pytest.importorskip("matplotlib")
pytest.importorskip("reportlab")


@pytest.mark.parametrize("text, value, unit", [
    ("1,200", 1200.0, None), ("−5", -5.0, None), ("12.5%", 12.5, "%"), ("$2.5M", 2.5e6, "$"),
    ("(300)", -300.0, None), ("0.05", 0.05, None), ("10k", 1e4, None), ("2019", 2019.0, None),
    ("€1 000", 1000.0, "€"), ("1e3", 1000.0, None),
])
def test_parse_tick_formats(text: str, value: float, unit: str | None) -> None:
    tick = parse_tick(text)
    assert tick is not None and math.isclose(tick.value, value) and tick.unit == unit


@pytest.mark.parametrize("text", ["Revenue", "Q1", "2019-20", "", "A1"])
def test_parse_tick_rejects_words(text: str) -> None:
    assert parse_tick(text) is None


def test_fit_axis_linear_log_and_one_misread_label() -> None:
    linear = fit_axis([Tick(300 - 30 * k, 10.0 * k) for k in range(6)])
    assert linear is not None and not linear.log and math.isclose(linear.value(150), 50.0)
    log = fit_axis([Tick(300 - 50 * k, 10.0 ** k) for k in range(5)])
    assert log is not None and log.log and math.isclose(log.value(225), 10 ** 1.5, rel_tol=1e-6)
    ticks = [Tick(300 - 30 * k, 10.0 * k) for k in range(6)]
    ticks[2] = Tick(ticks[2].position, 70.0)  # an OCR misread
    assert fit_axis(ticks) is None
    robust = fit_axis_robust(ticks)
    assert robust is not None and math.isclose(robust.value(150), 50.0, rel_tol=1e-6)
    assert format_value(2019.0, 1.0) == "2019" and format_value(0.25, 0.05) == "0.25"


def test_chart_f1_counts_category_series_and_tolerance() -> None:
    truth = Chart(categories=["A", "B"], series=[Series(name="x", values=[10, 20]), Series(name="y", values=[1, 2])])
    good = Chart(categories=["a ", "B"], series=[Series(name="X", values=[10.4, 19.5]), Series(name="y", values=[1, 2.2])])
    score = chart_f1(good, truth)
    assert (score.matched, score.predicted, score.truth) == (3, 4, 4)  # 2.2 is 10 % off
    swapped = Chart(categories=["A", "B"], series=[Series(name="y", values=[10, 20]), Series(name="x", values=[1, 2])])
    assert chart_f1(swapped, truth).matched == 0
    pie = Chart(type=ChartType.PIE, categories=["a", "b"], series=[Series(name="s", values=[1, 3])])
    shares = Chart(categories=["a", "b"], series=[Series(name="share", values=[25.0, 75.0])])
    assert chart_f1(shares, pie).f1 == 1.0
    assert chart_f1(None, truth).f1 == 0.0
    md = "| k | x |\n| --- | --- |\n| A | 10 |\n| B | 20 |\n"
    assert best_f1(markdown_tables_as_charts(md), Chart(categories=["A", "B"], series=[Series(name="v", values=[10, 20])])).f1 == 1.0


@pytest.fixture(scope="module")
def synth(tmp_path_factory: pytest.TempPathFactory):  # noqa: ANN201
    from benchmarks.synth.charts import generate_charts

    return generate_charts(tmp_path_factory.mktemp("charts"), n=5, seed=3)


def _parse_charts(path: Path) -> list[Chart]:
    import docparse

    return [r.chart for r in docparse.parse(path).charts if r.chart is not None]


def test_vector_charts_from_generated_pdfs(synth) -> None:  # noqa: ANN001
    cases = [c for c in synth if not c.raster]
    scores = [best_f1(_parse_charts(c.path), c.truth).f1 for c in cases]
    assert len(cases) >= 8
    assert sum(scores) / len(scores) >= 0.75, list(zip([c.path.name for c in cases], scores))


def _bar_chart_pdf(path: Path, values: list[float], cats: list[str]) -> None:
    from reportlab.graphics.charts.barcharts import VerticalBarChart
    from reportlab.graphics.shapes import Drawing
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    d = Drawing(400, 250)
    bc = VerticalBarChart()
    bc.x, bc.y, bc.width, bc.height = 50, 30, 300, 200
    bc.data = [tuple(values)]
    bc.valueAxis.valueMin = 0
    bc.categoryAxis.categoryNames = cats
    d.add(bc)
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont("Helvetica", 11)
    c.drawString(72, 780, "Quarterly sales grew strongly in every region this year.")
    d.drawOn(c, 72, 480)
    c.drawString(72, 450, "Figure 1: Sales by quarter.")
    c.showPage()
    c.save()


def test_pipeline_claims_tick_labels_and_renders_value_table(tmp_path: Path) -> None:
    import docparse

    rng = random.Random(5)
    cats = ["Q1", "Q2", "Q3", "Q4"]
    values = [float(rng.randint(10, 90)) for _ in cats]
    pdf = tmp_path / "report.pdf"
    _bar_chart_pdf(pdf, values, cats)
    doc = docparse.parse(pdf)
    charts = doc.charts
    assert len(charts) == 1
    chart = charts[0].chart
    assert chart is not None and chart.type is ChartType.BAR
    assert chart.categories == cats
    assert all(abs(p - t) <= 0.01 * t for p, t in zip(chart.series[0].values, values))
    body = " ".join(r.text for r in doc.regions() if r.kind is not RegionKind.CHART)
    assert "Quarterly sales" in body and "Figure 1" in body
    assert "Q3" not in body  # tick labels belong to the chart, not the body text
    md = doc.to_markdown()
    assert "| Q1 |" in md
    frame = chart.to_dataframe()
    assert list(frame.index) == cats
    assert chart.to_csv().splitlines()[1].startswith("Q1,")


def _charts_without_ocr(path: Path) -> list[Chart]:
    import docparse
    from docparse.config import OcrOptions, ParseOptions

    doc = docparse.parse(path, ParseOptions(ocr=OcrOptions(mode="never")))
    return [r.chart for r in doc.charts if r.chart is not None]


def test_vector_non_chart_figures_are_not_charts(tmp_path: Path) -> None:
    from benchmarks.synth.charts import generate_nonchart_figures

    pdfs = [p for p in generate_nonchart_figures(tmp_path) if "photo" not in p.name and "raster" not in p.name]
    assert len(pdfs) >= 4
    for pdf in pdfs:
        assert _charts_without_ocr(pdf) == [], pdf.name


def test_detect_charts_option_turns_the_classifier_off(tmp_path: Path) -> None:
    import docparse

    pdf = tmp_path / "c.pdf"
    _bar_chart_pdf(pdf, [10, 20, 30], ["a", "b", "c"])
    assert docparse.parse(pdf, detect_charts=False).charts == []


@pytest.mark.corpus
def test_vega_lite_vector_charts(corpus: Path) -> None:
    from benchmarks.suite_charts import svg_to_pdf
    from benchmarks.vega_charts import load_vega_cases

    root = corpus / "charts" / "vega-lite"
    if not root.is_dir():
        pytest.skip("charts/vega-lite not in the corpus")
    names = {"bar_grouped", "bar_negative", "bar_swap_custom", "stacked_bar_unaggregate", "arc_color_mappings",
             "line_sort_axis", "point_grouped", "bar_axis_title_quoted"}
    cases = [c for c in load_vega_cases(root) if c.name in names and c.truth is not None]
    assert len(cases) == len(names)
    work = Path(pytest.importorskip("tempfile").mkdtemp())
    scores = {c.name: best_f1(_parse_charts(svg_to_pdf(c.svg, work / f"{c.name}.pdf")), c.truth).f1 for c in cases}
    assert sum(scores.values()) / len(scores) >= 0.85, scores


def test_an_area_chart_keeps_a_zero_value_drawn_on_its_baseline(tmp_path: Path) -> None:
    import docparse
    from benchmarks.synth.charts import ChartStyle, render_matplotlib

    truth = Chart(type=ChartType.AREA, categories=["Q1", "Q2", "Q3", "Q4", "Q5"],
                  series=[Series(name="value", values=[20.0, 35.0, 0.0, 25.0, 30.0])])
    pdf = tmp_path / "area.pdf"
    render_matplotlib(truth, ChartStyle("area", "DejaVu Sans", None, False, False, False, "plain", False), pdf)
    charts = [r.chart for r in docparse.parse(pdf).charts if r.chart is not None]
    assert charts and charts[0].type is ChartType.AREA
    assert best_f1(charts, truth).f1 == 1.0


def test_vega_truth_has_the_rows_vega_draws_imputed_invalid_and_null_categories() -> None:
    from benchmarks.vega_charts import vega_truth

    rows = [{"a": 0, "b": 28, "c": 0}, {"a": 0, "b": 91, "c": 1}, {"a": 1, "b": 43, "c": 0}, {"a": 1, "b": 55, "c": 1},
            {"a": 2, "b": 19, "c": 0}]
    enc = {"x": {"field": "a", "type": "quantitative"}, "y": {"field": "b", "type": "quantitative"},
           "color": {"field": "c", "type": "nominal"}}
    record = {"mark": "line", "encoding": enc, "data_values": rows}
    spec = {"mark": "line", "encoding": {**enc, "y": {**enc["y"], "impute": {"value": 100, "keyvals": [3]}}}}
    truth, _ = vega_truth(record, spec)
    assert truth is not None and truth.categories == ["0", "1", "2", "3"]
    assert [s.values for s in truth.series] == [[28.0, 43.0, 19.0, 100.0], [91.0, 55.0, 100.0, 100.0]]
    spec["encoding"]["y"]["impute"] = {"method": "mean", "frame": [-2, 2]}
    truth, _ = vega_truth(record, spec)
    assert truth is not None and truth.series[1].values == [91.0, 55.0, 73.0]  # mean of 91 and 55
    nulls = {"mark": "line", "data_values": [{"x": 1, "y": 5}, {"x": 2, "y": None}, {"x": 3, "y": 7}],
             "encoding": {"x": {"field": "x", "type": "quantitative"}, "y": {"field": "y", "type": "quantitative"}}}
    assert vega_truth(nulls)[0].categories == ["1", "3"]  # the default: invalid values are not drawn
    zero, _ = vega_truth(nulls, {"mark": {"type": "line", "invalid": None}})
    assert zero is not None and zero.series[0].values == [5.0, 0.0, 7.0]
    nominal = {"mark": "bar", "data_values": [{"k": "A", "v": 3}, {"k": None, "v": 4}],
               "encoding": {"x": {"field": "k", "type": "nominal"}, "y": {"field": "v", "type": "quantitative"}}}
    assert vega_truth(nominal)[0].categories == ["A", "null"]


def test_chart_markdown_has_title_units_and_plain_numbers() -> None:
    from markdown_it import MarkdownIt

    from docparse.renderers.markdown import chart_number, chart_to_markdown

    chart = Chart(title="Votes by rating", x_label="Rating", y_label="Votes", y_unit="$", categories=["R", "P|G"],
                  series=[Series(name="Drama", values=[12801669.0, None]), Series(name="Comedy ($)", values=[3.25, 4.0])])
    md = chart_to_markdown(chart)
    assert md.startswith("**Votes by rating**\n\n| Rating | Drama ($) | Comedy ($) |")
    assert "| R | 12801669 | 3.25 |" in md and "| P\\|G |  | 4 |" in md
    html = MarkdownIt().enable("table").render(md)
    assert html.count("<tr>") == 3 and "<strong>Votes by rating</strong>" in html
    assert [chart_number(v) for v in (0.0988, 54.962, 0.1 + 0.2, 2.5e16, -3.0)] == ["0.0988", "54.962", "0.3", "2.5e+16", "-3"]

"""Raster chart reading (OpenCV + RapidOCR): generated chart pictures with known values, and
pictures that are not charts staying figures. These load the OCR model."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.chartf1 import chart_f1
from docparse.document import Chart, ChartType, Series

pytest.importorskip("matplotlib")
pytest.importorskip("rapidocr_onnxruntime")


def _charts(path: Path) -> list[Chart]:
    import docparse

    return [r.chart for r in docparse.parse(path).charts if r.chart is not None]


@pytest.mark.model
def test_raster_reader_reads_a_generated_bar_chart(tmp_path: Path) -> None:
    pytest.importorskip("rapidocr_onnxruntime")
    import numpy as np
    from PIL import Image

    from benchmarks.synth.charts import ChartStyle, render_matplotlib
    from docparse.readers.charts.ocr import ChartOcr
    from docparse.readers.charts.raster import looks_like_chart, read_raster_chart

    truth = Chart(type=ChartType.BAR, categories=["North", "South", "East", "West"],
                  series=[Series(name="value", values=[42.0, 77.0, 25.0, 61.0])])
    style = ChartStyle("bar", "DejaVu Sans", None, False, False, False, "plain", False)
    png = tmp_path / "bar.png"
    render_matplotlib(truth, style, png, dpi=110)
    image = np.array(Image.open(png).convert("RGB"))
    assert looks_like_chart(image)
    chart = read_raster_chart(image, ChartOcr(), scale=72 / 110)
    assert chart_f1(chart, truth).f1 >= 0.6
    photo = np.random.default_rng(0).integers(0, 255, (300, 400, 3), dtype=np.uint8)
    assert not looks_like_chart(photo)



@pytest.mark.model
def test_pictures_that_are_not_charts_stay_figures(tmp_path: Path) -> None:
    pytest.importorskip("rapidocr_onnxruntime")
    from benchmarks.synth.charts import generate_nonchart_figures

    pdfs = [p for p in generate_nonchart_figures(tmp_path) if "photo" in p.name or "raster" in p.name]
    assert len(pdfs) == 2
    for pdf in pdfs:
        assert _charts(pdf) == [], pdf.name


@pytest.mark.model
def test_embedded_chart_picture_becomes_a_chart_unless_ocr_is_off(tmp_path: Path) -> None:
    import pymupdf

    import docparse
    from benchmarks.synth.charts import ChartStyle, render_matplotlib
    from docparse.config import OcrOptions, ParseOptions

    truth = Chart(type=ChartType.BAR, categories=["Alpha", "Beta", "Gamma"],
                  series=[Series(name="value", values=[30.0, 70.0, 50.0])])
    png = tmp_path / "c.png"
    render_matplotlib(truth, ChartStyle("bar", "DejaVu Sans", None, True, False, False, "plain", False), png)
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 72), "The chart below shows the three products.", fontsize=11)
    page.insert_image(pymupdf.Rect(72, 100, 500, 380), filename=str(png))
    pdf = tmp_path / "embedded.pdf"
    doc.save(pdf)
    charts = _charts(pdf)
    assert len(charts) == 1 and charts[0].source == "raster"
    assert chart_f1(charts[0], truth).f1 >= 0.6
    off = docparse.parse(pdf, ParseOptions(ocr=OcrOptions(mode="never")))
    assert off.charts == [] and any(r.kind.value == "figure" for r in off.pages[0].regions)


@pytest.mark.model
def test_charts_on_scanned_pages_are_read_from_the_page_ocr(tmp_path: Path) -> None:
    """Bar charts on report pages scanned at 150 dpi with noise: the scan's blurred tick labels
    break into glyph pieces ("8," and "000"), so the picture's own probe finds no numeric axis;
    the page OCR's lines inside the picture stand for its label reading (they averaged 0.53
    before, the grouped chart 0)."""
    import random

    from benchmarks.chartf1 import best_f1
    from benchmarks.synth.charts import SynthChart, random_style, random_truth, render_matplotlib, scan_chart_pages

    pictures = []
    for seed, kind in ((0, "bar"), (4, "stacked"), (8, "grouped")):
        rng = random.Random(seed)
        style = random_style(rng, kind)
        truth = random_truth(rng, style)
        png = tmp_path / f"{kind}-{seed}.png"
        render_matplotlib(truth, style, png, dpi=150)
        pictures.append(SynthChart(png, truth, "matplotlib-png", style))
    scanned = scan_chart_pages(pictures, tmp_path / "scans")
    scores = [best_f1(_charts(case.path), case.truth).f1 for case in scanned]
    assert sum(scores) / len(scores) >= 0.75, list(zip([c.path.name for c in scanned], scores))


def test_page_labels_stand_for_the_pictures_reading() -> None:
    from docparse.readers.charts.ocr import OcrText
    from docparse.readers.charts.precheck import numeric_axis_in_labels
    from docparse.readers.charts.raster import with_page_labels

    ticks = [OcrText(f"{v:,}", (10.0, 200.0 - 40 * k, 50.0, 212.0 - 40 * k), 1.0) for k, v in enumerate((0, 2000, 4000))]
    assert numeric_axis_in_labels([(t.box, t.text) for t in ticks])
    assert not numeric_axis_in_labels([(t.box, t.text) for t in reversed(ticks[1:])] + [((10.0, 80.0, 50.0, 92.0), "West")])
    own = [OcrText("8,", (10.0, 80.0, 20.0, 94.0), 0.9), OcrText("0", (40.0, 300.0, 46.0, 312.0), 0.9),
           OcrText("I", (120.0, 260.0, 123.0, 272.0), 0.6)]
    merged = with_page_labels(ticks, own)
    assert [t.text for t in merged] == ["0", "2,000", "4,000", "0"]  # only the tick number it lacked

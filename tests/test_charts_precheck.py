"""The raster chart precheck (numeric axis or pie before any full OCR read) and the batched
label OCR. Generated pictures; the OCR tests load RapidOCR's small models."""

from __future__ import annotations

from pathlib import Path

import pytest

from docparse.document import Chart, ChartType, Series

pytest.importorskip("cv2")


def _rgb(pil_image):  # noqa: ANN001, ANN202
    import numpy as np

    return np.array(pil_image.convert("RGB"))


def _chart_png(tmp_path: Path, kind: str, truth: Chart, rotation: int = 0):  # noqa: ANN202
    pytest.importorskip("matplotlib")
    from PIL import Image

    from docparse.synth.charts import ChartStyle, render_matplotlib

    path = tmp_path / f"{kind}.png"
    render_matplotlib(truth, ChartStyle(kind, "DejaVu Sans", None, False, False, False, "plain", False), path, dpi=100)
    return _rgb(Image.open(path))


_BARS = Chart(type=ChartType.BAR, categories=["North", "South", "East", "West"],
              series=[Series(name="value", values=[42.0, 77.0, 25.0, 61.0])])
_PIE = Chart(type=ChartType.PIE, categories=["A", "B", "C"], series=[Series(name="share", values=[50.0, 30.0, 20.0])])


def test_axis_label_groups_find_the_tick_column_and_row() -> None:
    from docparse.readers.charts.precheck import PrecheckOptions, axis_label_groups

    column = [(40.0, 20.0 + 50 * k, 60.0, 32.0 + 50 * k) for k in range(5)]  # right-aligned at x=60
    row = [(90.0 + 60 * k, 300.0, 110.0, 312.0) for k in range(4)]
    groups = axis_label_groups(column + row, PrecheckOptions(max_per_group=3))
    assert groups[0][1] is True and len(groups[0][0]) == 3  # the column first (fuller), thinned
    assert any(not is_column and len(g) == 3 for g, is_column in groups)


def test_pies_are_round_and_bars_are_not(tmp_path: Path) -> None:
    from docparse.readers.charts.precheck import looks_like_pie

    assert looks_like_pie(_chart_png(tmp_path, "pie", _PIE))
    assert not looks_like_pie(_chart_png(tmp_path, "bar", _BARS))


@pytest.mark.model
def test_chart_pictures_show_evidence_and_screenshots_do_not(tmp_path: Path) -> None:
    pytest.importorskip("rapidocr_onnxruntime")
    from docparse.readers.charts.ocr import ChartOcr
    from docparse.readers.charts.precheck import chart_evidence, looks_like_chart
    from docparse.synth.charts import raster_screenshot

    ocr = ChartOcr()
    for kind in ("bar", "hbar", "line", "pie"):
        assert chart_evidence(_chart_png(tmp_path, kind, _PIE if kind == "pie" else _BARS), ocr).found, kind
    shot = _rgb(raster_screenshot())
    assert looks_like_chart(shot)  # flat colours and ruled lines: the cheap test lets it through…
    assert not chart_evidence(shot, ocr).found  # …its numbers are no axis


@pytest.mark.model
def test_rotated_single_letters_are_read_turned() -> None:
    pytest.importorskip("rapidocr_onnxruntime")
    from PIL import Image, ImageDraw, ImageFont

    from docparse.readers.charts.ocr import ChartOcr

    img = Image.new("RGB", (200, 60), "white")
    draw = ImageDraw.Draw(img)
    boxes = []
    for k, letter in enumerate("AFK"):
        glyph = Image.new("RGB", (24, 24), "white")
        ImageDraw.Draw(glyph).text((5, 2), letter, fill="black", font=ImageFont.load_default(size=18))
        img.paste(glyph.rotate(90, expand=True), (20 + 60 * k, 20))  # read bottom to top (vega)
        boxes.append((20.0 + 60 * k, 20.0, 44.0 + 60 * k, 44.0))
    del draw
    read = ChartOcr().read_boxes(_rgb(img), boxes)
    assert [r.text if r else None for r in read] == ["A", "F", "K"]


@pytest.mark.model
def test_a_screenshot_picture_stays_a_figure(tmp_path: Path) -> None:
    pytest.importorskip("rapidocr_onnxruntime")
    import docparse
    from docparse.synth.charts import generate_nonchart_figures

    pdf = next(p for p in generate_nonchart_figures(tmp_path) if "screenshot" in p.name)
    doc = docparse.parse(pdf)
    assert doc.charts == []
    assert any(r.kind.value == "figure" for r in doc.pages[0].regions)

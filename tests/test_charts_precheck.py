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

    from benchmarks.synth.charts import ChartStyle, render_matplotlib

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
    from benchmarks.synth.charts import raster_screenshot
    from docparse.readers.charts.ocr import ChartOcr
    from docparse.readers.charts.precheck import chart_evidence, looks_like_chart

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
    from benchmarks.synth.charts import generate_nonchart_figures

    pdf = next(p for p in generate_nonchart_figures(tmp_path) if "screenshot" in p.name)
    doc = docparse.parse(pdf)
    assert doc.charts == []
    assert any(r.kind.value == "figure" for r in doc.pages[0].regions)


def _bars_page():  # noqa: ANN202
    """A page whose raster is two simple bar-chart pictures (axes lines, flat coloured bars)."""
    import numpy as np

    from docparse.pages.analysis import ImageInfo, PageAnalysis

    def render(dpi: int):  # noqa: ANN202
        s = dpi / 72
        img = np.full((int(400 * s), int(300 * s), 3), 255, np.uint8)
        for top in (0, 200):
            y0, y1, x0, x1 = int((top + 20) * s), int((top + 180) * s), int(30 * s), int(280 * s)
            img[y1 : y1 + 2, x0:x1] = 0  # x axis
            img[y0:y1, x0 : x0 + 2] = 0  # y axis
            for k, h in enumerate((60, 120, 90)):
                img[y1 - int(h * s) : y1, x0 + int((20 + 70 * k) * s) : x0 + int((60 + 70 * k) * s)] = (76, 120, 168)
        return img

    boxes = [(20.0, 10.0 + top, 290.0, 190.0 + top) for top in (0, 200)]
    page = PageAnalysis(number=1, width=300, height=400, render=render,
                        images=[ImageInfo(b, xref=k + 1, width=270, height=180) for k, b in enumerate(boxes)])
    return page, boxes


class _CountingReader:
    name = "fake"

    def __init__(self) -> None:
        self.calls = 0

    def read_chart(self, proposal, page):  # noqa: ANN001, ANN201
        self.calls += 1
        return Chart(type=ChartType.BAR, categories=["a", "b", "c"], series=[Series(name="v", values=[1.0, 2.0, 3.0])])


def test_the_raster_budget_per_page_leaves_later_pictures_as_figures() -> None:
    from docparse.document import RegionKind
    from docparse.readers.charts.reader import ChartGroupReader, RasterBudget
    from docparse.regions.base import Detector, RegionProposal

    page, boxes = _bars_page()
    proposals = [RegionProposal(bbox=b, kind=RegionKind.FIGURE, detector=Detector.IMAGE) for b in boxes]
    unlimited = _CountingReader()
    reader = ChartGroupReader(raster=unlimited, budget=RasterBudget(seconds=None))
    assert [reader.read(p, page).kind for p in proposals] == [RegionKind.CHART, RegionKind.CHART]
    spent = _CountingReader()
    reader = ChartGroupReader(raster=spent, budget=RasterBudget(seconds=0.0))
    assert [reader.read(p, page).kind for p in proposals] == [RegionKind.FIGURE, RegionKind.FIGURE]
    assert spent.calls == 0 and len(page.warnings) == 2 and "budget" in page.warnings[0]
    page2, _ = _bars_page()  # a new page gets a fresh budget
    budget = RasterBudget(seconds=5.0)
    budget.allows(page)
    budget.spend(10.0)
    assert not budget.allows(page) and budget.allows(page2)


def test_a_row_of_squarish_labels_is_read_at_one_angle() -> None:
    import numpy as np

    from docparse.readers.charts.ocr import _Job, label_rows, label_turns, row_orientation

    def job(x: float, y: float, w: float = 12.0, h: float = 12.0) -> _Job:
        return _Job((x, y, x + w, y + h), label_turns(np.zeros((int(h) + 6, int(w) + 6, 3), np.uint8), True))

    jobs = [job(10 + 30 * k, 100) for k in range(4)] + [job(10, 20 + 30 * k) for k in range(2)] + [job(200, 100, 2, 10)]
    assert label_rows(jobs) == [[0, 1, 2, 3]]  # the thin tick mark and the short column stay out
    readings = [[("8", 0.94), ("B", 0.90), ("m", 0.2)], [("E", 0.5), ("E", 0.99), ("3", 0.99)],
                [("", 0.0), ("G", 0.99), ("D", 0.5)]]
    assert row_orientation(readings) == 1  # the angle that reads the whole row best


def test_pale_antialiased_edges_fold_into_their_line_and_glyph_strokes_are_no_rules() -> None:
    import numpy as np

    from docparse.readers.charts.marks import Rule, TextItem
    from docparse.readers.charts.raster import inside_text, merge_fringes

    core = np.zeros((40, 60), np.uint8)
    core[19:21, 5:55] = 1  # a line two pixels thick…
    fringe = np.zeros_like(core)
    fringe[18, 5:55] = fringe[21, 5:55] = 1  # …with a paler pixel row either side
    other = np.zeros_like(core)
    other[30:38, 10:20] = 1  # a pale bar of its own, away from the line
    blue, pale, light = np.array([76.0, 120, 168]), np.array([165.0, 187, 211]), np.array([174.0, 199, 232])
    centers, masks = merge_fringes([blue, pale, light], [core, fringe, other])
    assert len(centers) == 2 and int(masks[0].sum()) == int(core.sum() + fringe.sum())
    label = TextItem("0.0", (46.0, 317.0, 61.0, 326.0), 9.0)
    assert inside_text(Rule((55.6, 323.9, 55.6, 326.1), False, "#808080"), [label])  # the side of a 0
    assert not inside_text(Rule((47.5, 10.0, 47.5, 316.0), False, "#808080"), [label])  # the axis


def test_a_row_of_single_letters_reads_look_alike_digits_as_letters() -> None:
    from docparse.readers.charts.ocr import letters_row

    assert letters_row(["A", "8", "c", "D", "E", "F", "工", "1"]) == ["A", "B", "C", "D", "E", "F", "H", "I"]
    assert letters_row(["10", "8", "20", "A"]) == ["10", "8", "20", "A"]  # numbers stay numbers
    assert letters_row(["red", "blue", "8"]) == ["red", "blue", "8"]  # words are no single letters


def test_a_lone_stroke_is_a_stroke_glyph_and_a_letter_is_not() -> None:
    import cv2
    import numpy as np

    from docparse.readers.charts.ocr import is_stroke_glyph

    bar = np.full((40, 20, 3), 255, np.uint8)
    bar[5:35, 8:12] = 0
    letter = np.full((40, 30, 3), 255, np.uint8)
    cv2.putText(letter, "A", (3, 33), cv2.FONT_HERSHEY_SIMPLEX, 1.0, (0, 0, 0), 2)
    assert is_stroke_glyph(bar) and not is_stroke_glyph(letter)
    assert not is_stroke_glyph(np.ascontiguousarray(np.rot90(bar)))  # a dash across the reading direction


def test_a_letter_row_takes_in_its_flat_i_and_leaves_out_turned_words() -> None:
    import numpy as np

    from docparse.readers.charts.ocr import _Job, label_rows, label_turns

    def job(x: float, y: float, w: float, h: float) -> _Job:
        return _Job((x, y, x + w, y + h), label_turns(np.zeros((int(h) + 6, int(w) + 6, 3), np.uint8), True))

    letters = [job(10 + 30 * k, 100, 14, 14) for k in range(4)]
    flat_i = job(130, 104, 14, 4)  # a turned "I": a flat bar as wide as the letters
    assert label_rows(letters + [flat_i]) == [[0, 1, 2, 3, 4]]
    words = [job(10 + 30 * k, 100 + 16 * j, 14, 14) for k in range(3) for j in range(3)]  # turned words: letters stacked
    assert label_rows(words) == []


def test_a_row_of_wide_single_letters_read_upright_is_read_turned() -> None:
    from docparse.readers.charts.ocr import is_wide_row, row_orientation

    readings = [[("L", 0.68), ("r", 0.49), ("L", 0.14)], [("0", 0.52), ("D", 0.56), ("0", 0.56)],
                [("E", 0.98), ("E", 0.84), ("3", 1.0)]]
    assert row_orientation(readings) == 0
    assert is_wide_row([(0.0, 0.0, 24.0, 17.0), (30.0, 0.0, 54.0, 20.0), (60.0, 0.0, 85.0, 13.0)])
    assert row_orientation(readings, wide=True) == 1  # capitals are taller than wide when upright
    assert not is_wide_row([(0.0, 0.0, 11.0, 25.0), (20.0, 0.0, 39.0, 25.0)])


def test_pieces_of_an_upright_word_form_no_label_row() -> None:
    import numpy as np

    from docparse.readers.charts.ocr import _Job, label_rows, label_turns

    def job(x: float, w: float) -> _Job:
        return _Job((x, 100.0, x + w, 116.0), label_turns(np.zeros((22, int(w) + 6, 3), np.uint8), True))

    pieces = [job(10, 26), job(39, 9), job(44 + 60, 24), job(131, 8), job(142, 20)]  # "Eas" "t", "De" "l" "ta"
    assert label_rows(pieces) == []

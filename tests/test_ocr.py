"""OCR building blocks without models: spacing, CTC decoding, OCR → text layer, the OCR decision,
Tesseract TSV parsing, scanned-table structure parsing, preprocessing and degradation."""

from __future__ import annotations

import numpy as np
import pytest

from docparse.config import OcrMode, OcrOptions
from docparse.document import RegionKind
from docparse.ocr.base import OcrLine, split_line_into_words
from docparse.ocr.rapid import ctc_decode, width_buckets
from docparse.ocr.spacing import CharPos, may_split, split_words
from docparse.ocr.tesseract import group_lines, parse_tsv
from docparse.pages.analysis import ImageInfo, Line, PageAnalysis, Span
from docparse.pages.ocrlines import ocr_to_text_layer
from docparse.pages.preprocess import Orientation
from docparse.pages.textsource import (
    OcrDecisionOptions,
    OcrTextSource,
    decide_ocr,
    garbage_ratio,
    render_dpi,
    word_agreement,
)
from docparse.readers.scantables import fill_cells, parse_structure, to_table
from docparse.regions.layout_model import LayoutBox, LayoutModelOptions, proposals_from_boxes, resolve_overlaps


def glyph_crop(groups: list[int], glyph: int = 8, letter_gap: int = 2, word_gap: int = 9, height: int = 24):
    """A white line crop with black 'glyph' boxes: ``groups`` = letters per word. Returns crop, chars."""
    width = sum(n * (glyph + letter_gap) for n in groups) + word_gap * len(groups) + 10
    crop = np.full((height, width, 3), 255, np.uint8)
    chars, x = [], 5
    for w, n in enumerate(groups):
        for _ in range(n):
            crop[4:height - 4, x:x + glyph] = 0
            chars.append(CharPos("a", float(x), float(x + glyph), 0.9))
            x += glyph + letter_gap
        x += word_gap
    return crop, chars


def test_split_words_restores_spaces_from_ink_gaps():
    crop, chars = glyph_crop([3, 4, 2])
    words = split_words(chars, crop)
    assert [w.text for w in words] == ["aaa", "aaaa", "aa"]
    assert words[0].x1 <= words[1].x0


def test_split_words_keeps_tight_words_and_emitted_spaces():
    crop, chars = glyph_crop([5], letter_gap=2)
    assert [w.text for w in split_words(chars, crop)] == ["aaaaa"]
    crop, chars = glyph_crop([2, 2], word_gap=4)
    with_space = chars[:2] + [CharPos(" ", 0, 0, 0.9)] + chars[2:]
    assert len(split_words(with_space, crop)) == 2  # the recogniser's space survives a visible gap


def test_no_space_before_closing_punctuation():
    assert not may_split("1", ".") and not may_split("(", "a") and may_split("a", "b")


def test_ctc_decode_positions_and_repeats():
    charset = ["blank", "a", "b", " "]
    frames = [1, 1, 0, 2, 0, 2, 3, 1]
    probs = np.full((len(frames), 4), 0.01)
    probs[np.arange(len(frames)), frames] = 0.97
    dec = ctc_decode(probs, charset, width_scale=4.0)
    assert dec.text == "abb a"
    assert dec.chars[0].x0 == 0.0 and dec.chars[0].x1 == 8.0  # two frames of 'a'
    assert dec.chars[1].x0 == 12.0


def test_width_buckets_group_similar_ratios():
    buckets = width_buckets([1.0, 10.0, 1.05, 10.5, 30.0], size=8, spread=1.15)
    assert sorted(map(sorted, buckets)) == [[0, 2], [1, 3], [4]]


def test_ocr_lines_become_blocks_in_two_columns():
    def line(x: float, y: float, text: str) -> OcrLine:
        box = (x, y, x + 400, y + 30)
        return OcrLine(text, box, 0.9, split_line_into_words(text, box, 0.9))

    ocr = [line(100 + 500 * (k % 2), 100 + 40 * (k // 2), f"col{k % 2} line {k // 2}") for k in range(8)]
    lines, words = ocr_to_text_layer(ocr, scale=72 / 200)
    blocks = {ln.block for ln in lines}
    assert len(blocks) == 2
    first = [ln.text for ln in lines if ln.block == lines[0].block]
    assert first == [f"col0 line {i}" for i in range(4)]
    assert len({ln.size for ln in lines}) == 1 and 6 < lines[0].size < 12
    assert len(words) == 8 * 3 and words[0].bbox[0] == pytest.approx(100 * 72 / 200)


def _page(lines: list[Line] | None = None, image_cover: float = 0.0) -> PageAnalysis:
    page = PageAnalysis(number=1, width=600, height=800, lines=lines or [])
    if image_cover:
        side = (image_cover ** 0.5)
        page.images = [ImageInfo((0, 0, 600 * side, 800 * side), 1, 1250, 1666)]
    return page


def _text_line(text: str, y: float = 100) -> Line:
    return Line([Span(text, (50, y, 500, y + 12), "Helvetica", 10)], (50, y, 500, y + 12))


def test_ocr_decision():
    s = OcrDecisionOptions()
    digital = _page([_text_line("A born-digital page with plenty of real text on it.")])
    assert not decide_ocr(digital, OcrMode.AUTO, s).run
    assert decide_ocr(digital, OcrMode.ALWAYS, s).run
    assert decide_ocr(_page(image_cover=1.0), OcrMode.AUTO, s).reason == "no text layer"
    assert not decide_ocr(_page(image_cover=1.0), OcrMode.NEVER, s).run
    assert not decide_ocr(_page(), OcrMode.AUTO, s).run  # blank
    garbage = _page([_text_line("\ufffd\ufffd\ue001\ue002 x \ufffd\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd")])
    assert decide_ocr(garbage, OcrMode.AUTO, s).reason == "text layer is unreadable"
    scan_with_layer = _page([_text_line("Some text layer an earlier OCR left on this scan.")], image_cover=1.0)
    d = decide_ocr(scan_with_layer, OcrMode.AUTO, s)
    assert d.run and d.verify


def test_helpers():
    assert garbage_ratio("abc") == 0.0 and garbage_ratio("\ufffd\ufffdab") == 0.5
    assert word_agreement("The quick brown fox", "the quick brown dog") == 0.75
    assert render_dpi(_page(image_cover=1.0), 300) == 150  # 1250 px over 600 pt ≈ 150 dpi
    assert render_dpi(_page(), 200) == 200


class FakeEngine:
    name = "fake"

    def __init__(self) -> None:
        self.calls = 0

    def recognize(self, image):  # noqa: ANN001, ANN201
        self.calls += 1
        h, w = image.shape[:2]
        box = (0.1 * w, 0.1 * h, 0.8 * w, 0.1 * h + 30)
        return [OcrLine("Hello scanned world", box, 0.95, split_line_into_words("Hello scanned world", box, 0.95))]


def test_ocr_text_source_replaces_lines_with_fake_engine():
    from docparse.pages.preprocess import PreprocessOptions

    engine = FakeEngine()
    quiet = PreprocessOptions(orientation=False, deskew=False, denoise=False)
    source = OcrTextSource(OcrOptions(preprocess=quiet), engine, Orientation())
    page = _page(image_cover=1.0)
    page.render = lambda dpi: np.full((int(800 * dpi / 72), int(600 * dpi / 72), 3), 255, np.uint8)
    out = source.prepare(page)
    assert out.ocr and out.text_chars > 0 and engine.calls == 1
    assert out.lines[0].text == "Hello scanned world"
    assert out.lines[0].bbox[0] == pytest.approx(60, abs=1)  # pixels → points
    digital = _page([_text_line("A born-digital page with plenty of real text on it.")])
    assert not source.prepare(digital).ocr and engine.calls == 1


TSV = "\n".join([
    "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext",
    "5\t1\t1\t1\t1\t1\t10\t20\t30\t12\t96.5\tHello",
    "5\t1\t1\t1\t1\t2\t45\t20\t40\t12\t91.0\tworld",
    "5\t1\t1\t1\t2\t1\t10\t40\t30\t12\t5.0\tnoise",
    "5\t1\t1\t1\t3\t1\t10\t60\t30\t12\t88.0\tagain",
])


def test_tesseract_tsv():
    lines = group_lines(parse_tsv(TSV, min_confidence=10))
    assert [ln.text for ln in lines] == ["Hello world", "again"]
    assert lines[0].bbox == (10.0, 20.0, 85.0, 32.0)


def test_slanet_tokens_to_table_with_spans():
    tokens = ["<thead>", "<tr>", "<td", ' colspan="2"', ">", "</td>", "<td></td>", "</tr>", "</thead>",
              "<tbody>", "<tr>", "<td", ' rowspan="2"', ">", "</td>", "<td></td>", "<td></td>", "</tr>",
              "<tr>", "<td></td>", "<td></td>", "</tr>", "</tbody>"]
    cells, n_rows, n_cols = parse_structure(tokens)
    assert (n_rows, n_cols) == (3, 3)
    assert [(c.row, c.col, c.rowspan, c.colspan) for c in cells] == [
        (0, 0, 1, 2), (0, 2, 1, 1), (1, 0, 2, 1), (1, 1, 1, 1), (1, 2, 1, 1), (2, 1, 1, 1), (2, 2, 1, 1)]
    for k, c in enumerate(cells):
        c.box = (c.col * 100.0, c.row * 20.0, (c.col + c.colspan) * 100.0, (c.row + c.rowspan) * 20.0)
    fill_cells(cells, [((10, 2, 60, 15), "Group"), ((210, 22, 260, 35), "42"), ((5, 30, 50, 45), "North")])
    table = to_table(cells, n_rows, n_cols, scale=0.5, origin=(10, 10))
    slots = [(r, c) for cell in table.cells for r in range(cell.row, cell.row + cell.rowspan)
             for c in range(cell.col, cell.col + cell.colspan)]
    assert sorted(slots) == [(r, c) for r in range(3) for c in range(3)]  # each slot once
    assert table.header_rows == 1 and table.cells[0].text == "Group"
    assert next(c for c in table.cells if (c.row, c.col) == (1, 0)).text == "North"
    assert next(c for c in table.cells if (c.row, c.col) == (1, 2)).text == "42"
    assert table.cells[0].bbox == (10.0, 10.0, 110.0, 20.0)


def test_layout_boxes_to_proposals():
    boxes = [LayoutBox("table", (100, 100, 500, 400), 0.9), LayoutBox("equation", (110, 110, 480, 390), 0.6),
             LayoutBox("figure", (100, 500, 500, 700), 0.3), LayoutBox("text", (0, 0, 50, 50), 0.9)]
    assert [b.label for b in resolve_overlaps(boxes, 0.5)] == ["table", "text", "figure"]
    inside = Line([Span("cell text", (60, 100, 200, 112), "OCR", 10)], (60, 100, 200, 112))
    page = _page([inside, _text_line("a paragraph below the table", y=300)])
    props = proposals_from_boxes(boxes, page, 0.5, [], LayoutModelOptions())
    assert [p.kind for p in props] == [RegionKind.TABLE]  # figure below threshold, text not claimed
    assert props[0].bbox == (50.0, 50.0, 250.0, 200.0) and len(props[0].lines) == 1


def test_ocr_options_validate():
    from docparse.errors import UsageError

    assert OcrOptions(languages="eng+deu").languages == ("eng", "deu")  # type: ignore[arg-type]
    with pytest.raises(UsageError):
        OcrOptions(engine="nonsense")


def test_scan_text_layer_is_checked_against_the_image():
    from docparse.pages.preprocess import PreprocessOptions

    quiet = PreprocessOptions(orientation=False, deskew=False, denoise=False)

    def scan_with_layer(text: str) -> PageAnalysis:
        page = _page([_text_line(text)], image_cover=1.0)
        page.render = lambda dpi: np.full((int(800 * dpi / 72), int(600 * dpi / 72), 3), 255, np.uint8)
        return page

    source = OcrTextSource(OcrOptions(preprocess=quiet), FakeEngine(), Orientation())
    agrees = source.prepare(scan_with_layer("Hello, scanned world!"))
    assert not agrees.ocr and agrees.lines[0].text == "Hello, scanned world!"
    disagrees = source.prepare(scan_with_layer("Completely different words from another page"))
    assert disagrees.ocr and disagrees.lines[0].text == "Hello scanned world"


def test_width_buckets_stay_within_a_pixel_budget():
    # 6 crops of ratio 20 (960 px at height 48): at most 2 a batch under a 2,400 px budget
    buckets = width_buckets([20.0] * 6 + [5.0] * 6, size=6, spread=1.15, max_sum=50.0)
    assert sorted(len(b) for b in buckets) == [2, 2, 2, 6]

"""OCR page shape without models: narrow column gaps, rows inside a block, word spaces the
recogniser saw, word extents, prose mistaken for tables, running texts on OCR pages."""

from __future__ import annotations

import numpy as np

from docparse.assembly.furniture import mark_ocr_running_texts
from docparse.document import Document, Page, Region, RegionKind
from docparse.ocr.base import OcrLine, split_line_into_words
from docparse.ocr.rapid import ctc_decode
from docparse.ocr.spacing import CharPos, split_words
from docparse.pages.analysis import Line, PageAnalysis, Span, Word
from docparse.pages.document_context import DocumentContext
from docparse.pages.ocrlines import ocr_to_text_layer
from docparse.regions.tables import Candidate, TableClassifier
from docparse.tablegrid.nontable import is_prose, is_sentence_line


def _ocr_line(x: float, y: float, text: str, width: float = 480, height: float = 24) -> OcrLine:
    box = (x, y, x + width, y + height)
    return OcrLine(text, box, 0.9, split_line_into_words(text, box, 0.9))


def test_columns_a_line_height_apart_stay_separate_blocks():
    # two columns 24 px apart (about one line height): same baselines, different blocks
    ocr = [_ocr_line(100 + 504 * (k % 2), 100 + 25 * (k // 2), f"col{k % 2} line {k // 2}") for k in range(10)]
    lines, _ = ocr_to_text_layer(ocr, scale=72 / 150)
    assert len({ln.block for ln in lines}) == 2
    left = [ln.text for ln in lines if ln.block == lines[0].block]
    assert left == [f"col0 line {i}" for i in range(5)]


def test_list_number_joins_its_item_and_rows_read_top_down():
    ocr = [_ocr_line(100, 100, "The first item text runs on"), _ocr_line(130, 125, "and wraps here."),
           _ocr_line(100, 155, "2", width=12, height=12), _ocr_line(130, 150, "Second item, a taller box", height=32),
           _ocr_line(130, 182, "still the second item.")]
    lines, _ = ocr_to_text_layer(ocr, scale=72 / 150)
    assert len({ln.block for ln in lines}) == 1
    assert [ln.text for ln in lines] == ["The first item text runs on", "and wraps here.", "2",
                                         "Second item, a taller box", "still the second item."]


def _glyphs(gaps: list[int], glyph: int = 8, height: int = 24) -> tuple[np.ndarray, list[CharPos]]:
    width = 10 + len(gaps) * glyph + sum(gaps) + glyph
    crop = np.full((height, width, 3), 255, np.uint8)
    chars, x = [], 5
    for k in range(len(gaps) + 1):
        crop[4:height - 4, x:x + glyph] = 0
        chars.append(CharPos("a", float(x + 2), float(x + glyph - 2), 0.9))  # CTC: near the centre
        x += glyph + (gaps[k] if k < len(gaps) else 0)
    return crop, chars


def test_a_gap_needs_the_recognisers_space_unless_it_is_wide():
    crop, chars = _glyphs([2, 2, 9, 2])
    sure = [c if k != 3 else CharPos(c.text, c.x0, c.x1, c.confidence, space_prob=0.3) for k, c in enumerate(chars)]
    assert [w.text for w in split_words(sure, crop)] == ["aaa", "aa"]
    unsure = [c if k != 3 else CharPos(c.text, c.x0, c.x1, c.confidence, space_prob=0.0) for k, c in enumerate(chars)]
    assert [w.text for w in split_words(unsure, crop)] == ["aaaaa"]  # "T|he", "1|8"
    crop, chars = _glyphs([2, 2, 20, 2])
    wide = [c if k != 3 else CharPos(c.text, c.x0, c.x1, c.confidence, space_prob=0.0) for k, c in enumerate(chars)]
    assert [w.text for w in split_words(wide, crop)] == ["aaa", "aa"]


def test_word_extent_covers_whole_glyphs():
    crop, chars = _glyphs([2, 2, 12, 2])
    words = split_words(chars, crop)
    assert [(w.x0, w.x1) for w in words] == [(5.0, 33.0), (45.0, 63.0)]


def test_ctc_decode_keeps_space_probability_between_characters():
    charset = ["blank", "a", "b", " "]
    probs = np.full((6, 4), 0.01)
    for t, k in enumerate([1, 0, 0, 2, 0, 1]):
        probs[t, k] = 0.9
    probs[1, 3] = 0.3  # the recogniser half-saw a space between a and b
    dec = ctc_decode(probs, charset, width_scale=4.0)
    assert dec.text == "aba"
    assert dec.chars[0].space_prob == 1.0  # nothing before the first character
    assert abs(dec.chars[1].space_prob - 0.3) < 1e-6 and dec.chars[2].space_prob < 0.05


def _line(text: str, y: float, x: float = 50) -> Line:
    return Line([Span(text, (x, y, x + 150, y + 10), "OCR", 10)], (x, y, x + 150, y + 10))


def test_sentence_lines_are_prose_table_cells_are_not():
    assert is_sentence_line("catchment framework reduced the expected")
    assert not is_sentence_line("Budget 289.8 261.0 285.4") and not is_sentence_line("Total revenue")
    columns = [_line(t, 100 + 12 * k) for k, t in enumerate(
        ["performed by 10 per cent compared with", "the previous monitoring cycle, while the",
         "facility targets. Regional environment out-"])]
    assert is_prose(columns, max_words=6)
    cells = [_line(t, 100 + 12 * k) for k, t in enumerate(["Item", "Budget", "289.8", "Demand 925.0"])]
    assert not is_prose(cells, max_words=6)


def test_table_classifier_drops_text_column_tables_on_ocr_pages_only(monkeypatch):
    """Narrow OCR text columns line up like a borderless table; on an OCR page a candidate
    whose lines read as sentences is no table (born-digital pages have their own tests)."""
    lines = [_line("the previous monitoring cycle, while the fa", 100 + 12 * k) for k in range(4)]
    page = PageAnalysis(number=1, width=600, height=800, lines=lines,
                        words=[Word(ln.text, ln.bbox, 0, k) for k, ln in enumerate(lines)])
    tables = TableClassifier()
    monkeypatch.setattr(tables, "find", lambda view, claimed: [Candidate((40, 90, 260, 160), "borderless", 0.7)])
    assert len(tables.classify(page, DocumentContext(page_count=1), [])) == 1  # born-digital: kept
    page.ocr = True
    assert tables.classify(page, DocumentContext(page_count=1), []) == []


def _region(page: int, kind: RegionKind, k: int, order: int, y: float, text: str) -> Region:
    return Region(id=f"/page/{page}/{kind.value}/{k}", group=kind.group, kind=kind, page=page,
                  bbox=(50, y, 300, y + 10), order=order, text=text)


def _ocr_page(number: int, ocr: bool = True) -> Page:
    regions = [_region(number, RegionKind.PARAGRAPH, 1, 0, 30, "Brightwater Housing Council"),
               _region(number, RegionKind.PARAGRAPH, 2, 1, 300, f"Body text of page {number}."),
               _region(number, RegionKind.PARAGRAPH, 3, 2, 790, f"© 202{number} Brightwater Housing Council")]
    return Page(number=number, width=600, height=842, ocr=ocr, regions=regions)


def test_running_texts_of_ocr_pages_become_furniture():
    doc = Document(source="x.pdf", pages=[_ocr_page(1), _ocr_page(2), _ocr_page(3)])
    mark_ocr_running_texts(doc)
    for page in doc.pages:
        kinds = {r.text[:5]: r.kind for r in page.regions}
        assert kinds["Brigh"] is RegionKind.PAGE_HEADER and kinds["© 202"] is RegionKind.PAGE_FOOTER
        body = list(page.body())
        assert [r.order for r in body] == [0] and body[0].id == f"/page/{page.number}/paragraph/1"
    digital = Document(source="y.pdf", pages=[_ocr_page(1, ocr=False), _ocr_page(2, ocr=False)])
    mark_ocr_running_texts(digital)  # born-digital pages keep what the pre-pass decided
    assert all(r.kind is RegionKind.PARAGRAPH for p in digital.pages for r in p.regions)


def test_a_line_the_classifier_turns_is_read_both_ways():
    from docparse.ocr.rapid import DecodedLine, RapidOcrEngine

    class _Cls:
        def text_cls(self, crops):  # noqa: ANN001, ANN202
            return [crops[0][::-1, ::-1], crops[1]], [("180", 0.95), ("0", 0.99)], 0.0

    class _Engine(RapidOcrEngine):
        def _engine(self):  # noqa: ANN202
            return _Cls()

        def _recognize_crops(self, crops):  # noqa: ANN001, ANN202
            # upright crops have a dark first column; a turned one reads as spaces
            return [DecodedLine("TEXT", 0.97, ()) if c[0, 0, 0] == 0 else DecodedLine("   ", 0.6, ())
                    for c in crops]

    upright = np.full((4, 8, 3), 255, np.uint8)
    upright[:, 0] = 0
    turned = upright[::-1, ::-1].copy()
    crops, decoded = _Engine()._read_crops([upright, turned])
    assert [d.text for d in decoded] == ["TEXT", "   "]  # the wrong half turn loses; an upright reading stays
    assert crops[0][0, 0, 0] == 0


def test_a_detected_line_across_a_column_gap_is_cut():
    from docparse.ocr.base import OcrWord
    from docparse.ocr.rapid import split_at_column_gaps

    def words(spec: list[tuple[float, float]]) -> list[OcrWord]:
        return [OcrWord(f"w{k}", (x0, 0, x1, 20), 0.9) for k, (x0, x1) in enumerate(spec)]

    left = [(0, 40), (48, 90), (97, 140)]
    right = [(165, 200), (207, 250)]  # a 25 px gutter, text 18 px high, word gaps about 7 px
    groups = split_at_column_gaps(words(left + right), height=18, ratio=1.0)
    assert [len(g) for g in groups] == [3, 2]
    justified = [(0, 40), (55, 90), (105, 140), (156, 200)]  # wide but even spaces stay one line
    assert len(split_at_column_gaps(words(justified), height=18, ratio=1.0)) == 1


def test_only_list_markers_join_text_beside_them():
    from docparse.pages.ocrlines import is_list_marker

    assert all(is_list_marker(t) for t in ["2", "3.", "a)", "iv.", "\u2022", "-"])
    assert not any(is_list_marker(t) for t in ["the", "of", "Fig", "2.1.3"])


def test_a_heading_set_above_its_paragraph_keeps_its_larger_size():
    def measured(y: float, text: str, ink: float) -> OcrLine:
        box = (100, y, 580, y + 24)
        return OcrLine(text, box, 0.9, split_line_into_words(text, box, 0.9), text_height=ink)

    ocr = [measured(100, "1. Community Engagement", 18), measured(125, "The resilience accelerated in 7 of", 12),
           measured(150, "the districts and the community re-", 12), measured(175, "cent compared with the previous", 12),
           measured(200, "cycle. The requirement accommodated", 12.5), measured(225, "and the related records.", 12)]
    lines, _ = ocr_to_text_layer(ocr, scale=72 / 150)
    assert len({ln.block for ln in lines}) == 1  # the geometry alone keeps them together
    sizes = [ln.size for ln in lines]
    assert sizes[0] >= 1.3 * sizes[1] and len(set(sizes[1:])) == 1
    odd = [measured(100, "Body text starts here and runs", 12), measured(125, "on through a speck measured big", 18),
           measured(150, "and ends here.", 12)]
    lines, _ = ocr_to_text_layer(odd, scale=72 / 150)
    assert len({ln.size for ln in lines}) == 1  # a lower-case line is not a heading


def test_punctuation_says_where_spaces_are():
    from docparse.ocr.spacing import SpacingOptions, punctuation_spaces

    def chars(text: str, faint: str = "") -> list[CharPos]:
        return [CharPos(ch, 6.0 * k, 6.0 * k + 5, 0.4 if ch in faint else 0.95) for k, ch in enumerate(text)]

    def text(cs: list[CharPos]) -> str:
        return "".join(c.text for c in cs)

    settings = SpacingOptions()
    assert text(punctuation_spaces(chars("panel.reviewed", faint="."), settings)) == "panel reviewed"
    assert text(punctuation_spaces(chars("www.example.com"), settings)) == "www.example.com"  # sure dots stay
    assert text(punctuation_spaces(chars('as"regional'), settings)) == 'as "regional'
    assert text(punctuation_spaces(chars("governance\u201dRepresentative"), settings)) == "governance\u201d Representative"


def test_a_predicted_cell_border_through_a_line_does_not_scatter_it():
    from docparse.readers.scantables import recognise_table

    class _Model:  # two columns, the border at x=100 runs through "Plaza Batai, Damansara"
        def structure(self, image):  # noqa: ANN001, ANN202
            tokens = ["<tbody>", "<tr>", "<td></td>", "<td></td>", "</tr>", "<tr>", "<td></td>", "<td></td>",
                      "</tr>", "</tbody>"]
            return tokens, [(0, 0, 100, 20), (100, 0, 200, 20), (0, 20, 100, 40), (100, 20, 200, 40)]

    image = np.full((40, 200, 3), 255, np.uint8)
    words = [((10, 2, 50, 18), "Plaza"), ((55, 2, 95, 18), "Batai,"), ((105, 2, 190, 18), "Damansara"),
             ((10, 22, 60, 38), "Total"), ((150, 22, 190, 38), "9.00")]
    lines = [((10, 2, 190, 18), "Plaza Batai, Damansara"), ((10, 22, 60, 38), "Total"), ((150, 22, 190, 38), "9.00")]
    scattered = recognise_table(image, words, _Model())
    assert [c.text for c in scattered.cells if c.row == 0] == ["Plaza Batai,", "Damansara"]
    whole = recognise_table(image, lines, _Model())
    assert "Plaza Batai, Damansara" in [c.text for c in whole.cells if c.row == 0]
    assert [c.text for c in whole.cells if c.row == 1] == ["Total", "9.00"]

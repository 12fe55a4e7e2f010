"""Right-to-left text: lam-alef ligatures in logical order, pieces of one line joined right
piece first, and table cells with their words right to left (left-to-right runs kept)."""

from __future__ import annotations

from pathlib import Path

import pytest

from docparse.pages.analysis import Line, Span, Word
from docparse.pages.rtl import is_rtl_text, ligatures_in_order
from docparse.regions.semantic import merge_same_baseline
from docparse.tablegrid.text import logical_order


def test_lam_alef_ligature_letters_are_put_in_logical_order() -> None:
    # "المشكلات" as MuPDF gives it: the ligature's alef (no width, at the lam's edge) first
    chars = [("ا", 90, 94), ("ل", 86, 90), ("م", 80, 86), ("ش", 72, 80), ("ك", 66, 72),
             ("ا", 60.0, 60.0), ("ل", 54, 60), ("ت", 48, 54)]
    assert ligatures_in_order(chars) == "المشكلات"
    # the article's alef has a width of its own: "ال" stays
    assert ligatures_in_order(chars[:2]) == "ال"


def test_rtl_words_read_right_to_left_with_ltr_runs_kept() -> None:
    def w(text: str, x: float) -> Word:
        return Word(text, (x, 0, x + 20, 10), 0, 0)

    visual = [w("Python", 0), w("و", 30), w("R", 50), w("بلغة", 70), w("البرمجة", 100), w("تعتبر", 140)]
    assert [x.text for x in logical_order(visual)] == ["تعتبر", "البرمجة", "بلغة", "R", "و", "Python"]
    ltr = [w("Total", 0), w("revenue", 30)]
    assert logical_order(ltr) == ltr
    assert is_rtl_text("شرکت بورس کالای ايران") and not is_rtl_text("Jeremy is جرمي")


def test_pieces_of_a_right_to_left_line_join_right_piece_first() -> None:
    def piece(text: str, x0: float, x1: float) -> Line:
        return Line([Span(text, (x0, 102, x1, 115), "Arial", 11)], (x0, 102, x1, 115), block=1)

    right = piece("تعتبر البرمجة بلغة R وPython ", 397, 522)
    left = piece(" من الأدوات القوية التي يمكن أن تعزز", 109, 396)
    merged = merge_same_baseline([right, left])
    assert len(merged) == 1 and merged[0].text.startswith("تعتبر") and merged[0].text.endswith("تعزز")


@pytest.mark.corpus
def test_docling_arabic_page_reads_in_order(corpus: Path) -> None:
    import docparse

    pdf = corpus / "text" / "docling" / "tests" / "data" / "pdf" / "sources" / "right_to_left_01.pdf"
    if not pdf.exists():
        pytest.skip(f"{pdf} is not in the corpus")
    text = " ".join(" ".join(r.text.split()) for r in docparse.parse(pdf).regions())
    assert "الإنتاجية وحل المشكلات" in text  # ligatures in order
    assert "تعتبر البرمجة بلغة R وPython من الأدوات القوية" in text  # the line's two pieces, right first

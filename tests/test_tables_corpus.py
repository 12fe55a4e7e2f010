"""Tables on corpus files: shaded tables, rotated tables (skip when ../shared/corpus is absent)."""

from __future__ import annotations

from pathlib import Path

import pytest

from docparse.pages.analysis import Drawing, PageAnalysis, PathItem, Word
from docparse.regions.tables import TableClassifier, _has_bars
from tests.conftest import corpus_path


def _analysis(path: Path, page: int = 1) -> PageAnalysis:
    import pymupdf

    from docparse.pages.textlayer import analyze_page

    with pymupdf.open(path) as doc:
        return analyze_page(doc[page - 1], page, None)


def _box(x0: float, y0: float, x1: float, y1: float, grey: float = 0.8) -> Drawing:
    return Drawing(bbox=(x0, y0, x1, y1), items=[PathItem("re", ((x0, y0), (x1, y1)))], fill=(grey, grey, grey))


def test_bars_of_their_own_lengths_are_a_chart_but_shaded_table_cells_are_not() -> None:
    page = PageAnalysis(number=1, width=600, height=800)
    page.drawings = [_box(100, 100 + 30 * k, 100 + 60 * (k + 1), 120 + 30 * k) for k in range(4)]
    assert _has_bars(page, (50, 50, 500, 300), False)
    # a shaded label column: every cell ends at the same column boundary, a few lengths repeat
    shaded = PageAnalysis(number=1, width=600, height=800)
    shaded.drawings = [_box(100, 100 + 20 * k, 200 if k % 3 else 105, 118 + 20 * k) for k in range(12)]
    assert not _has_bars(shaded, (50, 50, 500, 400), False)
    # boxes with text centred in them are shaded cells, not bars
    labelled = PageAnalysis(number=1, width=600, height=800)
    labelled.drawings = page.drawings
    labelled.words = [Word(str(k), (110, 105 + 30 * k, 130, 115 + 30 * k), 0, k) for k in range(4)]
    assert not _has_bars(labelled, (50, 50, 500, 300), False)


@pytest.mark.parametrize("parts", [
    ("tables", "camelot", "tests", "files", "health.pdf"),
    ("tables", "pdfplumber", "tests", "pdfs", "nics-background-checks-2015-11.pdf"),
])
def test_table_with_shaded_rows_or_columns_is_a_table(corpus: Path, parts: tuple[str, ...]) -> None:
    found = TableClassifier().find(_analysis(corpus_path(*parts)))
    assert len(found) == 1 and found[0].style == "ruled"

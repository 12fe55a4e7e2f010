"""Tables on corpus files: shaded tables, rotated tables (skip when ../shared/corpus is absent)."""

from __future__ import annotations

from pathlib import Path

import pytest

from docparse.pages.analysis import Drawing, PageAnalysis, PathItem, Word
from docparse.regions.table_marks import has_bars
from docparse.regions.tables import TableClassifier
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
    assert has_bars(page, (50, 50, 500, 300), False)
    # a shaded label column: every cell ends at the same column boundary, a few lengths repeat
    shaded = PageAnalysis(number=1, width=600, height=800)
    shaded.drawings = [_box(100, 100 + 20 * k, 200 if k % 3 else 105, 118 + 20 * k) for k in range(12)]
    assert not has_bars(shaded, (50, 50, 500, 400), False)
    # boxes with text centred in them are shaded cells, not bars
    labelled = PageAnalysis(number=1, width=600, height=800)
    labelled.drawings = page.drawings
    labelled.words = [Word(str(k), (110, 105 + 30 * k, 130, 115 + 30 * k), 0, k) for k in range(4)]
    assert not has_bars(labelled, (50, 50, 500, 300), False)


@pytest.mark.parametrize("parts", [
    ("tables", "camelot", "tests", "files", "health.pdf"),
    ("tables", "pdfplumber", "tests", "pdfs", "nics-background-checks-2015-11.pdf"),
])
def test_table_with_shaded_rows_or_columns_is_a_table(corpus: Path, parts: tuple[str, ...]) -> None:
    found = TableClassifier().find(_analysis(corpus_path(*parts)))
    assert len(found) == 1 and found[0].style == "ruled"


def test_turned_page_view_maps_boxes_back_and_makes_text_horizontal() -> None:
    from docparse.pages.analysis import Line, Span
    from docparse.tablegrid.turn import Turn, text_turn, turn_bbox, turn_page, unturn_bbox

    up = Line(spans=[Span("Total", (20, 300, 30, 340), "Helv", 9)], bbox=(20, 300, 30, 340), direction=(0.0, -1.0))
    page = PageAnalysis(number=1, width=612, height=792, lines=[up],
                        words=[Word("Total", (20, 300, 30, 340), 0, 0)])
    assert text_turn(page.lines) is Turn.UP
    view = turn_page(page, Turn.UP)
    x0, y0, x1, y1 = view.words[0].bbox
    assert x1 - x0 > y1 - y0 and view.lines[0].horizontal
    for turn in (Turn.UP, Turn.DOWN):
        assert unturn_bbox(turn_bbox((20, 300, 30, 340), turn, 792), turn, 792) == (20, 300, 30, 340)


def test_rule_drawn_as_filled_outline_of_lines_is_an_edge() -> None:
    from docparse.options.tables import GridOptions
    from docparse.tablegrid.edges import edges_from_drawings

    outline = Drawing(bbox=(100, 50, 200, 50.5), fill=(0, 0, 0),
                      items=[PathItem("l", ((100, 50), (200, 50))), PathItem("l", ((200, 50), (200, 50.5)))])
    edges = edges_from_drawings([outline], GridOptions())
    assert len(edges) == 1 and edges[0].orientation == "h" and edges[0].length == 100


@pytest.mark.parametrize("name, rows", [("issue-140-example.pdf", 5), ("senate-expenditures.pdf", None)])
def test_sideways_tables_on_turned_pages(corpus: Path, name: str, rows: int | None) -> None:
    """/Rotate'd pages whose text layer runs up the page: tables read in the turned view."""
    import docparse

    doc = docparse.parse(corpus_path("tables", "pdfplumber", "tests", "pdfs", name))
    tables = [r.table for r in doc.pages[0].regions if r.table is not None]
    grid = tables[0].grid()
    if rows is not None:  # four ruled tables on the page, the first with 5 rows and 9 columns
        assert len(tables) == 4 and len(grid) == rows and len(grid[0]) == 9
        assert grid[-1][1:5] == ["0085648100300", "CENTRAL KMA", "LILYS 55% DARK CHOC BAR", "415"]
    else:  # a ruled header over an unruled body: body text opened into the header's columns
        assert ["DHAW20190070", "09/09/2019", "CITIBANK - TRAVEL CBA CARD", "08/12/2019", "08/14/2019"] in [
            r[:5] for r in grid]


def test_table_drawn_with_outlined_rules_is_one_table(corpus: Path) -> None:
    found = TableClassifier().find(_analysis(corpus_path("tables", "pdfplumber", "tests", "pdfs",
                                                         "table-curves-example.pdf")))
    assert len(found) == 1


def test_rules_around_several_ruled_tables_are_not_one_booktabs_table(corpus: Path) -> None:
    found = TableClassifier().find(_analysis(corpus_path("tables", "pdfplumber", "tests", "pdfs",
                                                         "issue-336-example.pdf")))
    assert [c.style for c in found] == ["ruled", "ruled", "ruled"]


def test_background_pieces_nested_or_stacked_merge_and_highlights_give_no_columns() -> None:
    from docparse.tablegrid.fills import is_highlight, merge_boxes

    cell = (10, 10, 100, 40)
    assert merge_boxes([cell, (15, 15, 95, 35)]) == [cell]  # padding box inside the cell
    assert merge_boxes([(10, 10, 100, 20), (10, 20, 100, 30)]) == [(10, 10, 100, 30)]  # stacked stripes
    assert len(merge_boxes([(10, 10, 50, 20), (50, 10, 100, 20)])) == 2  # two cells of a row stay apart
    rules = [(0.0, 0.0, 100.0), (120.0, 0.0, 100.0)]
    assert is_highlight((40, 10, 80, 20), [(40, 10, 80, 20)], rules)  # a box behind one value
    assert not is_highlight((0, 10, 60, 20), [(0, 10, 60, 20), (60.5, 10, 120, 20)], rules)  # tiled backgrounds


def test_unruled_row_between_shaded_rows_opens_into_columns() -> None:
    from docparse.tablegrid.grid import GridCell
    from docparse.tablegrid.hybrid import open_cell

    xs = [0.0, 100.0, 150.0, 200.0]
    words = [Word("Cases", (5, 10, 40, 18), 0, 0), Word("217", (110, 10, 125, 18), 0, 1),
             Word("197", (160, 10, 175, 18), 0, 2)]
    opened = open_cell(GridCell(2, 0, 1, 3, "Cases 217 197", (0, 5, 200, 22)), xs, words)
    assert opened is not None and [c.text for c in opened] == ["Cases", "217", "197"]
    label = [Word("Obligation", (60, 10, 110, 18), 0, 0), Word("dates", (112, 10, 140, 18), 0, 1)]
    assert open_cell(GridCell(0, 0, 1, 3, "Obligation dates", (0, 5, 200, 22)), xs, label) is None


def test_table_caption_with_a_lettered_number_is_a_caption() -> None:
    from docparse.regions.tables import CAPTION_RE

    assert CAPTION_RE.match("Table A-1. Coverage of target populations")
    assert CAPTION_RE.match("Table 3: Results") and not CAPTION_RE.match("Tablespoons of sugar")


@pytest.mark.parametrize("name, page, header", [
    ("us-020.pdf", 3, "Percentage of international desired population coverage"),
])
def test_stacked_header_lines_above_the_rule_are_one_header_row(corpus: Path, name: str, page: int,
                                                                header: str) -> None:
    import docparse

    pdf = corpus_path("tables", "icdar2013-us", "tests", "files", "tabula", "icdar2013-dataset",
                      "competition-dataset-us", name)
    doc = docparse.parse(pdf, pages=str(page))
    tables = [r.table for r in doc.pages[0].regions if r.table is not None]
    grid = tables[0].grid()
    assert grid[0][1] == header and grid[1][0] == "Alberta-CAN"


def test_rows_where_no_cell_starts_are_compacted_away() -> None:
    from docparse.tablegrid.grid import GridCell, to_table

    # a header ruled into three rows, the middle one covered by spans from the first
    cells = [GridCell(0, 0, 3, 1, "Region", (0, 0, 1, 1)), GridCell(0, 1, 2, 2, "TWh", (0, 0, 1, 1)),
             GridCell(2, 1, 1, 1, "2023", (0, 0, 1, 1)), GridCell(2, 2, 1, 1, "2024", (0, 0, 1, 1)),
             GridCell(3, 0, 1, 1, "North", (0, 0, 1, 1)), GridCell(3, 1, 1, 1, "6.1", (0, 0, 1, 1)),
             GridCell(3, 2, 1, 1, "6.9", (0, 0, 1, 1))]
    table = to_table(cells, 3, "ruled")
    assert (table.n_rows, table.n_cols, table.header_rows) == (3, 3, 2)
    assert "<tr></tr>" not in table.to_html()
    assert table.grid()[1] == ["", "2023", "2024"]


def test_ruled_column_groups_split_into_their_text_columns() -> None:
    from docparse.tablegrid.subcolumns import sub_columns

    xs, ys = [0.0, 100.0, 250.0], [0.0, 200.0]
    words = [Word("Group", (150, 5, 180, 12), 0, 0)]
    for k in range(5):  # a label column, then two numeric columns inside the second ruled column
        y = 20 + 15 * k
        words += [Word(f"row{k}", (5, y, 40, y + 8), 0, 0), Word(f"{k}1.5", (110, y, 140, y + 8), 0, 1),
                  Word(f"{k}2.5", (200, y, 230, y + 8), 0, 2)]
    fine = sub_columns(xs, ys, words)
    assert len(fine) == 4 and 140 < fine[2] < 200


def test_statistics_table_ruled_between_column_groups(corpus: Path) -> None:
    from docparse.tablegrid import read_table

    page = _analysis(corpus_path("tables", "camelot", "tests", "files", "tabula", "12s0324.pdf"))
    table = read_table(page, (35, 68, 383, 317), "ruled")
    grid = table.grid()
    assert table.n_cols == 10
    assert grid[3][:4] == ["Violent crime.", "467. 9", "69. 1", "398. 8"]


def test_title_and_source_rows_ruled_into_the_frame_are_left_out(corpus: Path) -> None:
    pdf = corpus_path("tables", "icdar2013-us", "tests", "files", "tabula", "icdar2013-dataset",
                      "competition-dataset-us", "us-013.pdf")
    found = TableClassifier().find(_analysis(pdf, 2))
    assert len(found) == 1 and 200 < found[0].bbox[1] and found[0].bbox[3] < 372  # below the title, above the source


def test_group_label_centred_over_columns_is_no_column() -> None:
    from docparse.options.tables import GridOptions
    from docparse.tablegrid.text import segment_rows
    from docparse.tablegrid.textgrid import column_bands

    words = [Word("Control", (150, 5, 185, 12), 0, 0),  # centred over the two numeric columns
             Word("Public", (110, 20, 140, 28), 1, 0), Word("Private", (200, 20, 235, 28), 1, 1)]
    for k in range(4):
        y = 40 + 12 * k
        words += [Word(str(1996 + k), (10, y, 35, y + 8), 2 + k, 0), Word(f"{k},051", (115, y, 140, y + 8), 2 + k, 1),
                  Word(f"{k}84", (215, y, 235, y + 8), 2 + k, 2)]
    bands = column_bands(segment_rows(words, 0.55, 4.0), GridOptions())
    assert len(bands) == 3


def test_ruled_row_of_text_paragraphs_is_cut_at_blank_lines() -> None:
    from docparse.tablegrid.grid import GridCell
    from docparse.tablegrid.hybrid import split_at_blank_lines

    words = [Word("Stationary:", (5, 0, 60, 12), 0, 0)]
    for top, label in ((22, "Major"), (70, "Area")):  # two paragraphs after a blank line each
        words.append(Word(label, (5, top, 40, top + 12), 1, 0))
        for k in range(3):
            y = top + 11 * k
            words += [Word(f"def{top}{k}", (110, y, 160, y + 12), 1, 1), Word(f"ex{top}{k}", (210, y, 250, y + 12), 1, 2)]
    row = [GridCell(1, 0, 1, 1, "", (0, 0, 100, 110)), GridCell(1, 1, 1, 1, "", (100, 0, 200, 110)),
           GridCell(1, 2, 1, 1, "", (200, 0, 300, 110))]
    split = split_at_blank_lines(row, (0, 0, 300, 110), words)
    assert split is not None and [sub[0].text for sub in split] == ["Stationary:", "Major", "Area"]
    one_cell = [w for w in words if w.bbox[0] >= 100 and w.bbox[0] < 200]  # paragraphs of one cell only
    assert split_at_blank_lines(row, (0, 0, 300, 110), one_cell) is None


def test_blank_spacer_rows_are_dropped_and_spans_shrink() -> None:
    from docparse.tablegrid.grid import GridCell, to_table

    cells = [GridCell(0, 0, 1, 1, "State", (0, 0, 1, 1)), GridCell(0, 1, 1, 1, "Total", (0, 0, 1, 1)),
             GridCell(1, 0, 1, 1, "", (0, 0, 1, 1)), GridCell(1, 1, 2, 1, "", (0, 0, 1, 1)),
             GridCell(2, 0, 1, 1, "Assam", (0, 0, 1, 1)),
             GridCell(3, 0, 1, 1, "Bihar", (0, 0, 1, 1)), GridCell(3, 1, 1, 1, "21", (0, 0, 1, 1))]
    table = to_table(cells, 1, "ruled")
    assert table.grid() == [["State", "Total"], ["Assam", ""], ["Bihar", "21"]]


def test_group_label_line_is_not_joined_to_the_header_line_below(corpus: Path) -> None:
    import docparse

    pdf = corpus_path("tables", "icdar2013-us", "tests", "files", "tabula", "icdar2013-dataset",
                      "competition-dataset-us", "us-019.pdf")
    doc = docparse.parse(pdf, pages="4")
    grid = [r.table for r in doc.pages[0].regions if r.table is not None][0].grid()
    assert "Year of data" not in grid[0][2] or grid[0][2] == "Year of data"
    assert ["2007–08", "2008–09"] == [c for c in grid[1] if c][:2]

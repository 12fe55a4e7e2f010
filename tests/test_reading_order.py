"""XY-cut reading order on box layouts."""

from docparse.regions.reading_order import XYCutOrder


def order(boxes):  # noqa: ANN001, ANN201
    return XYCutOrder().order(boxes)


def test_two_columns_with_aligned_gaps_do_not_interleave() -> None:
    left = [(50, 100, 290, 200), (50, 210, 290, 300)]
    right = [(310, 100, 550, 200), (310, 210, 550, 300)]
    assert order(left + right) == [0, 1, 2, 3]
    assert order([left[0], right[0], left[1], right[1]]) == [0, 2, 1, 3]


def test_full_width_title_and_table_cut_bands() -> None:
    boxes = [
        (50, 40, 550, 80),  # 0 title
        (50, 100, 290, 300), (310, 100, 550, 300),  # 1,2 band 1 columns
        (50, 320, 550, 420),  # 3 full-width table
        (50, 440, 290, 700), (310, 440, 550, 600),  # 4,5 band 2 columns
    ]
    assert order(boxes) == [0, 1, 2, 3, 4, 5]


def test_three_columns() -> None:
    boxes = [(50 + 170 * c, 100 + 30 * r, 200 + 170 * c, 125 + 30 * r) for r in range(3) for c in range(3)]
    # column-major reading: every box of column 0, then column 1, then column 2
    assert order(boxes) == [0, 3, 6, 1, 4, 7, 2, 5, 8]


def test_single_column_top_down() -> None:
    boxes = [(50, 300, 500, 320), (50, 100, 500, 120), (50, 200, 300, 220)]
    assert order(boxes) == [1, 2, 0]


def test_columns_ending_beside_a_figure_drawn_across_the_gutter() -> None:
    """Two columns whose lower part holds figures, one of them drawn across the gutter: no
    channel runs through the page and no clean horizontal gap cuts the figure off, yet each
    column still reads top to bottom before the next (a handbook page)."""
    left = [(72, 44, 312, 93), (72, 106, 312, 370), (72, 383, 311, 482), (72, 496, 312, 520)]
    right = [(321, 44, 561, 130), (321, 146, 561, 357), (321, 371, 389, 382), (321, 385, 561, 409),
             (321, 422, 591, 692)]
    crossing = [(203, 542, 341, 606)]
    boxes = left + right + crossing
    assert order(boxes) == list(range(len(boxes)))


def test_title_across_the_gutter_still_comes_first() -> None:
    boxes = [(50, 40, 550, 80), (50, 100, 290, 300), (310, 100, 550, 280), (50, 320, 290, 500),
             (310, 300, 550, 520)]
    assert order(boxes) == [0, 1, 3, 2, 4]


def test_narrow_figure_across_balanced_columns_cuts_the_columns() -> None:
    """CSS columns balanced above a narrow table printed across them (Chromium reports): the
    table sits under the left column while the right column is blank beside it and resumes below.
    The right column's top part is read before the table, its bottom part after it."""
    boxes = [
        (74, 94, 287, 255),  # 0 left column, above the table
        (308, 81, 520, 228),  # 1 right column, above the table
        (78, 264, 168, 332),  # 2 narrow table
        (74, 342, 198, 350),  # 3 its caption
        (74, 380, 287, 746),  # 4 left column, below
        (308, 372, 517, 761),  # 5 right column, below
    ]
    assert order(boxes) == [0, 1, 2, 3, 4, 5]


def test_column_that_ends_early_beside_a_table_keeps_column_order() -> None:
    """The right column ends while the left one goes on with a table: nothing follows in the right
    column, so the left column (table included) is read first."""
    boxes = [
        (74, 80, 287, 400),  # 0 left text
        (308, 80, 520, 300),  # 1 right text, ends early
        (78, 420, 200, 600),  # 2 table at the foot of the left column
    ]
    assert order(boxes) == [0, 2, 1]


def _balanced_columns_with_narrow_table() -> bytes:
    import io

    pytest = __import__("pytest")
    pytest.importorskip("reportlab")
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    height = A4[1]

    def lines(x: float, top: float, count: int, word: str) -> None:
        for k in range(count):
            c.setFont("Helvetica", 9)
            c.drawString(x, height - top - 11 * k, f"{word} line {k} of the column text runs on here")

    c.setFont("Helvetica-Bold", 16)
    c.drawString(74, height - 60, "Balanced Columns Report")
    lines(74, 100, 12, "Alpha")  # left column, above the table (100-221)
    lines(308, 100, 10, "Bravo")  # right column, above the table (100-199)
    c.setFont("Helvetica", 8)
    for k, (a, b) in enumerate([("Segment", "Churn"), ("Vilnius", "446.8"), ("Varna", "416.2"), ("Bergen", "547.7")]):
        c.drawString(78, height - 250 - 14 * k, a)
        c.drawString(140, height - 250 - 14 * k, b)
    c.drawString(74, height - 312, "Exhibit 1: Churn by site")
    lines(74, 350, 20, "Charlie")  # left column, below the table
    lines(308, 350, 20, "Delta")  # right column, below, after a blank band beside the table
    c.showPage()
    c.save()
    return buf.getvalue()


def test_pdf_narrow_table_across_balanced_columns_reads_columns_around_it() -> None:
    import docparse

    md = docparse.parse(_balanced_columns_with_narrow_table()).to_markdown()
    pos = [md.find(w) for w in ("Alpha line 0", "Bravo line 0", "Exhibit 1", "Charlie line 0", "Delta line 0")]
    assert -1 not in pos, md
    assert pos == sorted(pos), md

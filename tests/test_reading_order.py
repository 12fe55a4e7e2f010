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

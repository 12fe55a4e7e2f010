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

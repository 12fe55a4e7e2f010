"""Raster chart shapes beside bars and traced lines: hollow markers (rings), legend symbols in
a paler shade of their series' colour, flat legend line swatches. Generated pixels only."""

from __future__ import annotations

import pytest

pytest.importorskip("cv2")


def _canvas(h: int = 60, w: int = 80):  # noqa: ANN202
    import numpy as np

    return np.full((h, w, 3), 255, np.uint8)


def test_a_ring_is_a_hollow_marker_and_a_disc_or_a_rim_around_another_colour_is_not() -> None:
    import cv2
    import numpy as np

    from docparse.readers.charts.shapes import has_hole, is_hollow_marker

    ring = np.zeros((24, 24), np.uint8)
    cv2.circle(ring, (12, 12), 9, 1, 2)
    disc = np.zeros_like(ring)
    cv2.circle(disc, (12, 12), 9, 1, -1)
    empty = np.zeros(ring.shape, bool)
    box = (0.0, 0.0, 8.0, 8.0)  # points
    assert has_hole(ring.astype(bool), empty) and is_hollow_marker(ring.astype(bool), empty, box)
    assert not has_hole(disc.astype(bool), empty) and not is_hollow_marker(disc.astype(bool), empty, box)
    rim = np.zeros_like(ring)
    cv2.rectangle(rim, (2, 2), (21, 21), 1, 1)  # the antialiased edge of a square in another colour
    filled = np.zeros(ring.shape, bool)
    filled[3:21, 3:21] = True
    assert not is_hollow_marker(rim.astype(bool), filled, box)
    assert not is_hollow_marker(ring.astype(bool), empty, (0.0, 0.0, 30.0, 30.0))  # too big for a marker


def test_a_paler_legend_symbol_joins_its_colour_and_touching_antialiasing_does_not() -> None:
    import numpy as np

    from docparse.readers.charts.precheck import colored_mask
    from docparse.readers.charts.shapes import add_paler_shapes, paler_of

    img = _canvas()
    orange = np.array([245.0, 133, 25])
    img[30:32, 5:60] = orange.astype(np.uint8)  # the data line
    img[32, 5:60] = (250, 190, 130)  # its paler antialiased edge, touching it
    img[8:12, 62:76] = (247, 163, 81)  # the legend swatch, drawn with opacity
    mask = np.zeros(img.shape[:2], np.uint8)
    mask[30:32, 5:60] = 1
    assert paler_of(img, orange)[9, 65] and not paler_of(img, orange)[31, 10]
    grown = add_paler_shapes(img, [orange], [mask], colored_mask(img, 50))[0]
    assert grown[8:12, 62:76].all() and not grown[32, 5:60].any()
    assert int(grown.sum()) == int(mask.sum()) + 56


def test_a_legend_line_swatch_box_is_flat() -> None:
    from docparse.readers.charts.shapes import flat_box

    assert flat_box((366.0, 31.0, 376.0, 33.0)) == (366.0, 32.0, 376.0, 32.0)


def test_pale_orange_and_pale_red_markers_stay_two_series_colours() -> None:
    from docparse.readers.charts.raster import RasterChartOptions, _palette

    img = _canvas(100, 100)
    img[10:30, 10:30] = (248, 169, 92)  # hollow orange rings blended into white…
    img[50:70, 50:70] = (236, 138, 137)  # …and red ones: 53 apart in RGB
    assert len(_palette(img, RasterChartOptions())) == 2


def test_a_flat_dash_in_a_category_gives_one_value_not_two() -> None:
    from docparse.readers.charts.marks import ChartMarks, Polyline, TextItem
    from docparse.readers.charts.ticks import parse_tick
    from docparse.readers.charts.vector import chart_from_marks

    ys = [TextItem(t, (10.0, y - 4, 20.0, y + 4), 8.0, False, parse_tick(t)) for t, y in (("0", 200.0), ("5", 120.0), ("10", 40.0))]
    cats = [TextItem(t, (x - 3, 206.0, x + 3, 214.0), 8.0) for t, x in (("A", 60.0), ("B", 120.0))]
    dashes = [Polyline([(50.0, 120.0), (70.0, 120.0)], "#4c78a8", (50.0, 120.0, 70.0, 120.0)),  # 5 at A
              Polyline([(110.0, 56.0), (130.0, 56.0)], "#4c78a8", (110.0, 56.0, 130.0, 56.0))]  # 9 at B
    chart = chart_from_marks(ChartMarks(polylines=dashes, texts=ys + cats))
    assert chart is not None and chart.categories == ["A", "B"]
    assert [round(v or 0, 2) for v in chart.series[0].values] == [5.0, 9.0]


def test_a_ring_in_pieces_closes_into_one_hollow_marker() -> None:
    import cv2
    import numpy as np

    from docparse.readers.charts.shapes import closed_rings

    mask = np.zeros((60, 60), np.uint8)
    cv2.circle(mask, (20, 20), 10, 1, 3)
    mask[19:21, :] = 0  # the pale left and right sides fell out of the colour's mask
    n, _ = cv2.connectedComponents(mask)
    assert n - 1 == 2  # two arcs
    colored = mask.astype(bool)
    rings = closed_rings(mask, colored, scale=0.5)
    assert len(rings) == 1 and abs(rings[0][0] - 8) <= 1 and abs(rings[0][2] - 24) <= 2  # the whole ring
    dash = np.zeros((60, 60), np.uint8)
    dash[40:43, 5:40] = 1  # a line piece closes into no ring
    assert closed_rings(dash, dash.astype(bool), scale=0.5) == []


def test_a_hollow_legend_symbol_read_as_a_letter_leaves_the_name() -> None:
    from docparse.readers.charts.marks import TextItem
    from docparse.readers.charts.shapes import texts_off_symbols

    symbol = (300.0, 28.0, 313.0, 40.0)
    name = TextItem("Ox", (300.0, 27.0, 325.0, 41.0), 12.0)
    alone = TextItem("0", (300.5, 27.5, 314.0, 40.5), 12.0)
    title = TextItem("group", (299.0, 11.0, 338.0, 25.0), 12.0)
    out = texts_off_symbols([name, alone, title], [symbol])
    assert [t.text for t in out] == ["x", "group"] and out[0].bbox[0] == 313.0


def _peak_mask():  # noqa: ANN202
    import cv2
    import numpy as np

    mask = np.zeros((120, 200), np.uint8)
    cv2.polylines(mask, [np.array([[70, 110], [90, 10], [190, 110]], np.int32)], False, 1, 6)  # a sharp peak at x=90
    return mask


def test_a_sharp_peak_is_read_at_its_apex_not_the_column_middle() -> None:
    import numpy as np

    from docparse.readers.charts.raster import _sample_trace, line_thickness

    mask = _peak_mask()
    thick = line_thickness(mask)
    assert 5 <= thick <= 12
    middle = float(np.median(np.nonzero(mask[:, 89:92].any(axis=1))[0]))
    apex = _sample_trace(mask, 90, thick)
    assert apex is not None and abs(apex - 10) < abs(middle - 10) and abs(apex - 10) <= 3


def test_a_category_takes_the_line_corner_next_to_it() -> None:
    from docparse.readers.charts.raster import _apexes

    apexes = _apexes(_peak_mask(), [40.0, 96.0, 190.0], scale=1.0)  # the label sits 6 px off the peak
    assert abs(apexes[96.0] - 10) <= 4

"""Vector chart reader: bars, lines, areas, scatter and pies from drawings + text.

The chart's ``x_label`` is the title of the category (independent) axis and ``y_label`` the
title of the value axis, whatever their orientation on the page, so the value table's header
reads right for horizontal bars too.
"""

from __future__ import annotations

import re

from docparse.document import Chart, ChartSource, ChartType, Series
from docparse.options.charts import VectorChartOptions
from docparse.pages.analysis import BBox, PageAnalysis
from docparse.readers.charts.axes import find_numeric_axes
from docparse.readers.charts.bars import bar_frame, overlay_lines
from docparse.readers.charts.frame import Frame
from docparse.readers.charts.legend import LegendEntry, find_legend, legend_title
from docparse.readers.charts.marks import ChartMarks, TextItem, Wedge, collect_marks, is_grayish
from docparse.readers.charts.pie import read_pie
from docparse.readers.charts.points import area_outline, point_frame

_UNIT_IN_LABEL = re.compile(r"\(([^()]{1,20})\)\s*$|\[([^\[\]]{1,20})\]\s*$|\bin\s+(%|[$€£¥]\w*|\w+\s?\w*)$")


def read_vector_chart(page: PageAnalysis, bbox: BBox, options: VectorChartOptions | None = None) -> Chart | None:
    """Recover the value table of the vector chart inside ``bbox``; ``None`` if it is not one."""
    options = options or VectorChartOptions()
    return chart_from_marks(collect_marks(page, bbox, min_line_extent=options.min_line_extent, label_gap=options.label_gap,
                                           backdrop=(options.backdrop_bars, options.backdrop_markers)), options)


def chart_from_marks(marks: ChartMarks, options: VectorChartOptions | None = None,
                     default_type: ChartType | None = None, source: ChartSource = ChartSource.VECTOR) -> Chart | None:
    """The value table from sorted marks and texts (any coordinate space, y growing down)."""
    options = options or VectorChartOptions()
    y_axis, x_axis = find_numeric_axes(marks.texts, marks.rules)
    legend = find_legend(marks, {id(t) for axis in (y_axis, x_axis) if axis is not None for t in axis.labels},
                         options.legend_line_pad)
    ltitle = legend_title(marks.texts, legend)
    if ltitle is not None:
        marks.texts = [t for t in marks.texts if t is not ltitle]
    names = {e.color: e.name for e in legend}
    boxed = marks.texts + [e.text for e in legend]
    marks.wedges = [w for w in marks.wedges if not _text_box(w, boxed, options.text_box_fill)]
    big_wedges = [w for w in marks.wedges if w.area > 30.0]
    if len(big_wedges) >= 2 and len(marks.bars) < 2:
        pie = read_pie(big_wedges, marks.texts, names, legend_name=ltitle.text if ltitle else None)
        if pie is not None:
            pie.source = source.value
        if pie is not None or y_axis is None:
            return pie
    area = bool(big_wedges) and not marks.bars and y_axis is not None
    if area:
        marks.polylines.extend(area_outline(w) for w in big_wedges)
    frame = None
    if marks.bars:
        # numeric category axes are trusted from the text layer only (OCR'd letters read as digits)
        frame = bar_frame(marks, y_axis, x_axis if source is ChartSource.VECTOR or y_axis is None else None, names, options)
        if frame is not None and source is ChartSource.VECTOR and (marks.polylines or marks.markers):
            overlay_lines(frame, marks, names)
    elif marks.polylines or marks.markers:
        frame = point_frame(marks, y_axis, x_axis, names)
    if frame is None or not frame.rows:
        return None
    if default_type is not None and frame.type is ChartType.SCATTER:
        frame.type = default_type
    if area and frame.type is ChartType.LINE:
        frame.type = ChartType.AREA
    chart = _finish(frame, marks.texts, legend, ltitle)
    chart.source = source.value
    _add_unread_legend_series(chart, legend)
    return chart


def _add_unread_legend_series(chart: Chart, legend: list[LegendEntry]) -> None:
    """A legend entry whose marks were not found (a sliver too thin to see) stays a series
    with no values, so the table shows what is missing (and the reader can warn)."""
    names = {s.name for s in chart.series}
    for entry in legend:
        if entry.name not in names and len(chart.series) > 1:
            chart.series.append(Series(name=entry.name, values=[None] * len(chart.categories), color=entry.color))
            names.add(entry.name)


def _text_box(wedge: Wedge, texts: list[TextItem], fill: float) -> bool:
    """A grey, nearly rectangular filled shape with text inside (a legend frame with rounded
    corners, an annotation box): no pie slice or area."""
    x0, y0, x1, y1 = wedge.bbox
    if not is_grayish(wedge.color) or wedge.area < fill * (x1 - x0) * (y1 - y0):
        return False
    return any(x0 <= t.bbox[0] and t.bbox[2] <= x1 and y0 <= t.bbox[1] and t.bbox[3] <= y1 for t in texts)


def _finish(frame: Frame, texts: list[TextItem], legend: list[LegendEntry], ltitle: TextItem | None) -> Chart:
    free = [t for t in texts if id(t) not in frame.used]
    x0, y0, x1, y1 = frame.plot
    if frame.value_axis is not None:
        pos = frame.value_axis.positions
        if frame.value_axis.vertical:
            y0, y1 = min(y0, min(pos)), max(y1, max(pos))
        else:
            x0, x1 = min(x0, min(pos)), max(x1, max(pos))
    above = [t for t in free if t.bbox[3] <= y0 + 1 and not t.vertical and t.bbox[2] > x0 and t.bbox[0] < x1]
    title = max(above, key=lambda t: (round(t.size, 1), -t.bbox[1])).text if above else None
    left_vertical = [t for t in free if t.vertical and t.bbox[2] <= x0]
    below = [t for t in free if t.bbox[1] >= y1 and not t.vertical and x0 - 5 <= t.cx <= x1 + 5]
    below_title = min(below, key=lambda t: t.bbox[1]).text if below else None
    left_title = max(left_vertical, key=lambda t: t.bbox[2]).text if left_vertical else None
    if frame.value_axis is not None and not frame.value_axis.vertical:
        x_label, y_label = left_title, below_title
    else:
        x_label, y_label = below_title, left_title
    if frame.series == ["value"] and y_label:
        frame.series = [y_label]
        for row in frame.rows:
            if "value" in row.values:
                row.values[y_label] = row.values.pop("value")
        frame.colors = {y_label if k == "value" else k: v for k, v in frame.colors.items()}
    y_unit = _unit(y_label) or (frame.value_axis.unit if frame.value_axis else None)
    series = [Series(name=name, values=[r.values.get(name) for r in frame.rows], color=frame.colors.get(name))
              for name in frame.series]
    return Chart(type=frame.type, title=title, x_label=x_label, y_label=y_label, x_unit=_unit(x_label),
                 y_unit=y_unit, categories=[r.category for r in frame.rows], series=series, source="vector")


def _unit(label: str | None) -> str | None:
    if not label:
        return None
    m = _UNIT_IN_LABEL.search(label)
    if m is None:
        return None
    return next(g for g in m.groups() if g).strip()

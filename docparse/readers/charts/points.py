"""Line, area and scatter charts (and dot plots): vertices and markers to values."""

from __future__ import annotations

from docparse.document import ChartType
from docparse.pages.analysis import bbox_union
from docparse.readers.charts.axes import NumericAxis, label_column_left, label_row_anywhere, label_row_below
from docparse.readers.charts.frame import Frame, Row, clean_value, legend_order
from docparse.readers.charts.marks import ChartMarks, Point, Polyline, TextItem, Wedge
from docparse.readers.charts.ticks import format_value


def point_frame(marks: ChartMarks, y_axis: NumericAxis | None, x_axis: NumericAxis | None,
                 names: dict[str, str]) -> Frame | None:
    if y_axis is None and x_axis is not None:
        return _horizontalpoint_frame(marks, x_axis, names)
    if y_axis is None:
        return None
    points: dict[str, list[Point]] = {}
    for p in marks.polylines:
        points.setdefault(p.color, []).extend(p.points)
    line_colors = set(points)
    on_line = _marker_line_colors(marks, points, names)
    for m in marks.markers:
        pts = points.setdefault(on_line.get(m.color, m.color), [])
        if all(abs(q[0] - m.center[0]) > 1.0 or abs(q[1] - m.center[1]) > 1.0 for q in pts):
            pts.append(m.center)
    used = {id(t) for axis in (y_axis, x_axis) if axis is not None for t in axis.labels}
    all_pts = [q for pts in points.values() for q in pts]
    if not all_pts:
        return None
    box = bbox_union([(q[0], q[1], q[0], q[1]) for q in all_pts])
    labels: list[TextItem] = []
    if x_axis is None:
        bottom = max(box[3], max(y_axis.positions))
        free = [t for t in marks.texts if id(t) not in used]
        labels = label_row_below(free, box[0], box[2], bottom) or label_row_anywhere(free, box[0], box[2])
        used |= {id(t) for t in labels}
    series_name = _series_names(list(points), names)
    rows: list[Row] = []
    for color, pts in points.items():
        for px, py in sorted(pts):
            cat, pos = _x_category(px, x_axis, labels)
            if cat is None:
                continue
            value = clean_value(y_axis.scale.value(py), None if y_axis.scale.log else y_axis.step)
            if _repeats(rows, cat, series_name[color], value, y_axis.step):
                continue  # both ends of a flat dash (a tick mark) in one category: one value
            row = next((r for r in rows if r.category == cat and series_name[color] not in r.values), None)
            if row is None:
                row = Row(cat, pos)
                rows.append(row)
            row.values[series_name[color]] = value
    anchors = list(zip(x_axis.labels, x_axis.positions)) if x_axis is not None else [(t, t.anchor_x) for t in labels]
    for p in marks.polylines:
        _fill_simplified(rows, p.points, [(t.text, x) for t, x in anchors], series_name[p.color], y_axis,
                         flat_only=x_axis is not None)
    rows.sort(key=lambda r: r.position)
    kind = ChartType.LINE if line_colors else ChartType.SCATTER
    series = legend_order(list(series_name.values()), names)
    return Frame(kind, rows, series, {v: k for k, v in series_name.items()}, box, y_axis, used)


def _fill_simplified(rows: list[Row], points: list[Point], anchors: list[tuple[str, float]], series: str,
                     y_axis: NumericAxis, flat_only: bool, tol: float = 1.5) -> None:
    """A category label with no vertex under it, between two vertices of a line whose other
    vertices all sit on labels: the renderer dropped a point on a straight run (plotly
    simplifies collinear points away); its value is read off the line there. On a numeric x
    axis (``flat_only``: its ticks need not be data, a null may have been skipped) only a flat
    run counts, where the vertices stand one tick apart elsewhere."""
    pts = sorted(points)
    if len(pts) < 2 or len(anchors) < 3 or (flat_only and not _data_on_every_tick([x for _, x in anchors], pts, tol)):
        return
    at_label = [any(abs(px - x) <= tol for _, x in anchors) for px, _ in pts]
    if not all(at_label):
        return
    for name, x in anchors:
        if any(abs(px - x) <= tol for px, _ in pts) or not pts[0][0] < x < pts[-1][0]:
            continue
        if any(r.category == name and series in r.values for r in rows):
            continue
        k = next(i for i in range(1, len(pts)) if pts[i][0] > x)
        (xa, ya), (xb, yb) = pts[k - 1], pts[k]
        if flat_only and abs(ya - yb) > tol:
            continue
        y = ya + (yb - ya) * (x - xa) / (xb - xa)
        row = next((r for r in rows if r.category == name), None)
        if row is None:
            row = Row(name, x)
            rows.append(row)
        row.values[series] = clean_value(y_axis.scale.value(y), None if y_axis.scale.log else y_axis.step)


def _data_on_every_tick(ticks: list[float], pts: list[Point], tol: float) -> bool:
    """Evenly spaced ticks, and the line's vertices one tick apart somewhere (its data step is
    the tick step: a tick between two vertices is a category, not a half step)."""
    gaps = [b - a for a, b in zip(sorted(ticks), sorted(ticks)[1:])]
    steps = [b[0] - a[0] for a, b in zip(pts, pts[1:])]
    return bool(gaps) and max(gaps) - min(gaps) <= tol and bool(steps) and abs(min(steps) - min(gaps)) <= tol


def _marker_line_colors(marks: ChartMarks, lines: dict[str, list[Point]], names: dict[str, str]) -> dict[str, str]:
    """Marker colours that belong to a line of another colour: every marker of the colour sits on
    a vertex of that one line and the colour has no legend entry (a theme that draws a line's
    points in another colour)."""
    out: dict[str, str] = {}
    for color in {m.color for m in marks.markers} - set(lines) - set(names):
        centers = [m.center for m in marks.markers if m.color == color]
        hosts = {line for line, pts in lines.items()
                 if all(any(abs(q[0] - c[0]) <= 1.0 and abs(q[1] - c[1]) <= 1.0 for q in pts) for c in centers)}
        if len(hosts) == 1:
            out[color] = hosts.pop()
    return out


def _repeats(rows: list[Row], category: str, series: str, value: float | None, step: float | None) -> bool:
    """The series has this value in this category already (to a thousandth of a tick step)."""
    tol = 1e-3 * (step or 1.0)
    return value is not None and any(r.category == category and r.values.get(series) is not None and
                                     abs(r.values[series] - value) <= tol for r in rows)  # type: ignore[operator]


def _horizontalpoint_frame(marks: ChartMarks, x_axis: NumericAxis, names: dict[str, str]) -> Frame | None:
    """Dots along a numeric x axis, one row per category label on the left (dot plots)."""
    points: dict[str, list[Point]] = {}
    for m in marks.markers:
        points.setdefault(m.color, []).append(m.center)
    for p in marks.polylines:
        points.setdefault(p.color, []).extend(p.points)
    all_pts = [q for pts in points.values() for q in pts]
    if not all_pts:
        return None
    used = {id(t) for t in x_axis.labels}
    box = bbox_union([(q[0], q[1], q[0], q[1]) for q in all_pts])
    left = min(box[0], min(x_axis.positions))
    labels = label_column_left([t for t in marks.texts if id(t) not in used], box[1], box[3], left)
    if not labels:
        return None
    used |= {id(t) for t in labels}
    series_name = _series_names(list(points), names)
    rows: list[Row] = []
    for color, pts in points.items():
        for px, py in sorted(pts, key=lambda q: q[1]):
            k = min(range(len(labels)), key=lambda j: abs(labels[j].cy - py))
            cat = labels[k].text
            row = next((r for r in rows if r.category == cat and series_name[color] not in r.values), None)
            if row is None:
                row = Row(cat, labels[k].cy)
                rows.append(row)
            row.values[series_name[color]] = clean_value(x_axis.scale.value(px), None if x_axis.scale.log else x_axis.step)
    rows.sort(key=lambda r: r.position)
    series = legend_order(list(series_name.values()), names)
    return Frame(ChartType.SCATTER, rows, series, {v: k for k, v in series_name.items()}, box, x_axis, used)


def _x_category(px: float, x_axis: NumericAxis | None, labels: list[TextItem]) -> tuple[str | None, float]:
    if x_axis is not None:
        for label, pos in zip(x_axis.labels, x_axis.positions):
            if abs(pos - px) <= 1.5:
                return label.text, pos
        return format_value(x_axis.scale.value(px), x_axis.step), px
    if labels:
        k = min(range(len(labels)), key=lambda j: abs(labels[j].anchor_x - px))
        spacing = min([abs(a.anchor_x - b.anchor_x) for a, b in zip(labels, labels[1:])] or [8.0])
        if abs(labels[k].anchor_x - px) <= max(4.0, spacing / 2):
            return labels[k].text, labels[k].anchor_x
        return None, px
    return format_value(px), px


def area_outline(wedge: Wedge) -> Polyline:
    """The top edge of a filled area: the highest outline point at each x. A vertex on the
    baseline stays where nothing is above it (a zero value drawn into the area)."""
    top: dict[float, float] = {}
    for x, y in wedge.polygon:
        key = round(x, 1)
        top[key] = min(top.get(key, y), y)
    points = sorted(top.items())
    return Polyline(points, wedge.color, wedge.bbox)


def _series_names(colors: list[str], names: dict[str, str]) -> dict[str, str]:
    """Legend name per colour; unnamed colours become "series N" (or "value" when alone)."""
    unnamed = [c for c in colors if c not in names]
    return {c: names.get(c) or (f"series {unnamed.index(c) + 1}" if len(colors) > 1 else "value")
            for c in colors}

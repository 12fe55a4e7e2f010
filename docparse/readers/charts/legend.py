"""Legends: a small swatch (square, marker or short line) next to its series name."""

from __future__ import annotations

from dataclasses import dataclass

from docparse.pages.analysis import BBox
from docparse.readers.charts.marks import MARKER_MAX, Bar, ChartMarks, Marker, TextItem, is_grayish

MAX_GAP = 30.0  # points between a swatch and its name
ICON_REACH_TOL = 0.5  # points: slack on how far a legend icon's second bar may stand from the first


@dataclass(slots=True)
class LegendEntry:
    name: str
    color: str
    swatch: BBox
    text: TextItem


@dataclass(slots=True)
class _Swatch:
    bbox: BBox
    color: str
    kind: str  # "bar", "marker", "line", "rule"
    index: int

    @property
    def cy(self) -> float:
        return (self.bbox[1] + self.bbox[3]) / 2


def _swatches(marks: ChartMarks) -> list[_Swatch]:
    out = []
    for i, b in enumerate(marks.bars):
        w, h = b.bbox[2] - b.bbox[0], b.bbox[3] - b.bbox[1]
        if min(w, h) <= MARKER_MAX and max(w, h) <= 2.5 * MARKER_MAX and not _is_data_bar(b, marks.bars):
            out.append(_Swatch(b.bbox, b.color, "bar", i))
    for i, m in enumerate(marks.markers):
        out.append(_Swatch(m.bbox, m.color, "marker", i))
    for i, r in enumerate(marks.rules):
        if r.horizontal and 4 <= r.length <= 40 and not is_grayish(r.color):
            out.append(_Swatch(r.bbox, r.color, "rule", i))
    for i, p in enumerate(marks.polylines):
        x0, y0, x1, y1 = p.bbox
        if y1 - y0 <= 1.0 and 4 <= x1 - x0 <= 40 and len(p.points) <= 3:
            out.append(_Swatch(p.bbox, p.color, "line", i))
    return out


def _is_data_bar(bar: Bar, bars: list[Bar]) -> bool:
    """A short bar sharing its baseline with long bars is data, not a legend swatch."""
    x0, y0, x1, y1 = bar.bbox
    for other in bars:
        ox0, oy0, ox1, oy1 = other.bbox
        long = max(ox1 - ox0, oy1 - oy0) > 2.5 * MARKER_MAX
        column = abs(oy1 - y1) < 0.5 and abs((ox1 - ox0) - (x1 - x0)) < 0.5  # same bottom, same width
        row = abs(ox0 - x0) < 0.5 and abs((oy1 - oy0) - (y1 - y0)) < 0.5  # same left edge, same height
        if other is not bar and long and (column or row):
            return True
    return False


def _gap(text: TextItem, s: _Swatch, right: bool) -> float | None:
    """Points from the swatch to the name (left of it, or right of it, reportlab style) when
    the swatch is centred on the name and close enough; else None."""
    height = text.bbox[3] - text.bbox[1]
    gap = (s.bbox[0] - text.bbox[2]) if right else (text.bbox[0] - s.bbox[2])
    if -1.5 <= gap < MAX_GAP and abs(s.cy - text.cy) <= max(3.0, 0.45 * height):
        return gap
    return None


def _match(text: TextItem, swatches: list[_Swatch], right: bool) -> _Swatch | None:
    """The nearest swatch beside the name."""
    near = [(g, k) for k, s in enumerate(swatches) if (g := _gap(text, s, right)) is not None]
    return swatches[min(near)[1]] if near else None


def _column_entries(texts: list[TextItem], swatches: list[_Swatch], right: bool) -> list[tuple[LegendEntry, _Swatch]]:
    """Names matched to swatches that share one column (left edges), the column that serves
    the most names: a data point plotted right beside a legend name is nearer to it than its
    own swatch, but out of the legend's column."""
    options = [(t, [s for s in swatches if _gap(t, s, right) is not None]) for t in texts]
    best: list[tuple[LegendEntry, _Swatch]] = []
    for x in sorted({s.bbox[0] for _, cands in options for s in cands}):
        picked: list[tuple[LegendEntry, _Swatch]] = []
        for t, cands in options:
            col = [s for s in cands if abs(s.bbox[0] - x) <= 2.0 and all(s is not q for _, q in picked)]
            if col:
                s = min(col, key=lambda q: _gap(t, q, right) or 0.0)
                picked.append((LegendEntry(t.text, s.color, s.bbox, t), s))
        if len(picked) > len(best):
            best = picked
    return best


def _aligned_subset(entries: list[tuple[LegendEntry, _Swatch]]) -> list[tuple[LegendEntry, _Swatch]]:
    """The largest set of entries whose swatches share a column (left edges) or a row."""
    best: list[tuple[LegendEntry, _Swatch]] = []
    for _, anchor in entries:
        column = [e for e in entries if abs(e[1].bbox[0] - anchor.bbox[0]) <= 2.0]
        row = [e for e in entries if abs(e[1].cy - anchor.cy) <= 2.0]
        for group in (column, row):
            if len(group) > len(best):
                best = group
    return best + [e for e in entries if e not in best and _in_grid(e[1], [s for _, s in best])]


def _in_grid(swatch: _Swatch, grid: list[_Swatch]) -> bool:
    """A swatch of the grid's size under one of its columns or beside one of its rows (a
    legend laid out in rows and columns: pygal's two-column legend under a pie)."""
    size = (swatch.bbox[2] - swatch.bbox[0], swatch.bbox[3] - swatch.bbox[1])
    return len(grid) >= 2 and any((abs(g.bbox[0] - swatch.bbox[0]) <= 2.0 or abs(g.cy - swatch.cy) <= 2.0)
                                  and abs(g.bbox[2] - g.bbox[0] - size[0]) <= 1.0
                                  and abs(g.bbox[3] - g.bbox[1] - size[1]) <= 1.0 for g in grid)


def find_legend(marks: ChartMarks, exclude: set[int] | None = None, line_pad: float = 3.0) -> list[LegendEntry]:
    """Legend entries, removed from ``marks`` (swatches and their texts) so they are not data.

    ``exclude``: ids of texts that are something else already (axis tick labels);
    ``line_pad``: points around a line swatch within which a marker is drawn on it
    (VectorChartOptions.legend_line_pad).
    """
    exclude = exclude or set()
    swatches = _swatches(marks)
    entries: list[tuple[LegendEntry, _Swatch]] = []
    for right in (False, True):
        used: set[tuple[str, int]] = set()
        for text in marks.texts:
            if text.vertical or id(text) in exclude or (right and text.tick is not None):
                continue
            s = _match(text, [w for w in swatches if (w.kind, w.index) not in used], right)
            if s is None:
                continue
            used.add((s.kind, s.index))
            entries.append((LegendEntry(text.text, s.color, s.bbox, text), s))
        entries = _aligned_subset(entries) if len(entries) >= 2 else entries
        texts = [t for t in marks.texts if not t.vertical and id(t) not in exclude and not (right and t.tick is not None)]
        column = _column_entries(texts, swatches, right)
        if len(column) > len(entries):
            entries = column
        if entries:
            break
    _remove(marks, [s for _, s in entries], [e.text for e, _ in entries], line_pad)
    return [e for e, _ in entries]


def _icon_mates(swatch: _Swatch, bars: list[Bar]) -> set[tuple[str, int]]:
    """Small bars of the swatch's colour standing on its baseline right beside it: a legend
    icon drawn as a tiny bar chart (pgfplots' ybar legend: two bars per entry)."""
    x0, y0, x1, y1 = swatch.bbox
    reach = 2 * (x1 - x0) + ICON_REACH_TOL  # the mate two bar widths away, edges rounded either way
    out = set()
    for i, b in enumerate(bars):
        bx0, by0, bx1, by1 = b.bbox
        if (b.color == swatch.color and abs(by1 - y1) <= 0.5 and bx1 - bx0 <= x1 - x0 + 0.5
                and by1 - by0 <= max(y1 - y0, MARKER_MAX) and x0 - reach <= bx0 and bx1 <= x1 + reach):
            out.add(("bar", i))
    return out


def _remove(marks: ChartMarks, swatches: list[_Swatch], texts: list[TextItem], line_pad: float) -> None:
    gone = {(s.kind, s.index) for s in swatches}
    for s in swatches:
        if s.kind == "bar":
            gone |= _icon_mates(s, marks.bars)
    marks.bars = [b for i, b in enumerate(marks.bars) if ("bar", i) not in gone]
    marks.markers = [m for i, m in enumerate(marks.markers) if ("marker", i) not in gone]
    marks.polylines = [p for i, p in enumerate(marks.polylines) if ("line", i) not in gone]
    marks.rules = [r for i, r in enumerate(marks.rules) if ("rule", i) not in gone]
    ids = {id(t) for t in texts}
    marks.texts = [t for t in marks.texts if id(t) not in ids]
    pads = [line_pad if s.kind in ("line", "rule") else 0.5 for s in swatches]
    boxes = [(s.bbox[0] - p, s.bbox[1] - p, s.bbox[2] + p, s.bbox[3] + p) for s, p in zip(swatches, pads)]

    def in_legend(b: BBox) -> bool:  # a marker drawn on a legend line, or the line under it
        return any(x0 <= b[0] and b[2] <= x1 and y0 <= b[1] and b[3] <= y1 for x0, y0, x1, y1 in boxes)

    def centred_in_legend(m: Marker) -> bool:  # a marker taller than the legend line it sits on
        return in_legend((m.center[0], m.center[1], m.center[0], m.center[1]))

    marks.markers = [m for m in marks.markers if not centred_in_legend(m)]
    marks.polylines = [p for p in marks.polylines if not in_legend(p.bbox)]


def legend_title(texts: list[TextItem], entries: list[LegendEntry]) -> TextItem | None:
    """A text right above the first legend entry, left-aligned with it (vega's legend title)."""
    if not entries:
        return None
    top = min(entries, key=lambda e: e.swatch[1])
    x0 = min(e.swatch[0] for e in entries)
    for t in texts:
        if 0 <= top.swatch[1] - t.bbox[3] <= 10 and abs(t.bbox[0] - x0) <= 6:
            return t
    return None

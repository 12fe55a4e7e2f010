"""Chart classifier: clusters of vector marks (filled paths, polylines, markers) plus the short
texts around them (tick labels, legend, title) that read as a chart become CHART proposals.

A cluster is proposed only when the vector chart reader recovers values from it, so diagrams,
logos and decorations stay out; the recovered chart rides on the proposal and the proposal's
``lines`` claim the tick labels and legend texts so they do not leak into the body text.
"""

from __future__ import annotations

import re
from typing import Callable, Sequence

from docparse.document import Chart, RegionKind
from docparse.options.charts import ChartClassifierOptions
from docparse.pages.analysis import (
    BBox,
    Drawing,
    Line,
    PageAnalysis,
    bbox_area,
    bbox_intersection,
    bbox_overlap_fraction,
    bbox_union,
)
from docparse.pages.document_context import DocumentContext
from docparse.pages.drawparts import split_compound
from docparse.pages.glyphruns import split_glyph_runs
from docparse.regions.base import Detector, RegionProposal, is_claimed

ChartProbe = Callable[[PageAnalysis, BBox], Chart | None]
"""Reads the vector chart inside a box (``None``: not a chart); the composition root hands the
classifier the vector chart reader (:func:`docparse.readers.charts.vector.read_vector_chart`)."""

_CAPTION = re.compile(r"^\s*(fig(ure)?|chart|graph|exhibit|source|note|table)\b", re.IGNORECASE)


class ChartClassifier:
    """Proposes CHART regions for vector charts; runs after tables, before text blocks."""

    def __init__(self, read_chart: ChartProbe, options: ChartClassifierOptions | None = None) -> None:
        self.read_chart = read_chart
        self.options = options or ChartClassifierOptions()

    def classify(
        self, page: PageAnalysis, context: DocumentContext, claimed: Sequence[RegionProposal]
    ) -> list[RegionProposal]:
        o = self.options
        drawings = chart_drawings(page, claimed, o.max_drawings)
        out: list[RegionProposal] = []
        canvases = [d.bbox for d in drawings if d.fill is not None and _is_rectangle_path(d)]
        groups = [piece for group in cluster_boxes([d.bbox for d in drawings], o.join_gap)
                  for part in split_at_canvases(group, canvases, o.join_gap)
                  for piece in split_beyond_canvas(part, canvases, o.join_gap, o.canvas_gap)]
        clusters = [bbox_union(c) for c in groups]
        for cluster, box in zip(groups, clusters):
            if box[2] - box[0] < o.min_size or box[3] - box[1] < o.min_size or len(cluster) < 3:
                continue
            lines = chart_lines(page, box, o, claimed, figure_canvas(page, drawings, cluster, box, o))
            region = bbox_union([box] + [ln.bbox for ln in lines]) if lines else box
            region = bbox_union([region] + _legend_pieces(clusters, box, region, o))
            side = side_legend(page, drawings, groups, cluster, region, o)
            if side:
                lines = lines + [ln for ln in side if not is_claimed(ln.bbox, claimed)]
                region = bbox_union([region] + [ln.bbox for ln in side] + _swatch_boxes(groups, side, o))
            region = _clip(region, page)
            if is_claimed(region, claimed) or is_claimed(region, out):
                continue
            chart = self.read_chart(page, region)
            if chart is None or _point_count(chart) < o.min_points:
                continue
            out.append(RegionProposal(bbox=region, kind=RegionKind.CHART, lines=lines, score=0.9,
                                      detector=Detector.VECTOR_CHART, chart=chart))
        return out


def _legend_pieces(clusters: list[BBox], box: BBox, region: BBox, o: ChartClassifierOptions) -> list[BBox]:
    """Small drawing groups (legend swatches) just outside the marks, next to the region's texts."""
    x0, y0, x1, y1 = region
    out = []
    for c in clusters:
        small = (c[2] - c[0]) <= 40 and (c[3] - c[1]) <= 120
        near = x0 - 20 <= c[0] and c[2] <= x1 + 30 and y0 - 10 <= c[1] and c[3] <= y1 + 10
        if small and near and bbox_overlap_fraction(c, box) < 1.0:
            out.append(c)
    return out


def side_legend(page: PageAnalysis, drawings: Sequence[Drawing], groups: list[list[BBox]], cluster: list[BBox],
                region: BBox, o: ChartClassifierOptions) -> list[Line]:
    """A legend set further out than the margins (pygal's legend left of the plot or in a row
    under it): two or more small swatches within ``legend_reach`` of the region (beside it and
    level with it, or under or over it and within its width), each filled with a colour the
    chart's own drawings use and each with a short text line right after it. Returns those
    text lines (empty when there is no such legend)."""
    own = set(cluster)
    colors = {d.fill for d in drawings if d.bbox in own} | {d.stroke for d in drawings if d.bbox in own}
    fill_of = {d.bbox: d.fill for d in drawings}
    swatches = [b for group in groups if _near_region(bbox_union(group), region, o.legend_reach)
                and all(_swatch_sized(b, o) and fill_of.get(b) in colors for b in group) for b in group]
    names = [_name_after(page, b, o) for b in swatches]
    if len(swatches) < 2 or any(n is None for n in names):
        return []
    return list({id(n): n for n in names if n is not None}.values())


def _near_region(b: BBox, region: BBox, reach: float) -> bool:
    x0, y0, x1, y1 = region
    level = y0 <= b[1] and b[3] <= y1
    within = x0 <= b[0] and b[2] <= x1
    beside = x0 - reach <= b[0] and b[2] <= x0 or x1 <= b[0] and b[2] <= x1 + reach
    under = y1 <= b[1] and b[3] <= y1 + reach or y0 - reach <= b[1] and b[3] <= y0
    return (level and beside) or (within and under)


def _swatch_sized(b: BBox, o: ChartClassifierOptions) -> bool:
    return 0 < b[2] - b[0] <= o.legend_swatch and 0 < b[3] - b[1] <= o.legend_swatch


def _name_after(page: PageAnalysis, swatch: BBox, o: ChartClassifierOptions) -> Line | None:
    """The short text line right after a legend swatch, level with it."""
    cy = (swatch[1] + swatch[3]) / 2
    for ln in page.lines:
        gap = ln.bbox[0] - swatch[2]
        if 0 <= gap <= o.legend_swatch * 2 and ln.bbox[1] <= cy <= ln.bbox[3] and len(ln.text.split()) <= o.max_label_words:
            return ln
    return None


def _swatch_boxes(groups: list[list[BBox]], names: list[Line], o: ChartClassifierOptions) -> list[BBox]:
    """The swatches beside the legend's names (their group's boxes)."""
    out = []
    for group in groups:
        if any(_swatch_sized(b, o) and _name_beside(b, ln, o) for b in group for ln in names):
            out.extend(group)
    return out


def _name_beside(swatch: BBox, line: Line, o: ChartClassifierOptions) -> bool:
    cy = (swatch[1] + swatch[3]) / 2
    return 0 <= line.bbox[0] - swatch[2] <= o.legend_swatch * 2 and line.bbox[1] <= cy <= line.bbox[3]


def _point_count(chart) -> int:  # noqa: ANN001
    return sum(1 for s in chart.series for v in s.values if v is not None)


def _clip(b: BBox, page: PageAnalysis) -> BBox:
    return (max(0.0, b[0]), max(0.0, b[1]), min(page.width, b[2]), min(page.height, b[3]))


def chart_drawings(page: PageAnalysis, claimed: Sequence[RegionProposal], limit: int) -> list[Drawing]:
    """Drawings that may belong to a chart: not page backgrounds, not page-wide rules, not claimed."""
    page_area = page.width * page.height
    out = []
    for d in (piece for drawing in page.drawings[:limit] for piece in split_compound(drawing)):
        x0, y0, x1, y1 = d.bbox
        if bbox_area(d.bbox) > 0.9 * page_area:
            continue
        if (x1 - x0) > 0.75 * page.width and (y1 - y0) < 3:
            continue  # a page-wide rule (header/footer line) would join everything
        if any(bbox_overlap_fraction(d.bbox, p.bbox) > 0.5 for p in claimed):
            continue
        out.append(d)
    return out


def cluster_boxes(boxes: Sequence[BBox], gap: float) -> list[list[BBox]]:
    """Connected groups of boxes closer than ``gap`` (sweep over x, union-find)."""
    n = len(boxes)
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    order = sorted(range(n), key=lambda i: boxes[i][0])
    active: list[int] = []
    for i in order:
        bx0, by0, bx1, by1 = boxes[i]
        active = [j for j in active if boxes[j][2] + gap >= bx0]
        for j in active:
            jx0, jy0, jx1, jy1 = boxes[j]
            if jy0 - gap <= by1 and by0 - gap <= jy1:
                ri, rj = find(i), find(j)
                if ri != rj:
                    parent[ri] = rj
        active.append(i)
    groups: dict[int, list[BBox]] = {}
    for i in range(n):
        groups.setdefault(find(i), []).append(boxes[i])
    return list(groups.values())


def split_at_canvases(group: list[BBox], filled: Sequence[BBox], gap: float) -> list[list[BBox]]:
    """A cluster holding two or more figure canvases side by side (filled rectangles, none
    inside another, each holding 3+ of the cluster's drawings whole) is that many figures set
    closer than the join gap: each canvas with what lies on it, the rest to the nearest one."""
    filled_set = set(filled)
    canvases = [b for b in group if b in filled_set and sum(_holds(b, o) for o in group if o != b) >= 3]
    top = [c for c in canvases if not any(o != c and _holds(o, c) for o in canvases)]
    if len(top) < 2:
        return [group]
    parts: list[list[BBox]] = [[] for _ in top]
    for b in group:
        home = next((k for k, c in enumerate(top) if _holds(c, b)), None)
        if home is None:
            k = min(range(len(top)), key=lambda k: _box_gap(top[k], b))
            home = k if _box_gap(top[k], b) <= gap else None
        if home is None:
            parts.append([b])
        else:
            parts[home].append(b)
    return [part for part in parts if part]  # a canvas drawn twice leaves its copy's part empty


def split_beyond_canvas(group: list[BBox], filled: Sequence[BBox], join_gap: float, gap: float) -> list[list[BBox]]:
    """A cluster with one figure canvas (a filled rectangle holding 3+ of its drawings whole,
    none holding it) keeps only what lies on the canvas or touches it (within ``gap``): the
    rules and cell fills of a table row set just above or below the figure joined it across
    the join gap, and the chart region then grew over the row's text. The drawings set apart
    are clustered on their own (a legend beside a plot panel stays a small piece of its own,
    joined back to the region by its texts)."""
    filled_set = set(filled)
    canvases = [b for b in group if b in filled_set and sum(_holds(b, o) for o in group if o != b) >= 3]
    top = [c for c in canvases if not any(o != c and _holds(o, c) for o in canvases)]
    if len(top) != 1:
        return [group]
    canvas = top[0]
    kept = [b for b in group if _box_gap(canvas, b) <= gap]
    apart = [b for b in group if _box_gap(canvas, b) > gap]
    if not apart:
        return [group]
    return [kept] + cluster_boxes(apart, join_gap)


def _holds(outer: BBox, inner: BBox, tol: float = 0.5) -> bool:
    return (outer[0] - tol <= inner[0] and inner[2] <= outer[2] + tol
            and outer[1] - tol <= inner[1] and inner[3] <= outer[3] + tol)


def _box_gap(a: BBox, b: BBox) -> float:
    return max(a[0] - b[2], b[0] - a[2], a[1] - b[3], b[1] - a[3], 0.0)


def figure_canvas(page: PageAnalysis, drawings: Sequence[Drawing], cluster: Sequence[BBox], box: BBox,
                  o: ChartClassifierOptions) -> BBox | None:
    """The filled rectangle that spans the whole cluster with the chart's text inside it, in
    the room the other drawings leave (the background of an embedded figure: matplotlib's
    figure patch, a Vega/plotly/pygal SVG background), or None. A plot-area background, with
    its tick labels outside it, is no canvas."""
    t = o.canvas_tolerance
    for d in drawings:
        if d.fill is None or not _is_rectangle_path(d) or not _spans(d.bbox, box, o.canvas_cover):
            continue
        inner = [b for b in cluster if not all(abs(a - c) <= t for a, c in zip(b, d.bbox))]
        if not inner:
            continue
        marks = bbox_union(inner)
        if _padded_sides(d.bbox, marks, o.canvas_padding) >= 2 and _text_beside(page, d.bbox, marks):
            return bbox_union([d.bbox, box])  # marks may poke out of their canvas (a pie's edge)
    return None


def _spans(rect: BBox, box: BBox, cover: float) -> bool:
    """The rectangle covers ``cover`` of the cluster's box and is not much larger."""
    area = max(bbox_area(box), 1e-6)
    return bbox_intersection(rect, box) >= cover * area and bbox_area(rect) <= area / cover


def _text_beside(page: PageAnalysis, canvas: BBox, marks: BBox) -> bool:
    """Some text line inside the canvas but outside the marks (a tick label, a title)."""
    return any(bbox_overlap_fraction(ln.bbox, canvas) >= 0.9 and bbox_overlap_fraction(ln.bbox, marks) < 0.5
               for ln in page.lines)


def _padded_sides(outer: BBox, inner: BBox, pad: float) -> int:
    """How many sides of ``outer`` stand at least ``pad`` away from ``inner``."""
    gaps = (inner[0] - outer[0], inner[1] - outer[1], outer[2] - inner[2], outer[3] - inner[3])
    return sum(g >= pad for g in gaps)


def _is_rectangle_path(d: Drawing, tol: float = 0.3) -> bool:
    """One rectangle: a ``re``/``qu`` item, or three or four straight segments between its
    corners (Chromium prints an SVG ``rect`` as a closed line path)."""
    if len(d.items) == 1 and d.items[0].op in ("re", "qu"):
        return True
    if not 3 <= len(d.items) <= 4 or any(i.op != "l" for i in d.items):
        return False
    x0, y0, x1, y1 = d.bbox
    return all(min(abs(px - x0), abs(px - x1)) <= tol and min(abs(py - y0), abs(py - y1)) <= tol
               for i in d.items for px, py in i.points)


def chart_lines(page: PageAnalysis, box: BBox, o: ChartClassifierOptions,
                claimed: Sequence[RegionProposal], canvas: BBox | None = None) -> list[Line]:
    """Short text lines in the margin around (or inside) a mark cluster: the chart's own text.
    A figure with its own canvas keeps its text inside it (the running text around is not)."""
    x0, y0, x1, y1 = box
    area = (x0 - o.margin_left, y0 - o.margin_top, x1 + o.margin_right, y1 + o.margin_bottom)
    if canvas is not None:
        t = o.canvas_tolerance
        area = (canvas[0] - t, canvas[1] - t, canvas[2] + t, canvas[3] + t)
    near = [ln for ln in page.lines if bbox_overlap_fraction(ln.bbox, area) >= 0.9
            or (canvas is None and _hanging_label(ln, box, o))]
    anchors = _anchors(page, box)
    near_ids = {id(ln) for ln in near}
    paragraph_blocks = {ln.block for ln in page.lines if id(ln) not in near_ids}
    out = []
    for line in near:
        if is_claimed(line.bbox, claimed):
            continue
        inside = bbox_overlap_fraction(line.bbox, box) >= 0.5
        words = _label_words(page, line, o.label_gap, anchors)
        limit = 2 * o.max_label_words if line.bbox[3] <= y0 else o.max_label_words
        if not inside and (words > limit or _CAPTION.match(line.text) or line.block in paragraph_blocks):
            continue
        if not inside and (line.bbox[2] - line.bbox[0]) > 1.3 * (x1 - x0):
            continue
        out.append(line)
    return out


def _hanging_label(line: Line, box: BBox, o: ChartClassifierOptions) -> bool:
    """A category label turned upright or slanted that starts right under the marks and hangs
    further down than the bottom margin (pgfplots' 'Wholesale North' set at 90 degrees)."""
    x0, _, x1, y1 = box
    return (not line.horizontal and abs(line.direction[1]) >= 0.2 and y1 - 2 <= line.bbox[1] <= y1 + o.margin_bottom
            and x0 <= (line.bbox[0] + line.bbox[2]) / 2 <= x1 and len(line.text.split()) <= o.max_label_words)


def _anchors(page: PageAnalysis, box: BBox) -> list[float]:
    """Where category labels centre under the marks in ``box``: thin vertical strokes (ticks,
    gridlines) and the middles of filled rectangles (bars)."""
    out = []
    for d in (piece for drawing in page.drawings for piece in split_compound(drawing)):
        x0, y0, x1, y1 = d.bbox
        if x0 < box[0] - 1 or x1 > box[2] + 1 or y0 < box[1] - 1 or y1 > box[3] + 1:
            continue
        if (x1 - x0) <= 1.5 < (y1 - y0) or (d.fill is not None and _is_rectangle_path(d)):
            out.append((x0 + x1) / 2)
    return sorted(out)


def _label_words(page: PageAnalysis, line: Line, label_gap: float, anchors: list[float]) -> int:
    """Words of the line's longest label: tick labels set close together form one text line,
    but each is its own run of glyphs."""
    words = len(line.text.split())
    if words <= 1 or page.glyph_runs is None or page.ocr:
        return words
    pieces = split_glyph_runs([line], page.glyph_runs(line.bbox), label_gap, anchors)
    return max(len(p.text.split()) for p in pieces)

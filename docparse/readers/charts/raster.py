"""Raster chart reader: OCR'd tick labels → axes, colour clustering → series, OpenCV connected
components → bars, markers and line traces. Bar and line charts (and simple scatter).

Pixel coordinates are converted to points (``scale`` points per pixel) so the same value
logic as the vector reader (:func:`chart_from_marks`) does the rest.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Sequence

from docparse.document import Chart, ChartSource, ChartType
from docparse.options.charts import RasterChartOptions
from docparse.pages.analysis import BBox, ImageInfo, PageAnalysis, bbox_area, bbox_overlap_fraction
from docparse.readers.charts.axes import NumericAxis, find_numeric_axes, label_row_below, tick_x
from docparse.readers.charts.greys import grey_series
from docparse.readers.charts.marks import Bar, ChartMarks, Marker, Polyline, Rule, TextItem, Wedge, squarish_label
from docparse.readers.charts.ocr import ChartOcr, OcrText, share_inside
from docparse.readers.charts.pie import is_pie
from docparse.readers.charts.precheck import (
    chart_evidence,
    color_codes,
    colored_mask,
    looks_like_chart,
    numeric_axis_in_labels,
    to_rgb,
)
from docparse.readers.charts.raster_rules import (
    baseline_rules,
    capital_i_in_title_case,
    drop_tick_marks,
    join_word_and_number,
    marker_centre_y,
    marker_line_swatch,
    merge_pale_lines,
    pie_data_bars,
    respace_joined_words,
    respace_like_siblings,
    ridge_half_width,
    slivers_in_pie,
    split_number_runs,
    strip_tick_tails,
    swatch_line_y,
    text_colours,
)
from docparse.readers.charts.shapes import add_paler_shapes, closed_rings, flat_box, is_hollow_marker, texts_off_symbols
from docparse.readers.charts.slant import read_slanted
from docparse.readers.charts.ticks import parse_tick
from docparse.readers.charts.vector import chart_from_marks
from docparse.regions.base import RegionProposal

if TYPE_CHECKING:
    import numpy as np


@dataclass
class RasterChartReader:
    """``ChartReader`` for charts drawn as pixels (embedded images, scanned pages)."""

    options: RasterChartOptions = field(default_factory=RasterChartOptions)
    ocr: ChartOcr = field(default_factory=ChartOcr)
    name: str = "raster"

    def read_chart(self, proposal: RegionProposal, page: PageAnalysis) -> Chart | None:
        x0, y0, x1, y1 = proposal.bbox
        dpi = int(min(self.options.dpi, self.options.max_side * 72 / max(1.0, x1 - x0, y1 - y0)))
        image = page.crop(proposal.bbox, dpi=max(72, dpi))
        if image.size == 0:
            return None
        scale = (proposal.bbox[2] - proposal.bbox[0]) / image.shape[1]
        return read_raster_chart(image, self.ocr, scale, self.options, page_labels(page, proposal.bbox, scale))


OWN_PICTURE_AREA = 2.5  # a page image holding a chart and at most this times its area is its picture


def _holding(bbox: BBox, page: PageAnalysis) -> list[ImageInfo]:
    """Page images that hold (90 % of) ``bbox``."""
    return [i for i in page.images if bbox_overlap_fraction(bbox, i.bbox) > 0.9]


def own_picture(bbox: BBox, page: PageAnalysis) -> ImageInfo | None:
    """The embedded picture that is mostly this chart (a layout box may clip its legend)."""
    return next((i for i in _holding(bbox, page) if bbox_area(i.bbox) <= OWN_PICTURE_AREA * bbox_area(bbox)), None)


def on_larger_image(bbox: BBox, page: PageAnalysis) -> bool:
    """The chart is a part of a larger page image (a scanned page), not a picture of its own."""
    return any(bbox_area(i.bbox) > OWN_PICTURE_AREA * bbox_area(bbox) for i in _holding(bbox, page))


def page_labels(page: PageAnalysis, bbox: BBox, scale: float) -> list[OcrText]:
    """For a chart drawn on a scanned page, the page OCR's lines inside it, in the crop's pixels
    (its detector keeps "8,000" whole and reads no specks, where the scan's blurred strokes
    break glyph blobs apart). None for a chart that is an image of its own, on a born-digital
    or an image-only page: its small clean labels read best with the chart OCR."""
    if not (page.ocr and on_larger_image(bbox, page)):
        return []
    x0, y0 = bbox[0], bbox[1]
    return [OcrText(ln.text.strip(), ((ln.bbox[0] - x0) / scale, (ln.bbox[1] - y0) / scale,
                                      (ln.bbox[2] - x0) / scale, (ln.bbox[3] - y0) / scale), 1.0)
            for ln in page.lines_in(bbox, 0.5)]


def with_page_labels(labels: Sequence[OcrText], read: Sequence[OcrText]) -> list[OcrText]:
    """The page's labels, plus the tick numbers that only the picture's own reading found
    (a lone "0" the page detector missed); its other readings of a scan are specks and
    broken glyphs ("I", "T" between the categories)."""
    extra = [r for r in read if parse_tick(r.text) is not None and not any(share_inside(r.box, t.box) > 0.3 for t in labels)]
    return list(labels) + extra


def _palette(img: "np.ndarray", options: RasterChartOptions) -> list["np.ndarray"]:
    import cv2
    import numpy as np

    hsv = cv2.cvtColor(img, cv2.COLOR_RGB2HSV)
    colored = (hsv[:, :, 1] >= options.min_saturation) & (hsv[:, :, 2] >= 40)
    pixels = img[colored].astype(np.int32)
    if len(pixels) == 0:
        return []
    codes = color_codes(pixels, 16)
    counts = np.bincount(codes, minlength=4096)
    floor = options.min_color_fraction * img.shape[0] * img.shape[1]
    centers: list[np.ndarray] = []
    for k in np.argsort(counts)[::-1]:
        if counts[k] < floor or len(centers) >= options.max_colors:
            break
        color = pixels[codes == k].mean(axis=0)
        if all(np.linalg.norm(color - c) > options.palette_distance for c in centers):
            centers.append(color)
    return centers


def _color_masks(img: "np.ndarray", centers: list["np.ndarray"], options: RasterChartOptions) -> list["np.ndarray"]:
    import cv2
    import numpy as np

    hsv = cv2.cvtColor(img, cv2.COLOR_RGB2HSV)
    colored = (hsv[:, :, 1] >= options.min_saturation) & (hsv[:, :, 2] >= 40)
    pixels = img[colored].astype(np.float32)  # only coloured pixels can be in a mask: distances for those alone
    dist = np.stack([np.linalg.norm(pixels - c.astype(np.float32), axis=1) for c in centers])
    nearest = dist.argmin(axis=0)
    close = dist.min(axis=0) <= options.merge_distance
    masks = [np.zeros(colored.shape, np.uint8) for _ in centers]
    for i, mask in enumerate(masks):
        mask[colored] = (nearest == i) & close
    return masks


def is_paler(color: "np.ndarray", base: "np.ndarray", tol: float = 30.0) -> bool:
    """``color`` lies between ``base`` and white (``base`` blended into the background)."""
    import numpy as np

    white = np.full(3, 255.0)
    direction = white - base
    t = float(np.dot(color - base, direction) / max(1e-6, float(np.dot(direction, direction))))
    return 0.05 < t < 0.95 and float(np.linalg.norm(color - (base + t * direction))) <= tol


def merge_fringes(centers: list["np.ndarray"], masks: list["np.ndarray"],
                  touching: float = 0.8) -> tuple[list["np.ndarray"], list["np.ndarray"]]:
    """Antialiased edges of a line or bar cluster as a paler colour of their own: a colour
    paler than a bigger one whose pixels nearly all touch that one's is folded into it."""
    import cv2
    import numpy as np

    order = sorted(range(len(centers)), key=lambda k: -int(masks[k].sum()))
    kept: list[int] = []
    merged = [m.copy() for m in masks]
    for k in order:
        area = int(masks[k].sum())
        host = next((i for i in kept if is_paler(centers[k], centers[i]) and area and
                     int((masks[k] & cv2.dilate(merged[i], np.ones((5, 5), np.uint8))).sum()) >= touching * area), None)
        if host is None:
            kept.append(k)
        else:
            merged[host] |= masks[k]
    kept.sort()
    return [centers[k] for k in kept], [merged[k] for k in kept]


def _hex(color: "np.ndarray") -> str:
    return "#" + "".join(f"{int(round(v)):02x}" for v in color[:3])


def _texts(ocr_texts: list[OcrText], scale: float) -> list[TextItem]:
    out = []
    for t in ocr_texts:
        box = tuple(v * scale for v in t.box)
        out.append(TextItem(t.text, box, (box[3] - box[1]), False, parse_tick(t.text),  # type: ignore[arg-type]
                            t.slanted or squarish_label(t.text, box), t.descends))  # type: ignore[arg-type]
    return out


def _wedge(component: "np.ndarray", color: str, scale: float) -> Wedge:
    """A filled region's outline as a polygon in points (pie slices drawn as pixels)."""
    import cv2
    import numpy as np

    contours, _ = cv2.findContours(component.astype(np.uint8), cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    outline = max(contours, key=cv2.contourArea).reshape(-1, 2)
    points = [(float(x) * scale, float(y) * scale) for x, y in outline]
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return Wedge(points, color, (min(xs), min(ys), max(xs), max(ys)))


def raster_rules(img: "np.ndarray", scale: float, options: RasterChartOptions | None = None) -> list[Rule]:
    """Tick marks, gridlines and axes: thin straight runs of grey/black pixels, as points. A
    run is thin up to ``rule_width`` points plus an antialiased pixel each side (a 1 pt grey
    gridline, fivethirtyeight's, is 4 pixels at 150 dpi)."""
    import cv2
    import numpy as np

    hsv = cv2.cvtColor(img, cv2.COLOR_RGB2HSV)
    ink = ((hsv[:, :, 2] < 235) & (hsv[:, :, 1] < 40)).astype(np.uint8)
    rule_width = (options or RasterChartOptions()).rule_width
    rules: list[Rule] = []
    for horizontal in (True, False):
        kernel = np.ones((1, 5) if horizontal else (5, 1), np.uint8)
        runs = cv2.morphologyEx(ink, cv2.MORPH_OPEN, kernel)
        n, _, stats, _ = cv2.connectedComponentsWithStats(runs, connectivity=8)
        for k in range(1, n):
            x, y, w, h, _ = (int(v) for v in stats[k])
            thin, long = (h, w) if horizontal else (w, h)
            if thin <= max(3.0, rule_width / scale + 2) and long >= 4:  # 1 px lines upscaled run wider
                box = (x * scale, y * scale, (x + w) * scale, (y + h) * scale)
                if horizontal:
                    mid = (box[1] + box[3]) / 2
                    box = (box[0], mid, box[2], mid)
                else:
                    mid = (box[0] + box[2]) / 2
                    box = (mid, box[1], mid, box[3])
                rules.append(Rule(box, horizontal, "#808080"))
    return rules


def inside_text(rule: Rule, texts: list[TextItem]) -> bool:
    """A straight stroke of a glyph (the sides of a 0, the stem of a 1), not a tick or gridline."""
    x0, y0, x1, y1 = rule.bbox
    return any(t.bbox[0] - 0.5 <= x0 and x1 <= t.bbox[2] + 0.5 and t.bbox[1] - 0.5 <= y0 and y1 <= t.bbox[3] + 0.5
               for t in texts)


def _column_ys(mask: "np.ndarray", x_px: float) -> "np.ndarray":
    import numpy as np

    x = int(round(x_px))
    if x < 0 or x >= mask.shape[1]:
        return np.zeros(0, np.int64)
    return np.nonzero(mask[:, max(0, x - 1) : x + 2].any(axis=1))[0]


def _sample_trace(mask: "np.ndarray", x_px: float, thickness: float = 0.0) -> float | None:
    """The line's centre at ``x_px``; at a peak or a valley (a column taller than the line is
    thick, both sides lower or higher) the centre of the apex, not the column's middle."""
    import numpy as np

    ys = _column_ys(mask, x_px)
    if not len(ys):
        return None
    mid = float(np.median(ys))
    if thickness <= 0 or ys.max() - ys.min() + 1 <= 1.5 * thickness:
        return mid
    sides = [_column_ys(mask, x_px + d) for d in (-2 * thickness, 2 * thickness)]
    if not all(len(side) for side in sides):
        return mid
    left, right = (float(np.median(side)) for side in sides)
    if left > mid and right > mid:
        return float(ys.min()) + thickness / 2  # a peak (y grows down)
    if left < mid and right < mid:
        return float(ys.max()) - thickness / 2
    return mid


def line_thickness(mask: "np.ndarray") -> float:
    """About how thick a line is drawn: its median run of pixels per column or per row,
    whichever is smaller (steep segments run long down a column)."""
    import numpy as np

    out = []
    for axis in (0, 1):
        counts = np.count_nonzero(mask, axis=axis)
        out.append(float(np.median(counts[counts > 0])) if counts.any() else 0.0)
    return min(out)


def read_raster_chart(image: "np.ndarray", ocr: ChartOcr, scale: float = 1.0,
                      options: RasterChartOptions | None = None, labels: Sequence[OcrText] = ()) -> Chart | None:
    """The value table of a chart image; ``scale`` converts pixels to points. ``labels``: text
    already read inside the picture (a scanned page's OCR lines, in the image's pixels); they
    stand for the image's own reading, and a numeric axis among them is the chart's evidence."""
    import cv2

    options = options or RasterChartOptions()
    img = to_rgb(image)
    known = {}
    if options.require_evidence and not numeric_axis_in_labels([(t.box, t.text) for t in labels], options.precheck):
        evidence = chart_evidence(img, ocr, options.precheck)
        if not evidence.found:
            return None
        known = evidence.readings
    read = read_slanted(img, ocr.read(img, known), ocr, options)
    read = join_word_and_number(split_number_runs(read, options), options)
    read = strip_tick_tails(capital_i_in_title_case(respace_joined_words(read, img, options)))
    texts = respace_like_siblings(drop_tick_marks(_texts(with_page_labels(labels, read) if labels else read, scale), options))
    centers = _palette(img, options)
    grey_centers, grey_masks, grey = grey_series(img, scale, options.greys, options.min_color_fraction * img.shape[0] * img.shape[1])
    if not centers and not grey_centers:
        return None
    marks = ChartMarks(texts=texts, rules=[r for r in raster_rules(img, scale, options) if not inside_text(r, texts)])
    wedges: list[Wedge] = []
    traces: list[tuple[str, "np.ndarray"]] = []
    masks: list["np.ndarray"] = []
    if centers:
        centers, masks = merge_fringes(centers, _color_masks(img, centers, options))
        centers, masks = merge_pale_lines(centers, masks, options, is_paler)
        words = [t.box for t in read if len(t.text.strip()) > 1]  # a lone 'o' may be a marker read as text
        texty = text_colours(masks, words, options.text_color_share)
        centers, masks = [c for k, c in enumerate(centers) if k not in texty], [m for k, m in enumerate(masks) if k not in texty]
    colored = colored_mask(img, options.min_saturation)
    masks = add_paler_shapes(img, centers, masks, colored) + grey_masks
    centers = centers + grey_centers
    colored = colored | grey
    for center, mask in zip(centers, masks):
        color = _hex(center)
        for x, y, w, h in closed_rings(mask, colored, scale):  # hollow markers in pieces
            box = (x * scale, y * scale, (x + w) * scale, (y + h) * scale)
            marks.markers.append(Marker(((box[0] + box[2]) / 2, (box[1] + box[3]) / 2), max(w, h) * scale, color, box))
            mask[y : y + h, x : x + w] = 0
        n, components, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
        trace = mask.copy()
        for k in range(1, n):
            x, y, w, h, area = (int(v) for v in stats[k])
            if area < 4 or area * scale * scale < 1.5:  # an antialiasing speck: not a line either
                trace[y : y + h, x : x + w][components[y : y + h, x : x + w] == k] = 0
                continue
            box = (x * scale, y * scale, (x + w) * scale, (y + h) * scale)
            wp, hp = box[2] - box[0], box[3] - box[1]
            fill = area / float(w * h)
            if hp <= 3.5 and 4 <= wp <= 40 and fill > 0.6:
                marks.polylines.append(Polyline([(box[0], (box[1] + box[3]) / 2), (box[2], (box[1] + box[3]) / 2)], color, flat_box(box)))
                trace[y : y + h, x : x + w] = 0  # a legend swatch, not part of a line
            elif marker_line_swatch(part := components[y : y + h, x : x + w] == k, box, options):
                mid = (y + swatch_line_y(part)) * scale
                marks.polylines.append(Polyline([(box[0], mid), (box[2], mid)], color, (box[0], mid, box[2], mid)))
                trace[y : y + h, x : x + w] = 0  # a legend line with its marker, not part of a line
            elif (wp <= 14 and hp <= 14 and fill > 0.45 and min(wp, hp) >= 2.5 and 0.5 <= wp / hp <= 2.0) or \
                    (fill <= 0.6 and is_hollow_marker(components[y : y + h, x : x + w] == k, colored[y : y + h, x : x + w], box)):
                marks.markers.append(Marker(((box[0] + box[2]) / 2, (box[1] + box[3]) / 2), max(wp, hp), color, box))
                trace[y : y + h, x : x + w] = 0  # an isolated marker: a scatter point, not a line
            elif fill >= options.bar_fill and min(w, h) >= 2 and min(wp, hp) >= 2.5:  # thinner: line pieces
                marks.bars.append(Bar(box, color))
            else:
                if area > options.sliver_share * mask.size:
                    wedges.append(_wedge(components == k, color, scale))
                continue
            trace[y : y + h, x : x + w][mask[y : y + h, x : x + w] > 0] = 0 if fill >= options.bar_fill else trace[y : y + h, x : x + w][mask[y : y + h, x : x + w] > 0]
        if trace.sum() > 0:
            traces.append((color, trace))
    marks.texts = texts_off_symbols(marks.texts, [m.bbox for m in marks.markers])
    marks.rules += baseline_rules(marks.bars, img.shape[1] * scale, img.shape[0] * scale, options)
    slivers = wedges
    wedges = [w for w in slivers if w.area > options.wedge_share * img.shape[0] * img.shape[1] * scale * scale]
    data_bars = pie_data_bars(marks.bars, wedges, options)
    if len(wedges) >= 2 and is_pie(wedges) and len(data_bars) < 2:
        marks.wedges = wedges + slivers_in_pie(wedges, [w for w in slivers if w not in wedges])
        marks.markers += [Marker(((b.bbox[0] + b.bbox[2]) / 2, (b.bbox[1] + b.bbox[3]) / 2),  # legend squares
                                 max(b.bbox[2] - b.bbox[0], b.bbox[3] - b.bbox[1]), b.color, b.bbox)
                          for b in marks.bars if b not in data_bars]
        marks.bars = data_bars
        return chart_from_marks(marks, source=ChartSource.RASTER)
    bar_area = sum((b.bbox[2] - b.bbox[0]) * (b.bbox[3] - b.bbox[1]) for b in marks.bars)
    trace_area = sum(int(t.sum()) for _, t in traces) * scale * scale
    if marks.bars and bar_area >= trace_area:
        return chart_from_marks(marks, source=ChartSource.RASTER)
    if not traces:
        return chart_from_marks(marks, source=ChartSource.RASTER)
    _add_trace_points(marks, traces, scale, options)
    return chart_from_marks(marks, default_type=ChartType.LINE, source=ChartSource.RASTER)


def trace_vertices(mask: "np.ndarray", epsilon: float = 1.2) -> list[tuple[float, float]]:
    """Corner points of a drawn line (pixels): column centres simplified by Douglas-Peucker."""
    import cv2
    import numpy as np

    cols = np.nonzero(mask.any(axis=0))[0]
    if len(cols) < 2:
        return []
    out: list[tuple[float, float]] = []
    run: list[tuple[float, float]] = []
    thickness = np.median([np.count_nonzero(mask[:, x]) for x in cols])
    filled = thickness > 8  # an area chart: follow its top edge, not its middle
    for k, x in enumerate(cols):
        ys = np.nonzero(mask[:, x])[0]
        run.append((float(x), float(ys.min() if filled else np.median(ys))))
        if k + 1 == len(cols) or cols[k + 1] - x > 3:
            if len(run) >= 2:
                curve = np.array(run, dtype=np.float32).reshape(-1, 1, 2)
                out.extend((float(p[0][0]), float(p[0][1])) for p in cv2.approxPolyDP(curve, epsilon, False))
            run = []
    if filled:
        return out
    thick = line_thickness(mask)  # a corner at a peak or valley: the apex, not the column's middle
    return [(x, y if (apex := _sample_trace(mask, x, thick)) is None else apex) for x, y in out]


def _add_trace_points(marks: ChartMarks, traces: list[tuple[str, "np.ndarray"]], scale: float,
                      options: RasterChartOptions) -> None:
    """Line traces as point markers: their corners, plus samples under categorical labels (a
    marker drawn on the line where there is one)."""
    import cv2

    y_axis, x_axis = find_numeric_axes(marks.texts, marks.rules)
    targets: list[float] = []
    if x_axis is None:
        right = max((t.shape[1] for _, t in traces), default=0) * scale  # the picture's width
        lowest = max([*(y_axis.positions if y_axis is not None else [0.0]), *(_lowest_ink(t) * scale for _, t in traces)])
        used = {id(t) for t in (y_axis.labels if y_axis else [])}
        free = [t for t in marks.texts if id(t) not in used]
        x0 = min(t.bbox[2] for t in y_axis.labels) if y_axis else 0.0
        targets = [tick_x(t, marks.rules) for t in label_row_below(free, x0, right, lowest)]
    lo, hi = _axis_bounds(x_axis) if x_axis is not None else (float("-inf"), float("inf"))
    for color, trace in traces:
        # categories: read under the labels only; numeric x: the line's corners (tolerance ~1 pt)
        corners = [] if len(targets) >= 2 else trace_vertices(trace, max(1.2, 1.2 / scale))
        points = _merge_close([(x * scale, y * scale) for x, y in corners], 3.0)
        apexes = _apexes(trace, targets, scale) if len(targets) >= 2 else {}
        thickness = line_thickness(trace)
        dist = cv2.distanceTransform(trace.astype("uint8"), cv2.DIST_L2, 3) if targets else None
        half = ridge_half_width(dist) if dist is not None else 0.0
        if half * scale > options.marker_line_max:
            dist = None  # a filled area, not a line with markers on it
        for x in targets:
            y_px = marker_centre_y(dist, x / scale, half, options) if dist is not None else None
            if y_px is None:
                y_px = apexes.get(x, _sample_trace(trace, x / scale, thickness))
            if y_px is not None and all(abs(p[0] - x) > 2 * scale for p in points):
                points.append((x, y_px * scale))
        for x, y in points:
            if not lo <= x <= hi:
                continue  # a legend entry or a label beside the plot
            marks.markers.append(Marker((x, y), 2.0, color, (x, y, x, y)))


def _lowest_ink(trace: "np.ndarray") -> float:
    """The lowest pixel row a line reaches: the plot goes down at least that far, whatever its
    lowest tick label says (the category labels sit below it, not below the last tick)."""
    import numpy as np

    rows = np.nonzero(trace.any(axis=1))[0]
    return float(rows[-1]) if len(rows) else 0.0


def _apexes(trace: "np.ndarray", targets: list[float], scale: float, reach: float = 0.2) -> dict[float, float]:
    """A corner of the line within ``reach`` of the category spacing from a category's x is
    that category's value (a sharp peak's visible tip sits off the label), pixels."""
    xs = sorted(targets)
    spacing = min(b - a for a, b in zip(xs, xs[1:]))
    corners = trace_vertices(trace, max(1.2, 1.2 / scale))
    out: dict[float, float] = {}
    for x in targets:
        near = [c for c in corners if abs(c[0] * scale - x) <= reach * spacing]
        if near:
            out[x] = min(near, key=lambda c: abs(c[0] * scale - x))[1]
    return out


def _merge_close(points: list[tuple[float, float]], gap: float) -> list[tuple[float, float]]:
    """Corners closer than ``gap`` along x (a rounded line join) become one point."""
    out: list[list[tuple[float, float]]] = []
    for p in sorted(points):
        if out and p[0] - out[-1][-1][0] <= gap:
            out[-1].append(p)
        else:
            out.append([p])
    return [(sum(q[0] for q in g) / len(g), sum(q[1] for q in g) / len(g)) for g in out]


def _axis_bounds(axis: NumericAxis) -> tuple[float, float]:
    pos = sorted(axis.positions)
    pad = 0.5 * min((b - a for a, b in zip(pos, pos[1:])), default=0.0)
    return pos[0] - pad, pos[-1] + pad


__all__ = ["RasterChartOptions", "RasterChartReader", "looks_like_chart", "read_raster_chart", "to_rgb"]

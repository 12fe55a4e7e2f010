"""Cheap tests that a picture is a chart, run before the full raster read (OCR of every label).

Two stages. :func:`looks_like_chart` needs no model: few flat colours and straight lines (it
turns away photographs and gradients). :func:`chart_evidence` then asks for what every
chart the raster reader can read has: a numeric axis (three or more tick labels in a column or
a row whose numbers grow upwards or rightwards, read with one batched recognition call of a few
small crops) or a pie (coloured wedges tiling a disc). Screenshots, diagrams, banners and
maps have text and lines but no such axis, and stop here for a fraction of a full read.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Callable, Sequence

from docparse.options.charts import PrecheckOptions
from docparse.readers.charts.ocr import Box, ChartOcr, OcrText, find_text_boxes, label_crop, label_turns, pick_turn
from docparse.readers.charts.ticks import parse_tick

if TYPE_CHECKING:
    import numpy as np


def to_rgb(image: "np.ndarray") -> "np.ndarray":
    import numpy as np

    if image.ndim == 2:
        return np.stack([image] * 3, axis=-1)
    if image.shape[2] == 4:
        alpha = image[:, :, 3:4].astype(np.float32) / 255.0
        rgb = image[:, :, :3].astype(np.float32) * alpha + 255.0 * (1 - alpha)
        return rgb.astype(np.uint8)
    return image[:, :, :3]


def color_codes(pixels: "np.ndarray", step: int) -> "np.ndarray":
    """One integer per RGB pixel (rows of ``pixels``) after quantising each channel by ``step``."""
    import numpy as np

    q = pixels.astype(np.int32) // step
    levels = 256 // step
    return (q[:, 0] * levels + q[:, 1]) * levels + q[:, 2]


def colored_mask(img: "np.ndarray", min_saturation: int) -> "np.ndarray":
    import cv2

    hsv = cv2.cvtColor(img, cv2.COLOR_RGB2HSV)
    return (hsv[:, :, 1] >= min_saturation) & (hsv[:, :, 2] >= 40)


def data_mask(img: "np.ndarray", options: PrecheckOptions) -> "np.ndarray":
    """Pixels that may be data: saturated colours, and solid grey or black fills (a chart in
    grey shades; see :mod:`docparse.readers.charts.greys`)."""
    from docparse.readers.charts.greys import grey_solids

    size = options.grey_fill_size * min(img.shape[:2])
    return colored_mask(img, options.min_saturation) | grey_solids(img, int(round(size)), options.greys)


def looks_like_chart(image: "np.ndarray", options: PrecheckOptions | None = None) -> bool:
    """Model-free first test: mostly flat colours, plus straight lines or data colours."""
    import cv2
    import numpy as np

    options = options or PrecheckOptions()
    img = to_rgb(image)
    small = cv2.resize(img, (min(400, img.shape[1]), min(400, img.shape[0])), interpolation=cv2.INTER_AREA)
    counts = np.bincount(color_codes(small.reshape(-1, 3), 32), minlength=512)
    if np.sort(counts)[::-1][: options.top_colors].sum() < options.flat_share * counts.sum():
        return False  # photographs and gradients spread over many colours
    gray = cv2.cvtColor(img, cv2.COLOR_RGB2GRAY)
    colored = float(data_mask(small, options).mean())
    if colored >= 0.1 or _axis_lines(gray, 50, 150, 3):
        return True
    # faint gridlines (white on a tinted plot, ggplot/plotly) and dashed ones (pygal)
    return _axis_lines(gray, options.faint_edge_low, 3 * options.faint_edge_low,
                       max(3, int(options.dash_gap * min(gray.shape))))


def _axis_lines(gray: "np.ndarray", low: float, high: float, gap: int) -> bool:
    """Long straight horizontal and vertical lines (Canny edges ``low``/``high``, Hough
    segments bridging gaps up to ``gap`` pixels): axes or gridlines, both ways or three one way."""
    import cv2
    import numpy as np

    edges = cv2.Canny(gray, low, high)
    lines = cv2.HoughLinesP(edges, 1, np.pi / 180, threshold=60, minLineLength=int(0.4 * min(gray.shape)), maxLineGap=gap)
    segs = (lines if lines is not None else np.zeros((0, 4), np.int32)).reshape(-1, 4)
    horiz = sum(1 for x0, y0, x1, y1 in segs if abs(y1 - y0) <= 1)
    vert = sum(1 for x0, y0, x1, y1 in segs if abs(x1 - x0) <= 1)
    return (horiz >= 1 and vert >= 1) or horiz >= 3 or vert >= 3


def looks_like_pie(image: "np.ndarray", options: PrecheckOptions | None = None) -> bool:
    """Coloured regions in two or more colours whose outline is a round disc (pie or donut)."""
    import cv2
    import numpy as np

    options = options or PrecheckOptions()
    img = to_rgb(image)
    mask = data_mask(img, options).astype(np.uint8)
    k = max(3, int(0.01 * min(mask.shape)) | 1)
    closed = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, np.ones((k, k), np.uint8))  # white wedge borders
    contours, _ = cv2.findContours(closed, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    if not contours:
        return False
    outline = max(contours, key=cv2.contourArea)
    area = cv2.contourArea(outline)
    x, y, w, h = cv2.boundingRect(outline)
    if area < options.pie_min_share * mask.size or not 0.8 <= w / max(1, h) <= 1.25:
        return False
    if area < options.pie_roundness * np.pi * (max(w, h) / 2) ** 2:
        return False
    inside = img[y : y + h, x : x + w][mask[y : y + h, x : x + w] > 0]
    shares = np.bincount(color_codes(inside, 32), minlength=512) / max(1, len(inside))
    return int((shares >= 0.05).sum()) >= 2


def _groups(boxes: Sequence[Box], key: Callable[[Box], float], tol: float) -> list[list[Box]]:
    out: list[list[Box]] = []
    for box in sorted(boxes, key=key):
        if out and key(box) - key(out[-1][-1]) <= tol:
            out[-1].append(box)
        else:
            out.append([box])
    return out


def axis_label_groups(boxes: Sequence[Box], options: PrecheckOptions) -> list[tuple[list[Box], bool]]:
    """Candidate tick-label columns (right- or left-aligned) and rows, fullest first;
    ``True`` marks a column. Each keeps at most ``max_per_group`` labels spread along it."""
    if not boxes:
        return []
    heights = sorted(b[3] - b[1] for b in boxes)
    char_h = heights[len(heights) // 2]
    tol = max(2.0, 0.3 * char_h)
    cands: list[tuple[list[Box], bool]] = []
    for key in (lambda b: b[2], lambda b: b[0]):
        cands += [(sorted(g, key=lambda b: b[1]), True) for g in _groups(boxes, key, tol)]
    cands += [(sorted(g, key=lambda b: b[0]), False) for g in _groups(boxes, lambda b: (b[1] + b[3]) / 2, 0.5 * char_h)]
    cands = [c for c in cands if len(c[0]) >= options.min_tick_labels and not _dash_group(c[0], options)
             and not (stacked_letters(c[0], boxes, options.stack_gap) and not even_pitch(c[0], options.pitch_tolerance))]
    cands.sort(key=lambda c: -len(c[0]))
    return [(spread(group, options.max_per_group), column) for group, column in cands[: options.max_groups]]


def stacked_letters(column: Sequence[Box], blobs: Sequence[Box], gap: float) -> bool:
    """Most blobs of the column have another blob right above or below them (closer than
    ``gap`` of their shorter side, about as wide, overlapping half the narrower's width: not a
    tick mark over a label): letters of words turned
    upright (category labels set at 90 degrees), not tick labels, which stand a label's
    height or more apart. Such columns otherwise crowd the y-axis labels out of the groups."""
    def stacked(a: Box) -> bool:
        for b in blobs:
            if b == a:
                continue
            wa, wb = a[2] - a[0], b[2] - b[0]
            overlap = min(a[2], b[2]) - max(a[0], b[0])
            apart = max(b[1] - a[3], a[1] - b[3])
            alike = 2 * min(wa, wb) >= max(wa, wb)  # letters of one turned word; a tick mark is thin
            if alike and overlap >= 0.5 * min(wa, wb) and apart < gap * min(wa, a[3] - a[1]):
                return True
        return False

    return 2 * sum(1 for a in column if stacked(a)) > len(column)


def even_pitch(column: Sequence[Box], tolerance: float) -> bool:
    """The blobs are alike tall and their centres step down the column at one pitch (each
    height and step within ``tolerance`` of the median): tick labels set close (pygal's dense
    y axis, a few pixels apart), not the letters of a turned word, whose widths differ ('i'
    against 'm')."""
    heights = sorted(b[3] - b[1] for b in column)
    if any(abs(h - heights[len(heights) // 2]) > tolerance * heights[len(heights) // 2] for h in heights):
        return False
    centres = sorted((b[1] + b[3]) / 2 for b in column)
    steps = sorted(b - a for a, b in zip(centres, centres[1:]))
    if len(steps) < 2 or steps[len(steps) // 2] <= 0:
        return False
    pitch = steps[len(steps) // 2]
    return all(abs(s - pitch) <= tolerance * pitch for s in steps)


def _dash_group(group: Sequence[Box], options: PrecheckOptions) -> bool:
    """A column or row of thin upright strokes: the dashes of a dashed vertical gridline, not
    labels (a tick label is not that much taller than wide)."""
    thin = sum(1 for b in group if 0 <= b[2] - b[0] < options.dash_aspect * (b[3] - b[1]))
    return 2 * thin > len(group)


def spread(items: Sequence[Box], most: int) -> list[Box]:
    """At most ``most`` of ``items``, evenly spread from the first to the last."""
    if len(items) <= most:
        return list(items)
    if most <= 1:
        return list(items[:most])
    return [items[round(k * (len(items) - 1) / (most - 1))] for k in range(most)]


def _longest_increasing(values: Sequence[float]) -> int:
    best = [1] * len(values)
    for i in range(len(values)):
        for j in range(i):
            if values[j] < values[i]:
                best[i] = max(best[i], best[j] + 1)
    return max(best, default=0)


@dataclass
class AxisProbe:
    """What :func:`probe_numeric_axis` found, and the labels it read (reused by the full read)."""

    found: bool
    readings: dict[Box, OcrText | None] = field(default_factory=dict)


def probe_numeric_axis(image: "np.ndarray", ocr: ChartOcr, options: PrecheckOptions | None = None) -> AxisProbe:
    """Three or more tick numbers along a label column (growing upwards) or row (rightwards)."""
    options = options or PrecheckOptions()
    img = to_rgb(image)
    blobs = find_text_boxes(img, max(40, int(0.08 * img.shape[0])), ocr.options.dark_text_value, ocr.options.flat_stroke)
    groups = axis_label_groups(blobs, options)
    turns = [[label_turns(label_crop(img, b), False) for b in group] for group, _ in groups]
    readings = iter(ocr.recognize_many([t for group in turns for label in group for t in label]))
    probe = AxisProbe(False)
    for (group, column), group_turns in zip(groups, turns):
        values = []
        for box, label in zip(group, group_turns):
            text, score = pick_turn([next(readings) for _ in label], ocr.options.sure_score)
            readable = bool(text) and score >= ocr.options.min_score
            if score >= ocr.options.sure_score or len(label) > 1:  # the full read would read it so too
                probe.readings[box] = OcrText(text, box, score) if readable else None
            tick = parse_tick(text) if readable else None
            if tick is not None:
                values.append(tick.value)
        if column:
            values = values[::-1]  # top to bottom: numbers grow upwards
        probe.found = probe.found or _longest_increasing(values) >= options.min_tick_labels
    return probe


def numeric_axis_in_labels(labels: Sequence[tuple[Box, str]], options: PrecheckOptions | None = None) -> bool:
    """Three or more tick numbers in order along a column or row of labels read already (the
    lines OCR found on a scanned page: its detector keeps "8,000" whole where blurred
    strokes break the glyph blobs apart)."""
    options = options or PrecheckOptions()
    text_of = {box: text for box, text in labels}
    every = replace(options, max_groups=len(text_of), max_per_group=len(text_of))
    for group, column in axis_label_groups(list(text_of), every):
        values = [tick.value for box in group if (tick := parse_tick(text_of[box])) is not None]
        if column:
            values = values[::-1]  # top to bottom: numbers grow upwards
        if _longest_increasing(values) >= options.min_tick_labels:
            return True
    return False


def has_numeric_axis(image: "np.ndarray", ocr: ChartOcr, options: PrecheckOptions | None = None) -> bool:
    return probe_numeric_axis(image, ocr, options).found


def chart_evidence(image: "np.ndarray", ocr: ChartOcr, options: PrecheckOptions | None = None) -> AxisProbe:
    """A pie, or a numeric axis: what the raster reader needs to read any values at all."""
    if looks_like_pie(image, options):
        return AxisProbe(True)
    return probe_numeric_axis(image, ocr, options)

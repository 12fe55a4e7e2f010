"""Category labels set at an angle (matplotlib ``rotation=30``/``45``, LibreOffice, pygal).

The text detector reads level lines: a word set at 30 degrees comes back in pieces or not at
all ('East' of 'Wholesale East'). Slanted labels are found as elongated blobs of label ink
(letters joined by a small dilation) whose long axis leans between ``min_angle`` and
``max_angle`` degrees, several at one angle. The picture is then turned by that angle, read
once more by the detector, and each line that lands on a slanted blob replaces the pieces read
inside it, flagged slanted (its tick is at the end nearer the axis: see ``TextItem.anchor_x``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Sequence

from docparse.options.charts import RasterChartOptions, SlantOptions
from docparse.readers.charts.ocr import ChartOcr, OcrText, share_inside
from docparse.readers.charts.raster_rules import respace_joined_words

if TYPE_CHECKING:
    import numpy as np

Box = tuple[float, float, float, float]


@dataclass(frozen=True)
class SlantedBlob:
    box: Box  # pixels, axis-aligned
    angle: float  # degrees the label rises to the right (negative: it descends)


def slanted_blobs(img: "np.ndarray", options: SlantOptions) -> list[SlantedBlob]:
    """Blobs of dark label ink that lean like a word set at an angle, at one common angle."""
    import cv2
    import numpy as np

    hsv = cv2.cvtColor(img, cv2.COLOR_RGB2HSV)
    ink = (((hsv[:, :, 2] < 150) & (hsv[:, :, 1] < 90)) | (hsv[:, :, 2] < 110)).astype(np.uint8)
    char_h = _glyph_height(ink)
    if char_h <= 0:
        return []
    run = int(3 * char_h)  # axes, ticks' baseline and gridlines: long level or upright runs
    rules = cv2.morphologyEx(ink, cv2.MORPH_OPEN, np.ones((1, run), np.uint8)) | \
        cv2.morphologyEx(ink, cv2.MORPH_OPEN, np.ones((run, 1), np.uint8))
    k = max(3, int(options.join * char_h) | 1)
    joined = cv2.dilate(ink & (1 - rules), np.ones((k, k), np.uint8))
    n, labels, stats, _ = cv2.connectedComponentsWithStats(joined, connectivity=8)
    found: list[SlantedBlob] = []
    for j in range(1, n):
        x, y, w, h, _ = (int(v) for v in stats[j])
        if math.hypot(w, h) < options.min_length * char_h or max(w, h) > 0.6 * max(img.shape[:2]):
            continue
        ys, xs = np.nonzero(labels[y : y + h, x : x + w] == j)
        angle, elongation = _principal_axis(xs.astype(np.float64), ys.astype(np.float64))
        if elongation >= options.min_elongation and options.min_angle <= abs(angle) <= options.max_angle:
            found.append(SlantedBlob((float(x), float(y), float(x + w), float(y + h)), angle))
    if len(found) < options.min_labels:
        return []
    median = sorted(b.angle for b in found)[len(found) // 2]
    alike = [b for b in found if abs(b.angle - median) <= options.angle_tolerance]
    return alike if len(alike) >= options.min_labels else []


def _glyph_height(ink: "np.ndarray") -> float:
    """The median height of letter-sized ink blobs (pixels); 0 when there are none."""
    import cv2
    import numpy as np

    _, _, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    heights = [int(h) for _, _, w, h, _ in stats[1:] if 4 <= h <= 60 and w <= 3 * h]
    return float(np.median(heights)) if heights else 0.0


def _principal_axis(xs: "np.ndarray", ys: "np.ndarray") -> tuple[float, float]:
    """The long axis of a pixel cloud: its angle (degrees, rising to the right positive, as
    image y grows down) and how much longer than wide it is."""
    import numpy as np

    if len(xs) < 3:
        return 0.0, 0.0
    cov = np.cov(np.stack([xs - xs.mean(), ys - ys.mean()]))
    values, vectors = np.linalg.eigh(cov)
    vx, vy = vectors[:, 1]
    if vx < 0:
        vx, vy = -vx, -vy
    elongation = math.sqrt(values[1] / max(values[0], 1e-9))
    return math.degrees(math.atan2(-vy, vx)), elongation


def read_slanted(img: "np.ndarray", read: Sequence[OcrText], ocr: ChartOcr, raster: RasterChartOptions) -> list[OcrText]:
    """``read`` with the labels set at an angle read turned level (see the module notes)."""
    import cv2
    import numpy as np

    options = raster.slant
    blobs = slanted_blobs(img, options)
    if not blobs:
        return list(read)
    angle = sorted(b.angle for b in blobs)[len(blobs) // 2]
    h, w = img.shape[:2]
    turn = cv2.getRotationMatrix2D((w / 2, h / 2), -angle, 1.0)  # clockwise by a rising label's angle
    cos, sin = abs(turn[0, 0]), abs(turn[0, 1])
    size = (int(h * sin + w * cos) + 1, int(h * cos + w * sin) + 1)
    turn[0, 2] += size[0] / 2 - w / 2
    turn[1, 2] += size[1] / 2 - h / 2
    level = cv2.warpAffine(img, turn, size, flags=cv2.INTER_CUBIC, borderValue=(255, 255, 255))
    back = cv2.invertAffineTransform(turn)
    on_blobs = []
    for line in respace_joined_words(ocr.detect_and_read(level), level, raster):
        cx, cy = (line.box[0] + line.box[2]) / 2, (line.box[1] + line.box[3]) / 2
        ox, oy = back @ np.array([cx, cy, 1.0])
        k = next((i for i, b in enumerate(blobs) if b.box[0] <= ox <= b.box[2] and b.box[1] <= oy <= b.box[3]), None)
        if k is not None and line.text.strip():
            on_blobs.append((k, line))
    labels = _one_per_label(on_blobs)
    if len(labels) < options.min_labels:
        return list(read)
    turned: list[OcrText] = []
    for k, parts in labels:
        corners = np.array([[x, y, 1.0] for p in parts for x in (p.box[0], p.box[2]) for y in (p.box[1], p.box[3])])
        xs, ys = (corners @ back.T).T  # the lines' own corners in the picture (the blob may hold a dash or tick)
        box = (float(xs.min()), float(ys.min()), float(xs.max()), float(ys.max()))
        turned.append(OcrText(" ".join(p.text for p in parts), box, min(p.score for p in parts),
                              slanted=True, descends=blobs[k].angle < 0))
    return [t for t in read if not any(share_inside(t.box, s.box) > 0.5 for s in turned)] + turned


def _one_per_label(on_blobs: list[tuple[int, OcrText]]) -> list[tuple[int, list[OcrText]]]:
    """Lines read in the turned picture, joined where they continue one another on one level
    row (a label the detector read in two pieces); lines on other rows are other labels even
    when their blobs touch."""
    groups: list[tuple[int, list[OcrText]]] = []
    for k, line in sorted(on_blobs, key=lambda kl: (kl[1].cy, kl[1].box[0])):
        h = line.box[3] - line.box[1]
        last = groups[-1][1][-1] if groups else None
        if last is not None and abs(last.cy - line.cy) <= 0.5 * h and 0 <= line.box[0] - last.box[2] <= 1.5 * h:
            groups[-1][1].append(line)
        else:
            groups.append((k, [line]))
    return groups


__all__ = ["SlantedBlob", "read_slanted", "slanted_blobs"]

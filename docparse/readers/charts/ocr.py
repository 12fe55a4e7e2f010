"""The OCR the raster chart reader needs (RapidOCR / PP-OCRv4 weights from its wheel).

Chart labels are short and sparse (single letters, tick numbers) and text detectors miss many
of them, so :class:`ChartOcr` also finds dark text blobs itself (OpenCV) and recognises each
crop alone. Everything goes through :meth:`ChartOcr.read`, the one call to swap for the shared
OCR reader later.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np

Box = tuple[float, float, float, float]


@dataclass(frozen=True, slots=True)
class OcrText:
    text: str
    box: Box  # pixels x0, y0, x1, y1
    score: float

    @property
    def cx(self) -> float:
        return (self.box[0] + self.box[2]) / 2

    @property
    def cy(self) -> float:
        return (self.box[1] + self.box[3]) / 2


def _overlap(a: Box, b: Box) -> float:
    """Share of ``a`` inside ``b``."""
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    area = (a[2] - a[0]) * (a[3] - a[1])
    return max(0.0, w) * max(0.0, h) / area if area > 0 else 0.0


def find_text_boxes(image: "np.ndarray", max_height: int = 40) -> list[Box]:
    """Boxes of dark, unsaturated blobs the size of label text (lines and marks left out)."""
    import cv2
    import numpy as np

    hsv = cv2.cvtColor(image, cv2.COLOR_RGB2HSV)
    dark = ((hsv[:, :, 2] < 150) & (hsv[:, :, 1] < 90)).astype(np.uint8)
    n, _, stats, _ = cv2.connectedComponentsWithStats(dark, connectivity=8)
    glyphs = np.zeros_like(dark)
    heights = []
    for k in range(1, n):
        x, y, w, h, area = (int(v) for v in stats[k])
        if h > max_height or w > 3 * max_height or (w > 12 and h <= 2) or (h > 12 and w <= 2):
            continue  # axis lines, gridlines, tick marks
        glyphs[y : y + h, x : x + w] |= dark[y : y + h, x : x + w]
        if h >= 4:
            heights.append(h)
    if not heights:
        return []
    char_h = float(np.median(heights))
    gap = max(2, int(round(0.45 * char_h)))
    joined = cv2.dilate(glyphs, np.ones((1, gap), np.uint8))
    n, _, stats, _ = cv2.connectedComponentsWithStats(joined, connectivity=8)
    out: list[Box] = []
    for k in range(1, n):
        x, y, w, h, _ = (int(v) for v in stats[k])
        if 4 <= h <= max_height and w >= 2:
            out.append((float(x), float(y), float(x + w - gap + 1), float(y + h)))
    return out


@dataclass
class ChartOcr:
    """Lazily loads RapidOCR once per reader; ``upscale`` helps with small tick fonts."""

    min_score: float = 0.5
    upscale_below: int = 900  # pixels: smaller images are enlarged 2× before detection
    crop_scale: float = 3.0  # single labels are enlarged up to this much…
    target_height: float = 40.0  # …towards this height (pixels) before recognition
    _engine: Any = field(default=None, repr=False)

    def _load(self) -> Any:
        if self._engine is None:
            from rapidocr_onnxruntime import RapidOCR

            self._engine = RapidOCR()
        return self._engine

    def detect_and_read(self, image: "np.ndarray") -> list[OcrText]:
        import cv2

        factor = 2.0 if max(image.shape[:2]) < self.upscale_below else 1.0
        src = cv2.resize(image, None, fx=factor, fy=factor, interpolation=cv2.INTER_CUBIC) if factor != 1 else image
        result, _ = self._load()(src[:, :, ::-1].copy())  # RapidOCR expects BGR
        out = []
        for quad, text, score in result or []:
            if float(score) < self.min_score or not str(text).strip():
                continue
            xs = [p[0] / factor for p in quad]
            ys = [p[1] / factor for p in quad]
            out.append(OcrText(str(text).strip(), (min(xs), min(ys), max(xs), max(ys)), float(score)))
        return out

    def _recognize(self, crop: "np.ndarray") -> tuple[str, float]:
        import cv2

        factor = max(1.0, min(self.crop_scale, self.target_height / max(1, crop.shape[0])))
        crop = cv2.resize(crop, None, fx=factor, fy=factor, interpolation=cv2.INTER_CUBIC)
        result, _ = self._load()(crop[:, :, ::-1].copy(), use_det=False, use_cls=False, use_rec=True)
        if not result:
            return "", 0.0
        return str(result[0][0]).strip(), float(result[0][1])

    def read_box(self, image: "np.ndarray", box: Box) -> OcrText | None:
        """Recognise one label crop; rotated labels (vertical axis titles, slanted category
        names) are tried turned both ways when the upright reading is unsure."""
        import cv2

        x0, y0, x1, y1 = (int(round(v)) for v in box)
        pad = 3
        crop = image[max(0, y0 - pad) : y1 + pad, max(0, x0 - pad) : x1 + pad]
        if crop.size == 0:
            return None
        turns = [crop]
        if crop.shape[0] > 1.2 * crop.shape[1]:  # only a tallish blob can be a turned label
            turns += [cv2.rotate(crop, cv2.ROTATE_90_CLOCKWISE), cv2.rotate(crop, cv2.ROTATE_90_COUNTERCLOCKWISE)]
        if crop.shape[0] > 2.2 * crop.shape[1] and crop.shape[0] > 20:
            turns = turns[1:] + turns[:1]  # tall: most likely a rotated title
        best = ("", 0.0)
        for turned in turns:
            text, score = self._recognize(turned)
            if score > best[1]:
                best = (text, score)
            if best[1] >= 0.85:
                break
        if best[1] < self.min_score or not best[0]:
            return None
        return OcrText(best[0], box, best[1])

    def read(self, image: "np.ndarray") -> list[OcrText]:
        """Detected lines, plus label blobs the detector missed or merged, each read alone."""
        from docparse.readers.charts.ticks import parse_tick

        detected = self.detect_and_read(image)
        blobs = find_text_boxes(image, max(40, int(0.08 * image.shape[0])))
        kept: list[OcrText] = []
        out: list[OcrText] = []
        for d in detected:
            inside = [b for b in blobs if _overlap(b, d.box) > 0.6]
            if len(inside) >= 2 and parse_tick(d.text) is None:
                parts = [self.read_box(image, b) for b in inside]
                if all(p is not None and parse_tick(p.text) is not None for p in parts):
                    out.extend(p for p in parts if p is not None)  # tick labels read as one line
                    continue
            kept.append(d)
        out.extend(kept)
        for box in blobs:
            if any(_overlap(box, d.box) > 0.3 for d in out):
                continue
            found = self.read_box(image, box)
            if found is not None:
                out.append(found)
        return out

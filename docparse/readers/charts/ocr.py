"""The one OCR call the raster chart reader makes (RapidOCR / PP-OCRv4 weights from its wheel).

Kept behind :class:`ChartOcr` so it can be swapped for the shared OCR reader later.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np


@dataclass(frozen=True, slots=True)
class OcrText:
    text: str
    box: tuple[float, float, float, float]  # pixels x0, y0, x1, y1
    score: float

    @property
    def cx(self) -> float:
        return (self.box[0] + self.box[2]) / 2

    @property
    def cy(self) -> float:
        return (self.box[1] + self.box[3]) / 2


@dataclass
class ChartOcr:
    """Lazily loads RapidOCR once per reader; ``upscale`` helps with small tick fonts."""

    min_score: float = 0.5
    upscale_below: int = 900  # pixels: smaller images are enlarged 2× before OCR
    _engine: Any = field(default=None, repr=False)

    def _load(self) -> Any:
        if self._engine is None:
            from rapidocr_onnxruntime import RapidOCR

            self._engine = RapidOCR()
        return self._engine

    def read(self, image: "np.ndarray") -> list[OcrText]:
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

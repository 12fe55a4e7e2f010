"""What an OCR engine is: an RGB image in, recognised lines with word boxes out.

Boxes here are image pixels ``(x0, y0, x1, y1)``; :mod:`docparse.pages.textsource` maps
them to PDF points. Engines load their models lazily and keep them on the instance.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol, Sequence

if TYPE_CHECKING:
    import numpy as np

PixelBox = tuple[float, float, float, float]


@dataclass(frozen=True, slots=True)
class OcrWord:
    text: str
    bbox: PixelBox
    confidence: float = 1.0


@dataclass(frozen=True, slots=True)
class OcrLine:
    """One recognised text line; ``words`` tile it left to right."""

    text: str
    bbox: PixelBox
    confidence: float
    words: tuple[OcrWord, ...] = ()
    text_height: float | None = None  # pixels from ascender to descender ink, when measured


class OcrEngine(Protocol):
    """``recognize`` reads a whole page image (RGB uint8, H×W×3)."""

    name: str

    def recognize(self, image: "np.ndarray") -> list[OcrLine]: ...


def split_line_into_words(text: str, bbox: PixelBox, confidence: float) -> tuple[OcrWord, ...]:
    """Word boxes for a line without character positions: split its width by character count."""
    x0, y0, x1, y1 = bbox
    n = max(len(text), 1)
    step = (x1 - x0) / n
    words: list[OcrWord] = []
    start = None
    for i, ch in enumerate(text + " "):
        if ch != " " and start is None:
            start = i
        elif ch == " " and start is not None:
            words.append(OcrWord(text[start:i], (x0 + start * step, y0, x0 + i * step, y1), confidence))
            start = None
    return tuple(words)


def line_from_words(words: Sequence[OcrWord]) -> OcrLine:
    """A line whose text is its words joined by single spaces."""
    boxes = [w.bbox for w in words]
    bbox = (min(b[0] for b in boxes), min(b[1] for b in boxes),
            max(b[2] for b in boxes), max(b[3] for b in boxes))
    conf = sum(w.confidence for w in words) / len(words)
    return OcrLine(" ".join(w.text for w in words), bbox, conf, tuple(words))

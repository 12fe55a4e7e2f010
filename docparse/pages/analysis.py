"""Per-page analysis: the text layer (spans, lines, blocks, words), vector drawings and images.

Everything here is plain data (slotted dataclasses) read once from PyMuPDF so that the
classifiers and readers downstream never touch PyMuPDF objects themselves.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable, Sequence

from docparse.geometry import (  # noqa: F401 - the page model's box type and helpers
    BBox,
    bbox_area,
    bbox_intersection,
    bbox_overlap_fraction,
    bbox_union,
)

if TYPE_CHECKING:
    import numpy as np

    from docparse.pages.glyphs import Glyph

_BOLD_FLAG = 16
_ITALIC_FLAG = 2
_MONO_FLAG = 8
_SUPERSCRIPT_FLAG = 1
# bold faces by name: generic names, TeX's CMBX/CMSSBX/CMB, URW's "Medi", "Demi", "-Bd"
_BOLD_FONT = re.compile(r"(bold|black|heavy|demi|semibold|medi(um)?\b|medi$|cmbx|cmssbx|cmb\d|-bd\b|,b$|\.b$)", re.I)
_SMALL_CAPS_FONT = re.compile(r"(cmcsc|smallcaps|-sc\b|\bsc$|caps)", re.I)


@dataclass(slots=True)
class Span:
    text: str
    bbox: BBox
    font: str
    size: float
    flags: int = 0
    color: int = 0

    @property
    def bold(self) -> bool:
        return bool(self.flags & _BOLD_FLAG) or bool(_BOLD_FONT.search(self.font))

    @property
    def small_caps(self) -> bool:
        return bool(_SMALL_CAPS_FONT.search(self.font))

    @property
    def italic(self) -> bool:
        f = self.font.lower()
        return bool(self.flags & _ITALIC_FLAG) or "italic" in f or "oblique" in f or f.endswith("-it")

    @property
    def monospace(self) -> bool:
        f = self.font.lower()
        return bool(self.flags & _MONO_FLAG) or "mono" in f or "courier" in f or "consol" in f

    @property
    def superscript(self) -> bool:
        return bool(self.flags & _SUPERSCRIPT_FLAG)


SPAN_SPACE_GAP = 0.25  # of the font size: a wider gap between two spans is a word space


def gap_reads_as_space(prev: Span, span: Span) -> bool:
    """The PDF leaves a visible gap between two horizontal spans but draws no space character
    (TeX math: "∈V" drawn as "∈ V"); subscripts and kerned spans stay joined."""
    return (bool(span.text) and bool(prev.text) and not prev.text[-1].isspace() and not span.text[0].isspace()
            and span.bbox[0] - prev.bbox[2] > SPAN_SPACE_GAP * min(prev.size, span.size))


def join_spans(spans: Sequence[Span], horizontal: bool = True) -> str:
    """The spans' text, with a space where :func:`gap_reads_as_space` (horizontal lines only)."""
    parts: list[str] = []
    prev: Span | None = None
    for span in spans:
        if horizontal and prev is not None and gap_reads_as_space(prev, span):
            parts.append(" ")
        parts.append(span.text)
        prev = span
    return "".join(parts)


@dataclass(slots=True)
class Line:
    spans: list[Span]
    bbox: BBox
    block: int = 0  # index of the PyMuPDF block it came from
    direction: tuple[float, float] = (1.0, 0.0)
    style_cache: tuple[bool, bool] | None = field(default=None, repr=False, compare=False)

    @property
    def text(self) -> str:
        return join_spans(self.spans, horizontal=abs(self.direction[1]) < 0.05)

    @property
    def size(self) -> float:
        """Dominant font size (by character count)."""
        best: dict[float, int] = {}
        for s in self.spans:
            if s.text.strip():
                key = round(s.size, 1)
                best[key] = best.get(key, 0) + len(s.text.strip())
        return max(best, key=best.__getitem__) if best else (self.spans[0].size if self.spans else 0.0)

    def _styled_share(self, attr: str) -> float:
        """Share of the line's letters drawn in a style (symbols and digits do not vote)."""
        total = styled = 0
        for s in self.spans:
            n = sum(1 for c in s.text if c.isalpha())
            total += n
            if getattr(s, attr):
                styled += n
        return styled / total if total else 0.0

    def _style(self) -> tuple[bool, bool]:
        if self.style_cache is None:
            self.style_cache = (self._styled_share("bold") >= 0.8, self._styled_share("italic") >= 0.8)
        return self.style_cache

    @property
    def bold(self) -> bool:
        return self._style()[0]

    @property
    def italic(self) -> bool:
        return self._style()[1]

    @property
    def small_caps(self) -> bool:
        chars = [s for s in self.spans if s.text.strip() and any(c.isalpha() for c in s.text)]
        return bool(chars) and all(s.small_caps for s in chars)

    @property
    def monospace(self) -> bool:
        chars = [s for s in self.spans if s.text.strip()]
        return bool(chars) and all(s.monospace for s in chars)

    @property
    def font(self) -> str:
        chars = [s for s in self.spans if s.text.strip()]
        return chars[0].font if chars else ""

    @property
    def horizontal(self) -> bool:
        return abs(self.direction[1]) < 0.05 and self.direction[0] > 0


@dataclass(slots=True)
class Word:
    text: str
    bbox: BBox
    block: int
    line: int


@dataclass(slots=True)
class PathItem:
    """One drawing command: ``op`` is 'l' (line), 'c' (curve), 're' (rect), 'qu' (quad)."""

    op: str
    points: tuple[tuple[float, float], ...]


@dataclass(slots=True)
class Drawing:
    bbox: BBox
    items: list[PathItem]
    fill: tuple[float, float, float] | None = None
    stroke: tuple[float, float, float] | None = None
    width: float = 0.0
    closed: bool = False

    @property
    def is_filled(self) -> bool:
        return self.fill is not None

    @property
    def is_horizontal_rule(self) -> bool:
        x0, y0, x1, y1 = self.bbox
        return (y1 - y0) <= 3.0 and (x1 - x0) >= 10.0

    @property
    def is_vertical_rule(self) -> bool:
        x0, y0, x1, y1 = self.bbox
        return (x1 - x0) <= 3.0 and (y1 - y0) >= 10.0


@dataclass(slots=True)
class ImageInfo:
    bbox: BBox
    xref: int
    width: int  # pixels
    height: int


@dataclass
class PageAnalysis:
    """Everything known about one page before region classification."""

    number: int  # 1-based
    width: float
    height: float
    rotation: int = 0
    ocr: bool = False  # text came from OCR, not the text layer
    ocr_turns: int = 0  # counter-clockwise quarter turns OCR's orientation correction gave the rendered page
    lines: list[Line] = field(default_factory=list)
    words: list[Word] = field(default_factory=list)
    drawings: list[Drawing] = field(default_factory=list)
    images: list[ImageInfo] = field(default_factory=list)
    links: list[tuple[BBox, str]] = field(default_factory=list)
    render: Callable[[int], "np.ndarray"] | None = field(default=None, repr=False)
    # the text inside a box as drawn, one line per text-showing operation (text layer only)
    glyph_runs: Callable[[BBox], list[Line]] | None = field(default=None, repr=False)
    # single glyphs with their baselines inside a box (text layer only): the formula reader's input
    glyphs: Callable[[BBox], list["Glyph"]] | None = field(default=None, repr=False)
    warnings: list[str] = field(default_factory=list)
    # what lost the page's content (OCR needed but not installed): fatal page issues, a failed exit
    failures: list[str] = field(default_factory=list)
    _raster_cache: dict[int, "np.ndarray"] = field(default_factory=dict, repr=False)

    @property
    def bbox(self) -> BBox:
        return (0.0, 0.0, self.width, self.height)

    def lines_in(self, bbox: BBox, min_overlap: float) -> list[Line]:
        """Lines with text whose box lies at least ``min_overlap`` inside ``bbox``."""
        return [ln for ln in self.lines if ln.text.strip() and bbox_overlap_fraction(ln.bbox, bbox) >= min_overlap]

    @property
    def text_chars(self) -> int:
        return sum(len(line.text.strip()) for line in self.lines)

    def raster(self, dpi: int = 150) -> "np.ndarray":
        """The page as an RGB uint8 array at ``dpi``, rendered on first use and cached."""
        if dpi not in self._raster_cache:
            if self.render is None:
                raise RuntimeError(f"page {self.number} has no rasterizer attached")
            self._raster_cache[dpi] = self.render(dpi)
        return self._raster_cache[dpi]

    def crop(self, bbox: BBox, dpi: int = 150) -> "np.ndarray":
        """A region of the page raster, ``bbox`` in PDF points."""
        img = self.raster(dpi)
        sx = img.shape[1] / self.width
        sy = img.shape[0] / self.height
        x0, y0, x1, y1 = bbox
        return img[max(0, int(y0 * sy)) : int(y1 * sy) + 1, max(0, int(x0 * sx)) : int(x1 * sx) + 1]

    def release(self) -> None:
        """Drop cached rasters (pages are processed one at a time to keep memory flat)."""
        self._raster_cache.clear()

"""Where a page's text comes from: its text layer, or OCR when that layer is missing or bad.

The pipeline calls ``prepare`` once per page before classification; an OCR source replaces
``page.lines``/``page.words`` with recognised text and may mark the page as OCRed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from docparse.config import OcrMode
from docparse.geometry import pad
from docparse.options.ocr import OcrDecisionOptions
from docparse.pages.analysis import Line, PageAnalysis, Word, bbox_area, bbox_intersection, bbox_overlap_fraction

if TYPE_CHECKING:
    from docparse.config import OcrOptions
    from docparse.ocr.base import OcrEngine
    from docparse.pages.preprocess import Orientation


class TextSource(Protocol):
    def prepare(self, page: PageAnalysis) -> PageAnalysis: ...


class TextLayerOnly:
    """Use the PDF's text layer as it is (``--ocr never``)."""

    def prepare(self, page: PageAnalysis) -> PageAnalysis:
        if not page.lines and page.images:
            page.warnings.append("page has no text layer and OCR is off; its text is not read")
        return page


# --- OCR -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class OcrDecision:
    run: bool
    reason: str
    verify: bool = False  # a scan with a text layer: check the layer against the image first
    lines_only: bool = False  # OCR only the mis-encoded lines of a born-digital page


def garbage_ratio(text: str) -> float:
    """Share of characters that no reader can use: U+FFFD, private use, controls, CID codes."""
    chars = [c for c in text if not c.isspace()]
    if not chars:
        return 0.0
    bad = sum(1 for c in chars if c == "\ufffd" or "\ue000" <= c <= "\uf8ff" or ord(c) < 32)
    return bad / len(chars)


_MOJIBAKE_EXTRA = frozenset("†‡•…‰™")


def _is_mojibake_word(word: str) -> bool:
    """A word of a font whose codes map to the wrong characters: mostly Latin-1 and Latin
    Extended letters and symbols ("°ê£ë†£ûÜüéê"); words of real languages carry a few accents
    among plain letters ("été" is the rare short exception, hence a page-level share)."""
    if len(word) < 3:
        return False
    odd = sum(1 for c in word if 0xA0 <= ord(c) <= 0x24F or c in _MOJIBAKE_EXTRA)
    return odd >= 0.6 * len(word)


def mojibake_ratio(text: str) -> float:
    """Share of the characters that sit in mis-encoded words."""
    words = text.split()
    total = sum(len(w) for w in words)
    return sum(len(w) for w in words if _is_mojibake_word(w)) / total if total else 0.0


def mis_encoded_lines(page: PageAnalysis, share: float = 0.5) -> list[Line]:
    """Lines whose characters mostly sit in mis-encoded words."""
    return [ln for ln in page.lines if ln.text.strip() and mojibake_ratio(ln.text) >= share]


def image_cover(page: PageAnalysis) -> float:
    """Share of the page covered by its largest image."""
    area = bbox_area(page.bbox)
    if area <= 0 or not page.images:
        return 0.0
    return max(bbox_intersection(i.bbox, page.bbox) for i in page.images) / area


def decide_ocr(page: PageAnalysis, mode: OcrMode, settings: OcrDecisionOptions) -> OcrDecision:
    """Whether a page needs OCR."""
    if mode is OcrMode.NEVER:
        return OcrDecision(False, "ocr off")
    if mode is OcrMode.ALWAYS:
        return OcrDecision(True, "ocr always")
    text = "".join(line.text for line in page.lines)
    chars = len(text.strip())
    cover = image_cover(page)
    if chars and garbage_ratio(text) > settings.max_garbage:
        return OcrDecision(True, "text layer is unreadable")
    if chars and mojibake_ratio(" ".join(line.text for line in page.lines)) > settings.max_mojibake_page:
        return OcrDecision(True, "text layer is mis-encoded")
    if chars and mis_encoded_lines(page):
        return OcrDecision(True, "some text lines are mis-encoded", lines_only=True)
    if chars == 0:
        if page.images or page.drawings:  # a scan, or text drawn as outlines
            return OcrDecision(True, "no text layer")
        return OcrDecision(False, "blank page")
    if chars < settings.min_chars and cover >= settings.full_page_image:
        return OcrDecision(True, "full-page image, almost no text layer")
    if cover >= settings.full_page_image:
        return OcrDecision(True, "full-page image with a text layer", verify=True)
    return OcrDecision(False, "born-digital")


def word_agreement(layer: str, ocr: str) -> float:
    """Share of the text layer's words that OCR also read (multiset, case-insensitive)."""
    from collections import Counter

    def words(text: str) -> Counter[str]:
        return Counter(w for w in ("".join(c for c in t if c.isalnum()).lower() for t in text.split()) if w)

    want, got = words(layer), words(ocr)
    total = sum(want.values())
    return sum((want & got).values()) / total if total else 0.0


def native_dpi(page: PageAnalysis) -> float | None:
    """The resolution of the image that covers the page (a scan), or None."""
    full = [i for i in page.images if bbox_area(i.bbox) >= 0.5 * bbox_area(page.bbox)]
    if not full:
        return None
    img = max(full, key=lambda i: bbox_area(i.bbox))
    return img.width / max((img.bbox[2] - img.bbox[0]) / 72.0, 1e-6)


def render_dpi(page: PageAnalysis, wanted: int) -> int:
    """OCR at the scan's own resolution when it is lower than ``wanted`` (never below 150)."""
    native = native_dpi(page)
    return wanted if native is None else int(max(150, min(wanted, round(native))))


class OcrTextSource:
    """Text layer where it is good, OCR where it is missing, garbage or a scan (``--ocr``).

    Models (the engine's, the orientation classifier's) load on first use and stay on this
    object. OCR pages are rendered in the corrected frame (upright, deskewed), and
    ``page.render`` is replaced so that later readers crop the same corrected image.
    """

    def __init__(self, options: "OcrOptions", engine: "OcrEngine", orientation: "Orientation") -> None:
        self.options = options
        self.engine = engine  # chosen by the composition root (docparse.components)
        self.decision = options.decision
        self.preprocess = options.preprocess
        self.orientation = orientation

    def prepare(self, page: PageAnalysis) -> PageAnalysis:
        decision = decide_ocr(page, self.options.mode, self.decision)
        if not decision.run:
            return page
        dpi = render_dpi(page, self.options.dpi)
        if decision.verify and self._layer_matches_image(page, dpi):
            return page
        try:
            if decision.lines_only:
                return self._ocr_lines(page, mis_encoded_lines(page), dpi, decision.reason)
            return self._ocr_page(page, dpi, decision.reason)
        except ImportError as exc:
            page.failures.append(f"the page needs OCR, which is not installed ({exc}); its text is not read: "
                                 "install the extra: pip install -e '.[ocr]' in the docparse checkout")
            return page

    def _layer_matches_image(self, page: PageAnalysis, dpi: int) -> bool:
        """OCR a sample of the text layer's lines and compare (cheap: a strip of crops)."""
        import numpy as np

        step = max(1, len(page.lines) // self.decision.sample_lines)
        sample = [ln for ln in page.lines[::step] if ln.text.strip()][: self.decision.sample_lines]
        crops = [page.crop(pad(ln.bbox, 2.0), dpi) for ln in sample]
        crops = [c for c in crops if c.size and c.shape[0] >= 4]
        if not crops:
            return False
        width = max(c.shape[1] for c in crops)
        gap = np.full((12, width, 3), 255, np.uint8)
        rows = [np.pad(c, ((0, 0), (0, width - c.shape[1]), (0, 0)), constant_values=255) for c in crops]
        strip = np.concatenate([x for r in rows for x in (r, gap)])
        ocr_text = " ".join(line.text for line in self.engine.recognize(strip))
        layer_text = " ".join(ln.text for ln in sample)
        return word_agreement(layer_text, ocr_text) >= self.decision.min_agreement

    def _ocr_page(self, page: PageAnalysis, dpi: int, reason: str) -> PageAnalysis:
        from docparse.pages.frame import use_corrected_frame
        from docparse.pages.ocrlines import ocr_to_text_layer
        from docparse.pages.preprocess import correct_page

        transform, image = correct_page(page.raster(dpi), self.preprocess, self.orientation)
        use_corrected_frame(page, transform, image, dpi, native_dpi(page))  # later readers crop what OCR saw
        lines = self.engine.recognize(image)
        page.lines, page.words = ocr_to_text_layer(lines, 72.0 / dpi, self.options.lines)
        page.ocr = True
        page.warnings.append(f"OCR ({self.engine.name}, {dpi} dpi): {reason}")
        return page

    def _ocr_lines(self, page: PageAnalysis, bad: list[Line], dpi: int, reason: str) -> PageAnalysis:
        """Replace mis-encoded lines with OCR of their areas; every other line keeps its text
        layer (fonts, styles, exact positions)."""
        from dataclasses import replace

        from docparse.pages.ocrlines import ocr_to_text_layer

        areas = replace(self.options.lines, body_size=0.0)  # sizes of a few lines stay absolute

        dropped = {id(ln) for ln in bad}
        lines = [ln for ln in page.lines if id(ln) not in dropped]
        words = [w for w in page.words if not any(bbox_overlap_fraction(w.bbox, ln.bbox) >= 0.5 for ln in bad)]
        blocks = max((ln.block for ln in page.lines), default=0) + 1
        for area in line_areas(bad):
            box = pad(area, 3.0)
            crop = page.crop(box, dpi)
            if not crop.size:
                continue
            sx = (box[2] - box[0]) / crop.shape[1]  # points per pixel (the crop keeps the aspect)
            got, got_words = ocr_to_text_layer(self.engine.recognize(crop), sx, areas)
            first = len(lines)
            for line in got:
                lines.append(_shifted_line(line, box[0], box[1], blocks))
            words.extend(Word(w.text, _shift(w.bbox, box[0], box[1]), w.block + blocks, w.line + first)
                          for w in got_words)
            blocks += max((ln.block for ln in got), default=0) + 1
        page.lines, page.words = lines, words
        page.warnings.append(f"OCR ({self.engine.name}, {dpi} dpi) of {len(bad)} lines: {reason}")
        return page


def line_areas(lines: list[Line], gap: float = 1.5) -> list[tuple[float, float, float, float]]:
    """Boxes around runs of lines that sit within ``gap`` line heights of each other and
    overlap horizontally (one OCR call per area, not per line)."""
    areas: list[list[float]] = []
    for ln in sorted(lines, key=lambda ln: (ln.bbox[1], ln.bbox[0])):
        height = ln.bbox[3] - ln.bbox[1]
        near = next((a for a in areas if ln.bbox[1] - a[3] <= gap * height and
                     min(a[2], ln.bbox[2]) > max(a[0], ln.bbox[0])), None)
        if near is None:
            areas.append(list(ln.bbox))
        else:
            near[:] = [min(near[0], ln.bbox[0]), min(near[1], ln.bbox[1]),
                       max(near[2], ln.bbox[2]), max(near[3], ln.bbox[3])]
    return [(a[0], a[1], a[2], a[3]) for a in areas]


def _shift(b: tuple[float, float, float, float], dx: float, dy: float) -> tuple[float, float, float, float]:
    return (b[0] + dx, b[1] + dy, b[2] + dx, b[3] + dy)


def _shifted_line(line: Line, dx: float, dy: float, blocks: int) -> Line:
    from dataclasses import replace

    spans = [replace(s, bbox=_shift(s.bbox, dx, dy)) for s in line.spans]
    return replace(line, spans=spans, bbox=_shift(line.bbox, dx, dy), block=line.block + blocks)

"""OCR lines (image pixels) → the text-layer model (:class:`Line`/:class:`Span`/:class:`Word`, PDF points).

Each recognised word becomes a span, so word boxes survive. Lines are grouped into blocks the
way a PDF text layer groups them (a paragraph, a column), and emitted block by block so the
born-digital classifiers see the same shapes they see on digital pages. Font size is estimated
from the line's box height.
"""

from __future__ import annotations

import re
from typing import Sequence

from docparse.ocr.base import OcrLine, PixelBox
from docparse.options.ocr import OcrLineOptions
from docparse.pages.analysis import Line, Span, Word

OCR_FONT = "OCR"
_MARKER_RE = re.compile(r"^(\d{1,2}[.)]?|[ivx]{1,3}[.)]|[a-zA-Z][.)]|[-*\u2022\u00b7\u2013\u2014\u25aa\u25a0\u25cf\u25cb\u25e6])$")


def _scale(b: PixelBox, k: float) -> tuple[float, float, float, float]:
    return (b[0] * k, b[1] * k, b[2] * k, b[3] * k)


def to_line(ocr: OcrLine, scale: float, settings: OcrLineOptions) -> Line:
    """One OCR line as a text-layer line: a span per word (joined by spaces)."""
    bbox = _scale(ocr.bbox, scale)
    if ocr.text_height:  # the ink's height: detector boxes vary with their padding
        size = round(max(ocr.text_height * scale, 1.0) * settings.size_per_ink, 1)
    else:
        size = round(max(bbox[3] - bbox[1], 1.0) * settings.size_per_height, 1)
    words = ocr.words or ()
    if not words:
        return Line([Span(ocr.text, bbox, OCR_FONT, size)], bbox)
    spans = [
        Span(w.text + (" " if k < len(words) - 1 else ""), _scale(w.bbox, scale), OCR_FONT, size)
        for k, w in enumerate(words)
    ]
    return Line(spans, bbox)


def _h_overlap(a: Line, b: Line) -> float:
    inter = min(a.bbox[2], b.bbox[2]) - max(a.bbox[0], b.bbox[0])
    narrower = min(a.bbox[2] - a.bbox[0], b.bbox[2] - b.bbox[0])
    return inter / narrower if narrower > 0 else 0.0


def _height(line: Line) -> float:
    return max(line.bbox[3] - line.bbox[1], 1.0)


def same_block(a: Line, b: Line, settings: OcrLineOptions) -> bool:
    """Lines that a PDF text layer would put in one block (a is above or left of b)."""
    h = min(_height(a), _height(b))
    v_overlap = min(a.bbox[3], b.bbox[3]) - max(a.bbox[1], b.bbox[1])
    left, right = (a, b) if a.bbox[0] <= b.bbox[0] else (b, a)
    if v_overlap > 0.5 * h and is_list_marker(left.text, settings.max_marker_chars):
        # a list number or bullet (its box may be much smaller than the text's)
        return right.bbox[0] - left.bbox[2] <= settings.marker_gap * _height(right)
    if abs(_height(a) - _height(b)) > 0.45 * max(_height(a), _height(b)):
        return False
    if v_overlap > 0.5 * h:  # same baseline: fragments of one visual line
        return right.bbox[0] - left.bbox[2] <= settings.same_line_gap * h
    gap = max(b.bbox[1] - a.bbox[3], a.bbox[1] - b.bbox[3])
    return gap <= settings.block_gap * h and _h_overlap(a, b) >= settings.min_overlap


def is_list_marker(text: str, max_chars: int = 3) -> bool:
    """A list number or bullet on its own ("2", "3.", "a)", "•")."""
    text = text.strip()
    return len(text) <= max_chars and bool(_MARKER_RE.match(text))


def group_blocks(lines: Sequence[Line], settings: OcrLineOptions) -> list[list[Line]]:
    """Connected groups of lines (union-find over neighbouring pairs), each sorted top-down."""
    parent = list(range(len(lines)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    order = sorted(range(len(lines)), key=lambda i: lines[i].bbox[1])
    for n, i in enumerate(order):
        for j in order[n + 1:]:
            if lines[j].bbox[1] - lines[i].bbox[3] > 2 * _height(lines[i]):
                break
            if same_block(lines[i], lines[j], settings):
                parent[find(j)] = find(i)
    groups: dict[int, list[Line]] = {}
    for i in order:
        groups.setdefault(find(i), []).append(lines[i])
    blocks = [reading_rows(g) for g in groups.values()]
    return sorted(blocks, key=lambda b: (min(ln.bbox[1] for ln in b), min(ln.bbox[0] for ln in b)))


def reading_rows(lines: Sequence[Line]) -> list[Line]:
    """Lines top-down; lines that share a row (vertical overlap over half the lower one's
    height: a list number and its text) left to right."""
    rows: list[list[Line]] = []
    for line in sorted(lines, key=lambda ln: (ln.bbox[1] + ln.bbox[3]) / 2):
        row = rows[-1] if rows else None
        if row is not None:
            overlap = min(row[-1].bbox[3], line.bbox[3]) - max(row[-1].bbox[1], line.bbox[1])
            if overlap > 0.5 * min(_height(row[-1]), _height(line)):
                row.append(line)
                continue
        rows.append([line])
    return [line for row in rows for line in sorted(row, key=lambda ln: ln.bbox[0])]


def block_font_size(block: Sequence[Line], settings: OcrLineOptions) -> float:
    """One size for a block (its lines' lower median): single OCR measurements are noisy,
    and of a title over its subtitle the larger is the exception."""
    sizes = sorted(line.size for line in block)
    return sizes[(len(sizes) - 1) // 2]


def line_sizes(block: Sequence[Line], settings: OcrLineOptions) -> list[float]:
    """Each line's size: the block's, unless the line is clearly larger (a heading set
    right above its paragraph, which the geometry alone keeps in one block)."""
    median = block_font_size(block, settings)
    return [line.size if line.size >= settings.own_size * median and looks_like_heading_line(line.text)
            else median for line in block]


def looks_like_heading_line(text: str) -> bool:
    """A line that may start a heading: not a fragment, not starting lower-case, not hyphenated
    (a body line measured large, from a speck or a neighbour's descenders, is not a heading)."""
    text = text.strip()
    return len(text) > 3 and not text[0].islower() and not text.endswith(("-", ","))


def dominant_size(blocks: Sequence[Sequence[Line]], sizes: Sequence[float]) -> float:
    """The page's body text size: the median block size, weighted by characters."""
    weighted = sorted((size, sum(len(line.text) for line in block)) for block, size in zip(blocks, sizes))
    total = sum(w for _, w in weighted)
    if not total:
        return 1.0
    seen = 0
    for size, w in weighted:
        seen += w
        if seen >= total / 2:
            return size
    return weighted[-1][0]


def ocr_to_text_layer(
    ocr_lines: Sequence[OcrLine], scale: float, settings: OcrLineOptions = OcrLineOptions()
) -> tuple[list[Line], list[Word]]:
    """Lines (block by block, ``Line.block`` set) and words, in PDF points (``scale`` = 72/dpi)."""
    converted = [to_line(o, scale, settings) for o in ocr_lines if o.text.strip()]
    lines: list[Line] = []
    words: list[Word] = []
    blocks = group_blocks(converted, settings)
    sizes = [block_font_size(block, settings) for block in blocks]
    factor = settings.body_size / dominant_size(blocks, sizes) if settings.body_size else 1.0
    for b, block in enumerate(blocks):
        for line, own in zip(block, line_sizes(block, settings)):
            size = round(own * factor, 1)
            line.block = b
            line.spans = [Span(s.text, s.bbox, s.font, size, s.flags, s.color) for s in line.spans]
            n = len(lines)
            lines.append(line)
            words.extend(Word(s.text.strip(), s.bbox, b, n) for s in line.spans if s.text.strip())
    return lines, words

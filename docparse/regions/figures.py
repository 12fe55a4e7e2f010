"""Chart-group classifier: pictures (embedded images) and vector graphics clusters."""

from __future__ import annotations

from typing import Sequence

from docparse.document import RegionKind
from docparse.pages.analysis import BBox, PageAnalysis, bbox_area
from docparse.pages.document_context import DocumentContext
from docparse.regions.base import Detector, RegionProposal, is_claimed


class FigureClassifier:
    """Embedded images larger than ``min_fraction`` of the page become figure regions."""

    def __init__(self, min_fraction: float = 0.01) -> None:
        self.min_fraction = min_fraction

    def classify(
        self, page: PageAnalysis, context: DocumentContext, claimed: Sequence[RegionProposal]
    ) -> list[RegionProposal]:
        page_area = page.width * page.height
        out: list[RegionProposal] = []
        for image in page.images:
            x0, y0, x1, y1 = image.bbox
            box = (max(0.0, x0), max(0.0, y0), min(page.width, x1), min(page.height, y1))
            if bbox_area(box) < self.min_fraction * page_area or bbox_area(box) > 0.95 * page_area:
                continue
            if is_claimed(box, claimed) or is_claimed(box, out) or is_text_background(box, page):
                continue
            out.append(RegionProposal(bbox=box, kind=RegionKind.FIGURE, detector=Detector.IMAGE))
        return out


def is_text_background(box: BBox, page: PageAnalysis, max_line_heights: float = 3.0,
                       prose_words: int = 40, prose_line_words: int = 7) -> bool:
    """A picture drawn behind text, not a figure: a band no taller than a few of the text lines
    lying on it (a heading bar), or a panel carrying running text (a cover, a sidebar). The
    text stays text; a figure would swallow it as labels."""
    inside = page.lines_in(box, 0.8)
    if not inside:
        return False
    tallest = max(ln.bbox[3] - ln.bbox[1] for ln in inside)
    if (box[3] - box[1]) <= max_line_heights * tallest:
        return True
    words = [len(ln.text.split()) for ln in inside]
    long_lines = sum(1 for w in words if w >= prose_line_words)
    return sum(words) >= prose_words and long_lines >= 0.25 * len(words)

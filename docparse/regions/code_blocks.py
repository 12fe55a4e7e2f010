"""Program listings among the text blocks: blocks set in a fixed-pitch face that is not the
document's body face become ``code`` regions, and the pieces of one listing join up.

A listing's lines are often spaced apart (a blank line between statements), so the block
splitter cuts it into several blocks; :func:`merge_code_blocks` puts them back together. A
document typed throughout in Courier has no code blocks: its body face is fixed-pitch.
"""

from __future__ import annotations

from typing import Sequence

from docparse.document import RegionKind
from docparse.pages.analysis import Line, PageAnalysis, bbox_union
from docparse.pages.document_context import DocumentContext
from docparse.pages.fonts import fixed_pitch_fonts
from docparse.pages.ocrlines import OCR_FONT
from docparse.regions.base import RegionProposal

MAX_LISTING_GAP = 3.0  # line heights of blank space inside one listing


def code_fonts(page: PageAnalysis, context: DocumentContext) -> frozenset[str]:
    """Fixed-pitch faces on this page or in the document, less the body face. OCR knows no
    faces: recognised text is never code by its font (a typewritten scan is not a listing)."""
    if page.ocr:
        return frozenset()
    on_page = fixed_pitch_fonts(span for line in page.lines for span in line.spans)
    return (on_page | context.fonts.fixed_pitch_fonts) - {context.fonts.body_font, OCR_FONT}


def is_code_block(block: Sequence[Line], fonts: frozenset[str]) -> bool:
    """Every visible span of the block is set in one of the code ``fonts``."""
    spans = [s for line in block for s in line.spans if s.text.strip()]
    return bool(spans) and all(s.font in fonts for s in spans)


def _line_height(p: RegionProposal) -> float:
    return max(1.0, min(line.bbox[3] - line.bbox[1] for line in p.lines))


def _continues_listing(prev: RegionProposal, cur: RegionProposal) -> bool:
    """``cur`` sits right under ``prev`` in the same column, a few blank lines at most."""
    gap = cur.bbox[1] - prev.bbox[3]
    overlap = min(prev.bbox[2], cur.bbox[2]) - max(prev.bbox[0], cur.bbox[0])
    return -1.0 <= gap <= MAX_LISTING_GAP * _line_height(prev) and overlap > 0


def merge_code_blocks(proposals: list[RegionProposal]) -> list[RegionProposal]:
    """Consecutive code proposals of one listing become one."""
    out: list[RegionProposal] = []
    for p in proposals:
        prev = out[-1] if out else None
        if prev is not None and RegionKind.CODE is p.kind is prev.kind and _continues_listing(prev, p):
            prev.lines = [*prev.lines, *p.lines]
            prev.bbox = bbox_union([prev.bbox, p.bbox])
            continue
        out.append(p)
    return out

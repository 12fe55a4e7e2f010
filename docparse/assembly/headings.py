"""Heading levels across the document: raw levels (outline, numbering, font rank) → 1..6.

The title is level 1; when a document has a title, every heading moves one level down so
that "1 Introduction" is ``##`` under ``# Title``; levels are clamped to 6.
"""

from __future__ import annotations

from docparse.document import Document, RegionKind


def normalize_heading_levels(document: Document) -> None:
    headings = [r for r in document.regions() if r.kind is RegionKind.HEADING]
    has_title = any(True for _ in document.regions(RegionKind.TITLE))
    if not headings:
        return
    shift = 1 if has_title else 0
    for region in headings:
        region.level = max(1 + shift, min(6, (region.level or 1) + shift))
    for region in document.regions(RegionKind.TITLE):
        region.level = 1

"""Running headers and footers on OCR pages, found after all pages are read.

On born-digital documents the pre-pass finds running texts in the text layer; a scan has no
text layer then, so OCR pages get the same test here: a short text in the top or bottom band
that repeats (digits folded) on several OCR pages becomes a page header or footer. Ids and
reading order of the page's other regions are renumbered.
"""

from __future__ import annotations

from collections import Counter

from docparse.config import AssemblyOptions
from docparse.document import Document, Page, Region, RegionKind, region_id
from docparse.options.layout import OcrFurnitureOptions
from docparse.pages.context import normalize_running

_CANDIDATE_KINDS = (RegionKind.PARAGRAPH, RegionKind.HEADING, RegionKind.TITLE, RegionKind.CAPTION)


def margin_side(region: Region, page: Page, band: float) -> RegionKind | None:
    """PAGE_HEADER/PAGE_FOOTER when the region lies in the top/bottom band, else None."""
    if region.bbox[3] <= page.height * band:
        return RegionKind.PAGE_HEADER
    if region.bbox[1] >= page.height * (1 - band):
        return RegionKind.PAGE_FOOTER
    return None


def _candidates(page: Page, settings: OcrFurnitureOptions) -> list[tuple[Region, RegionKind, str]]:
    out = []
    for region in page.regions:
        if region.kind not in _CANDIDATE_KINDS or len(region.text.strip()) > settings.max_chars:
            continue
        side = margin_side(region, page, settings.band)
        key = normalize_running(region.text)
        if side is not None and key and key != "#":
            out.append((region, side, key))
    return out


def mark_ocr_running_texts(document: Document, options: AssemblyOptions = AssemblyOptions()) -> None:
    """Repeated margin texts of OCR pages become page headers/footers (order -1): those on
    ``options.min_repeat_fraction`` of the OCR pages (at least two), the share the pre-pass uses."""
    settings = options.ocr_furniture
    pages = [p for p in document.pages if p.ocr]
    if len(pages) < 2:
        return
    found = {id(p): _candidates(p, settings) for p in pages}
    counts: Counter[str] = Counter()
    for cands in found.values():
        counts.update({key for _, _, key in cands})
    need = max(2, round(options.min_repeat_fraction * len(pages)))
    for page in pages:
        hits = [(r, side) for r, side, key in found[id(page)] if counts[key] >= need]
        if hits:
            for region, side in hits:
                region.kind = side
                region.order = -1
            renumber(page)


def renumber(page: Page) -> None:
    """Contiguous reading order over the body; ids per kind in that order, furniture last."""
    body = sorted((r for r in page.regions if not r.kind.is_furniture), key=lambda r: r.order)
    for k, region in enumerate(body):
        region.order = k
    furniture = [r for r in page.regions if r.kind.is_furniture]
    counters: Counter[RegionKind] = Counter()
    for region in body + furniture:
        counters[region.kind] += 1
        region.id = region_id(page.number, region.kind, counters[region.kind])
    page.regions = body + furniture

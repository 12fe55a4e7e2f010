"""Heading levels across the document.

Outline entries and numbering ("2.3 Methods") give levels directly; they also anchor font
sizes to levels. Unnumbered headings take the level of their size tier: walking the
document's heading sizes from largest to smallest, a size anchored by numbered headings
takes their level, any other size one level below the previous tier. The title is level 1;
a document with a title moves every heading one level down (``# Title``, ``## 1 Intro``)
unless the levels already leave level 1 to the title (an outline that holds the title).
"""

from __future__ import annotations

from collections import Counter

from docparse.assembly.furniture import renumber
from docparse.config import BlockRoleOptions
from docparse.document import Document, Region, RegionKind
from docparse.regions.block_cues import NUMBERED_HEADING_RE

_DEFAULT_ROLES = BlockRoleOptions()

_TIER_TOLERANCE = 0.8  # points: sizes this close are one tier


def _size(region: Region) -> float:
    return round((region.font_size or 0.0) * 2) / 2


def _tiers(sizes: list[float]) -> dict[float, float]:
    """Map each size to its tier's representative (largest size of the tier)."""
    out: dict[float, float] = {}
    rep: float | None = None
    for s in sorted(set(sizes), reverse=True):
        if rep is None or rep - s > _TIER_TOLERANCE:
            rep = s
        out[s] = rep
    return out


def size_levels(headings: list[Region]) -> dict[float, int]:
    """Tier size → level, anchored by headings that already have a level."""
    tier_of = _tiers([_size(r) for r in headings])
    anchors: dict[float, Counter[int]] = {}
    for r in headings:
        if r.level is not None:
            anchors.setdefault(tier_of[_size(r)], Counter())[r.level] += 1
    levels: dict[float, int] = {}
    ordered = sorted(set(tier_of.values()), reverse=True)
    current = 0
    for i, tier in enumerate(ordered):
        if tier in anchors:
            current = anchors[tier].most_common(1)[0][0]
        else:
            below = [anchors[t].most_common(1)[0][0] for t in ordered[i + 1:] if t in anchors]
            ceiling = below[0] - 1 if below else 6
            current = max(1, min(current + 1, ceiling))
        levels[tier] = current
    return {s: levels[t] for s, t in tier_of.items()}


def normalize_heading_levels(document: Document) -> None:
    headings = [r for r in document.regions() if r.kind is RegionKind.HEADING]
    has_title = any(True for _ in document.regions(RegionKind.TITLE))
    for region in document.regions(RegionKind.TITLE):
        region.level = 1
    if not headings:
        return
    by_size = size_levels(headings)
    levels = [region.level if region.level is not None else by_size[_size(region)] for region in headings]
    # below a title, level-1 sections move down one; levels that already leave 1 to the title
    # (an outline whose first entry is the title: sections at 2) stay
    shift = 1 if has_title and min(levels) <= 1 else 0
    for region, level in zip(headings, levels):
        region.level = max(1 + (1 if has_title else 0), min(6, level + shift))


def _title_candidate(document: Document, roles: BlockRoleOptions) -> Region | None:
    """The first page's opening heading when nothing was set at a title size: unnumbered, in the
    top part of the page, among the first body regions, no smaller than any heading there, and
    centred on the page or larger than every other heading of the document."""
    page = document.pages[0]
    body = sorted(page.body(), key=lambda r: r.order)
    headings = [r for r in body if r.kind is RegionKind.HEADING]
    if not headings:
        return None
    largest = max(_size(r) for r in headings)
    for region in body[: roles.title_search_regions]:
        if region.kind is not RegionKind.HEADING:
            continue
        if NUMBERED_HEADING_RE.match(region.text) or region.bbox[1] >= page.height * roles.title_top_fraction:
            return None
        others = [_size(r) for r in document.regions(RegionKind.HEADING) if r is not region]
        centred = abs((region.bbox[0] + region.bbox[2]) / 2 - page.width / 2) <= roles.title_centre_tolerance * page.width
        standout = bool(others) and _size(region) > max(others)
        return region if _size(region) >= largest and (centred or standout) else None
    return None


def promote_title(document: Document, roles: BlockRoleOptions = _DEFAULT_ROLES) -> None:
    """Every document has a title: without a block at a title size, the first page's opening
    heading is it (a paper whose title is set bold at body size, its author below)."""
    if not document.pages or document.pages[0].number != 1 or any(True for _ in document.regions(RegionKind.TITLE)):
        return
    region = _title_candidate(document, roles)
    if region is not None:
        region.kind = RegionKind.TITLE
        region.level = 1
        renumber(document.pages[0])

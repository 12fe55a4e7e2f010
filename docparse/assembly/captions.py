"""Attach each caption to the nearest table, chart or figure on its page."""

from __future__ import annotations

from docparse.document import Page, Region, RegionKind

_TARGETS = (RegionKind.TABLE, RegionKind.CHART, RegionKind.FIGURE)


def _distance(caption: Region, target: Region) -> float:
    cx0, cy0, cx1, cy1 = caption.bbox
    tx0, ty0, tx1, ty1 = target.bbox
    overlap = min(cx1, tx1) - max(cx0, tx0)
    if overlap < 0.3 * min(cx1 - cx0, tx1 - tx0):
        return float("inf")
    if cy0 >= ty1:  # caption below
        return cy0 - ty1
    if cy1 <= ty0:  # caption above
        return ty0 - cy1
    return 0.0


def _prefers(caption: Region, target: Region) -> bool:
    word = caption.text.lstrip().lower()
    if target.kind is RegionKind.TABLE:
        return word.startswith(("table", "tab"))
    return not word.startswith(("table", "tab"))


def attach_captions(page: Page, max_gap: float = 60.0) -> None:
    captions = [r for r in page.regions if r.kind is RegionKind.CAPTION]
    targets = [r for r in page.regions if r.kind in _TARGETS]
    taken: set[str] = set()
    pairs = []
    for cap in captions:
        for tgt in targets:
            d = _distance(cap, tgt)
            if d <= max_gap:
                pairs.append((0 if _prefers(cap, tgt) else 1, d, cap, tgt))
    for _, _, cap, tgt in sorted(pairs, key=lambda t: (t[0], t[1])):
        if cap.caption_of or tgt.id in taken:
            continue
        cap.caption_of = tgt.id
        tgt.caption_id = cap.id
        taken.add(tgt.id)

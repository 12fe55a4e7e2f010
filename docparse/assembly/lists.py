"""List nesting: consecutive list items get a depth from their indentation."""

from __future__ import annotations

from docparse.document import Page, Region, RegionKind

INDENT_STEP = 12.0  # points of extra indentation per nesting level


def _runs_of_items(page: Page) -> list[list[Region]]:
    runs: list[list[Region]] = []
    current: list[Region] = []
    for region in page.body():
        if region.kind is RegionKind.LIST_ITEM:
            current.append(region)
        elif current:
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    return runs


def nest_list_items(page: Page) -> None:
    for items in _runs_of_items(page):
        # items in another column restart the indentation reference
        base = items[0].bbox[0]
        for item in items:
            if item.bbox[0] < base - INDENT_STEP * 4 or item.bbox[0] > base + INDENT_STEP * 12:
                base = item.bbox[0]
            base = min(base, item.bbox[0])
            depth = 1 + int(max(0.0, item.bbox[0] - base) / INDENT_STEP + 0.4)
            item.level = min(depth, 6)

"""Paragraphs split by a column or page break are marked as continuations.

The JSON keeps both parts (each with its own box); renderers join them into one paragraph.
"""

from __future__ import annotations

from docparse.document import Document, Region, RegionKind

_ENDS = (".", "!", "?", ":", ";", "”", '"', ")")


def _continues(prev: Region, nxt: Region, across_float: bool = False) -> bool:
    if prev.kind is not RegionKind.PARAGRAPH or nxt.kind is not RegionKind.PARAGRAPH:
        return False
    tail = prev.text.rstrip()
    head = nxt.text.lstrip()
    if not tail or not head or tail.endswith(_ENDS):
        return False
    if prev.page == nxt.page and not across_float and not (
            nxt.bbox[0] > prev.bbox[2] - 5 or nxt.bbox[1] < prev.bbox[1]):
        return False  # same column, right below: a real paragraph break
    return head[0].islower() or tail.endswith(("-", ",")) or head[0].isdigit()


# floats and notes that may sit between the two halves of a split paragraph
_FLOATS = (RegionKind.FOOTNOTE, RegionKind.CAPTION, RegionKind.TABLE, RegionKind.FIGURE, RegionKind.CHART)


def mark_continuations(document: Document) -> None:
    prev: Region | None = None
    across_float = False
    for region in document.regions():
        if region.kind in _FLOATS:
            across_float = True
            continue
        if prev is not None and _continues(prev, region, across_float):
            region.continues = prev.id
        prev = region
        across_float = False

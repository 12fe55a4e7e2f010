"""Paragraphs split by a column or page break are marked as continuations.

The JSON keeps both parts (each with its own box); renderers join them into one paragraph.
"""

from __future__ import annotations

from docparse.document import Document, Region, RegionKind

_ENDS = (".", "!", "?", ":", ";", "”", '"', ")")


def _continues(prev: Region, nxt: Region) -> bool:
    if prev.kind is not RegionKind.PARAGRAPH or nxt.kind is not RegionKind.PARAGRAPH:
        return False
    tail = prev.text.rstrip()
    head = nxt.text.lstrip()
    if not tail or not head or tail.endswith(_ENDS):
        return False
    if prev.page == nxt.page and not (nxt.bbox[0] > prev.bbox[2] - 5 or nxt.bbox[1] < prev.bbox[1]):
        return False  # same column, below: a real paragraph break
    return head[0].islower() or tail.endswith(("-", ",")) or head[0].isdigit()


def mark_continuations(document: Document) -> None:
    prev: Region | None = None
    for region in document.regions():
        if region.kind in (RegionKind.FOOTNOTE,):
            continue
        if prev is not None and _continues(prev, region):
            region.continues = prev.id
        prev = region

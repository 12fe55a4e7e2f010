"""A ruled frame around more than its table: a title row and a source/note row drawn inside.

Reports often rule the caption ("Exhibit 9 …") and the source line into the table's frame as
full-width cells. They are the table's caption and footnote, not rows: the region is trimmed
to leave them to the text classifier (which keeps them as caption and paragraph).
"""

from __future__ import annotations

import re
from typing import Sequence

from docparse.pages.analysis import BBox, Word
from docparse.tablegrid.text import text_in_box

TITLE_RE = re.compile(r"^\s*(table|tab\.|exhibit|figure)\s*[A-Z]?[-.–]?\d", re.IGNORECASE)
# "Source: …", "Notes. …", and the "Exhibit reads: …" line explaining how to read it
FOOT_RE = re.compile(r"^\s*(sources?|notes?|(exhibit|table|figure) reads)\b", re.IGNORECASE)
FULL_WIDTH = 0.95  # of the frame's width


def _full_width_cell(cells: Sequence[BBox], bbox: BBox, y: float, top: bool) -> BBox | None:
    """The only cell along the frame's top (or bottom) edge, when it spans the whole frame."""
    edge = [c for c in cells if abs((c[1] if top else c[3]) - y) <= 2.0]
    if len(edge) != 1:
        return None
    c = edge[0]
    return c if c[2] - c[0] >= FULL_WIDTH * (bbox[2] - bbox[0]) else None


def trim_title_and_source(bbox: BBox, cells: Sequence[BBox], words: Sequence[Word]) -> BBox:
    """``bbox`` without a full-width title cell on top and a source/note cell at the bottom."""
    x0, y0, x1, y1 = bbox
    first = _full_width_cell(cells, bbox, y0, top=True)
    if first is not None and TITLE_RE.match(text_in_box(first, words)) and first[3] < y1 - 10:
        y0 = first[3]
    last = _full_width_cell(cells, bbox, y1, top=False)
    if last is not None and FOOT_RE.match(text_in_box(last, words)) and last[1] > y0 + 10:
        y1 = last[1]
    return (x0, y0, x1, y1)

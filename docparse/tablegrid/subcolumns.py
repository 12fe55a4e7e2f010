"""Ruled columns that hold several text columns: a rule only between column groups.

Statistical tables often rule off column groups (Total | Male | Female) and leave the
columns inside each group unruled; a long list may be printed as several side-by-side
(label, value) column pairs inside one frame. :func:`sub_columns` adds a virtual boundary
between the text columns found inside a ruled column, when most of its text rows have a
cell in each and the last one holds numbers; header labels centred over the group keep
spanning it (the cells are opened later only where their text sits in separate columns).
"""

from __future__ import annotations

from typing import Sequence

from docparse.options.tables import GridOptions
from docparse.pages.analysis import Word
from docparse.tablegrid.text import TextRow, is_numeric, segment_rows, words_in
from docparse.tablegrid.textgrid import Band, column_bands

MIN_ROWS = 3
MIN_SPLIT_SHARE = 0.5  # of the column's text rows with a cell in two or more text columns
MIN_NUMERIC_SHARE = 0.6  # of the last text column's cells


def _segments_in(band: Band, rows: Sequence[TextRow]) -> list[str]:
    return [s.text for r in rows for s in r.segments if band[0] <= (s.bbox[0] + s.bbox[2]) / 2 <= band[1]]


def filled_bands(rows: Sequence[TextRow], bands: Sequence[Band], min_share: float = 0.3) -> list[Band]:
    """Bands with a cell in enough rows: a header label centred over the group is no column."""
    need = max(MIN_ROWS, min_share * len(rows))
    return [b for b in bands if len(_segments_in(b, rows)) >= need]


def holds_text_columns(rows: Sequence[TextRow], bands: Sequence[Band]) -> bool:
    """Several text columns: enough rows split across them, and numbers in the last one."""
    if len(bands) < 2 or len(rows) < MIN_ROWS:
        return False
    split = sum(1 for r in rows if len(r.segments) >= 2)
    if split < max(MIN_ROWS, MIN_SPLIT_SHARE * len(rows)):
        return False
    last = _segments_in(bands[-1], rows)
    return bool(last) and sum(1 for t in last if is_numeric(t)) >= MIN_NUMERIC_SHARE * len(last)


def sub_columns(xs: Sequence[float], ys: Sequence[float], words: Sequence[Word],
                settings: GridOptions | None = None) -> list[float]:
    """``xs`` with virtual boundaries added inside ruled columns that hold text columns."""
    s = settings or GridOptions()
    out = [xs[0]]
    for a, b in zip(xs, xs[1:]):
        inside = words_in((a, ys[0], b, ys[-1]), words)
        rows = [r for r in segment_rows(inside, s.gap_size_ratio, s.min_column_gap) if r.segments]
        bands = filled_bands(rows, column_bands(rows, s)) if len(rows) >= MIN_ROWS else []
        if holds_text_columns(rows, bands):
            out.extend((p[1] + q[0]) / 2 for p, q in zip(bands, bands[1:]))
        out.append(b)
    return out

"""The table finder's row primitives: a candidate box, the visual rows of a set of words, and what
a row is (tabular, prose, its height and gaps) and whether two rows share their column gaps."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

from docparse.document import TableStyle
from docparse.options.tables import TableDetectionOptions
from docparse.pages.analysis import BBox, Word
from docparse.tablegrid.text import Segment, TextRow, is_numeric, segment_rows

CAPTION_RE = re.compile(r"^\s*(table|tab\.|exhibit)\s*[A-Z]?[-.–]?\d", re.IGNORECASE)  # "Table 3", "Table A-1"
LIST_MARK_RE = re.compile(r"^(\[\d{1,3}\]|\(?\d{1,3}(\.\d{1,3})*[.)]?|\(?[a-zA-Z][.)]|[•·▪◦●■□‣⁃∙*\-–—])$")


@dataclass(slots=True)
class Candidate:
    bbox: BBox
    style: TableStyle
    score: float = 1.0


def rows_of(words: Sequence[Word], settings: TableDetectionOptions) -> list[TextRow]:
    return [r for r in segment_rows(words, settings.grid.gap_size_ratio, settings.grid.min_column_gap) if r.segments]


def is_prose_segment(seg: Segment, width: float, settings: TableDetectionOptions) -> bool:
    return len(seg.words) > settings.max_prose_words and (seg.bbox[2] - seg.bbox[0]) > 0.3 * width


def is_prose_row(row: TextRow, width: float, settings: TableDetectionOptions) -> bool:
    """A line of running text: one long, wide segment (after a list item's mark "2." or "–")."""
    marked = len(row.segments) == 2 and LIST_MARK_RE.match(row.segments[0].text.strip())
    segs = row.segments[1:] if marked else row.segments
    return len(segs) == 1 and is_prose_segment(segs[0], width / 0.3 * 0.5, settings)


def row_is_tabular(row: TextRow, width: float, settings: TableDetectionOptions) -> bool:
    """Several cells, none of them running text; a long label followed by a run of numbers
    ("MINISTRY OF CONSUMER AFFAIRS, FOOD AND PUBLIC DISTRIBUTION  344.45  205.55 …") is a
    table row whatever its label's length."""
    if len(row.segments) < 2:
        return False
    return not any(is_prose_segment(s, width, settings) for s in row.segments) or has_number_run(row)


def has_number_run(row: TextRow, min_numbers: int = 3) -> bool:
    return sum(1 for s in row.segments if is_numeric(s.text)) >= min_numbers


def row_height(row: TextRow) -> float:
    return max(1.0, row.bbox[3] - row.bbox[1])


def row_gaps(row: TextRow) -> list[tuple[float, float]]:
    return [(a.bbox[2], b.bbox[0]) for a, b in zip(row.segments, row.segments[1:])]


def shares_gap(a: TextRow, b: TextRow, min_overlap: float) -> bool:
    """Two table rows share at least one column gap (justified prose lines do not)."""
    return any(min(x1, y1) - max(x0, y0) >= min_overlap for x0, x1 in row_gaps(a) for y0, y1 in row_gaps(b))

"""Column groups inside one ruled header cell: a group label over its sub-column labels.

Statistical tables (the NICS background-check tables, budget statements) often draw one ruled
or shaded cell per column group and write the group label ("Pre-Pawn") centred on the first
line and the sub-column labels ("Handgun  Long Gun  *Other") on the line below, with no rule
between them. The sub-columns are found from the body (:mod:`.subcolumns`); this step splits
such a header row in two: the group label spanning its sub-columns, then one cell per
sub-column label. Other cells of that row span both new rows.
"""

from __future__ import annotations

from collections.abc import Sequence

from docparse.pages.analysis import BBox, Word, bbox_union
from docparse.tablegrid.grid import GridCell
from docparse.tablegrid.hybrid import open_cell
from docparse.tablegrid.text import TextRow, is_numeric, segment_rows, text_in_box, words_in


def _column_of(box: BBox, xs: Sequence[float], lo: int, hi: int, tol: float = 1.0) -> int | None:
    """The grid column (between ``lo`` and ``hi``) that holds ``box`` whole, else None."""
    for k in range(lo, hi):
        if box[0] >= xs[k] - tol and box[2] <= xs[k + 1] + tol:
            return k
    return None


def group_label_split(cell: GridCell, xs: Sequence[float], words: Sequence[Word],
                      gap_ratio: float = 0.55, min_gap: float = 4.0) -> tuple[BBox, str, float] | None:
    """(label box, label text, y of the split) when ``cell`` holds a group label over a line of
    sub-column labels: one row high, spanning several columns, the last text line split into
    pieces that each sit in their own column (two or more columns), every line above it one
    piece of text that is no number. None otherwise."""
    if cell.colspan < 2 or cell.rowspan != 1:
        return None
    lines: list[TextRow] = [r for r in segment_rows(words_in(cell.bbox, words), gap_ratio, min_gap) if r.segments]
    if len(lines) < 2:
        return None
    last, top = lines[-1], lines[:-1]
    cols = [_column_of(s.bbox, xs, cell.col, cell.col + cell.colspan) for s in last.segments]
    if any(c is None for c in cols) or len(set(cols)) < 2 or len(set(cols)) != len(cols):
        return None
    if any(len(r.segments) != 1 or is_numeric(r.text) for r in top):
        return None
    box = bbox_union([r.bbox for r in top])
    return box, " ".join(r.text for r in top), (box[3] + last.bbox[1]) / 2


def split_group_label_rows(cells: list[GridCell], xs: Sequence[float], words: Sequence[Word]) -> list[GridCell]:
    """Header rows holding group labels over sub-column labels split in two (see module doc)."""
    splits = {id(c): s for c in cells if (s := group_label_split(c, xs, words)) is not None}
    rows = sorted({c.row for c in cells if id(c) in splits})
    if not rows:
        return cells
    out: list[GridCell] = []
    for c in cells:
        shift = sum(1 for r in rows if r < c.row)
        inside = sum(1 for r in rows if c.row <= r < c.row + c.rowspan)
        split = splits.get(id(c))
        if split is None:
            opened = open_cell(c, xs, words) if inside else None  # labels side by side in one cell
            out.extend(GridCell(o.row + shift, o.col, o.rowspan + inside, o.colspan, o.text, o.bbox, o.bold)
                       for o in (opened or [c]))
            continue
        box, text, y = split
        out.append(GridCell(c.row + shift, c.col, 1, c.colspan, text, box, c.bold))
        for k in range(c.col, c.col + c.colspan):
            sub = (xs[k], y, xs[k + 1], c.bbox[3])
            out.append(GridCell(c.row + shift + 1, k, 1, 1, text_in_box(sub, words), sub, c.bold))
    return sorted(out, key=lambda c: (c.row, c.col))

"""Grids ruled only in part: a ruled row holding several text rows is split along its text.

Government-style tables rule the header and the columns but not the body rows; the edge
chain then yields one tall cell per column. When at least two columns of such a grid row
hold text on several lines and at least two of those lines carry numbers, the row is re-cut
along its visual text rows (the lines of a multi-line label are joined back as in the text
chain). Text-only rows (a header of multi-line labels) stay whole.
"""

from __future__ import annotations

from typing import Sequence

from docparse.pages.analysis import BBox, Word
from docparse.tablegrid.grid import GridCell
from docparse.tablegrid.text import Segment, TextRow, segment_rows, text_in_box, words_in
from docparse.tablegrid.textgrid import _Row, join_continuations, place_row

MAIN_BAND_SHARE = 0.75  # of a segment's width inside one ruled column: it belongs there


def _main_band(box: BBox, bands: Sequence[tuple[float, float]]) -> tuple[float, float] | None:
    width = max(1e-6, box[2] - box[0])
    for a, b in bands:
        if min(b, box[2]) - max(a, box[0]) >= MAIN_BAND_SHARE * width:
            return a, b
    return None


def clip_to_main_band(row: TextRow, bands: Sequence[tuple[float, float]]) -> TextRow:
    """Segments that lie mostly inside one ruled column clipped to it: a word box padded with
    leading space (or a value printed tight to a rule) must not span the rule."""
    segments = []
    for seg in row.segments:
        band = _main_band(seg.bbox, bands)
        box = seg.bbox if band is None else (max(seg.bbox[0], band[0]), seg.bbox[1], min(seg.bbox[2], band[1]), seg.bbox[3])
        segments.append(Segment(seg.words, box))
    return TextRow(row.words, row.bbox, segments)


def _lines_per_column(rows, n_cols: int) -> list[int]:  # noqa: ANN001
    counts = [0] * n_cols
    for row in rows:
        for c in row.cells:
            counts[c] += 1
    return counts


def split_grid_row(row_cells: Sequence[GridCell], xs: Sequence[float], band: BBox,
                   words: Sequence[Word], gap_ratio: float, min_gap: float) -> list[list[GridCell]] | None:
    """The cells of one ruled grid row re-cut into text rows, or None to keep it whole."""
    inside = words_in(band, words)  # dot leaders dropped: they would glue a label to its value
    rows = segment_rows(inside, gap_ratio, min_gap)
    if len(rows) < 2:
        return None
    bands = [(xs[c], xs[c + 1]) for c in range(len(xs) - 1)]  # rulings: no whitespace gap between
    placed = [place_row(clip_to_main_band(r, bands), bands) for r in rows]
    counts = [n for n in _lines_per_column(placed, len(bands)) if n > 0]
    multi = sum(1 for n in counts if n >= 2)
    if multi < 2 or multi < 0.6 * len(counts):  # a header of 1- and 2-line labels stays whole
        return None
    if sum(1 for p in placed if p.numeric) < 2:  # multi-line text cells (a header), not rows
        return None
    placed = join_continuations(placed, [])
    if len(placed) < 2:
        return None
    owner = {k: cell for cell in row_cells for k in range(cell.col, cell.col + cell.colspan)}
    opened = columned_cells(row_cells, placed)
    out: list[list[GridCell]] = []
    for prow in placed:
        texts: dict[int, list[str]] = {}
        boxes: dict[int, BBox] = {}
        for c, p in prow.cells.items():
            cell = owner.get(c)
            if cell is None:
                continue
            key = c if cell.col in opened else cell.col
            texts.setdefault(key, []).append(" ".join(p.texts))
            boxes[key] = p.bbox
        out.append([GridCell(0, k, 1, span, " ".join(texts.get(k, [])), boxes.get(k, (0.0, 0.0, 0.0, 0.0)))
                    for k, span in _slots(row_cells, opened)])
    return out


def columned_cells(row_cells: Sequence[GridCell], placed: Sequence[_Row], min_share: float = 0.3) -> set[int]:
    """Columns (by first column) of the ruled cells that span several grid columns but whose
    text rows fill at least two of those columns in many rows: a body left unruled under a
    ruled header, opened up into the header's columns."""
    out: set[int] = set()
    for cell in row_cells:
        if cell.colspan < 2:
            continue
        inside = range(cell.col, cell.col + cell.colspan)
        wide = sum(1 for p in placed if len([c for c in p.cells if c in inside]) >= 2)
        if wide >= 2 and wide >= min_share * len(placed):
            out.add(cell.col)
    return out


def _slots(row_cells: Sequence[GridCell], opened: set[int]) -> list[tuple[int, int]]:
    """(column, colspan) of the cells of one split row."""
    out: list[tuple[int, int]] = []
    for cell in row_cells:
        if cell.col in opened:
            out.extend((k, 1) for k in range(cell.col, cell.col + cell.colspan))
        else:
            out.append((cell.col, cell.colspan))
    return out


def split_text_rows(cells: list[GridCell], xs: Sequence[float], ys: Sequence[float], words: Sequence[Word],
                    gap_ratio: float = 0.55, min_gap: float = 4.0) -> list[GridCell]:
    """Split every ruled grid row that holds several aligned text rows; renumber the rows."""
    n_rows = len(ys) - 1
    spanning = {r for c in cells if c.rowspan > 1 for r in range(c.row, c.row + c.rowspan)}
    by_row: dict[int, list[GridCell]] = {}
    for c in cells:
        by_row.setdefault(c.row, []).append(c)
    out: list[GridCell] = []
    offset = 0
    for r in range(n_rows):
        mine = sorted(by_row.get(r, []), key=lambda c: c.col)
        split = None
        if r not in spanning and mine:
            band = (xs[0], ys[r], xs[-1], ys[r + 1])
            split = split_grid_row(mine, xs, band, words, gap_ratio, min_gap)
            if split is None:
                split = split_at_blank_lines(mine, band, words, gap_ratio, min_gap)
        if split is None:
            for c in mine:
                out.append(GridCell(c.row + offset, c.col, c.rowspan, c.colspan, c.text, c.bbox, c.bold))
            continue
        for k, sub in enumerate(split):
            for c in sub:
                out.append(GridCell(r + offset + k, c.col, 1, c.colspan, c.text, c.bbox))
        offset += len(split) - 1
    return out


def _crosses(seg_box: BBox, xs: Sequence[float], lo: int, hi: int, tol: float = 1.0) -> bool:
    """The segment runs over one of the column boundaries ``xs[lo+1 .. hi-1]`` (and does not
    lie mostly inside one column)."""
    if _main_band(seg_box, list(zip(xs[lo:hi], xs[lo + 1:hi + 1]))) is not None:
        return False
    return any(seg_box[0] < x - tol and seg_box[2] > x + tol for x in xs[lo + 1:hi])


def open_cell(cell: GridCell, xs: Sequence[float], words: Sequence[Word],
              gap_ratio: float = 0.55, min_gap: float = 4.0) -> list[GridCell] | None:
    """A one-row cell spanning several grid columns (a row left unruled or unshaded between
    ruled or shaded ones) whose text sits in separate columns: one cell per column. None when
    its text spans (a merged label centred over its columns) or fills a single column."""
    if cell.colspan < 2 or cell.rowspan != 1:
        return None
    rows = segment_rows(words_in(cell.bbox, words), gap_ratio, min_gap)
    segs = [s for r in rows for s in r.segments]
    if not any(len(r.segments) >= 2 for r in rows):
        return None
    if any(_crosses(s.bbox, xs, cell.col, cell.col + cell.colspan) for s in segs):
        return None
    out = [GridCell(cell.row, k, 1, 1, text_in_box((xs[k], cell.bbox[1], xs[k + 1], cell.bbox[3]), words),
                    (xs[k], cell.bbox[1], xs[k + 1], cell.bbox[3]), cell.bold)
           for k in range(cell.col, cell.col + cell.colspan)]
    return out if sum(1 for c in out if c.text) >= 2 else None


def open_spanning_cells(cells: list[GridCell], xs: Sequence[float], words: Sequence[Word]) -> list[GridCell]:
    out: list[GridCell] = []
    for c in cells:
        opened = open_cell(c, xs, words)
        out.extend(opened if opened is not None else [c])
    return out


BLANK_LINE_RATIO = 0.5  # extra gap, in line heights, over the usual one between lines: a blank line


def blank_line_cuts(lines: Sequence[TextRow]) -> list[float]:
    """y positions of the blank lines between the visual lines of a ruled row."""
    gaps = [lower.bbox[1] - upper.bbox[3] for upper, lower in zip(lines, lines[1:])]
    if len(gaps) < 2:
        return []
    usual = sorted(gaps)[len(gaps) // 2]
    cuts = []
    for gap, upper, lower in zip(gaps, lines, lines[1:]):
        height = min(upper.bbox[3] - upper.bbox[1], lower.bbox[3] - lower.bbox[1])
        if gap > 0 and gap - usual >= BLANK_LINE_RATIO * height:
            cuts.append((upper.bbox[3] + lower.bbox[1]) / 2)
    return cuts


def split_at_blank_lines(row_cells: Sequence[GridCell], band: BBox, words: Sequence[Word],
                         gap_ratio: float = 0.55, min_gap: float = 4.0) -> list[list[GridCell]] | None:
    """A ruled row of multi-line text cells (no numbers to align on) cut at the blank lines
    running across all its columns: one row per paragraph. None unless at least two of the
    new rows have text in two columns or more (paragraphs of one cell stay one cell)."""
    lines = segment_rows(words_in(band, words), gap_ratio, min_gap)
    cuts = blank_line_cuts(lines)
    if not cuts:
        return None
    ys = [band[1], *cuts, band[3]]
    out = [[GridCell(0, c.col, 1, c.colspan, text_in_box((c.bbox[0], y0, c.bbox[2], y1), words),
                     (c.bbox[0], y0, c.bbox[2], y1)) for c in row_cells] for y0, y1 in zip(ys, ys[1:])]
    out = [sub for sub in out if any(c.text for c in sub)]
    if sum(1 for sub in out if sum(1 for c in sub if c.text) >= 2) < 2:
        return None
    return out

"""Reading order by recursive XY-cut with column-preserving slice merging.

At each node: if a vertical whitespace channel runs through every box, the node splits into
columns (left to right). Otherwise it splits into horizontal slices at empty bands, and
neighbouring slices are merged back while the merged set still has a column channel — so
aligned paragraph gaps in two columns never interleave the columns, while full-width
titles, tables and figures still cut the page into bands.
"""

from __future__ import annotations

from typing import Protocol, Sequence

from docparse.options.layout import ReadingOrderOptions
from docparse.pages.analysis import BBox

_MIN_COLUMN_GAP = 6.0  # points of whitespace that count as a gutter
_MIN_ROW_GAP = 1.0


class ReadingOrder(Protocol):
    def order(self, boxes: Sequence[BBox]) -> list[int]: ...


def _column_gaps(boxes: Sequence[BBox], idx: Sequence[int]) -> list[float]:
    """x positions of vertical channels through every box in ``idx``."""
    spans = sorted((boxes[i][0], boxes[i][2]) for i in idx)
    gaps: list[float] = []
    reach = spans[0][1]
    for x0, x1 in spans[1:]:
        if x0 - reach >= _MIN_COLUMN_GAP:
            gaps.append((reach + x0) / 2)
        reach = max(reach, x1)
    return gaps


def _overhanging_gaps(boxes: Sequence[BBox], idx: Sequence[int], options: ReadingOrderOptions,
                      tries: int = 3) -> list[float]:
    """Column channels that the widest boxes cross only by their edge: a display formula or figure
    set in one column that overhangs the gutter (LaTeX's overfull displays). The widest boxes are
    left out one by one until channels appear; a channel is kept only if every box left out lies
    on one side of it but for at most ``overhang_share`` of its width (a title across the columns
    does not) with more of its column below it (a footnote across the page's foot is read last),
    and the boxes on each side span a column (not a section number beside a paragraph)."""
    if options.overhang_share <= 0:
        return []
    widest = sorted(idx, key=lambda i: boxes[i][2] - boxes[i][0], reverse=True)[:tries]
    for k in range(1, len(widest) + 1):
        rest = [i for i in idx if i not in widest[:k]]
        if len(rest) < 2:
            return []
        gaps = [g for g in _column_gaps(boxes, rest)
                if all(_overhang(boxes[i], g) <= options.overhang_share and _column_goes_on(boxes, i)
                       and _sticks_out(boxes, idx, i, g) for i in widest[:k])
                and _columns_either_side(boxes, idx, rest, g, options.overhang_min_column)]
        if gaps:
            return gaps
    return []


def _sticks_out(boxes: Sequence[BBox], idx: Sequence[int], i: int, gap: float) -> bool:
    """The box reaches across the channel further than every other box of its column (an overfull
    display), not a column's own text beside narrower centred tables."""
    x0, _, x1, _ = boxes[i]
    left = (x0 + x1) / 2 < gap
    same = [boxes[j] for j in idx if j != i and ((boxes[j][0] + boxes[j][2]) / 2 < gap) == left]
    if left:
        return all(x1 > b[2] + 1 for b in same)
    return all(x0 < b[0] - 1 for b in same)


def _column_goes_on(boxes: Sequence[BBox], i: int) -> bool:
    """Text goes on under the box on the page, inside its width (a display set mid-column), not
    only a page number (a footnote across the page's foot)."""
    x0, _, x1, bottom = boxes[i]
    return any(j != i and b[1] >= bottom and min(b[2], x1) - max(b[0], x0) >= 0.25 * (x1 - x0)
               for j, b in enumerate(boxes))


def _overhang(box: BBox, gap: float) -> float:
    """The share of a box's width on the smaller side of a vertical line (0 when it does not cross)."""
    width = max(box[2] - box[0], 1e-6)
    return max(0.0, min(gap - box[0], box[2] - gap)) / width


def _columns_either_side(boxes: Sequence[BBox], idx: Sequence[int], rest: Sequence[int], gap: float,
                         share: float) -> bool:
    """The boxes left and right of the channel each span ``share`` of the width of all boxes."""
    width = max(boxes[i][2] for i in idx) - min(boxes[i][0] for i in idx)
    for left in (True, False):
        side = [boxes[j] for j in rest if ((boxes[j][0] + boxes[j][2]) / 2 < gap) == left]
        if not side or max(b[2] for b in side) - min(b[0] for b in side) < share * width:
            return False
    return True


def _split_columns(boxes: Sequence[BBox], idx: Sequence[int], gaps: list[float]) -> list[list[int]]:
    cols: list[list[int]] = [[] for _ in range(len(gaps) + 1)]
    for i in idx:
        cx = (boxes[i][0] + boxes[i][2]) / 2  # a box crosses no channel but by an overhang: its middle tells its column
        k = sum(1 for g in gaps if cx > g)
        cols[k].append(i)
    return [c for c in cols if c]


def _shrunk(box: BBox) -> tuple[float, float]:
    """A box's vertical extent less a small tolerance: boxes that touch by a few points
    (a caption's descenders, a table's top rule) should not glue two bands together."""
    pad = min(3.0, 0.15 * (box[3] - box[1]))
    return box[1] + pad, box[3] - pad


def _split_rows(boxes: Sequence[BBox], idx: Sequence[int]) -> list[list[int]]:
    order = sorted(idx, key=lambda i: (boxes[i][1], boxes[i][0]))
    rows: list[list[int]] = [[order[0]]]
    reach = _shrunk(boxes[order[0]])[1]
    for i in order[1:]:
        top, bottom = _shrunk(boxes[i])
        if top - reach >= _MIN_ROW_GAP:
            rows.append([i])
        else:
            rows[-1].append(i)
        reach = max(reach, bottom)
    return rows


def _is_columnar(boxes: Sequence[BBox], idx: Sequence[int], options: ReadingOrderOptions | None = None) -> bool:
    if len(idx) < 2:
        return False
    gaps = _column_gaps(boxes, idx) or (_overhanging_gaps(boxes, idx, options) if options is not None else [])
    if not gaps:
        return False
    # a real column split has content on both sides of some gap
    return len(_split_columns(boxes, idx, gaps)) >= 2


def _merge_slices(boxes: Sequence[BBox], slices: list[list[int]], options: ReadingOrderOptions | None = None) -> list[list[int]]:
    """Merge neighbouring slices while a column channel still runs through all their boxes (or
    would, but for boxes that overhang it by their edge)."""
    merged: list[list[int]] = [slices[0]]
    for s in slices[1:]:
        if _is_columnar(boxes, merged[-1] + s, options):
            merged[-1] = merged[-1] + s
        else:
            merged.append(s)
    return merged


def _columns_above_crossing(boxes: Sequence[BBox], idx: Sequence[int]) -> tuple[list[int], list[int]] | None:
    """(boxes above, the rest) where the boxes that start above some box have a column
    channel that the later boxes cross: columns that end in a figure or table drawn across
    the gutter, with no clean horizontal gap to cut them off (the columns' last lines sit
    beside the figure's top). None when no such top part exists."""
    order = sorted(idx, key=lambda i: (boxes[i][1], boxes[i][0]))
    best: int | None = None
    for k in range(2, len(order)):
        if boxes[order[k]][1] <= boxes[order[k - 1]][1]:
            continue  # same top: both on one side of the cut
        if _is_columnar(boxes, order[:k]):
            best = k
    if best is None:
        return None
    return order[:best], order[best:]


def _column_of(boxes: Sequence[BBox], i: int, gaps: list[float]) -> int:
    return sum(1 for g in gaps if (boxes[i][0] + boxes[i][2]) / 2 > g)


def _blank_height(boxes: Sequence[BBox], above: list[int], below: list[int], missing: set[int],
                  gaps: list[float]) -> float:
    """Points between the last box above and the first box below in the ``missing`` columns
    (0 when either side has none there)."""
    top = [boxes[i][3] for i in above if _column_of(boxes, i, gaps) in missing]
    bottom = [boxes[i][1] for i in below if _column_of(boxes, i, gaps) in missing]
    return min(bottom) - max(top) if top and bottom else 0.0


def _spanning_band(boxes: Sequence[BBox], idx: Sequence[int], gaps: list[float],
                   min_blank: float) -> tuple[list[int], list[int], list[int]] | None:
    """(above, band, below) where a run of rows fills only some columns while the other
    columns are blank at least ``min_blank`` points with text above and below the run: a table
    or figure printed across balanced columns, narrower than the page. None when there is none."""
    rows = _split_rows(boxes, idx)
    used = [{_column_of(boxes, i, gaps) for i in row} for row in rows]
    every = set().union(*used)
    for j in range(1, len(rows) - 1):
        missing = every - used[j]
        if not missing:
            continue
        end = j
        while end + 1 < len(rows) and not used[end + 1] & missing:
            end += 1
        above = [i for row in rows[:j] for i in row]
        below = [i for row in rows[end + 1:] for i in row]
        if _blank_height(boxes, above, below, missing, gaps) >= min_blank:
            return above, [i for row in rows[j:end + 1] for i in row], below
    return None


def _side_heads(boxes: Sequence[BBox], cols: list[list[int]], ratio: float) -> list[list[int]] | None:
    """Two columns where the left holds only narrow one-line side heads ("NOTES:",
    "DISCLAIMERS:") set beside the wide text they label: each head, then the right boxes whose
    middles lie nearer to it than to any other head (labels and their notes interleave). None
    when the columns are not like that."""
    if len(cols) != 2:
        return None
    heads, text = sorted(cols[0], key=lambda i: boxes[i][1]), cols[1]
    width = max(boxes[i][2] for i in text) - min(boxes[i][0] for i in text)
    line = min(boxes[i][3] - boxes[i][1] for i in text)
    top, bottom = min(boxes[i][1] for i in text), max(boxes[i][3] for i in text)
    for i in heads:
        x0, y0, x1, y1 = boxes[i]
        if x1 - x0 > ratio * width or y1 - y0 > 2 * line or not top <= (y0 + y1) / 2 <= bottom:
            return None
    middles = [(boxes[i][1] + boxes[i][3]) / 2 for i in heads]
    groups: list[list[int]] = [[i] for i in heads]
    for i in sorted(text, key=lambda i: (boxes[i][1], boxes[i][0])):
        middle = (boxes[i][1] + boxes[i][3]) / 2
        groups[min(range(len(heads)), key=lambda k: abs(middles[k] - middle))].append(i)
    return groups


def _xy_cut(boxes: Sequence[BBox], idx: list[int], options: ReadingOrderOptions, depth: int = 0) -> list[int]:
    if len(idx) <= 1 or depth > 40:
        return sorted(idx, key=lambda i: (boxes[i][1], boxes[i][0]))
    gaps = _column_gaps(boxes, idx) or _overhanging_gaps(boxes, idx, options)
    if gaps:
        band = _spanning_band(boxes, idx, gaps, options.spanning_band_min_blank)
        if band is not None:
            return [i for part in band for i in _xy_cut(boxes, part, options, depth + 1)]
        cols = _split_columns(boxes, idx, gaps)
        labelled = _side_heads(boxes, cols, options.side_head_width_ratio)
        if labelled is not None:
            return [i for group in labelled for i in group]
        if len(cols) > 1:
            return [i for col in cols for i in _xy_cut(boxes, col, options, depth + 1)]
    split = _columns_above_crossing(boxes, idx)
    if split is not None:
        return [i for part in split for i in _xy_cut(boxes, part, options, depth + 1)]
    rows = _split_rows(boxes, idx)
    if len(rows) == 1:
        return sorted(idx, key=lambda i: (boxes[i][1], boxes[i][0]))
    slices = _merge_slices(boxes, rows, options)
    if len(slices) == 1:
        # columns exist only jointly (no single channel): fall back to top-down, left-right
        return sorted(idx, key=lambda i: (boxes[i][1], boxes[i][0]))
    return [i for s in slices for i in _xy_cut(boxes, s, options, depth + 1)]


class XYCutOrder:
    """The default reading order for born-digital and scanned pages alike."""

    def __init__(self, options: ReadingOrderOptions | None = None) -> None:
        self.options = options or ReadingOrderOptions()

    def order(self, boxes: Sequence[BBox]) -> list[int]:
        if not boxes:
            return []
        return _xy_cut(boxes, list(range(len(boxes))), self.options)

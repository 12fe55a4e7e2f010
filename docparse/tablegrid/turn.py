"""Tables set sideways: text that runs up or down the page.

A landscape table printed on a portrait page, or a page turned by ``/Rotate`` whose text layer
PyMuPDF reports unturned, has its text lines running vertically. The table chain works on
horizontal text, so such a page (or region) is turned a quarter first: :func:`turn_page` gives
a view of the page in which the text runs left to right, :func:`turn_bbox` /
:func:`unturn_bbox` map boxes between the page and that view.

Quarter turns, named by the text's direction on the page:

- ``UP`` (direction (0, -1), text read bottom to top): ``(x, y) → (S - y, x)``;
- ``DOWN`` (direction (0, 1), top to bottom): ``(x, y) → (y, S - x)``;

with ``S`` the page's longer side, so that turned coordinates stay positive.
"""

from __future__ import annotations

from enum import Enum
from typing import Sequence

from docparse.pages.analysis import BBox, Drawing, Line, PageAnalysis, PathItem, Span, Word, bbox_overlap_fraction


class Turn(Enum):
    NONE = 0
    UP = 90
    DOWN = 270


MIN_TURNED_SHARE = 0.6  # of the characters, in lines of one vertical direction


def _direction_turn(direction: tuple[float, float]) -> Turn:
    dx, dy = direction
    if abs(dx) < 0.05 and dy < -0.95:
        return Turn.UP
    if abs(dx) < 0.05 and dy > 0.95:
        return Turn.DOWN
    return Turn.NONE


def text_turn(lines: Sequence[Line], area: BBox | None = None, min_share: float = MIN_TURNED_SHARE) -> Turn:
    """The quarter turn that makes most of the text (inside ``area``) horizontal."""
    chars = {t: 0 for t in Turn}
    for line in lines:
        if area is not None and bbox_overlap_fraction(line.bbox, area) < 0.5:
            continue
        chars[_direction_turn(line.direction)] += len(line.text.strip())
    total = sum(chars.values())
    best = max((Turn.UP, Turn.DOWN), key=chars.__getitem__)
    return best if total and chars[best] >= min_share * total else Turn.NONE


def page_side(page: PageAnalysis) -> float:
    return max(page.width, page.height)


def turn_point(x: float, y: float, turn: Turn, side: float) -> tuple[float, float]:
    if turn is Turn.UP:
        return side - y, x
    if turn is Turn.DOWN:
        return y, side - x
    return x, y


def unturn_point(x: float, y: float, turn: Turn, side: float) -> tuple[float, float]:
    if turn is Turn.UP:
        return y, side - x
    if turn is Turn.DOWN:
        return side - y, x
    return x, y


def _box(points: Sequence[tuple[float, float]]) -> BBox:
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return (min(xs), min(ys), max(xs), max(ys))


def turn_bbox(b: BBox, turn: Turn, side: float) -> BBox:
    return _box([turn_point(b[0], b[1], turn, side), turn_point(b[2], b[3], turn, side)])


def unturn_bbox(b: BBox, turn: Turn, side: float) -> BBox:
    return _box([unturn_point(b[0], b[1], turn, side), unturn_point(b[2], b[3], turn, side)])


def _turn_line(line: Line, turn: Turn, side: float) -> Line:
    spans = [Span(s.text, turn_bbox(s.bbox, turn, side), s.font, s.size, s.flags, s.color) for s in line.spans]
    return Line(spans=spans, bbox=turn_bbox(line.bbox, turn, side), block=line.block, direction=(1.0, 0.0))


def _turn_item(item: PathItem, turn: Turn, side: float) -> PathItem:
    points = tuple(turn_point(x, y, turn, side) for x, y in item.points)
    if item.op == "re":  # keep (x0, y0), (x1, y1) corner order
        box = _box(points)
        points = ((box[0], box[1]), (box[2], box[3]))
    return PathItem(item.op, points)


def _turn_drawing(d: Drawing, turn: Turn, side: float) -> Drawing:
    return Drawing(bbox=turn_bbox(d.bbox, turn, side), items=[_turn_item(i, turn, side) for i in d.items],
                   fill=d.fill, stroke=d.stroke, width=d.width, closed=d.closed)


def turn_page(page: PageAnalysis, turn: Turn) -> PageAnalysis:
    """A view of ``page`` turned a quarter so that ``turn``'s text runs left to right (text,
    words and drawings; no images or render: the table chain does not use them)."""
    side = page_side(page)
    return PageAnalysis(
        number=page.number, width=side, height=side, rotation=page.rotation, ocr=page.ocr,
        lines=[_turn_line(ln, turn, side) for ln in page.lines],
        words=[Word(w.text, turn_bbox(w.bbox, turn, side), w.block, w.line) for w in page.words],
        drawings=[_turn_drawing(d, turn, side) for d in page.drawings],
    )

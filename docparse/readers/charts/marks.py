"""The graphical marks and texts inside a chart region, read from a page's vector drawings.

Plain data: bars (filled rectangles), polylines (stroked open paths), markers (small closed
shapes), wedges (filled curved shapes of a pie/donut) and text items with their parsed value.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from docparse.pages.analysis import BBox, Drawing, Line, PageAnalysis, PathItem, Word, bbox_overlap_fraction
from docparse.pages.drawparts import split_compound
from docparse.pages.glyphruns import split_glyph_runs
from docparse.readers.charts.ticks import TickValue, parse_power_of_ten, parse_tick

Point = tuple[float, float]

MARKER_MAX = 14.0  # points: larger closed shapes are not scatter markers
SLANT_MIN_CHARS = 5  # a label of this many letters in a box between these height/width ratios is set at an angle
SLANT_RATIO = (0.7, 1.4)
SLANT_DIRECTION = 0.2  # a text line whose direction rises at least this much (sine) is slanted


@dataclass(slots=True)
class TextItem:
    text: str
    bbox: BBox
    size: float
    vertical: bool = False
    tick: TickValue | None = None
    slanted: bool = False  # set at an angle (neither level nor vertical)
    descends: bool = False  # a slanted label that reads downwards to the right (pygal): it starts at its tick

    @property
    def cx(self) -> float:
        return (self.bbox[0] + self.bbox[2]) / 2

    @property
    def cy(self) -> float:
        return (self.bbox[1] + self.bbox[3]) / 2

    @property
    def anchor_x(self) -> float:
        """Where the label points along x: a slanted label reading upwards to the right ends at
        its tick (its top-right corner), one reading downwards starts at it (its top-left
        corner); a level one is centred on it."""
        if self.slanted:
            return self.bbox[0] if self.descends else self.bbox[2]
        return self.cx


@dataclass(slots=True)
class Bar:
    bbox: BBox
    color: str


@dataclass(slots=True)
class Polyline:
    points: list[Point]
    color: str
    bbox: BBox


@dataclass(slots=True)
class Marker:
    center: Point
    size: float
    color: str
    bbox: BBox


@dataclass(slots=True)
class Wedge:
    polygon: list[Point]
    color: str
    bbox: BBox

    @property
    def area(self) -> float:
        return polygon_area(self.polygon)

    @property
    def centroid(self) -> Point:
        xs = [p[0] for p in self.polygon]
        ys = [p[1] for p in self.polygon]
        return (sum(xs) / len(xs), sum(ys) / len(ys))


@dataclass(slots=True)
class Rule:
    """An axis-aligned stroked segment: an axis, a gridline or a tick mark."""

    bbox: BBox
    horizontal: bool
    color: str

    @property
    def length(self) -> float:
        x0, y0, x1, y1 = self.bbox
        return (x1 - x0) if self.horizontal else (y1 - y0)

    @property
    def at(self) -> float:
        return (self.bbox[1] + self.bbox[3]) / 2 if self.horizontal else (self.bbox[0] + self.bbox[2]) / 2


@dataclass(slots=True)
class ChartMarks:
    bars: list[Bar] = field(default_factory=list)
    polylines: list[Polyline] = field(default_factory=list)
    markers: list[Marker] = field(default_factory=list)
    wedges: list[Wedge] = field(default_factory=list)
    rules: list[Rule] = field(default_factory=list)
    texts: list[TextItem] = field(default_factory=list)


def squarish_label(text: str, box: BBox) -> bool:
    """An OCR box that holds a label set at an angle: several letters in a squarish box (level
    text is much wider than high, vertical text much higher than wide)."""
    w, h = box[2] - box[0], box[3] - box[1]
    letters = sum(ch.isalnum() for ch in text)
    return (letters >= SLANT_MIN_CHARS and parse_tick(text) is None and w > 0
            and SLANT_RATIO[0] <= h / w <= SLANT_RATIO[1])


def hex_color(rgb: tuple[float, float, float] | None) -> str:
    if rgb is None:
        return "#000000"
    return "#" + "".join(f"{max(0, min(255, round(c * 255))):02x}" for c in rgb)


def is_grayish(color: str, tol: int = 10) -> bool:
    r, g, b = (int(color[i : i + 2], 16) for i in (1, 3, 5))
    return max(r, g, b) - min(r, g, b) <= tol


def lightness(color: str) -> float:
    return sum(int(color[i : i + 2], 16) for i in (1, 3, 5)) / (3 * 255)


def polygon_area(points: list[Point]) -> float:
    n = len(points)
    if n < 3:
        return 0.0
    s = 0.0
    for i in range(n):
        x0, y0 = points[i]
        x1, y1 = points[(i + 1) % n]
        s += x0 * y1 - x1 * y0
    return abs(s) / 2


def _bezier(p: tuple[Point, ...], steps: int = 8) -> list[Point]:
    (x0, y0), (x1, y1), (x2, y2), (x3, y3) = p
    out = []
    for k in range(1, steps + 1):
        t = k / steps
        a, b, c, d = (1 - t) ** 3, 3 * t * (1 - t) ** 2, 3 * t * t * (1 - t), t**3
        out.append((a * x0 + b * x1 + c * x2 + d * x3, a * y0 + b * y1 + c * y2 + d * y3))
    return out


def flatten_drawing(drawing: Drawing) -> list[Point]:
    """The drawing's outline as one point sequence (curves sampled)."""
    pts: list[Point] = []
    for item in drawing.items:
        if item.op == "re":
            (x0, y0), (x1, y1) = item.points
            pts.extend([(x0, y0), (x1, y0), (x1, y1), (x0, y1)])
        elif item.op == "qu":
            pts.extend(item.points)
        elif item.op == "c":
            if not pts or _far(pts[-1], item.points[0]):
                pts.append(item.points[0])
            pts.extend(_bezier(item.points))
        else:
            if not pts or _far(pts[-1], item.points[0]):
                pts.append(item.points[0])
            pts.append(item.points[-1])
    return pts


def outline_box(points: list[Point]) -> BBox:
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return (min(xs), min(ys), max(xs), max(ys))


def _far(a: Point, b: Point, tol: float = 0.05) -> bool:
    return abs(a[0] - b[0]) > tol or abs(a[1] - b[1]) > tol


def _is_rectangle(drawing: Drawing) -> bool:
    ops = {i.op for i in drawing.items}
    if ops == {"re"} and len(drawing.items) == 1:
        return True
    if ops <= {"l", "qu"}:
        x0, y0, x1, y1 = drawing.bbox
        for item in drawing.items:
            for px, py in item.points:
                on_x = min(abs(px - x0), abs(px - x1)) < 0.3
                on_y = min(abs(py - y0), abs(py - y1)) < 0.3
                if not (on_x and on_y):
                    return False
        return len(drawing.items) >= 2 or ops == {"qu"}
    return False


def _is_closed(points: list[Point]) -> bool:
    return len(points) >= 3 and not _far(points[0], points[-1], 0.6)


def _rule_of(drawing: Drawing) -> Rule | None:
    if drawing.fill is not None and drawing.stroke is None:
        x0, y0, x1, y1 = drawing.bbox
        thin = min(x1 - x0, y1 - y0)
        if thin > 1.5 or not is_grayish(hex_color(drawing.fill)):
            return None  # a coloured filled sliver is a (near-zero) bar
    one_stroke = len(drawing.items) == 1 and drawing.items[0].op in ("l", "re")
    if not one_stroke and not (drawing.fill is not None and _is_rectangle(drawing)):
        return None  # a thin filled rectangle may come as a closed line path (Chromium's dashes)
    x0, y0, x1, y1 = drawing.bbox
    color = hex_color(drawing.stroke if drawing.stroke is not None else drawing.fill)
    if (y1 - y0) <= 1.5 and (x1 - x0) > 1.0:
        return Rule(drawing.bbox, True, color)
    if (x1 - x0) <= 1.5 and (y1 - y0) > 1.0:
        return Rule(drawing.bbox, False, color)
    return None


def _is_stub(points: list[Point], min_extent: float) -> bool:
    """A stroked path shorter than ``min_extent`` both ways (a zero-length tick stub)."""
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return max(xs) - min(xs) < min_extent and max(ys) - min(ys) < min_extent


def classify_drawing(drawing: Drawing, region: BBox, marks: ChartMarks, min_line_extent: float = 1.0) -> None:
    """Sort one drawing into bars, polylines, markers, wedges or rules (or drop it)."""
    x0, y0, x1, y1 = drawing.bbox
    w, h = x1 - x0, y1 - y0
    rx0, ry0, rx1, ry1 = region
    region_area = max(1.0, (rx1 - rx0) * (ry1 - ry0))
    rule = _rule_of(drawing)
    if rule is not None:
        marks.rules.append(rule)
        return
    if drawing.fill is not None:
        color = hex_color(drawing.fill)
        rectangle = _is_rectangle(drawing)
        if (rectangle and w * h > 0.35 * region_area) or lightness(color) > 0.96 or (
                lightness(color) > 0.9 and is_grayish(color) and not rectangle):
            return  # background, frame or legend box
        if rectangle:
            if w <= MARKER_MAX and h <= MARKER_MAX and abs(w - h) < 0.5:
                marks.markers.append(Marker(((x0 + x1) / 2, (y0 + y1) / 2), w, color, drawing.bbox))
            elif w > 0.3 and h > 0.3:
                marks.bars.append(Bar(drawing.bbox, color))
            return
        pts = flatten_drawing(drawing)
        if w <= MARKER_MAX and h <= MARKER_MAX:
            marks.markers.append(Marker(((x0 + x1) / 2, (y0 + y1) / 2), max(w, h), color, drawing.bbox))
            return
        if len(pts) >= 3:  # boxed by its outline: a curve's control points lie outside it
            marks.wedges.append(Wedge(pts, color, outline_box(pts)))
        return
    if drawing.stroke is None:
        return
    color = hex_color(drawing.stroke)
    pts = flatten_drawing(drawing)
    if len(pts) < 2 or _is_stub(pts, min_line_extent):
        return
    if _is_closed(pts) and w <= MARKER_MAX and h <= MARKER_MAX:
        marks.markers.append(Marker(((x0 + x1) / 2, (y0 + y1) / 2), max(w, h), color, drawing.bbox))
        return
    if _is_closed(pts) and _is_rectangle(drawing):
        return  # a frame
    if any(i.op != "l" for i in drawing.items):
        return
    marks.polylines.append(Polyline(pts, color, drawing.bbox))


def _power_of_ten_line(line: Line) -> float | None:
    spans = [s for s in line.spans if s.text.strip()]
    if len(spans) == 2 and spans[1].size < spans[0].size * 0.9:
        return parse_power_of_ten(spans[0].text.strip(), spans[1].text.strip())
    return None


def _split_numbers(line: Line, words: list[Word]) -> list[TextItem] | None:
    """Tick labels set close together come out as one line (``"0.8 1.0"``): split them."""
    parts = line.text.split()
    if len(parts) < 2 or not all(parse_tick(p) is not None for p in parts):
        return None
    mine = [w for w in words if bbox_overlap_fraction(w.bbox, line.bbox) >= 0.6]
    if [w.text for w in mine] != parts:
        return None
    return [TextItem(w.text, w.bbox, line.size, False, parse_tick(w.text)) for w in mine]


def text_items(lines: list[Line], words: list[Word] | None = None) -> list[TextItem]:
    out = []
    for line in lines:
        text = " ".join(line.text.split())
        if not text:
            continue
        split = _split_numbers(line, words) if words and line.horizontal else None
        if split:
            out.extend(split)
            continue
        power = _power_of_ten_line(line)
        tick = TickValue(power) if power is not None else parse_tick(text)
        vertical = not line.horizontal and abs(line.direction[1]) > 0.9
        slanted = not line.horizontal and SLANT_DIRECTION <= abs(line.direction[1]) <= 0.9
        out.append(TextItem(text, line.bbox, line.size, vertical, tick, slanted, slanted and line.direction[1] > 0))
    return out


def collect_marks(page: PageAnalysis, region: BBox, min_overlap: float = 0.8, min_line_extent: float = 1.0,
                  label_gap: float = 0.7, backdrop: tuple[int, int] = (2, 3)) -> ChartMarks:
    """``min_line_extent``: stroked paths shorter than this (points) both ways are no lines;
    ``label_gap``: text runs further apart than this many font sizes are separate labels;
    ``backdrop``: bars and markers a filled rectangle holds whole when it is the plot's
    backdrop (VectorChartOptions.backdrop_bars, backdrop_markers)."""
    marks = ChartMarks()
    for d in (piece for drawing in page.drawings for piece in split_compound(drawing)):
        if _inside(d.bbox, region, min_overlap):
            classify_drawing(d, region, marks, min_line_extent)
        elif d.fill is not None and _is_rectangle(d):
            clipped = _clip_rectangle(d, region)
            if clipped is not None:
                classify_drawing(clipped, region, marks, min_line_extent)
    square_bars_back(marks)
    marks.bars = [b for b in marks.bars if not is_backdrop(b, marks, *backdrop)]
    words = [w for w in page.words if bbox_overlap_fraction(w.bbox, region) >= 0.5]
    lines = [ln for ln in page.lines if bbox_overlap_fraction(ln.bbox, region) >= 0.5]
    if page.glyph_runs is not None and not page.ocr:
        lines = split_glyph_runs(lines, page.glyph_runs(region), label_gap, label_anchors(marks))
    marks.texts = text_items(lines, words)
    return marks


def square_bars_back(marks: ChartMarks, tol: float = 0.5) -> None:
    """A short bar as wide as it is long was taken for a square marker: a marker that starts
    where two or more bars of its colour start and is as thick as they are (same left edge and
    height: horizontal bars; same bottom and width: vertical ones) is a bar."""
    def bar_like(m: Marker) -> bool:
        x0, y0, x1, y1 = m.bbox
        rows = sum(1 for b in marks.bars if b.color == m.color and abs(b.bbox[0] - x0) <= tol
                   and abs((b.bbox[3] - b.bbox[1]) - (y1 - y0)) <= tol)
        columns = sum(1 for b in marks.bars if b.color == m.color and abs(b.bbox[3] - y1) <= tol
                      and abs((b.bbox[2] - b.bbox[0]) - (x1 - x0)) <= tol)
        return max(rows, columns) >= 2

    squares = [m for m in marks.markers if bar_like(m)]
    if squares:
        marks.bars.extend(Bar(m.bbox, m.color) for m in squares)
        marks.markers = [m for m in marks.markers if all(m is not q for q in squares)]


def is_backdrop(bar: Bar, marks: ChartMarks, min_bars: int = 2, min_markers: int = 3, tol: float = 0.5) -> bool:
    """A filled rectangle that holds other marks whole is the plot's background (pygal's tinted
    plot area, a ggplot-like grey panel), not a bar: bars stand beside or on each other, never
    inside, and no bar holds a whole line. ``min_bars`` bars (not all of one size: those are
    a legend's swatches drawn over a tall bar), a line or ``min_markers`` markers inside it."""
    x0, y0, x1, y1 = bar.bbox

    def within(b: BBox) -> bool:
        return x0 - tol <= b[0] and b[2] <= x1 + tol and y0 - tol <= b[1] and b[3] <= y1 + tol

    held = [b.bbox for b in marks.bars if b is not bar and within(b.bbox)]
    sizes = {(round(b[2] - b[0]), round(b[3] - b[1])) for b in held}
    bars = len(held) if len(sizes) > 1 else 0  # same-size boxes: a legend's swatches drawn over a tall bar
    lines = sum(1 for p in marks.polylines if within(p.bbox))
    markers = sum(1 for m in marks.markers if within(m.bbox))
    return bars >= min_bars or lines >= 1 or markers >= min_markers


def label_anchors(marks: ChartMarks) -> list[float]:
    """Where category labels centre: vertical tick marks and gridlines, and the middles of bars."""
    xs = [r.at for r in marks.rules if not r.horizontal]
    xs.extend((b.bbox[0] + b.bbox[2]) / 2 for b in marks.bars)
    return sorted(xs)


def _clip_rectangle(d: Drawing, region: BBox) -> Drawing | None:
    """A bar drawn past the plot and clipped by it (log axes start bars at 0 = -inf)."""
    x0, y0, x1, y1 = max(d.bbox[0], region[0]), max(d.bbox[1], region[1]), min(d.bbox[2], region[2]), min(d.bbox[3], region[3])
    if x1 - x0 < 0.5 or y1 - y0 < 0.5:
        return None
    return Drawing(bbox=(x0, y0, x1, y1), items=[PathItem("re", ((x0, y0), (x1, y1)))], fill=d.fill,
                   stroke=d.stroke, width=d.width, closed=True)


def _inside(bbox: BBox, region: BBox, min_overlap: float) -> bool:
    x0, y0, x1, y1 = bbox
    if x1 - x0 < 0.01 or y1 - y0 < 0.01:  # degenerate boxes (rules): test the centre
        cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
        return region[0] - 1 <= cx <= region[2] + 1 and region[1] - 1 <= cy <= region[3] + 1
    return bbox_overlap_fraction(bbox, region) >= min_overlap


def angle_of(center: Point, point: Point) -> float:
    return math.atan2(point[1] - center[1], point[0] - center[0])

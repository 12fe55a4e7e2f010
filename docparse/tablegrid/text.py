"""Words → visual rows → segments (cell-sized runs of words), and text inside a box."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Sequence

from docparse.pages.analysis import BBox, Word, bbox_union
from docparse.pages.rtl import is_rtl_text

_NUMERIC = re.compile(r"^[\s(\-–—−+$€£¥%]*[\d.,]+[\s)%*a-zA-Z†‡]{0,3}$|^[-–—−]+$|^n/?a$", re.IGNORECASE)
YEAR = re.compile(r"^(19|20)\d\d[a-z*]?$")  # a year heads a column; it is no value


@dataclass(slots=True)
class Segment:
    words: list[Word]
    bbox: BBox

    @property
    def text(self) -> str:
        return " ".join(w.text for w in logical_order(self.words))

    @property
    def height(self) -> float:
        return self.bbox[3] - self.bbox[1]


@dataclass(slots=True)
class TextRow:
    words: list[Word]
    bbox: BBox
    segments: list[Segment] = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join(s.text for s in self.segments)


def is_numeric(text: str) -> bool:
    return bool(_NUMERIC.match(text.strip()))


def is_value(text: str) -> bool:
    """A number that is a table value (a year, as a column header, is not)."""
    return is_numeric(text) and not YEAR.match(text.strip())


def center_inside(box: BBox, area: BBox, tol: float = 0.5) -> bool:
    cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    return area[0] - tol <= cx <= area[2] + tol and area[1] - tol <= cy <= area[3] + tol


_LEADER = re.compile(r"([.·…_]\s?){3,}$")


def strip_leaders(w: Word) -> Word | None:
    """Dot leaders ("Total ......") are whitespace for table structure: drop or trim them."""
    if len(w.text) <= 2 and all(ch in ".·…_" for ch in w.text):
        return None
    m = _LEADER.search(w.text)
    if m is None:
        return w
    kept = w.text[: m.start()].rstrip()
    if not kept:
        return None
    x0, y0, x1, y1 = w.bbox
    return Word(kept, (x0, y0, x0 + (x1 - x0) * len(kept) / len(w.text), y1), w.block, w.line)


def words_in(area: BBox, words: Sequence[Word]) -> list[Word]:
    out = []
    for w in words:
        if w.text.strip() and center_inside(w.bbox, area):
            kept = strip_leaders(w)
            if kept is not None:
                out.append(kept)
    return out


def visual_rows(words: Sequence[Word]) -> list[TextRow]:
    """Words grouped into visual lines by vertical overlap, top to bottom, left to right."""
    rows: list[TextRow] = []
    for w in sorted(words, key=lambda w: ((w.bbox[1] + w.bbox[3]) / 2, w.bbox[0])):
        cy = (w.bbox[1] + w.bbox[3]) / 2
        h = w.bbox[3] - w.bbox[1]
        if rows:
            last = rows[-1]
            lh = last.bbox[3] - last.bbox[1]
            lcy = (last.bbox[1] + last.bbox[3]) / 2
            if abs(cy - lcy) <= 0.45 * min(h, lh) + 0.5:
                last.words.append(w)
                last.bbox = bbox_union([last.bbox, w.bbox])
                continue
        rows.append(TextRow(words=[w], bbox=w.bbox))
    for row in rows:
        row.words.sort(key=lambda w: w.bbox[0])
    return rows


def split_segments(row: TextRow, gap_ratio: float, min_gap: float, value_gap_ratio: float | None = None) -> list[Segment]:
    """Split a visual row where the gap between words exceeds ``gap_ratio`` × word height, and
    (with ``value_gap_ratio``) between two numbers set wider apart than a word space."""
    segments: list[Segment] = []
    for w in row.words:
        if segments:
            seg = segments[-1]
            h = min(seg.height, w.bbox[3] - w.bbox[1])
            gap = w.bbox[0] - seg.bbox[2]
            if gap <= max(min_gap, gap_ratio * h) and not _breaks_line(seg, w) and not (
                    value_gap_ratio is not None and values_apart(seg.words[-1], w, value_gap_ratio * h)):
                seg.words.append(w)
                seg.bbox = bbox_union([seg.bbox, w.bbox])
                continue
        segments.append(Segment(words=[w], bbox=w.bbox))
    return segments


def values_apart(left: Word, right: Word, min_gap: float) -> bool:
    """Two numbers side by side further apart than a word space: two cells of tightly set
    number columns ("2,701  14,409"), not one value."""
    return right.bbox[0] - left.bbox[2] > min_gap and is_value(left.text) and is_value(right.text)


def _breaks_line(seg: Segment, w: Word) -> bool:
    """PyMuPDF put the two words in different blocks and they are separated by a real gap."""
    last = seg.words[-1]
    return last.block != w.block and w.bbox[0] - last.bbox[2] > 2.0


_WORDLIKE = re.compile(r"^[(\"'“]?[A-Za-z][a-z'’\-]*[.,;:)\"”]?$")


def is_justified_prose(segments: Sequence[Segment]) -> bool:
    """A justified text line split at its stretched word gaps: many one-word "segments",
    mostly plain lower-case words (not a header row of labels), with nearly equal gaps."""
    if len(segments) < 4:
        return False
    gaps = [b.bbox[0] - a.bbox[2] for a, b in zip(segments, segments[1:])]
    words = sum(1 for s in segments if len(s.words) <= 2 and _WORDLIKE.match(s.words[0].text))
    lower = sum(1 for s in segments if s.words[0].text[:1].islower())
    return words >= 0.7 * len(segments) and lower >= 0.5 * len(segments) and max(gaps) <= 2.0 * max(0.5, min(gaps))


def segment_rows(words: Sequence[Word], gap_ratio: float, min_gap: float,
                 value_gap_ratio: float | None = None) -> list[TextRow]:
    rows = visual_rows(words)
    for row in rows:
        row.segments = split_segments(row, gap_ratio, min_gap, value_gap_ratio)
        if is_justified_prose(row.segments):
            row.segments = [Segment(words=list(row.words), bbox=row.bbox)]
    return rows


def logical_order(words: Sequence[Word]) -> list[Word]:
    """A visual line's words (left to right) in reading order: right to left when the line is
    mostly Hebrew or Arabic, with runs of left-to-right words ("R and Python", "2024") kept
    in their own order."""
    if not is_rtl_text(" ".join(w.text for w in words)):
        return list(words)
    runs: list[list[Word]] = []
    for w in words:
        ltr = not is_rtl_text(w.text)
        if ltr and runs and not is_rtl_text(runs[-1][-1].text):
            runs[-1].append(w)
        else:
            runs.append([w])
    return [w for run in reversed(runs) for w in run]


def text_in_box(area: BBox, words: Sequence[Word]) -> str:
    """The words whose centres are inside ``area``, in reading order (line by line)."""
    inside = words_in(area, words)
    return "\n".join(" ".join(w.text for w in logical_order(row.words)) for row in visual_rows(inside))


_ROW_NUMBER = re.compile(r"^\(?\d{1,4}[.)]?$")


def split_row_numbers(rows: list[TextRow], min_rows: int = 3, tol: float = 1.5) -> list[TextRow]:
    """A row-number column set close to the labels ("12 Challenge"): when at least ``min_rows``
    rows start with a number whose next word begins at one shared x (the label column's left
    edge) although the numbers differ in width (9 and 12), the number is a cell of its own in
    each of those rows."""
    def second_x(row: TextRow) -> float | None:
        seg = row.segments[0] if row.segments else None
        if seg is None or len(seg.words) < 2 or not _ROW_NUMBER.match(seg.words[0].text):
            return None
        return seg.words[1].bbox[0]

    xs = [x for r in rows if (x := second_x(r)) is not None]
    if len(xs) < min_rows:
        return rows
    common = sorted(xs)[len(xs) // 2]
    if sum(1 for x in xs if abs(x - common) <= tol) < max(min_rows, 0.6 * len(xs)):
        return rows
    widths = [r.segments[0].words[0].bbox[2] - r.segments[0].words[0].bbox[0] for r in rows if second_x(r) is not None]
    if max(widths) - min(widths) <= 2.0:  # "3 months" / "6 months": numbers of one width prove no column
        return rows
    for row in rows:
        x = second_x(row)
        if x is not None and abs(x - common) <= tol:
            seg = row.segments[0]
            head, rest = seg.words[:1], seg.words[1:]
            row.segments[:1] = [Segment(head, head[0].bbox), Segment(rest, bbox_union([w.bbox for w in rest]))]
    return rows


def word_space(rows: Sequence[TextRow], max_ratio: float) -> float | None:
    """The table's own word space: the median gap between neighbouring words inside segments
    that is at most ``max_ratio`` of the words' height (wider gaps are not word spaces)."""
    gaps = sorted(b.bbox[0] - a.bbox[2] for r in rows for s in r.segments for a, b in zip(s.words, s.words[1:])
                  if 0 < b.bbox[0] - a.bbox[2] <= max_ratio * min(a.bbox[3] - a.bbox[1], b.bbox[3] - b.bbox[1]))
    return gaps[len(gaps) // 2] if gaps else None


def split_at_wide_spaces(rows: list[TextRow], factor: float, max_ratio: float) -> list[TextRow]:
    """Cells set closer than the cell gap ("Metro  Small Business" from right-aligned columns
    6 pt apart): a segment is split where its words stand at least ``factor`` × the table's
    own word space apart (and wider than ``max_ratio`` of their height, so no stretched word
    space of a line counts)."""
    space = word_space(rows, max_ratio)
    if space is None:
        return rows
    for row in rows:
        out: list[Segment] = []
        for seg in row.segments:
            cut = [i for i, (a, b) in enumerate(zip(seg.words, seg.words[1:]), 1)
                   if b.bbox[0] - a.bbox[2] >= max(factor * space, max_ratio * (a.bbox[3] - a.bbox[1]))]
            pieces = [seg.words[i:j] for i, j in zip([0, *cut], [*cut, len(seg.words)], strict=True)]
            out.extend(Segment(p, bbox_union([w.bbox for w in p])) for p in pieces)
        row.segments = out
    return rows

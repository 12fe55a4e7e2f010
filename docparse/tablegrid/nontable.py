"""Text that lines up like a borderless table but is not one.

Displayed equations (math fonts and symbols, equation numbers), running text in columns side
by side (sentences, wide column-like segments, a column line that sits on one table row;
on OCR pages, whole lines of sentences),
reference lists, tables of contents and the tick labels of figures. The structural table
classifier rejects (or trims) its borderless candidates with these tests.
"""

from __future__ import annotations

import re
from typing import Sequence

from docparse.geometry import inside, overlaps
from docparse.pages.analysis import BBox, Line, PageAnalysis, bbox_overlap_fraction, bbox_union
from docparse.tablegrid.text import Segment, TextRow

EQ_NUMBER_RE = re.compile(r"^\(\s*[A-Z]?\d{1,3}(\.\d{1,3})*[a-z]?\s*\)[.,]?$")
MATH_FONT_RE = re.compile(r"CMMI|CMSY|CMEX|CMBSY|MSAM|MSBM|Math|Symbol|STIX|rsfs|esint|wasy|EUFM|EUSM|EUEX|Cambria ?Math",
                          re.IGNORECASE)
MATH_CHARS = frozenset("=+−∑∫∂≤≥≈∞→←×±√∏∇∈∉⊂⊆∪∩≡∼≃∝′∮⟨⟩‖")


def without_lone_outer_segments(rows: list[TextRow]) -> list[TextRow]:
    """Drop a segment past a gutter that no other row has anything under (a line of the next
    text column that sits on one table row)."""
    segs = [seg for r in rows for seg in r.segments]
    if len(rows) < 3:
        return rows
    lone: set[int] = set()
    for seg in segs:
        others = [o for o in segs if o is not seg]
        under = any(min(o.bbox[2], seg.bbox[2]) - max(o.bbox[0], seg.bbox[0]) > 0 for o in others)
        outer = bool(others) and (seg.bbox[0] > max(o.bbox[2] for o in others) + 10
                                  or seg.bbox[2] < min(o.bbox[0] for o in others) - 10)
        if outer and not under:
            lone.add(id(seg))
    if not lone:
        return rows
    out = []
    for r in rows:
        kept = [seg for seg in r.segments if id(seg) not in lone]
        if kept:
            words = [w for seg in kept for w in seg.words]
            out.append(TextRow(words, bbox_union([seg.bbox for seg in kept]), kept))
    return out


def prose_segments(rows: Sequence[TextRow]) -> list[Segment]:
    """Running-text line pieces: sentences in a column beside a table, paragraph lines under it."""
    if not rows:
        return []
    width = max(r.bbox[2] for r in rows) - min(r.bbox[0] for r in rows)
    return [s for r in rows for s in r.segments if is_sentence_segment(s, 0.2 / 0.28 * width)]


def crosses_prose(bbox: BBox, prose: Sequence[Segment]) -> bool:
    """A table region cannot contain a line of running text."""
    return any(bbox_overlap_fraction(s.bbox, bbox) >= 0.3 for s in prose)


def math_share(page: PageAnalysis, bbox: BBox) -> float:
    """Share of the characters inside ``bbox`` set in math fonts or that are math symbols."""
    total = math = 0
    for line in page.lines:
        if not inside(line.bbox, bbox):
            continue
        for span in line.spans:
            chars = [c for c in span.text if not c.isspace()]
            total += len(chars)
            math += len(chars) if MATH_FONT_RE.search(span.font) else sum(1 for c in chars if c in MATH_CHARS)
            if span.italic and not MATH_FONT_RE.search(span.font):  # Times-like math: variables in the text italic
                math += sum(len(w) for w in re.findall(r"[A-Za-z]+", span.text) if len(w) <= 2)
    return math / total if total else 0.0


def is_display_math(page: PageAnalysis, rows: Sequence[TextRow], bbox: BBox) -> bool:
    """Displayed equations: math fonts and symbols, or rows ending in an equation number "(3)"."""
    multi = [r for r in rows if len(r.segments) >= 2]
    numbered = sum(1 for r in multi if EQ_NUMBER_RE.match(r.segments[-1].text.strip()))
    with_eq = sum(1 for r in rows if any(c in "=≤≥≈<>→" for c in r.text))
    share = math_share(page, bbox)
    return share >= 0.35 or (numbered >= max(1, 0.3 * len(multi)) and (share >= 0.1 or with_eq >= 1)) or (
        with_eq >= 0.5 * len(rows) and share >= 0.15)


def reads_as_sentence(words: Sequence[str], min_words: int, lower_share: float) -> bool:
    """Words of running text: several of them, mostly lower-case words (table cells are short,
    numbers or capitalised labels)."""
    lower = sum(1 for w in words if w[:1].islower() and any(c.isalpha() for c in w))
    return len(words) >= min_words and lower >= lower_share * len(words)


def is_sentence_segment(seg: Segment, width: float) -> bool:
    """A line piece of running text that spans a good part of the table's width."""
    return reads_as_sentence([w.text for w in seg.words], 6, 0.5) and (seg.bbox[2] - seg.bbox[0]) >= 0.28 * width


def is_sentence_line(text: str, min_chars: int = 25) -> bool:
    """A whole text line of running text (OCR lines of a narrow column: four words will do)."""
    return len(text) >= min_chars and reads_as_sentence(text.split(), 4, 0.6)


def is_prose(lines: Sequence[Line], max_words: int) -> bool:
    """Lines of running text: the median line has more than ``max_words`` words, or most lines
    are sentence text (narrow columns side by side have short lines, but sentence lines)."""
    if len(lines) < 3:
        return False
    counts = sorted(len(line.text.split()) for line in lines)
    if counts[len(counts) // 2] > max_words:
        return True
    return sum(1 for line in lines if is_sentence_line(line.text)) >= 0.5 * len(lines)


def is_prose_columns(rows: Sequence[TextRow], bbox: BBox) -> bool:
    """Text columns side by side (prose beside prose, footnotes or an equation): wide column-like
    segments on most rows, or any sentence text on several rows."""
    width = max(1.0, bbox[2] - bbox[0])
    multi = [r for r in rows if len(r.segments) >= 2]
    if not multi:
        return False
    sentences = sum(1 for r in rows if any(is_sentence_segment(s, width) for s in r.segments))
    wide = sum(1 for r in multi if sum(1 for s in r.segments if s.bbox[2] - s.bbox[0] >= 0.3 * width) >= 2)
    beside = any(is_sentence_segment(s, width) and s.bbox[2] - s.bbox[0] >= 0.4 * width
                 and (s.bbox[0] <= bbox[0] + 2 or s.bbox[2] >= bbox[2] - 2) for r in rows for s in r.segments)
    return sentences >= max(2, 0.25 * len(rows)) or wide >= 0.5 * len(multi) or beside


def is_reference_list(rows: Sequence[TextRow]) -> bool:
    """Bibliography entries: most rows start with a citation mark "[7]"."""
    marks = sum(1 for r in rows if re.match(r"^\[\d{1,3}\]", r.segments[0].text.strip()))
    return marks >= max(2, 0.5 * len(rows))


def is_table_of_contents(rows: Sequence[TextRow]) -> bool:
    """Contents lines: dot leaders to page numbers under a "Contents" title or after section numbers."""
    leaders = sum(1 for r in rows if re.search(r"(\.\s?){5,}|…{2,}", r.text))
    numbered = sum(1 for r in rows if re.match(r"^\d{1,2}(\.\d{1,2})*\.?$", r.segments[0].text.strip()))
    titled = any(re.match(r"^(table of )?contents$", r.text.strip(), re.IGNORECASE) for r in rows)
    return leaders >= max(1, 0.3 * len(rows)) and (titled or numbered >= 0.5 * len(rows))


def body_font_size(page: PageAnalysis) -> float:
    """The font size most of the page's characters are set in."""
    sizes: dict[float, int] = {}
    for line in page.lines:
        for span in line.spans:
            key = round(span.size, 1)
            sizes[key] = sizes.get(key, 0) + len(span.text.strip())
    return max(sizes, key=sizes.__getitem__) if sizes else 0.0


def is_figure_labels(page: PageAnalysis, bbox: BBox, margin: float = 30.0) -> bool:
    """Tick and axis labels of a figure: text much smaller than the page's body text, over a
    picture or among plotted curves and slanted lines."""
    body = body_font_size(page)
    sizes = sorted(ln.size for ln in page.lines if inside(ln.bbox, bbox))
    if not sizes or body <= 0 or sizes[len(sizes) // 2] >= 0.55 * body:
        return False
    area = (bbox[0] - margin, bbox[1] - margin, bbox[2] + margin, bbox[3] + margin)
    if any(overlaps(im.bbox, area) for im in page.images):
        return True
    return has_plotted_lines(page, area)


def has_plotted_lines(page: PageAnalysis, area: BBox, min_items: int = 10) -> bool:
    """Curves and slanted line pieces (plotted data, not rulings) in ``area``."""
    plotted = sum(1 for d in page.drawings if overlaps(d.bbox, area) for it in d.items
                  if it.op == "c" or (it.op == "l" and len(it.points) >= 2 and abs(it.points[0][0] - it.points[-1][0]) > 0.5
                                      and abs(it.points[0][1] - it.points[-1][1]) > 0.5))
    return plotted >= min_items or has_pie_slices(page, area)


def has_pie_slices(page: PageAnalysis, area: BBox, tol: float = 0.5) -> bool:
    """Two or more filled shapes with a curved edge meeting at one corner (a pie's slices
    around its centre: a three-slice pie has too few curves to count as plotted lines)."""
    corners: list[tuple[float, float]] = []
    for d in page.drawings:
        if d.fill is None or not overlaps(d.bbox, area) or not any(it.op == "c" for it in d.items):
            continue
        ends = {(round(p[0] / tol), round(p[1] / tol)) for it in d.items if it.op == "l" for p in it.points}
        corners.extend(ends)
    return len(corners) > len(set(corners))


def row_font_size(page: PageAnalysis, row: TextRow) -> float:
    """The median font size of the text lines on ``row`` (0 when none is found)."""
    sizes = sorted(ln.size for ln in page.lines if bbox_overlap_fraction(ln.bbox, row.bbox) >= 0.5)
    return sizes[len(sizes) // 2] if sizes else 0.0


def same_text_size(page: PageAnalysis, row: TextRow, body: Sequence[TextRow], low: float = 0.7,
                   high: float = 1.45) -> bool:
    """A header line set about the size of the table body (not a heading or a footnote)."""
    sizes = sorted(s for s in (row_font_size(page, r) for r in body) if s > 0)
    size = row_font_size(page, row)
    if not sizes or size <= 0:
        return True
    median = sizes[len(sizes) // 2]
    return low * median <= size <= high * median

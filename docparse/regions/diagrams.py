"""Diagram classifier: vector figures that are not charts (flowcharts, network diagrams, org
charts, schematics) become one FIGURE region that claims the labels drawn inside them.

Without it, each label of a diagram would reach the semantic classifier as a tiny paragraph
scattered through the body. A chain of small steps: ``diagram_drawings`` → ``cluster_boxes`` →
``labels_inside`` → ``looks_like_diagram``. Runs after tables and charts (they claim first) and
before the semantic classifier. The proposal's ``detector`` is :attr:`Detector.DIAGRAM`, so the
chart-group reader knows no raster chart hides behind it.
"""

from __future__ import annotations

import statistics
from typing import Sequence

from docparse.document import RegionKind
from docparse.options.charts import DiagramOptions
from docparse.pages.analysis import BBox, Drawing, Line, PageAnalysis, bbox_area, bbox_overlap_fraction, bbox_union
from docparse.pages.document_context import DocumentContext
from docparse.regions.base import Detector, RegionProposal, is_claimed
from docparse.regions.charts import cluster_boxes
from docparse.tablegrid.textflow import is_code_listing


class DiagramClassifier:
    """Proposes FIGURE regions for vector diagrams with their labels."""

    def __init__(self, options: DiagramOptions | None = None) -> None:
        self.options = options or DiagramOptions()

    def classify(
        self, page: PageAnalysis, context: DocumentContext, claimed: Sequence[RegionProposal]
    ) -> list[RegionProposal]:
        o = self.options
        if page.ocr:
            return []  # scanned pages: the layout model finds figures
        drawings = diagram_drawings(page, claimed, o)
        by_box: dict[BBox, list[Drawing]] = {}
        for d in drawings:
            by_box.setdefault(d.bbox, []).append(d)
        out: list[RegionProposal] = []
        for group in cluster_boxes(list(by_box), o.join_gap):
            members = [d for b in group for d in by_box[b]]
            box = bbox_union(group)
            if not _big_enough(box, page, o) or len(members) < o.min_drawings:
                continue
            labels = labels_inside(page, box, claimed)
            if not looks_like_diagram(members, labels, box, o) or is_code_listing(page, box):
                continue  # (a framed program listing is text)
            if carries_headline(labels, context.fonts.body_size, o.max_label_size_ratio):
                continue
            region = bbox_union([box] + [ln.bbox for ln in labels])
            if is_claimed(region, claimed) or is_claimed(region, out):
                continue
            out.append(RegionProposal(bbox=region, kind=RegionKind.FIGURE, lines=labels, score=0.7,
                                      detector=Detector.DIAGRAM))
        return out


def diagram_drawings(page: PageAnalysis, claimed: Sequence[RegionProposal], o: DiagramOptions) -> list[Drawing]:
    """Drawings that may belong to a diagram: not backgrounds, not page-wide rules, not claimed."""
    page_area = page.width * page.height
    out = []
    for d in page.drawings[: o.max_drawings]:
        x0, y0, x1, y1 = d.bbox
        if bbox_area(d.bbox) > 0.5 * page_area:
            continue
        if (x1 - x0) > 0.6 * page.width and (y1 - y0) < 3:
            continue  # rules under headers and above footnotes
        if any(bbox_overlap_fraction(d.bbox, p.bbox) > 0.5 for p in claimed):
            continue
        out.append(d)
    return out


def _big_enough(box: BBox, page: PageAnalysis, o: DiagramOptions) -> bool:
    w, h = box[2] - box[0], box[3] - box[1]
    return w >= o.min_width and h >= o.min_height and bbox_area(box) <= o.max_page_fraction * page.width * page.height


def labels_inside(page: PageAnalysis, box: BBox, claimed: Sequence[RegionProposal]) -> list[Line]:
    """Unclaimed text lines lying (mostly) inside the figure's drawings."""
    return [ln for ln in page.lines_in(box, 0.6) if not is_claimed(ln.bbox, claimed)]


def carries_headline(labels: Sequence[Line], body_size: float, ratio: float) -> bool:
    """A line set at least ``ratio`` times the body size among the drawing's text: a masthead or
    a banner with the publication's name or the title, whose text is the document's, not a
    diagram's labels ('이슈와 논점' at 26 pt over a report's header graphic)."""
    return body_size > 0 and any(line.size >= ratio * body_size for line in labels)


def shape_count(drawings: Sequence[Drawing]) -> int:
    """Connectors (diagonal lines, curves), arrow heads and boxes: what a text frame lacks."""
    n = 0
    for d in drawings:
        for item in d.items:
            if item.op in ("c", "qu"):
                n += 1
            elif item.op == "l" and len(item.points) >= 2:
                (ax, ay), (bx, by) = item.points[0], item.points[-1]
                n += 1 if abs(ax - bx) > 1 and abs(ay - by) > 1 else 0  # diagonal connector
            elif item.op == "re":
                n += 1
    return n


def looks_like_diagram(drawings: Sequence[Drawing], labels: Sequence[Line], box: BBox, o: DiagramOptions) -> bool:
    """Shapes beyond one frame, and labels (if any) that are short, not prose."""
    if shape_count(drawings) < o.min_shapes:
        return False
    if _is_grid(drawings):
        return False  # an unclaimed ruled grid is a table the table finder declined, not a figure
    if not labels:
        return True
    words = [len(ln.text.split()) for ln in labels]
    long_share = sum(1 for w in words if w > 10) / len(words)
    if statistics.median(words) > o.max_label_words or long_share > o.max_long_lines:
        return False
    if sum(1 for w in words if w >= 8) >= o.max_prose_lines:
        return False  # several lines of running text: a designed page (a cover, a sidebar)
    text_area = sum(bbox_area(ln.bbox) for ln in labels)
    return text_area <= 0.6 * bbox_area(box)  # a box filled with text is a text box


def _is_grid(drawings: Sequence[Drawing]) -> bool:
    """Only horizontal and vertical rules (and cell shading): the shape of a table."""
    return all(d.is_horizontal_rule or d.is_vertical_rule or _axis_rect_only(d) for d in drawings) and sum(
        1 for d in drawings if d.is_horizontal_rule) >= 3 and sum(1 for d in drawings if d.is_vertical_rule) >= 2


def _axis_rect_only(d: Drawing) -> bool:
    return all(item.op == "re" for item in d.items)

"""What a region classifier is: a page (and what earlier classifiers claimed) in, proposals out."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Protocol, Sequence

from docparse.document import Chart, RegionGroup, RegionKind, Table, TableStyle
from docparse.pages.analysis import BBox, Line, PageAnalysis, bbox_overlap_fraction
from docparse.pages.document_context import DocumentContext


class Detector(str, Enum):
    """Which classifier proposed a region (its value is the provenance written to the output)."""

    HEURISTIC = "heuristic"  # text blocks (regions.semantic)
    TABLE = "table"  # ruled, booktabs and borderless tables (regions.tables)
    VECTOR_CHART = "vector"  # charts read from drawings (regions.charts)
    DIAGRAM = "vector-figure"  # vector diagrams (regions.diagrams)
    IMAGE = "image"  # embedded pictures (regions.figures)
    LAYOUT_MODEL = "layout-cdla"  # the layout model on OCR pages (regions.layout_model)


@dataclass(slots=True)
class RegionProposal:
    """A classified area of a page, before its reader has read it.

    A classifier that recovers content as a side effect (a table finder has the grid, a
    vector-chart detector has the marks) may attach it; the group's reader decides what to
    do with it.
    """

    bbox: BBox
    kind: RegionKind
    lines: list[Line] = field(default_factory=list)
    level: int | None = None
    score: float = 1.0
    detector: Detector = Detector.HEURISTIC
    table_style: TableStyle | None = None  # set by the table detector
    table: Table | None = None
    chart: Chart | None = None

    @property
    def provenance(self) -> str:
        """The detector, and the table style where there is one ("table:ruled")."""
        if self.table_style is None:
            return self.detector.value
        return f"{self.detector.value}:{self.table_style.value}"

    @property
    def group(self) -> RegionGroup:
        return self.kind.group


class RegionClassifier(Protocol):
    """Proposes regions on a page; must not propose over areas already ``claimed``."""

    def classify(
        self, page: PageAnalysis, context: DocumentContext, claimed: Sequence[RegionProposal]
    ) -> list[RegionProposal]: ...


def is_claimed(bbox: BBox, claimed: Sequence[RegionProposal], threshold: float = 0.5) -> bool:
    return any(bbox_overlap_fraction(bbox, p.bbox) >= threshold for p in claimed)


def unclaimed_lines(page: PageAnalysis, claimed: Sequence[RegionProposal]) -> list[Line]:
    return [line for line in page.lines if not is_claimed(line.bbox, claimed)]

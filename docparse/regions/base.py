"""What a region classifier is: a page (and what earlier classifiers claimed) in, proposals out."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol, Sequence

from docparse.document import Chart, RegionGroup, RegionKind, Table
from docparse.pages.analysis import BBox, Line, PageAnalysis, bbox_overlap_fraction


@dataclass(slots=True)
class FontStats:
    """Document-wide typography, from a cheap pre-pass over (a sample of) the pages."""

    body_size: float = 10.0
    heading_sizes: tuple[float, ...] = ()  # distinct sizes above body, largest first
    title_size: float | None = None
    body_font: str | None = None  # the font most characters are set in
    fixed_pitch_fonts: frozenset[str] = frozenset()  # flagged, named or measured monospace faces


@dataclass(slots=True)
class OutlineEntry:
    level: int
    title: str
    page: int


@dataclass(slots=True)
class DocumentContext:
    """Facts about the whole document that page-level classifiers may use."""

    page_count: int
    fonts: FontStats = field(default_factory=FontStats)
    running_texts: frozenset[str] = frozenset()  # normalized header/footer lines seen on many pages
    outline: tuple[OutlineEntry, ...] = ()
    margin_fraction: float = 0.09
    running_size: float | None = None  # median size of the running texts' repeats


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
    source: str = "heuristic"
    table: Table | None = None
    chart: Chart | None = None

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

"""What a reader is: a proposal and its page in, the region's content out."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from docparse.document import Chart, RegionGroup, RegionKind, Table, TextRun
from docparse.pages.analysis import PageAnalysis
from docparse.regions.base import RegionProposal


@dataclass(slots=True)
class RegionContent:
    text: str = ""
    runs: list[TextRun] = field(default_factory=list)
    table: Table | None = None
    chart: Chart | None = None
    kind: RegionKind | None = None  # a reader may refine the kind (a "chart" that is a photo)
    source: str = "text_layer"
    confidence: float | None = None


class Reader(Protocol):
    def read(self, proposal: RegionProposal, page: PageAnalysis) -> RegionContent: ...


@dataclass
class ReaderSet:
    """One reader per region group; the pipeline routes each proposal by its group."""

    semantic: Reader
    structural: Reader
    chart: Reader

    def for_group(self, group: RegionGroup) -> Reader:
        if group is RegionGroup.SEMANTIC:
            return self.semantic
        if group is RegionGroup.STRUCTURAL:
            return self.structural
        return self.chart

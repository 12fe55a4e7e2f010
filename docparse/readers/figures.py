"""Chart-group reader for plain figures: no values, the region stays a figure."""

from __future__ import annotations

from docparse.document import RegionKind
from docparse.pages.analysis import PageAnalysis
from docparse.readers.base import RegionContent
from docparse.regions.base import RegionProposal


class FigureReader:
    def read(self, proposal: RegionProposal, page: PageAnalysis) -> RegionContent:
        return RegionContent(kind=proposal.chart and RegionKind.CHART or RegionKind.FIGURE,
                             chart=proposal.chart, source=proposal.source)

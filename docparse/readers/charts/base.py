"""The one interface every chart reader (vector, raster, a VLM) implements, so they compare."""

from __future__ import annotations

from typing import Protocol

from docparse.document import Chart
from docparse.pages.analysis import PageAnalysis
from docparse.regions.base import RegionProposal


class ChartReader(Protocol):
    """Reads the value table of the chart in ``proposal``; ``None`` when it is not a chart."""

    name: str

    def read_chart(self, proposal: RegionProposal, page: PageAnalysis) -> Chart | None: ...

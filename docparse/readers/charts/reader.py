"""The chart-group reader: routes CHART and FIGURE proposals to the chart readers.

Vector charts arrive with their values already read by the chart classifier; pictures
(embedded images) are tried with the raster reader when they pass a cheap "looks like a chart"
test, and stay figures otherwise. Any other ``ChartReader`` (a VLM) can be put in ``readers``.
"""

from __future__ import annotations

import time
import weakref
from dataclasses import dataclass, field, replace

from docparse.document import Chart, RegionKind
from docparse.options.charts import ChartGroupOptions, PrecheckOptions
from docparse.pages.analysis import BBox, PageAnalysis
from docparse.readers.base import RegionContent
from docparse.readers.charts.base import ChartReader
from docparse.readers.charts.raster import RasterChartReader, looks_like_chart, own_picture
from docparse.readers.charts.vector import VectorChartOptions, read_vector_chart
from docparse.regions.base import RegionProposal


@dataclass
class VectorChartReader:
    """``ChartReader`` over the page's drawings and text layer."""

    options: VectorChartOptions = field(default_factory=VectorChartOptions)
    name: str = "vector"

    def read_chart(self, proposal: RegionProposal, page: PageAnalysis) -> Chart | None:
        return read_vector_chart(page, proposal.bbox, self.options)


@dataclass
class RasterBudget:
    """Seconds of raster chart reading allowed per page; pictures after that stay figures
    (a page of many chart-like pictures must not run into the page timeout)."""

    seconds: float | None  # ChartGroupOptions.raster_budget_s; None: no limit
    _page: "weakref.ref[PageAnalysis] | None" = field(default=None, repr=False)
    _spent: float = 0.0

    def allows(self, page: PageAnalysis) -> bool:
        if self._page is None or self._page() is not page:
            self._page, self._spent = weakref.ref(page), 0.0
        return self.seconds is None or self._spent < self.seconds

    def spend(self, seconds: float) -> None:
        self._spent += seconds


@dataclass
class ChartGroupReader:
    """Reader for the chart group (``ReaderSet.chart``)."""

    vector: ChartReader = field(default_factory=VectorChartReader)
    raster: ChartReader | None = field(default_factory=RasterChartReader)
    precheck: PrecheckOptions = field(default_factory=PrecheckOptions)  # "looks like a chart" test
    options: ChartGroupOptions = field(default_factory=ChartGroupOptions)  # precheck dpi, min points, budget
    budget: RasterBudget | None = None  # None: one of options.raster_budget_s seconds per page

    def __post_init__(self) -> None:
        if self.budget is None:
            self.budget = RasterBudget(self.options.raster_budget_s)

    def read(self, proposal: RegionProposal, page: PageAnalysis) -> RegionContent:
        chart = proposal.chart
        if chart is None and proposal.kind is RegionKind.CHART:
            chart = self.vector.read_chart(proposal, page)
        if chart is None and proposal.kind is RegionKind.FIGURE and self.raster is not None:
            chart = self._raster(proposal, page)
        if chart is None or _point_count(chart) < self.options.min_points:
            return RegionContent(kind=RegionKind.FIGURE, source=proposal.provenance)
        return RegionContent(kind=RegionKind.CHART, chart=chart, source=chart.source or proposal.provenance,
                             issue=unread_series_issue(chart))

    def _raster(self, proposal: RegionProposal, page: PageAnalysis) -> Chart | None:
        if page.render is None:
            return None
        try:
            if not looks_like_chart(page.crop(proposal.bbox, dpi=self.options.precheck_dpi), self.precheck):
                return None
        except ImportError:
            return None
        assert self.raster is not None and self.budget is not None
        if not self.budget.allows(page):
            page.warnings.append(f"raster chart budget ({self.budget.seconds:g} s) spent: picture at "
                                 f"{tuple(round(v) for v in proposal.bbox)} not read as a chart")
            return None
        start = time.perf_counter()
        try:
            return self.raster.read_chart(replace(proposal, bbox=picture_bounds(proposal, page)), page)
        except ImportError:  # OCR extra not installed: the picture stays a figure
            return None
        finally:
            self.budget.spend(time.perf_counter() - start)


def unread_series_issue(chart: Chart) -> str | None:
    """A warning for series read without any value (their legend entry was seen)."""
    empty = [s.name for s in chart.series if all(v is None for v in s.values)]
    if not empty:
        return None
    return "chart: no values read for series " + ", ".join(repr(n) for n in empty)


def _point_count(chart: Chart) -> int:
    return sum(1 for s in chart.series for v in s.values if v is not None)


def picture_bounds(proposal: RegionProposal, page: PageAnalysis, pad: float = 0.03) -> BBox:
    """The whole embedded picture when the proposal sits inside one that is mostly this chart
    (a layout model's box may clip the legend); otherwise the box padded a little (scans)."""
    image = own_picture(proposal.bbox, page)
    if image is not None:
        x0, y0, x1, y1 = image.bbox
        return (max(0.0, x0), max(0.0, y0), min(page.width, x1), min(page.height, y1))
    x0, y0, x1, y1 = proposal.bbox
    dx, dy = pad * (x1 - x0), pad * (y1 - y0)
    return (max(0.0, x0 - dx), max(0.0, y0 - dy), min(page.width, x1 + dx), min(page.height, y1 + dy))

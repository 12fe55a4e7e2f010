"""Figure text: the words drawn inside a figure or chart (labels, legends, annotations).

Wraps the chart-group reader. Whatever that reader decides (chart or plain figure), the
region also keeps the text-layer lines lying inside it, in rows top to bottom, so a diagram's
labels are searchable in the JSON and readable under the figure in Markdown instead of being
lost (or scattered through the body as tiny paragraphs). Vector diagrams found by
:class:`~docparse.regions.diagrams.DiagramClassifier` skip the chart reader: their drawings
were already offered to the vector chart reader, and they are not pictures.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Sequence

from docparse.document import RegionKind
from docparse.pages.analysis import Line, PageAnalysis
from docparse.readers.base import Reader, RegionContent
from docparse.readers.text import clean_text
from docparse.regions.base import Detector, RegionProposal


@dataclass
class FigureTextReader:
    """``Reader`` for the chart group: the inner reader's content plus the figure's own text."""

    inner: Reader
    min_overlap: float  # share of a line's box inside the region (ChartGroupOptions.figure_text_overlap)

    def read(self, proposal: RegionProposal, page: PageAnalysis) -> RegionContent:
        if proposal.detector is Detector.DIAGRAM:
            content = RegionContent(kind=RegionKind.FIGURE, source=proposal.provenance)
        else:
            content = self.inner.read(proposal, page)
        if content.text or (content.kind or proposal.kind) not in (RegionKind.FIGURE, RegionKind.CHART):
            return content
        lines = proposal.lines or page.lines_in(proposal.bbox, self.min_overlap)
        return replace(content, text=figure_text(lines))


def figure_text(lines: Sequence[Line]) -> str:
    """Label lines in rows (top to bottom), each row's labels left to right, one row a line."""
    rows: list[list[Line]] = []
    for line in sorted((ln for ln in lines if clean_text(ln.text).strip()), key=lambda ln: (ln.bbox[1], ln.bbox[0])):
        mid = (line.bbox[1] + line.bbox[3]) / 2
        if rows and rows[-1][0].bbox[1] <= mid <= rows[-1][0].bbox[3]:
            rows[-1].append(line)
        else:
            rows.append([line])
    return "\n".join("  ".join(" ".join(clean_text(ln.text).split()) for ln in sorted(row, key=lambda ln: ln.bbox[0]))
                     for row in rows)

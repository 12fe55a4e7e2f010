"""Page assembly: proposals + read contents → typed regions with ids and reading order."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Sequence

from docparse.document import IssueStage, Page, PageFrame, PageIssue, Region, RegionKind, region_id
from docparse.errors import DocparseError
from docparse.pages.analysis import PageAnalysis
from docparse.readers.base import RegionContent
from docparse.regions.base import RegionProposal
from docparse.regions.reading_order import ReadingOrder

if TYPE_CHECKING:
    import pymupdf


def build_page(
    analysis: PageAnalysis,
    proposals: Sequence[RegionProposal],
    contents: Sequence[RegionContent],
    reading_order: ReadingOrder,
) -> Page:
    kinds = [c.kind or p.kind for p, c in zip(proposals, contents)]
    body = [i for i, k in enumerate(kinds) if not k.is_furniture]
    ranked = reading_order.order([proposals[i].bbox for i in body])
    order_of = {body[j]: rank for rank, j in enumerate(ranked)}
    # ids follow reading order within each kind; furniture is numbered after the body
    sequence = sorted(range(len(proposals)), key=lambda i: (i not in order_of, order_of.get(i, 0),
                                                            proposals[i].bbox[1]))
    counters: Counter[RegionKind] = Counter()
    regions: list[Region] = []
    for i in sequence:
        p, c, kind = proposals[i], contents[i], kinds[i]
        counters[kind] += 1
        regions.append(
            Region(
                id=region_id(analysis.number, kind, counters[kind]),
                group=kind.group, kind=kind, page=analysis.number,
                bbox=tuple(round(v, 2) for v in p.bbox),  # type: ignore[arg-type]
                order=order_of.get(i, -1), text=c.text, runs=c.runs,
                level=p.level if kind in (RegionKind.TITLE, RegionKind.HEADING, RegionKind.LIST_ITEM) else None,
                font_size=round(max(line.size for line in p.lines), 2) if p.lines else None,
                table=c.table, chart=c.chart, latex=c.latex, source=c.source, confidence=c.confidence,
            )
        )
    issues = [PageIssue(page=analysis.number, stage=IssueStage.ANALYSIS, message=w) for w in analysis.warnings]
    issues += [PageIssue(page=analysis.number, stage=IssueStage.ANALYSIS, message=f, fatal=True) for f in analysis.failures]
    issues += [PageIssue(page=analysis.number, stage=IssueStage.READ, message=c.issue) for c in contents if c.issue]
    return Page(number=analysis.number, width=round(analysis.width, 2), height=round(analysis.height, 2),
                rotation=analysis.rotation, ocr=analysis.ocr, frame=box_frame(analysis), regions=regions,
                issues=issues)


def box_frame(analysis: PageAnalysis) -> PageFrame:
    """The frame the page's boxes are in. Text layer: the unrotated page (the rendered page
    turned back by its /Rotate), shown as rendered. OCR: the rendered page turned by the
    orientation correction, shown so (upright)."""
    width, height = round(analysis.width, 2), round(analysis.height, 2)
    if analysis.ocr:
        return PageFrame(turns=analysis.ocr_turns % 4, width=width, height=height)
    turns = (analysis.rotation // 90) % 4
    if turns % 2:
        width, height = height, width
    return PageFrame(turns=turns, width=width, height=height, shown_turns=(4 - turns) % 4)


def failed_page(doc: "pymupdf.Document", number: int, exc: BaseException) -> Page:
    """A page that could not be converted: its size if known, and a fatal issue record."""
    width = height = 0.0
    try:
        rect = doc.load_page(number - 1).rect
        width, height = rect.width, rect.height
    except Exception:  # noqa: BLE001
        pass
    if isinstance(exc, DocparseError):
        message, stage = exc.message, type(exc).__name__
    else:
        message, stage = f"{type(exc).__name__}: {exc}".replace("\n", " "), IssueStage.CONVERT
    return Page(number=number, width=width, height=height,
                issues=[PageIssue(page=number, stage=stage, message=message, fatal=True)])

"""What the block-role rules read about one block (:class:`BlockFacts`), computed once: its
text, size against the body, margin bands, style, numbering, and whether it sits in a row of
table cells. The rules themselves are in :mod:`docparse.regions.block_roles` (headings, title,
body) and :mod:`docparse.regions.block_furniture` (running headers and footers, page numbers)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property

from docparse.config import BlockRoleOptions
from docparse.document import RegionKind
from docparse.models.trees import TreeEnsemble
from docparse.pages.analysis import BBox, Line, PageAnalysis, bbox_union
from docparse.pages.document_context import DocumentContext
from docparse.regions.block_cues import (
    BULLET_RE,
    NUMBERED_HEADING_RE,
    _block_text,
    _is_math,
    _starts_with_dingbat,
    baseline_neighbours,
    cells_above_and_below_beside,
    spans_a_claimed_row,
    starts_with_raised_marker,
    under_bold_cell_row,
)

Role = tuple[RegionKind, "int | None"]


def page_body_size(lines: Sequence[Line], body: float, settings: BlockRoleOptions) -> float | None:
    """The commonest size of the page's lines where the page is set in a smaller body of its own
    (a brochure or solution-brief page inside a report set at 10 pt, its text at 7.4 pt): that
    size on most of the page's characters, well under the document's body size, and little text
    at the document's body size. None for an ordinary page (a page of footnotes still carries
    its body text)."""
    chars: Counter[float] = Counter()
    for line in lines:
        chars[round(line.size * 2) / 2] += len(line.text.strip())
    total = sum(chars.values())
    if total < settings.page_body_min_chars:
        return None
    size, count = max(chars.items(), key=lambda item: item[1])
    at_body = sum(n for s, n in chars.items() if abs(s - body) <= 0.5)
    if size > body * settings.page_body_max_ratio or count < settings.page_body_min_share * total:
        return None
    return size if at_body <= settings.page_body_max_doc_share * total else None
FOOTNOTE_MARKS = "*†‡§¶"


@dataclass
class BlockFacts:
    """What the rules read about one block, computed once."""

    block: Sequence[Line]
    page: PageAnalysis
    context: DocumentContext
    settings: BlockRoleOptions
    peers: Sequence[Line] | None = None  # the lines no earlier classifier claimed (None: all)
    model: TreeEnsemble | None = None  # the learned block-role model (ParseOptions.blocks.learned_headings)

    @cached_property
    def text(self) -> str:
        return _block_text(self.block)

    @cached_property
    def bbox(self) -> BBox:
        return bbox_union([line.bbox for line in self.block])

    @cached_property
    def size(self) -> float:
        return max((line.size for line in self.block), default=0.0)

    @property
    def body(self) -> float:
        return self.context.fonts.body_size

    @property
    def first(self) -> str:
        return self.block[0].text

    @cached_property
    def in_top(self) -> bool:
        return self.bbox[3] <= self.page.height * (self.context.margin_fraction + self.settings.band_slack)

    @cached_property
    def in_bottom(self) -> bool:
        return self.bbox[1] >= self.page.height * (1 - self.context.margin_fraction - self.settings.band_slack)

    @property
    def band_edge(self) -> float:
        """The inner edge of the margin band the block is in."""
        band = self.context.margin_fraction + self.settings.band_slack
        return self.page.height * (band if self.in_top else 1 - band)

    @property
    def band_edge_top(self) -> float:
        """The lower edge of the top margin band."""
        return self.page.height * (self.context.margin_fraction + self.settings.band_slack)

    @property
    def in_band(self) -> bool:
        return self.in_top or self.in_bottom

    @cached_property
    def bold(self) -> bool:
        return all(line.bold or line.small_caps for line in self.block)

    @cached_property
    def short(self) -> bool:
        return len(self.text) <= self.settings.max_heading_chars and len(self.block) <= self.settings.max_heading_lines

    @cached_property
    def numbered(self) -> bool:
        return bool(NUMBERED_HEADING_RE.match(self.first))

    @cached_property
    def dingbat(self) -> bool:
        return _starts_with_dingbat(self.block[0])

    @cached_property
    def bullet(self) -> bool:
        return bool(BULLET_RE.match(self.first)) or self.dingbat

    @cached_property
    def math(self) -> bool:
        return _is_math(self.block)

    @cached_property
    def footnote_marked(self) -> bool:
        """Starts with a raised marker or a footnote symbol ("¹ Source: …", "* Estimated")."""
        if self.dingbat:  # a bullet glyph set smaller than its item ("r\x01 Database …") marks no note
            return False
        return starts_with_raised_marker(self.block[0]) or self.first.lstrip()[:1] in FOOTNOTE_MARKS

    @cached_property
    def in_cell_row(self) -> bool:
        """A one-line block beside other short lines on its baseline: a cell of a table row (one
        neighbour may be the other column's last line beside a heading); or beside cells just
        above and just below it: a row-group label centred on its rows."""
        if len(self.block) != 1:
            return False
        lines = self.page.lines if self.peers is None else self.peers  # chart labels are claimed
        wanted, overlap = self.settings.min_row_neighbours, self.settings.row_overlap_share
        chars, ems = self.settings.cell_max_chars, self.settings.cell_max_ems
        row = baseline_neighbours(lines, self.block, chars, overlap, max_ems=ems)
        if len(row) >= wanted or cells_above_and_below_beside(
                self.page.lines, self.block, chars, self.settings.row_label_gap, ems,
                self.settings.row_label_reach * self.size):
            return True
        if self.peers is None:
            return False
        # column-group labels ('Capex  Backlog') whose row-mate, the stub header, a table claimed:
        # claimed lines count close beside the row
        reach = self.settings.claimed_cell_reach * self.size
        near = baseline_neighbours(self.page.lines, [*self.block, *row], chars, overlap, reach, ems)
        return len(row) + len(near) >= wanted

    @cached_property
    def under_header_row(self) -> bool:
        """A bold one-line block right under a row of bold table cells of its size: the table's
        first row-group label or stub cell left outside it ("Wholesale" under "Division 2014 2015 …"
        at a page end), no heading."""
        if len(self.block) != 1 or not self.bold:
            return False
        s = self.settings
        return under_bold_cell_row(self.page.lines, self.block, s.header_row_min_cells, s.header_row_gap,
                                   s.cell_max_chars, s.cell_max_ems)

    @cached_property
    def header_over_claimed_row(self) -> bool:
        """A one-line block over a table's row whose ends it shares, at the cells' size: the
        table's header row left outside the table (:func:`spans_a_claimed_row`), no heading."""
        if len(self.block) != 1 or self.peers is None:
            return False
        peers = {id(line) for line in self.peers}
        claimed = [line for line in self.page.lines if id(line) not in peers]
        s = self.settings
        return spans_a_claimed_row(self.block, claimed, s.header_row_min_cells, s.header_over_table_gap,
                                   s.header_edge_ems)

    @cached_property
    def page_body(self) -> float | None:
        """The page's own body size where the page is set smaller than the document's body
        (:func:`page_body_size`), else None."""
        if self.page.ocr:
            return None
        return page_body_size(self.page.lines if self.peers is None else self.peers, self.body, self.settings)

    def ratio(self) -> float:
        return self.size / max(self.body, 1e-6)

    @cached_property
    def heading_probability(self) -> float:
        """The learned model's probability that the block is a heading or the title (0 without one)."""
        if self.model is None:
            return 0.0
        from docparse.regions.block_features import block_features

        return float(self.model.probabilities([block_features(self)])[0])


Rule = Callable[[BlockFacts], "Role | None"]

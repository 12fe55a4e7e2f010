"""Structural reader: the table inside a classifier's region, rebuilt by the grid chain.

The classifier tells the style in ``proposal.table_style`` (ruled, booktabs, borderless); a
table already attached to the proposal (an upstream model's) wins.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from docparse.document import Table, TableStyle
from docparse.pages.analysis import PageAnalysis
from docparse.readers.base import RegionContent
from docparse.regions.base import RegionProposal
from docparse.tablegrid import GridOptions, read_table
from docparse.tablegrid.turn import Turn, page_side, text_turn, turn_bbox, turn_page, unturn_bbox


def style_of(proposal: RegionProposal) -> TableStyle:
    """The style the table detector found; a table region from elsewhere reads as borderless."""
    return proposal.table_style or TableStyle.BORDERLESS


def read_turned_table(page: PageAnalysis, proposal: RegionProposal, settings: GridOptions) -> Table:
    """The grid chain on the region; a region whose text runs up or down the page is read in
    the page turned a quarter (cell boxes mapped back)."""
    turn = text_turn(page.lines, proposal.bbox)
    if turn is Turn.NONE:
        return read_table(page, proposal.bbox, style_of(proposal), settings)
    side = page_side(page)
    table = read_table(turn_page(page, turn), turn_bbox(proposal.bbox, turn, side), style_of(proposal), settings)
    cells = [c.model_copy(update={"bbox": unturn_bbox(c.bbox, turn, side)}) if c.bbox else c for c in table.cells]
    return table.model_copy(update={"cells": cells})


@dataclass
class TableReader:
    settings: GridOptions = field(default_factory=GridOptions)

    def read(self, proposal: RegionProposal, page: PageAnalysis) -> RegionContent:
        if proposal.table is not None:
            return RegionContent(table=proposal.table, source=proposal.provenance)
        table = read_turned_table(page, proposal, self.settings) if page.words else Table(n_rows=0, n_cols=0)
        text = "\n".join(" | ".join(row) for row in table.grid())
        return RegionContent(text=text, table=table, source=proposal.provenance)

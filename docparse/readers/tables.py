"""Structural reader: the table inside a classifier's region, rebuilt by the grid chain.

The classifier tells the style in ``proposal.source`` (``table:ruled``, ``table:booktabs``,
``table:borderless``); a table already attached to the proposal (an upstream model's) wins.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from docparse.document import Table
from docparse.pages.analysis import PageAnalysis
from docparse.readers.base import RegionContent
from docparse.readers.tablegrid import GridSettings, read_table
from docparse.regions.base import RegionProposal


def style_of(proposal: RegionProposal) -> str:
    kind, _, style = proposal.source.partition(":")
    return style if kind == "table" and style else "borderless"


@dataclass
class TableReader:
    settings: GridSettings = field(default_factory=GridSettings)

    def read(self, proposal: RegionProposal, page: PageAnalysis) -> RegionContent:
        if proposal.table is not None:
            return RegionContent(table=proposal.table, source=proposal.source)
        table = read_table(page, proposal.bbox, style_of(proposal), self.settings) if page.words else Table(
            n_rows=0, n_cols=0)
        text = "\n".join(" | ".join(row) for row in table.grid())
        return RegionContent(text=text, table=table, source=proposal.source)

"""Structural reader: returns the table the classifier recovered."""

from __future__ import annotations

from docparse.document import Table
from docparse.pages.analysis import PageAnalysis
from docparse.readers.base import RegionContent
from docparse.regions.base import RegionProposal


class TableReader:
    def read(self, proposal: RegionProposal, page: PageAnalysis) -> RegionContent:
        table = proposal.table or Table(n_rows=0, n_cols=0)
        return RegionContent(table=table, source=proposal.source)

"""What a reader is: a proposal and its page in, the region's content out."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol, Sequence, runtime_checkable

from docparse.document import Chart, RegionGroup, RegionKind, Table, TextRun
from docparse.pages.analysis import PageAnalysis
from docparse.regions.base import RegionProposal


@dataclass(slots=True)
class RegionContent:
    text: str = ""
    runs: list[TextRun] = field(default_factory=list)
    table: Table | None = None
    chart: Chart | None = None
    latex: str | None = None  # a formula's LaTeX
    kind: RegionKind | None = None  # a reader may refine the kind (a "chart" that is a photo)
    source: str = "text_layer"
    confidence: float | None = None
    issue: str | None = None  # the reader failed on this region; recorded as a page warning


class Reader(Protocol):
    def read(self, proposal: RegionProposal, page: PageAnalysis) -> RegionContent: ...


@runtime_checkable
class BatchReader(Protocol):
    """A reader that prefers a page's regions of its group in one call (a VLM backend batches)."""

    def read_many(self, proposals: Sequence[RegionProposal], page: PageAnalysis) -> list[RegionContent]: ...


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


def _read_one(reader: Reader, proposal: RegionProposal, page: PageAnalysis) -> RegionContent:
    """One region; a reader bug on it costs that region's content, not the page."""
    from docparse.errors import DocparseError

    try:
        return reader.read(proposal, page)
    except DocparseError:
        raise  # limits and deadlines belong to the page
    except Exception as exc:  # noqa: BLE001
        kind = proposal.kind
        message = f"{type(exc).__name__}: {exc}".replace("\n", " ")[:300]
        return RegionContent(kind=kind, source="failed", issue=f"{kind.value} region {proposal.bbox}: {message}")


def read_all(readers: ReaderSet, proposals: Sequence[RegionProposal], page: PageAnalysis) -> list[RegionContent]:
    """Every proposal read by its group's reader, in order; a :class:`BatchReader` gets all of
    its group's regions on the page at once."""
    out: list[RegionContent | None] = [None] * len(proposals)
    batches: dict[int, tuple[BatchReader, list[int]]] = {}
    for k, proposal in enumerate(proposals):
        reader = readers.for_group(proposal.group)
        if isinstance(reader, BatchReader):
            batches.setdefault(id(reader), (reader, []))[1].append(k)
        else:
            out[k] = _read_one(reader, proposal, page)
    for batch_reader, idx in batches.values():
        for k, content in zip(idx, batch_reader.read_many([proposals[k] for k in idx], page)):
            out[k] = content
    return [c if c is not None else RegionContent(source="failed", issue="no content") for c in out]

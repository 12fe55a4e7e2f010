"""The VLM reader: a region crop goes through a VLM backend with its group's prompt; what comes
back is validated, and anything malformed (ragged tables, CSV without numbers, runaway
repetition, a backend error) falls back to the native reader for that group.

``--reader vlm`` sends every region; ``--reader auto`` with a model or server configured runs
the native reader first and sends only the regions it came back empty on (no text, no table
cells, no chart values) — a weak checkpoint can then only add content, never replace good
native output. Importing this module does not import torch.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

from docparse.config import ReaderMode, VlmOptions
from docparse.document import ChartType, RegionGroup, RegionKind, TextRun
from docparse.errors import UsageError
from docparse.options.vlm import VlmRegionOptions
from docparse.pages.analysis import PageAnalysis
from docparse.readers.base import Reader, ReaderSet, RegionContent
from docparse.regions.base import RegionProposal
from docparse.vlm.backends import VlmBackend, VlmBackendError, VlmRequest
from docparse.vlm.formats import VlmOutputError, check_text, csv_to_chart, parse_table_output

PROMPT_TASKS = ("text", "table", "chart", "summary")
DEFAULT_PROMPTS_DIR = Path(__file__).resolve().parents[1] / "prompts"  # also ./prompts at the top


@dataclass(frozen=True)
class Prompts:
    text: str
    table: str
    chart: str
    summary: str

    def for_task(self, task: str) -> str:
        return getattr(self, task)


def load_prompts(directory: Path | None = None) -> Prompts:
    """``prompts/{text,table,chart,summary}.txt``."""
    d = directory or DEFAULT_PROMPTS_DIR
    missing = [t for t in PROMPT_TASKS if not (d / f"{t}.txt").is_file()]
    if missing:
        raise UsageError(f"{d}: missing prompt file(s) {', '.join(f'{t}.txt' for t in missing)}")
    return Prompts(*((d / f"{t}.txt").read_text(encoding="utf-8").strip() for t in PROMPT_TASKS))


@dataclass(frozen=True)
class VlmReaderOptions(VlmRegionOptions):
    """The region options (``ParseOptions.vlm.regions``) and when the native reader goes first."""

    mode: ReaderMode = ReaderMode.VLM


def task_for(kind: RegionKind) -> str:
    if kind is RegionKind.TABLE:
        return "table"
    if kind.group is RegionGroup.CHART:
        return "chart"
    return "text"


def is_empty(content: RegionContent) -> bool:
    """Nothing a reader could give the document: no text, no table cells, no chart values."""
    return (not content.text.strip() and (content.table is None or not content.table.cells)
            and (content.chart is None or not content.chart.series))


def parse_output(task: str, text: str, source: str) -> RegionContent:
    """Validated content from the backend's answer; raises :class:`VlmOutputError`."""
    if task == "table":
        table = parse_table_output(text)
        return RegionContent(table=table.model_copy(update={"style": "image"}), source=source)
    if task == "chart":
        chart = csv_to_chart(text, ChartType.UNKNOWN).model_copy(update={"source": source})
        return RegionContent(chart=chart, kind=RegionKind.CHART, source=source)
    body = check_text(text)
    return RegionContent(text=body, runs=[TextRun(text=body)], source=source)


@dataclass
class VlmReader:
    """One group's reader: the VLM first, the native ``fallback`` when it fails validation."""

    backend: VlmBackend
    fallback: Reader
    prompts: Prompts
    options: VlmReaderOptions = field(default_factory=VlmReaderOptions)

    def eligible(self, proposal: RegionProposal, page: PageAnalysis) -> bool:
        x0, y0, x1, y1 = proposal.bbox
        return min(x1 - x0, y1 - y0) >= self.options.min_side_pt and page.render is not None

    def request(self, proposal: RegionProposal, page: PageAnalysis) -> VlmRequest:
        task = task_for(proposal.kind)
        return VlmRequest(page.crop(proposal.bbox, self.options.dpi), proposal.group.value, task,
                          self.prompts.for_task(task))

    def read(self, proposal: RegionProposal, page: PageAnalysis) -> RegionContent:
        return self.read_many([proposal], page)[0]

    def read_many(self, proposals: Sequence[RegionProposal], page: PageAnalysis) -> list[RegionContent]:
        """Read several regions of a page in one backend call (batched by the backend)."""
        natives: list[RegionContent | None] = [None] * len(proposals)
        if self.options.mode is not ReaderMode.VLM:
            natives = [self.fallback.read(p, page) for p in proposals]
        chosen = [k for k, (p, native) in enumerate(zip(proposals, natives)) if self.eligible(p, page)
                  and (native is None or is_empty(native))]
        out: list[RegionContent | None] = list(natives)
        if chosen:
            requests = [self.request(proposals[k], page) for k in chosen]
            try:
                answers: list[str | None] = list(self.backend.read(requests))
            except VlmBackendError as exc:
                page.warnings.append(f"vlm backend failed, native reader used: {exc}")
                answers = [None] * len(chosen)
            for k, req, answer in zip(chosen, requests, answers):
                out[k] = self._validated(req.task, answer, proposals[k], page) or out[k]
        return [c if c is not None else self.fallback.read(p, page) for c, p in zip(out, proposals)]

    def _validated(self, task: str, answer: str | None, proposal: RegionProposal,
                   page: PageAnalysis) -> RegionContent | None:
        if answer is None:
            return None
        try:
            return parse_output(task, answer, self.backend.name)
        except VlmOutputError as exc:
            page.warnings.append(f"vlm output rejected for {proposal.kind.value} at "
                                 f"{tuple(round(v) for v in proposal.bbox)}: {exc}; native reader used")
            return None


def wants_vlm(options: VlmOptions) -> bool:
    if options.reader is ReaderMode.VLM:
        return True
    return options.reader is ReaderMode.AUTO and bool(options.model_path or options.server_url)


def wrap_readers(readers: ReaderSet, options: VlmOptions, backend: VlmBackend,
                 reader_options: VlmReaderOptions | None = None) -> ReaderSet:
    """Each group's native reader behind a :class:`VlmReader` sharing one ``backend`` (chosen by
    the composition root, :func:`docparse.components.default_readers`)."""
    mode = ReaderMode.VLM if options.reader is ReaderMode.VLM else ReaderMode.AUTO
    regions = options.regions
    ro = reader_options or VlmReaderOptions(dpi=regions.dpi, min_side_pt=regions.min_side_pt,
                                            prompts_dir=regions.prompts_dir, mode=mode)
    prompts = load_prompts(ro.prompts_dir)
    return ReaderSet(
        semantic=VlmReader(backend, readers.semantic, prompts, ro),
        structural=VlmReader(backend, readers.structural, prompts, ro),
        chart=VlmReader(backend, readers.chart, prompts, ro),
    )

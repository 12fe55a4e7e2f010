"""Page fan-out: one long document converted by several workers at once.

The caller opens the document once and runs the document pre-pass (the pages to convert, font
statistics, running headers and footers: :func:`docparse.pipeline.document_pre_pass`). The pages
are cut into contiguous ranges; each range is a task for a warm pool worker, which converts its
pages with the shared context and sends them back unassembled. The caller then puts the pages in
order and runs document assembly once over all of them, so paragraphs and tables split across a
range boundary are joined exactly as in a sequential :func:`docparse.pipeline.convert`.
"""

from __future__ import annotations

import itertools
import math
import os
import threading
import time
from collections import deque
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

from docparse.batch.manifest import Status
from docparse.batch.worker import ComponentsCache, Task, TaskResult, failed_result
from docparse.config import ParseOptions
from docparse.document import Document, IssueStage, PageIssue
from docparse.errors import DocparseError, PageFailed
from docparse.options.batch import FanOutOptions

RANGE_ID_BASE = 1 << 40  # range tasks' ids, apart from the batch's input numbers

if TYPE_CHECKING:
    from docparse.batch.inputs import InputRef
    from docparse.document import DocumentMetadata
    from docparse.pages.open import Source


def page_ranges(numbers: list[int], workers: int, fan: FanOutOptions) -> list[tuple[int, ...]]:
    """Contiguous ranges: at least ``fan.ranges_per_worker`` a worker (a slow range does not
    leave the others idle), none shorter than ``fan.min_range_pages``."""
    wanted = max(1, workers * fan.ranges_per_worker)
    size = max(fan.min_range_pages, math.ceil(len(numbers) / wanted))
    return [tuple(numbers[i:i + size]) for i in range(0, len(numbers), size)]


def run_range_task(task: Task, cache: ComponentsCache | None) -> TaskResult:
    """A worker's side: convert the task's pages with the shared context, unassembled."""
    from docparse.pages.open import open_document
    from docparse.pipeline import convert_page_range

    assert task.page_range is not None and task.context is not None
    start = time.perf_counter()
    options = task.options
    components = cache.get(options) if cache is not None else None
    if components is None:
        from docparse.components import default_components

        components = default_components(options)
    try:
        with open_document(task.source, options.open, options.limits.max_image_pixels) as opened:
            pages = convert_page_range(opened, list(task.page_range), task.context, options, components)
    except DocparseError as exc:
        return failed_result(task.task_id, task.key, Status.FAILED, exc.message, time.perf_counter() - start)
    return TaskResult(task_id=task.task_id, key=task.key, status=Status.OK, pages=len(pages),
                      seconds=time.perf_counter() - start, page_objects=tuple(pages))


def convert_fanned_out(source: "Source", options: ParseOptions, workers: int,
                       fan: FanOutOptions | None = None, threads: int | None = 1) -> Document:
    """Convert ``source`` with its pages spread over ``workers`` processes, this one included:
    the caller converts ranges itself while ``workers - 1`` warm pool workers start and take
    ranges from the same queue. The result equals :func:`docparse.pipeline.convert`'s."""
    from docparse.assembly.document import assemble_document
    from docparse.batch.threads import with_worker_threads
    from docparse.pages.context import read_metadata
    from docparse.pages.open import open_document
    from docparse.pipeline import document_pre_pass
    from docparse.renderers.images import DocumentOrigin

    fan = fan or FanOutOptions()
    task_options = with_worker_threads(options, threads)
    with open_document(source, options.open, options.limits.max_image_pixels) as opened:
        numbers, context = document_pre_pass(opened, options)
        metadata, name, warnings = read_metadata(opened), opened.name, list(opened.warnings)
    shipped: Path | bytes = Path(source) if isinstance(source, (str, os.PathLike)) else bytes(source)
    if isinstance(shipped, Path) and fan.ship_bytes:
        shipped = shipped.read_bytes()
    tasks = [Task(task_id=n, key=f"{name} pages {r[0]}-{r[-1]}", stem="", source=shipped, options=task_options,
                  page_range=r, context=context)
             for n, r in enumerate(page_ranges(numbers, workers, fan))]
    done = _SharedRanges(tasks).run(min(workers, len(tasks)) - 1, threads)
    for result in done.values():
        if not result.status.converted:
            raise PageFailed(f"{result.key}: {result.error}", source=name)
    pages = [page for n in sorted(done) for page in done[n].page_objects]
    document = Document(source=name, metadata=metadata, pages=pages,
                        issues=[PageIssue(stage=IssueStage.OPEN, message=w) for w in warnings])
    document = assemble_document(document, options.assembly, options.blocks)
    document.attach_origin(DocumentOrigin.of(source, options.open))
    return document


class _SharedRanges:
    """Range tasks taken by the caller (from the front) and by a pool of helper workers (from the
    back, each when it is free), so nobody waits while ranges are left."""

    def __init__(self, tasks: list[Task]) -> None:
        self._queue = deque(tasks)
        self._lock = threading.Lock()
        self.done: dict[int, TaskResult] = {}
        self.failure: BaseException | None = None

    def take(self, from_back: bool = False) -> Task | None:
        with self._lock:
            if not self._queue or self.failure is not None:
                return None
            return self._queue.pop() if from_back else self._queue.popleft()

    def _helper_tasks(self) -> Iterator[Task]:
        while (task := self.take(from_back=True)) is not None:
            yield task

    def run(self, helpers: int, threads: int | None) -> dict[int, TaskResult]:
        """Convert every range; ``helpers`` pool workers help the caller (0: the caller alone)."""
        helper = threading.Thread(target=self._run_pool, args=(helpers, threads), daemon=True) if helpers else None
        if helper is not None:
            helper.start()
        try:
            self._run_here()
        except BaseException as exc:
            with self._lock:
                self.failure = exc  # the helpers take no more ranges
            raise
        finally:
            if helper is not None:
                helper.join()
        if self.failure is not None:
            raise self.failure
        return self.done

    def _run_here(self) -> None:
        cache = ComponentsCache()
        while (task := self.take()) is not None:
            result = run_range_task(task, cache)
            with self._lock:
                self.done[task.task_id] = result

    def _run_pool(self, helpers: int, threads: int | None) -> None:
        from docparse.batch.pool import ProcessPool
        from docparse.batch.threads import WorkerSetup

        try:
            first = self.take(from_back=True)  # the pool starts its workers for a first task
            if first is None:
                return
            pool = ProcessPool(helpers, setup=WorkerSetup(first.options, threads))
            for result in pool.run(itertools.chain([first], self._helper_tasks())):
                with self._lock:
                    self.done[result.task_id] = result
        except BaseException as exc:  # noqa: BLE001 - handed to the caller's thread
            with self._lock:
                self.failure = exc


@dataclass
class _Split:
    """A document being converted in ranges: what the join needs."""

    task: Task
    ranges: int
    name: str
    metadata: "DocumentMetadata"
    warnings: list[str]
    started: float
    done: dict[int, TaskResult] = field(default_factory=dict)


@dataclass
class FanOutJoiner:
    """The batch side of page fan-out: ``split`` turns a long document's task into range tasks
    (pre-pass done here, once), ``collect`` gathers range results and, with the last one,
    assembles the document, writes its outputs and returns the input's result."""

    workers: int
    fan: FanOutOptions
    _splits: dict[int, _Split] = field(default_factory=dict)
    _owner: dict[int, int] = field(default_factory=dict)  # range task id -> the input's task id
    _next_id: int = RANGE_ID_BASE

    def split(self, task: Task) -> list[Task] | None:
        """Range tasks for a document over ``fan.min_pages`` pages, else None (convert it whole)."""
        from docparse.pages.context import read_metadata
        from docparse.pages.open import open_document
        from docparse.pipeline import document_pre_pass

        if not wants_fan_out(task, self.workers, self.fan):
            return None
        options = task.options
        try:
            with open_document(task.source, options.open, options.limits.max_image_pixels) as opened:
                if opened.page_count <= (self.fan.min_pages or 0) or opened.page_count > options.open.max_pages:
                    return None  # short, or refused by the page limit in the worker as usual
                numbers, context = document_pre_pass(opened, options)
                split = _Split(task, 0, opened.name, read_metadata(opened), list(opened.warnings), time.perf_counter())
        except Exception:  # noqa: BLE001 - any trouble: the worker converts it whole and reports it
            return None
        ranges = []
        for pages in page_ranges(numbers, self.workers, self.fan):
            ranges.append(replace(task, task_id=self._next_id, page_range=pages, context=context))
            self._owner[self._next_id] = task.task_id
            self._next_id += 1
        split.ranges = len(ranges)
        self._splits[task.task_id] = split
        return ranges

    def collect(self, result: TaskResult) -> TaskResult | None:
        """The input's result: ``result`` itself, or None until the last range of a split is in."""
        owner = self._owner.pop(result.task_id, None)
        if owner is None:
            return result
        split = self._splits[owner]
        split.done[result.task_id] = result
        if len(split.done) < split.ranges:
            return None
        del self._splits[owner]
        return _join(split)


def workers_for(refs: "list[InputRef]", workers: int, fan: FanOutOptions) -> int:
    """Workers a batch needs: one an input at most, unless one of a few inputs is long enough to
    fan out over all of them (only small batches are looked into; a file that does not open
    counts as short)."""
    if len(refs) >= workers:
        return workers
    if fan.min_pages is None or not any(_page_count(ref.path) > fan.min_pages for ref in refs if ref.member is None
                                        and ref.uri is None):
        return max(1, len(refs))
    return workers


def _page_count(path: Path) -> int:
    from docparse.pages.mupdf import load_pymupdf

    try:
        with load_pymupdf().open(path) as doc:
            return int(doc.page_count)
    except Exception:  # noqa: BLE001 - not a PDF, damaged: the worker reports it
        return 0


def wants_fan_out(task: Task, workers: int, fan: FanOutOptions) -> bool:
    """Fan-out is on, there are workers to share with, the whole document is asked for and the
    driver holds it (an object-store input is read by its worker: converted whole)."""
    return (fan.min_pages is not None and workers > 1 and task.options.pages is None and task.page_range is None
            and task.source_uri is None)


def _join(split: _Split) -> TaskResult:
    """Assemble the ranges' pages once, in order, and render the input's outputs."""
    from docparse.assembly.document import assemble_document
    from docparse.batch.worker import render_outputs
    from docparse.renderers.images import DocumentOrigin

    task, results = split.task, [split.done[k] for k in sorted(split.done)]
    seconds = time.perf_counter() - split.started
    failed = next((r for r in results if not r.status.converted), None)
    if failed is not None:
        return failed_result(task.task_id, task.key, failed.status, f"{failed.key}: {failed.error}", seconds)
    options = task.options
    document = Document(source=split.name, metadata=split.metadata,
                        pages=[page for r in results for page in r.page_objects],
                        issues=[PageIssue(stage=IssueStage.OPEN, message=w) for w in split.warnings])
    document = assemble_document(document, options.assembly, options.blocks)
    document.source = task.key
    document.attach_origin(DocumentOrigin.of(task.source, options.open))
    try:
        written, files = render_outputs(task, document)
    except OSError as exc:
        return failed_result(task.task_id, task.key, Status.FAILED, f"cannot write output: {exc}", seconds)
    page_errors = tuple(f"page {i.page}: {i.message}".replace("\n", " ")
                        for page in document.pages for i in page.issues if i.fatal)
    return TaskResult(task_id=task.task_id, key=task.key, status=Status.PARTIAL if page_errors else Status.OK,
                      pages=len(document.pages), seconds=time.perf_counter() - split.started,
                      page_errors=page_errors, written=tuple(written), files=tuple(files))

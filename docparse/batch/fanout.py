"""Page fan-out: one long document converted by several workers at once.

The caller opens the document once and runs the document pre-pass (the pages to convert, font
statistics, running headers and footers: :func:`docparse.pipeline.document_pre_pass`). The pages
are cut into contiguous ranges; each range is a task for a warm pool worker, which converts its
pages with the shared context and sends them back unassembled. The caller then puts the pages in
order and runs document assembly once over all of them, so paragraphs and tables split across a
range boundary are joined exactly as in a sequential :func:`docparse.pipeline.convert`.
"""

from __future__ import annotations

import math
import os
import time
from pathlib import Path
from typing import TYPE_CHECKING

from docparse.batch.manifest import Status
from docparse.batch.worker import ComponentsCache, Task, TaskResult, failed_result
from docparse.config import ParseOptions
from docparse.document import Document, IssueStage, PageIssue
from docparse.errors import DocparseError, PageFailed
from docparse.options.batch import FanOutOptions

if TYPE_CHECKING:
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
    """Convert ``source`` with its pages spread over ``workers`` warm worker processes; the
    result equals :func:`docparse.pipeline.convert`'s."""
    from docparse.assembly.document import assemble_document
    from docparse.batch.pool import ProcessPool
    from docparse.batch.threads import WorkerSetup, with_worker_threads
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
    pool = ProcessPool(min(workers, len(tasks)), setup=WorkerSetup(task_options, threads))
    done: dict[int, TaskResult] = {}
    for result in pool.run(tasks):
        if not result.status.converted:
            raise PageFailed(f"{result.key}: {result.error}", source=name)
        done[result.task_id] = result
    pages = [page for n in sorted(done) for page in done[n].page_objects]
    document = Document(source=name, metadata=metadata, pages=pages,
                        issues=[PageIssue(stage=IssueStage.OPEN, message=w) for w in warnings])
    document = assemble_document(document, options.assembly, options.blocks)
    document.attach_origin(DocumentOrigin.of(source, options.open))
    return document

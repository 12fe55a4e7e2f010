"""One conversion task, as run inside a worker process (pool or Ray).

The task converts one input, writes its outputs atomically (or returns them as bytes when the
worker cannot see ``OUT``, e.g. on a Ray cluster) and reports pages, seconds and errors. It never
raises for bad input: every failure becomes a :class:`TaskResult` with a status.
"""

from __future__ import annotations

import errno
import tempfile
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from docparse.batch.manifest import Status
from docparse.config import ParseOptions
from docparse.document import Document, Page
from docparse.renderers.files import OutputFormat

if TYPE_CHECKING:
    from docparse.components import Components
    from docparse.pages.document_context import DocumentContext

PageCallback = Callable[[int, int], None]
ComponentsKey = tuple[object, ...]


@dataclass
class ComponentsCache:
    """One worker's pipeline components, reused across documents so that models (layout, OCR,
    VLM) load once per worker, not once per file. Keyed by the options components depend on."""

    size: int = 4
    entries: "dict[ComponentsKey, Components]" = field(default_factory=dict)

    def get(self, options: ParseOptions) -> "Components":
        from docparse.components import default_components

        key: ComponentsKey = (options.ocr, options.layout, options.vlm)
        if key not in self.entries:
            if len(self.entries) >= self.size:
                self.entries.pop(next(iter(self.entries)))
            self.entries[key] = default_components(options)
        return self.entries[key]


@dataclass(frozen=True)
class Task:
    task_id: int
    key: str
    stem: str
    source: Path | bytes
    options: ParseOptions
    formats: tuple[OutputFormat, ...] = ()
    out_dir: Path | None = None  # write here; None with formats: return the files as bytes
    out_store: str | None = None  # OUT in an object store (s3://...): the worker uploads its files there
    page_range: tuple[int, ...] | None = None  # page fan-out: convert only these pages, return them unassembled
    context: "DocumentContext | None" = None  # ... with the document pre-pass done once by the caller
    return_document: bool = False
    debug_overlay: bool = False
    sha256: str | None = None  # the input's content hash (rows of --format parquet/jsonl)
    source_uri: str | None = None  # an object (s3://...) the worker reads and hashes first; source is then b""


@dataclass(frozen=True)
class OutputFile:
    rel: str  # relative to OUT
    data: bytes


@dataclass(frozen=True)
class TaskResult:
    task_id: int
    key: str
    status: Status
    pages: int = 0
    seconds: float = 0.0
    error: str | None = None
    page_errors: tuple[str, ...] = ()
    written: tuple[str, ...] = ()  # outputs written by the worker, relative to OUT
    files: tuple[OutputFile, ...] = ()  # outputs for the driver to write
    document: Document | None = None
    page_objects: tuple[Page, ...] = ()  # page fan-out: the range's pages, not yet assembled
    sha256: str | None = None  # the input's content hash, when the worker read it (object-store inputs)


_DISK_FULL = frozenset({errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)})  # recorded as Status.DISK_FULL


def failed_result(task_id: int, key: str, status: Status, error: str, seconds: float = 0.0) -> TaskResult:
    return TaskResult(task_id=task_id, key=key, status=status, error=error, seconds=seconds)


def run_task(task: Task, on_page: PageCallback | None = None, cache: ComponentsCache | None = None) -> TaskResult:
    """Convert, render and report one input; every failure is a result, never an exception."""
    from docparse.errors import DocparseError, LimitExceeded

    if task.page_range is not None:
        from docparse.batch.fanout import run_range_task

        return run_range_task(task, cache)
    start = time.perf_counter()
    try:
        task = fetch_source(task)
        _check_page_limit(task)
        document = _convert(task, on_page, cache.get(task.options) if cache is not None else None)
        written, files = _render(task, document)
    except LimitExceeded as exc:
        return failed_result(task.task_id, task.key, Status.LIMIT, _one_line(exc, task.key),
                             time.perf_counter() - start)
    except DocparseError as exc:
        return failed_result(task.task_id, task.key, Status.FAILED, _one_line(exc, task.key),
                             time.perf_counter() - start)
    except OSError as exc:
        status = Status.DISK_FULL if exc.errno in _DISK_FULL else Status.FAILED
        return failed_result(task.task_id, task.key, status, f"cannot write output: {exc}",
                             time.perf_counter() - start)
    except Exception as exc:  # noqa: BLE001 - a worker reports, it never dies on bad input
        message = f"internal error: {type(exc).__name__}: {exc}".replace("\n", " ")
        return failed_result(task.task_id, task.key, Status.FAILED, message, time.perf_counter() - start)
    page_errors = tuple(f"page {i.page}: {i.message}".replace("\n", " ")
                        for page in document.pages for i in page.issues if i.fatal)
    return TaskResult(
        task_id=task.task_id, key=task.key, status=Status.PARTIAL if page_errors else Status.OK,
        pages=len(document.pages), seconds=time.perf_counter() - start, page_errors=page_errors,
        written=tuple(written), files=tuple(files),
        document=document if task.return_document else None, sha256=task.sha256,
    )


def fetch_source(task: Task) -> Task:
    """An object-store input read here, on the worker, and hashed as it streams in: the driver
    lists objects and never downloads them."""
    if task.source_uri is None:
        return task
    from docparse.batch.store import read_remote
    from docparse.errors import InputError

    try:
        data, sha256 = read_remote(task.source_uri)
    except OSError as exc:
        raise InputError(f"cannot read object ({exc.strerror or exc})", source=task.key) from None
    return replace(task, source=data, sha256=sha256, source_uri=None)


def _one_line(exc: Exception, key: str) -> str:
    from docparse.errors import DocparseError

    if isinstance(exc, DocparseError):
        message = exc.message if exc.page is None else f"page {exc.page}: {exc.message}"
        return message.replace("\n", " ")
    return str(exc).replace("\n", " ")


def _check_page_limit(task: Task) -> None:
    """Refuse documents with more pages than ``options.open.max_pages`` (unless pages= picks)."""
    from docparse.errors import LimitExceeded
    from docparse.pages.open import open_document

    if task.options.pages is not None:
        return
    with open_document(task.source, task.options.open) as opened:
        count = opened.page_count
    if count > task.options.open.max_pages:
        raise LimitExceeded(f"document has {count} pages, over the limit of {task.options.open.max_pages}",
                            source=task.key)


def _convert(task: Task, on_page: PageCallback | None, components: "Components | None") -> Document:
    from docparse.pipeline import convert

    document = convert(task.source, task.options, components=components, progress=on_page)
    document.source = task.key
    return document


def _render(task: Task, document: Document) -> tuple[list[str], list[OutputFile]]:
    if not task.formats:
        return [], []
    if task.out_store is not None:
        return _upload_outputs(task, document, task.out_store), []
    if task.out_dir is not None:
        return _write_outputs(task, document, task.out_dir), []
    with tempfile.TemporaryDirectory(prefix="docparse-out-") as tmp:
        rels = _write_outputs(task, document, Path(tmp))
        return [], [OutputFile(rel, (Path(tmp) / rel).read_bytes()) for rel in rels]


def _upload_outputs(task: Task, document: Document, out_uri: str) -> list[str]:
    """Render into a private temporary folder, then PUT each file to the store (one object a
    file: a reader sees it whole or not at all)."""
    from docparse.batch.store import ObjectStoreOut

    store = ObjectStoreOut(out_uri)
    with tempfile.TemporaryDirectory(prefix="docparse-out-") as tmp:
        rels = _write_outputs(task, document, Path(tmp))
        store.put_tree(Path(tmp), rels)
    return rels


def _write_outputs(task: Task, document: Document, out_dir: Path) -> list[str]:
    from docparse.components import default_summarizer
    from docparse.renderers.files import write_atomic, write_outputs
    from docparse.renderers.summary import summarize_document

    paths = write_outputs(document, out_dir, task.stem, set(task.formats) - {OutputFormat.SUMMARY},
                          task.options.output)
    if OutputFormat.SUMMARY in task.formats:
        summary = summarize_document(document, default_summarizer(task.options.vlm), task.options.output.summary)
        path = out_dir / f"{task.stem}.summary.json"
        write_atomic(path, summary.to_json())
        paths.append(path)
    if OutputFormat.CHUNKS in task.formats:
        from docparse.chunking import write_chunks

        paths.append(write_chunks(document, out_dir, task.stem, task.options.output.chunks))
    if {OutputFormat.PARQUET, OutputFormat.JSONL} & set(task.formats):
        from docparse.batch.export import document_status, write_document_parts

        paths.extend(write_document_parts(document, out_dir, task.key, task.sha256, document_status(document),
                                          task.formats))
    if task.debug_overlay:
        from docparse.renderers.overlay import write_overlays

        paths.extend(write_overlays(task.source, document, out_dir, task.stem, task.options.open,
                                    task.options.raster))
    return [p.relative_to(out_dir).as_posix() for p in paths]


render_outputs = _render  # page fan-out renders a joined document the same way (docparse.batch.fanout)

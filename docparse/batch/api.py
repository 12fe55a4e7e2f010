"""The Python ETL API: ``parse_many`` (results as they finish) and table collection helpers."""

from __future__ import annotations

import hashlib
import itertools
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Iterable, Iterator

from docparse.batch.archives import ArchiveLimits
from docparse.batch.inputs import InputFailure, InputRef, InputSelection, Payload, iter_payloads, list_inputs
from docparse.batch.manifest import Status
from docparse.batch.worker import Task, TaskResult
from docparse.config import ParseOptions
from docparse.document import Document
from docparse.options.batch import BatchBackendOptions, BatchOptions, ProcessPoolOptions, RayOptions
from docparse.pages.open import Source

if TYPE_CHECKING:
    import pandas as pd


@dataclass(frozen=True)
class ParseResult:
    """One input of :func:`parse_many`: the document, or why there is none."""

    input: str
    status: Status
    document: Document | None = None
    error: str | None = None
    page_errors: tuple[str, ...] = ()
    pages: int = 0
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.document is not None


@dataclass(frozen=True)
class TableFrame:
    """One table of a batch as a DataFrame, with where it came from."""

    file: str
    page: int
    table_id: str
    frame: "pd.DataFrame"


def parse_many(
    inputs: Iterable[Source],
    options: ParseOptions,
    workers: int,
    file_timeout_s: float | None = None,
    selection: InputSelection | None = None,
    archive_limits: ArchiveLimits | None = None,
    ray_address: str | None = None,
    ray: bool = False,
    backend: BatchBackendOptions | None = None,
) -> Iterator[ParseResult]:
    """Convert many inputs in worker processes (or on Ray); yield each result as it finishes.

    Inputs are paths (files, directories, ``.zip``/``.tar(.gz)`` archives) or bytes. A bad input
    yields a result with ``document=None`` and an ``error``; it never stops the others.
    ``backend`` (:class:`~docparse.options.batch.ProcessPoolOptions` or
    :class:`~docparse.options.batch.RayOptions`) picks where they run; ``ray=True`` and
    ``ray_address`` are the short form of ``RayOptions(address)``.
    """
    from docparse.batch.backends import make_backend
    from docparse.batch.threads import with_worker_threads

    limits = archive_limits or ArchiveLimits()
    if backend is None:
        backend = RayOptions(address=ray_address) if ray else ProcessPoolOptions()
    batch = BatchOptions(workers=workers, archive_limits=limits, backend=backend)
    options = with_worker_threads(options, batch.worker_threads)  # one thread a worker; same outputs
    runner = make_backend(batch, file_timeout_s, options)
    paths: list[str | Path] = []
    blobs: list[Payload] = []
    for n, item in enumerate(inputs):
        if isinstance(item, (bytes, bytearray, memoryview)):
            data = bytes(item)
            ref = InputRef(key=f"<bytes {n}>", rel=PurePosixPath(f"bytes-{n}"), path=Path(f"<bytes {n}>"))
            blobs.append(Payload(ref=ref, sha256=hashlib.sha256(data).hexdigest(), data=data))
        else:
            paths.append(Path(item))
    listing = list_inputs(paths, selection or InputSelection(), limits)
    for failure in listing.failures:
        yield ParseResult(input=failure.key, status=Status(failure.status), error=failure.message)
    early: list[ParseResult] = []

    def tasks() -> Iterator[Task]:
        payloads = itertools.chain(blobs, iter_payloads(listing.refs, limits))
        for n, payload in enumerate(payloads):
            if isinstance(payload, InputFailure):
                early.append(ParseResult(input=payload.key, status=Status(payload.status), error=payload.message))
                continue
            source: Path | bytes = payload.data if payload.data is not None else payload.ref.path
            if runner.ships_files and isinstance(source, Path):
                source = source.read_bytes()
            yield Task(task_id=n, key=payload.ref.key, stem=payload.ref.rel.stem, source=source,
                       options=options, return_document=True)

    for result in runner.run(tasks()):
        while early:
            yield early.pop(0)
        yield _parse_result(result)
    yield from early


def _parse_result(result: TaskResult) -> ParseResult:
    return ParseResult(input=result.key, status=result.status, document=result.document, error=result.error,
                       page_errors=result.page_errors, pages=result.pages, seconds=result.seconds)


def _documents(items: Iterable[Document | ParseResult]) -> Iterator[Document]:
    for item in items:
        document = item.document if isinstance(item, ParseResult) else item
        if document is not None:
            yield document


def collect_tables(items: Iterable[Document | ParseResult], fill_merged: bool = False,
                   numeric: bool = False) -> list[TableFrame]:
    """Every table of a batch as a DataFrame (header rows become columns), with provenance.

    Each frame also carries its provenance in ``frame.attrs`` (``file``, ``page``, ``table_id``).
    """
    frames: list[TableFrame] = []
    for document in _documents(items):
        for region in document.tables:
            if region.table is None or not region.table.n_rows:
                continue
            frame = region.table.to_dataframe(fill_merged=fill_merged, numeric=numeric)
            frame.attrs.update(file=document.source, page=region.page, table_id=region.id)
            frames.append(TableFrame(file=document.source, page=region.page, table_id=region.id, frame=frame))
    return frames


def tables_long_frame(items: Iterable[Document | ParseResult]) -> "pd.DataFrame":
    """All cells of all tables in one long DataFrame: file, page, table_id, row, col, rowspan,
    colspan, is_header, text — one row per cell, ready for SQL or a data lake."""
    import pandas as pd

    rows = [
        (document.source, region.page, region.id, cell.row, cell.col, cell.rowspan, cell.colspan,
         cell.is_header, cell.text)
        for document in _documents(items)
        for region in document.tables if region.table is not None
        for cell in sorted(region.table.cells, key=lambda c: (c.row, c.col))
    ]
    columns = ["file", "page", "table_id", "row", "col", "rowspan", "colspan", "is_header", "text"]
    return pd.DataFrame(rows, columns=columns)

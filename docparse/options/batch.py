"""Batch options: output formats, workers, resume, which files of directories and archives are
inputs, archive limits, and the backend the batch runs on.

The backend is chosen by the type of :attr:`BatchOptions.backend` (:class:`ProcessPoolOptions`
or :class:`RayOptions`): :func:`docparse.batch.backends.make_backend` maps each options type to
its backend, in one place.
"""

from __future__ import annotations

import fnmatch
import os
from dataclasses import dataclass, field
from enum import Enum
from pathlib import PurePosixPath

DOCUMENT_SUFFIXES = (".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp", ".gif", ".webp")


class OutputFormat(str, Enum):
    MARKDOWN = "md"
    JSON = "json"
    CSV = "csv"
    SUMMARY = "summary"
    CHUNKS = "chunks"  # retrieval chunks, one JSON object a line (<stem>.chunks.jsonl)
    PARQUET = "parquet"  # a batch's documents.parquet and tables.parquet (docparse.batch.export)
    JSONL = "jsonl"  # the same rows as JSON lines (documents.jsonl, tables.jsonl)


def default_workers() -> int:
    """The cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


@dataclass(frozen=True)
class ArchiveLimits:
    """Limits on ``.zip``/``.tar`` inputs (archive bombs are refused, the rest still converts)."""

    max_member_bytes: int = 512 * 1024**2
    max_total_bytes: int = 4 * 1024**3
    max_members: int = 100_000
    max_ratio: float = 200.0  # uncompressed / compressed, per member (zip) or per archive (tar)
    # refused tar members the listing decompresses to reach the next header; past it the rest is not read
    max_skipped_bytes: int = 4 * 1024**3

    def __post_init__(self) -> None:
        if min(self.max_member_bytes, self.max_total_bytes, self.max_members, self.max_skipped_bytes) < 1:
            raise ValueError("archive limits must be positive")
        if self.max_ratio <= 1:
            raise ValueError("max_ratio must be > 1")


@dataclass(frozen=True)
class InputSelection:
    """Which files of a directory or archive are documents to convert."""

    include: tuple[str, ...] = ()  # globs on the relative path or name; empty = known suffixes
    exclude: tuple[str, ...] = ()
    archives: bool = True  # open .zip/.tar(.gz) archives met inside directories

    def wants(self, rel: PurePosixPath) -> bool:
        text = rel.as_posix()
        if any(glob_match(text, rel.name, g) for g in self.exclude):
            return False
        if self.include:
            return any(glob_match(text, rel.name, g) for g in self.include)
        return rel.suffix.lower() in DOCUMENT_SUFFIXES


def glob_match(path: str, name: str, pattern: str) -> bool:
    """Whether ``pattern`` matches the relative path or the name (``**/`` also matches at the top)."""
    if fnmatch.fnmatchcase(path, pattern) or fnmatch.fnmatchcase(name, pattern):
        return True
    return pattern.startswith("**/") and fnmatch.fnmatchcase(path, pattern[3:])


@dataclass(frozen=True)
class ProcessPoolOptions:
    """Run the batch in worker processes on this machine (the default backend)."""


@dataclass(frozen=True)
class RayOptions:
    """Run the batch on Ray (``pip install -e '.[ray]'``); workers return their files as bytes."""

    address: str | None = None  # host:6379, ray://head:10001 or auto; None: a local Ray instance
    # a Ray Data pipeline (map_batches over warm actors that write OUT themselves); False: one
    # Ray task per file, files returned to the driver (the earlier backend)
    dataset: bool = True
    concurrency: int | None = None  # actors converting at once; None: BatchOptions.workers
    cpus_per_worker: float = 1.0  # CPUs Ray reserves for each actor
    max_attempts: int = 2  # tries of a document whose worker died (kill -9, out of memory); then 'crashed'

    def __post_init__(self) -> None:
        if self.concurrency is not None and self.concurrency < 1:
            raise ValueError("concurrency must be >= 1")
        if self.cpus_per_worker <= 0 or self.max_attempts < 1:
            raise ValueError("cpus_per_worker must be > 0 and max_attempts >= 1")


BatchBackendOptions = ProcessPoolOptions | RayOptions


@dataclass(frozen=True)
class FanOutOptions:
    """Page fan-out of one long document over several workers (docparse.batch.fanout)."""

    min_pages: int | None = 200  # a batch fans out documents with more pages (None: never)
    ranges_per_worker: int = 4  # ranges handed to each worker (a slow range leaves no worker idle)
    min_range_pages: int = 10  # no range shorter than this (each costs a document open in a worker)
    ship_bytes: bool = False  # send the file's bytes to the workers instead of its path

    def __post_init__(self) -> None:
        if self.ranges_per_worker < 1 or self.min_range_pages < 1 or (self.min_pages is not None and self.min_pages < 1):
            raise ValueError("ranges_per_worker and min_range_pages must be >= 1")


@dataclass(frozen=True)
class BatchOptions:
    formats: tuple[OutputFormat, ...] = (OutputFormat.MARKDOWN, OutputFormat.JSON, OutputFormat.CSV,
                                         OutputFormat.SUMMARY)
    workers: int = field(default_factory=default_workers)
    resume: bool = False
    retry_failed: bool = False  # with resume: convert again what failed or timed out before
    selection: InputSelection = field(default_factory=InputSelection)
    archive_limits: ArchiveLimits = field(default_factory=ArchiveLimits)
    backend: BatchBackendOptions = field(default_factory=ProcessPoolOptions)  # its type picks the backend
    debug_overlay: bool = False
    # threads of each worker: every model session (ParseOptions.ocr.threads, which nested threads
    # fields inherit), the BLAS/OpenMP pools and OpenCV. One thread a worker and one worker a core
    # scale; N workers of N threads each fight over the cores. None: keep ParseOptions.ocr.threads
    worker_threads: int | None = 1
    fan_out: FanOutOptions = field(default_factory=FanOutOptions)  # long documents over several workers
    # with several workers, convert the biggest local files first (bytes as the guess of the cost):
    # a big file started last keeps one worker busy while the others sit idle at the end
    largest_first: bool = True

    def __post_init__(self) -> None:
        if self.workers < 1:
            raise ValueError("workers must be >= 1")
        if self.worker_threads is not None and self.worker_threads < 1:
            raise ValueError("worker_threads must be >= 1 (or None)")

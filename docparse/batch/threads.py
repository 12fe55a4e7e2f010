"""How a batch worker is set up: its thread budget and the options it warms up with.

One thread a worker, one worker a core: two workers that each run 2-thread model sessions, a
BLAS pool of all cores and OpenCV's pool of all cores fight over two cores and convert fewer
pages together than one worker alone (issue 20). ``BatchOptions.worker_threads`` sets, in each
worker, the model sessions' threads (``ParseOptions.ocr.threads``, which every nested ``threads``
field left at None inherits), the OpenMP/BLAS pools (environment, read when numpy loads) and
OpenCV's pool.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace

from docparse.config import ParseOptions

NATIVE_THREAD_VARIABLES = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS",
                           "NUMEXPR_NUM_THREADS", "VECLIB_MAXIMUM_THREADS", "OMP_THREAD_LIMIT")


@dataclass(frozen=True)
class WorkerSetup:
    """What a long-lived worker needs before its first task: the options to build (and warm)
    its components with, so the first task reuses them, and its thread budget (None: leave the
    process's thread pools alone)."""

    options: ParseOptions | None = None
    threads: int | None = None


def with_worker_threads(options: ParseOptions, threads: int | None) -> ParseOptions:
    """``options`` with every model session at ``threads`` threads (None: unchanged)."""
    if threads is None or options.ocr.threads == threads:
        return options
    return replace(options, ocr=replace(options.ocr, threads=threads))


def limit_native_threads(threads: int | None) -> None:
    """Cap this worker process's native thread pools at ``threads``: the OpenMP/BLAS variables
    (read when numpy and ONNX Runtime load, so call this before the first conversion) and
    OpenCV's pool when it is installed."""
    if threads is None:
        return
    for name in NATIVE_THREAD_VARIABLES:
        os.environ[name] = str(threads)
    try:
        import cv2
    except ImportError:  # pragma: no cover - opencv is a core dependency
        return
    cv2.setNumThreads(threads)

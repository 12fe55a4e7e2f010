"""Where a batch runs: the backend is chosen by the type of ``BatchOptions.backend``, here and
nowhere else (each options type maps to the function that builds its backend).

This is the batch's composition root. It is not :mod:`docparse.components` because the
backends run the pipeline (``docparse.batch`` imports it), so the pipeline's composition root
importing them would make a cycle between the two packages.
"""

from __future__ import annotations

from typing import Callable, Iterable, Iterator, Protocol

from docparse.batch.pool import PageListener, ProcessPool
from docparse.batch.threads import WorkerSetup
from docparse.batch.worker import Task, TaskResult
from docparse.config import ParseOptions
from docparse.errors import UsageError
from docparse.options.batch import BatchOptions, ProcessPoolOptions, RayOptions


class Backend(Protocol):
    ships_files: bool  # True: workers cannot see OUT, they return the files as bytes

    def run(self, tasks: Iterable[Task], on_page: PageListener | None = None) -> Iterator[TaskResult]: ...


def _process_pool(options: ProcessPoolOptions, workers: int, file_timeout_s: float | None,
                  setup: WorkerSetup) -> Backend:
    return ProcessPool(workers, file_timeout_s=file_timeout_s, setup=setup)


def _ray(options: RayOptions, workers: int, file_timeout_s: float | None, setup: WorkerSetup) -> Backend:
    if options.dataset:
        from docparse.batch.ray_data import RayDataBackend  # ray is an extra, imported when it runs

        return RayDataBackend(options, workers, setup, file_timeout_s)
    from docparse.batch.ray_backend import RayBackend

    return RayBackend(address=options.address, workers=workers, file_timeout_s=file_timeout_s)


BACKENDS: dict[type, Callable[..., Backend]] = {
    ProcessPoolOptions: _process_pool,
    RayOptions: _ray,
}


def make_backend(batch: BatchOptions, file_timeout_s: float | None, options: ParseOptions | None = None) -> Backend:
    """The backend ``batch.backend``'s type names, with ``batch.workers`` workers of
    ``batch.worker_threads`` threads each, warmed up with ``options`` (the tasks' options)."""
    build = BACKENDS.get(type(batch.backend))
    if build is None:
        raise UsageError(f"no batch backend for {type(batch.backend).__name__}")
    return build(batch.backend, batch.workers, file_timeout_s, WorkerSetup(options, batch.worker_threads))

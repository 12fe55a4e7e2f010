"""Conversions for the service: a :class:`ProcessPool` fed from a queue by one dispatcher thread.

Conversions run in worker processes (page deadlines work there, a crash or hang cannot take the
server down) and a request past the per-file limit gets its worker killed.
"""

from __future__ import annotations

import itertools
import queue
import threading
from concurrent.futures import Future
from pathlib import Path
from typing import Callable, Iterator

from docparse.batch.pool import PageProgress, ProcessPool
from docparse.batch.worker import Task, TaskResult
from docparse.config import ParseOptions

_STOP = object()

ProgressCallback = Callable[[int, int], None]  # (pages done, pages in all) of one conversion


class ServiceStopped(RuntimeError):
    pass


class PoolExecutor:
    def __init__(self, workers: int, file_timeout_s: float | None) -> None:
        self.workers = workers
        self.file_timeout_s = file_timeout_s
        self._queue: queue.Queue[object] = queue.Queue()
        self._futures: dict[int, Future[TaskResult]] = {}
        self._progress: dict[int, ProgressCallback] = {}
        self._lock = threading.Lock()
        self._ids = itertools.count(1)
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._dispatch, name="docparse-dispatch", daemon=True)
            self._thread.start()

    def submit(self, key: str, source: bytes | Path, options: ParseOptions,
               on_progress: ProgressCallback | None = None) -> "Future[TaskResult]":
        """Queue one conversion; ``on_progress(done, total)`` is called (on the dispatcher thread) per page."""
        if self._thread is None or not self._thread.is_alive():
            raise ServiceStopped("the conversion service is not running")
        future: Future[TaskResult] = Future()
        task_id = next(self._ids)
        with self._lock:
            self._futures[task_id] = future
            if on_progress is not None:
                self._progress[task_id] = on_progress
        self._queue.put(Task(task_id=task_id, key=key, stem="document", source=source, options=options,
                             return_document=True))
        return future

    def _tasks(self) -> Iterator[Task | None]:
        while True:
            try:
                item = self._queue.get(timeout=0.05)
            except queue.Empty:
                yield None
                continue
            if item is _STOP:
                return
            yield item  # type: ignore[misc]

    def _dispatch(self) -> None:
        pool = ProcessPool(self.workers, file_timeout_s=self.file_timeout_s)
        try:
            for result in pool.run(self._tasks(), on_page=self._on_page):
                with self._lock:
                    future = self._futures.pop(result.task_id, None)
                    self._progress.pop(result.task_id, None)
                if future is not None and not future.done():
                    future.set_result(result)
        finally:
            with self._lock:
                left, self._futures = list(self._futures.values()), {}
            for future in left:
                if not future.done():
                    future.set_exception(ServiceStopped("the conversion service stopped"))

    def _on_page(self, progress: PageProgress) -> None:
        with self._lock:
            callback = self._progress.get(progress.task_id)
        if callback is not None:
            callback(progress.done, progress.total)

    def stop(self) -> None:
        if self._thread is not None:
            self._queue.put(_STOP)
            self._thread.join(timeout=30)
            self._thread = None

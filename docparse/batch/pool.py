"""A process pool that can kill one worker: per-file wall-clock limits and crash isolation.

Each worker is a process with its own pipe; it runs one task at a time and streams page
progress. A task past its deadline gets its worker killed (``timeout``), a worker that dies
(native crash, out of memory) yields ``crashed``; a fresh worker replaces either.
"""

from __future__ import annotations

import multiprocessing
import signal
import time
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Callable, Iterable, Iterator

from docparse.batch.manifest import Status
from docparse.batch.worker import Task, TaskResult, failed_result, run_task


@dataclass(frozen=True)
class PageProgress:
    task_id: int
    key: str
    done: int
    total: int


@dataclass(frozen=True)
class TaskStarted:
    """Sent when a worker picks a task up: its time limit counts from here (not from spawn)."""

    task_id: int


PageListener = Callable[[PageProgress], None]
POLL_S = 0.05
_END = object()


def worker_main(conn: Connection) -> None:
    """A worker's loop: receive a task, send page progress and the result; ``None`` stops it."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides what an interrupt means
    import docparse.pipeline  # noqa: F401 - load before the first task so its time is not counted
    import docparse.renderers.summary  # noqa: F401

    try:
        while True:
            task = conn.recv()
            if task is None:
                return
            conn.send(TaskStarted(task.task_id))
            result = run_task(task, lambda done, total, t=task: conn.send(PageProgress(t.task_id, t.key, done, total)))
            conn.send(result)
    except (EOFError, BrokenPipeError, ConnectionResetError, KeyboardInterrupt):
        return  # the parent went away


@dataclass
class _Worker:
    process: multiprocessing.process.BaseProcess
    conn: Connection
    task: Task | None = None
    deadline: float | None = None
    started: float = 0.0


class ProcessPool:
    """``workers`` processes; ``run(tasks)`` yields results as they finish (any order)."""

    ships_files = False  # workers share the driver's disk and write OUT themselves

    def __init__(self, workers: int, file_timeout_s: float | None = None,
                 start_method: str = "spawn") -> None:
        if workers < 1:
            raise ValueError("workers must be >= 1")
        self.workers = workers
        self.file_timeout_s = file_timeout_s if file_timeout_s and file_timeout_s > 0 else None
        self._ctx = multiprocessing.get_context(start_method)
        self._pool: list[_Worker] = []
        self.pids_seen: list[int] = []

    def _spawn(self) -> _Worker:
        parent, child = self._ctx.Pipe(duplex=True)
        process = self._ctx.Process(target=worker_main, args=(child,), daemon=True, name="docparse-worker")
        process.start()
        child.close()
        if process.pid is not None:
            self.pids_seen.append(process.pid)
        worker = _Worker(process=process, conn=parent)
        self._pool.append(worker)
        return worker

    def _retire(self, worker: _Worker, kill: bool) -> None:
        if kill and worker.process.is_alive():
            worker.process.kill()
        worker.process.join(timeout=5)
        worker.conn.close()
        self._pool.remove(worker)

    def _assign(self, worker: _Worker, task: Task) -> None:
        worker.task = task
        worker.started = time.monotonic()
        worker.deadline = None  # set when the worker reports TaskStarted
        worker.conn.send(task)

    def _started(self, worker: _Worker) -> None:
        worker.started = time.monotonic()
        worker.deadline = worker.started + self.file_timeout_s if self.file_timeout_s else None

    def run(self, tasks: Iterable[Task | None], on_page: PageListener | None = None) -> Iterator[TaskResult]:
        """Yield results as tasks finish. A task source may yield ``None`` for "nothing right now"
        (a service's queue): the pool then collects for ``POLL_S`` and asks again."""
        pending = iter(tasks)
        exhausted = False
        try:
            while True:
                while not exhausted and (self._idle() is not None or len(self._pool) < self.workers):
                    task = next(pending, _END)
                    if task is _END:
                        exhausted = True
                    if task is _END or task is None:
                        break
                    self._assign(self._idle() or self._spawn(), task)  # type: ignore[arg-type]
                busy = [w for w in self._pool if w.task is not None]
                if not busy and exhausted:
                    return
                yield from self._collect(busy, on_page, None if exhausted else POLL_S)
        finally:
            self.close()

    def _idle(self) -> _Worker | None:
        return next((w for w in self._pool if w.task is None), None)

    def _collect(self, busy: list[_Worker], on_page: PageListener | None,
                 poll_s: float | None) -> Iterator[TaskResult]:
        deadlines = [w.deadline for w in busy if w.deadline is not None]
        timeout = max(0.0, min(deadlines) - time.monotonic()) if deadlines else None
        if poll_s is not None:
            timeout = poll_s if timeout is None else min(timeout, poll_s)
        if not busy:
            if timeout:
                time.sleep(timeout)
            return
        ready = wait([w.conn for w in busy] + [w.process.sentinel for w in busy], timeout=timeout)
        for worker in busy:
            task = worker.task
            assert task is not None
            if worker.conn in ready:
                try:
                    message = worker.conn.recv()
                except (EOFError, OSError):
                    message = None
                if isinstance(message, TaskStarted):
                    self._started(worker)
                    continue
                if isinstance(message, PageProgress):
                    if on_page is not None:
                        on_page(message)
                    continue
                if isinstance(message, TaskResult):
                    worker.task = worker.deadline = None
                    yield message
                    continue
            if worker.process.sentinel in ready and not worker.process.is_alive() or \
                    worker.conn in ready:  # died, or the pipe broke without a result
                code = worker.process.exitcode
                self._retire(worker, kill=True)
                yield failed_result(task.task_id, task.key, Status.CRASHED,
                                    f"worker process died ({_describe_exit(code)})",
                                    time.monotonic() - worker.started)
            elif worker.deadline is not None and time.monotonic() >= worker.deadline:
                self._retire(worker, kill=True)
                yield failed_result(task.task_id, task.key, Status.TIMEOUT,
                                    f"file took longer than {self.file_timeout_s:g} s; worker killed",
                                    time.monotonic() - worker.started)

    def close(self) -> None:
        for worker in list(self._pool):
            if worker.task is None and worker.process.is_alive():
                try:
                    worker.conn.send(None)
                except OSError:
                    pass
        for worker in list(self._pool):
            if worker.task is None:
                worker.process.join(timeout=2)
            self._retire(worker, kill=True)


def _describe_exit(code: int | None) -> str:
    if code is None:
        return "unknown exit"
    if code < 0:
        try:
            return f"killed by {signal.Signals(-code).name}"
        except ValueError:
            return f"signal {-code}"
    return f"exit status {code}"

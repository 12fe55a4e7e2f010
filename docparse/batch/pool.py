"""A process pool that can kill one worker: per-file wall-clock limits and crash isolation.

Each worker is a process with its own pipe. It warms up (imports, one tiny conversion), says
``Ready``, then runs one task at a time and streams page progress. A task past its deadline gets
its worker killed (``timeout``); a worker that dies (native crash, out of memory) yields
``crashed``; a fresh worker replaces either.
"""

from __future__ import annotations

import multiprocessing
import signal
import time
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator, Sequence

from docparse.batch.manifest import Status
from docparse.batch.threads import WorkerSetup, limit_native_threads
from docparse.batch.worker import ComponentsCache, Task, TaskResult, failed_result, run_task
from docparse.errors import DocparseError

if TYPE_CHECKING:
    from docparse.config import ParseOptions

POLL_S = 0.05
_END = object()
MAX_START_FAILURES = 3
START_HINT = ("workers start a fresh Python that imports your script again: call parse_many or run_batch "
              "under `if __name__ == \"__main__\":`")


@dataclass(frozen=True)
class Ready:
    """A worker finished warming up and waits for tasks."""


@dataclass(frozen=True)
class TaskStarted:
    """Sent when a worker picks a task up: its time limit counts from here."""

    task_id: int


@dataclass(frozen=True)
class PageProgress:
    task_id: int
    key: str
    done: int
    total: int


PageListener = Callable[[PageProgress], None]


def warm_up(cache: ComponentsCache, options: "ParseOptions | None" = None) -> None:
    """Convert a tiny page once with ``options`` (the batch's), so lazy imports do not count
    against the first file's limit and the first task finds its components built."""
    from docparse.config import ParseOptions
    from docparse.pages.mupdf import load_pymupdf
    from docparse.pipeline import convert
    from docparse.renderers.summary import summarize_document

    pymupdf = load_pymupdf()  # without pymupdf.layout's model (a plain import loads it: ~0.7 s a worker)
    doc = pymupdf.open()
    doc.new_page().insert_text((72, 72), "warm up", fontsize=10)
    try:
        options = options or ParseOptions()
        summarize_document(convert(doc.tobytes(), options, components=cache.get(options)))
    except Exception:  # noqa: BLE001 - warming up is best effort; real tasks report their own errors
        pass
    finally:
        doc.close()


def die_with_parent() -> None:
    """Linux: the kernel kills this worker when the driver dies (no orphans after ``kill -9``)."""
    import ctypes
    import ctypes.util

    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.prctl(1, int(signal.SIGKILL))  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass  # not Linux: the worker exits when its pipe breaks


def worker_main(conn: Connection, setup: WorkerSetup | None = None) -> None:
    """A worker's loop: receive a task, send progress and the result; ``None`` stops it. The
    worker lives for many tasks: its components (and the models they load) are built once."""
    die_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides what an interrupt means
    setup = setup or WorkerSetup()
    limit_native_threads(setup.threads)  # before numpy and ONNX Runtime load
    cache = ComponentsCache()
    try:
        warm_up(cache, setup.options)
        conn.send(Ready())
        while True:
            task = conn.recv()
            if task is None:
                return
            conn.send(TaskStarted(task.task_id))
            result = run_task(task, _progress_sender(conn, task), cache)
            conn.send(result)
    except (EOFError, BrokenPipeError, ConnectionResetError, KeyboardInterrupt):
        return  # the parent went away


def _progress_sender(conn: Connection, task: Task) -> Callable[[int, int], None]:
    def send(done: int, total: int) -> None:
        conn.send(PageProgress(task.task_id, task.key, done, total))

    return send


@dataclass
class _Worker:
    process: multiprocessing.process.BaseProcess
    conn: Connection
    ready: bool = False
    task: Task | None = None
    deadline: float | None = None
    started: float = 0.0


class WorkersFailToStart(DocparseError, RuntimeError):
    """Every worker process died while starting (a script without an ``if __name__ == "__main__":``
    guard, a broken install, no memory); nothing was converted."""

    def one_line(self) -> str:
        return self.message  # about the batch, not one input


class ProcessPool:
    """Up to ``workers`` processes; ``run(tasks)`` yields results as they finish (any order)."""

    ships_files = False  # workers share the driver's disk and write OUT themselves

    def __init__(self, workers: int, file_timeout_s: float | None = None, start_method: str = "spawn",
                 setup: WorkerSetup | None = None) -> None:
        if workers < 1:
            raise ValueError("workers must be >= 1")
        self.workers = workers
        self.file_timeout_s = file_timeout_s if file_timeout_s and file_timeout_s > 0 else None
        self.setup = setup or WorkerSetup()
        self._ctx: Any = multiprocessing.get_context(start_method)  # BaseContext's stubs lack Process
        self._pool: list[_Worker] = []
        self._start_failures = 0
        self.pids_seen: list[int] = []

    # -- workers ---------------------------------------------------------------------------------

    def _spawn(self) -> None:
        parent, child = self._ctx.Pipe(duplex=True)
        process = self._ctx.Process(target=worker_main, args=(child, self.setup), daemon=True, name="docparse-worker")
        process.start()
        child.close()
        if process.pid is not None:
            self.pids_seen.append(process.pid)
        self._pool.append(_Worker(process=process, conn=parent))

    def _retire(self, worker: _Worker) -> None:
        if worker.process.is_alive():
            worker.process.kill()
        worker.process.join(timeout=5)
        worker.conn.close()
        self._pool.remove(worker)

    def _idle(self) -> _Worker | None:
        return next((w for w in self._pool if w.ready and w.task is None), None)

    def _assign(self, worker: _Worker, task: Task) -> TaskResult | None:
        worker.task, worker.started, worker.deadline = task, time.monotonic(), None
        try:
            worker.conn.send(task)
        except OSError:  # died between Ready and now
            self._retire(worker)
            return failed_result(task.task_id, task.key, Status.CRASHED, "worker process died before the task")
        return None

    # -- the loop --------------------------------------------------------------------------------

    def run(self, tasks: Iterable[Task | None], on_page: PageListener | None = None) -> Iterator[TaskResult]:
        """Yield results as tasks finish, then stop the workers. A task source may yield ``None``
        for "nothing right now" (a service's queue): the pool then listens for ``POLL_S`` and asks
        again."""
        try:
            yield from self._loop(tasks, on_page)
        finally:
            self.close()

    def run_one(self, task: Task, on_page: PageListener | None = None) -> TaskResult:
        """Convert one task and keep the (warm) workers for the next call: a Ray Data actor runs
        its rows through a one-worker pool so that a file past its limit gets that worker killed.
        Call :meth:`close` when done."""
        results = list(self._loop([task], on_page))
        return results[0] if results else failed_result(task.task_id, task.key, Status.CRASHED, "no result")

    def _loop(self, tasks: Iterable[Task | None], on_page: PageListener | None) -> Iterator[TaskResult]:
        pending = iter(tasks)
        buffered: Task | None = None
        exhausted = False

        def pull() -> Task | None:
            nonlocal exhausted
            if exhausted:
                return None
            item = next(pending, _END)
            if item is _END:
                exhausted = True
                return None
            return item  # type: ignore[return-value]

        while True:
            if buffered is None:
                buffered = pull()
            while buffered is not None and (idle := self._idle()) is not None:
                failed = self._assign(idle, buffered)
                if failed is not None:
                    yield failed
                buffered = pull()
            while buffered is not None and len(self._pool) < self.workers:
                self._spawn()
            watched = [w for w in self._pool if w.task is not None or not w.ready]
            if not watched and buffered is None and exhausted:
                return
            # poll only a source that said "nothing right now"; with a task waiting for a free
            # worker, sleep until a worker speaks (the driver shares the cores with the workers)
            yield from self._collect(watched, on_page, POLL_S if buffered is None and not exhausted else None)

    def _collect(self, watched: list[_Worker], on_page: PageListener | None,
                 poll_s: float | None) -> Iterator[TaskResult]:
        deadlines = [w.deadline for w in watched if w.deadline is not None]
        timeout = max(0.0, min(deadlines) - time.monotonic()) if deadlines else None
        if poll_s is not None:
            timeout = poll_s if timeout is None else min(timeout, poll_s)
        if not watched:
            time.sleep(timeout or 0)
            return
        ready = wait([w.conn for w in watched] + [w.process.sentinel for w in watched], timeout=timeout)
        for worker in watched:
            yield from self._handle(worker, ready, on_page)

    def _handle(self, worker: _Worker, ready: Sequence[object], on_page: PageListener | None) -> Iterator[TaskResult]:
        got_message = worker.conn in ready
        while got_message:
            try:
                message = worker.conn.recv()
            except (EOFError, OSError):
                break  # the pipe broke: handled as a death below
            if isinstance(message, Ready):
                worker.ready = True
                self._start_failures = 0
            elif isinstance(message, TaskStarted):
                worker.started = time.monotonic()
                worker.deadline = worker.started + self.file_timeout_s if self.file_timeout_s else None
            elif isinstance(message, PageProgress):
                if on_page is not None:
                    on_page(message)
            elif isinstance(message, TaskResult):
                worker.task = worker.deadline = None
                yield message
            if not worker.conn.poll():
                return
        if got_message or (worker.process.sentinel in ready and not worker.process.is_alive()):
            yield from self._died(worker)
        elif worker.deadline is not None and time.monotonic() >= worker.deadline:
            task = worker.task
            assert task is not None
            self._retire(worker)
            yield failed_result(task.task_id, task.key, Status.TIMEOUT,
                                f"file took longer than {self.file_timeout_s:g} s; worker killed",
                                time.monotonic() - worker.started)

    def _died(self, worker: _Worker) -> Iterator[TaskResult]:
        worker.process.join(timeout=1)
        code = worker.process.exitcode
        task = worker.task
        self._retire(worker)
        if task is not None:
            yield failed_result(task.task_id, task.key, Status.CRASHED,
                                f"worker process died ({_describe_exit(code)})", time.monotonic() - worker.started)
        elif not worker.ready:
            self._start_failures += 1
            if self._start_failures >= MAX_START_FAILURES:
                raise WorkersFailToStart(f"worker processes die while starting ({_describe_exit(code)}); "
                                         f"{START_HINT}")

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
            self._retire(worker)


def _describe_exit(code: int | None) -> str:
    if code is None:
        return "unknown exit"
    if code < 0:
        try:
            return f"killed by {signal.Signals(-code).name}"
        except ValueError:
            return f"signal {-code}"
    return f"exit status {code}"

"""A batch as a Ray Data pipeline: a Dataset of tasks, ``map_batches`` over an actor pool whose
actors build the pipeline's components once (warm workers), outputs written by the actors
straight to OUT (a folder the cluster shares, or an object store); the driver keeps the manifest.

Resume happens before Ray starts: the runner skips what the manifest says is done, and with
nothing left to convert Ray is never started (``run`` pulls the first task before ``ray.init``).

A worker killed mid-document (``kill -9``, out of memory) makes Ray restart the actor and retry
the document. Each try is counted in ``OUT/.docparse-attempts/`` before converting, so a
document that kills its worker every time is recorded as ``crashed`` after
``RayOptions.max_attempts`` tries instead of being retried forever.
"""

from __future__ import annotations

import hashlib
import logging
import pickle
import tempfile
from dataclasses import replace
from pathlib import Path
from typing import Any, Iterable, Iterator

from docparse.batch.manifest import Status
from docparse.batch.pool import PageListener
from docparse.batch.store import open_out
from docparse.batch.threads import WorkerSetup
from docparse.batch.worker import Task, TaskResult, failed_result
from docparse.options.batch import RayOptions

ATTEMPTS_DIR = ".docparse-attempts"


def attempt_name(task: Task) -> str:
    """Where a task's tries are counted (relative to OUT)."""
    digest = hashlib.sha256(task.key.encode("utf-8", "surrogateescape")).hexdigest()[:32]
    return f"{ATTEMPTS_DIR}/{digest}"


class ConvertActor:
    """One Ray Data worker: limits its threads, builds and warms the components once, then
    converts one task per row for as long as Ray keeps it.

    With a per-file limit (``file_timeout_s``) the actor converts in a one-worker
    :class:`~docparse.batch.pool.ProcessPool` child instead (warm too): a file past the limit gets
    that child killed and is recorded ``timeout``, even when it hangs in native code where the
    pipeline's own checks never run; the actor and the run go on."""

    def __init__(self, setup: WorkerSetup, out: str, max_attempts: int, file_timeout_s: float | None = None) -> None:
        from docparse.batch.pool import ProcessPool, warm_up
        from docparse.batch.threads import limit_native_threads
        from docparse.batch.worker import ComponentsCache

        self.cache = ComponentsCache()
        self.pool: ProcessPool | None = None
        if file_timeout_s:
            self.pool = ProcessPool(1, file_timeout_s=file_timeout_s, setup=setup)
        else:
            limit_native_threads(setup.threads)
            warm_up(self.cache, setup.options)
        self.out = open_out(out)
        self.max_attempts = max_attempts

    def __call__(self, batch: dict[str, Any]) -> dict[str, list[bytes]]:
        return {"result": [pickle.dumps(self.convert(pickle.loads(blob))) for blob in batch["task"]]}

    def convert(self, task: Task) -> TaskResult:
        from docparse.batch.worker import run_task

        tries = self.count_attempt(task)
        if tries > self.max_attempts:
            return failed_result(task.task_id, task.key, Status.CRASHED,
                                 f"worker process died on each of {tries - 1} tries; not retried")
        if self.pool is not None:
            return self.pool.run_one(task)
        return run_task(task, cache=self.cache)

    def __del__(self) -> None:
        if getattr(self, "pool", None) is not None:
            self.pool.close()  # type: ignore[union-attr]

    def count_attempt(self, task: Task) -> int:
        """This try's number (1 for the first), written to OUT before converting."""
        name = attempt_name(task)
        before = self.out.read(name)
        tries = int(before or b"0") + 1
        self.out.put(name, str(tries).encode("ascii"))
        return tries


class RayDataBackend:
    """Runs a batch's tasks through a Ray Data ``map_batches`` over :class:`ConvertActor`."""

    ships_files: bool

    def __init__(self, options: RayOptions, workers: int, setup: WorkerSetup,
                 file_timeout_s: float | None = None) -> None:
        self.options = options
        self.file_timeout_s = file_timeout_s if file_timeout_s and file_timeout_s > 0 else None
        # a local Ray shares this disk: the actors read inputs and write OUT themselves; on a
        # cluster they get the bytes and write an object-store OUT, or return the files for a
        # local OUT (the driver writes them)
        self.ships_files = bool(options.address)
        self.workers = options.concurrency or workers
        self.setup = setup

    def run(self, tasks: Iterable[Task], on_page: PageListener | None = None) -> Iterator[TaskResult]:
        pending = iter(tasks)
        first = next(pending, None)
        if first is None:
            return  # nothing to convert: Ray is not started
        out = first.out_store or (str(first.out_dir) if first.out_dir is not None else None)
        counters = out or str(Path(tempfile.gettempdir()) / "docparse-ray")  # try counters: OUT, else the node's temp
        blobs = [pickle.dumps(self._prepared(t)) for t in (first, *pending)]
        ray, started_here = self._init()
        try:
            dataset = ray.data.from_items([{"task": b} for b in blobs], override_num_blocks=len(blobs))
            actor_args = (self.setup, counters, self.options.max_attempts, self.file_timeout_s)
            converted = dataset.map_batches(
                ConvertActor, batch_size=1, fn_constructor_args=actor_args,
                compute=ray.data.ActorPoolStrategy(size=self.workers), num_cpus=self.options.cpus_per_worker)
            # Ray Data restarts a dead actor and retries its rows without end; count_attempt caps it
            for row in converted.iter_rows():
                yield pickle.loads(row["result"])
        finally:
            if started_here:
                ray.shutdown()
            open_out(counters).remove_tree(ATTEMPTS_DIR)

    def _prepared(self, task: Task) -> Task:
        return replace(task, return_document=False)

    def _init(self) -> tuple[Any, bool]:
        try:
            import ray
            import ray.data
        except ImportError:
            raise_usage("--ray needs Ray: pip install 'docparse-pdf[ray]'")
        context = ray.data.DataContext.get_current()
        context.enable_progress_bars = False
        context.print_on_execution_start = False
        context.enable_auto_log_stats = False
        logging.getLogger("ray").setLevel(logging.ERROR)
        logging.getLogger("ray.data").setLevel(logging.ERROR)
        if ray.is_initialized():
            return ray, False
        quiet: dict[str, Any] = {"log_to_driver": False, "logging_level": logging.ERROR, "configure_logging": False}
        if self.options.address:
            ray.init(address=self.options.address, **quiet)
        else:
            ray.init(num_cpus=self.workers, include_dashboard=False, **quiet)
        return ray, True


def raise_usage(message: str) -> None:
    from docparse.errors import UsageError

    raise UsageError(message)

"""Running batch tasks on Ray: a local instance by default, or a cluster at ``address``.

Workers receive the input bytes (a cluster node cannot read the driver's disk) and return the
rendered files; the driver writes them atomically and keeps the manifest, so resume works the
same as with the process pool. A task past the per-file limit is cancelled with ``force=True``,
which kills its worker process.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, replace
from typing import Any, Iterable, Iterator

from docparse.batch.manifest import Status
from docparse.batch.pool import PageListener
from docparse.batch.worker import Task, TaskResult, failed_result, run_task


def _run_remote(task: Task) -> TaskResult:
    return run_task(task)


@dataclass
class _InFlight:
    task: Task
    started: float


class RayBackend:
    ships_files = True

    def __init__(self, address: str | None, workers: int, file_timeout_s: float | None = None) -> None:
        self.address = address
        self.workers = workers
        self.file_timeout_s = file_timeout_s if file_timeout_s and file_timeout_s > 0 else None

    def _init(self) -> tuple[Any, bool]:
        try:
            import ray
        except ImportError:
            from docparse.errors import UsageError

            raise UsageError("--ray needs Ray: pip install -e '.[ray]' in the docparse checkout") from None
        if ray.is_initialized():
            return ray, False
        if self.address:
            ray.init(address=self.address, log_to_driver=False)
        else:
            ray.init(num_cpus=self.workers, include_dashboard=False, log_to_driver=False,
                     configure_logging=False)
        return ray, True

    def _slots(self, ray: Any) -> int:
        """Tasks in flight: one per CPU, so a task's time limit starts when it can run."""
        if not self.address:
            return self.workers
        return max(1, int(ray.cluster_resources().get("CPU", self.workers)))

    def run(self, tasks: Iterable[Task], on_page: PageListener | None = None) -> Iterator[TaskResult]:
        ray, started_here = self._init()
        remote = ray.remote(num_cpus=1, max_retries=0)(_run_remote)
        pending = iter(tasks)
        in_flight: dict[Any, _InFlight] = {}
        window = self._slots(ray)
        exhausted = False
        try:
            while True:
                while not exhausted and len(in_flight) < window:
                    task = next(pending, None)
                    if task is None:
                        exhausted = True
                        break
                    task = replace(task, out_dir=None)
                    in_flight[remote.remote(task)] = _InFlight(task, time.monotonic())
                if not in_flight:
                    return
                ready, _ = ray.wait(list(in_flight), num_returns=1, timeout=self._wait_timeout(in_flight))
                for ref in ready:
                    yield self._result(ray, ref, in_flight.pop(ref))
                yield from self._expire(ray, in_flight)
        finally:
            for ref in in_flight:
                ray.cancel(ref, force=True)
            if started_here:
                ray.shutdown()

    def _wait_timeout(self, in_flight: dict[Any, _InFlight]) -> float | None:
        if self.file_timeout_s is None:
            return None
        first = min(item.started for item in in_flight.values())
        return max(0.05, first + self.file_timeout_s - time.monotonic())

    def _result(self, ray: Any, ref: Any, item: _InFlight) -> TaskResult:
        try:
            return ray.get(ref)
        except Exception as exc:  # noqa: BLE001 - a lost worker or node is a failed input, not a crash
            return failed_result(item.task.task_id, item.task.key, Status.CRASHED,
                                 f"ray task failed: {type(exc).__name__}: {exc}".splitlines()[0],
                                 time.monotonic() - item.started)

    def _expire(self, ray: Any, in_flight: dict[Any, _InFlight]) -> Iterator[TaskResult]:
        if self.file_timeout_s is None:
            return
        now = time.monotonic()
        for ref, item in list(in_flight.items()):
            if now - item.started >= self.file_timeout_s:
                ray.cancel(ref, force=True)
                del in_flight[ref]
                yield failed_result(item.task.task_id, item.task.key, Status.TIMEOUT,
                                    f"file took longer than {self.file_timeout_s:g} s; ray task cancelled",
                                    now - item.started)

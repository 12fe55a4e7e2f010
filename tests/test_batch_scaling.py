"""Scaling that holds (issue 20): single-threaded workers, models built once per worker."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Iterable, Iterator

from docparse.batch.manifest import MANIFEST_NAME, read_manifest
from docparse.batch.pool import PageListener, warm_up
from docparse.batch.runner import BatchOptions, run_batch
from docparse.batch.threads import with_worker_threads
from docparse.batch.worker import ComponentsCache, Task, TaskResult, run_task
from docparse.config import ParseOptions
from tests.test_batch_support import text_pdf, write


class RecordingBackend:
    """Runs tasks in this process and keeps them, to look at the options workers get."""

    ships_files = False

    def __init__(self) -> None:
        self.tasks: list[Task] = []

    def run(self, tasks: Iterable[Task], on_page: PageListener | None = None) -> Iterator[TaskResult]:
        for task in tasks:
            self.tasks.append(task)
            yield run_task(task)


def test_batch_tasks_run_single_threaded_with_the_same_fingerprint(tmp_path: Path) -> None:
    write(tmp_path / "in" / "a.pdf", text_pdf("Alpha", 1, seed=1))
    options = ParseOptions()
    assert options.ocr.threads > 1  # the single-document default
    single = RecordingBackend()
    run_batch([tmp_path / "in"], tmp_path / "one", options, BatchOptions(workers=1), backend=single)
    assert [t.options.ocr.threads for t in single.tasks] == [1]
    kept = RecordingBackend()
    run_batch([tmp_path / "in"], tmp_path / "kept", options, BatchOptions(workers=1, worker_threads=None),
              backend=kept)
    assert [t.options.ocr.threads for t in kept.tasks] == [options.ocr.threads]
    # threads do not change outputs: resume treats both runs as the same conversion
    fingerprints = {r.options for out in ("one", "kept") for r in read_manifest(tmp_path / out / MANIFEST_NAME)}
    assert len(fingerprints) == 1
    assert (tmp_path / "one" / "a.md").read_bytes() == (tmp_path / "kept" / "a.md").read_bytes()


def test_with_worker_threads_sets_the_shared_thread_count_only() -> None:
    options = ParseOptions()
    assert with_worker_threads(options, None) is options
    one = with_worker_threads(options, 1)
    assert one.ocr.threads == 1 and one.layout == options.layout and one.tables == options.tables


def test_warm_up_builds_the_components_the_tasks_reuse(tmp_path: Path) -> None:
    """The warm worker builds its components once, with the batch's options: the first task finds
    them (no second build of models per worker)."""
    options = with_worker_threads(ParseOptions(), 1)
    cache = ComponentsCache()
    warm_up(cache, options)
    assert len(cache.entries) == 1
    built = next(iter(cache.entries.values()))
    task = Task(task_id=0, key="a.pdf", stem="a", source=text_pdf("Alpha", 1, seed=2), options=options)
    assert run_task(task, cache=cache).status.converted
    assert list(cache.entries.values()) == [built]


def test_worker_native_thread_pools_are_capped() -> None:
    """limit_native_threads before numpy loads: BLAS and OpenCV run one thread."""
    code = ("from docparse.batch.threads import limit_native_threads\nlimit_native_threads(1)\n"
            "import numpy, cv2, threadpoolctl\n"
            "pools = threadpoolctl.threadpool_info()\n"
            "print(cv2.getNumThreads(), max([p['num_threads'] for p in pools] or [1]))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True)
    assert out.stdout.split() == ["1", "1"], out.stdout + out.stderr

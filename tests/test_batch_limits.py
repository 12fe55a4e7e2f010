"""Per-file limits and crash isolation: a file past its time limit gets its worker killed, a
document over the page limit is refused, a worker that dies is reported and replaced."""

from __future__ import annotations

import os
import signal
from pathlib import Path

from docparse.batch.manifest import Status
from docparse.batch.pool import PageProgress, ProcessPool
from docparse.batch.runner import BatchOptions, run_batch
from docparse.batch.worker import Task, run_task
from docparse.config import ParseOptions
from tests.test_batch_support import many_pages_pdf, text_pdf, write


def test_page_limit_refuses_long_documents() -> None:
    result = run_task(Task(task_id=1, key="long.pdf", stem="long", source=many_pages_pdf(12),
                           options=ParseOptions.from_kwargs(max_pages=5)))
    assert result.status is Status.LIMIT and "12 pages" in result.error and result.pages == 0
    picked = run_task(Task(task_id=2, key="long.pdf", stem="long", source=many_pages_pdf(12),
                           options=ParseOptions.from_kwargs(max_pages=5, pages="1-2"), return_document=True))
    assert picked.status is Status.OK and picked.pages == 2  # an explicit page selection is allowed


def test_per_file_timeout_kills_the_worker_and_the_batch_goes_on(tmp_path: Path) -> None:
    write(tmp_path / "in" / "huge.pdf", many_pages_pdf(400))
    write(tmp_path / "in" / "small.pdf", text_pdf("Small", 1))
    options = ParseOptions.from_kwargs(file_timeout_s=1.5)
    report = run_batch([tmp_path / "in"], tmp_path / "out", options, BatchOptions(workers=1))
    status = {Path(r.input).name: r for r in report.records}
    assert status["huge.pdf"].status is Status.TIMEOUT and "worker killed" in status["huge.pdf"].error
    assert status["huge.pdf"].seconds < 10
    assert status["small.pdf"].status is Status.OK  # a fresh worker took over
    assert not (tmp_path / "out" / "huge.md").exists()


def test_a_worker_that_dies_is_reported_and_replaced() -> None:
    pool = ProcessPool(1)
    tasks = [Task(task_id=i, key=f"doc{i}", stem=f"doc{i}", source=data, options=ParseOptions(),
                  return_document=True)
             for i, data in enumerate([many_pages_pdf(20), text_pdf("After", 1)])]
    killed: list[int] = []

    def kill_on_first_page(progress: PageProgress) -> None:
        if progress.key == "doc0" and not killed:  # the worker is inside the conversion now
            killed.append(pool.pids_seen[-1])
            os.kill(pool.pids_seen[-1], signal.SIGKILL)

    results = {r.key: r for r in pool.run(tasks, on_page=kill_on_first_page)}
    assert killed
    assert results["doc0"].status is Status.CRASHED and "SIGKILL" in results["doc0"].error
    assert results["doc1"].status is Status.OK and results["doc1"].document is not None
    assert len(pool.pids_seen) == 2



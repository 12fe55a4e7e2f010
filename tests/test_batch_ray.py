"""The Ray backend on a local Ray instance: same outputs, manifest and resume as the process pool."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from docparse.batch.manifest import MANIFEST_NAME, Status, read_manifest
from docparse.batch.runner import BatchOptions, run_batch
from docparse.config import ParseOptions
from docparse.options.batch import RayOptions
from tests.test_batch_support import table_pdf, text_pdf, write, zip_bytes

ray = pytest.importorskip("ray")

if TYPE_CHECKING:
    import psutil


@pytest.fixture(scope="module")
def local_ray() -> Iterator[None]:
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, configure_logging=False)
    yield
    ray.shutdown()


def test_ray_batch_matches_the_pool_and_resumes(local_ray: None, tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    write(inputs / "a.pdf", text_pdf("Alpha", 2, seed=1))
    write(inputs / "sub" / "t.pdf", table_pdf())
    write(inputs / "bad.pdf", b"not a pdf")
    write(inputs / "pack.zip", zip_bytes({"docs/c.pdf": text_pdf("Gamma", 1, seed=3)}))
    out = tmp_path / "out"
    report = run_batch([inputs], out, ParseOptions(), BatchOptions(workers=2, backend=RayOptions()))
    status = {Path(r.input.split("::")[-1]).name: r.status for r in report.records}
    assert status == {"a.pdf": Status.OK, "t.pdf": Status.OK, "bad.pdf": Status.FAILED, "c.pdf": Status.OK}
    for rel in ["a.md", "a.json", "a.summary.json", "sub/t.md", "sub/t/table-p1-1.csv", "pack.zip/docs/c.md"]:
        assert (out / rel).is_file(), rel

    pool_out = tmp_path / "pool"
    run_batch([inputs], pool_out, ParseOptions(), BatchOptions(workers=2))
    for path in out.rglob("*"):
        if path.is_file() and path.name != MANIFEST_NAME:
            assert path.read_bytes() == (pool_out / path.relative_to(out)).read_bytes(), path

    write(inputs / "a.pdf", text_pdf("Alpha v2", 2, seed=5))
    again = run_batch([inputs], out, ParseOptions(), BatchOptions(workers=2, backend=RayOptions(), resume=True))
    assert [Path(r.input).name for r in again.records] == ["a.pdf"]
    assert [Path(r.input).name for r in again.carried] == ["bad.pdf"]  # failed before: reported, not redone
    assert len(again.skipped) == 2 and "Alpha v2" in (out / "a.md").read_text()
    assert ray.is_initialized()  # the backend leaves a Ray it did not start alone
    inputs_recorded = [r.input for r in read_manifest(out / MANIFEST_NAME) if r.status is Status.OK]
    assert len(inputs_recorded) == 4  # 3 from the first run + a.pdf again; t and c not duplicated


def _actor_processes() -> list["psutil.Process"]:
    import psutil

    found = []
    for proc in psutil.process_iter(["cmdline"]):
        if "ConvertActor" in " ".join(proc.info["cmdline"] or []):
            found.append(proc)
    return found


def test_ray_data_survives_a_killed_worker_and_records_each_input_once(local_ray: None, tmp_path: Path) -> None:
    """kill -9 of the converting actors mid-run: Ray restarts them and retries; every input is
    recorded once, and a rerun converts nothing."""
    import os
    import signal
    import threading
    import time

    from tests.test_batch_support import many_pages_pdf

    inputs = tmp_path / "in"
    for n in range(4):
        write(inputs / f"long{n}.pdf", many_pages_pdf(12))
    out = tmp_path / "out"
    done: list[object] = []
    runner = threading.Thread(target=lambda: done.append(
        run_batch([inputs], out, ParseOptions(), BatchOptions(workers=2, backend=RayOptions()))))
    runner.start()
    attempts = out / ".docparse-attempts"
    killed: list[int] = []
    deadline = time.monotonic() + 120
    while not killed and runner.is_alive() and time.monotonic() < deadline:
        if attempts.is_dir() and any(attempts.iterdir()):
            for proc in _actor_processes():
                os.kill(proc.pid, signal.SIGKILL)
                killed.append(proc.pid)
        time.sleep(0.05)
    runner.join(timeout=240)
    assert killed, "no converting worker was found to kill"
    assert not runner.is_alive() and done
    records = read_manifest(out / MANIFEST_NAME)
    assert sorted(Path(r.input).name for r in records) == [f"long{n}.pdf" for n in range(4)]
    assert all(r.status is Status.OK and r.pages == 12 for r in records)
    assert not attempts.exists()  # the try counters are removed when the batch ends
    rerun = run_batch([inputs], out, ParseOptions(), BatchOptions(workers=2, backend=RayOptions(), resume=True))
    assert not rerun.records and len(rerun.skipped) == 4


def test_ray_resume_with_nothing_to_do_does_not_start_ray(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from docparse.batch.ray_data import RayDataBackend

    write(tmp_path / "in" / "a.pdf", text_pdf("Alpha", 1, seed=1))
    run_batch([tmp_path / "in"], tmp_path / "out", ParseOptions(), BatchOptions(workers=1))

    def no_ray(self: RayDataBackend) -> None:
        raise AssertionError("Ray was started")

    monkeypatch.setattr(RayDataBackend, "_init", no_ray)
    again = run_batch([tmp_path / "in"], tmp_path / "out", ParseOptions(),
                      BatchOptions(workers=1, backend=RayOptions(), resume=True))
    assert not again.records and len(again.skipped) == 1


def test_a_document_that_keeps_killing_its_worker_is_recorded_as_crashed(tmp_path: Path) -> None:
    from docparse.batch.ray_data import ConvertActor, attempt_name
    from docparse.batch.threads import WorkerSetup
    from docparse.batch.worker import Task

    actor = ConvertActor(WorkerSetup(ParseOptions(), 1), str(tmp_path), max_attempts=2)
    task = Task(task_id=0, key="boom.pdf", stem="boom", source=text_pdf("Boom", 1, seed=4), options=ParseOptions())
    (tmp_path / attempt_name(task)).parent.mkdir(parents=True)
    (tmp_path / attempt_name(task)).write_text("2")  # two tries died with their worker
    result = actor.convert(task)
    assert result.status is Status.CRASHED and "not retried" in (result.error or "")
    fresh = replace(task, key="fine.pdf")
    assert actor.convert(fresh).status is Status.OK

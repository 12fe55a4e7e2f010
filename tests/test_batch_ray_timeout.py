"""Ray Data and the per-file limit: a file that hangs (here in an OCR engine that never answers: a
wait on a child process, where no pipeline check runs) gets its worker killed, is recorded as a
timeout, and the run goes on."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from docparse.batch.manifest import Status
from docparse.batch.threads import WorkerSetup
from docparse.batch.worker import Task
from docparse.config import OcrEngineName, OcrMode, OcrOptions, ParseOptions
from docparse.options.batch import RayOptions
from docparse.options.ocr import TesseractOptions
from tests.test_batch_support import text_pdf

ray = pytest.importorskip("ray")
HANG_S = 40  # the stalled engine's own end, so that nothing outlives the test for long


def _stalled_ocr(folder: Path) -> OcrOptions:
    """OCR every page with a "tesseract" that never answers."""
    binary = folder / "stalled-tesseract"
    binary.write_text(f"#!/bin/sh\nexec sleep {HANG_S}\n")
    binary.chmod(0o755)
    return OcrOptions(mode=OcrMode.ALWAYS, engine=OcrEngineName.TESSERACT,
                      tesseract=TesseractOptions(binary=str(binary), timeout_s=HANG_S * 3))


def test_a_hanging_file_is_killed_and_recorded_as_a_timeout_under_ray_data(tmp_path: Path) -> None:
    from docparse.batch.ray_data import RayDataBackend

    options = ParseOptions.from_kwargs(file_timeout_s=4)
    hanging = replace(options, ocr=_stalled_ocr(tmp_path))
    tasks = [Task(task_id=0, key="stalled.pdf", stem="stalled", source=text_pdf("Stalled", 1, seed=1),
                  options=hanging),
             Task(task_id=1, key="fine.pdf", stem="fine", source=text_pdf("Fine", 1, seed=2), options=options)]
    backend = RayDataBackend(RayOptions(concurrency=1), 1, WorkerSetup(options, 1), file_timeout_s=4)
    ray.init(num_cpus=1, include_dashboard=False, log_to_driver=False, configure_logging=False)
    try:
        results = {r.key: r for r in backend.run(tasks)}
    finally:
        ray.shutdown()
    assert results["stalled.pdf"].status is Status.TIMEOUT
    assert "worker killed" in (results["stalled.pdf"].error or "")
    assert results["fine.pdf"].status is Status.OK and results["fine.pdf"].pages == 1  # the run went on
    assert results["stalled.pdf"].seconds < HANG_S  # killed at the limit, not waited out

"""The batch ETA comes from the pace after the first file, so start-up and resumed files do not
inflate it (issue 16: "ETA 3:03 at 5/30 on a run that took 60 s in all")."""

from __future__ import annotations

import pytest

from docparse import cli_progress
from docparse.batch.manifest import ManifestRecord, Status
from docparse.cli_progress import BatchProgress, eta_seconds, format_eta


def test_eta_leaves_out_the_start_up() -> None:
    # 30 files, 9 s of start-up, then one file every 2 s: at 5 done the run has 50 s left
    assert eta_seconds(first_finish=9.0 + 2.0, now=19.0, finished=5, remaining=25) == pytest.approx(50.0)
    assert eta_seconds(first_finish=None, now=5.0, finished=0, remaining=30) is None
    assert eta_seconds(first_finish=11.0, now=11.0, finished=1, remaining=29) is None


def test_format_eta() -> None:
    assert format_eta(None) == "ETA –"
    assert format_eta(183.2) == "ETA 3:03"


def test_batch_progress_eta_ignores_resumed_files(monkeypatch: pytest.MonkeyPatch) -> None:
    now = {"t": 0.0}
    monkeypatch.setattr(cli_progress.time, "monotonic", lambda: now["t"])
    progress = BatchProgress(enabled=False)
    progress.planned(30)
    for _ in range(10):
        progress.skipped("done-before")
    assert progress.eta() == "ETA –"
    for i, t in enumerate((12.0, 14.0, 16.0, 18.0)):
        now["t"] = t
        progress.finished(ManifestRecord(input=f"f{i}.pdf", sha256=None, options="", status=Status.OK, pages=3))
    # finished at 12, 14, 16, 18 s: 2 s a file; 30 - 10 resumed - 4 finished = 16 left -> 32 s
    assert progress.eta() == "ETA 0:32"

"""Kill a batch midway (SIGKILL to the whole process group), resume it, and check that the
outputs equal an uninterrupted run's, with nothing half-written and nothing recorded twice."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from docparse.batch.manifest import MANIFEST_NAME, Status, read_manifest
from docparse.batch.runner import BatchOptions, run_batch
from docparse.config import ParseOptions
from tests.test_batch_support import text_pdf, write

N_FILES = 8


def _outputs(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and p.name != MANIFEST_NAME}


def _cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "docparse", *args]


def test_kill_midway_then_resume_gives_identical_outputs(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    for i in range(N_FILES):
        write(inputs / f"part{i // 4}" / f"doc{i}.pdf", text_pdf(f"Report {i}", pages=2, seed=i))
    reference = tmp_path / "ref"
    run_batch([inputs], reference, ParseOptions(), BatchOptions(workers=2))

    out = tmp_path / "out"
    proc = subprocess.Popen(_cli(str(inputs), "-o", str(out), "-q", "-j", "1"), start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    manifest = out / MANIFEST_NAME
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        if manifest.exists() and len(read_manifest(manifest)) >= 3:
            break
        time.sleep(0.02)
    os.killpg(proc.pid, signal.SIGKILL)  # the driver and its worker, mid-batch
    proc.wait()
    done_before = read_manifest(manifest)
    assert 3 <= len(done_before) < N_FILES, "the kill should land midway"
    ref = _outputs(reference)
    for record in done_before:  # what the manifest says is finished is complete and correct
        assert record.status is Status.OK
        for rel in record.outputs:
            assert (out / rel).read_bytes() == ref[rel]

    resumed = subprocess.run(_cli(str(inputs), "-o", str(out), "-q", "-j", "2", "--resume"),
                             capture_output=True, text=True, timeout=300)
    assert resumed.returncode == 0, resumed.stderr
    records = read_manifest(manifest)
    inputs_seen = [r.input for r in records]
    assert len(inputs_seen) == len(set(inputs_seen)) == N_FILES  # nothing duplicated, nothing missing
    assert all(r.status is Status.OK for r in records)
    assert _outputs(out) == ref  # identical outputs, no stray temp files
    assert not list(out.rglob("*.tmp"))

    again = subprocess.run(_cli(str(inputs), "-o", str(out), "-q", "--resume"), capture_output=True,
                           text=True, timeout=300)
    assert again.returncode == 0 and len(read_manifest(manifest)) == N_FILES  # a no-op

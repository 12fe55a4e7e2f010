"""Batch faults (issue 21): a tar whose refused members would take minutes to inflate past, and a
full disk that --resume retries once space is back."""

from __future__ import annotations

import errno
import json
from pathlib import Path

import pytest

from docparse.batch import worker
from docparse.batch.inputs import InputSelection, list_inputs
from docparse.batch.manifest import MANIFEST_NAME, ManifestRecord, Status, is_settled_failure
from docparse.batch.runner import BatchOptions, run_batch
from docparse.batch.worker import Task, run_task
from docparse.config import ParseOptions
from docparse.options.batch import ArchiveLimits, OutputFormat
from tests.test_batch_support import tar_bytes, text_pdf

LIMITS = ArchiveLimits(max_member_bytes=1 << 20, max_skipped_bytes=4 << 20, max_ratio=10_000)


def test_tar_listing_stops_before_inflating_past_refused_members(tmp_path: Path) -> None:
    """4 x 1 GiB members in a 4 MB tar.gz were inflated for 189 s in the driver; here 3 MB
    members with a 4 MB skip budget: the second bomb ends the listing, what came before converts."""
    bomb = b"\0" * (3 << 20)
    archive = tmp_path / "bombs.tar.gz"
    archive.write_bytes(tar_bytes({"first.pdf": text_pdf("First", 1), "b1.pdf": bomb, "b2.pdf": bomb,
                                   "b3.pdf": bomb, "late.pdf": text_pdf("Late", 1)}))
    listing = list_inputs([archive], InputSelection(), LIMITS)
    assert [ref.member.as_posix() for ref in listing.refs if ref.member] == ["first.pdf"]
    messages = [failure.message for failure in listing.failures]
    assert sum("over the limit" in m for m in messages) == 2, messages
    assert any("are not read" in m and "max_skipped_bytes" in m for m in messages), messages


def test_a_full_disk_is_recorded_as_such(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    def no_space(task: Task, document: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(worker, "_render", no_space)
    task = Task(task_id=1, key="a.pdf", stem="a", source=text_pdf("A", 1), options=ParseOptions.from_kwargs(ocr="never"),
                formats=(OutputFormat.MARKDOWN,), out_dir=tmp_path)
    result = run_task(task)
    assert result.status is Status.DISK_FULL and "No space left" in (result.error or "")
    record = ManifestRecord(input="a.pdf", sha256="x", options="o", status=Status.DISK_FULL)
    assert not is_settled_failure(record, "x", "o")  # resume retries it
    assert ManifestRecord.from_json(record.to_json()).status is Status.DISK_FULL


def test_resume_retries_a_file_that_failed_on_a_full_disk(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "a.pdf").write_bytes(text_pdf("Alpha", 1))
    (inputs / "b.pdf").write_bytes(text_pdf("Beta", 1))
    out = tmp_path / "out"
    options = ParseOptions.from_kwargs(ocr="never")
    run_batch([inputs], out, options, BatchOptions(workers=1))
    manifest = out / MANIFEST_NAME
    records = [json.loads(line) for line in manifest.read_text().splitlines()]
    for record in records:  # as the first run would have written them had the disk been full for a.pdf
        if record["input"].endswith("a.pdf"):
            for rel in record["outputs"]:
                (out / rel).unlink()
            record.update(status="disk_full", outputs=[], error="cannot write output: [Errno 28] No space left")
    manifest.write_text("".join(json.dumps(r) + "\n" for r in records))
    report = run_batch([inputs], out, options, BatchOptions(workers=1, resume=True))
    redone = [r.input for r in report.records]
    assert len(redone) == 1 and redone[0].endswith("a.pdf") and report.records[0].status is Status.OK
    assert len(report.skipped) == 1 and report.skipped[0].endswith("b.pdf")

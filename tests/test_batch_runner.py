"""The batch runner: process pool, mirrored outputs, manifest, resume, output formats."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest

from docparse.batch.manifest import MANIFEST_NAME, Status, read_manifest
from docparse.batch.runner import BatchOptions, remove_stale_temp_files, run_batch
from docparse.batch.worker import Task, run_task
from docparse.config import ParseOptions
from docparse.renderers.files import TEMP_MARK, OutputFormat
from tests.test_batch_support import table_pdf, text_pdf, write, zip_bytes


@pytest.fixture()
def inputs(tmp_path: Path) -> Path:
    root = tmp_path / "in"
    write(root / "a.pdf", text_pdf("Alpha report", 2, seed=1))
    write(root / "sub" / "b.pdf", text_pdf("Beta report", 1, seed=2))
    write(root / "sub" / "b.png", b"\x89PNG\r\n\x1a\n" + b"broken")  # a damaged image: fails, not fatal
    write(root / "t.pdf", table_pdf())
    write(root / "pack.zip", zip_bytes({"inner/c.pdf": text_pdf("Gamma report", 1, seed=3),
                                         "../escape.pdf": b"%PDF-1.4"}))
    return root


def test_batch_converts_mirrors_and_records(inputs: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    report = run_batch([inputs], out, ParseOptions(), BatchOptions(workers=2))
    by_input = {Path(r.input.split("::")[0]).name + ("::" + r.input.split("::")[1] if "::" in r.input else ""): r
                for r in report.records}
    assert by_input["a.pdf"].status is Status.OK and by_input["a.pdf"].pages == 2
    assert by_input["pack.zip::inner/c.pdf"].status is Status.OK
    assert by_input["b.png"].status is Status.FAILED and by_input["b.png"].error
    assert "unsafe path" in by_input["pack.zip::../escape.pdf"].error
    assert not (out.parent / "escape.md").exists() and not (out / "escape.md").exists()
    for rel in ["a.md", "a.json", "a.summary.json", "sub/b.md", "pack.zip/inner/c.md", "t/table-p1-1.csv"]:
        assert (out / rel).is_file(), rel
    assert not (out / "sub" / "b-2.md").exists()  # the failed image wrote nothing
    summary = json.loads((out / "a.summary.json").read_text())
    assert summary["page_count"] == 2 and summary["title"].startswith("Alpha report")
    assert json.loads((out / "a.json").read_text())["source"] == str(inputs / "a.pdf")
    manifest = read_manifest(out / MANIFEST_NAME)
    assert sorted(r.input for r in manifest) == sorted(r.input for r in report.records)
    ok = [r for r in manifest if r.status is Status.OK]
    assert all(r.sha256 and r.seconds > 0 and r.outputs for r in ok)
    assert "t/table-p1-1.csv" in next(r for r in ok if r.input.endswith("t.pdf")).outputs
    assert not list(out.rglob("*.tmp"))


def test_resume_skips_done_and_redoes_changed_or_failed(inputs: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run_batch([inputs], out, ParseOptions(), BatchOptions(workers=2))
    before = (out / "a.md").stat().st_mtime_ns
    write(inputs / "sub" / "b.pdf", text_pdf("Beta report v2", 1, seed=9))  # changed bytes
    report = run_batch([inputs], out, ParseOptions(), BatchOptions(workers=2, resume=True))
    assert [Path(r.input).name for r in report.records] == ["b.pdf"]  # changed bytes; a, t, c skipped
    assert len(report.skipped) == 3
    carried = sorted(Path(r.input.split("::")[-1]).name for r in report.carried)
    assert carried == ["b.png", "escape.pdf"]  # failed before: reported again, not redone, not re-recorded
    assert {r.input for r in report.failures} == {r.input for r in report.carried}
    retried = run_batch([inputs], out, ParseOptions(), BatchOptions(workers=1, resume=True, retry_failed=True))
    assert sorted(Path(r.input.split("::")[-1]).name for r in retried.records) == ["b.png", "escape.pdf"]
    assert (out / "a.md").stat().st_mtime_ns == before
    assert "v2" in (out / "sub" / "b.md").read_text()
    ok_counts = Counter(Path(r.input).name for r in read_manifest(out / MANIFEST_NAME) if r.status is Status.OK)
    assert ok_counts == {"a.pdf": 1, "t.pdf": 1, "c.pdf": 1, "b.pdf": 2}  # b changed: twice
    # other options: everything is converted again
    report = run_batch([inputs / "a.pdf"], out, ParseOptions.from_kwargs(dpi=100),
                       BatchOptions(workers=1, resume=True))
    assert not report.skipped and [r.status for r in report.records] == [Status.OK]


def test_stale_temp_files_are_removed_but_nothing_else(tmp_path: Path) -> None:
    mark = f"{TEMP_MARK}-{'5f' * 12}"
    write(tmp_path / "sub" / f".a.md.{mark}.tmp", b"half")
    write(tmp_path / "sub" / "a" / f".table-p1-1.csv.{mark}.tmp", b"half")
    write(tmp_path / "sub" / ".a.md.k2j3h4.tmp", b"user file")  # not docparse's marked name
    write(tmp_path / "sub" / f".b.md.{mark}.tmp", b"user file")  # not an output of this batch
    write(tmp_path / "sub" / "keep.tmp", b"user file")
    write(tmp_path / "a.md", b"done")
    assert remove_stale_temp_files(tmp_path, ["sub/a"]) == 2
    assert sorted(p.name for p in tmp_path.rglob("*") if p.is_file()) == \
        sorted([".a.md.k2j3h4.tmp", f".b.md.{mark}.tmp", "keep.tmp", "a.md"])


def test_formats_choose_outputs(tmp_path: Path) -> None:
    task = Task(task_id=1, key="a.pdf", stem="sub/a", source=text_pdf("Only JSON", 1), options=ParseOptions(),
                formats=(OutputFormat.JSON, OutputFormat.SUMMARY), out_dir=tmp_path)
    result = run_task(task)
    assert result.written == ("sub/a.json", "sub/a.summary.json")
    assert sorted(p.name for p in (tmp_path / "sub").iterdir()) == ["a.json", "a.summary.json"]
    shipped = run_task(replace(task, out_dir=None))  # Ray: the files come back as bytes
    assert [f.rel for f in shipped.files] == ["sub/a.json", "sub/a.summary.json"] and not shipped.written
    assert shipped.files[0].data == (tmp_path / "sub" / "a.json").read_bytes()

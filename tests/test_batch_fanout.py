"""Page fan-out (issue 20): a long document's page ranges converted by two workers, the
pre-pass shared and assembly run once, equal the sequential conversion."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.synth.long_report import long_report
from docparse.batch.fanout import convert_fanned_out, page_ranges
from docparse.batch.threads import with_worker_threads
from docparse.batch.worker import ComponentsCache, Task, TaskResult
from docparse.config import ParseOptions
from docparse.options.batch import FanOutOptions
from docparse.pipeline import convert


def test_page_ranges_are_contiguous_and_cover_every_page() -> None:
    numbers = list(range(1, 61))
    ranges = page_ranges(numbers, 2, FanOutOptions(ranges_per_worker=4, min_range_pages=5))
    assert [p for r in ranges for p in r] == numbers and len(ranges) == 8
    assert page_ranges(numbers, 2, FanOutOptions(min_range_pages=40)) == [tuple(range(1, 41)), tuple(range(41, 61))]


def test_fanned_out_document_equals_the_sequential_one(tmp_path: Path) -> None:
    path = tmp_path / "long.pdf"
    path.write_bytes(long_report(60))
    options = with_worker_threads(ParseOptions(), 1)
    sequential = convert(path, options)
    assert len(sequential.pages) == 60 and sequential.tables
    fan = FanOutOptions(ranges_per_worker=3, min_range_pages=7)  # 6 ranges: boundaries inside paragraphs/tables
    parallel = convert_fanned_out(path, options, workers=2, fan=fan)
    assert parallel.to_markdown() == sequential.to_markdown()
    assert parallel.to_json() == sequential.to_json()
    assert "Northwind Annual Report" not in parallel.to_markdown()  # running header found once, for all ranges


def test_the_caller_converts_ranges_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With 2 workers one helper process starts; the calling process converts ranges from the
    same queue meanwhile (no idle caller, one worker start and half the page pickling saved)."""
    from docparse.batch import fanout

    path = tmp_path / "long.pdf"
    path.write_bytes(long_report(24))
    options = with_worker_threads(ParseOptions(), 1)
    here: list[tuple[int, ...]] = []
    convert_here = fanout.run_range_task

    def spy(task: Task, cache: ComponentsCache | None) -> TaskResult:
        assert task.page_range is not None
        here.append(task.page_range)  # only this process's calls: helpers are other processes
        return convert_here(task, cache)

    monkeypatch.setattr(fanout, "run_range_task", spy)
    fan = FanOutOptions(ranges_per_worker=3, min_range_pages=4)  # 6 ranges
    parallel = convert_fanned_out(path, options, workers=2, fan=fan)
    assert parallel.to_json() == convert(path, options).to_json()
    assert here and here[0][0] == 1  # the caller starts at the front
    assert len(here) < 6  # the helper converted (at least) the range it took first, from the back
    before = len(here)
    alone = convert_fanned_out(path, options, workers=1, fan=fan)  # no helper process: 3 ranges, all here
    assert alone.to_json() == parallel.to_json() and len(here) - before == 3


def test_batch_fans_out_long_documents_with_the_same_outputs(tmp_path: Path) -> None:
    """run_batch splits a document over FanOutOptions.min_pages into range tasks for the pool and
    joins them: the same files as converting it whole; short documents go whole."""
    from docparse.batch.manifest import MANIFEST_NAME, Status, read_manifest
    from docparse.batch.runner import BatchOptions, run_batch
    from tests.test_batch_support import text_pdf, write

    write(tmp_path / "in" / "long.pdf", long_report(30, seed=5))
    write(tmp_path / "in" / "short.pdf", text_pdf("Short", 2, seed=1))
    fan = FanOutOptions(min_pages=20, min_range_pages=5, ranges_per_worker=2)
    run_batch([tmp_path / "in"], tmp_path / "fan", ParseOptions(), BatchOptions(workers=2, fan_out=fan))
    run_batch([tmp_path / "in"], tmp_path / "whole", ParseOptions(),
              BatchOptions(workers=2, fan_out=FanOutOptions(min_pages=None)))
    records = {Path(r.input).name: r for r in read_manifest(tmp_path / "fan" / MANIFEST_NAME)}
    assert records["long.pdf"].status is Status.OK and records["long.pdf"].pages == 30
    assert len(records) == 2
    for rel in ["long.md", "long.json", "long.summary.json", "short.md"]:
        assert (tmp_path / "fan" / rel).read_bytes() == (tmp_path / "whole" / rel).read_bytes(), rel


def test_a_lone_long_document_still_gets_every_worker(tmp_path: Path) -> None:
    """A batch caps its workers at one an input, unless a document will fan out over them."""
    from docparse.batch.fanout import workers_for
    from docparse.batch.inputs import list_inputs
    from docparse.options.batch import ArchiveLimits, InputSelection
    from tests.test_batch_support import many_pages_pdf, write

    write(tmp_path / "long.pdf", many_pages_pdf(25))
    write(tmp_path / "short" / "a.pdf", many_pages_pdf(2))
    fan = FanOutOptions(min_pages=20)
    long_refs = list_inputs([tmp_path / "long.pdf"], InputSelection(), ArchiveLimits()).refs
    short_refs = list_inputs([tmp_path / "short"], InputSelection(), ArchiveLimits()).refs
    assert workers_for(long_refs, 2, fan) == 2
    assert workers_for(short_refs, 2, fan) == 1
    assert workers_for(long_refs, 2, FanOutOptions(min_pages=None)) == 1

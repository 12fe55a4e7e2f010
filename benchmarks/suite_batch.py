"""Batch suite: throughput and scaling of ``docparse IN -o OUT`` on a directory of a few hundred
pages, peak RSS per worker, and the time to resume a batch killed halfway.

Data: the born-digital table sets of the corpus (icdar2013-us, tabula, camelot: ~150 PDFs,
~310 pages), read in place; without the corpus, generated reports (same page count).

Rows (system ``docparse``):
- pages/s with 1 and 2 workers (and all cores when there are more), scaling efficiency
  (pages/s with N workers / (N × pages/s with 1)); wall time includes starting the workers.
- every run uses a per-file limit of 30 s (``FILE_TIMEOUT_S``): a file past it is killed and
  counted as failed, its time included.
- peak RSS per worker process (MB, sampled with psutil) and of the driver.
- pages/s per core on born-digital (the 1-worker run) and on generated scanned pages.
- page fan-out: a generated 500-page report, sequential against 2 workers, outputs compared.
- resume: a CLI batch (2 workers) is SIGKILLed once half the manifest is written; the rerun with
  ``--resume`` is timed, checked to finish every input exactly once, and compared with a no-op
  resume (everything already done or settled: hashing and manifest only).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.common import Row, SuiteArgs, SuiteResult
from docparse.batch.manifest import MANIFEST_NAME, read_manifest
from docparse.batch.runner import BatchOptions, default_workers, run_batch
from docparse.config import ParseOptions

CORPUS_SETS = ("tables/icdar2013-us", "tables/tabula", "tables/camelot")
SYNTH_PAGES = 300
FILE_TIMEOUT_S = 30.0  # a pathological file is killed, as in production batches


@dataclass
class RssSampler:
    """Peak RSS of each child process of this one, sampled every ``interval_s``."""

    interval_s: float = 0.2
    peaks: dict[int, float] = field(default_factory=dict)
    _stop: threading.Event = field(default_factory=threading.Event)
    _thread: threading.Thread | None = None

    def __enter__(self) -> "RssSampler":
        self._thread = threading.Thread(target=self._loop, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()

    def _loop(self) -> None:
        import psutil

        me = psutil.Process()
        while not self._stop.is_set():
            for child in me.children(recursive=True):
                try:
                    rss = child.memory_info().rss / 2**20
                except psutil.Error:
                    continue
                self.peaks[child.pid] = max(self.peaks.get(child.pid, 0.0), rss)
            self._stop.wait(self.interval_s)


@dataclass
class Throughput:
    workers: int
    pages: int
    seconds: float
    worker_peak_mb: float
    failures: int
    cpu_s: float = 0.0  # CPU seconds (user + system) of the worker processes

    @property
    def pages_per_s(self) -> float:
        return self.pages / self.seconds if self.seconds else 0.0

    @property
    def pages_per_cpu_s(self) -> float:
        """Pages per CPU-second: the speed of one busy core, whatever else shares the machine."""
        return self.pages / self.cpu_s if self.cpu_s else 0.0


def batch_inputs(args: SuiteArgs) -> tuple[list[Path], str]:
    """The corpus table sets (directories, read in place) or generated reports."""
    dirs = [args.corpus / s for s in CORPUS_SETS if (args.corpus / s).is_dir()]
    if dirs and args.limit is None:
        return dirs, "corpus-tables"
    if dirs:
        files = sorted(p for d in dirs for p in d.rglob("*.pdf"))[: args.limit]
        return files, f"corpus-tables-{len(files)}f"
    return [synth_dir(args.work_dir / "batch" / "synth", SYNTH_PAGES)], "synth-reports"


def synth_dir(root: Path, pages: int) -> Path:
    import random

    import pymupdf

    words = ("revenue growth market share operating margin quarter fiscal customers segment analysis "
             "forecast investment capital strategy product region sales efficiency energy service").split()
    rng = random.Random(7)
    per_file = 4
    for n in range(pages // per_file):
        path = root / f"part{n % 5}" / f"report{n:03d}.pdf"
        if path.exists():
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        doc = pymupdf.open()
        for p in range(per_file):
            page = doc.new_page()
            page.insert_text((72, 80), f"Report {n} section {p + 1}", fontsize=16)
            text = " ".join(" ".join(rng.choice(words) for _ in range(14)).capitalize() + "." for _ in range(24))
            page.insert_textbox(pymupdf.Rect(72, 110, 540, 720), text, fontsize=10)
        doc.save(path)
        doc.close()
    return root


def measure(inputs: list[Path], out: Path, workers: int, timeout_s: float = FILE_TIMEOUT_S) -> Throughput:
    import resource
    import shutil

    shutil.rmtree(out, ignore_errors=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)  # workers are joined, so they count
    with RssSampler() as sampler:
        start = time.perf_counter()
        report = run_batch(inputs, out, ParseOptions.from_kwargs(file_timeout_s=timeout_s),
                           BatchOptions(workers=workers))
        seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    peak = max(sampler.peaks.values(), default=0.0)
    return Throughput(workers=workers, pages=report.pages, seconds=seconds, worker_peak_mb=peak,
                      failures=len(report.failures), cpu_s=cpu)


@dataclass
class ResumeTiming:
    killed_after: int  # inputs in the manifest when the batch was killed
    total: int
    resume_s: float
    noop_resume_s: float
    duplicates: int
    missing: int


def measure_resume(inputs: list[Path], out: Path, workers: int) -> ResumeTiming:
    import shutil

    shutil.rmtree(out, ignore_errors=True)
    cli = [sys.executable, "-m", "docparse", *map(str, inputs), "-o", str(out), "-q", "-j", str(workers),
           "--file-timeout", f"{FILE_TIMEOUT_S:g}"]
    total = _count_inputs(inputs)
    proc = subprocess.Popen(cli, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    manifest = out / MANIFEST_NAME
    while proc.poll() is None:
        if manifest.exists() and len(read_manifest(manifest)) >= total // 2:
            break
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    killed_after = len(read_manifest(manifest))
    start = time.perf_counter()
    subprocess.run([*cli, "--resume"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    resume_s = time.perf_counter() - start
    start = time.perf_counter()
    subprocess.run([*cli, "--resume"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    noop_s = time.perf_counter() - start
    seen = [r.input for r in read_manifest(manifest)]
    return ResumeTiming(killed_after=killed_after, total=total, resume_s=resume_s, noop_resume_s=noop_s,
                        duplicates=len(seen) - len(set(seen)), missing=total - len(set(seen)))


def _count_inputs(inputs: list[Path]) -> int:
    from docparse.batch.archives import ArchiveLimits
    from docparse.batch.inputs import InputSelection, list_inputs

    listing = list_inputs(inputs, InputSelection(), ArchiveLimits())
    return len(listing.refs) + len(listing.failures)


FANOUT_PAGES = 500
SCAN_PAGES = 12
SCAN_TIMEOUT_S = 300.0  # a scanned page's first OCR loads the models


def fanout_rows(args: SuiteArgs) -> list[Row]:
    """A generated 500-page report (``--limit`` shortens it): sequential convert against page
    fan-out over 2 single-threaded workers (warm-up included), and whether the two are equal."""
    from benchmarks.synth.long_report import long_report
    from docparse.batch.fanout import convert_fanned_out
    from docparse.batch.threads import with_worker_threads
    from docparse.pipeline import convert

    pages = min(FANOUT_PAGES, args.limit * 10) if args.limit else FANOUT_PAGES
    path = args.work_dir / "batch" / f"long-report-{pages}.pdf"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(long_report(pages))
    options = with_worker_threads(ParseOptions(), 1)
    start = time.perf_counter()
    sequential = convert(path, options)
    seq_s = time.perf_counter() - start
    start = time.perf_counter()
    parallel = convert_fanned_out(path, options, workers=2)
    fan_s = time.perf_counter() - start
    same = parallel.to_markdown() == sequential.to_markdown() and parallel.to_json() == sequential.to_json()
    note = f"sequential {seq_s:.1f} s, fan-out {fan_s:.1f} s; Markdown and JSON {'equal' if same else 'DIFFER'}"
    return [Row(f"long-report-{pages}p", "page fan-out speed-up, 2 workers", {"docparse": seq_s / fan_s},
                n=pages, note=note)]


def per_core_rows(args: SuiteArgs, born_digital: Throughput) -> list[Row]:
    """Pages/s per core: born-digital from the 1-worker run, scanned from generated image-only
    pages (benchmarks.synth.scans) through one worker."""
    from benchmarks.synth.scans import degrade_pdf, text_page_pdf

    root = args.work_dir / "batch" / "scans"
    if not root.is_dir():
        root.mkdir(parents=True)
        for n in range(SCAN_PAGES):
            (root / f"scan{n:02d}.pdf").write_bytes(degrade_pdf(text_page_pdf(seed=n, pages=1)[0], seed=n))
    scanned = measure([root], args.work_dir / "batch" / "out-scans", 1, timeout_s=SCAN_TIMEOUT_S)
    rows = []
    for name, tp in (("born-digital (batch set)", born_digital), (f"scanned (generated, {scanned.pages} pages)", scanned)):
        rows.append(Row(name, "pages/s per core", {"docparse": tp.pages_per_s}, n=tp.pages,
                        note=f"1 single-threaded worker, wall incl. start; {tp.failures} inputs not ok"))
        rows.append(Row(name, "pages per CPU-second", {"docparse": tp.pages_per_cpu_s}, n=tp.pages,
                        note=f"{tp.cpu_s:.1f} CPU s of the worker (load-independent speed of one core)"))
    return rows


def run(args: SuiteArgs) -> SuiteResult:
    inputs, dataset = batch_inputs(args)
    work = args.work_dir / "batch"
    counts = sorted({1, 2, default_workers()})
    runs = [measure(inputs, work / f"out-{n}", n) for n in counts]
    base = runs[0]
    rows = []
    for tp in runs:
        rows.append(Row(dataset, f"pages/s, {tp.workers} worker{'s' if tp.workers > 1 else ''}",
                        {"docparse": tp.pages_per_s}, n=tp.pages,
                        note=f"{tp.seconds:.1f} s wall incl. worker start; {tp.failures} inputs not ok "
                             f"(timeouts at {FILE_TIMEOUT_S:g} s included)"))
    for tp in runs[1:]:
        rows.append(Row(dataset, f"scaling efficiency, {tp.workers} workers",
                        {"docparse": tp.pages_per_s / (tp.workers * base.pages_per_s) if base.pages_per_s else None},
                        n=tp.pages))
        rows.append(Row(dataset, f"speed-up, {tp.workers} workers / 1 (goal 1.8 for 2)",
                        {"docparse": tp.pages_per_s / base.pages_per_s if base.pages_per_s else None}, n=tp.pages,
                        note=f"CPU s per page {base.cpu_s / max(base.pages, 1):.3f} (1 worker) / "
                             f"{tp.cpu_s / max(tp.pages, 1):.3f}; load average at the end {os.getloadavg()[0]:.1f} "
                             "(meaningful only on an otherwise idle machine)"))
    rows.append(Row(dataset, "peak RSS per worker (MB)", {"docparse": max(t.worker_peak_mb for t in runs)},
                    n=len(runs), better="lower"))
    from benchmarks.common import peak_rss_mb

    rows.append(Row(dataset, "peak RSS driver (MB)", {"docparse": peak_rss_mb()}, better="lower"))
    resume = measure_resume(inputs, work / "out-resume", min(2, default_workers()))
    note = (f"killed after {resume.killed_after}/{resume.total} inputs; duplicates={resume.duplicates}, "
            f"missing={resume.missing}")
    rows.append(Row(dataset, "resume after kill at 50% (s)", {"docparse": resume.resume_s}, n=resume.total,
                    better="lower", note=note))
    rows.append(Row(dataset, "no-op resume, all done (s)", {"docparse": resume.noop_resume_s}, n=resume.total,
                    better="lower"))
    two = next(t for t in runs if t.workers == 2)
    rows.append(Row(dataset, "full run, 2 workers (s)", {"docparse": two.seconds}, n=two.pages, better="lower"))
    rows.extend(per_core_rows(args, base))
    rows.extend(fanout_rows(args))
    return SuiteResult(suite="batch", rows=rows)

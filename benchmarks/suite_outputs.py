"""Outputs suite: what writing figure and chart images (``-o``, ``--images referenced``) adds to
the conversion of born-digital documents.

Data: the born-digital PDFs of ``text/docling`` (papers, a Redbook sample, handbooks; the
password-protected copy left out) and the ``text/docbank`` arXiv pages (the scored page of each
paper), read in place; the generated reports of the text suite (tables and vector charts).

Per document, in this process (components built once, before timing): ``convert`` (the default
options, as the CLI runs), then ``write_outputs`` of Markdown + JSON twice into fresh folders:
without images, and with figure/chart PNGs at the default ``ImageOptions`` (144 dpi). Times are
this process's CPU seconds (all its threads): wall time on a shared machine swings with the
neighbours' load, and the ratio is what the budget is about.

Rows (system ``docparse``):
- image overhead (%): (seconds with images - seconds without) / (convert + write without), over
  the set; the issue's budget is 20 %.
- convert s/page, figure/chart images written, ms per image.
"""

from __future__ import annotations

import tempfile
import time
from dataclasses import dataclass, replace
from pathlib import Path

from benchmarks.common import Row, SuiteArgs, SuiteResult
from benchmarks.text_sets import Job, docbank_jobs, synth_jobs
from docparse.config import ParseOptions
from docparse.converter import Converter
from docparse.options.batch import OutputFormat
from docparse.options.outputs import OutputOptions
from docparse.renderers.files import NO_IMAGES, write_outputs

FORMATS = {OutputFormat.MARKDOWN, OutputFormat.JSON}


@dataclass
class Timing:
    pages: int = 0
    convert_s: float = 0.0
    plain_s: float = 0.0  # write md + json, no images
    images_s: float = 0.0  # write md + json + figure/chart PNGs
    images: int = 0

    @property
    def overhead(self) -> float:
        return (self.images_s - self.plain_s) / max(1e-9, self.convert_s + self.plain_s)


def docling_jobs(corpus: Path, limit: int | None) -> list[Job]:
    root = corpus / "text" / "docling" / "tests" / "data"
    paths = sorted(p for p in root.rglob("*.pdf") if "password" not in p.as_posix())
    return [Job(p.stem, p) for p in paths][: limit or None]


def time_document(shared: Converter, job: Job, timing: Timing) -> None:
    converter = Converter(replace(shared.options, pages=job.pages), components=shared.components)
    path = job.path
    start = time.process_time()
    document = converter.convert(path)
    timing.convert_s += time.process_time() - start
    timing.pages += len(document.pages)
    with tempfile.TemporaryDirectory(prefix="bench-outputs-") as tmp:
        start = time.process_time()
        write_outputs(document, Path(tmp) / "plain", path.stem, FORMATS, NO_IMAGES)
        timing.plain_s += time.process_time() - start
        start = time.process_time()
        written = write_outputs(document, Path(tmp) / "images", path.stem, FORMATS, OutputOptions())
        timing.images_s += time.process_time() - start
    timing.images += sum(1 for p in written if p.suffix == ".png")


def run(args: SuiteArgs) -> SuiteResult:
    result = SuiteResult("outputs")
    converter = Converter(ParseOptions())
    _ = converter.components  # models load before the clock starts
    sets = (("text/docling", docling_jobs(args.corpus, args.limit)), ("text/docbank", docbank_jobs(args.corpus, args.limit)),
            ("synth reports", synth_jobs(args.work_dir, args.limit)))
    for name, jobs in sets:
        if not jobs:
            continue
        timing = Timing()
        for job in jobs:
            time_document(converter, job, timing)
        n = len(jobs)
        result.rows += [
            Row(name, "figure image overhead (%)", {"docparse": 100 * timing.overhead}, n, better="lower",
                note=f"budget 20 %; {timing.images} images, {timing.pages} pages"),
            Row(name, "convert s/page", {"docparse": timing.convert_s / max(1, timing.pages)}, n, better="lower"),
            Row(name, "figure/chart images", {"docparse": float(timing.images)}, n),
            Row(name, "ms per image", {"docparse": 1000 * (timing.images_s - timing.plain_s) / max(1, timing.images)},
                n, better="lower"),
        ]
    return result

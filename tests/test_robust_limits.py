"""Limits: page and file deadlines (in any thread), content and image decompression bombs, hard
deadline.

Slow fakes sleep in short slices: a deadline interrupt lands at the next Python bytecode, so it
stops Python work (our heuristics, a library's loop) but not one long native call such as a
single ``time.sleep(30)`` (see docparse.pages.limits)."""

from __future__ import annotations

import dataclasses
import signal
import subprocess
import sys
import threading
import time
import zlib
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import pymupdf
import pytest

import docparse
from docparse import components as components_module
from docparse import pipeline
from docparse.components import default_components
from docparse.config import LimitOptions, ParseOptions, RasterOptions
from docparse.errors import LimitExceeded, PageTimeout, one_line_message
from docparse.pages.analysis import PageAnalysis
from docparse.pages.limits import Deadline, DeadlineInterrupt, FileDeadline, inflated_size, page_deadline
from docparse.pages.rasterize import make_rasterizer
from docparse.pipeline import convert

FAST = dict(ocr="never")


def busy(seconds: float) -> None:
    """Python work that takes ``seconds`` (interruptible between slices)."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        time.sleep(0.01)


def pdf(pages: int) -> bytes:
    doc = pymupdf.open()
    for i in range(pages):
        doc.new_page().insert_text((72, 300), f"Body text on page {i + 1}", fontsize=12)
    return doc.tobytes()


@dataclass
class SlowPages:
    """A text source that hangs on some pages (stands in for a pathological page)."""

    slow: frozenset[int]
    seconds: float

    def prepare(self, page: PageAnalysis) -> PageAnalysis:
        if page.number in self.slow or not self.slow:
            busy(self.seconds)
        return page


def components_with(options: ParseOptions, source: SlowPages):  # noqa: ANN201
    return dataclasses.replace(default_components(options), text_source=source)


def fatal(document) -> dict[int, str]:  # noqa: ANN001
    return {i.page: i.message for p in document.pages for i in p.issues if i.fatal}


def test_hung_page_is_abandoned_and_the_rest_converts() -> None:
    options = ParseOptions.from_kwargs(page_timeout_s=0.5, **FAST)
    start = time.monotonic()
    document = convert(pdf(3), options, components_with(options, SlowPages(frozenset({2}), 30)))
    assert time.monotonic() - start < 15
    failed = fatal(document)
    assert list(failed) == [2] and "abandoned" in failed[2]
    assert [p.issues[0].stage for p in document.pages if p.issues] == ["PageTimeout"]
    assert "page 3" in document.to_markdown() and "page 1" in document.to_markdown()


def test_file_deadline_records_the_pages_it_did_not_start() -> None:
    options = ParseOptions.from_kwargs(page_timeout_s=10, file_timeout_s=0.8, **FAST)
    start = time.monotonic()
    document = convert(pdf(6), options, components_with(options, SlowPages(frozenset(), 0.35)))
    assert time.monotonic() - start < 10
    assert len(document.pages) == 6
    failed = fatal(document)
    assert failed and 1 not in failed
    assert all("file time limit" in m or "abandoned" in m for m in failed.values())
    assert any("page not converted" in m for m in failed.values())


def test_content_stream_bomb_is_refused_per_page() -> None:
    doc = pymupdf.open(stream=pdf(2), filetype="pdf")
    page = doc[1]
    bomb = zlib.compress(b"0 0 m 1 1 l S\n" * 400_000, 9)  # ~5.6 MB inflated from a few KB
    xref = doc.get_new_xref()
    doc.update_object(xref, "<<>>")
    doc.update_stream(xref, bomb, compress=False)
    doc.xref_set_key(xref, "Filter", "/FlateDecode")
    doc.xref_set_key(page.xref, "Contents", f"[{page.get_contents()[0]} 0 R {xref} 0 R]")
    options = ParseOptions.from_kwargs(max_content_bytes=1 << 20, **FAST)
    document = convert(doc.tobytes(), options)
    failed = fatal(document)
    assert list(failed) == [2] and "page content" in failed[2] and "over the limit" in failed[2]
    assert "page 1" in document.to_markdown()


def test_inflated_size_stops_early_on_a_bomb() -> None:
    bomb = zlib.compress(b"\0" * (64 << 20))
    start = time.monotonic()
    assert (1 << 20) < inflated_size(bomb, 1 << 20) < (2 << 20)
    assert time.monotonic() - start < 2
    assert inflated_size(zlib.compress(b"abc" * 10), 1000) == 30
    assert inflated_size(b"not zlib at all", 1000) == len(b"not zlib at all")


def test_rasterizer_refuses_an_image_over_the_decode_limit() -> None:
    doc = pymupdf.open()
    page = doc.new_page()
    pix = pymupdf.Pixmap(pymupdf.csRGB, pymupdf.IRect(0, 0, 2000, 1500), False)
    pix.clear_with(255)
    page.insert_image(page.rect, pixmap=pix)
    small = make_rasterizer(doc, RasterOptions(), LimitOptions(max_image_pixels=1_000_000))
    with pytest.raises(LimitExceeded, match="2000x1500"):
        small.render(1, 72)
    big = make_rasterizer(doc, RasterOptions(), LimitOptions(max_image_pixels=4_000_000))
    assert big.render(1, 72).shape[2] == 3


def test_huge_page_is_rendered_at_reduced_dpi_or_refused() -> None:
    doc = pymupdf.open()
    doc.new_page(width=14000, height=14000)
    raster = make_rasterizer(doc, RasterOptions(max_pixels=4_000_000))
    image = raster.render(1, 300)
    assert image.shape[0] * image.shape[1] <= 4_000_000
    with pytest.raises(LimitExceeded, match="too large"):
        make_rasterizer(doc, RasterOptions(max_pixels=10_000)).render(1, 300)


def test_page_deadline_leaves_process_wide_timers_alone() -> None:
    """No global state: a caller's own SIGALRM handler and interval timer are not touched."""
    fired: list[int] = []
    previous = signal.signal(signal.SIGALRM, lambda *a: fired.append(1))
    try:
        signal.setitimer(signal.ITIMER_REAL, 5.0)
        with pytest.raises(PageTimeout, match="page took longer"):
            page_deadline(0.2, source="x", page=4).run(lambda: busy(5))
        assert page_deadline(2.0, source="x", page=1).run(lambda: 7) == 7
        left, _ = signal.getitimer(signal.ITIMER_REAL)
        assert 3.0 < left <= 5.0 and not fired
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def test_deadline_in_worker_threads_and_nothing_left_pending() -> None:
    """Each thread gets its own deadline; an interrupt never escapes into the caller's later code."""
    def one(seconds: float) -> str:
        try:
            Deadline(0.3, lambda: PageTimeout("late")).run(lambda: busy(seconds))
            outcome = "done"
        except PageTimeout:
            outcome = "timeout"
        busy(0.5)  # a stray interrupt would land here
        return outcome

    start = time.monotonic()
    with ThreadPoolExecutor(4) as pool:
        outcomes = list(pool.map(one, [0.0, 30.0, 0.05, 30.0]))
    assert outcomes == ["done", "timeout", "done", "timeout"]
    assert time.monotonic() - start < 5
    assert not [t for t in threading.enumerate() if t.name == "docparse-deadline"]


def test_swallowed_interrupt_still_ends_in_the_error() -> None:
    def swallow() -> str:
        try:
            busy(30)
        except DeadlineInterrupt:
            pass  # a library's bare except
        return "finished anyway"

    deadline = Deadline(0.2, lambda: PageTimeout("late"))
    with pytest.raises(PageTimeout):
        deadline.run(swallow)
    assert deadline.fired
    with pytest.raises(PageTimeout):
        deadline.check()  # the cooperative check at a stage boundary agrees
    assert Deadline(None, lambda: PageTimeout("never")).run(lambda: 3) == 3


def test_parse_in_a_thread_pool_abandons_a_page_that_never_finishes(monkeypatch: pytest.MonkeyPatch) -> None:
    """A library caller in a worker thread gets the page timeout (SIGALRM never reached it)."""
    def slow_components(options: ParseOptions):  # noqa: ANN202
        return components_with(options, SlowPages(frozenset({1}), 3600))

    monkeypatch.setattr(pipeline, "default_components", slow_components)
    monkeypatch.setattr(components_module, "default_components", slow_components)  # what Converter builds
    start = time.monotonic()
    with ThreadPoolExecutor(2) as pool:
        documents = list(pool.map(lambda data: docparse.parse(data, page_timeout_s=1.0, **FAST), [pdf(2), pdf(2)]))
    assert time.monotonic() - start < 10  # two pages of 1 s each, per thread, plus conversion
    for document in documents:
        issues = [i for p in document.pages for i in p.issues]
        assert [(i.page, i.stage) for i in issues] == [(1, "PageTimeout")] and issues[0].fatal
        assert "page 2" in document.to_markdown()


def test_file_deadline_arithmetic() -> None:
    none = FileDeadline.start(None)
    assert none.page_seconds(60) == 60 and not none.expired()
    assert FileDeadline.start(0).seconds is None
    short = FileDeadline.start(0.5)
    assert short.page_seconds(60) <= 0.5
    time.sleep(0.6)
    assert short.expired() and short.page_seconds(60) <= 0.001
    with pytest.raises(LimitExceeded, match="pre-pass"):
        FileDeadline.start(0.2).run(lambda: busy(5), source="f.pdf", stage="during the pre-pass")
    assert FileDeadline.start(None).run(lambda: 1, source="f.pdf", stage="pre-pass") == 1


def test_one_line_message_drops_embedded_tracebacks() -> None:
    exc = RuntimeError("[ONNXRuntimeError] : 6 : RUNTIME_EXCEPTION : bad node\n"
                       "Traceback (most recent call last):\n  File \"x.py\", line 1\nValueError: y")
    line = one_line_message(exc)
    assert line == "RuntimeError: [ONNXRuntimeError] : 6 : RUNTIME_EXCEPTION : bad node"
    assert one_line_message(ValueError("")) == "ValueError"
    assert len(one_line_message(ValueError("x" * 5000))) <= 300


def test_options_validate_limits() -> None:
    assert LimitOptions(file_timeout_s=0).file_timeout_s is None
    assert LimitOptions(page_timeout_s=-1).page_timeout_s is None
    with pytest.raises(Exception):
        LimitOptions(max_image_pixels=0)


HARD = """
import sys, time
from docparse.pages.limits import hard_deadline
with hard_deadline(float(sys.argv[1]), "docparse: x.pdf: file took too long; killed"):
    time.sleep(float(sys.argv[2]))
print("finished")
"""


def test_hard_deadline_kills_a_stuck_process_with_one_line() -> None:
    stuck = subprocess.run([sys.executable, "-c", HARD, "1", "60"], capture_output=True, text=True, timeout=50)
    assert stuck.returncode == -9
    assert stuck.stderr.strip() == "docparse: x.pdf: file took too long; killed"
    quick = subprocess.run([sys.executable, "-c", HARD, "30", "0"], capture_output=True, text=True, timeout=50)
    assert quick.returncode == 0 and quick.stdout.strip() == "finished" and not quick.stderr


BOMB = """
import resource, sys, time, zlib
import pymupdf
from docparse.config import ParseOptions
from docparse.pipeline import convert

side = 20000  # a 400-megapixel grey image from ~400 KB of Flate data
packer = zlib.compressobj(9)
chunk = bytes(1 << 20)
data = b"".join(packer.compress(chunk) for _ in range(side * side // len(chunk))) + packer.flush()
doc = pymupdf.open()
page = doc.new_page()
image = doc.get_new_xref()
doc.update_object(image, f"<</Type/XObject/Subtype/Image/Width {side}/Height {side}"
                         "/ColorSpace/DeviceGray/BitsPerComponent 8>>")
doc.update_stream(image, data, compress=False)
doc.xref_set_key(image, "Filter", "/FlateDecode")
doc.xref_set_key(page.xref, "Resources", f"<</XObject<</Im1 {image} 0 R>>>>")
content = doc.get_new_xref()
doc.update_object(content, "<<>>")
doc.update_stream(content, b"q 500 0 0 700 50 50 cm /Im1 Do Q")
doc.xref_set_key(page.xref, "Contents", f"{content} 0 R")
pdf = doc.tobytes()
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
start = time.monotonic()
document = convert(pdf, ParseOptions.from_kwargs(ocr=sys.argv[1]))
seconds = time.monotonic() - start
grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 - before
issues = [i.message for p in document.pages for i in p.issues]
print(f"{seconds:.1f} {grown:.0f} {issues}")
"""


@pytest.mark.parametrize("ocr", ["never", "always"])
def test_image_decompression_bomb_is_never_decoded(ocr: str) -> None:
    run = subprocess.run([sys.executable, "-c", BOMB, ocr], capture_output=True, text=True, timeout=170)
    assert run.returncode == 0, run.stderr[-2000:]
    seconds, grown, issues = run.stdout.strip().split(" ", 2)
    assert float(grown) < 200, run.stdout  # decoding would take 400 MB
    assert float(seconds) < 60, run.stdout
    if ocr == "always":  # rendering the page for OCR is refused and recorded
        assert "20000x20000" in issues and "decode limit" in issues


@dataclass
class WrappingSource:
    """A library that catches everything and re-raises its own type (as rapidocr does)."""

    def prepare(self, page: PageAnalysis) -> PageAnalysis:
        try:
            busy(30)
        except BaseException as exc:  # noqa: BLE001 - even the deadline's interrupt
            raise RuntimeError(f"engine failed: Traceback (most recent call last): {exc!r}") from exc
        return page


def test_timeout_wrapped_by_a_library_is_still_recorded_as_a_timeout() -> None:
    options = ParseOptions.from_kwargs(page_timeout_s=0.5, **FAST)
    components = dataclasses.replace(default_components(options), text_source=WrappingSource())
    document = convert(pdf(1), options, components)
    issue = document.pages[0].issues[0]
    assert issue.fatal and issue.stage == "PageTimeout" and "abandoned" in issue.message


def test_inflated_size_stops_at_end_of_stream_with_trailing_bytes() -> None:
    """A Flate stream followed by stray bytes once looped forever (camelot birdisland.pdf)."""
    import zlib

    from docparse.pages.limits import inflated_size

    payload = b"q 1 0 0 1 0 0 cm Q\n" * 20000
    raw = zlib.compress(payload) + b"\n\r"
    assert inflated_size(raw, 10**9) == len(payload)

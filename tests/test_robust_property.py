"""Property tests: mutated real PDFs and generated PDFs either convert or raise DocparseError.

Seeds are small real files from the robustness corpus (skipped without it) and PDFs that
hypothesis builds itself; mutations flip, delete, insert, duplicate and truncate bytes, and
also corrupt numbers in PDF syntax (object numbers, lengths, counts, xref offsets).
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import pymupdf
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from docparse.config import ParseOptions
from docparse.document import Document
from docparse.errors import DocparseError
from docparse.pages.open import sniff_kind
from docparse.pipeline import convert
from tests.conftest import CORPUS

SEEDS = (
    "pypdf/001-trivial/minimal-document.pdf",
    "pypdf/004-pdflatex-4-pages/pdflatex-4-pages.pdf",
    "pypdf/008-reportlab-inline-image/inline-image.pdf",
    "pypdf/015-arabic/habibi.pdf",
    "pdfjs/test/pdfs/tracemonkey.pdf",
    "pdfjs/test/pdfs/xref_command_missing.pdf",
    "qpdf/qpdf/qtest/qpdf/bad9.pdf",
    "pdfplumber/tests/pdfs/malformed-from-issue-932.pdf",
)
# small limits so that a mutation that blows up sizes hits a limit quickly
OPTIONS = ParseOptions.from_kwargs(
    ocr="never", pages="1-2", page_timeout_s=10.0, file_timeout_s=30.0,
    max_content_bytes=8 << 20, max_image_pixels=4_000_000, max_pages=50,
)
PROPERTY = settings(max_examples=40, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
_NUMBER = re.compile(rb"\d+")
# insert_text builds a width table up to the highest code point drawn: keep text below U+0180
_LATIN = st.characters(min_codepoint=32, max_codepoint=0x17F)


@lru_cache(maxsize=None)
def seed_bytes(rel: str) -> bytes | None:
    path = Path(CORPUS, "robustness", rel)
    if not path.is_file() or path.stat().st_size > 2_000_000:
        return None
    return path.read_bytes()


def available_seeds() -> list[str]:
    return [s for s in SEEDS if seed_bytes(s) is not None]


def converts_or_raises_own_error(data: bytes) -> Document | DocparseError:
    """The property: any other exception type fails the test (with its traceback)."""
    try:
        return convert(data, OPTIONS)
    except DocparseError as exc:
        assert "\n" not in exc.one_line()
        return exc


@st.composite
def mutations(draw: st.DrawFn, data: bytes) -> bytes:
    buf = bytearray(data)
    for _ in range(draw(st.integers(1, 8))):
        if not buf:
            break
        op = draw(st.sampled_from(["flip", "delete", "insert", "duplicate", "truncate", "number"]))
        at = draw(st.integers(0, len(buf) - 1))
        if op == "flip":
            buf[at] ^= 1 << draw(st.integers(0, 7))
        elif op == "delete":
            del buf[at: at + draw(st.integers(1, 256))]
        elif op == "insert":
            buf[at:at] = draw(st.binary(min_size=1, max_size=64))
        elif op == "duplicate":
            n = draw(st.integers(1, 512))
            buf[at:at] = buf[at: at + n]
        elif op == "truncate":
            del buf[max(at, 1):]
        else:
            numbers = list(_NUMBER.finditer(buf))
            if numbers:
                m = numbers[draw(st.integers(0, len(numbers) - 1))]
                new = draw(st.sampled_from([b"0", b"-1", b"999999999", b"2147483648", b"1e308", b"7"]))
                buf[m.start(): m.end()] = new
    return bytes(buf)


@st.composite
def mutated_seed(draw: st.DrawFn) -> bytes:
    seeds = available_seeds()
    if not seeds:
        pytest.skip(f"robustness corpus not found under {CORPUS}")
    return draw(mutations(seed_bytes(draw(st.sampled_from(seeds))) or b""))


@PROPERTY
@given(mutated_seed())
def test_mutated_corpus_pdfs_convert_or_fail_cleanly(data: bytes) -> None:
    converts_or_raises_own_error(data)


@st.composite
def generated_pdf(draw: st.DrawFn) -> bytes:
    """A small PDF with text, lines, rectangles and an image, at odd sizes and rotations."""
    doc = pymupdf.open()
    for _ in range(draw(st.integers(1, 3))):
        width = draw(st.sampled_from([3.0, 200.0, 612.0, 2000.0]))
        height = draw(st.sampled_from([3.0, 300.0, 792.0, 1400.0]))
        page = doc.new_page(width=width, height=height)
        page.set_rotation(draw(st.sampled_from([0, 90, 180, 270])))
        for text in draw(st.lists(st.text(_LATIN, min_size=1, max_size=40).filter(str.strip), max_size=4)):
            x, y = draw(st.floats(-50, width + 50)), draw(st.floats(-50, height + 50))
            page.insert_text((x, y), text, fontsize=draw(st.floats(0.5, 60)))
        for _ in range(draw(st.integers(0, 3))):
            x0, y0 = draw(st.floats(0, width)), draw(st.floats(0, height))
            page.draw_rect(pymupdf.Rect(x0, y0, x0 + draw(st.floats(0, 300)), y0 + draw(st.floats(0, 300))))
            page.draw_line((x0, y0), (draw(st.floats(0, width)), draw(st.floats(0, height))))
        if draw(st.booleans()):
            pix = pymupdf.Pixmap(pymupdf.csRGB, pymupdf.IRect(0, 0, draw(st.integers(1, 64)), draw(st.integers(1, 64))), False)
            pix.clear_with(draw(st.integers(0, 255)))
            page.insert_image(pymupdf.Rect(0, 0, min(width, 100), min(height, 100)), pixmap=pix)
    doc.set_metadata({})  # no dates: the same draw gives the same bytes
    return doc.tobytes(garbage=draw(st.integers(0, 4)), deflate=draw(st.booleans()), no_new_id=True)


@PROPERTY
@given(generated_pdf())
def test_generated_pdfs_convert(data: bytes) -> None:
    result = converts_or_raises_own_error(data)
    assert isinstance(result, Document), result


@settings(max_examples=40, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.data())
def test_mutated_generated_pdfs_convert_or_fail_cleanly(data: st.DataObject) -> None:
    pdf = data.draw(generated_pdf())
    converts_or_raises_own_error(data.draw(mutations(pdf)))


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=2048), st.binary(max_size=256))
def test_sniffing_never_fails(head: bytes, tail: bytes) -> None:
    assert sniff_kind(head, tail) in {"pdf", "png", "jpeg", "tiff", "bmp", "gif", "webp", "unknown"}


@settings(max_examples=30, deadline=None, derandomize=True)
@given(st.binary(max_size=4096))
def test_arbitrary_bytes_convert_or_fail_cleanly(data: bytes) -> None:
    converts_or_raises_own_error(data)

"""Object-stream and xref-stream bombs are measured before MuPDF decodes them (issue 21): in the
default in-process mode, not only with ``isolate=True``. Every hostile file is built here."""

from __future__ import annotations

import resource
import time
from pathlib import Path

import pytest

import docparse
from benchmarks.hostile import objstm_pdf, xref_chain_pdf
from docparse.errors import LimitExceeded
from docparse.pages.objstreams import check_object_streams, check_raw_object_streams, check_unloaded_object_streams

FAST = dict(ocr="never")
PADDING = 96 << 20  # inflated zeros before the object: over the 64 MB default limit


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


@pytest.mark.parametrize("variant", [dict(), dict(broken_xref=True), dict(typed=False), dict(double=True),
                                     dict(typed=False, catalog=True)],
                         ids=["plain", "repaired", "untyped", "double-flate", "untyped-with-the-catalog"])
def test_object_stream_bomb_is_refused_before_mupdf_inflates_it(variant: dict) -> None:
    """Page 2's resources (or the catalog) sit in an object stream behind 96 MB of zeros; MuPDF
    inflated them in one native call on every touch (a 2 GiB one: 13 s per touch; with a broken
    xref or the catalog inside: within PyMuPDF's open)."""
    data = objstm_pdf(PADDING, **variant)
    assert len(data) < 1_000_000
    before = peak_rss_mb()
    start = time.monotonic()
    with pytest.raises(LimitExceeded, match=r"object stream 8 decodes to over 64 MB.*max_object_stream_bytes") as caught:
        docparse.parse(data, **FAST)
    assert time.monotonic() - start < 15
    assert peak_rss_mb() - before < 300
    assert caught.value.source == "<bytes>"


def test_each_way_in_is_checked() -> None:
    """A /Type/ObjStm stream is found in the bytes before MuPDF opens (and maybe repairs) the
    file; one without /Type is found through the xref after it opened, before it is loaded."""
    import pymupdf

    with pytest.raises(LimitExceeded, match="object stream 8"):
        check_raw_object_streams(objstm_pdf(PADDING, broken_xref=True), 64 << 20, "x.pdf")
    untyped = objstm_pdf(PADDING, typed=False)
    check = check_raw_object_streams(untyped, 64 << 20, "x.pdf")
    assert not check.measured
    with pytest.raises(LimitExceeded, match="object stream 8"):
        check_object_streams(pymupdf.open(stream=untyped, filetype="pdf"), check)
    with pytest.raises(LimitExceeded, match="object stream 8"):  # before PyMuPDF loads the catalog
        check_unloaded_object_streams(objstm_pdf(PADDING, typed=False, catalog=True), check, None)


def test_the_file_is_named_and_the_limit_is_an_option(tmp_path: Path) -> None:
    path = tmp_path / "bomb.pdf"
    path.write_bytes(objstm_pdf(PADDING))
    with pytest.raises(LimitExceeded) as caught:
        docparse.parse(path, **FAST)
    assert caught.value.source == str(path)
    document = docparse.parse(path, max_object_stream_bytes=256 << 20, **FAST)  # a higher limit: converted
    assert "Body text on page 2" in document.to_markdown()


def test_ordinary_object_streams_convert() -> None:
    import pymupdf

    doc = pymupdf.open()
    for number in range(3):
        doc.new_page().insert_text((72, 300), f"Body text on page {number + 1}", fontsize=12)
    data = doc.tobytes(use_objstms=True, garbage=1, deflate=True)
    check = check_raw_object_streams(data, 64 << 20, "x.pdf")
    assert check.measured  # pymupdf wrote object streams and they were measured
    check_object_streams(pymupdf.open(stream=data, filetype="pdf"), check)
    assert "Body text on page 3" in docparse.parse(data, **FAST).to_markdown()
    assert "Body text on page 2" in docparse.parse(objstm_pdf(1000), **FAST).to_markdown()


def test_a_chain_of_huge_xref_streams_stays_bounded() -> None:
    """Xref streams need no size check: 13 chained xref streams asking for 8.4 million entries
    each (under 2 KB) cost MuPDF about 0.5 GB once, at open; the page converts."""
    data = xref_chain_pdf(13)
    assert len(data) < 4000
    before = peak_rss_mb()
    start = time.monotonic()
    document = docparse.parse(data, **FAST)
    assert time.monotonic() - start < 30
    assert peak_rss_mb() - before < 1000
    assert "Body text on page 1" in document.to_markdown()

"""Decoded-size and drawing budgets checked before MuPDF decodes or draws (issue 21): filter
chains, form XObject fan-out and nesting, font-file bombs, many-frame TIFFs. Every hostile file
is built here, small; the limits are lowered so that building the bombs stays quick."""

from __future__ import annotations

import base64
import binascii
import time
import zlib

import pytest

import docparse
from benchmarks.hostile import (
    add_stream,
    append_content,
    many_frame_tiff,
    nested_forms_pdf,
    set_resource,
    two_pages,
    zeros_deflated,
)
from docparse.config import LimitOptions, OpenOptions
from docparse.errors import LimitExceeded
from docparse.pages.budget import StreamCensus
from docparse.pages.open import open_document
from docparse.pages.streams import Filter, decoded_bytes, decoded_size, filter_chain

FAST = dict(ocr="never")


def issues(document: docparse.Document) -> dict[int, str]:
    return {i.page: i.message for p in document.pages for i in p.issues if i.fatal}


def test_double_flate_content_bomb_is_refused_before_mupdf_inflates_it() -> None:
    """``[/FlateDecode /FlateDecode]`` was measured as its raw size (a 27 KB page that inflates
    to 16 GiB hung MuPDF in the pre-pass)."""
    doc = two_pages()
    page = doc[1]
    outer = zlib.compress(zeros_deflated(64 << 20), 9)
    xref = add_stream(doc, "<<>>", outer, "[/FlateDecode /FlateDecode]")
    append_content(doc, page, xref)
    data = doc.tobytes()
    assert len(data) < 100_000
    start = time.monotonic()
    document = docparse.parse(data, max_content_bytes=8 << 20, max_stream_bytes=16 << 20, **FAST)
    assert time.monotonic() - start < 30
    failed = issues(document)
    assert list(failed) == [2] and "over" in failed[2] and "limit" in failed[2], failed
    assert "page 1" in document.to_markdown()


def test_nested_form_fan_out_does_not_hang() -> None:
    """30 nested forms each drawing the next 10 times: an 8 KB file that hung until killed."""
    data = nested_forms_pdf(30, 10)
    assert len(data) < 20_000
    start = time.monotonic()
    document = docparse.parse(data, page_timeout_s=20, **FAST)
    assert time.monotonic() - start < 30
    failed = issues(document)
    assert list(failed) == [2] and "XObjects" in failed[2], failed
    assert "page 1" in document.to_markdown()


def test_forms_drawn_a_few_times_are_fine_and_depth_is_bounded() -> None:
    ok = docparse.parse(nested_forms_pdf(3, 10), **FAST)  # 1,110 draws
    assert not issues(ok)
    deep = docparse.parse(nested_forms_pdf(12, 1), max_xobject_depth=8, **FAST)
    assert "nested over 8 deep" in issues(deep)[2]


def test_form_that_draws_itself_is_refused() -> None:
    doc = two_pages()
    page = doc[1]
    form = add_stream(doc, "<</Type/XObject/Subtype/Form/BBox[0 0 10 10]>>", b"/Me Do\n")
    doc.xref_set_key(form, "Resources", f"<</XObject <</Me {form} 0 R>>>>")
    append_content(doc, page, add_stream(doc, "<<>>", b"/Me Do\n"))
    set_resource(doc, page, "XObject", f"<</Me {form} 0 R>>")
    census = StreamCensus(doc, LimitOptions())
    with pytest.raises(LimitExceeded, match="draws itself"):
        census.check_page(doc[1], 2)
    census.check_page(doc[0], 1)


def test_font_file_bomb_is_never_decoded_whole() -> None:
    """A font whose FontFile2 inflates far past any font: 3.6 GB of RSS before."""
    doc = two_pages()
    page = doc[1]
    font_file = add_stream(doc, "<<>>", zeros_deflated(48 << 20), "/FlateDecode")
    descriptor = doc.get_new_xref()
    doc.update_object(descriptor, "<</Type/FontDescriptor/FontName/Bomb/Flags 32/FontBBox[0 0 1000 1000]"
                                  f"/ItalicAngle 0/Ascent 800/Descent -200/CapHeight 700/StemV 80/FontFile2 {font_file} 0 R>>")
    font = doc.get_new_xref()
    doc.update_object(font, f"<</Type/Font/Subtype/TrueType/BaseFont/Bomb/FontDescriptor {descriptor} 0 R>>")
    set_resource(doc, page, "Font/FB", f"{font} 0 R")
    append_content(doc, page, add_stream(doc, "<<>>", b"BT /FB 12 Tf 72 200 Td (bomb) Tj ET\n"))
    document = docparse.parse(doc.tobytes(), max_stream_bytes=4 << 20, **FAST)
    failed = issues(document)
    assert list(failed) == [2] and f"stream {font_file}" in failed[2] and "max_stream_bytes" in failed[2], failed
    assert "page 1" in document.to_markdown()


def test_filter_chains_decode_under_a_cap() -> None:
    text = b"BT /F1 12 Tf (Hello) Tj ET\n" * 50
    hexed = binascii.hexlify(zlib.compress(text)) + b">"
    a85 = base64.a85encode(hexed) + b"~>"
    chain = filter_chain("[/ASCII85Decode /AHx /Fl]")
    assert chain == [Filter.A85, Filter.HEX, Filter.FLATE]
    assert decoded_bytes(a85, chain, 10**6) == (text, False)
    assert decoded_bytes(a85, chain, 100) == (text[:100], True)
    assert decoded_size(b"\x02abc\xfdz\x80", filter_chain("/RunLengthDecode"), 100) == 7  # 'abc' + 4 x 'z'
    # the LZW example of the PDF specification (7.4.4.2)
    lzw = bytes.fromhex("800B6050220C0C8501")
    assert decoded_bytes(lzw, filter_chain("/LZWDecode"), 100)[0] == bytes.fromhex("2D2D2D2D2D412D2D2D42")
    assert decoded_size(b"\xff\xd8 jpeg data", filter_chain("[/FlateDecode /DCTDecode]"), 100) == 0  # damaged flate
    assert decoded_size(b"jpeg", filter_chain("/DCTDecode"), 100) == 4  # a codec counts its input


def test_tiff_with_more_frames_than_pages_is_refused_quickly() -> None:
    """10,000 frames were converted for four minutes before the page limit refused them."""
    start = time.monotonic()
    with pytest.raises(LimitExceeded, match="over 5000 frames"):
        open_document(many_frame_tiff(10_000), OpenOptions())
    assert time.monotonic() - start < 15
    with open_document(many_frame_tiff(3), OpenOptions()) as opened:
        assert opened.page_count == 3


def test_isolated_conversion_is_killed_when_mupdf_runs_away() -> None:
    """With the draw budget lifted, 30 x 10 nested forms hang MuPDF in one native call that no
    in-process deadline can stop; ``isolate=True`` kills the child past the file limit."""
    data = nested_forms_pdf(30, 10)
    start = time.monotonic()
    with pytest.raises(LimitExceeded, match="killed"):
        docparse.parse(data, isolate=True, file_timeout_s=3, isolate_grace_s=2, page_timeout_s=2,
                       max_xobject_draws=10**40, max_drawn_content_bytes=10**40, **FAST)
    assert time.monotonic() - start < 40
    document = docparse.parse(two_pages().tobytes(), isolate=True, **FAST)  # a normal file: its Document
    assert "page 2" in document.to_markdown()
    with pytest.raises(docparse.InputError, match="not a PDF"):
        docparse.parse(b"hello", isolate=True, **FAST)

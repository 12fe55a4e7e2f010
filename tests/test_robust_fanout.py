"""Drawing fan-out through Type3 glyphs, tiling patterns and annotation appearances counts in
the page's drawing budget (issue 21), as nested form XObjects do. Every file is built here."""

from __future__ import annotations

import resource
import time

import pytest

import docparse
from benchmarks.hostile import (
    add_stream,
    append_content,
    pattern_fanout_pdf,
    set_resource,
    two_pages,
    type3_fanout_pdf,
)
from docparse.config import LimitOptions
from docparse.errors import LimitExceeded
from docparse.pages.budget import StreamCensus

FAST = dict(ocr="never")


def fatal(document: docparse.Document) -> dict[int, str]:
    return {i.page: i.message for p in document.pages for i in p.issues if i.fatal}


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


@pytest.mark.parametrize("build", [type3_fanout_pdf, pattern_fanout_pdf], ids=["type3-glyph", "pattern-cell"])
def test_fan_out_through_glyphs_and_pattern_cells_is_refused(build) -> None:  # noqa: ANN001
    """A Type3 glyph that draws 30 nested forms each drawing the next 10 times, and a pattern cell
    that paints the next pattern 10 times, 12 deep: MuPDF ran for minutes (10x per level) in one
    native call; the budget counted neither."""
    data = build()
    assert len(data) < 30_000
    before = peak_rss_mb()
    start = time.monotonic()
    document = docparse.parse(data, page_timeout_s=20, **FAST)
    assert time.monotonic() - start < 15
    assert peak_rss_mb() - before < 300
    failed = fatal(document)
    assert list(failed) == [2] and "XObjects (nested draws multiplied out)" in failed[2], failed
    assert "page 1" in document.to_markdown()


def test_small_type3_and_pattern_fan_out_is_fine() -> None:
    assert not fatal(docparse.parse(type3_fanout_pdf(2, 3, 50), **FAST))
    assert not fatal(docparse.parse(pattern_fanout_pdf(3, 3), **FAST))
    import pymupdf

    doc = pymupdf.open(stream=pattern_fanout_pdf(4, 10), filetype="pdf")
    with pytest.raises(LimitExceeded, match="over 500 XObjects"):  # 1 + 10 + 100 + 1000 paints
        StreamCensus(doc, LimitOptions(max_xobject_draws=500)).check_page(doc[1], 2)


def test_type3_glyphs_that_show_other_fonts_are_not_a_cycle() -> None:
    """A Type3 font without resources of its own draws each glyph with the page's fonts (a
    pdf.js test file does): the glyphs' text is in another font, not in the Type3 font again."""
    doc = two_pages()
    page = doc[1]
    procs = {name: add_stream(doc, "<<>>", b"0.6 0 0 0 1 1 d1\nq BT /helv 0.5 Tf (" + name.encode() + b") Tj ET Q\n")
             for name in ("a", "b")}
    font = doc.get_new_xref()
    doc.update_object(font, "<</Type/Font/Subtype/Type3/FontBBox[0 0 1 1]/FontMatrix[1 0 0 1 0 0]"
                            f"/CharProcs<</a {procs['a']} 0 R/b {procs['b']} 0 R>>"
                            "/Encoding<</Type/Encoding/Differences[97/a/b]>>/FirstChar 97/LastChar 98/Widths[0.6 0.6]>>")
    set_resource(doc, page, "Font/T3", f"{font} 0 R")
    append_content(doc, page, add_stream(doc, "<<>>", b"BT /T3 12 Tf 72 200 Td (abba) Tj ET\n"))
    census = StreamCensus(doc, LimitOptions())
    census.check_page(doc[1], 2)
    assert census.forms[font].choice and set(census.forms[font].draws) == set(procs.values())
    looped = add_stream(doc, "<<>>", b"0.6 0 0 0 1 1 d1\nBT /T3 1 Tf (a) Tj ET\n")  # a glyph in its own font
    doc.xref_set_key(font, "CharProcs", f"<</a {looped} 0 R/b {procs['b']} 0 R>>")
    with pytest.raises(LimitExceeded, match="draws itself"):
        StreamCensus(doc, LimitOptions()).check_page(doc[1], 2)


def test_annotation_appearance_fan_out_counts() -> None:
    """An annotation's appearance stream is drawn with the page: its nested forms count."""
    doc = two_pages()
    page = doc[1]
    inner = None
    for _ in range(30):
        body = b"0 0 m 10 10 l S\n" if inner is None else b"q /F Do Q\n" * 10
        res = "" if inner is None else f"/Resources <</XObject <</F {inner} 0 R>>>>"
        inner = add_stream(doc, f"<</Type/XObject/Subtype/Form/BBox[0 0 100 100]{res}>>", body)
    appearance = add_stream(doc, f"<</Type/XObject/Subtype/Form/BBox[0 0 100 100]/Resources<</XObject<</F {inner} 0 R>>>>>>",
                            b"/F Do\n")
    annot = doc.get_new_xref()
    doc.update_object(annot, f"<</Type/Annot/Subtype/Square/Rect[72 72 172 172]/AP<</N {appearance} 0 R>>>>")
    doc.xref_set_key(page.xref, "Annots", f"[{annot} 0 R]")
    with pytest.raises(LimitExceeded, match="XObjects"):
        StreamCensus(doc, LimitOptions()).check_page(doc[1], 2)
    StreamCensus(doc, LimitOptions()).check_page(doc[0], 1)

"""Page analysis pieces: rasterizers, outline-driven heading levels, continuation across columns."""

from __future__ import annotations

import random
import shutil

import numpy as np
import pymupdf
import pytest

import docparse
from docparse.config import OpenOptions, RasterizerName, RasterOptions
from docparse.document import RegionKind
from docparse.pages.open import open_document
from docparse.pages.rasterize import make_rasterizer
from docparse.renderers.overlay import write_overlays
from tests.pdfgen import Builder, columns_page, paragraph


def _sample_pdf() -> bytes:
    b = Builder()
    columns_page(b, random.Random(2), 2, title="Rasterizer Check")
    return b.tobytes()


@pytest.mark.parametrize("name", [RasterizerName.PYMUPDF, RasterizerName.POPPLER])
def test_rasterizers_agree(name: RasterizerName) -> None:
    if name is RasterizerName.POPPLER and shutil.which("pdftoppm") is None:
        pytest.skip("poppler-utils (pdftoppm) not installed")
    data = _sample_pdf()
    with open_document(data, OpenOptions()) as opened:
        img = make_rasterizer(opened.doc, RasterOptions(rasterizer=name)).render(1, 72)
        ref = make_rasterizer(opened.doc, RasterOptions()).render(1, 72)
    assert img.dtype == np.uint8 and img.shape[2] == 3
    assert abs(img.shape[0] - 792) <= 2 and abs(img.shape[1] - 612) <= 2
    h, w = (min(img.shape[0], ref.shape[0]) // 8) * 8, (min(img.shape[1], ref.shape[1]) // 8) * 8

    def blocks(a: np.ndarray) -> np.ndarray:  # 8x8 block means: robust to anti-aliasing
        return a[:h, :w].mean(axis=2).reshape(h // 8, 8, w // 8, 8).mean(axis=(1, 3)).ravel()

    assert (img.mean(axis=2) < 128).sum() > 1000
    assert np.corrcoef(blocks(img), blocks(ref))[0, 1] > 0.9


def test_max_pixels_lowers_dpi_instead_of_exhausting_memory() -> None:
    doc = pymupdf.open()
    doc.new_page(width=14400, height=14400)  # 200 x 200 inches
    with open_document(doc.tobytes(), OpenOptions()) as opened:
        img = make_rasterizer(opened.doc, RasterOptions(max_pixels=4_000_000)).render(1, 300)
    assert img.shape[0] * img.shape[1] <= 4_000_000


def test_outline_gives_heading_levels() -> None:
    b = Builder()
    page = b.new_page()
    y = 80.0
    for text, size in (("Background", 14), (paragraph(random.Random(1), 2), 10), ("Earlier work", 14),
                       (paragraph(random.Random(2), 2), 10)):
        y = b.box(page, pymupdf.Rect(72, y, 540, y + 200), text, size=size,
                  font="hebo" if size > 10 else "helv") + 12
    b.doc.set_toc([[1, "Background", 1], [2, "Earlier work", 1]])
    doc = docparse.parse(b.tobytes())
    levels = {r.text: r.level for r in doc.regions(RegionKind.HEADING)}
    assert levels == {"Background": 1, "Earlier work": 2}


def test_paragraph_continuing_in_next_column_is_joined() -> None:
    b = Builder()
    page = b.new_page()
    page.insert_text((60, 700), "The left column ends in the middle of a", fontsize=10)
    page.insert_text((320, 80), "sentence that the right column finishes.", fontsize=10)
    page.insert_text((60, 100), "An earlier paragraph in the left column.", fontsize=10)
    md = docparse.parse(b.tobytes()).to_markdown()
    assert "in the middle of a sentence that the right column finishes." in md


def test_debug_overlay_png_per_page(tmp_path) -> None:  # noqa: ANN001
    data = _sample_pdf()
    doc = docparse.parse(data)
    paths = write_overlays(data, doc, tmp_path, "sample", OpenOptions(), RasterOptions())
    assert [p.name for p in paths] == ["overlay-page-1.png"]
    import cv2

    img = cv2.imread(str(paths[0]))
    blue = (img[:, :, 0] > 150) & (img[:, :, 2] < 80)  # semantic boxes are drawn in blue
    assert blue.sum() > 200


def test_span_gap_without_space_character_reads_as_a_space() -> None:
    """TeX draws "ψ ∈ V" as glyphs with a relation-wide gap and no space character; a
    subscript or a kerned span right against its neighbour stays joined."""
    from docparse.pages.analysis import Span, join_spans

    def span(text: str, x0: float, x1: float, size: float = 10.0) -> Span:
        return Span(text=text, bbox=(x0, 90.0, x1, 100.0), font="CMMI10", size=size)

    spans = [span("ψ", 72, 78), span("A", 78, 82, 7.0), span("∈", 85, 92), span("V", 95, 101),
             span("-quadratic", 101.7, 140)]
    assert join_spans(spans) == "ψA ∈ V-quadratic"
    assert join_spans(spans, horizontal=False) == "ψA∈V-quadratic"


def test_text_reader_spaces_only_the_gaps_it_sees() -> None:
    """The reader's runs put a space at each wide gap and nowhere else: a span after a spaced
    one is not spaced too (that cascade turned "C1×N1" into "C 1 × N 1")."""
    from docparse.pages.analysis import Line, Span
    from docparse.readers.text import lines_to_text

    def span(text: str, x0: float, x1: float, size: float = 10.0) -> Span:
        return Span(text=text, bbox=(x0, 90.0, x1, 100.0), font="CMMI10", size=size)

    spans = [span("ψ", 72, 78), span("A", 78, 82, 7.0), span("∈", 85, 92), span("V", 95, 101),
             span("-quadratic", 101.7, 140), span("map", 140, 160)]
    assert lines_to_text([Line(spans=spans, bbox=(72.0, 90.0, 160.0, 100.0))]) == "ψA ∈ V-quadraticmap"

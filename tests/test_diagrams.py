"""Vector diagrams: one FIGURE region holding its labels, not labels scattered as paragraphs."""

from __future__ import annotations

import pymupdf
import pytest

import docparse
from docparse.document import RegionKind
from docparse.pages.analysis import Line, Span
from docparse.readers.figure_text import figure_text

LABELS = ["Ingest", "Classify", "Render", "OCR engine"]


def _arrow(page: pymupdf.Page, a: tuple[float, float], b: tuple[float, float]) -> None:
    page.draw_line(a, b, width=1)
    if a[1] == b[1]:
        page.draw_polyline([(b[0] - 6, b[1] - 4), b, (b[0] - 6, b[1] + 4)], width=1)
    else:
        page.draw_polyline([(b[0] - 4, b[1] - 6), b, (b[0] + 4, b[1] - 6)], width=1)


def _diagram_pdf() -> bytes:
    doc = pymupdf.open()
    page = doc.new_page(width=612, height=792)
    page.insert_textbox(pymupdf.Rect(72, 72, 540, 160), "The system has three stages. " * 8, fontsize=10)
    boxes = [pymupdf.Rect(90, 200, 190, 240), pymupdf.Rect(260, 200, 360, 240),
             pymupdf.Rect(430, 200, 530, 240), pymupdf.Rect(260, 300, 360, 340)]
    for rect, name in zip(boxes, LABELS):
        page.draw_rect(rect, color=(0, 0, 0.6), fill=(0.85, 0.9, 1.0), width=1)
        page.insert_text((rect.x0 + 12, rect.y0 + 24), name, fontsize=10)
    for a, b in [((190, 220), (260, 220)), ((360, 220), (430, 220)), ((310, 240), (310, 300))]:
        _arrow(page, a, b)
    page.draw_line((190, 230), (260, 310), width=0.8)
    page.insert_text((200, 280), "scans only", fontsize=8)
    page.insert_text((72, 370), "Figure 1: The docparse pipeline.", fontsize=9)
    page.insert_textbox(pymupdf.Rect(72, 390, 540, 480), "After the figure the text continues. " * 8, fontsize=10)
    page.draw_rect(pymupdf.Rect(70, 500, 542, 580), color=(0, 0, 0), fill=(0.95, 0.95, 0.95))
    page.insert_textbox(pymupdf.Rect(78, 508, 534, 578),
                        "Note: this boxed paragraph is ordinary prose that sits inside a frame. " * 3, fontsize=10)
    return doc.tobytes()


@pytest.fixture(scope="module")
def diagram_doc() -> docparse.Document:
    return docparse.parse(_diagram_pdf())


def test_diagram_is_one_figure_with_its_labels(diagram_doc: docparse.Document) -> None:
    regions = diagram_doc.pages[0].regions
    figures = [r for r in regions if r.kind is RegionKind.FIGURE]
    assert len(figures) == 1
    figure = figures[0]
    assert all(label in figure.text for label in LABELS + ["scans only"])
    assert figure.text.splitlines()[0] == "Ingest  Classify  Render"  # a row of labels, left to right
    paragraphs = [r.text for r in regions if r.kind is RegionKind.PARAGRAPH]
    assert not any(label in text for text in paragraphs for label in LABELS)
    caption = next(r for r in regions if r.kind is RegionKind.CAPTION)
    assert caption.caption_of == figure.id and figure.caption_id == caption.id


def test_boxed_prose_stays_a_paragraph(diagram_doc: docparse.Document) -> None:
    paragraphs = [r.text for r in diagram_doc.pages[0].regions if r.kind is RegionKind.PARAGRAPH]
    assert any(text.startswith("Note: this boxed paragraph") for text in paragraphs)


def test_markdown_keeps_labels_in_one_block_before_the_caption(diagram_doc: docparse.Document) -> None:
    markdown = diagram_doc.to_markdown()
    block = "Ingest · Classify · Render  \nscans only  \nOCR engine"
    assert block in markdown
    assert markdown.index(block) < markdown.index("Figure 1: The docparse pipeline.")


def test_figure_text_groups_rows() -> None:
    def line(text: str, x: float, y: float) -> Line:
        box = (x, y, x + 6 * len(text), y + 10)
        return Line(spans=[Span(text=text, bbox=box, font="Helvetica", size=10)], bbox=box)

    lines = [line("right", 200, 101), line("left", 50, 100), line("below", 50, 130)]
    assert figure_text(lines) == "left  right\nbelow"


PROSE = ("This publication describes the function and the advantages of controlling access to data "
         "in a comprehensive and transparent way, with examples of each rule. ")


def _cover_page(picture: bool) -> bytes:
    """A designed page: taglines, running text and a side panel on a tinted picture or on
    drawn panels with rules between the columns."""
    doc = pymupdf.open()
    page = doc.new_page(width=612, height=792)
    if picture:
        band = pymupdf.Pixmap(pymupdf.csRGB, pymupdf.IRect(0, 0, 600, 360), False)
        band.set_rect(band.irect, (225, 235, 245))
        page.insert_image(pymupdf.Rect(18, 230, 600, 580), pixmap=band)
    else:
        for x0, x1 in ((20, 140), (150, 420), (460, 600)):
            page.draw_rect(pymupdf.Rect(x0, 230, x1, 580), color=(0.2, 0.3, 0.6), fill=(0.9, 0.93, 0.97))
            page.draw_line((x0 + 4, 236), (x1 - 4, 236), color=(0.2, 0.3, 0.6))
            page.draw_line((x0 + 4, 574), (x1 - 4, 574), color=(0.2, 0.3, 0.6))
    for k, tag in enumerate(["Implement roles", "Leverage row permissions", "Protect columns"]):
        page.insert_text((27, 260 + 60 * k), tag, fontsize=11, fontname="hebo")
    page.insert_textbox(pymupdf.Rect(155, 245, 415, 560), PROSE * 5, fontsize=10)
    page.insert_textbox(pymupdf.Rect(465, 245, 595, 560), "IBM Redbooks are developed by experts. " * 5, fontsize=9)
    return doc.tobytes()


@pytest.mark.parametrize("picture", [True, False])
def test_running_text_on_a_designed_page_is_not_a_figure(picture: bool) -> None:
    regions = list(docparse.parse(_cover_page(picture)).regions())
    assert not [r for r in regions if r.kind in (RegionKind.FIGURE, RegionKind.CHART)]
    paragraphs = [r.text for r in regions if r.kind is RegionKind.PARAGRAPH]
    assert any(t.startswith("This publication describes the function") for t in paragraphs)

"""Summary titles on generated look-alikes of the misses in the labelled set (issue 16): a title
the block roles split over two lines, a title only in a one-page excerpt's running footer, a
metadata title that differs from the printed one."""

from __future__ import annotations

import io

import pytest

import docparse
from docparse.document import Document, DocumentMetadata, Page, PageFrame, Region, RegionKind, TextRun
from docparse.options.summary import TitleOptions
from docparse.renderers.doctitle import document_title, junk_title, next_line_of_title
from docparse.renderers.summary import summarize_document

reportlab = pytest.importorskip("reportlab")
from reportlab.lib.pagesizes import A4, landscape  # noqa: E402 - after the importorskip
from reportlab.pdfgen import canvas  # noqa: E402

BODY = ("The survey asked every district office how it assigns lawyers to the people who cannot pay "
        "for one and how long they wait before a first meeting with counsel.")


def _body(c: canvas.Canvas, x: float, top: float, count: int, size: float = 10) -> None:
    words = BODY.split()
    c.setFont("Helvetica", size)
    for k in range(count):
        c.drawString(x, top - k * size * 1.4, " ".join(words[k % 6:k % 6 + 11]))


def _lecture_notes(meta_title: str) -> bytes:
    """A title page as pdflatex's titlepage makes it: the title centred over two lines with about
    10 pt between their boxes (the block roles keep them apart), the PDF's Title the second only."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    c.setTitle(meta_title)
    w, h = A4
    c.setFont("Helvetica-Bold", 14.3)
    c.drawCentredString(w / 2, h - 70, "Einführung in die")
    c.drawCentredString(w / 2, h - 100, "Geometrie und Topologie")
    c.setFont("Helvetica", 10)
    c.drawString(90, 110, "0. Auflage, 31. Dezember 2016")
    c.drawRightString(w - 56, 110, "Martin Thoma")
    c.showPage()
    for page in range(2, 4):
        c.setFont("Helvetica-Bold", 20)
        c.drawString(90, h - 120, "Vorwort" if page == 2 else "Topologische Räume")
        _body(c, 90, h - 160, 30)
        c.setFont("Helvetica", 9)
        c.drawCentredString(w / 2, 40, str(page))
        c.showPage()
    c.save()
    return buf.getvalue()


def test_title_split_over_two_lines_is_joined() -> None:
    doc = docparse.parse(_lecture_notes("Geometrie und Topologie"), ocr="never")
    assert summarize_document(doc).title == "Einführung in die Geometrie und Topologie"


def _survey_excerpt() -> bytes:
    """Two facing pages of a printed report saved as one landscape page (an excerpt): numbered
    questions, no title on the page, the report's name only in the running footer."""
    buf = io.BytesIO()
    size = landscape((612, 792))
    c = canvas.Canvas(buf, pagesize=(size[0] * 1.55, size[1]))
    w, h = c._pagesize
    for column, first in ((130, 23), (w / 2 + 60, 26)):
        top = h - 60
        for q in range(first, first + 3):
            c.setFont("Helvetica-Bold", 9)
            c.drawString(column, top, f"{q}.  If your country has an institutional legal aid provider, which services")
            _body(c, column + 18, top - 16, 4, size=9)
            top -= 150
    c.setFont("Helvetica-Bold", 9)
    c.drawString(42, 30, "208")
    c.drawString(320, 30, "Global Survey on Legal Aid — Annual Report")
    c.drawString(w / 2 + 120, 30, "Annex")
    c.drawRightString(w - 42, 30, "209")
    c.showPage()
    c.save()
    return buf.getvalue()


def test_one_page_excerpt_takes_its_title_from_the_running_footer() -> None:
    doc = docparse.parse(_survey_excerpt(), ocr="never")
    footers = [r.text for r in doc.pages[0].regions if r.kind is RegionKind.PAGE_FOOTER]
    assert "Global Survey on Legal Aid — Annual Report" in footers
    assert summarize_document(doc).title == "Global Survey on Legal Aid — Annual Report"


def _report_with_metadata_title(meta_title: str) -> bytes:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    c.setTitle(meta_title)
    w, h = A4
    c.setFont("Helvetica-Bold", 22)
    c.drawString(72, h - 90, "Harbour Lane Annual Review")
    _body(c, 72, h - 140, 35)
    c.showPage()
    c.save()
    return buf.getvalue()


def test_printed_title_wins_over_a_different_metadata_title() -> None:
    doc = docparse.parse(_report_with_metadata_title("HLC board pack draft 3"), ocr="never")
    assert summarize_document(doc).title == "Harbour Lane Annual Review"


# -- the rules on hand-built regions ---------------------------------------------------------------

def _line(n: int, kind: RegionKind, text: str, bbox: tuple[float, float, float, float], size: float,
          bold: bool = True) -> Region:
    return Region(id=f"/page/1/{kind.value}/{n}", group=kind.group, kind=kind, bbox=bbox, page=1, order=n,
                  text=text, runs=[TextRun(text=text, bold=bold)], font_size=size)


def test_next_title_line_needs_the_same_look_and_no_gap() -> None:
    options = TitleOptions()
    first = _line(0, RegionKind.TITLE, "Einführung in die", (254, 57, 376, 70), 14.3)
    centred = _line(1, RegionKind.HEADING, "Geometrie und Topologie", (227, 80, 402, 93), 14.3)
    assert next_line_of_title(first, centred, options)
    smaller = _line(1, RegionKind.HEADING, "A subtitle", (227, 80, 402, 91), 11.0)
    regular = _line(1, RegionKind.HEADING, "Geometrie und Topologie", (227, 80, 402, 93), 14.3, bold=False)
    far = _line(1, RegionKind.HEADING, "Geometrie und Topologie", (227, 140, 402, 153), 14.3)
    off_axis = _line(1, RegionKind.HEADING, "Geometrie und Topologie", (300, 80, 475, 93), 14.3)
    paragraph = _line(1, RegionKind.PARAGRAPH, "Geometrie und Topologie", (227, 80, 402, 93), 14.3)
    for other in (smaller, regular, far, off_axis, paragraph):
        assert not next_line_of_title(first, other, options), other


def test_title_region_and_the_heading_line_below_it_are_one_title() -> None:
    """GeoTopo's title page as the block roles read it: a title line, a heading line below it."""
    lines = [_line(0, RegionKind.TITLE, "Einführung in die", (254, 57, 376, 70), 14.3),
             _line(1, RegionKind.HEADING, "Geometrie und Topologie", (227, 80, 402, 93), 14.3),
             _line(2, RegionKind.PARAGRAPH, "Martin Thoma", (469, 721, 539, 731), 10.0, bold=False)]
    page = Page(number=1, width=595, height=842, regions=lines)
    doc = Document(source="GeoTopo.pdf", metadata=DocumentMetadata(title="Geometrie und Topologie"), pages=[page])
    assert document_title(doc) == "Einführung in die Geometrie und Topologie"


def test_metadata_title_is_used_when_nothing_is_printed_and_junk_is_not() -> None:
    heading = _line(0, RegionKind.HEADING, "Boots Self-Locking Nut", (72, 72, 300, 84), 10.0)
    page = Page(number=1, width=612, height=792, regions=[heading])
    doc = Document(source="amt.pdf", metadata=DocumentMetadata(title="AMT General Handbook"), pages=[page])
    assert document_title(doc) == "AMT General Handbook"
    for junk in ("10811.exe", "Agriculture Statistics 2012-13..psd", "PowerPoint Presentation", "amt"):
        assert junk_title(junk, "amt.pdf"), junk


def test_a_title_region_deep_in_the_document_does_not_beat_the_metadata_title() -> None:
    pages = [Page(number=n, width=612, height=792) for n in (1, 2)]
    chapter = _line(0, RegionKind.TITLE, "Chapter Seven", (72, 72, 300, 96), 22.0)
    chapter.page = 3
    pages.append(Page(number=3, width=612, height=792, regions=[chapter]))
    doc = Document(source="guide.pdf", metadata=DocumentMetadata(title="Field Guide to Estuaries"), pages=pages)
    assert document_title(doc) == "Field Guide to Estuaries"
    assert document_title(Document(source="guide.pdf", pages=pages)) == "Chapter Seven"


def test_running_header_band_is_measured_in_the_frame_of_the_boxes() -> None:
    """Pages with /Rotate 90: shown landscape (842 x 595) while the boxes are in the unrotated
    portrait frame; a header line 70 pt from the top is inside the top tenth of that frame."""
    frame = PageFrame(turns=1, width=595, height=842, shown_turns=3)
    pages = []
    for n in (1, 2, 3):
        header = _line(0, RegionKind.PARAGRAPH, f"Estuary Field Guide {n}", (72, 70, 300, 80), 9.0, bold=False)
        header.page = n
        pages.append(Page(number=n, width=842, height=595, rotation=90, frame=frame, regions=[header]))
    assert document_title(Document(source="guide.pdf", pages=pages)) == "Estuary Field Guide"

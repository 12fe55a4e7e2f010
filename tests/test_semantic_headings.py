"""Heading, footnote and caption decisions on generated pages (report conventions beyond the
"bigger and bold" heading)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pymupdf
import pytest

import docparse
from docparse.document import RegionKind
from docparse.regions.semantic import CAPTION_RE

if TYPE_CHECKING:
    from docparse.pages.analysis import Line

BODY = ("The committee reviewed the amended rules and found that the policy terms still refer to "
        "the old classification of infectious diseases, which leaves claims open to dispute. ")


def _page_with(doc: pymupdf.Document) -> pymupdf.Page:
    return doc.new_page(width=595, height=842)


def _enumerated_report() -> bytes:
    doc = pymupdf.open()
    for p in range(2):
        page = _page_with(doc)
        y = 80
        # the section number is written after its heading in the content stream, left of it
        page.insert_text((99, y), f"Current state of coverage {p + 1}", fontsize=13.5, fontname="hebo")
        page.insert_text((73, y), f"{p + 2}", fontsize=13.5, fontname="hebo")
        y += 30
        for k in range(1, 3):
            page.insert_text((72, y), f"({k}) Amendment of the act part {k}", fontsize=12.5, fontname="helv")
            y += 18
            page.insert_textbox(pymupdf.Rect(72, y, 523, y + 80), BODY * 2, fontsize=11, fontname="tiro")
            y += 95
        first = 3 + 2 * p  # notes differ per page (repeated lines would be a running footer)
        page.insert_text((72, 730), f"{first}) The amendment of part {p + 1} took effect on 1 January 2020.",
                         fontsize=8.5, fontname="tiro")
        page.insert_text((72, 742), f"{first + 1}) Seventeen diseases are listed in grade {p + 1} of the act.",
                         fontsize=8.5, fontname="tiro")
    return doc.tobytes()


@pytest.fixture(scope="module")
def enumerated() -> docparse.Document:
    return docparse.parse(_enumerated_report())


def test_section_number_drawn_after_its_heading_joins_it(enumerated: docparse.Document) -> None:
    headings = [r.text for r in enumerated.regions() if r.kind is RegionKind.HEADING]
    assert "2 Current state of coverage 1" in headings
    assert "3 Current state of coverage 2" in headings
    assert not any(r.text.strip() in ("2", "3") for r in enumerated.regions())


def test_enumerated_line_above_body_size_is_a_heading_not_a_list(enumerated: docparse.Document) -> None:
    regions = list(enumerated.regions())
    headings = [r for r in regions if r.kind is RegionKind.HEADING and r.text.startswith("(")]
    assert [r.text for r in headings][:2] == ["(1) Amendment of the act part 1", "(2) Amendment of the act part 2"]
    assert all(r.level and r.level > 1 for r in headings)
    assert not [r for r in regions if r.kind is RegionKind.LIST_ITEM]


def test_small_numbered_notes_at_the_foot_are_footnotes(enumerated: docparse.Document) -> None:
    footnotes = [r.text for r in enumerated.regions() if r.kind is RegionKind.FOOTNOTE]
    assert any(t.startswith("3) The amendment of part 1") for t in footnotes)
    assert any(t.startswith("6) Seventeen diseases") for t in footnotes)


@pytest.mark.parametrize("text", ["[표 1] 감염병예방법 비교", "图 2 结果", "Abbildung 4: Umsatz",
                                  "Tabelle 3 Werte", "Figure 3-10 Column masks", "Table 2: Results"])
def test_caption_words_in_other_languages(text: str) -> None:
    assert CAPTION_RE.match(text)


@pytest.mark.parametrize("text", ["Figures show the trend", "Table of contents", "Tableau de bord"])
def test_caption_needs_a_number(text: str) -> None:
    assert not CAPTION_RE.match(text)


def test_heading_drawn_on_a_picture_band_stays_text() -> None:
    doc = pymupdf.open()
    page = _page_with(doc)
    band = pymupdf.Pixmap(pymupdf.csRGB, pymupdf.IRect(0, 0, 650, 79), False)
    band.set_rect(band.irect, (200, 220, 240))
    page.insert_image(pymupdf.Rect(65, 84, 299, 113), pixmap=band)
    page.insert_text((99, 104), "Coverage today", fontsize=13.5, fontname="hebo")
    page.insert_textbox(pymupdf.Rect(72, 130, 523, 300), BODY * 3, fontsize=11, fontname="tiro")
    document = docparse.parse(doc.tobytes())
    kinds = {r.text: r.kind for r in document.regions()}
    assert kinds.get("Coverage today") is RegionKind.HEADING
    assert RegionKind.FIGURE not in kinds.values()


def test_italic_title_case_line_is_a_run_in_heading() -> None:
    """Handbook style: "Elastic Stop Nut" in the body font's italic, on a line of its own."""
    doc = pymupdf.open()
    page = _page_with(doc)
    y = 80
    for title in ("Boots Self-Locking Nut", "Elastic Stop Nut"):
        page.insert_text((72, y), title, fontsize=10, fontname="tiit")
        page.insert_textbox(pymupdf.Rect(72, y + 6, 523, y + 90), BODY * 2, fontsize=10, fontname="tiro")
        y += 110
    page.insert_text((72, y), "as the committee noted in its report", fontsize=10, fontname="tiit")  # not Title Case
    page.insert_textbox(pymupdf.Rect(72, y + 6, 523, y + 90), BODY * 2, fontsize=10, fontname="tiro")
    kinds = {r.text: r.kind for r in docparse.parse(doc.tobytes()).regions()}
    assert kinds["Boots Self-Locking Nut"] is RegionKind.HEADING
    assert kinds["Elastic Stop Nut"] is RegionKind.HEADING
    assert kinds.get("as the committee noted in its report") is not RegionKind.HEADING


def test_dingbat_bullets_start_list_items_and_leave_no_glyph() -> None:
    """Bullets drawn as ZapfDingbats/Wingdings glyphs ('n' is a square there) start one list
    item each, and the glyph's code does not end up in the item's text."""
    import pymupdf

    import docparse
    from docparse.document import RegionKind

    items = ["They coordinate appointments of private practitioners to legal aid cases",
             "They supervise, coach or mentor private practitioners who take cases",
             "They conduct or organize training sessions for staff lawyers"]
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 80), "The institutional providers have these roles:", fontname="helv", fontsize=10)
    for k, text in enumerate(items):
        y = 100 + 13 * k
        page.insert_text((80, y), "n", fontname="zadb", fontsize=8)
        page.insert_text((92, y), text, fontname="helv", fontsize=10)
    parsed = docparse.parse(doc.tobytes())
    listed = [r for r in parsed.regions() if r.kind is RegionKind.LIST_ITEM]
    assert [r.text.lstrip("• ") for r in listed] == items
    assert all(f"- {t}" in parsed.to_markdown() for t in items)


def _ocr_line(text: str, y: float, size: float, block: int) -> "Line":
    from docparse.pages.analysis import Line, Span

    box = (60.0, y, 60.0 + 0.5 * size * len(text), y + size)
    return Line([Span(text, box, "OCR", size)], box, block=block)


def test_scanned_first_page_has_a_title_and_numbers_without_spaces_give_levels() -> None:
    """The pre-pass reads no font sizes from a scan: the first page's largest text becomes the
    title, so numbered headings sit one level below it; OCR's '2.Capital' is numbered too."""
    from docparse.pages.analysis import PageAnalysis
    from docparse.pages.document_context import DocumentContext
    from docparse.regions.semantic import HeuristicSemanticClassifier, heading_level

    body = "the annual budget framework supported the expected outcomes of the programme this year and"
    lines = [_ocr_line("Statistical Programme of Risk Register", 60, 21.0, 0),
             _ocr_line("1 Considerable Risk Register", 120, 13.2, 1),
             *[_ocr_line(body, 145 + 13 * k, 10.0, 2) for k in range(4)],
             _ocr_line("2.Capital Programme", 220, 12.9, 3),
             *[_ocr_line(body, 245 + 13 * k, 10.0, 4) for k in range(4)]]
    page = PageAnalysis(number=1, width=612, height=792, lines=lines, ocr=True)
    proposals = HeuristicSemanticClassifier().classify(page, DocumentContext(page_count=1), [])
    kinds = [(p.kind, p.lines[0].text) for p in proposals]
    assert kinds[0] == (RegionKind.TITLE, "Statistical Programme of Risk Register")
    assert (RegionKind.HEADING, "1 Considerable Risk Register") in kinds
    assert (RegionKind.HEADING, "2.Capital Programme") in kinds
    assert heading_level("2.Capital Programme", DocumentContext(page_count=1)) == 1
    assert heading_level("3.1.Data Sources", DocumentContext(page_count=1)) == 2
    assert heading_level("J.Smith reported the results", DocumentContext(page_count=1)) is None
    # the same page as a born-digital page with no pre-pass title size: no title guessed
    page.ocr = False
    assert all(p.kind is not RegionKind.TITLE for p in HeuristicSemanticClassifier().classify(
        page, DocumentContext(page_count=1), []))


def test_contents_lines_are_one_paragraph_each_and_never_headings() -> None:
    entries = [("Chapter 1. Securing and protecting data", "1", "hebo"),
               ("1.1 Security fundamentals", "2", "helv"),
               ("1.2 Current state of security", "2", "helv"),
               ("Chapter 2. Roles and separation of duties", "7", "hebo"),
               ("2.1 Roles", "8", "helv")]
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 72), "Contents", fontname="hebo", fontsize=20)
    for k, (title, number, font) in enumerate(entries):
        y = 110 + 13 * k
        dots = int((512 - 72 - pymupdf.get_text_length(title + " ", fontname=font, fontsize=10))
                   / pymupdf.get_text_length(". ", fontname=font, fontsize=10))
        page.insert_text((72, y), title + " " + ". " * dots, fontname=font, fontsize=10)  # leaders to the number
        page.insert_text((516, y), number, fontname=font, fontsize=10)
    parsed = docparse.parse(doc.tobytes())
    body = [r for r in parsed.regions() if r.text.strip() != "Contents"]
    assert len(body) == len(entries)
    assert all(r.kind is RegionKind.PARAGRAPH for r in body)
    assert [r.text.split(" .")[0] for r in body] == [t for t, _, _ in entries]


def test_glyph_codes_are_told_from_real_bullets_and_signs() -> None:
    from docparse.pages.analysis import Span
    from docparse.regions.semantic import is_glyph_code

    def glyph(text: str, font: str = "JansonText-Roman") -> bool:
        return is_glyph_code(Span(text, (0, 0, 5, 5), font, 8))

    assert glyph("r\x01") and glyph("\x84") and glyph("\uf0b7") and glyph("n", "ZapfDingbats")
    assert not glyph("−", "Symbol") and not glyph("r") and not glyph("•") and not glyph("ab\x01")

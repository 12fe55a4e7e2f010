"""Block roles that read more than one block (issue 15), on generated look-alikes: heading levels
from a PDF outline that names two headings alike (LibreOffice exports its headings as the
outline: "Retention" under two sections at two levels), and a page set in its own smaller body
size inside a report (a brochure page whose "Highlights" is larger than the page's text but
smaller than the report's body)."""

from __future__ import annotations

from pathlib import Path

import pytest

import docparse
from docparse.document import RegionKind

reportlab = pytest.importorskip("reportlab")
from reportlab.lib.pagesizes import letter  # noqa: E402 - after the importorskip
from reportlab.pdfgen import canvas  # noqa: E402

WORDS = ("Demand in the Coastal region held broadly flat despite higher input costs while working "
         "capital rose steadily although the comparison base was unusually strong this year and the "
         "board asked for a review of the pricing of the northern contracts before the next cycle").split()


def _body(c: canvas.Canvas, y: float, count: int, size: float, font: str = "Helvetica", x: float = 72,
          width: int = 12) -> float:
    c.setFont(font, size)
    for k in range(count):
        c.drawString(x, y, " ".join(WORDS[k % 9:k % 9 + width]))
        y -= size * 1.35
    return y


def _headings(path: Path) -> list[tuple[str, int | None]]:
    doc = docparse.parse(str(path))
    return [(r.text, r.level) for r in doc.regions() if r.kind is RegionKind.HEADING]


def _outline_report(path: Path) -> None:
    """A title, then sections (14.5 pt bold, outline level 1) with subsections (12.5 pt, level 2)
    and one sub-subsection (11 pt bold, level 3) named like a subsection on the same page."""
    c = canvas.Canvas(str(path), pagesize=letter)
    _, h = letter
    c.setFont("Helvetica", 24)
    c.drawString(72, h - 90, "Operations Summary 2020: Redstone Tools")
    y = _body(c, h - 130, 6, 11)
    plan = [("Market Share", 14.5, 0), ("Retention", 12.5, 1), ("Key Drivers", 12.5, 1), ("Retention", 11, 2)]
    for k, (title, size, level) in enumerate(plan):
        y -= 12
        c.setFont("Helvetica-Bold", size)
        c.drawString(72, y, title)
        c.bookmarkPage(f"h{k}", fit="XYZ", top=y + size)
        c.addOutlineEntry(title, f"h{k}", level=level)
        y = _body(c, y - 22, 5, 11)
    c.showPage()
    y = _body(c, h - 80, 20, 11)
    c.showPage()
    c.save()


def test_outline_names_two_headings_alike(tmp_path: Path) -> None:
    """The 11 pt "Retention" under "Key Drivers" is a level below it, not the level of the 12.5 pt
    "Retention" the outline also names (before: both took the first entry's level)."""
    pdf = tmp_path / "outline.pdf"
    _outline_report(pdf)
    heads = _headings(pdf)
    retention = [level for text, level in heads if text == "Retention"]
    drivers = next(level for text, level in heads if text == "Key Drivers")
    assert len(retention) == 2 and drivers is not None
    assert retention[0] == drivers and retention[1] == drivers + 1, heads


def _brochure_report(path: Path) -> None:
    """Pages of 10 pt text, and between them a solution-brief page set at 7.4 pt whose
    "Highlights" (9.4 pt, regular, the page's own face) heads a column of points."""
    c = canvas.Canvas(str(path), pagesize=letter)
    _, h = letter
    for page in range(3):
        if page == 1:
            c.setFont("Times-Roman", 9.4)
            c.drawString(90, h - 200, "Highlights")
            _body(c, h - 222, 8, 7.4, "Times-Roman", 90, 5)
            _body(c, h - 200, 40, 7.4, "Times-Roman", 300, 9)
        else:
            c.setFont("Helvetica-Bold", 14)
            c.drawString(72, h - 80, ("Operating review", "", "Outlook and risks")[page])
            _body(c, h - 110, 40, 10)
        c.showPage()
    c.save()


def test_heading_on_a_page_set_in_its_own_smaller_body(tmp_path: Path) -> None:
    pdf = tmp_path / "brochure.pdf"
    _brochure_report(pdf)
    heads = [text for text, _ in _headings(pdf)]
    assert "Highlights" in heads and "Outlook and risks" in heads, heads


def _title_in_running_header(path: Path) -> None:
    """Every page's header repeats the title at the body size (9.5 pt), page 1's too; two
    smaller running lines (8 pt) at every foot pull the running texts' middle size down to 8."""
    c = canvas.Canvas(str(path), pagesize=letter)
    w, h = letter
    title = "Customer Insights Study 2019: Orchard Lane"
    for page in range(4):
        c.setFont("Helvetica", 9.5)
        c.drawRightString(w - 72, h - 40, title)
        c.setFont("Helvetica", 8)
        c.drawString(72, 40, "Confidential draft for the executive team")
        c.drawRightString(w - 72, 40, "Strategy Office review copy")
        if page == 0:
            c.setFont("Helvetica", 22)
            c.drawString(72, h - 100, title)
        c.setFont("Helvetica-Bold", 14)
        c.drawString(72, h - 140, ("Methodology", "Peer comparison", "Outlook", "Next steps")[page])
        _body(c, h - 165, 30, 9.5)
        c.showPage()
    c.save()


def test_first_page_running_header_at_body_size_is_no_title_echo(tmp_path: Path) -> None:
    """Page 1's copy of the running header is furniture like the others (before: taken for the
    title's echo because it is larger than the 8 pt running lines, and printed as a paragraph)."""
    pdf = tmp_path / "echo.pdf"
    _title_in_running_header(pdf)
    md = docparse.parse(str(pdf)).to_markdown()
    assert md.count("Orchard Lane") == 1 and md.lstrip().startswith("# Customer Insights Study 2019"), md[:300]


def _short_report_with_title_head(path: Path) -> None:
    """Two pages; only page 2 carries the running head, the title's words with a bar
    ("Pinecrest Foods | Operations Summary"), set close above the text (less than a line and a
    half), so it repeats too rarely to count as running and is not set apart."""
    c = canvas.Canvas(str(path), pagesize=letter)
    w, h = letter
    c.setFont("Helvetica", 22)
    c.drawString(72, h - 100, "Pinecrest Foods Operations Summary")
    c.setFont("Helvetica-Bold", 14)
    c.drawString(72, h - 140, "Channel Mix")
    _body(c, h - 165, 38, 9.5)
    c.showPage()
    c.setFont("Helvetica", 9.5)
    c.drawRightString(w - 72, h - 46, "Pinecrest Foods | Operations Summary")
    _body(c, h - 64, 30, 9.5)
    c.drawRightString(w - 72, 40, "Page 2 of 2")
    c.showPage()
    c.save()


def test_later_page_head_that_repeats_the_title_is_furniture(tmp_path: Path) -> None:
    pdf = tmp_path / "short.pdf"
    _short_report_with_title_head(pdf)
    md = docparse.parse(str(pdf)).to_markdown()
    assert "Pinecrest Foods |" not in md and md.lstrip().startswith("# Pinecrest Foods Operations Summary"), md[:200]


def _numbered_list_with_tab_markers(path: Path) -> None:
    """LibreOffice's numbered list: each number drawn apart from its item (a tab), items on
    consecutive lines and none ending in a full stop."""
    c = canvas.Canvas(str(path), pagesize=letter)
    _, h = letter
    y = _body(c, h - 80, 6, 10)
    items = ("Close the remaining legacy contracts", "Renegotiate freight rates with two carriers",
             "Reduce stock held for more than 90 days", "Consolidate the Highlands distribution centres")
    y -= 12
    for k, item in enumerate(items, 1):
        c.setFont("Helvetica", 10)
        c.drawString(55, y, f"{k}.")
        c.drawString(73, y, item)
        y -= 13.3
    _body(c, y - 14, 6, 10)
    c.showPage()
    c.save()


def test_numbered_items_without_full_stops_are_one_item_each(tmp_path: Path) -> None:
    pdf = tmp_path / "list.pdf"
    _numbered_list_with_tab_markers(pdf)
    items = [r.text for r in docparse.parse(str(pdf)).regions() if r.kind is RegionKind.LIST_ITEM]
    assert items == ["1. Close the remaining legacy contracts", "2. Renegotiate freight rates with two carriers",
                     "3. Reduce stock held for more than 90 days",
                     "4. Consolidate the Highlands distribution centres"], items

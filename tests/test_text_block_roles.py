"""Block roles on generated look-alikes of documents other people made (issue 15): a title the
running header repeats, a paper's bold body-size title over its author, furniture on short
documents, a footnote that recurs on every page, numbered exercises past 99."""

from __future__ import annotations

import io

import pytest

import docparse
from docparse.document import RegionKind
from docparse.renderers.summary import document_title

reportlab = pytest.importorskip("reportlab")
from reportlab.lib.pagesizes import A4, letter  # noqa: E402 - after the importorskip
from reportlab.pdfgen import canvas  # noqa: E402

BODY = ("The committee reviewed the amended rules and found that the policy terms still refer to "
        "the old classification, which leaves several claims open to dispute in the next period.")


def _body_lines(c: canvas.Canvas, top: float, count: int, size: float = 10, font: str = "Times-Roman") -> float:
    y = top
    words = BODY.split()
    for k in range(count):
        c.setFont(font, size)
        c.drawString(72, y, " ".join(words[k % 5:k % 5 + 14]))
        y -= size * 1.3
    return y


def _spec_with_running_title() -> bytes:
    """A spec whose title (large, top of page 1) is repeated as the small running header on
    every later page, as DocBook's PDF output does."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=letter)
    w, h = letter
    for page in range(1, 5):
        if page == 1:
            c.setFont("Helvetica-Bold", 24)
            c.drawString(72, h - 80, "Shared Widget Database")
            c.setFont("Helvetica-Bold", 16)
            c.drawString(72, h - 150, "1. Introduction")
            _body_lines(c, h - 180, 20)
        else:
            c.setFont("Helvetica", 9)
            c.drawString(72, h - 45, "Shared Widget Database")
            c.setFont("Helvetica-Bold", 14)
            c.drawString(72, h - 100, f"{page}. Section number {page}")
            _body_lines(c, h - 130, 30)
        c.setFont("Helvetica", 9)
        c.drawCentredString(w / 2, 40, str(page))
        c.showPage()
    c.save()
    return buf.getvalue()


def test_title_repeated_by_the_running_header_is_the_title() -> None:
    doc = docparse.parse(_spec_with_running_title())
    titles = [r.text for r in doc.regions(RegionKind.TITLE)]
    assert titles == ["Shared Widget Database"]
    md = doc.to_markdown()
    assert md.startswith("# Shared Widget Database\n")
    assert md.count("Shared Widget Database") == 1  # the later pages' running headers stay out
    assert document_title(doc) == "Shared Widget Database"


def _paper_with_bold_title_and_author() -> bytes:
    """A maths paper: the title bold at body size, the author in capitals below, and the
    running heads alternate author / title on the later pages (amsart style)."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    w, h = A4
    title, author = "ON THE LAST QUESTION OF A GEOMETER", "JANE Q. ROEMER"
    for page in range(1, 5):
        if page == 1:
            c.setFont("Times-Bold", 12)
            c.drawCentredString(w / 2, h - 100, title)
            c.setFont("Times-Roman", 10)
            c.drawCentredString(w / 2, h - 128, author)
            _body_lines(c, h - 170, 8, size=10)
            c.setFont("Times-Roman", 12)
            c.drawCentredString(w / 2, h - 290, "Introduction")
            _body_lines(c, h - 320, 25, size=12)
        else:
            c.setFont("Times-Roman", 9)
            c.drawCentredString(w / 2, h - 45, author if page % 2 == 0 else title)
            c.drawString(72 if page % 2 == 0 else w - 80, h - 45, str(page))
            _body_lines(c, h - 80, 45, size=12)
        c.showPage()
    c.save()
    return buf.getvalue()


def test_paper_title_at_body_size_is_the_title_and_the_author_no_heading() -> None:
    doc = docparse.parse(_paper_with_bold_title_and_author())
    md = doc.to_markdown()
    assert md.startswith("# ON THE LAST QUESTION OF A GEOMETER\n")
    assert document_title(doc) == "ON THE LAST QUESTION OF A GEOMETER"
    headings = [r.text for r in doc.regions(RegionKind.HEADING)]
    assert "JANE Q. ROEMER" not in headings
    assert "JANE Q. ROEMER" in md  # kept as text under the title
    assert md.count("JANE Q. ROEMER") == 1


def _short_redbook() -> bytes:
    """Three pages with too little repetition to count running texts: a copyright line on one
    page only, a footer line with the page number at its end, bare page numbers."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=letter)
    w, h = letter
    for page in range(1, 4):
        c.setFont("Helvetica-Bold", 16)
        c.drawString(72, h - 80, f"{page}.{page} Security fundamentals part {page}")
        _body_lines(c, h - 110, 35)
        c.setFont("Helvetica", 9)
        if page == 1:
            c.drawString(72, 36, "© Copyright Example Corp. 2014. All rights reserved.")
            c.setFont("Helvetica", 10)
            c.drawRightString(w - 72, 36, str(page + 9))
        elif page == 2:
            c.drawRightString(w - 100, 36, "Chapter 2. Roles and separation of duties")
            c.setFont("Helvetica", 10)
            c.drawRightString(w - 72, 36, str(page + 9))
        else:
            c.setFont("Helvetica", 10)
            c.drawString(72, 36, str(page + 9))
            c.setFont("Helvetica", 9)
            c.drawString(100, 36, "Row and Column Access Control Support in DB2 for i")
        c.showPage()
    c.save()
    return buf.getvalue()


def test_furniture_on_a_short_document_is_removed() -> None:
    doc = docparse.parse(_short_redbook())
    md = doc.to_markdown()
    assert "Copyright" not in md
    for number in ("10", "11", "12"):
        assert f"\n{number}\n" not in "\n" + md + "\n"
    numbers = [r.text.strip() for p in doc.pages for r in p.regions if r.kind is RegionKind.PAGE_NUMBER]
    assert numbers == ["10", "11", "12"]
    assert "Chapter 2. Roles" not in md and "Row and Column" not in md  # the lines beside the numbers


def _report_with_recurring_footnote() -> bytes:
    """The same source note, in small print with a raised marker, at the foot of every page."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    _, h = A4
    for page in range(1, 5):
        c.setFont("Helvetica-Bold", 15)
        c.drawString(72, h - 80, f"Regional results {page}")
        _body_lines(c, h - 110, 40)
        text = c.beginText(72, 52)
        text.setFont("Times-Roman", 6)
        text.setRise(3)
        text.textOut("1")
        text.setRise(0)
        text.setFont("Times-Roman", 8)
        text.textOut(" Source: company filings and the national statistics office, 2023 release.")
        c.drawText(text)
        c.showPage()
    c.save()
    return buf.getvalue()


def test_recurring_footnote_is_not_a_running_footer() -> None:
    doc = docparse.parse(_report_with_recurring_footnote())
    notes = [r for r in doc.regions() if r.kind is RegionKind.FOOTNOTE]
    assert len(notes) == 4
    assert all("company filings" in r.text for r in notes)
    assert not [r for p in doc.pages for r in p.regions if r.kind is RegionKind.PAGE_FOOTER]


def _exercises() -> bytes:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=letter)
    _, h = letter
    c.setFont("Times-Bold", 14)
    c.drawString(72, h - 72, "Exercises")
    y = h - 110
    for n in range(155, 161):
        c.setFont("Times-Roman", 11)
        c.drawString(72, y, f"{n}. Find the area of a circle of radius {n - 150} cm to two decimals.")
        y -= 26
    c.showPage()
    c.save()
    return buf.getvalue()


def test_numbered_exercises_past_99_stay_a_numbered_list() -> None:
    md = docparse.parse(_exercises()).to_markdown()
    assert "\\." not in md
    assert "$$" not in md
    lines = [line for line in md.splitlines() if line[:1].isdigit()]
    assert [line.split(".")[0] for line in lines] == [str(n) for n in range(155, 161)]


def _stamped_report() -> bytes:
    """A government report with a large document code stamped at the top right of page 1."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=letter)
    w, h = letter
    for page in range(1, 3):
        if page == 1:
            c.setFont("Helvetica-Bold", 26)
            c.drawRightString(w - 50, h - 60, "B-1191")
            c.setFont("Helvetica-Bold", 18)
            c.drawString(72, h - 130, "Expenditures of the Committee Offices")
            top = h - 170
        else:
            top = h - 90
        c.setFont("Helvetica", 10)
        _body_lines(c, top, 30)
        c.showPage()
    c.save()
    return buf.getvalue()


def test_stamped_document_code_is_neither_title_nor_heading() -> None:
    doc = docparse.parse(_stamped_report())
    assert [r.text for r in doc.regions(RegionKind.TITLE)] == ["Expenditures of the Committee Offices"]
    assert not [r for r in doc.regions(RegionKind.HEADING) if "1191" in r.text]
    assert document_title(doc) == "Expenditures of the Committee Offices"
    assert doc.to_markdown().startswith("# Expenditures of the Committee Offices\n")


_LIST_HTML = """<html><head><style>@page{size:A4;margin:2cm} body{font-family:serif;font-size:11pt}
li{margin-bottom:6pt}</style></head><body><h2>Steps to follow</h2>
<p>Before filing the claim the applicant should read the whole of the guidance below carefully.</p>
<ol><li>Collect the receipts for every expense claimed in the period, including travel and lodging
costs that exceed the daily limit.</li><li>Fill in the form with the totals for each category and sign
the declaration at the bottom of the last page.</li><li>Send the form to the finance office.</li></ol>
<ul><li>First bullet point with some words in it.</li><li>Second bullet point.</li></ul>
<p>After the office has checked the claim it will be paid with the next salary.</p></body></html>"""


def test_list_markers_drawn_after_the_text_join_their_items(tmp_path) -> None:  # noqa: ANN001
    """WeasyPrint writes list markers after the page's text: "1." must still open its item."""
    import shutil
    import subprocess

    if shutil.which("weasyprint") is None:
        pytest.skip("weasyprint CLI not installed")
    (tmp_path / "list.html").write_text(_LIST_HTML, encoding="utf-8")
    subprocess.run(["weasyprint", str(tmp_path / "list.html"), str(tmp_path / "list.pdf")], check=True,
                   capture_output=True, timeout=120)
    md = docparse.parse(tmp_path / "list.pdf").to_markdown()
    assert "1. Collect the receipts for every expense" in md
    assert "2. Fill in the form" in md and "3. Send the form" in md
    assert "- First bullet point" in md and "- Second bullet point." in md
    assert "\n1.\n" not in md and "•" not in md


def _drawn_bullets() -> bytes:
    """Bullets drawn as small filled circles (Chromium's list discs), not as characters."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    _, h = A4
    c.setFont("Helvetica", 11)
    c.drawString(72, h - 80, "The office needs three documents from every applicant this year:")
    y = h - 104
    for item in ("a copy of the signed contract", "the receipts for all travel costs", "a bank statement"):
        c.circle(88, y + 3.5, 1.9, stroke=0, fill=1)
        c.drawString(100, y, item)
        y -= 18
    c.drawString(72, y - 10, "Claims without them are returned to the applicant within a week.")
    c.showPage()
    c.save()
    return buf.getvalue()


def test_bullets_drawn_as_dots_make_list_items() -> None:
    doc = docparse.parse(_drawn_bullets())
    items = [r.text for r in doc.regions(RegionKind.LIST_ITEM)]
    assert len(items) == 3
    assert "- the receipts for all travel costs" in doc.to_markdown()


_OUTLINE_HTML = """<html><head><style>@page{size:A4;margin:2cm} body{font-family:serif;font-size:11pt}
h1{font-size:24pt} h2{font-size:15pt} h3{font-size:12pt}</style></head><body>
<h1>Regional Performance Update</h1><h2>Background</h2><p>%s</p><h3>Revenue by region</h3><p>%s</p>
<h2>Summary of findings</h2><p>%s</p><h3>Customer trends</h3><p>%s</p></body></html>""" % ((BODY,) * 4)


def test_outline_that_holds_the_title_keeps_its_levels(tmp_path) -> None:  # noqa: ANN001
    """WeasyPrint bookmarks h1 (the title) at level 1 and h2 at 2: sections stay ##, not ###."""
    import shutil
    import subprocess

    if shutil.which("weasyprint") is None:
        pytest.skip("weasyprint CLI not installed")
    (tmp_path / "o.html").write_text(_OUTLINE_HTML, encoding="utf-8")
    subprocess.run(["weasyprint", str(tmp_path / "o.html"), str(tmp_path / "o.pdf")], check=True,
                   capture_output=True, timeout=120)
    md = docparse.parse(tmp_path / "o.pdf").to_markdown()
    heads = [line for line in md.splitlines() if line.startswith("#")]
    assert heads == ["# Regional Performance Update", "## Background", "### Revenue by region",
                     "## Summary of findings", "### Customer trends"]


def _face_only_headings() -> bytes:
    """Headings told apart only by their face (as in Chromium's Type3 fonts: no bold flag, no
    style in the name): a sans heading 1.1x the serif body, another at body size, each set
    tight above its paragraph."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    _, h = A4
    y = h - 80
    for heading, size in (("1.1 Scope", 10.7), ("Product lines and quality metrics", 9.6),
                          ("1.2 Data sources", 10.7), ("Quality metrics", 9.6)):
        c.setFont("Helvetica", size)
        c.drawString(72, y, heading)
        y -= size * 1.35
        y = _body_lines(c, y, 4, size=9.6) - 8
    c.showPage()
    c.save()
    return buf.getvalue()


def test_headings_told_apart_only_by_their_face() -> None:
    md = docparse.parse(_face_only_headings()).to_markdown()
    heads = [line.lstrip("#").strip() for line in md.splitlines() if line.startswith("#")]
    assert heads == ["1.1 Scope", "Product lines and quality metrics", "1.2 Data sources", "Quality metrics"]


def _bold_header_row_and_numbered_notes() -> bytes:
    """A borderless table whose bold header cells sit on one baseline, and a numbered note in
    small print that recurs at the foot of every page (a LibreOffice footnote area)."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    _, h = A4
    for page in range(1, 4):
        c.setFont("Helvetica-Bold", 14)
        c.drawString(72, h - 130, f"Regional sales part {page}")
        y = _body_lines(c, h - 160, 6)
        y -= 14
        c.setFont("Helvetica-Bold", 9)
        for x, cell in zip((72, 200, 260, 320, 380), ("Channel", "Jan", "Feb", "Apr", "Total")):
            c.drawString(x, y, cell)
        c.setFont("Helvetica", 9)
        for row in ("Retail", "Online", "Wholesale"):
            y -= 13
            for x, cell in zip((72, 200, 260, 320, 380), (row, "12.5", "14.1", "9.8", "36.4")):
                c.drawString(x, y, cell)
        _body_lines(c, y - 30, 8)
        c.setFont("Helvetica", 8)
        c.drawString(72, 60, f"{page + 1} Converted at average exchange rates for the period.")
        c.showPage()
    c.save()
    return buf.getvalue()


def test_numbered_note_recurring_at_the_foot_stays_a_footnote() -> None:
    doc = docparse.parse(_bold_header_row_and_numbered_notes())
    notes = [r.text for r in doc.regions(RegionKind.FOOTNOTE)]
    assert len([n for n in notes if "Converted at average exchange rates" in n]) == 3
    assert [r.text for r in doc.regions(RegionKind.HEADING)] == ["Regional sales part 2", "Regional sales part 3"]


def test_bold_header_cells_left_to_the_text_classifier_are_no_headings() -> None:
    """When no table finder claims the table (a LibreOffice borderless table), its bold header
    cells on one baseline are no headings."""
    from docparse.config import ParseOptions
    from docparse.pages.context import build_context
    from docparse.pages.open import open_document
    from docparse.pages.textlayer import analyze_page
    from docparse.regions.semantic import HeuristicSemanticClassifier

    options = ParseOptions()
    with open_document(_bold_header_row_and_numbered_notes(), options.open) as opened:
        context = build_context(opened, options)
        page = analyze_page(opened.doc.load_page(1), 2, None)
    proposals = HeuristicSemanticClassifier(options.blocks).classify(page, context, [])
    headings = {" ".join(line.text.strip() for line in p.lines) for p in proposals if p.kind is RegionKind.HEADING}
    assert headings == {"Regional sales part 2"}


def _latex_like_title_block() -> bytes:
    """LaTeX's \\maketitle: a centred title, then the author and the date centred a step above
    the body size, then bold numbered sections."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=letter)
    w, h = letter
    c.setFont("Times-Roman", 17.2)
    c.drawCentredString(w / 2, h - 130, "Harbor Vale: Regional Sales Update")
    c.setFont("Times-Roman", 12)
    c.drawCentredString(w / 2, h - 160, "Research Desk, Harbor Vale")
    c.drawCentredString(w / 2, h - 182, "January 2024")
    y = h - 220
    for number, name in ((1, "Outlook and Risks"), (2, "Service Quality")):
        c.setFont("Times-Bold", 14.3)
        c.drawString(78, y, f"{number} {name}")
        y = _body_lines(c, y - 24, 8) - 16
    c.showPage()
    c.save()
    return buf.getvalue()


def test_author_and_date_under_the_title_are_no_headings() -> None:
    doc = docparse.parse(_latex_like_title_block())
    md = doc.to_markdown()
    heads = [line for line in md.splitlines() if line.startswith("#")]
    assert heads == ["# Harbor Vale: Regional Sales Update", "## 1 Outlook and Risks", "## 2 Service Quality"]
    assert "Research Desk, Harbor Vale" in md and "January 2024" in md

"""Block roles on generated look-alikes of the independent families and real documents
(issue 15): a sans LaTeX title page whose title shares its size with the bold sections, stub
header cells centred on a two-row table header, small dingbat bullets at the foot of a page."""

from __future__ import annotations

import io

import pytest

import docparse
from docparse.document import RegionKind

reportlab = pytest.importorskip("reportlab")
from reportlab.lib.pagesizes import letter  # noqa: E402 - after the importorskip
from reportlab.pdfgen import canvas  # noqa: E402

BODY = ("Demand in the Coastal region held broadly flat despite higher input costs while working "
        "capital rose steadily although the comparison base was unusually strong this year.")


def _body_lines(c: canvas.Canvas, top: float, count: int, size: float = 11, font: str = "Helvetica") -> float:
    y = top
    words = BODY.split()
    for k in range(count):
        c.setFont(font, size)
        c.drawString(78, y, " ".join(words[k % 5:k % 5 + 13]))
        y -= size * 1.3
    return y


def _proposals(pdf: bytes, page_number: int, claim_from: str | None = None) -> list:
    """The heuristic classifier's proposals for one page; with ``claim_from``, a table claims
    the short lines from the top of the line with that text down (a table finder that took the
    table from its stub header row on), else nothing is claimed."""
    from docparse.config import ParseOptions
    from docparse.pages.analysis import bbox_union
    from docparse.pages.context import build_context
    from docparse.pages.open import open_document
    from docparse.pages.textlayer import analyze_page
    from docparse.regions.base import RegionProposal
    from docparse.regions.semantic import HeuristicSemanticClassifier

    options = ParseOptions()
    with open_document(pdf, options.open) as opened:
        context = build_context(opened, options)
        page = analyze_page(opened.doc.load_page(page_number - 1), page_number, None)
    claimed = []
    if claim_from is not None:
        top = next(line.bbox[1] for line in page.lines if line.text.strip() == claim_from)
        cells = [line for line in page.lines if line.bbox[1] >= top - 0.5 and len(line.text.strip()) <= 20]
        claimed = [RegionProposal(bbox_union([line.bbox for line in cells]), RegionKind.TABLE, cells)]
    return HeuristicSemanticClassifier(options.blocks).classify(page, context, claimed)


def _text(proposal) -> str:  # noqa: ANN001
    return " ".join(line.text.strip() for line in proposal.lines)


def _sans_title_page_report() -> bytes:
    """LaTeX with a sans font and a title page: the title regular at 19 pt, the author and date
    centred at 13.2 pt under it, and the bold section headings also at 19 pt on later pages (so
    no size is the title's alone)."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=letter)
    w, h = letter
    c.setFont("Helvetica", 19)
    c.drawCentredString(w / 2, h - 140, "Granite Peak: Market Outlook")
    c.setFont("Helvetica", 13.2)
    c.drawCentredString(w / 2, h - 172, "Finance Office, Granite Peak")
    c.drawCentredString(w / 2, h - 199, "September 2025")
    c.showPage()
    for section in range(1, 5):
        c.setFont("Helvetica-Bold", 19)
        c.drawString(78, h - 110, f"{section} Logistics Network part {section}")
        y = _body_lines(c, h - 140, 6)
        c.setFont("Helvetica-Bold", 15.8)
        c.drawString(78, y - 14, f"{section}.1 Retention")
        _body_lines(c, y - 40, 12)
        c.showPage()
    c.save()
    return buf.getvalue()


def test_author_and_date_under_a_title_sharing_the_section_size_are_no_headings() -> None:
    doc = docparse.parse(_sans_title_page_report())
    md = doc.to_markdown()
    heads = [line for line in md.splitlines() if line.startswith("#")]
    assert heads[0] == "# Granite Peak: Market Outlook"
    assert not [h for h in heads if "Finance Office" in h or "September 2025" in h]
    assert "Finance Office, Granite Peak" in md and "September 2025" in md
    assert "## 1 Logistics Network part 1" in heads and "### 1.1 Retention" in heads


def _two_row_header_table() -> bytes:
    """A booktabs-like table whose stub header cells ('Region', 'Metric', bold) sit centred on
    a two-row header: years over Plan | Actual pairs. Under a third of each stub cell's box
    overlaps each header row."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=letter)
    w, h = letter
    c.setFont("Helvetica", 20)
    c.drawString(78, h - 90, "Market Outlook")
    _body_lines(c, h - 120, 30)
    c.showPage()
    c.setFont("Helvetica-Bold", 16)
    c.drawString(78, h - 90, "1.2 Data Sources")
    y = _body_lines(c, h - 120, 6)
    top = y - 30
    c.setFont("Helvetica-Bold", 10)
    for k, year in enumerate(("2018", "2021", "2024")):
        c.drawCentredString(267 + 85 * k, top, year)
    c.drawString(121, top - 9.9, "Region")
    c.drawString(178, top - 9.9, "Metric")
    for k in range(3):
        c.drawString(240 + 85 * k, top - 19.8, "Plan")
        c.drawString(280 + 85 * k, top - 19.8, "Actual")
    c.setFont("Helvetica", 10)
    row_y = top - 36
    for region, metric in (("North", "Sessions"), ("", "Margin"), ("South", "Sessions"), ("", "Margin")):
        c.drawString(121, row_y, region)
        c.drawString(178, row_y, metric)
        for k in range(6):
            c.drawRightString(261 + 42.6 * k, row_y, f"{(k + 3) * 7 + len(metric)},{k}46")
        row_y -= 13.6
    _body_lines(c, row_y - 30, 6)
    c.showPage()
    c.save()
    return buf.getvalue()


def test_stub_header_cells_centred_on_two_header_rows_are_no_headings() -> None:
    headings = {_text(p) for p in _proposals(_two_row_header_table(), 2) if p.kind is RegionKind.HEADING}
    assert headings == {"1.2 Data Sources"}


def _small_dingbat_bullets_at_the_foot() -> bytes:
    """A brochure page: body text, then a bullet list in small print in the lower part of the
    page, each bullet a ZapfDingbats square set smaller than the item text."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=letter)
    _, h = letter
    c.setFont("Helvetica-Bold", 14)
    c.drawString(78, h - 90, "Who we are")
    _body_lines(c, h - 120, 24, size=10)
    c.setFont("Helvetica", 7.4)
    c.drawString(78, 300, "Global engagements cover topics including:")
    y = 284
    for item in ("Database performance and scalability", "Advanced SQL knowledge and skills transfer",
                 "Business intelligence and analytics", "Data-centric architecture and design"):
        text = c.beginText(78, y)
        text.setFont("ZapfDingbats", 5.1)
        text.textOut("n")
        text.setFont("Helvetica", 7.4)
        text.textOut("  " + item)
        c.drawText(text)
        y -= 10.2
    c.showPage()
    c.save()
    return buf.getvalue()


def test_small_dingbat_bullets_are_list_items_not_footnotes() -> None:
    proposals = _proposals(_small_dingbat_bullets_at_the_foot(), 1)
    items = [p for p in proposals if "Database performance" in _text(p) or "Data-centric" in _text(p)]
    assert len(items) == 2
    assert all(p.kind is RegionKind.LIST_ITEM for p in items)
    assert not [p for p in proposals if p.kind is RegionKind.FOOTNOTE]


def _column_groups_over_a_claimed_stub() -> bytes:
    """A WeasyPrint-like two-row header: 'Capex' and 'Backlog' centred over their column
    pairs, the stub header 'Division' half a row lower (centred on both header rows)."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=letter)
    w, h = letter
    c.setFont("Helvetica", 20)
    c.drawString(78, h - 90, "Pricing Strategy")
    _body_lines(c, h - 120, 30)
    c.showPage()
    c.setFont("Helvetica-Bold", 14)
    c.drawString(78, h - 90, "1. Overview")
    y = _body_lines(c, h - 120, 6)
    top = y - 30
    c.setFont("Helvetica-Bold", 10)
    c.drawCentredString(175, top, "Capex")
    c.drawCentredString(275, top, "Backlog")
    c.drawString(78, top - 8, "Division")
    for k, label in enumerate(("Actual", "Plan", "Actual", "Plan")):
        c.drawCentredString(150 + 50 * k, top - 16, label)
    c.setFont("Helvetica", 10)
    row_y = top - 27
    for name in ("Bergen", "Lille", "Poznan"):
        c.drawString(78, row_y, name)
        for k in range(4):
            c.drawRightString(165 + 50 * k, row_y, f"{len(name) * 37 + k}.8")
        row_y -= 13.6
    _body_lines(c, row_y - 30, 6)
    c.showPage()
    c.save()
    return buf.getvalue()


def test_column_group_labels_beside_a_claimed_stub_header_are_no_headings() -> None:
    """The table finder took the table from the 'Division' row down; the group labels above
    it, beside the claimed stub header, stay no headings."""
    proposals = _proposals(_column_groups_over_a_claimed_stub(), 2, claim_from="Division")
    headings = {_text(p) for p in proposals if p.kind is RegionKind.HEADING}
    assert headings == {"1. Overview"}
    assert {"Capex", "Backlog"} <= {_text(p) for p in proposals}  # still there, as text


def test_side_heads_are_read_before_the_text_they_label() -> None:
    """Boxes: a left column of narrow one-line heads, each centred beside its notes."""
    from docparse.regions.reading_order import XYCutOrder

    boxes = [
        (80, 498, 101, 504),  # 0 NOTES:
        (121, 491, 515, 497), (121, 505, 231, 511),  # 1, 2 its notes
        (60, 534, 101, 540),  # 3 DISCLAIMERS:
        (121, 520, 853, 526), (121, 541, 807, 548),  # 4, 5 its text
    ]
    assert XYCutOrder().order(boxes) == [0, 1, 2, 3, 4, 5]
    # a narrow first column of full paragraphs is a column, read first
    columns = [(50, 100, 140, 400), (160, 100, 550, 200), (160, 210, 550, 400)]
    assert XYCutOrder().order(columns) == [0, 1, 2]


def _notes_with_side_heads() -> bytes:
    """A statistics sheet's foot: bold 'NOTES:' and 'DISCLAIMERS:' in a left column, each
    centred beside its two notes set to the right (pdfplumber's nics-background-checks)."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(1008, 612))
    c.setFont("Times-Bold", 14)
    c.drawString(60, 560, "Firearm Background Checks November 2015")
    _body_lines(c, 530, 12, size=6)
    notes = (("NOTES:", 80, ("*Refers to frames, receivers and other firearms that are not handguns or long guns",
                              "**Multiple (multiple types of firearms selected)")),
             ("DISCLAIMERS:", 59, ("Some states may reflect lower than expected numbers for handgun checks",
                                   "These statistics represent the number of firearm background checks initiated")))
    y = 300
    for head, x, lines in notes:
        c.setFont("Times-Bold", 5.8)
        c.drawString(x, y - 7, head)
        c.setFont("Times-Roman", 5.8)
        c.drawString(121, y, lines[0])
        c.drawString(121, y - 14, lines[1])
        y -= 36
    c.showPage()
    c.save()
    return buf.getvalue()


def test_side_head_labels_are_no_headings_and_precede_their_notes() -> None:
    md = docparse.parse(_notes_with_side_heads()).to_markdown()
    assert "# NOTES" not in md and "# DISCLAIMERS" not in md
    order = [md.index(s) for s in ("NOTES:", "Refers to frames", "Multiple (multiple", "DISCLAIMERS:", "Some states",
                                   "These statistics")]
    assert order == sorted(order)


def _row_group_labels_centred_on_their_rows() -> bytes:
    """A WeasyPrint-like table without rules: bold region labels ('Western') centred on their
    two metric rows, touching neither row (or barely)."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=letter)
    w, h = letter
    c.setFont("Helvetica", 20)
    c.drawString(78, h - 90, "Market Review")
    _body_lines(c, h - 120, 30)
    c.showPage()
    c.setFont("Helvetica-Bold", 14)
    c.drawString(78, h - 90, "2. Regions")
    y = _body_lines(c, h - 120, 6) - 30
    c.setFont("Helvetica-Bold", 10)
    for x, label in ((78, "Region"), (150, "Metric"), (240, "Capex"), (300, "Margin")):
        c.drawString(x, y, label)
    y -= 22
    for region in ("Western", "Wholesale", "Northern"):
        c.setFont("Helvetica-Bold", 10)
        c.drawString(78, y - 14, region)  # text boxes are 13.8 pt tall: 0.2 pt clear of each row
        c.setFont("Helvetica", 10)
        for k, metric in enumerate(("Complaints", "Sessions")):
            c.drawString(150, y - 28 * k, metric)
            c.drawRightString(270, y - 28 * k, f"{21 + 7 * k}.{len(region)}%")
            c.drawRightString(330, y - 28 * k, f"{k + 2}.{len(metric)}9")
        y -= 2 * 28 + 4
    _body_lines(c, y - 30, 6)
    c.showPage()
    c.save()
    return buf.getvalue()


def test_row_group_labels_centred_on_their_rows_are_no_headings() -> None:
    proposals = _proposals(_row_group_labels_centred_on_their_rows(), 2)
    headings = {_text(p) for p in proposals if p.kind is RegionKind.HEADING}
    assert headings == {"2. Regions"}
    assert {"Western", "Wholesale", "Northern"} <= {_text(p) for p in proposals}


def _korean_two_columns() -> bytes:
    """A Korean report in two columns (docling normal_4pages): a bold numbered heading in the
    left column beside right-column lines of under 30 characters each (Hangul is wide), one
    just above and one just below the heading's middle."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    pdfmetrics.registerFont(UnicodeCIDFont("HYSMyeongJo-Medium"))
    pdfmetrics.registerFont(UnicodeCIDFont("HYGothic-Medium"))
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=letter)
    _, h = letter
    line = "질병보험금에 비해 상해나 재해로 인한다."
    for page in range(1, 3):
        for k in range(34):
            c.setFont("HYSMyeongJo-Medium", 11.5)
            y = h - 80 - 16 * k
            c.drawString(317, y, line)
            if not 10 <= k <= 13:
                c.drawString(65, y, line)
        c.setFont("HYGothic-Medium", 13.5)
        c.drawString(73, h - 80 - 16 * 11.5, f"{page} 들어가며 {page}")
        c.showPage()
    c.save()
    return buf.getvalue()


def test_heading_beside_a_cjk_column_is_no_table_cell() -> None:
    """Right-column CJK lines have few characters but fill their column: no row-mates."""
    headings = {_text(p) for p in _proposals(_korean_two_columns(), 2) if p.kind is RegionKind.HEADING}
    assert headings == {"2 들어가며 2"}


def _heading_beside_a_bullet_list(numbered: bool = False) -> bytes:
    """LibreOffice two columns: a bulleted list in the left column (each bullet a glyph of its
    own, a tab away from the item) beside a bold numbered heading in the right column that
    overlaps two of the bullets' rows."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=letter)
    _, h = letter
    c.setFont("Helvetica", 20)
    c.drawString(57, h - 80, "Operations Summary 2023")
    c.showPage()
    items = ("Train staff on the new ordering system", "Consolidate the Islands distribution centres",
             "Close the remaining legacy contracts", "Renegotiate freight rates with two carriers")
    for k in range(4):
        y = h - 300 - 13.9 * k
        c.setFont("Helvetica" if numbered else "Symbol", 10.5)
        c.drawString(57, y, f"{k + 1}." if numbered else "\u2022")
        c.setFont("Helvetica", 10.5)
        c.drawString(75, y, items[k])
    for k in range(8):
        c.drawString(317, h - 200 - 13.9 * k, BODY.split(".")[0][k * 3:k * 3 + 40] + " the plan.")
    c.setFont("Helvetica-Bold", 13.5)
    c.drawString(317, h - 300 - 13.9 * 1.5, "2.2 Data Sources")
    c.setFont("Helvetica", 10.5)
    for k in range(8):
        c.drawString(317, h - 300 - 13.9 * (3 + k), BODY.split(".")[0][k * 3:k * 3 + 40] + " the plan.")
    c.showPage()
    c.save()
    return buf.getvalue()


@pytest.mark.parametrize("numbered", [False, True])
def test_heading_beside_bullet_glyphs_is_no_table_cell(numbered: bool) -> None:
    """Bullet glyphs or item numbers set apart from their items, beside a heading in the next
    column, are no row-mates: the heading stays a heading (synth-reports dense-3col lost 4)."""
    pdf = _heading_beside_a_bullet_list(numbered)
    headings = {_text(p) for p in _proposals(pdf, 2) if p.kind is RegionKind.HEADING}
    assert headings == {"2.2 Data Sources"}


def test_canvas_drawn_twice_leaves_no_empty_chart_cluster() -> None:
    """Two figure canvases side by side, one of them painted twice (DocBank NNLLpaper page 15
    failed with 'min() arg is an empty sequence' and lost the whole page)."""
    from docparse.regions.charts import split_at_canvases

    left, right = (0.0, 0.0, 100.0, 100.0), (110.0, 0.0, 210.0, 100.0)
    marks = [(10.0 + 20 * k, 10.0, 20.0 + 20 * k, 90.0) for k in range(4)]
    group = [left, left, right, *marks, *[(m[0] + 110, m[1], m[2] + 110, m[3]) for m in marks]]
    parts = split_at_canvases(group, [left, right], 12.0)
    assert parts and all(parts)
    assert sorted(len(p) for p in parts) == [5, 6]


def _two_page_memo(first_line_page_2: str, equation_below: bool) -> bytes:
    """A two-page document: page 2 opens with one plain body-size line high in the top margin,
    then, about two line heights below, the text or a display formula."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=letter)
    _, h = letter
    c.setFont("Helvetica-Bold", 20)
    c.drawString(45, h - 80, "Regional Sales Update 2022")
    _body_lines(c, h - 110, 40, size=10)
    c.showPage()
    c.setFont("Helvetica", 10)
    c.drawString(45, h - 47, first_line_page_2)
    if equation_below:
        c.setFont("Times-Italic", 10)
        c.drawCentredString(306, h - 86, "D[f] = r f + g")
        _body_lines(c, h - 110, 40, size=10)
    else:
        _body_lines(c, h - 86, 40, size=10)
    c.setFont("Helvetica", 10)
    c.drawCentredString(306, 30, "Page 2 of 2")
    c.showPage()
    c.save()
    return buf.getvalue()


def test_lone_running_head_of_a_short_document_is_furniture() -> None:
    """Page 2 of 2 repeats the company and title above the text (libreoffice dev): no body text."""
    doc = docparse.parse(_two_page_memo("Juniper Textiles | Regional Sales Update", False))
    assert "Juniper Textiles" not in doc.to_markdown()
    headers = [r.text for p in doc.pages for r in p.regions if r.kind is RegionKind.PAGE_HEADER]
    assert headers == ["Juniper Textiles | Regional Sales Update"]


def test_sentence_leading_into_a_formula_at_the_page_top_stays_text() -> None:
    """'where the operator D is defined as' opens page 2 above a display formula (DocBank arXiv):
    a sentence going on, not a running head."""
    doc = docparse.parse(_two_page_memo("where the operator D is defined as", True))
    assert "where the operator D is defined as" in doc.to_markdown()


def _heading_beside_a_table_in_the_next_column() -> bytes:
    """An IEEE-style two-column page: a bold subsection heading in the left column while a
    parameter table in the right column has rows just above and just below its middle."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=letter)
    _, h = letter
    c.setFont("Times-Bold", 18)
    c.drawString(49, h - 60, "Transceiver Design")
    c.showPage()
    for k in range(12):
        c.setFont("Times-Roman", 10)
        c.drawString(49, h - 120 - 12 * k, "the common exponent is shared by every sample of the frame")
    c.setFont("Times-Bold", 10)
    c.drawString(49, h - 120 - 12 * 12.5, "C. Complex Convolution")
    for k in range(14):
        c.setFont("Times-Roman", 10)
        c.drawString(49, h - 120 - 12 * (14 + k), "the common exponent is shared by every sample of the frame")
    c.setFont("Times-Roman", 8)
    for k, (name, sym, value) in enumerate((("Constellation Order", "M", "1024"), ("Up-sample Factor", "L", "4"),
                                           ("Symbol Rate (Hz)", "fsym", "2400"), ("Filter Taps", "N", "64"))):
        y = h - 120 - 12 * 11.3 - 11.5 * k
        c.drawString(341, y, name)
        c.drawString(440, y, sym)
        c.drawString(506, y, value)
    c.showPage()
    c.save()
    return buf.getvalue()


def test_heading_beside_a_table_in_the_next_column_is_no_row_label() -> None:
    headings = {_text(p) for p in _proposals(_heading_beside_a_table_in_the_next_column(), 2, "Constellation Order")
                if p.kind is RegionKind.HEADING}
    assert headings == {"C. Complex Convolution"}


def _report_with_table_at_page_end(spill_note: bool) -> bytes:
    """A WeasyPrint-like report: page 1 ends with a table caption, the table's bold header row
    and its first bold row-group label ('Wholesale'); the table goes on on page 2. With
    ``spill_note`` the last footnote of page 1 ran over to the top of page 2, alone in small print
    with its number set smaller ('5 The northern region …')."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=letter)
    w, h = letter
    c.setFont("Helvetica-Bold", 20)
    c.drawString(78, h - 80, "Kestrel Sales Review")
    c.setFont("Helvetica-Bold", 14)
    c.drawString(78, h - 120, "1 Overview")
    y = _body_lines(c, h - 145, 30, size=9.5)
    c.setFont("Helvetica-Oblique", 7.5)
    c.drawString(102, y - 10, "Table 3. Growth by segment at a glance")
    c.setFont("Helvetica-Bold", 8.4)
    for x, label in zip((106, 185, 248, 309, 370, 430), ("Division", "2014", "2015", "2019", "2022", "2025")):
        c.drawString(x, y - 28, label)
    c.drawString(106, y - 47, "Wholesale")
    c.setFont("Helvetica", 8.4)
    c.drawString(78, 40, "Confidential: for internal use only")
    c.drawRightString(w - 48, 40, "1 / 2")
    c.showPage()
    top = h - 60
    if spill_note:
        c.setFont("Helvetica", 7.2)
        c.drawString(78, h - 58, "5")
        c.setFont("Helvetica", 8.1)
        c.drawString(86, h - 61, "The northern region exceeded expectations despite higher input costs.")
        top = h - 100
    c.setFont("Helvetica", 8.4)
    for k, (city, *values) in enumerate((("Tallinn", "898.6", "9.87", "1.78", "1.94", "17.5%"),
                                         ("Berlin", "287.5", "8.75", "3.39", "9.25", "9.8%"))):
        for x, cell in zip((106, 185, 248, 309, 370, 430), (city, *values)):
            c.drawString(x, top - 19 * k, cell)
    _body_lines(c, top - 60, 20, size=9.5)
    c.setFont("Helvetica", 8.4)
    c.drawString(78, 40, "Confidential: for internal use only")
    c.drawRightString(w - 48, 40, "2 / 2")
    c.showPage()
    c.save()
    return buf.getvalue()


def test_row_group_label_under_a_table_header_at_a_page_end_is_no_heading() -> None:
    """'Wholesale' right under the bold header row 'Division 2014 2015 …' (WeasyPrint dev 006,
    the table broken by the page): the table's first group label, not a section heading."""
    headings = {_text(p) for p in _proposals(_report_with_table_at_page_end(False), 1)
                if p.kind is RegionKind.HEADING}
    assert "Wholesale" not in headings and "1 Overview" in headings


def test_footnote_run_over_to_the_next_page_top_is_a_footnote() -> None:
    """A note that WeasyPrint carried to the top of the next page, small with its number set
    smaller: a footnote, not a running header (it was dropped as one: weasyprint dev 014)."""
    doc = docparse.parse(_report_with_table_at_page_end(True))
    notes = [r.text for r in doc.pages[1].regions if r.kind is RegionKind.FOOTNOTE]
    assert any("northern region exceeded expectations" in n for n in notes)
    assert "northern region exceeded expectations" in doc.to_markdown()


def _short_latex_article(pages: int) -> bytes:
    """A short article with LaTeX's default wide margins: the page number centred at 88 % of the
    page height, a line or more under the text (docling code_and_formula, picture_classification)."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=letter)
    w, h = letter
    for number in range(1, pages + 1):
        c.setFont("Times-Bold", 14)
        c.drawString(133, h - 130, f"{number} Section")
        _body_lines(c, h - 160, 30, size=10, font="Times-Roman")
        c.setFont("Times-Roman", 10)
        c.drawCentredString(w / 2, 88, str(number))
        c.showPage()
    c.save()
    return buf.getvalue()


@pytest.mark.parametrize("pages", [1, 2])
def test_page_number_under_the_text_of_a_short_document_is_furniture(pages: int) -> None:
    doc = docparse.parse(_short_latex_article(pages))
    numbers = [r.text for p in doc.pages for r in p.regions if r.kind is RegionKind.PAGE_NUMBER]
    assert numbers == [str(n) for n in range(1, pages + 1)]
    assert all(line.strip() not in {"1", "2"} for line in doc.to_markdown().splitlines())


def _narrow_table_with_run_together_header() -> bytes:
    """A one-column report with a narrow table whose bold header cells are set so close that the
    text layer reads them as one line ('Division Output Returns Units Churn'), the first row
    a bold group label, then the data rows (weasyprint dev 022)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=letter)
    _, h = letter
    c.setFont("Helvetica-Bold", 18)
    c.drawString(59, h - 70, "Quarterly Operations Review")
    c.setFont("Helvetica-Bold", 13)
    c.drawString(59, h - 105, "2 Regional Results")
    y = _body_lines(c, h - 130, 6, size=9.5)
    header = "Division Output Returns Units Churn"
    c.setFont("Helvetica-Bold", 8.1)
    c.drawString(59, y - 20, header)
    right = 59 + stringWidth(header, "Helvetica-Bold", 8.1)
    c.drawString(59, y - 36, "Overseas")
    c.setFont("Helvetica", 8.1)
    lefts = (104, 138, 174)
    for k, (city, *values) in enumerate((("Bilbao", "398.5", "36,441", "488.5", "4.73"),
                                         ("Porto", "212.0", "18,204", "301.9", "2.10"),
                                         ("Lyon", "455.1", "40,118", "512.3", "5.02"))):
        row_y = y - 52 - 16 * k
        c.drawString(59, row_y, city)
        for x, value in zip(lefts, values[:3]):
            c.drawString(x, row_y, value)
        c.drawRightString(right, row_y, values[3])
    _body_lines(c, y - 120, 6, size=9.5)
    c.showPage()
    c.save()
    return buf.getvalue()


def test_table_header_read_as_one_line_over_its_columns_is_no_heading() -> None:
    """The run-together header spans the table's row end to end at the cells' size: the table's
    header left outside it, not a section heading (issue 15: a table's header lines as # headings)."""
    headings = {_text(p) for p in _proposals(_narrow_table_with_run_together_header(), 1, "Bilbao")
                if p.kind is RegionKind.HEADING}
    assert "Division Output Returns Units Churn" not in headings and "2 Regional Results" in headings


def _report_with_masthead_graphic() -> bytes:
    """A policy brief's first page: a vector header graphic (boxes, a rule, a curve) carrying the
    issue number, the publisher lines and the series name set at 26 pt, then the title at 32 pt
    and the text (docling normal_4pages)."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(612, 859))
    h = 859
    c.setFillColorRGB(0.85, 0.9, 0.95)
    c.rect(43, h - 169, 513, 150, fill=1, stroke=0)
    c.setFillColorRGB(0.2, 0.3, 0.6)
    c.rect(400, h - 150, 140, 40, fill=1, stroke=0)
    c.rect(60, h - 60, 30, 30, fill=1, stroke=0)
    c.setStrokeColorRGB(0.2, 0.3, 0.6)
    c.line(43, h - 100, 380, h - 100)
    c.bezier(100, h - 40, 160, h - 20, 220, h - 60, 280, h - 30)
    c.circle(320, h - 45, 12, fill=0)
    c.setFillColorRGB(0, 0, 0)
    c.setFont("Helvetica", 13.9)
    c.drawString(494, h - 97, "No. 1695")
    c.setFont("Helvetica", 9)
    for k, text in enumerate(("Issued 2 April 2020", "Research Service", "www.example.org")):
        c.drawString(62, h - 118 - 16 * k, text)
    c.setFillColorRGB(1, 1, 1)
    c.setFont("Helvetica-Bold", 25.9)
    c.drawString(412, h - 144, "Issue Brief")
    c.setFillColorRGB(0, 0, 0)
    c.setFont("Helvetica-Bold", 32)
    c.drawString(62, h - 225, "Insurance Claims and the Pandemic")
    _body_lines(c, h - 280, 30, size=10)
    c.showPage()
    c.save()
    return buf.getvalue()


def test_headline_on_a_masthead_graphic_stays_text() -> None:
    """The series name at 26 pt drawn over the header graphic is the document's headline, not a
    diagram label: the graphic is no figure that swallows it (and the publisher lines)."""
    doc = docparse.parse(_report_with_masthead_graphic())
    kinds = {r.text.strip(): r.kind for r in doc.pages[0].regions}
    assert kinds.get("Issue Brief") is RegionKind.HEADING, kinds
    assert not [r for r in doc.pages[0].regions if r.kind is RegionKind.FIGURE and "Issue Brief" in r.text]

"""Table structure on look-alikes of documents other renderers made (issue 15): row-group
labels placed at the top, middle or bottom of their rows, column-group headers, stub columns,
group title rows, zebra stripes, frames with a header fill, light inner rules, tables across
pages. Each test builds its PDF (ReportLab, or the WeasyPrint CLI when installed) and asserts
the exact grid and spans."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.table_lookalikes import (
    GROUPS,
    budget_statement,
    chromium,
    grid_of,
    group_header_grid,
    html_page,
    html_table,
    reportlab_table,
    stub_table,
    two_column_page,
    values,
    weasyprint,
)

G4 = {"North": ["Revenue", "Margin", "Returns", "Sessions"], "South": ["Margin", "Returns"],
      "East": ["Revenue", "Sessions", "Margin", "Visits"], "West": ["Units"]}


def _tables(path: Path):
    import docparse

    return [r.table for r in docparse.parse(path).tables if r.table is not None]


def _spans(table) -> set[tuple[int, int, int, int, str]]:
    return {(c.row, c.col, c.rowspan, c.colspan, c.text) for c in table.cells if c.rowspan > 1 or c.colspan > 1}


def _group_spans(groups: dict[str, list[str]], first_row: int) -> set[tuple[int, int, int, int, str]]:
    out, r = set(), first_row
    for g, rows in groups.items():
        if len(rows) > 1:
            out.add((r, 0, len(rows), 1, g))
        r += len(rows)
    return out


@pytest.mark.parametrize("valign", ["MIDDLE", "BOTTOM", "TOP"])
@pytest.mark.parametrize("rules", [True, False], ids=["booktabs", "borderless"])
@pytest.mark.parametrize("groups", [GROUPS, G4], ids=["odd", "mixed"])
def test_row_group_label_spans_its_rows(tmp_path: Path, valign: str, rules: bool, groups) -> None:
    """"South" centred (or bottom/top aligned) beside Margin / Returns / Sessions is one cell
    spanning those rows, not a label on one row with the others empty; the stub columns and
    their rows stay in the table."""
    data, style, expected = stub_table(groups, col_groups=False, rules=rules, valign=valign)
    (table,) = _tables(reportlab_table(tmp_path / "t.pdf", data, style))
    assert table.grid(fill_merged=True) == expected
    assert table.header_rows == 1
    assert _spans(table) == _group_spans(groups, 1)


@pytest.mark.parametrize("rules", [True, False], ids=["booktabs", "borderless"])
def test_column_group_header_spans_its_sub_columns(tmp_path: Path, rules: bool) -> None:
    """"2019" over H1 | H2 spans those two columns; Segment / Metric, centred over the two
    header lines, span both; row groups still span their rows."""
    data, style, expected = stub_table(G4, col_groups=True, rules=rules, valign="MIDDLE")
    (table,) = _tables(reportlab_table(tmp_path / "t.pdf", data, style))
    assert table.grid(fill_merged=True) == expected
    assert table.header_rows == 2
    header = {(0, 0, 2, 1, "Segment"), (0, 1, 2, 1, "Metric"), (0, 2, 1, 2, "2019"), (0, 4, 1, 2, "2020")}
    assert _spans(table) == header | _group_spans(G4, 2)


H6 = [["Site", "Segment", "Units", "Revenue", "Margin", "Growth"]]


def _body(n: int, k0: int = 0) -> list[list[str]]:
    return [[f"Site {k + k0}", ["Retail", "Online", "Wholesale"][k % 3], *values(k + k0)] for k in range(n)]


def test_group_title_rows_span_the_table(tmp_path: Path) -> None:
    """Full-width row-group titles ("Alpine" across six columns) keep their colspan, the first
    one is not pulled into the header, and header cells get no rowspans."""
    head = [["Resort", "Rooms", "Occupancy", "Rate", "Revenue", "Staff"]]
    rows = [[f"Hotel {k}", *values(k, 5)] for k in range(9)]
    # titles longer than the first column: the text itself shows the span (WeasyPrint draws
    # the shading through a page-sized clipped path, which gives no band to read)
    titles = {0: "Alpine resorts and lodges", 3: "Coastal hotels", 6: "Urban business hotels"}
    css = ("tbody tr:nth-child(odd) td { background: #f0f0f0 } tr.group td { font-weight: bold; background: #d8e0ea }")
    pdf = weasyprint(html_page(html_table(head, rows, titles, 6), css), tmp_path / "t.pdf")
    (table,) = _tables(pdf)
    assert table.grid(fill_merged=True) == grid_of(head, rows, titles, 6)
    assert table.header_rows == 1
    assert _spans(table) == {(1, 0, 1, 6, "Alpine resorts and lodges"), (5, 0, 1, 6, "Coastal hotels"),
                             (9, 0, 1, 6, "Urban business hotels")}


def test_paragraph_end_is_not_a_header_line(tmp_path: Path) -> None:
    """The last line of the paragraph right above a borderless zebra table stays text."""
    rows = _body(14)
    css = "tbody tr:nth-child(even) td { background: #e8eef4 } th { text-align: left; border-bottom: 1px solid #888 }"
    (table,) = _tables(weasyprint(html_page(html_table(H6, rows), css), tmp_path / "t.pdf"))
    assert table.grid() == grid_of(H6, rows)
    assert table.header_rows == 1


ZEBRA = "tbody tr:nth-child(even) td { background: #e8eef4 } th { text-align: left; border-bottom: 1px solid #888 }"


def test_zebra_table_is_one_table_with_every_row(tmp_path: Path) -> None:
    """Chromium fills each shaded cell: the shaded rows are stripes of one table, not one-row
    tables of their own (nor output twice), and the plain rows stay in it."""
    rows = _body(14)
    (table,) = _tables(chromium(html_page(html_table(H6, rows), ZEBRA), tmp_path / "t.pdf"))
    assert table.grid() == grid_of(H6, rows)
    assert table.header_rows == 1


def test_zebra_table_with_group_titles(tmp_path: Path) -> None:
    """Stripes, full-width group titles and a last plain row under the last stripe: one table."""
    head = [["Resort", "Rooms", "Occupancy", "Rate", "Revenue", "Staff"]]
    rows = [[f"Hotel {k}", *values(k, 5)] for k in range(9)]
    titles = {0: "Alpine", 3: "Coastal", 6: "Urban"}
    css = "tbody tr:nth-child(odd) td { background: #f0f0f0 } tr.group td { font-weight: bold; background: #d8e0ea }"
    (table,) = _tables(chromium(html_page(html_table(head, rows, titles, 6), css), tmp_path / "t.pdf"))
    assert table.grid(fill_merged=True) == grid_of(head, rows, titles, 6)
    assert table.header_rows == 1


def test_zebra_table_across_pages_is_joined(tmp_path: Path) -> None:
    """A striped table with an unshaded header, repeated on the next page: one table, the
    stripes give no header rule (the first body row is no header line)."""
    rows = [[f"Item {k}", ["Retail", "Online", "Wholesale"][k % 3], *[str(k % 9 + 1)] * 4] for k in range(45)]
    intro = "<p>Intro paragraph with enough words to be a paragraph of running text in this report.</p>" * 18
    html = html_page(html_table(H6, rows), "td:nth-child(n+3) { text-align: right } " + ZEBRA.split(" th")[0])
    html = html.replace("<h2>Regional results</h2>", "<h2>Regional results</h2>" + intro)
    (table,) = _tables(chromium(html, tmp_path / "t.pdf"))
    assert table.continued_on_pages == [2]
    assert table.grid() == grid_of(H6, rows)
    assert table.header_rows == 1


def test_header_labels_apart_from_right_aligned_numbers(tmp_path: Path) -> None:
    """Header labels set at the left of their cells over narrow right-aligned numbers each head
    their own column ("Units" was glued to "Segment"), and the halves of the table on two pages
    (numbers of another width on the second page) are joined."""
    rows = [[f"Item {k}", ["Retail", "Online", "Wholesale"][k % 3]]
            + [f"{(k * 7919) % 9000000 + 1000000:,}" if k >= 26 else str(k % 9 + 1) for _ in range(4)] for k in range(45)]
    intro = "<p>Intro paragraph with enough words to be a paragraph of running text in this report.</p>" * 18
    html = html_page(html_table(H6, rows), "td:nth-child(n+3) { text-align: right } th { text-align: left }")
    html = html.replace("<h2>Regional results</h2>", "<h2>Regional results</h2>" + intro)
    (table,) = _tables(weasyprint(html, tmp_path / "t.pdf"))
    assert table.continued_on_pages == [2]
    assert table.grid() == grid_of(H6, rows)


def test_budget_statement_header_and_groups(tmp_path: Path) -> None:
    """camelot budget.pdf look-alike: the line-by-line ruled header and the unruled body are one
    table; the header is the three ruled lines; Plan and Non-Plan span their three sub-columns
    (one rule is drawn under both); the long ministry rows stay table rows."""
    labels, n_body = budget_statement(tmp_path / "t.pdf")
    (table,) = _tables(tmp_path / "t.pdf")
    assert table.header_rows == 3
    assert table.n_rows == 3 + n_body
    spans = {(c.text, c.col, c.colspan) for c in table.cells if c.is_header}
    assert ("Plan", 1, 3) in spans and ("Non-Plan", 4, 3) in spans
    assert [row[0] for row in table.grid()[3:]] == labels


def test_group_labels_over_sub_labels_in_one_ruled_cell(tmp_path: Path) -> None:
    """NICS look-alike: "Pre-Pawn" written over Handgun | Long Gun | Other inside one ruled
    header cell spans those three columns on its own header row; it is not glued into the
    middle sub-label ("Pre-Pawn Long Gun")."""
    header, n_body = group_header_grid(tmp_path / "t.pdf")
    (table,) = _tables(tmp_path / "t.pdf")
    assert table.header_rows == 2
    assert table.n_rows == 2 + n_body
    assert table.grid(fill_merged=True)[:2] == header
    assert {(c.text, c.col, c.colspan) for c in table.cells if c.row == 0 and c.colspan > 1} == {
        ("Pre-Pawn", 2, 3), ("Redemption", 5, 3), ("Returned", 8, 3)}


def test_row_number_is_its_own_cell(tmp_path: Path) -> None:
    """A row-number column set close to its labels ("12 Challenge"): the number is its own cell."""
    from reportlab.pdfgen import canvas

    path = tmp_path / "t.pdf"
    c = canvas.Canvas(str(path))
    c.setFont("Helvetica-Bold", 9)
    head = ["No.", "Exercise", "Sets", "Reps", "Rest"]
    for x, text in zip((72, 90, 250, 300, 350), head, strict=True):
        c.drawString(x, 700, text)
    c.setFont("Helvetica", 9)
    names = ["Warm up", "Squat", "Plank", "Lunge", "Push up", "Row", "Dip", "Curl", "Press", "Jump", "Crunch", "Challenge"]
    expected = [head]
    for k, name in enumerate(names, start=1):
        y = 700 - 14 * k
        c.drawRightString(84, y, str(k))
        c.drawString(90, y, name)
        row = [str(k), name, str(k % 4 + 2), str(10 + k), f"{30 + k}s"]
        for x, text in zip((250, 300, 350), row[2:], strict=True):
            c.drawString(x, y, text)
        expected.append(row)
    c.save()
    (table,) = _tables(path)
    assert table.grid() == expected


def test_centred_header_over_left_aligned_labels_and_year_columns(tmp_path: Path) -> None:
    """A small borderless table whose header is years (numbers that head columns) and whose
    stub header is centred over left-aligned labels: found, one header row, four columns."""
    head = [["Unit", "2014", "2015", "2019"]]
    rows = [["Linz", "1,304", "7.7%", "75,156"], ["Poznan", "91,489", "−0.6%", "61,599"],
            ["Lyon", "9,114", "34.9%", "3,878"], ["Udine", "32,191", "8.9%", "70,269"]]
    css = "table { width: 90% } th { text-align: center } td { text-align: left } td + td { text-align: right }"
    (table,) = _tables(weasyprint(html_page(html_table(head, rows), css), tmp_path / "t.pdf"))
    assert table.grid() == grid_of(head, rows)
    assert table.header_rows == 1


def test_small_print_columns_four_points_apart() -> None:
    """6 pt figures whose columns are 4.2 pt apart (the gap that already splits their cells)
    are separate column bands (the 4 pt minimum had merged them in sampling)."""
    from docparse.options.tables import GridOptions
    from docparse.pages.analysis import Word
    from docparse.tablegrid.text import segment_rows
    from docparse.tablegrid.textgrid import column_bands

    words = [Word("Metric", (72.0, 700.0, 92.0, 706.0), 0, 0)]
    for k in range(6):
        y = 710.0 + 9 * k
        words.append(Word(f"Item{k}", (72.0, y, 95.0, y + 6.0), 0, k + 1))
        words += [Word(f"{k}{j},009", (110.0 + 22.6 * j, y, 128.4 + 22.6 * j, y + 6.0), 0, k + 1) for j in range(4)]
    rows = segment_rows(words, 0.55, 4.0)
    assert len(column_bands(rows, GridOptions())) == 5


def test_table_continued_in_the_next_column(tmp_path: Path) -> None:
    """A long table that breaks from the foot of the left column to the top of the right one,
    its header repeated, is one table; the paragraph lines beside it stay out of it."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph, Table, TableStyle

    path = tmp_path / "t.pdf"
    ss = getSampleStyleSheet()
    doc = BaseDocTemplate(str(path), pagesize=A4)
    w = (doc.width - 20) / 2
    frames = [Frame(doc.leftMargin, doc.bottomMargin, w, doc.height, id="left"),
              Frame(doc.leftMargin + w + 20, doc.bottomMargin, w, doc.height, id="right")]
    doc.addPageTemplates([PageTemplate(frames=frames)])
    text = ("Sales grew in most regions while costs stayed flat, and the new accounts listed below "
            "came on stream during the second half of the year under review. ")
    head = ["Account", "Region", "Orders", "Revenue"]
    rows = [[f"AC-{1000 + 37 * k}", ["North", "South", "West", "Coastal"][k % 4], str(100 + 7 * k), f"{20 + k},{k % 10}00"]
            for k in range(40)]
    story = [Paragraph(text * 8, ss["BodyText"]) for _ in range(5)]  # the table starts low in the left column
    story.append(Table([head, *rows], repeatRows=1, style=TableStyle([
        ("FONTSIZE", (0, 0), (-1, -1), 8), ("LINEABOVE", (0, 0), (-1, 0), 1, "black"),
        ("LINEBELOW", (0, 0), (-1, 0), 0.5, "black"), ("LINEBELOW", (0, -1), (-1, -1), 1, "black")])))
    story.extend(Paragraph(text * 4, ss["BodyText"]) for _ in range(2))
    doc.build(story)
    tables = _tables(path)
    assert [t.grid() for t in tables if "AC-1000" in str(t.grid())] == [[head, *rows]]


def test_group_title_left_at_the_foot_of_a_page(tmp_path: Path) -> None:
    """A row-group title ("Rural") that ends page 1 while its rows go on after the repeated
    header on page 2 is a full-width row of the one joined table, not a heading."""
    head = [["Product", "Visits", "Units", "Revenue", "Orders", "Leads"]]
    rows = [[f"Item {k}", *values(k, 5)] for k in range(8)]
    titles = {0: "Islands and coast", 4: "Rural districts"}  # longer than the first column: they span
    css = "th { border-bottom: 1px solid #000 } tr.group td { font-weight: bold }"
    html = html_page(html_table(head, rows, titles, 6), css).replace(
        '<tr class="group"><td colspan="6">Rural districts</td></tr>',
        '<tr class="group" style="break-after: page"><td colspan="6">Rural districts</td></tr>')
    pdf = weasyprint(html, tmp_path / "t.pdf")
    (table,) = _tables(pdf)
    assert table.continued_on_pages == [2]
    assert table.grid(fill_merged=True) == grid_of(head, rows, titles, 6)
    import docparse

    assert "Rural districts" not in docparse.parse(pdf).to_markdown().split("</table>", 1)[1]


def test_table_ending_the_left_column_continues_on_the_next_page(tmp_path: Path) -> None:
    """Two-column page: a table ends the left column while the right column goes on with text;
    its rest (header repeated) opens the next page. The two parts are one table."""
    from reportlab.pdfgen import canvas

    path = tmp_path / "t.pdf"
    c = canvas.Canvas(str(path))
    head = ["Unit", "Visits", "Orders", "Revenue"]
    rows = [[f"Site {k}", str(100 + 13 * k), str(20 + 7 * k), f"{k + 3},{k}50"] for k in range(8)]
    xs = (60.0, 130.0, 185.0, 240.0)

    def draw(top: float, part: list[list[str]]) -> None:
        c.setFont("Helvetica-Bold", 9)
        for x, t in zip(xs, head, strict=True):
            c.drawString(x, top, t)
        c.setLineWidth(0.6)
        c.line(58, top - 4, 285, top - 4)
        c.setFont("Helvetica", 9)
        for k, row in enumerate(part):
            for x, t in zip(xs, row, strict=True):
                c.drawString(x, top - 16 - 13 * k, t)

    c.setFont("Helvetica", 10)
    sentence = "Results improved in most regions while costs stayed within the plan for the year."
    for k in range(40):
        c.drawString(60, 760 - 14 * k, sentence[:48]) if k < 30 else None
        c.drawString(310, 760 - 14 * k, sentence[(k % 3):][:48])
    draw(300 - 14 * 10 + 40, rows[:4])
    c.showPage()
    draw(770, rows[4:])
    c.setFont("Helvetica", 10)
    for k in range(10):
        c.drawString(60, 640 - 14 * k, sentence)
    c.save()
    tables = [t for t in _tables(path) if t.n_rows]
    assert [t.grid() for t in tables] == [[head, *rows]]


def test_shaded_group_title_under_the_header_is_no_header_line() -> None:
    """The rule under a shaded first group title ("Overseas") is no header rule: one header row."""
    from docparse.tablegrid.grid import GridCell, detect_header_rows

    def cell(r: int, c: int, text: str) -> GridCell:
        return GridCell(r, c, 1, 7 if text == "Overseas" else 1, text, (10.0 + 40 * c, 10.0 + 12 * r, 40.0 + 40 * c, 19.0 + 12 * r))

    cells = [cell(0, c, t) for c, t in enumerate(["Segment", "Volume", "Orders", "Returns", "Cost", "Churn", "Backlog"])]
    cells.append(cell(1, 0, "Overseas"))
    cells += [cell(r, c, f"{r}{c}.5" if c else f"Site {r}") for r in (2, 3) for c in range(7)]
    assert detect_header_rows(cells, 4, 4, rule_y=34.0) == 1


def test_part_that_only_repeats_the_header_adds_no_row() -> None:
    """A continuation part holding only the repeated header adds nothing to the table."""
    from docparse.assembly.tables import merge_tables
    from docparse.document import Cell, Table

    head = ["Segment", "Volume"]
    first = Table(n_rows=3, n_cols=2, header_rows=1, cells=[
        Cell(row=r, col=c, text=t, is_header=r == 0) for r, row in enumerate([head, ["A", "1"], ["B", "2"]])
        for c, t in enumerate(row)])
    second = Table(n_rows=1, n_cols=2, header_rows=1, cells=[Cell(row=0, col=c, text=t, is_header=True)
                                                              for c, t in enumerate(head)])
    assert merge_tables(first, second).grid() == [head, ["A", "1"], ["B", "2"]]


def test_column_groups_of_three_under_one_shared_rule(tmp_path: Path) -> None:
    """ReportLab look-alike (families dev, "2021" / "2022" each over Q1 Q2 Q3 with one rule
    drawn under both): each year spans its own three sub-columns, not the stub columns and
    half of the next year's (the widest centred run had given "2021" six columns)."""
    from reportlab.lib import colors

    head = [["Segment", "Metric", "2021", "", "", "2022", "", ""], ["", "", "Q1", "Q2", "Q3", "Q1", "Q2", "Q3"]]
    groups = {"Direct": ["Refunds", "Margin", "Leads", "Backlog"], "Enterprise": ["Returns", "Refunds", "Backlog"]}
    data = [list(r) for r in head]
    style: list[tuple] = [("FONTSIZE", (0, 0), (-1, -1), 9), ("FONTNAME", (0, 0), (-1, 1), "Helvetica-Bold"),
                          ("ALIGN", (2, 0), (-1, -1), "RIGHT"), ("ALIGN", (2, 0), (-1, 0), "CENTER"),
                          ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                          ("SPAN", (0, 0), (0, 1)), ("SPAN", (1, 0), (1, 1)), ("SPAN", (2, 0), (4, 0)), ("SPAN", (5, 0), (7, 0)),
                          ("LINEABOVE", (0, 0), (-1, 0), 1.2, colors.black),
                          ("LINEBELOW", (2, 0), (-1, 0), 0.5, colors.black),  # one rule under both years
                          ("LINEBELOW", (0, 1), (-1, 1), 0.6, colors.black),
                          ("LINEBELOW", (0, -1), (-1, -1), 1.2, colors.black)]
    k, r = 0, 2
    for g, metrics in groups.items():
        for j, m in enumerate(metrics):
            data.append([g if j == 0 else "", m, *[f"{(k * 37 + i * 13) % 90 + 10},{k}{i}5" for i in range(6)]])
            k += 1
        style.append(("SPAN", (0, r), (0, r + len(metrics) - 1)))
        r += len(metrics)
    (table,) = _tables(reportlab_table(tmp_path / "t.pdf", data, style))
    assert table.header_rows == 2
    header = {(c.row, c.col, c.rowspan, c.colspan, c.text) for c in table.cells if c.is_header and c.text}
    assert header == {(0, 0, 2, 1, "Segment"), (0, 1, 2, 1, "Metric"), (0, 2, 1, 3, "2021"), (0, 5, 1, 3, "2022"),
                      *{(1, 2 + i, 1, 1, q) for i, q in enumerate(["Q1", "Q2", "Q3"] * 2)}}
    assert table.grid()[2][:3] == ["Direct", "Refunds", data[2][2]]


@pytest.mark.parametrize("column", [0, 1], ids=["left", "right"])
def test_borderless_table_in_one_column_of_a_two_column_page(tmp_path: Path, column: int) -> None:
    """A borderless table inside one column of a two-column page (pdflatex ``twocolumn``):
    every table row shares its height with a line of running text in the other column, which
    made the page-wide rows prose; it is found in its column, with all rows and columns."""
    data = [["Product", "Apr", "Mar", "May"]] + [[p, *values(k, 3)] for k, p in
                                                  enumerate(["Maple", "Spruce", "Alder", "Laurel", "Aspen"])]
    data.append(["Total", "1,204", "1,377", "1,190"])
    tables = _tables(two_column_page(tmp_path / "t.pdf", data, column))
    assert [t.grid() for t in tables] == [data]


def _grid_style() -> list[tuple]:
    return [("FONTSIZE", (0, 0), (-1, -1), 8), ("FONTNAME", (0, 0), (-1, 1), "Helvetica-Bold"),
            ("GRID", (0, 0), (-1, -1), 0.5, "#5b9bd5"), ("ALIGN", (2, 0), (-1, -1), "RIGHT"),
            ("SPAN", (2, 0), (3, 0)), ("SPAN", (4, 0), (5, 0)), ("SPAN", (0, 0), (0, 1)), ("SPAN", (1, 0), (1, 1))]


def _grid_rows(n: int) -> tuple[list[list[str]], list[list[str]]]:
    head = [["Segment", "Metric", "2018", "", "2020", ""], ["", "", "Plan", "Actual", "Plan", "Actual"]]
    return head, [[f"Unit {k}", ["Orders", "Margin", "Leads"][k % 3], *values(k)] for k in range(n)]


def test_numbered_list_right_above_a_ruled_table_stays_out_of_it(tmp_path: Path) -> None:
    """A numbered list ending just above a fully ruled table (LibreOffice: one line apart) is
    no header of the table: its "1. Report visits weekly ..." lines had been taken as header
    lines of a rule-bounded block, which then replaced the ruled grid."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    ss = getSampleStyleSheet()
    items = ["Report visits weekly to the steering group", "Train staff on the new ordering system",
             "Publish monthly margin figures by region", "Introduce a loyalty offer for Partner customers",
             "Extend the Willow range into Retail accounts"]
    head, rows = _grid_rows(5)
    path = tmp_path / "t.pdf"
    story = [Paragraph("Key drivers", ss["Heading2"])]
    from reportlab.lib.styles import ParagraphStyle

    item = ParagraphStyle("item", ss["BodyText"], leftIndent=22, bulletIndent=4, spaceBefore=0, spaceAfter=0)
    story += [Paragraph(t, item, bulletText=f"{k + 1}.") for k, t in enumerate(items)]
    story += [Spacer(1, 2), Table([*head, *rows], style=TableStyle(_grid_style()), colWidths=[100, 80, 65, 65, 65, 64])]
    SimpleDocTemplate(str(path), pagesize=A4).build(story)
    (table,) = _tables(path)
    assert table.header_rows == 2
    assert table.grid() == [head[0][:3] + ["", "2020", ""], head[1], *rows]


def test_table_across_pages_with_its_caption_under_the_last_part(tmp_path: Path) -> None:
    """A word processor's table broken across pages, header repeated, with its caption set
    under the table (so on the last page): the parts are one table, captioned once."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    ss = getSampleStyleSheet()
    head, rows = _grid_rows(12)
    path = tmp_path / "t.pdf"
    text = "Sales grew in most regions while costs stayed flat during the second half of the year. " * 6
    story = [Paragraph(text, ss["BodyText"]) for _ in range(7)]
    story += [Table([*head, *rows], repeatRows=2, style=TableStyle(_grid_style()), hAlign="LEFT"),
              Paragraph("Table 1. Figures by region", ss["Italic"]), Paragraph(text, ss["BodyText"])]
    SimpleDocTemplate(str(path), pagesize=A4).build(story)
    import docparse

    doc = docparse.parse(path)
    tables = [r for r in doc.tables if r.table is not None and r.table.n_rows]
    assert len(tables) == 1 and tables[0].table.continued_on_pages == [2]
    assert tables[0].table.grid() == [head[0][:3] + ["", "2020", ""], head[1], *rows]
    assert doc.to_markdown().count("Table 1. Figures by region") == 1


FRAME_FILL = ("table { border: 1px solid #333 } thead th { background: #dde3ea; text-align: right }"
              " thead th:first-child { text-align: center } tr.group td { font-weight: bold }"
              " td + td { text-align: right }")


def test_frame_with_header_fill_and_flush_group_titles(tmp_path: Path) -> None:
    """WeasyPrint look-alike (families dev "frame-fill"): an outer frame and a header fill, no
    inner rules. The frame gives no columns, so the text chain reads them: "2017" set right over
    Actual | Plan | Var. spans those three columns, "Region" spans both header lines, and the
    bold group titles written flush with their rows' labels span the table."""
    head = [["Region|r2", "2017|3"], ["Actual", "Plan", "Var."]]
    rows = [["Padua", "6.75", "731.2", "2.94"], ["Murcia", "7.50", "816.6", "6.99"],
            ["Zagreb", "0.97", "714.4", "2.47"], ["Tampere", "9.86", "142.2", "9.40"]]
    titles = {0: "Public sector", 2: "Overseas"}
    pdf = weasyprint(html_page(html_table(head, rows, titles, 4), FRAME_FILL + " table { width: 100% }"),
                     tmp_path / "t.pdf")
    (table,) = _tables(pdf)
    assert table.header_rows == 2
    assert table.grid(fill_merged=True) == grid_of(head, rows, titles, 4)
    assert _spans(table) == {(0, 0, 2, 1, "Region"), (0, 1, 1, 3, "2017"), (2, 0, 1, 4, "Public sector"),
                             (5, 0, 1, 4, "Overseas")}


def test_group_titles_flush_with_their_rows_span_the_table(tmp_path: Path) -> None:
    """ReportLab booktabs look-alike (families dev group_rows): bold titles ("West") in the
    label column, flush with their rows' labels and no longer than them, span every column."""
    from reportlab.lib import colors

    head = ["Product", "Units", "Refunds", "Leads"]
    groups = {"West": ["Rowan", "Linden"], "Highlands": ["Poplar", "Laurel", "Cedar"], "North": ["Aspen", "Willow"]}
    data, expected = [head], [head]
    style: list[tuple] = [("FONTSIZE", (0, 0), (-1, -1), 9), ("FONTNAME", (0, 0), (-1, 0), "Times-Bold"),
                          ("ALIGN", (1, 1), (-1, -1), "RIGHT"), ("LINEABOVE", (0, 0), (-1, 0), 1.2, colors.black),
                          ("LINEBELOW", (0, 0), (-1, 0), 0.6, colors.black),
                          ("LINEBELOW", (0, -1), (-1, -1), 1.2, colors.black)]
    k = 0
    for g, items in groups.items():
        style += [("SPAN", (0, len(data)), (-1, len(data))), ("FONTNAME", (0, len(data)), (0, len(data)), "Times-Bold")]
        data.append([g, "", "", ""])
        expected.append([g] * 4)
        for item in items:
            row = [item, *[f"{(k * 37 + j * 13) % 90 + 10},{k}{j}1" for j in range(3)]]
            data.append(row)
            expected.append(row)
            k += 1
    (table,) = _tables(reportlab_table(tmp_path / "t.pdf", data, style))
    assert table.header_rows == 1
    assert table.grid(fill_merged=True) == expected
    assert {s for s in _spans(table)} == {(1, 0, 1, 4, "West"), (4, 0, 1, 4, "Highlands"), (8, 0, 1, 4, "North")}


def test_indented_items_keep_their_group_title_in_the_first_column() -> None:
    """A stub column with indented sub-items (ICDAR statistical tables) writes its group title
    as the first column's cell: no span (ICDAR 2013 us-019's truth)."""
    from docparse.tablegrid.grid import GridCell
    from docparse.tablegrid.rowgroups import group_label_rows

    def cell(r: int, c: int, text: str, x: float = 0.0) -> GridCell:
        x0 = 10.0 + x if c == 0 else 200.0 + 40 * c
        return GridCell(r, c, 1, 1, text, (x0, 10.0 + 12 * r, x0 + 60, 19.0 + 12 * r))

    labels = [("Public schools", 0.0), ("Enrollment", 0.0), ("Grades 9-12", 8.0), ("Teachers", 0.0)]
    cells = [cell(0, c, t) for c, t in enumerate(["Statistic", "1", "2"])]
    for r, (text, indent) in enumerate(labels, start=1):
        cells.append(cell(r, 0, text, indent))
        cells += [cell(r, c, f"{r}.{c}") for c in (1, 2)] if r > 1 else [cell(r, c, "") for c in (1, 2)]
    bands = [(10.0, 90.0), (240.0, 300.0), (280.0, 340.0)]
    out = group_label_rows(cells, 1, 5, bands, (), 1.5)
    assert not any(c.colspan > 1 for c in out)
    flush = [c for c in cells if c.row != 3] + [cell(3, 0, "Grades 9-12")] + [c for c in cells if c.row == 3 and c.col]
    assert [c.colspan for c in group_label_rows(flush, 1, 5, bands, (), 1.5) if c.text == "Public schools"] == [3]


def test_header_rule_is_not_a_rule_under_the_first_body_row(tmp_path: Path) -> None:
    """WeasyPrint look-alike (families dev "shaded-header;colgroups"): a dark header fill with
    white labels, rules under every body row. The rule under the first body row is no header
    rule (that row has numbers), and "Capex" / "Backlog" above the header's second line, with
    "Division" centred beside both lines, stay in the table."""
    head = [["Division|r2", "Capex|2", "Backlog|2"], ["Actual", "Plan", "Actual", "Plan"]]
    rows = [["Bergen", "173.8", "399.8", "44,501", "631.8"], ["Lille", "288.6", "433.7", "62,554", "(137.3)"],
            ["Poznan", "(840.8)", "38.3", "25,508", "127.9"], ["Parma", "666.1", "(401.0)", "48,276", "(566.0)"]]
    css = ("thead th { background: #2c4a6e; color: white; text-align: center } td { border-bottom: 1px solid #bbb }"
           " td + td { text-align: right }")
    (table,) = _tables(weasyprint(html_page(html_table(head, rows), css), tmp_path / "t.pdf"))
    assert table.header_rows == 2
    assert table.grid(fill_merged=True) == grid_of(head, rows)


def test_table_ruled_above_each_row_broken_at_a_page_foot(tmp_path: Path) -> None:
    """LibreOffice draws a banded table's row borders above each row: broken at the foot of a
    page, its last row there has a rule above and none below. That row stays in the table
    (it had become loose paragraphs, and the parts were then not joined)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    ss = getSampleStyleSheet()
    head = ["Account", "Region", "Segment", "Orders", "Revenue"]
    rows = [[f"AC-{1000 + 37 * k}-{k:02d}", ["North", "South", "West", "Coastal"][k % 4],
             ["Online", "Retail", "Small Business"][k % 3], str(100 + 7 * k), f"{20 + k},{k % 10}00"] for k in range(60)]
    style = [("FONTSIZE", (0, 0), (-1, -1), 9), ("FONTNAME", (0, 0), (-1, 0), "Helvetica-Bold"),
             ("ALIGN", (1, 0), (-1, -1), "RIGHT"), ("LINEABOVE", (0, 0), (-1, -1), 0.5, "#4f81bd"),
             ("BACKGROUND", (0, 0), (-1, 0), "#dbe5f1")]
    style += [("LINEAFTER", (0, k), (-2, k), 0.5, "#4f81bd") for k in range(1, 61, 2)]
    path = tmp_path / "t.pdf"
    text = "Sales grew in most regions while costs stayed flat during the second half of the year. " * 5
    story = [Paragraph(text, ss["BodyText"]) for _ in range(3)]
    story += [Table([head, *rows], repeatRows=1, style=TableStyle(style), colWidths=[100, 90, 100, 70, 79]),
              Paragraph(text, ss["BodyText"])]
    SimpleDocTemplate(str(path), pagesize=A4).build(story)
    tables = [t for t in _tables(path) if t.n_rows]
    assert [t.grid() for t in tables] == [[head, *rows]]


def test_frame_with_a_header_filled_cell_by_cell_keeps_its_row_groups(tmp_path: Path) -> None:
    """Chromium look-alike (families dev "frame-fill;rowspan-groups"): Chromium fills each header
    cell on its own, so the rulings give columns in the header row only and one framed cell
    below it. The body's columns come from the text, and "Overseas", centred beside its three
    rows, spans them (the ruled chain had left it on the middle row)."""
    head = ["Division", "Line item", "Orders", "Yield", "Sessions", "Backlog"]
    groups = {"Overseas": ["Orders", "Returns", "Complaints"], "Nordics": ["Orders", "Returns", "Complaints"]}
    body, expected, k = [], [head], 0
    for g, items in groups.items():
        for j, item in enumerate(items):
            vals = values(k)
            first = f'<td rowspan="{len(items)}">{g}</td>' if j == 0 else ""
            body.append("<tr>" + first + "".join(f"<td>{t}</td>" for t in [item, *vals]) + "</tr>")
            expected.append([g, item, *vals])
            k += 1
    html_tab = ("<table><thead><tr>" + "".join(f"<th>{h}</th>" for h in head) + "</tr></thead><tbody>"
                + "".join(body) + "</tbody></table>")
    css = "table { border: 1px solid #333 } thead th { background: #d9d9d9 } td + td { text-align: right }"
    (table,) = _tables(chromium(html_page(html_tab, css), tmp_path / "t.pdf"))
    assert table.header_rows == 1
    assert table.grid(fill_merged=True) == expected
    assert _spans(table) == {(1, 0, 3, 1, "Overseas"), (4, 0, 3, 1, "Nordics")}


def test_zebra_stripes_beside_an_unstriped_group_column(tmp_path: Path) -> None:
    """Chromium look-alike (families dev "zebra;rowspan-groups"): the stripes and rules start at
    the second column, the group labels ("Iberia" centred beside its four rows) stand unstriped
    left of them. The label column belongs to the table and each label spans its rows."""
    head = ["Unit", "Metric", "Headcount", "Churn", "Sessions", "Growth"]
    groups = {"Iberia": ["Orders", "Active users", "Staff", "Returns"],
              "Wholesale": ["Orders", "Active users", "Staff", "Returns"]}
    body, expected, k = [], [head], 0
    for g, items in groups.items():
        for j, item in enumerate(items):
            vals = values(k)
            first = f'<td rowspan="{len(items)}" class="g">{g}</td>' if j == 0 else ""
            body.append("<tr>" + first + "".join(f"<td>{t}</td>" for t in [item, *vals]) + "</tr>")
            expected.append([g, item, *vals])
            k += 1
    html_tab = ("<table><thead><tr>" + "".join(f"<th>{h}</th>" for h in head) + "</tr></thead><tbody>"
                + "".join(body) + "</tbody></table>")
    css = ("thead th { border-top: 1.5px solid #000; border-bottom: 1px solid #000 }"
           " tbody tr:nth-child(even) td { background: #dfe7f1 } td.g { background: none !important;"
           " font-weight: bold } td + td { text-align: right }")
    (table,) = _tables(chromium(html_page(html_tab, css), tmp_path / "t.pdf"))
    assert table.grid(fill_merged=True) == expected
    assert _spans(table) == {(1, 0, 4, 1, "Iberia"), (5, 0, 4, 1, "Wholesale")}


def test_table_broken_right_after_its_first_rows_at_a_page_foot(tmp_path: Path) -> None:
    """A ruled header (rules above and below it) with one row-group label and one row under
    it at the foot of a page, the rest after the repeated header on the next page with the
    caption under it: the first part is a table too, and the parts are one table whose group
    titles are all read alike."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    ss = getSampleStyleSheet()
    head = ["Product", "Visits", "Revenue", "Orders", "Units", "Leads"]
    groups = {"South": ["Maple", "Linden", "Cedar", "Willow"], "Metro": ["Linden", "Hazel", "Spruce"],
              "North": ["Linden", "Willow"]}
    data: list[list[str]] = [head]
    style: list[tuple] = [("FONTSIZE", (0, 0), (-1, -1), 9), ("FONTNAME", (0, 0), (-1, 0), "Helvetica-Bold"),
                          ("ALIGN", (1, 1), (-1, -1), "RIGHT"), ("LINEABOVE", (0, 0), (-1, 0), 1, "black"),
                          ("LINEBELOW", (0, 0), (-1, 0), 0.5, "black"), ("LINEBELOW", (0, -1), (-1, -1), 1, "black")]
    k = 0
    for g, items in groups.items():
        style.append(("FONTNAME", (0, len(data)), (0, len(data)), "Helvetica-Bold"))
        data.append([g, "", "", "", "", ""])
        for item in items:
            data.append([item, *[f"{(k * 37 + j * 13) % 90 + 10},{k % 10}{j}1" for j in range(5)]])
            k += 1
    path = tmp_path / "t.pdf"
    text = "Sales grew in most regions while costs stayed flat during the second half of the year. " * 6
    story = [Paragraph(text, ss["BodyText"]) for _ in range(7)] + [Spacer(1, 76)]
    story += [Table(data, repeatRows=1, style=TableStyle(style), colWidths=[90, 70, 70, 70, 70, 70], hAlign="LEFT"),
              Paragraph("Table 3. Half-year results", ss["Italic"]), Paragraph(text, ss["BodyText"])]
    SimpleDocTemplate(str(path), pagesize=A4).build(story)
    import docparse

    tables = [r.table for r in docparse.parse(path).tables if r.table is not None and r.table.n_rows]
    assert len(tables) == 1 and tables[0].continued_on_pages == [2]
    table = tables[0]
    assert [row[0] for row in table.grid()] == [row[0] for row in data]
    assert len({c.colspan for c in table.cells if c.text in groups}) == 1  # every title alike


def test_last_row_over_a_rule_short_of_the_group_label_column(tmp_path: Path) -> None:
    """Row groups ruled in full between groups and from the second column on inside a group:
    a table broken at a page foot inside a group ends on such a short rule. Its last row
    ("Coastal | Leads ...") stays in the table (it had been left out, then read as footnotes)."""
    from reportlab.pdfgen import canvas

    path = tmp_path / "t.pdf"
    c = canvas.Canvas(str(path))
    head = ["Region", "Metric", "Q1", "Q2", "Q3", "Q4"]
    xs = (62.0, 142.0, 250.0, 320.0, 390.0, 460.0)
    body = [["Highlands", "Leads", *values(0)], ["", "Backlog", *values(1)], ["", "Margin", *values(2)],
            ["East", "Returns", *values(3)], ["", "Headcount", *values(4)], ["Coastal", "Leads", *values(5)],
            ["", "Churn", *values(6)], ["", "Orders", *values(7)]]
    starts = {0, 3, 5}  # first row of each group: full rule above it

    def draw(top: float, rows: list[list[str]], first: int, close: bool) -> None:
        c.setFillGray(0.25)
        c.rect(58, top - 5, 462, 16, stroke=0, fill=1)
        c.setFillGray(1.0)
        c.setFont("Helvetica-Bold", 9)
        for x, t in zip(xs, head, strict=True):
            c.drawString(x, top, t)
        c.setFillGray(0.0)
        c.setFont("Helvetica", 9)
        c.setLineWidth(0.5)
        for k, row in enumerate(rows):
            y = top - 18 - 14 * k
            c.line(58 if first + k in starts or k == 0 else 138, y + 11, 520, y + 11)
            for x, t in zip(xs, row, strict=True):
                c.drawString(x, y, t)
        y = top - 18 - 14 * (len(rows) - 1) - 4
        c.line(58 if close else 138, y, 520, y)

    c.setFont("Helvetica", 10)
    for k in range(30):
        c.drawString(62, 780 - 14 * k, "Results improved in most regions while costs stayed within the plan.")
    draw(330, body[:6], 0, close=False)
    c.setFont("Helvetica", 8)
    c.line(62, 210, 160, 210)
    c.drawString(62, 198, "1 Figures are unaudited and may be restated.")
    c.showPage()
    draw(780, body[6:], 6, close=True)
    c.setFont("Helvetica", 10)
    for k in range(10):
        c.drawString(62, 700 - 14 * k, "Results improved in most regions while costs stayed within the plan.")
    c.save()
    tables = [t for t in _tables(path) if t.n_rows]
    assert [row[:2] for row in tables[0].grid(fill_merged=False)][:7] == [head[:2]] + [r[:2] for r in body[:6]]


def test_number_columns_set_tight_are_separate_columns(tmp_path: Path) -> None:
    """ReportLab look-alike (families dev, 8 pt numbers with 3 pt cell padding): numbers of
    neighbouring columns 6 pt apart (less than the gap that splits words into cells) are two
    cells, not one value "2,701 14,409 83,015" across three columns."""
    from reportlab.lib import colors

    head = ["Segment", "Metric", "Plan", "Actual", "Plan", "Actual"]
    data = [head]
    for k, (seg, metric) in enumerate([("Direct", "Tickets"), ("Direct", "Leads"), ("Wholesale", "Headcount"),
                                       ("Wholesale", "Tickets"), ("Retail", "Backlog"), ("Retail", "Refunds")]):
        data.append([seg, metric, *[f"{(k * 7919 + j * 3571) % 90000 + 10000:,}" for j in range(4)]])
    style: list[tuple] = [("FONTSIZE", (0, 0), (-1, -1), 8), ("FONTNAME", (0, 0), (-1, 0), "Helvetica-Bold"),
                          ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3),
                          ("ALIGN", (2, 0), (-1, -1), "RIGHT"), ("LINEABOVE", (0, 0), (-1, 0), 1.2, colors.black),
                          ("LINEBELOW", (0, 0), (-1, 0), 0.6, colors.black), ("LINEBELOW", (0, -1), (-1, -1), 1.2, colors.black)]
    (table,) = _tables(reportlab_table(tmp_path / "t.pdf", data, style))
    assert table.grid() == data


def test_text_column_beside_a_ruled_table_stays_out() -> None:
    """ReportLab two-column look-alike (families dev "ruled:simple_total"): running text in the
    other page column at the height of a ruled table. Its lines, cut where the search for an
    unruled label column ends, looked short like row labels and became a sixth column; lines
    that run on past that reach are a text column and stay out."""
    from docparse.document import TableStyle
    from docparse.pages.analysis import Word
    from docparse.regions.tables import Candidate, extend_to_label_columns

    cand = Candidate((49.0, 567.0, 258.0, 637.0), TableStyle.RULED)
    rules = [567.0, 581.0, 595.0, 609.0, 623.0, 637.0]
    grid = [Word(t, (55.0 + 45 * j, 571.0 + 14 * k, 80.0 + 45 * j, 580.0 + 14 * k), 0, k)
            for k in range(5) for j, t in enumerate(["Item", "1", "2", "3", "4"])]
    text = [Word("word", (315.0 + 28 * j, 570.0 + 14 * k, 338.0 + 28 * j, 579.0 + 14 * k), 1, k)
            for k in range(5) for j in range(9)]  # lines to x 561
    assert extend_to_label_columns(cand, grid + text, rules).bbox == cand.bbox
    labels = [Word(f"Label{k}", (275.0, 571.0 + 14 * k, 305.0, 580.0 + 14 * k), 2, k) for k in range(5)]
    assert extend_to_label_columns(cand, grid + labels, rules).bbox[2] > 300  # real labels still join


def test_source_line_in_its_own_ruled_band_under_a_grid_stays_out(tmp_path: Path) -> None:
    """A fully ruled grid with a "Source: ... | date" line under it, closed by a rule of its own
    (camelot row_span_1): the line is no open last row of the grid."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.platypus import SimpleDocTemplate, Table, TableStyle

    head = ["Model", "Region", "Site", "Plan", "Enrollment"]
    rows = [[f"M{k}", ["North", "South", "West"][k % 3], f"Site {k}", f"Plan {k % 4}", str(100 + 37 * k)]
            for k in range(8)]
    rows.append(["", "", "", "All models total", "10,132,875"])  # a last row of two cells, as wide as the line under it
    data = [head, *rows, ["Source: Data Warehouse", "", "", "", "12/14/15"]]
    style = [("FONTSIZE", (0, 0), (-1, -1), 9), ("GRID", (0, 0), (-1, -2), 0.5, "black"),
             ("LINEBELOW", (0, -1), (-1, -1), 1.2, "black"), ("ALIGN", (-1, 0), (-1, -1), "RIGHT"),
             ("TOPPADDING", (0, -1), (-1, -1), 6)]
    path = tmp_path / "t.pdf"
    SimpleDocTemplate(str(path), pagesize=landscape(A4)).build([Table(data, style=TableStyle(style),
                                                                      colWidths=[150, 120, 120, 120, 150])])
    (table,) = _tables(path)
    assert table.grid() == [head, *rows]


def test_long_booktabs_table_whose_first_page_holds_many_rows(tmp_path: Path) -> None:
    """ReportLab look-alike (families dev "booktabs:long"): a table starts at mid-page with its
    top and header rules and runs 16 rows to the page foot with no bottom rule there (the rest,
    header repeated, on the next page). Every row under the lone header line joins it, not only
    the first 200 pt of them: the rows further down had become loose paragraphs and the two
    parts were not joined."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    head = ["Account", "Region", "Segment", "Orders", "Revenue"]
    rows = [[f"AC-{1000 + 37 * k}-{k:02d}", ["West", "Overseas", "Central", "East"][k % 4],
             ["Wholesale", "Consumer", "Retail"][k % 3], str(100 + 7 * k), f"{20 + k},{k % 10}91"] for k in range(40)]
    ss = getSampleStyleSheet()
    path = tmp_path / "t.pdf"
    story = [Paragraph("Account detail", ss["Heading2"]), Spacer(1, 420),
             Table([head, *rows], repeatRows=1, style=TableStyle([
                 ("FONTSIZE", (0, 0), (-1, -1), 10), ("FONTNAME", (0, 0), (-1, 0), "Times-Bold"),
                 ("ALIGN", (1, 1), (-1, -1), "RIGHT"), ("LINEABOVE", (0, 0), (-1, 0), 1.2, "black"),
                 ("LINEBELOW", (0, 0), (-1, 0), 0.6, "black"), ("LINEBELOW", (0, -1), (-1, -1), 1.2, "black")]))]
    SimpleDocTemplate(str(path), pagesize=A4).build(story)
    tables = [t for t in _tables(path) if t.n_rows]
    assert [t.grid() for t in tables] == [[head, *rows]]


def test_table_at_a_column_foot_above_numbered_notes_continues(tmp_path: Path) -> None:
    """A table ends the right column of page 1 with the page's numbered notes under it ("1
    Restated for ..."), its rest opening page 2 with the header repeated: the notes do not make
    the table end mid-column, the two parts are one table."""
    from reportlab.pdfgen import canvas

    path = tmp_path / "t.pdf"
    c = canvas.Canvas(str(path))
    head = ["Unit", "Visits", "Orders", "Revenue"]
    rows = [[f"Site {k}", str(100 + 13 * k), str(20 + 7 * k), f"{k + 3},{k}50"] for k in range(10)]

    def draw(x0: float, top: float, part: list[list[str]]) -> None:
        xs = (x0, x0 + 70, x0 + 125, x0 + 180)
        c.setFont("Helvetica-Bold", 9)
        for x, t in zip(xs, head, strict=True):
            c.drawString(x, top, t)
        c.setLineWidth(0.6)
        c.line(x0 - 2, top - 4, x0 + 225, top - 4)
        c.setFont("Helvetica", 9)
        for k, row in enumerate(part):
            for x, t in zip(xs, row, strict=True):
                c.drawString(x, top - 16 - 13 * k, t)

    sentence = "Results improved in most regions while costs stayed within the plan for the year."
    c.setFont("Helvetica", 10)
    for k in range(48):
        c.drawString(60, 760 - 14 * k, sentence[(k % 3):][:46])
    for k in range(30):
        c.drawString(310, 760 - 14 * k, sentence[(k % 3):][:46])
    draw(312, 300 - 14 * 10 + 60, rows[:6])
    c.setFont("Helvetica", 8)
    c.drawString(312, 80, "1 Restated for the new segment definitions.")
    c.drawString(312, 68, "2 Headcount measured at period end.")
    c.showPage()
    draw(62, 770, rows[6:])
    c.setFont("Helvetica", 10)
    for k in range(10):
        c.drawString(60, 680 - 14 * k, sentence)
    c.save()
    import docparse
    from docparse.assembly.tables import merge_cross_page_tables
    from docparse.config import AssemblyOptions, ParseOptions
    from docparse.document import RegionKind

    doc = docparse.parse(path, options=ParseOptions(assembly=AssemblyOptions(merge_cross_page_tables=False)))
    notes = [r for r in doc.pages[0].body() if (r.text or "").startswith("1 Restated")]
    assert notes
    for r in notes:  # as the block roles left LibreOffice's notes: paragraphs
        r.kind = RegionKind.PARAGRAPH
    merge_cross_page_tables(doc)
    tables = [r.table for r in doc.tables if r.table is not None and r.table.n_rows]
    assert [t.grid() for t in tables] == [[head, *rows]]


def test_wrapped_cell_in_a_table_set_solid_is_one_cell(tmp_path: Path) -> None:
    """Rows set solid (no padding, as LibreOffice sets a long table): a segment name wrapped
    onto a second line ("Small" / "Business") sits at the usual row pitch and starts in upper
    case, yet it is the cell's second line, not a row of its own: every row of values names
    itself in the first column, and this line has neither."""
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import SimpleDocTemplate, Table, TableStyle

    head = ["Account", "Region", "Segment", "Orders", "Revenue"]
    segments = ["Online", "Retail", "Small Business", "Export", "Public Sector", "Partner"]
    rows = [[f"AC-{1000 + 37 * k}-{k:02d}", ["North", "South", "West"][k % 3], segments[k % 6], str(100 + 7 * k),
             f"{20 + k},{k % 10}00"] for k in range(12)]
    data = [head] + [[r[0], r[1], r[2].replace(" ", "\n"), r[3], r[4]] for r in rows]
    style = [("FONTSIZE", (0, 0), (-1, -1), 9), ("LEADING", (0, 0), (-1, -1), 11), ("FONTNAME", (0, 0), (-1, 0), "Helvetica-Bold"),
             ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 0), ("VALIGN", (0, 0), (-1, -1), "TOP"),
             ("ALIGN", (3, 0), (-1, -1), "RIGHT"), ("LINEBELOW", (0, 0), (-1, 0), 0.6, "black")]
    path = tmp_path / "t.pdf"
    SimpleDocTemplate(str(path), pagesize=A4).build([Table(data, style=TableStyle(style), colWidths=[90, 70, 60, 60, 70])])
    (table,) = _tables(path)
    assert table.grid() == [head, *rows]


def test_thick_black_rules_of_many_lengths_are_no_bar_chart() -> None:
    """camelot vertical_header look-alike: a grid drawn with 1.92 pt black filled rules whose
    column rules run up to header cells of different heights (one shared bottom, many lengths)
    is no bar chart for the table finder (the table had become 200 paragraphs); coloured boxes
    that thin still are bars (pgfplots)."""
    from docparse.pages.analysis import Drawing, PageAnalysis, PathItem
    from docparse.regions.table_marks import has_bars

    def box(x: float, top: float, fill: tuple[float, float, float]) -> Drawing:
        return Drawing((x, top, x + 1.92, 560.0), [PathItem("re", ((x, top), (x + 1.92, 560.0)))], fill)

    tops = [200.0, 150.0, 180.0, 130.0, 170.0, 140.0]
    area = (50.0, 100.0, 500.0, 570.0)
    black = PageAnalysis(number=1, width=612, height=792)
    black.drawings = [box(60.0 + 70 * k, t, (0.0, 0.0, 0.0)) for k, t in enumerate(tops)]
    assert not has_bars(black, area, touching=False)
    blue = PageAnalysis(number=1, width=612, height=792)
    blue.drawings = [box(60.0 + 70 * k, t, (0.1, 0.3, 0.8)) for k, t in enumerate(tops)]
    assert has_bars(blue, area, touching=False)

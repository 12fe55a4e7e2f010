"""Row groups told apart by what is drawn (issue 15, session 7): rules between the rows of a
group that stop at its label while the rules between groups cross the table, shaded label
cells merged over the rows of a banded table, a row-group label on the last zebra stripe.
Each test builds a ReportLab look-alike of what LibreOffice (Word table styles) or ReportLab
drew on the families' dev documents and asserts the exact grid and spans."""

from __future__ import annotations

from pathlib import Path

from tests.table_lookalikes import reportlab_table, values

GROUPS = {"Partner": ["Visits", "Leads"], "Small\nBusiness": ["Churn", "Yield", "Orders", "Returns"],
          "Wholesale": ["Leads", "Tickets", "Orders"]}


def _tables(path: Path):
    import docparse

    return [r.table for r in docparse.parse(path).tables if r.table is not None]


def _spans(table) -> set[tuple[int, int, int, int, str]]:
    return {(c.row, c.col, c.rowspan, c.colspan, c.text) for c in table.cells if c.rowspan > 1 or c.colspan > 1}


def _stub_rows(groups: dict[str, list[str]], h: int) -> tuple[list[list[str]], list[list[str]], list[tuple[int, int]]]:
    """Data rows (label on the first row of its group), the expected grid rows (label text on
    one line, filled over its rows) and each group's (first, last) table row."""
    data, expected, spans, k, r = [], [], [], 0, h
    for g, items in groups.items():
        for j, item in enumerate(items):
            data.append([g if j == 0 else "", item, *values(k)])
            expected.append([" ".join(g.split()), item, *values(k)])
            k += 1
        spans.append((r, r + len(items) - 1))
        r += len(items)
    return data, expected, spans


HEAD = [["Segment", "Metric", "2017", "", "2019", ""], ["", "", "Plan", "Actual", "Plan", "Actual"]]
HEAD_GRID = [["Segment", "Metric", "2017", "2017", "2019", "2019"], ["Segment", "Metric", "Plan", "Actual", "Plan", "Actual"]]
HEAD_STYLE = [("SPAN", (0, 0), (0, 1)), ("SPAN", (1, 0), (1, 1)), ("SPAN", (2, 0), (3, 0)), ("SPAN", (4, 0), (5, 0)),
              ("FONTSIZE", (0, 0), (-1, -1), 8), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
              ("ALIGN", (2, 0), (-1, -1), "RIGHT"), ("ALIGN", (0, 0), (-1, 1), "CENTER")]


def _expected_spans(groups: dict[str, list[str]], spans: list[tuple[int, int]]) -> set[tuple[int, int, int, int, str]]:
    head = {(0, 0, 2, 1, "Segment"), (0, 1, 2, 1, "Metric"), (0, 2, 1, 2, "2017"), (0, 4, 1, 2, "2019")}
    return head | {(a, 0, b - a + 1, 1, " ".join(g.split())) for g, (a, b) in zip(groups, spans) if b > a}


def test_rules_that_stop_at_the_group_label_bound_the_groups(tmp_path: Path) -> None:
    """A shaded-header table ruled under every row (Word's inside rules): inside a group the
    rules start right of the label column, between groups they cross the table, and no rule
    closes the last row. The labels are centred beside their rows, one on two lines ("Small" /
    "Business" sitting on two rows): each group's label is one cell spanning its rows, and the
    last row stays in the table."""
    from reportlab.lib import colors

    data, body, spans = _stub_rows(GROUPS, 2)
    style = [*HEAD_STYLE, ("BACKGROUND", (0, 0), (-1, 1), colors.HexColor("#2e5e3a")),
             ("TEXTCOLOR", (0, 0), (-1, 1), colors.white)]
    for a, b in spans:
        style.append(("SPAN", (0, a), (0, b)))
        style += [("LINEBELOW", (1, r), (-1, r), 0.5, colors.black) for r in range(a, b)]
        if (a, b) != spans[-1]:
            style.append(("LINEBELOW", (0, b), (-1, b), 0.5, colors.black))
    (table,) = _tables(reportlab_table(tmp_path / "t.pdf", HEAD + data, style))
    assert table.grid(fill_merged=True) == HEAD_GRID + body
    assert _spans(table) == _expected_spans(GROUPS, spans)


def test_banded_table_with_shaded_label_cells_is_one_table(tmp_path: Path) -> None:
    """A banded table style (Word's "Light Shading"): every other row shaded from the second
    column on, and a group's merged label cell shaded when its first row is, top and header
    rules only. The shaded label blocks with the stripes hanging off them are no ruled tables
    of their own: one table, each label spanning the rows its shaded cell (or the gap between
    two shaded cells) covers."""
    from reportlab.lib import colors

    groups = {"Rural": ["Units", "Backlog", "Churn"], "Alpine": ["Yield", "Sessions", "Leads"],
              "Islands": ["Backlog", "Sessions"]}
    data, body, spans = _stub_rows(groups, 2)
    band = colors.HexColor("#d3dfee")
    style = [*HEAD_STYLE, ("LINEABOVE", (0, 0), (-1, 0), 1, colors.HexColor("#4f81bd")),
             ("LINEBELOW", (2, 0), (-1, 0), 1, colors.HexColor("#4f81bd")),
             ("LINEBELOW", (2, 1), (-1, 1), 1, colors.HexColor("#4f81bd")),
             ("LINEBELOW", (0, -1), (-1, -1), 1, colors.HexColor("#4f81bd"))]
    style += [("BACKGROUND", (1, r), (-1, r), band) for r in range(2, 2 + len(data), 2)]
    for a, b in spans:
        style.append(("SPAN", (0, a), (0, b)))
        if a % 2 == 0:
            style.append(("BACKGROUND", (0, a), (0, b), band))
    (table,) = _tables(reportlab_table(tmp_path / "t.pdf", HEAD + data, style))
    assert table.grid(fill_merged=True) == HEAD_GRID + body
    assert _spans(table) == _expected_spans(groups, spans)


def test_group_label_on_the_last_zebra_stripe_keeps_the_last_row(tmp_path: Path) -> None:
    """Zebra rows (white and grey boxes) set tight, the last group's label centred beside its
    three rows: the label sits on the last shaded stripe and joins that row's first piece
    ("Overseas Sessions"). The white row under the last stripe still belongs to the table."""
    from reportlab.lib import colors

    def pct(k: int) -> list[str]:
        return [f"{(k * 37 + j * 13) % 90 + 10}.{(k + j) % 10}%" for j in range(6)]

    groups = {"South": ["Yield", "Returns", "Orders", "Visits"], "Overseas": ["Refunds", "Sessions", "Orders"]}
    head = [["Market", "Measure", "2016", "", "", "2017", "", ""], ["", "", "Q1", "Q2", "Q3", "Q1", "Q2", "Q3"]]
    expected = [["Market", "Measure", "2016", "2016", "2016", "2017", "2017", "2017"],
                ["Market", "Measure", "Q1", "Q2", "Q3", "Q1", "Q2", "Q3"]]
    data, k, r = [], 0, 2
    style = [("SPAN", (0, 0), (0, 1)), ("SPAN", (1, 0), (1, 1)), ("SPAN", (2, 0), (4, 0)), ("SPAN", (5, 0), (7, 0)),
             ("FONT", (0, 0), (-1, -1), "Helvetica", 8), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
             ("ALIGN", (2, 2), (-1, -1), "RIGHT"), ("ALIGN", (0, 0), (-1, 1), "CENTER"),
             ("BACKGROUND", (0, 0), (-1, 1), colors.HexColor("#d9dee6")),
             ("ROWBACKGROUNDS", (0, 2), (-1, -1), [colors.white, colors.HexColor("#f2f2f2")]),
             ("LEFTPADDING", (0, 0), (-1, -1), 2), ("RIGHTPADDING", (0, 0), (-1, -1), 2)]
    for g, items in groups.items():
        for j, item in enumerate(items):
            data.append([g if j == 0 else "", item, *pct(k)])
            expected.append([g, item, *pct(k)])
            k += 1
        style.append(("SPAN", (0, r), (0, r + len(items) - 1)))
        r += len(items)
    (table,) = _tables(reportlab_table(tmp_path / "t.pdf", head + data, style))
    assert table.grid(fill_merged=True) == expected
    assert {(c.row, c.rowspan, c.text) for c in table.cells if c.col == 0 and c.row >= 2} == {(2, 4, "South"), (6, 3, "Overseas")}


def test_borderless_table_beside_a_caption_in_the_other_column_stays_whole(tmp_path: Path) -> None:
    """Two-column page: the left column holds a table ruled row by row (rules stopping at its
    group labels) with its caption under it; the right column a long borderless table whose
    rows run on beside that caption. The caption line breaks the page-wide rows, so the part
    found page-wide is only the top of the right table; the table sought in its own column is
    whole and wins."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import letter
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import BaseDocTemplate, Frame, FrameBreak, PageTemplate, Paragraph, Spacer, Table

    groups = {"Partner": ["Visits", "Leads"], "Retail": ["Churn", "Yield", "Orders"], "Export": ["Leads", "Tickets"]}
    data, body, spans = _stub_rows(groups, 1)
    left_style = [("FONT", (0, 0), (-1, -1), "Helvetica", 7), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                  ("ALIGN", (2, 1), (-1, -1), "RIGHT"), ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#2e5e3a")),
                  ("TEXTCOLOR", (0, 0), (-1, 0), colors.white), ("TOPPADDING", (0, 0), (-1, -1), 1),
                  ("BOTTOMPADDING", (0, 0), (-1, -1), 1), ("LEFTPADDING", (0, 0), (-1, -1), 3),
                  ("RIGHTPADDING", (0, 0), (-1, -1), 3)]
    for a, b in spans:
        left_style.append(("SPAN", (0, a), (0, b)))
        left_style += [("LINEBELOW", (1, r), (-1, r), 0.5, colors.black) for r in range(a, b)]
        if (a, b) != spans[-1]:
            left_style.append(("LINEBELOW", (0, b), (-1, b), 0.5, colors.black))
    head = ["Segment", "Metric", "Q1", "Q2", "Q3", "Q4"]
    regions = ["Islands", "Overseas", "Central", "Coastal", "Highlands", "North", "Rural", "Metro"]
    long_rows = [["Account", "Region", "Orders", "Revenue"]] + [
        [f"AC-{1000 + 37 * i}-{i + 1:02d}", regions[i % len(regions)], str(40 + 13 * i), f"{1200 + 977 * i:,}"]
        for i in range(40)]
    right_style = [("FONT", (0, 0), (-1, -1), "Helvetica", 7), ("ALIGN", (2, 0), (-1, -1), "RIGHT"),
                   ("TOPPADDING", (0, 0), (-1, -1), 1), ("BOTTOMPADDING", (0, 0), (-1, -1), 1)]
    ss = getSampleStyleSheet()
    text = ("Customer retention held broadly flat while volumes were stable and the comparison base was "
            "unusually strong in the second half of the year. ")
    width, height = letter
    frames = [Frame(52 + k * 257, 52, 247, height - 104, id=f"c{k}") for k in range(2)]
    path = tmp_path / "t.pdf"
    doc = BaseDocTemplate(str(path), pagesize=letter, pageTemplates=[PageTemplate(frames=frames)])
    doc.build([Paragraph(text * 4, ss["BodyText"]), Spacer(1, 6), Table([head, *data], style=left_style),
               Paragraph("Table 3. Key measures", ss["BodyText"]), Spacer(1, 14), Paragraph("Market Share", ss["Heading3"]),
               Paragraph(text * 3, ss["BodyText"]), FrameBreak(),
               Paragraph(text * 2, ss["BodyText"]), Table(long_rows, style=right_style),
               Paragraph(text, ss["BodyText"])])
    tables = _tables(path)
    grids = [t.grid(fill_merged=True) for t in tables]
    assert long_rows in grids
    assert [head, *body] in grids
    # the rule itself: a page-wide find that is only the top of the right table gives way
    import pymupdf

    from docparse.document import TableStyle
    from docparse.options.tables import TableDetectionOptions
    from docparse.pages.textlayer import analyze_page
    from docparse.regions.table_rows import Candidate
    from docparse.regions.tables import column_candidates

    with pymupdf.open(path) as pdf:
        page = analyze_page(pdf[0], 1, None)
    (whole,) = [t for t in tables if t.grid(fill_merged=True) == long_rows]
    top = min(c.bbox[1] for c in whole.cells if c.bbox)
    x0 = min(c.bbox[0] for c in whole.cells if c.bbox)
    x1 = max(c.bbox[2] for c in whole.cells if c.bbox)
    part = Candidate((x0, top, x1, top + 120), TableStyle.BORDERLESS, 0.7)
    found = column_candidates(page, page.words, TableDetectionOptions(), [], [part])
    assert any(c.bbox[1] <= top + 1 and c.bbox[3] > top + 300 for c in found)


def test_table_broken_at_a_page_foot_under_a_lone_top_rule_keeps_its_stub_columns(tmp_path: Path) -> None:
    """A table broken after its first two rows at a page foot: its top rule crosses the whole
    table, the rules under the column groups ("2016" over H1 | H2) start at the first value
    column, and no bottom rule closes the part. The part reaches over the stub columns
    (Market, Measure) as far as its top rule does, and joins its continuation on the next page."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    head = [["Market", "Measure", "2016", "", "2018", ""], ["", "", "H1", "H2", "H1", "H2"]]
    groups = {"East": ["Yield", "Visits"], "South": ["Backlog", "Headcount", "Orders"], "West": ["Leads", "Units"]}
    data, k = [], 0
    for g, items in groups.items():
        for j, item in enumerate(items):
            data.append([g if j == 0 else "", item, *values(k)])
            k += 1
    style = [("FONTSIZE", (0, 0), (-1, -1), 8), ("SPAN", (2, 0), (3, 0)), ("SPAN", (4, 0), (5, 0)),
             ("SPAN", (0, 0), (0, 1)), ("SPAN", (1, 0), (1, 1)), ("ALIGN", (2, 2), (-1, -1), "RIGHT"),
             ("ALIGN", (0, 0), (-1, 1), "CENTER"), ("LINEABOVE", (0, 0), (-1, 0), 1.5, colors.black),
             ("LINEBELOW", (2, 0), (-1, 0), 0.5, colors.black), ("LINEBELOW", (2, 1), (-1, 1), 0.75, colors.black),
             ("LINEBELOW", (0, -1), (-1, -1), 1.5, colors.black)]
    ss = getSampleStyleSheet()
    path = tmp_path / "t.pdf"
    text = "Working capital held broadly flat although the comparison base was unusually strong. "
    SimpleDocTemplate(str(path), pagesize=A4).build([  # the spacer leaves room for the header and two rows
        Paragraph(text, ss["BodyText"]), Spacer(1, 580), Table(head + data, style=TableStyle(style), repeatRows=2),
        Paragraph(text, ss["BodyText"])])
    (table,) = _tables(path)
    assert table.continued_on_pages == [2]
    assert table.grid() == [["Market", "Measure", "2016", "", "2018", ""], ["", "", "H1", "H2", "H1", "H2"], *data]


def test_row_group_broken_by_the_page_spans_its_rows_on_both_pages() -> None:
    """The part from the next page opens with rows whose group-label cell is empty: they
    belong to the last group of the first part, whose label (set at the top of its rows, on
    the first page) spans them too."""
    from docparse.assembly.tables import merge_tables
    from docparse.document import Cell, Table

    def part(rows: list[list[str]], spans: dict[tuple[int, int], int]) -> Table:
        cells = [Cell(row=r, col=c, text=t, rowspan=spans.get((r, c), 1), is_header=r < 1)
                 for r, row in enumerate(rows) for c, t in enumerate(row)
                 if not any(c == 0 and r0 < r < r0 + n for (r0, c0), n in spans.items() if c0 == 0)]
        return Table(n_rows=len(rows), n_cols=len(rows[0]), cells=cells, header_rows=1)

    head = ["Region", "Metric", "Plan", "Actual"]
    first = part([head, ["North", "Leads", "1", "2"], ["", "Units", "3", "4"], ["West", "Yield", "5", "6"],
                  ["", "Margin", "7", "8"]], {(1, 0): 2})
    second = part([head, ["", "Visits", "9", "10"], ["Rural", "Units", "11", "12"], ["", "Churn", "13", "14"]],
                  {(2, 0): 2})
    merged = merge_tables(first, second)
    spans = {(c.row, c.rowspan, c.text) for c in merged.cells if c.col == 0 and c.row >= 1 and c.text}
    assert spans == {(1, 2, "North"), (3, 3, "West"), (6, 2, "Rural")}


def test_borderless_rows_with_labels_between_them_stay_one_table(tmp_path: Path) -> None:
    """A borderless table whose group labels sit between two rows (even groups, centred): each
    label is a line of its own half a row pitch from the rows beside it. The run of rows is
    measured by the pitch of its rows of cells, so it does not end at the next full row."""
    from tests.table_lookalikes import stub_table

    groups = {"Alpine": ["Margin", "Visits"], "Central": ["Units", "Refunds", "Returns", "Orders"]}
    data, style, expected = stub_table(groups, col_groups=True, rules=False, valign="MIDDLE")
    style += [("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 3)]
    (table,) = _tables(reportlab_table(tmp_path / "t.pdf", data, style))
    assert table.grid(fill_merged=True) == expected


def test_table_continued_under_a_running_header_printed_once(tmp_path: Path) -> None:
    """A two-page document whose running header is printed from page 2 on (the first page is
    plain): on page 2 it is one line above the table's continuation that the furniture pass
    cannot see repeat. The table is still joined across the page."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    head = ["Account", "Region", "Orders", "Revenue"]
    rows = [[f"AC-{1000 + 37 * i}-{i + 1:02d}", ["North", "South", "East"][i % 3], str(40 + 13 * i), f"{1200 + 977 * i:,}"]
            for i in range(12)]
    style = [("FONTSIZE", (0, 0), (-1, -1), 9), ("ALIGN", (2, 0), (-1, -1), "RIGHT"),
             ("LINEABOVE", (0, 0), (-1, 0), 1.2, colors.black), ("LINEBELOW", (0, 0), (-1, 0), 0.6, colors.black),
             ("LINEBELOW", (0, -1), (-1, -1), 1.2, colors.black)]

    def running_header(canvas, doc) -> None:  # noqa: ANN001 - ReportLab's page callback
        canvas.setFont("Helvetica", 9)
        canvas.drawString(72, A4[1] - 50, "Northgate Paper | Operations Summary")

    ss = getSampleStyleSheet()
    path = tmp_path / "t.pdf"
    text = "Working capital held broadly flat although the comparison base was unusually strong. "
    SimpleDocTemplate(str(path), pagesize=A4, topMargin=60).build(
        [Paragraph(text, ss["BodyText"]), Spacer(1, 600), Table([head, *rows], style=TableStyle(style), repeatRows=1),
         Paragraph(text, ss["BodyText"])], onLaterPages=running_header)
    (table,) = _tables(path)
    assert table.continued_on_pages == [2]
    assert table.grid() == [head, *rows]


def test_one_group_of_two_rows_with_its_label_between_them(tmp_path: Path) -> None:
    """The part of a table broken by a page can hold one group of two rows: its label, centred
    beside them, sits between the two rows and spans both."""
    from tests.table_lookalikes import stub_table

    data, style, expected = stub_table({"East": ["Yield", "Visits"]}, col_groups=True, rules=True, valign="MIDDLE")
    (table,) = _tables(reportlab_table(tmp_path / "t.pdf", data, style))
    assert table.grid(fill_merged=True) == expected
    assert (2, 0, 2, 1, "East") in _spans(table)

"""Cells and table extents on documents other renderers made (issue 15, session 8): columns
set closer than the table's cell gap, header labels set flush left over right-aligned numbers,
zebra rows whose row-group labels sit in unshaded cells. Each test builds a look-alike of what
the families' dev documents drew (ReportLab, headless Chromium) and asserts the exact grid."""

from __future__ import annotations

from pathlib import Path

from tests.table_lookalikes import chromium, reportlab_table, values


def _grids(path: Path) -> list[list[list[str]]]:
    import docparse

    return [r.table.grid(fill_merged=True) for r in docparse.parse(path).tables if r.table is not None]


def test_right_aligned_columns_set_six_points_apart_stay_apart(tmp_path: Path) -> None:
    """Every column right-aligned with 3 pt padding: the label columns stand 6 pt apart, about
    twice the word space, less than the usual cell gap ("Metro Small Business" was one cell
    across two columns, "East Suburban Small Business 31.3" one across four)."""
    head = ["Region", "Segment", "Channel", "Q1", "Q2", "Q3"]
    labels = [("North", "Metro", "Small Business"), ("South", "Rural", "Enterprise"), ("West", "Metro", "Retail"),
              ("East", "Suburban", "Small Business"), ("Central", "Metro", "Public Sector")]
    data = [head] + [[*lab, *values(k, 3)] for k, lab in enumerate(labels)]
    style = [("FONTSIZE", (0, 0), (-1, -1), 9), ("ALIGN", (0, 0), (-1, -1), "RIGHT"),
             ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3),
             ("FONTNAME", (0, 0), (-1, 0), "Helvetica-Bold")]
    grids = _grids(reportlab_table(tmp_path / "t.pdf", data, style))
    assert grids == [data]


_CSS = ("<style>@page { size: A4; margin: 2cm } body { font-family: 'Liberation Serif', serif; font-size: 11pt }"
        " table { border-collapse: collapse; font-size: 0.9em; width: 100%% } th, td { padding: 0.2em 0.6em }"
        " th { text-align: left } td.num { text-align: right } td.group { font-weight: bold }"
        " td[rowspan] { vertical-align: middle } %s</style>")
_PROSE = ("<p>Operating income recovered with a lag of two months. The board improved compared with the prior"
          " year as budgets margins analysts budgets, and the pilot slowed while inventory levels normalised.</p>")


def _html(css: str, table: str) -> str:
    return (f"<html><head><meta charset='utf-8'>{_CSS % css}</head><body><h2>Quality metrics</h2>{_PROSE}"
            f"<p><i>Exhibit 1: Output by region and year</i></p>{table}{_PROSE}</body></html>")


def _row(cells: list[str]) -> str:
    return "<tr><td>" + cells[0] + "</td>" + "".join(f'<td class="num">{c}</td>' for c in cells[1:]) + "</tr>"


def _rowspan_groups(head: list[str], groups: list[str], metrics: list[str],
                    zebra: bool = False) -> tuple[str, list[list[str]]]:
    """An HTML table whose group label cells are merged over their metric rows (every other
    row of a group classed "odd" when ``zebra``), and the grid it should read as."""
    body, grid, k = [], [head], 0
    for g in groups:
        for j, m in enumerate(metrics):
            vals = values(k, len(head) - 2)
            lead = f'<td rowspan="{len(metrics)}">{g}</td>' if j == 0 else ""
            cls = ' class="odd"' if zebra and j % 2 else ""
            body.append(f"<tr{cls}>{lead}<td>{m}</td>" + "".join(f'<td class="num">{v}</td>' for v in vals) + "</tr>")
            grid.append([g, m, *vals])
            k += 1
    table = ("<table><thead><tr>" + "".join(f"<th>{h}</th>" for h in head) + "</tr></thead><tbody>"
             + "".join(body) + "</tbody></table>")
    return table, grid


def test_two_line_header_set_flush_left_over_right_aligned_numbers(tmp_path: Path) -> None:
    """A borderless table (Chromium): "Backlog" / "Volume" over "Low | Mid" sub-labels, all set
    flush left in their cells over right-aligned numbers, "Region" centred beside both header
    lines, full-width group rows. Each header line's labels made bands of their own that no
    value row used, so the table was not found at all; read label by label, every label is
    in its own column and the group labels span their sub-columns."""
    groups = {"Southern": ["Trento", "Split", "Lodz", "Padua"], "Coastal": ["Pisa", "Bari", "Bergen"]}
    rows, grid, k = [], [["Region", "Backlog", "Backlog", "Volume", "Volume"], ["Region", "Low", "Mid", "Low", "Mid"]], 0
    for g, names in groups.items():
        rows.append(f'<tr><td class="group" colspan="5">{g}</td></tr>')
        grid.append([g] * 5)
        for n in names:
            vals = values(k)
            rows.append(_row([n, *vals]))
            grid.append([n, *vals])
            k += 1
    table = ('<table><thead><tr><th rowspan="2">Region</th><th colspan="2">Backlog</th><th colspan="2">Volume</th></tr>'
             "<tr><th>Low</th><th>Mid</th><th>Low</th><th>Mid</th></tr></thead><tbody>" + "".join(rows) + "</tbody></table>")
    grids = _grids(chromium(_html("", table), tmp_path / "t.pdf"))
    assert grids == [grid]


def test_zebra_rows_with_unshaded_group_labels_under_a_full_width_header_rule(tmp_path: Path) -> None:
    """Zebra stripes start at the second column (the row-group label cells, merged over their
    rows, are unshaded) while the header rule crosses the whole table, and a heading rule
    above the caption stacks with it: the label column under the header rule belongs to the
    table (it was dropped with its "Unit" header)."""
    css = ("table { width: 100% } thead th { border-bottom: 1.5px solid #333 } tr.odd td { background: #e4ebf3 }"
           " h2 { border-bottom: 1px solid #0b5c6b }")
    table, grid = _rowspan_groups(["Unit", "Indicator", "Headcount", "Volume", "Units", "Growth"],
                                  ["Southern", "Western", "Coastal"], ["Sessions", "Gross margin"], zebra=True)
    grids = _grids(chromium(_html(css, table), tmp_path / "t.pdf"))
    assert grids == [grid]


def test_year_labels_set_flush_left_over_right_aligned_numbers_keep_their_columns(tmp_path: Path) -> None:
    """A one-line header of years set flush left in wide cells over right-aligned numbers
    (Chromium, ruled under each row): "2015" and "2016" were both nearest to the first value
    column and became one cell "2015 2016". Years head columns; they are labels, each in its
    own slot."""
    css = "th { text-align: left } tr { border-bottom: 0.5px solid #777 } td.total { font-weight: bold }"
    head = ["Region", "2015", "2016", "2017", "2019", "2025"]
    names = ["Aarhus", "Trento", "Bari", "Leeds", "Poznan"]
    grid = [head] + [[n, *values(k, 5)] for k, n in enumerate(names)] + [["Total", *values(9, 5)]]
    body = "".join(_row(r) for r in grid[1:])
    table = "<table><thead><tr>" + "".join(f"<th>{h}</th>" for h in head) + f"</tr></thead><tbody>{body}</tbody></table>"
    grids = _grids(chromium(_html(css, table), tmp_path / "t.pdf"))
    assert grids == [grid]


def test_shaded_header_over_row_groups_ruled_under_each_cell(tmp_path: Path) -> None:
    """WeasyPrint look-alike (families dev shaded-header, rowspan groups): a dark header fill,
    no rule under it, each cell ruled below, so inside a group the rules start right of the
    merged label cell and only the rule under a whole group crosses the table. The first
    group's inner rule lies above the first crossing rule; that rule was taken for the
    header rule, and the header and first group were lost or read as header rows."""
    from tests.table_lookalikes import weasyprint

    css = ("th { background: #2f4b6e; color: white; text-align: left } td { border-bottom: 0.4px solid #bbb }"
           " table { width: 85% }")
    table, grid = _rowspan_groups(["Unit", "Metric", "2015", "2022", "2024"], ["Iberia", "Online"],
                                  ["Energy use", "Orders"])
    grids = _grids(weasyprint(_html(css, table), tmp_path / "t.pdf"))
    assert grids == [grid]


def test_group_labels_set_right_over_their_sub_columns(tmp_path: Path) -> None:
    """WeasyPrint look-alike (families dev shaded-header, column groups, group rows, totals):
    header cells set right, "2015" / "2021" each over H1 | H2, "Segment" centred beside both
    header lines, a dark header fill, each body cell ruled below. Each group label ends where
    its last sub-label ends: it spans its sub-columns (it sat over H2 alone, with H1 lifted
    beside it), and the first group's title row stays under the header."""
    from tests.table_lookalikes import weasyprint

    css = ("th { background: #2f4b6e; color: white; text-align: right } td { border-bottom: 0.4px solid #bbb }"
           " th[rowspan] { text-align: center } td.total { font-weight: bold; border-top: 0.8px solid #333 }")
    grid = [["Segment", "2015", "2015", "2021", "2021"], ["Segment", "H1", "H2", "H1", "H2"]]
    body, k = [], 0
    for g, names in {"Retail": ["Debrecen", "Riga"], "Overseas": ["Berlin", "Ghent"]}.items():
        body.append(f'<tr><td class="group" colspan="5">{g}</td></tr>')
        grid.append([g] * 5)
        for n in names:
            body.append(_row([n, *values(k)]))
            grid.append([n, *values(k)])
            k += 1
    body.append(_row(["Total", *values(7)]).replace('class="num"', 'class="num total"'))
    grid.append(["Total", *values(7)])
    table = ('<table><thead><tr><th rowspan="2">Segment</th><th colspan="2">2015</th><th colspan="2">2021</th></tr>'
             "<tr><th>H1</th><th>H2</th><th>H1</th><th>H2</th></tr></thead><tbody>" + "".join(body) + "</tbody></table>")
    grids = _grids(weasyprint(_html(css, table), tmp_path / "t.pdf"))
    assert grids == [grid]


def test_booktabs_table_right_above_a_framed_bar_chart(tmp_path: Path) -> None:
    """A booktabs table with a bar chart set right under it whose frame lines run about as wide
    as the table's rules (ReportLab report, two columns): the frame lines stacked with the
    table's rules, the block reached over the chart and was dropped as a chart, leaving the
    rows to the borderless search (which lost the upper rows on a two-column page). The chart
    between two rules cuts the stack."""
    from reportlab.graphics.shapes import Drawing, Line, Rect, String
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    head = ["Region", "Metric", "2016", "2018", "2020"]
    names = [("Islands", "Visits"), ("Islands", "Headcount"), ("Islands", "Refunds"), ("Metro", "Units"),
             ("Metro", "Revenue"), ("Metro", "Visits")]
    data = [head] + [[a, b, *values(k, 3)] for k, (a, b) in enumerate(names)]
    style = TableStyle([("FONTSIZE", (0, 0), (-1, -1), 8), ("ALIGN", (2, 0), (-1, -1), "RIGHT"),
                        ("LINEABOVE", (0, 0), (-1, 0), 1.0, colors.black), ("LINEBELOW", (0, 0), (-1, 0), 0.5, colors.black),
                        ("LINEBELOW", (0, -1), (-1, -1), 1.0, colors.black)])
    table = Table(data, style=style)
    width = table.wrap(400, 400)[0]
    chart = Drawing(width + 6, 90)
    chart.hAlign = "CENTER"
    chart.add(Line(4, 88, width + 6, 88, strokeWidth=0.8))
    chart.add(Line(4, 6, width + 6, 6, strokeWidth=0.8))
    for k, h in enumerate([30, 62, 48, 70]):
        chart.add(Rect(20 + k * (width - 20) / 4, 6, 18, h, fillColor=colors.HexColor("#ff7f0e"), strokeColor=None))
        chart.add(String(20 + k * (width - 20) / 4, 0, f"S{k}", fontSize=6))
    ss = getSampleStyleSheet()
    story = [Paragraph("Key figures by region and year, as reported by the regional offices.", ss["BodyText"]),
             Spacer(1, 6), table, Spacer(1, 2), chart,
             Paragraph("Figure 1: Revenue by segment", ss["BodyText"])]
    path = tmp_path / "t.pdf"
    SimpleDocTemplate(str(path), pagesize=A4).build(story)
    import docparse

    tables = [r.table for r in docparse.parse(path).tables if r.table is not None]
    assert [t.grid(fill_merged=True) for t in tables] == [data]
    assert tables[0].style == "booktabs"  # read between its rules, not as a borderless run of rows


def test_booktabs_group_labels_set_left_over_one_rule_under_both_groups(tmp_path: Path) -> None:
    """WeasyPrint booktabs look-alike (families dev, column groups, totals): header cells set
    left, "Yield" / "Sessions" each over Q1 | Q2 with their rules meeting into one rule under
    both groups, "Division" centred beside both header lines. "Yield" starts where its first
    sub-label starts and spans Q1 | Q2 only (it was widened over the Division column too)."""
    from tests.table_lookalikes import weasyprint

    css = ("table { width: auto; border-top: 1.6px solid black; border-bottom: 1.6px solid black }"
           " thead tr:last-child th { border-bottom: 0.8px solid black }"
           " thead tr:first-child th[colspan] { border-bottom: 0.5px solid black }"
           " th[rowspan] { vertical-align: middle }")
    grid = [["Division", "Yield", "Yield", "Sessions", "Sessions"], ["Division", "Q1", "Q2", "Q1", "Q2"]]
    names = ["Lyon", "Tallinn", "Pisa", "Graz", "Utrecht", "Total"]
    grid += [[n, *values(k)] for k, n in enumerate(names)]
    table = ('<table><thead><tr><th rowspan="2">Division</th><th colspan="2">Yield</th><th colspan="2">Sessions</th>'
             "</tr><tr><th>Q1</th><th>Q2</th><th>Q1</th><th>Q2</th></tr></thead><tbody>"
             + "".join(_row(r) for r in grid[2:]) + "</tbody></table>")
    grids = _grids(weasyprint(_html(css, table), tmp_path / "t.pdf"))
    assert grids == [grid]


def test_repeated_header_read_with_merged_cells_is_still_dropped() -> None:
    """A continuation part of two body rows (the table goes on in the next column under its
    repeated header) is gridded from too little evidence: "Segment" and "2015" come out as
    one cell. It still repeats the header word for word, so the merged table drops it (the
    header was kept as a body row, weasyprint dev 011 t1 0.921)."""
    from docparse.assembly.tables import merge_tables, repeated_header_rows
    from docparse.document import Cell, Table

    def table(rows: list[list[tuple[str, int]]]) -> Table:
        cells, n_cols = [], 0
        for r, row in enumerate(rows):
            col = 0
            for text, span in row:
                cells.append(Cell(row=r, col=col, rowspan=1, colspan=span, is_header=r == 0, text=text))
                col += span
            n_cols = max(n_cols, col)
        return Table(n_rows=len(rows), n_cols=n_cols, cells=cells, header_rows=1)

    head = [("Segment", 1), ("2015", 1), ("2016", 1)]
    first = table([head, [("Padua", 1), ("20,522", 1), ("73,240", 1)], [("Riga", 1), ("39,004", 1), ("67,421", 1)]])
    second = table([[("Segment 2015", 2), ("2016", 1)], [("Gdansk", 1), ("891", 1), ("56,072", 1)],
                    [("Cluj", 1), ("9,644", 1), ("61,469", 1)]])
    assert repeated_header_rows(first, second) == 1
    assert [row[0] for row in merge_tables(first, second).grid()] == ["Segment", "Padua", "Riga", "Gdansk", "Cluj"]


def test_part_on_the_next_page_holding_the_rest_of_a_group_joins_the_table(tmp_path: Path) -> None:
    """A table broken inside a row group (LibreOffice look: two-line header with column
    groups repeated on the next page): the part on the next page holds two rows whose group
    label stayed on the previous page, so its first column is empty under "Region". That
    column was taken for a group label's band and dropped ("Region Metric" one cell, five
    columns), so the part was not joined to its table."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    head = [["Region", "Metric", "2017", "", "2019", ""], ["", "", "Plan", "Actual", "Plan", "Actual"]]
    head_grid = [["Region", "Metric", "2017", "2017", "2019", "2019"], ["Region", "Metric", "Plan", "Actual", "Plan", "Actual"]]
    style = [("SPAN", (0, 0), (0, 1)), ("SPAN", (1, 0), (1, 1)), ("SPAN", (2, 0), (3, 0)), ("SPAN", (4, 0), (5, 0)),
             ("FONTSIZE", (0, 0), (-1, -1), 8), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("ALIGN", (2, 0), (-1, -1), "RIGHT"),
             ("LINEABOVE", (0, 0), (-1, 0), 1.0, colors.black), ("LINEBELOW", (0, 1), (-1, 1), 0.6, colors.black),
             ("LINEBELOW", (2, 0), (-1, 0), 0.4, colors.black), ("LINEBELOW", (0, -1), (-1, -1), 1.0, colors.black)]
    groups = {"Highlands": ["Headcount", "Backlog", "Returns"], "Alpine": ["Sessions", "Units"],
              "Coastal": ["Headcount", "Orders", "Refunds"]}
    rows, k = [], 0
    for g, metrics in groups.items():
        for j, m in enumerate(metrics):
            rows.append([g if j == 0 else "", m, *values(k)])
            k += 1
    first, second = rows[:-2], rows[-2:]
    spans = [("SPAN", (0, 2), (0, 4)), ("SPAN", (0, 5), (0, 6))]
    ss = getSampleStyleSheet()
    story = [Paragraph("Table 2. Regional plan and actuals", ss["BodyText"]),
             Table(head + first, style=TableStyle(style + spans)), PageBreak(),
             Table(head + second, style=TableStyle(style)), Spacer(1, 12),
             Paragraph("The programme accelerated across most segments and channels.", ss["BodyText"])]
    path = tmp_path / "t.pdf"
    SimpleDocTemplate(str(path), pagesize=A4).build(story)
    expected = head_grid + [[r[0] or next(g for g, ms in groups.items() if r[1] in ms), *r[1:]] for r in rows]
    expected[-2][0] = expected[-1][0] = "Coastal"
    grids = _grids(path)
    assert grids == [expected]



def test_a_paragraph_right_above_a_table_in_small_type_is_not_its_header(tmp_path: Path) -> None:
    """A booktabs table set in 2.5 pt type right under two columns of 10.5 pt prose whose left
    column ends in a lone hyphenated word over the table ("Conse-"): the lone word must not be
    taken as the first group's title with the prose lines above it as header lines (this
    generated report's table got a header of paragraph fragments: "accountability | expected")."""
    import random

    import docparse
    from benchmarks.synth.reports import STYLES, generate_report

    seed, index = 2026 * 100_003 + 6, 6  # the text suite's report_006
    pages = 2.5 * random.Random(seed).uniform(0.6, 1.4)
    path = tmp_path / "report.pdf"
    generate_report(path, seed, STYLES[index % len(STYLES)], pages)
    doc = docparse.parse(path, pages=[1])
    grids = [r.table.grid(fill_merged=True) for r in doc.tables if r.table is not None]
    assert [g[0] for g in grids] == [["Item", "Sampling", "Facility"]]
    assert "accountability" in doc.to_markdown()

"""Look-alike table pages for the table regression tests (issue 15): the failure kinds seen on
documents other renderers made, rebuilt with ReportLab and with the WeasyPrint CLI.

Each maker writes a PDF and returns the expected grid(s) as lists of rows; a merged cell is
written once at its top-left slot, with ``(text, rowspan, colspan)`` where it spans.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

GROUPS = {"North": ["Revenue", "Margin", "Returns"], "South": ["Margin", "Returns", "Sessions"],
          "West": ["Revenue", "Sessions", "Margin"]}


def values(k: int, n: int = 4) -> list[str]:
    return [f"{(k * 37 + j * 13) % 90 + 10}.{(k + j) % 10}" for j in range(n)]


# ---------------------------------------------------------------- WeasyPrint

def weasyprint(html: str, path: Path) -> Path:
    exe = shutil.which("weasyprint")
    if exe is None:
        pytest.skip("weasyprint CLI not installed")
    src = path.with_suffix(".html")
    src.write_text(html, encoding="utf-8")
    subprocess.run([exe, str(src), str(path)], check=True, capture_output=True, timeout=120)
    return path


def html_page(body: str, css: str) -> str:
    return ("<html><head><meta charset=\"utf-8\"><style>@page { size: A4; margin: 2cm }"
            " body { font-family: 'DejaVu Sans', sans-serif; font-size: 10pt }"
            " table { border-collapse: collapse; margin: 10pt 0 } td, th { padding: 3pt 6pt }"
            f" {css}</style></head><body><h2>Regional results</h2>"
            "<p>The figures below come from the quarterly survey of branch managers and are"
            " reported in thousands unless stated otherwise.</p>"
            f"{body}<p>Figures are provisional and may be revised in the next edition.</p></body></html>")


def html_table(header: list[list[str]], rows: list[list[str]], group_rows: dict[int, str] | None = None,
               n_cols: int = 0) -> str:
    """``header`` rows of ``th`` (a cell "2019|2" spans two columns); body rows; group label
    rows (full-width, before body row k)."""
    out = ["<table><thead>"]
    for row in header:
        out.append("<tr>" + "".join(_th(c) for c in row) + "</tr>")
    out.append("</thead><tbody>")
    for k, row in enumerate(rows):
        if group_rows and k in group_rows:
            out.append(f'<tr class="group"><td colspan="{n_cols}">{group_rows[k]}</td></tr>')
        out.append("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>")
    out.append("</tbody></table>")
    return "".join(out)


def _th(spec: str) -> str:
    text, _, span = spec.partition("|")
    if span.startswith("r"):
        return f'<th rowspan="{span[1:]}">{text}</th>'
    return f'<th colspan="{span}">{text}</th>' if span else f"<th>{text}</th>"


def grid_of(header: list[list[str]], rows: list[list[str]], group_rows: dict[int, str] | None = None,
            n_cols: int = 0) -> list[list[str]]:
    """The expected grid with merged areas filled (``Table.grid(fill_merged=True)``)."""
    out: list[list[str]] = []
    pending: dict[tuple[int, int], str] = {}
    for r, row in enumerate(header):
        line: list[str] = []
        for spec in row:
            while (r, len(line)) in pending:
                line.append(pending.pop((r, len(line))))
            text, _, span = spec.partition("|")
            if span.startswith("r"):
                for k in range(1, int(span[1:])):
                    pending[(r + k, len(line))] = text
                line.append(text)
            else:
                line.extend([text] * (int(span) if span else 1))
        while (r, len(line)) in pending:
            line.append(pending.pop((r, len(line))))
        out.append(line)
    for k, row in enumerate(rows):
        if group_rows and k in group_rows:
            out.append([group_rows[k]] * n_cols)
        out.append(list(row))
    return out


# ---------------------------------------------------------------- ReportLab

def reportlab_table(path: Path, data: list[list[str]], style: list[tuple]) -> Path:
    """A report page: heading, intro paragraph, the table, a source line."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import (
        Paragraph,
        SimpleDocTemplate,
        Spacer,
        Table,
        TableStyle,
    )

    ss = getSampleStyleSheet()
    story = [Paragraph("Quarterly results by region", ss["Heading2"]),
             Paragraph("The table lists the main indicators of every region; values are in thousands. " * 2,
                       ss["BodyText"]),
             Spacer(1, 8), Table(data, style=TableStyle(style)), Spacer(1, 8),
             Paragraph("Source: internal reporting system, figures are provisional.", ss["BodyText"])]
    SimpleDocTemplate(str(path), pagesize=A4).build(story)
    return path


def stub_table(groups: dict[str, list[str]], col_groups: bool, rules: bool, valign: str | None = None
               ) -> tuple[list[list[str]], list[tuple], list[list[str]]]:
    """Segment | Metric | four value columns, one row group per ``groups`` entry (the segment
    label spans its rows); with ``col_groups`` a two-row header "2019" / "2020" over H1 | H2;
    ``rules``: booktabs top/mid/bottom rules (else borderless). Returns data, style and the
    expected grid (merged areas filled)."""
    from reportlab.lib import colors

    h = 2 if col_groups else 1
    head = ([["Segment", "Metric", "2019", "", "2020", ""], ["", "", "H1", "H2", "H1", "H2"]] if col_groups
            else [["Segment", "Metric", "Q1", "Q2", "Q3", "Q4"]])
    data = [list(r) for r in head]
    expected = ([["Segment", "Metric", "2019", "2019", "2020", "2020"], ["Segment", "Metric", "H1", "H2", "H1", "H2"]]
                if col_groups else [list(head[0])])
    style: list[tuple] = [("FONTSIZE", (0, 0), (-1, -1), 9), ("FONTNAME", (0, 0), (-1, h - 1), "Helvetica-Bold"),
                          ("ALIGN", (2, h), (-1, -1), "RIGHT")]
    if valign:
        style.append(("VALIGN", (0, 0), (-1, -1), valign))
    if rules:
        style += [("LINEABOVE", (0, 0), (-1, 0), 1.2, colors.black), ("LINEBELOW", (0, h - 1), (-1, h - 1), 0.6, colors.black),
                  ("LINEBELOW", (0, -1), (-1, -1), 1.2, colors.black)]
    if col_groups:
        style += [("SPAN", (2, 0), (3, 0)), ("SPAN", (4, 0), (5, 0)), ("SPAN", (0, 0), (0, 1)), ("SPAN", (1, 0), (1, 1)),
                  ("ALIGN", (2, 0), (-1, 0), "CENTER")]
    k, r = 0, h
    for g, metrics in groups.items():
        for j, m in enumerate(metrics):
            data.append([g if j == 0 else "", m, *values(k)])
            expected.append([g, m, *values(k)])
            k += 1
        style.append(("SPAN", (0, r), (0, r + len(metrics) - 1)))
        r += len(metrics)
    return data, style, expected


def chromium(html: str, path: Path) -> Path:
    """``html`` printed to PDF by headless Chromium (skips when it is not installed)."""
    exe = shutil.which("chromium") or shutil.which("chromium-browser")
    if exe is None:
        pytest.skip("chromium not installed")
    src = path.with_suffix(".html")
    src.write_text(html, encoding="utf-8")
    profile = path.parent / "chromium-profile"
    subprocess.run([exe, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    f"--user-data-dir={profile}", "--no-pdf-header-footer", f"--print-to-pdf={path}", src.as_uri()],
                   check=True, capture_output=True, timeout=120)
    return path


def budget_statement(path: Path) -> tuple[list[str], int]:
    """A budget statement like camelot's budget.pdf: a header ruled line by line (title row,
    Plan / Non-Plan group labels over one rule drawn under both groups, sub-labels), an
    unruled body of ministry rows (long upper-case labels) and numbered department rows.
    Returns the body labels and the body row count."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.platypus import SimpleDocTemplate, Table, TableStyle

    data = [["", "Budget 2014-2015", "", "", "", "", "", "(In crores of Rupees)"],
            ["", "Plan", "", "", "Non-Plan", "", "", "Total"],
            ["Ministry/Demand", "Revenue", "Capital", "Total", "Revenue", "Capital", "Total", ""]]
    labels = []
    ministries = ["MINISTRY OF AGRICULTURE", "MINISTRY OF CONSUMER AFFAIRS, FOOD AND PUBLIC DISTRIBUTION",
                  "DEPARTMENT OF ATOMIC ENERGY", "MINISTRY OF CULTURE"]
    k = 0
    for m in ministries:
        labels.append(m)
        data.append([m, *values(k, 3), *values(k + 1, 3), values(k + 2, 1)[0]])
        for j in range(2):
            k += 1
            name = f"{k}. Department of {['Posts', 'Culture', 'Coal', 'Commerce'][k % 4]} Affairs"
            labels.append(name)
            data.append([name, *values(k, 3), *values(k + 1, 3), values(k + 2, 1)[0]])
    style = [("FONTSIZE", (0, 0), (-1, -1), 8), ("ALIGN", (1, 0), (-1, 1), "CENTER"), ("ALIGN", (1, 3), (-1, -1), "RIGHT"),
             ("SPAN", (1, 0), (6, 0)), ("SPAN", (1, 1), (3, 1)), ("SPAN", (4, 1), (6, 1)),
             ("LINEABOVE", (0, 0), (-1, 0), 1, colors.black), ("LINEBELOW", (0, 0), (-1, 0), 1, colors.black),
             ("LINEBELOW", (1, 1), (6, 1), 0.5, colors.black), ("LINEBELOW", (0, 2), (-1, 2), 0.5, colors.black),
             ("TOPPADDING", (0, 3), (-1, 3), 9)]
    SimpleDocTemplate(str(path), pagesize=landscape(A4)).build([Table(data, style=TableStyle(style))])
    return labels, len(data) - 3


def group_header_grid(path: Path) -> tuple[list[list[str]], int]:
    """A NICS-like ruled table: each column group is one ruled cell in the header with its
    label over its sub-column labels (no rule between them), the body ruled only at the group
    boundaries. Returns the expected two header rows (merged areas filled) and the body rows."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.platypus import SimpleDocTemplate, Table, TableStyle

    subs = ["Handgun", "Long Gun", "Other"]
    groups = ["Pre-Pawn", "Redemption", "Returned"]
    head0 = ["State", "Permit", *[g for g in groups for _ in subs], "Totals"]
    head1 = ["State", "Permit", *[s for _ in groups for s in subs], "Totals"]
    data = [["State", "Permit"] + [x for g in groups for x in (g, "", "")] + ["Totals"],
            ["", ""] + [s for _ in groups for s in subs] + [""]]
    states = ["Alabama", "Alaska", "Arizona", "Arkansas", "California", "Colorado"]
    for k, state in enumerate(states):
        data.append([state, *[f"{(k * 311 + j * 97) % 9000 + 100:,}" for j in range(11)]])
    style = [("FONTSIZE", (0, 0), (-1, -1), 8), ("ALIGN", (1, 0), (-1, -1), "CENTER"),
             ("SPAN", (0, 0), (0, 1)), ("SPAN", (1, 0), (1, 1)), ("SPAN", (-1, 0), (-1, 1)),
             ("BOX", (0, 0), (-1, -1), 0.8, colors.black), ("LINEBELOW", (0, 1), (-1, -1), 0.5, colors.black),
             ("LINEAFTER", (0, 0), (1, -1), 0.5, colors.black), ("LINEAFTER", (-2, 0), (-2, -1), 0.5, colors.black)]
    for g in range(len(groups)):
        c0 = 2 + 3 * g
        style += [("SPAN", (c0, 0), (c0 + 2, 0)), ("LINEAFTER", (c0 + 2, 0), (c0 + 2, -1), 0.5, colors.black)]
    SimpleDocTemplate(str(path), pagesize=landscape(A4)).build([Table(data, style=TableStyle(style))])
    return [head0, head1], len(states)


def two_column_page(path: Path, data: list[list[str]], table_column: int = 1) -> Path:
    """A two-column report page (LaTeX ``twocolumn`` look): running text in both columns and
    a small borderless table (bold header row, right-aligned numbers) inside column
    ``table_column``, so that each table row shares its height with a line of the other column."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
    from reportlab.platypus import (
        BaseDocTemplate,
        Frame,
        FrameBreak,
        PageTemplate,
        Paragraph,
        Spacer,
        Table,
        TableStyle,
    )

    ss = getSampleStyleSheet()
    body = ParagraphStyle("twocol", ss["BodyText"], fontName="Times-Roman", fontSize=10, leading=12, alignment=4)
    words = ("Working capital held broadly flat although the comparison base was unusually strong and "
             "freight cost per unit improved after the price change in the second half. ")
    width, height = A4
    gap, margin = 10, 56
    col_w = (width - 2 * margin - gap) / 2
    frames = [Frame(margin + k * (col_w + gap), margin, col_w, height - 2 * margin, id=f"c{k}") for k in range(2)]
    doc = BaseDocTemplate(str(path), pagesize=A4, pageTemplates=[PageTemplate(frames=frames)])
    table = Table(data, style=TableStyle([("FONTSIZE", (0, 0), (-1, -1), 8), ("FONTNAME", (0, 0), (-1, 0), "Helvetica-Bold"),
                                          ("ALIGN", (1, 0), (-1, -1), "RIGHT"), ("TOPPADDING", (0, 0), (-1, -1), 1),
                                          ("BOTTOMPADDING", (0, 0), (-1, -1), 1)]))
    text = [Paragraph(words * 3, body) for _ in range(6)]
    col_table = [Paragraph(words, body), Spacer(1, 6), Paragraph("Table 1: Key measures", body), table,
                 Spacer(1, 6), Paragraph(words * 2, body)]
    story = [Paragraph("Logistics network", ss["Heading2"])]
    story += (text + [FrameBreak()] + col_table) if table_column == 1 else (col_table + [FrameBreak()] + text)
    doc.build(story)
    return path

"""Build examples/sample-report.pdf: a two-page, two-column report with a running header and
footer, headings, a list, a table with merged header cells and a bar chart.

    python examples/make_example.py
"""

from __future__ import annotations

from pathlib import Path

import pymupdf

HTML = """
<h1 style="font-size:22pt">Northwind Energy — Annual Report 2024</h1>
<h2>1 Overview</h2>
<p>Northwind Energy delivered record output in 2024. Installed wind capacity grew by
eighteen percent while operating costs per megawatt-hour fell for the third year in a
row. The board proposes a dividend of 1.20 per share, up from 0.95 a year earlier.</p>
<p>The year was shaped by three themes that the rest of this report explains in turn:</p>
<ul>
<li>new offshore capacity in the North Sea,</li>
<li>longer maintenance intervals thanks to predictive monitoring, and</li>
<li>a stronger balance sheet after refinancing.</li>
</ul>
<h2>2 Operations</h2>
<h3>2.1 Generation</h3>
<p>Generation rose to 14.2 TWh. Availability of the fleet reached 97.1 percent, the best
figure since the company was founded, and curtailment fell as new grid links opened in
the spring. Offshore sites produced 61 percent of the total.</p>
<p>Table 1 breaks generation down by region and quarter. The northern region remains the
largest contributor, while the southern region grew fastest.</p>
"""

TABLE = [
    ["Region", "2023", "2024", "Change"],
    ["North", "6.1", "6.9", "+13%"],
    ["South", "2.4", "3.3", "+38%"],
    ["Offshore", "3.2", "4.0", "+25%"],
]

HTML2 = """
<h2>3 Finance</h2>
<p>Revenue grew to 2.31 billion on higher volumes and stable prices. Operating margin
improved by two points to 34 percent. Net debt fell after the sale of two older onshore
parks, and the refinancing completed in June extended the average maturity to nine years.</p>
<p>Capital expenditure for 2025 is planned at 1.1 billion, most of it for the second phase
of the offshore programme. The company expects generation to exceed 15 TWh in 2025 if wind
conditions are average.</p>
<h2>4 Outlook</h2>
<p>Management expects continued growth in offshore output and a further decline in unit
costs. Risks include lower wind speeds, delays at suppliers and changes in support schemes.</p>
"""


def _story_page(doc: pymupdf.Document, html: str, page_no: int, total: int) -> pymupdf.Page:
    page = doc.new_page(width=595, height=842)
    page.insert_text((56, 36), "Northwind Energy · Annual Report 2024", fontsize=8, color=(0.4, 0.4, 0.4))
    page.insert_text((270, 815), f"Page {page_no} of {total}", fontsize=8, color=(0.4, 0.4, 0.4))
    return page


def build(path: Path) -> None:
    doc = pymupdf.open()
    css = "body {font-family: sans-serif; font-size: 10pt;} p {text-align: justify;}"
    # page 1: title across, two columns below
    page = _story_page(doc, HTML, 1, 2)
    title, rest = HTML.split("</h1>", 1)
    page.insert_htmlbox(pymupdf.Rect(56, 50, 539, 110), title + "</h1>", css=css)
    left, right = rest.split("<h2>2 Operations</h2>", 1)
    page.insert_htmlbox(pymupdf.Rect(56, 110, 290, 560), left, css=css)
    page.insert_htmlbox(pymupdf.Rect(305, 110, 539, 560), "<h2>2 Operations</h2>" + right, css=css)
    # table with a merged header ("Generation, TWh" over the two year columns)
    y = 590
    page.insert_text((56, y - 8), "Table 1: Generation by region (TWh).", fontsize=9)
    xs = [56, 200, 300, 400, 539]
    page.draw_line((56, y), (539, y))
    page.insert_text((310, y + 12), "Generation, TWh", fontsize=9, fontname="hebo")
    page.draw_line((200, y + 16), (400, y + 16))
    row_y = y + 16
    for r, row in enumerate(TABLE):
        for c, text in enumerate(row):
            if r == 0 and c in (0, 3):
                page.insert_text((xs[c] + 4, y + 20), text, fontsize=9, fontname="hebo")
            elif r == 0:
                page.insert_text((xs[c] + 4, row_y + 12), text, fontsize=9, fontname="hebo")
            else:
                page.insert_text((xs[c] + 4, row_y + 12), text, fontsize=9)
        row_y += 16
        if r == 0:
            page.draw_line((56, row_y), (539, row_y))
    page.draw_line((56, row_y + 2), (539, row_y + 2))
    # page 2: text then a bar chart
    page = _story_page(doc, HTML2, 2, 2)  # noqa: F841
    page.insert_htmlbox(pymupdf.Rect(56, 60, 539, 400), HTML2, css=css)
    base, left, scale = 700, 120, 1.2
    page.draw_line((left, base), (left + 330, base))
    page.draw_line((left, base), (left, base - 160))
    for i, v in enumerate((0, 50, 100)):
        page.insert_text((left - 22, base - v * scale + 3), str(v), fontsize=8)
    for i, (year, value) in enumerate((("2021", 62), ("2022", 81), ("2023", 97), ("2024", 118))):
        x = left + 25 + i * 75
        page.draw_rect(pymupdf.Rect(x, base - value * scale, x + 40, base), color=None, fill=(0.2, 0.4, 0.7))
        page.insert_text((x + 8, base + 12), year, fontsize=8)
    page.insert_text((left, base + 34), "Figure 1: Installed capacity (GW x 10).", fontsize=9)
    doc.set_metadata({"title": "Northwind Energy Annual Report 2024", "author": "docparse examples"})
    doc.save(path, garbage=3, deflate=True)


if __name__ == "__main__":
    out = Path(__file__).with_name("sample-report.pdf")
    build(out)
    print(f"wrote {out}")

"""Per-page output (issue 19): page.to_markdown(), page-break markers in the document Markdown
(--page-breaks) and page numbers on every element of the JSON. Generated PDFs only."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import docparse
from docparse.cli import main
from docparse.renderers.markdown import page_break_marker

ROWS = [("Region", "Units", "Revenue"), ("North", "120", "3,400"), ("South", "95", "2,150"), ("East", "60", "1,900")]


def _three_pages(path: Path) -> Path:
    """Page 1: a title and a paragraph; page 2: blank; page 3: a heading, a ruled table, a list."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont("Helvetica-Bold", 20)
    c.drawString(72, 770, "Annual Overview")
    c.setFont("Helvetica", 11)
    for i in range(3):
        c.drawString(72, 740 - 14 * i, f"Opening paragraph line {i} says what the first page of the overview holds.")
    c.showPage()
    c.showPage()  # a blank page
    c.setFont("Helvetica-Bold", 14)
    c.drawString(72, 770, "Sales Table")
    c.setFont("Helvetica", 11)
    top, height, widths = 740, 20, (120, 80, 100)
    for r, row in enumerate(ROWS):
        x = 72
        for w, text in zip(widths, row):
            c.rect(x, top - (r + 1) * height, w, height)
            c.drawString(x + 4, top - (r + 1) * height + 6, text)
            x += w
    c.drawString(72, 620, "- first closing point about the table")
    c.drawString(72, 605, "- second closing point about the table")
    c.showPage()
    c.save()
    return path


@pytest.fixture(scope="module")
def pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _three_pages(tmp_path_factory.mktemp("pages") / "overview.pdf")


@pytest.fixture(scope="module")
def doc(pdf: Path) -> docparse.Document:
    return docparse.parse(pdf, ocr="never")


def test_page_markdown_holds_that_page_only(doc: docparse.Document) -> None:
    first, blank, third = (page.to_markdown() for page in doc.pages)
    assert first.startswith("# Annual Overview") and "Opening paragraph line 2" in first
    assert "Sales Table" not in first and "North" not in first
    assert blank.strip() == ""
    assert "Sales Table" in third and "| North | 120 | 3,400 |" in third and "Annual" not in third
    assert "- second closing point" in third
    words = set(doc.to_markdown().split())
    assert words == set((first + blank + third).split())  # the pages together are the document


def test_page_breaks_mark_every_page_in_order(doc: docparse.Document) -> None:
    assert "<!--" not in doc.to_markdown()  # off by default
    markdown = doc.to_markdown(page_breaks=True)
    marks = [int(n) for n in re.findall(r"<!-- page (\d+) -->", markdown)]
    assert marks == [1, 2, 3]
    assert markdown.startswith(page_break_marker(1))
    two, three = markdown.index(page_break_marker(2)), markdown.index(page_break_marker(3))
    assert markdown.index("Opening paragraph") < two < three < markdown.index("Sales Table")
    assert markdown[two:three].strip() == page_break_marker(2)  # the blank page keeps its marker


def test_every_element_carries_its_page(doc: docparse.Document) -> None:
    data = json.loads(doc.to_json())
    kinds = set()
    for page in data["pages"]:
        for region in page["regions"]:
            assert region["page"] == page["number"]
            assert region["id"].startswith(f"/page/{page['number']}/")
            kinds.add(region["kind"])
    assert {"title", "paragraph", "heading", "table"} <= kinds
    assert [r.page for r in doc.tables] == [3]


def test_streamed_pages_render_alone(pdf: Path, doc: docparse.Document) -> None:
    pages = list(docparse.Converter(ocr="never").iter_pages(pdf))
    assert [p.number for p in pages] == [1, 2, 3]
    assert "| South | 95 | 2,150 |" in pages[2].to_markdown()
    assert pages[0].to_markdown() == doc.pages[0].to_markdown()


def test_cli_page_breaks(pdf: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(pdf), "-q", "--ocr", "never", "--page-breaks"]) == 0
    assert re.findall(r"<!-- page (\d+) -->", capsys.readouterr().out) == ["1", "2", "3"]
    out = tmp_path / "out"
    assert main([str(pdf), "-o", str(out), "-q", "-j", "1", "--ocr", "never", "--page-breaks"]) == 0
    assert (out / "overview.md").read_text().count("<!-- page ") == 3

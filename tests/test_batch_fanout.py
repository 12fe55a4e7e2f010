"""Page fan-out (issue 20): a long document's page ranges converted by two workers, the
pre-pass shared and assembly run once, equal the sequential conversion."""

from __future__ import annotations

import io
import random
from pathlib import Path

from docparse.batch.fanout import convert_fanned_out, page_ranges
from docparse.batch.threads import with_worker_threads
from docparse.config import ParseOptions
from docparse.options.batch import FanOutOptions
from docparse.pipeline import convert

WORDS = ("annual revenue grew across every region while operating costs fell as the new plant reached "
         "full capacity and the board approved a dividend for shareholders").split()


def long_report(pages: int, seed: int = 3) -> bytes:
    """A report of flowing paragraphs (split across pages), a running header and footer, and
    tables long enough to continue on the next page."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import LongTable, Paragraph, SimpleDocTemplate, Spacer, TableStyle

    rng = random.Random(seed)
    styles = getSampleStyleSheet()

    def decorate(canvas, doc) -> None:  # type: ignore[no-untyped-def]
        canvas.setFont("Helvetica", 8)
        canvas.drawString(72, A4[1] - 40, "Northwind Annual Report 2026")
        canvas.drawString(A4[0] / 2, 30, f"Page {doc.page}")

    story: list[object] = []
    section = 0
    while len(story) < pages * 9:
        section += 1
        story.append(Paragraph(f"{section} Section {section}", styles["Heading2"]))
        for _ in range(4):
            text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(60, 160)))
            story.append(Paragraph(text.capitalize() + ".", styles["BodyText"]))
        if section % 3 == 0:
            rows = [["Region", "Units", "Revenue"]] + [[f"Region {section}-{r}", str(rng.randint(10, 999)),
                                                        f"{rng.randint(1000, 99999):,}"] for r in range(45)]
            table = LongTable(rows, repeatRows=1)
            table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black)]))
            story.append(table)
        story.append(Spacer(1, 6))
    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=A4)
    doc.build(story, onFirstPage=decorate, onLaterPages=decorate)
    import pymupdf

    with pymupdf.open(stream=buf.getvalue(), filetype="pdf") as full:
        full.select(list(range(min(pages, full.page_count))))
        return full.tobytes()


def test_page_ranges_are_contiguous_and_cover_every_page() -> None:
    numbers = list(range(1, 61))
    ranges = page_ranges(numbers, 2, FanOutOptions(ranges_per_worker=4, min_range_pages=5))
    assert [p for r in ranges for p in r] == numbers and len(ranges) == 8
    assert page_ranges(numbers, 2, FanOutOptions(min_range_pages=40)) == [tuple(range(1, 41)), tuple(range(41, 61))]


def test_fanned_out_document_equals_the_sequential_one(tmp_path: Path) -> None:
    path = tmp_path / "long.pdf"
    path.write_bytes(long_report(60))
    options = with_worker_threads(ParseOptions(), 1)
    sequential = convert(path, options)
    assert len(sequential.pages) == 60 and sequential.tables
    fan = FanOutOptions(ranges_per_worker=3, min_range_pages=7)  # 6 ranges: boundaries inside paragraphs/tables
    parallel = convert_fanned_out(path, options, workers=2, fan=fan)
    assert parallel.to_markdown() == sequential.to_markdown()
    assert parallel.to_json() == sequential.to_json()
    assert "Northwind Annual Report" not in parallel.to_markdown()  # running header found once, for all ranges

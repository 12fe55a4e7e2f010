"""A long generated report for page fan-out: flowing paragraphs split across pages, a running
header and footer, and long ruled tables continued on the next page (reportlab)."""

from __future__ import annotations

import io
import random

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

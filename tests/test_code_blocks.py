"""Program listings: fixed-pitch blocks become fenced code with their indentation, framed
listings are not tables or figures, and a document typed in Courier has no code blocks."""

from __future__ import annotations

import random

import pymupdf

import docparse
from docparse.document import RegionKind
from docparse.pages.analysis import Span
from docparse.pages.fonts import fixed_pitch_fonts, main_font, proportional_ratio
from tests.pdfgen import Builder, paragraph

LISTING = [
    "def total(rows):",
    "    result = 0",
    "    for row in rows:",
    "        result += row.amount",
    "",
    "    return result",
]


def _span(text: str, font: str, width_per_char: float, size: float = 10.0, flags: int = 0) -> Span:
    return Span(text=text, bbox=(0.0, 0.0, len(text) * width_per_char * size, size), font=font, size=size, flags=flags)


def test_fixed_pitch_measured_from_advances_without_flag_or_name() -> None:
    words = ["SELECT name", "FROM users", "WHERE id = 7", "ORDER BY name", "GROUP BY city", "HAVING n > 1"]
    fixed = [_span(w, "BookMasterGothic-Roman", 0.5) for w in words]
    # a proportional face: the width per character follows the letters
    rng = random.Random(3)
    texts = ["minimum", "Illicit", "WWW.MOM", "still", "MEMO", "filling it", "Wombat", "jilt"]
    proportional = [_span(t, "Helvetica", proportional_ratio(t) * rng.uniform(0.98, 1.02)) for t in texts]
    found = fixed_pitch_fonts(fixed + proportional)
    assert "BookMasterGothic-Roman" in found and "Helvetica" not in found
    # too few spans to tell, unless flagged
    assert fixed_pitch_fonts(fixed[:3]) == frozenset()
    assert fixed_pitch_fonts([_span("abcd", "Plain", 0.6, flags=8)]) == frozenset({"Plain"})
    assert main_font(fixed + proportional * 2) == "Helvetica"  # most characters


def test_repeated_or_long_proportional_lines_are_not_fixed_pitch() -> None:
    """A running header repeated on every page, or long caption sentences whose widths
    average out, must not pass for a typewriter face."""
    header = [_span("Annual Report 2024", "Helvetica-Oblique", 0.47) for _ in range(12)]
    rng = random.Random(5)
    captions = [paragraph(rng, 1) for _ in range(8)]
    long_lines = [_span(t, "Times-Italic", proportional_ratio(t) * 0.9) for t in captions]
    assert fixed_pitch_fonts(header + long_lines) == frozenset()


def _listing_pdf(framed: bool, body_font: str = "helv") -> bytes:
    rng = random.Random(11)
    b = Builder()
    page = b.new_page()
    y = b.box(page, pymupdf.Rect(72, 72, 540, 200), paragraph(rng, 3), font=body_font)
    top = y + 14
    for i, line in enumerate(LISTING):
        if line:
            page.insert_text((80, top + 10 + 12 * i), line, fontname="cour", fontsize=9)
    bottom = top + 12 * len(LISTING) + 6
    if framed:
        page.draw_rect(pymupdf.Rect(74, top, 540, bottom), color=(0, 0, 0), width=0.6)
    b.box(page, pymupdf.Rect(72, bottom + 16, 540, 700), paragraph(rng, 3), font=body_font)
    return b.tobytes()


def _fenced_blocks(md: str) -> list[str]:
    parts = md.split("```")
    return [parts[i].strip("\n") for i in range(1, len(parts), 2)]


def test_listing_becomes_one_fenced_block_with_indentation() -> None:
    doc = docparse.parse(_listing_pdf(framed=False))
    codes = [r for r in doc.regions() if r.kind is RegionKind.CODE]
    assert len(codes) == 1
    assert codes[0].text.split("\n") == LISTING
    assert _fenced_blocks(doc.to_markdown()) == ["\n".join(LISTING)]


def test_framed_listing_is_code_not_table_or_figure() -> None:
    doc = docparse.parse(_listing_pdf(framed=True))
    kinds = [r.kind for r in doc.regions()]
    assert RegionKind.TABLE not in kinds and RegionKind.FIGURE not in kinds
    assert _fenced_blocks(doc.to_markdown()) == ["\n".join(LISTING)]


def test_document_typed_in_courier_has_no_code_blocks() -> None:
    doc = docparse.parse(_listing_pdf(framed=False, body_font="cour"))
    assert all(r.kind is not RegionKind.CODE for r in doc.regions())
    assert "```" not in doc.to_markdown()


def test_recognised_text_is_never_code_by_its_font() -> None:
    """OCR spans all carry one made-up face; a typewritten scan reads as text, not listings."""
    from docparse.pages.analysis import Line, PageAnalysis
    from docparse.pages.document_context import DocumentContext
    from docparse.pages.ocrlines import OCR_FONT
    from docparse.regions.semantic import HeuristicSemanticClassifier

    texts = ["SELECT name FROM users", "WHERE id = 7 AND x > 2", "ORDER BY name ASC", "GROUP BY city", "HAVING n > 1"]
    lines = []
    for k, t in enumerate(texts):
        span = _span(t, OCR_FONT, 0.6)
        box = (72.0, 100.0 + 14 * k, 72.0 + span.bbox[2], 110.0 + 14 * k)
        lines.append(Line([Span(t, box, OCR_FONT, 10.0)], box))
    for ocr in (True, False):
        page = PageAnalysis(number=1, width=612, height=792, lines=lines, ocr=ocr)
        kinds = {p.kind for p in HeuristicSemanticClassifier().classify(page, DocumentContext(page_count=1), [])}
        assert RegionKind.CODE not in kinds

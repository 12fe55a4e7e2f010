"""Summary title, type and language on generated documents of the labelled set's kinds, and the
named language tests on text in many scripts."""

from __future__ import annotations

from pathlib import Path

import pytest

import docparse
from benchmarks.families.base import Split
from benchmarks.summaries.generate import GenDoc
from docparse.renderers.doctype import DocumentType
from docparse.renderers.language import detect_language
from docparse.renderers.summary import summarize_document, tokenize


@pytest.mark.parametrize(("text", "language"), [
    ("코로나-19 관련 보험약관상 재해보험금 지급문제 및 개선과제", "ko"),
    ("株式会社極洋 平成26年３月期決算短信 連結株主資本等変動計算書 のお知らせ", "ja"),
    ("تحسين الإنتاجية وحل المشكلات من خلال البرمجة", "ar"),
    ("شرکت بورس کالای ایران امید نامه پذیرش در بازار اصلی", "fa"),
    ("תוצר מקומי גולמי סך הכל לנפש הסקטור העסקי", "he"),
    ("Rechnung INV-2041 Gesamtbetrag 1.250,00 EUR", "de"),
    ("Facture n° 2041, montant total à payer avant le 30 juin", "fr"),
    ("Lorem ipsum dolor sit amet, consetetur sadipscing elitr, sed diam nonumy eirmod tempor invidunt "
     "ut labore et dolore magna aliquyam erat, sed diam voluptua. At vero eos et accusam et justo.", None),
    ("Total 12", None),
])
def test_language_from_script_or_common_words(text: str, language: str | None) -> None:
    assert detect_language(tokenize(text), text) == language


def _summary(doc: GenDoc, tmp_path: Path) -> docparse.Document:
    return summarize_document(docparse.parse(doc.build(tmp_path / f"{doc.name}.pdf"), ocr="never"))


@pytest.mark.parametrize(("doc_type", "language", "title"), [
    ("invoice", "de", "Rechnung INV-4711"),
    ("form", "it", "Modulo di domanda"),
    ("slide_deck", "nl", "Uitkomsten van het personeelsonderzoek"),
    ("letter", "pt", None),
    ("contract", "es", "Contrato de prestación de servicios"),
    ("manual", "fr", "Mode d'emploi Corvo S3"),
    ("data_sheet", "en", "Energy Use in Public Buildings"),
])
def test_generated_document_gets_its_title_type_and_language(doc_type: str, language: str, title: str | None,
                                                            tmp_path: Path) -> None:
    renderer = "weasyprint" if doc_type in ("contract", "manual", "data_sheet") else "reportlab"
    doc = GenDoc(f"{doc_type}-{language}", Split.TEST, title, doc_type, language, renderer, seed=7, variant=1)
    summary = _summary(doc, tmp_path)
    assert summary.document_type is DocumentType(doc_type)
    assert summary.language == language
    if title:
        assert summary.title == title


def test_generic_section_heading_is_not_the_title(tmp_path: Path) -> None:
    from reportlab.pdfgen import canvas

    path = tmp_path / "notes.pdf"
    c = canvas.Canvas(str(path))
    c.setFont("Helvetica-Bold", 16)
    c.drawString(72, 760, "NOTES:")
    c.setFont("Helvetica", 10)
    c.drawString(72, 730, "The figures below are provisional and will be revised in the next release.")
    c.setFont("Helvetica-Bold", 14)
    c.drawString(72, 690, "Firearm Checks by State and Month")
    c.setFont("Helvetica", 10)
    c.drawString(72, 660, "Each month the number of background checks is published for every state.")
    c.save()
    summary = summarize_document(docparse.parse(path))
    assert summary.title != "NOTES:"


def test_running_header_names_the_title_when_no_title_is_set(tmp_path: Path) -> None:
    """The docling bookmark_sample shape: no title on page 1, the title only in a running header."""
    from reportlab.pdfgen import canvas

    path = tmp_path / "agreement.pdf"
    c = canvas.Canvas(str(path))
    body = "This clause sets out how the parties share the work and when each payment falls due."
    parts = ("DEFINITIONS", "OBLIGATIONS", "MISCELLANEOUS")
    for page in range(1, 4):
        c.setFont("Helvetica-Oblique", 9)
        c.drawString(72, 800, f"Harbour Lane Supply Agreement — page {page}")
        c.setFont("Helvetica-Bold", 10)
        c.drawString(72, 770, f"{page}. {parts[page - 1].title()}")
        c.setFont("Helvetica", 10)
        for line in range(12):
            c.drawString(72, 740 - 14 * line, body)
        c.showPage()
    c.save()
    summary = summarize_document(docparse.parse(path))
    assert summary.title == "Harbour Lane Supply Agreement"
    assert summary.document_type is DocumentType.CONTRACT

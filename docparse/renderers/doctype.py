"""The type of a document from a small closed list users recognise, offline, without a model.

Named tests, in order: a document whose words sit mostly in tables is a data sheet; landscape pages
with few words are a slide deck; otherwise textual cues in eight languages (titles such as
"Invoice"/"Rechnung", salutations, clause language, numbered steps, sections of a paper) are
scored, with a bonus for long documents (books and manuals) and reports of several pages.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass
from enum import Enum

from docparse.document import Document
from docparse.options.summary import DocumentTypeOptions


class DocumentType(str, Enum):
    REPORT = "report"
    PAPER = "paper"
    FORM = "form"
    INVOICE = "invoice"  # invoices and receipts
    SLIDE_DECK = "slide_deck"
    MANUAL = "manual"  # books, manuals, handbooks, reference guides
    CONTRACT = "contract"
    LETTER = "letter"
    DATA_SHEET = "data_sheet"  # documents that are mostly tables
    OTHER = "other"


@dataclass(frozen=True)
class TypeCue:
    type: DocumentType
    pattern: re.Pattern[str]
    weight: float


def _cue(kind: DocumentType, pattern: str, weight: float) -> TypeCue:
    return TypeCue(kind, re.compile(pattern, re.IGNORECASE | re.MULTILINE), weight)


T = DocumentType
TYPE_CUES: tuple[TypeCue, ...] = (
    _cue(T.INVOICE, r"\b(invoice|rechnung|facture|factura|fattura|factuur|fatura|receipt|quittung|reçu|recibo)\b", 3.0),
    _cue(T.INVOICE, r"\b(bill to|amount due|due date|invoice (no|number|date)|vat (no|number)|total due|"
                    r"gesamtbetrag|montant total|total a pagar|totale da pagare|totaal te betalen)\b", 2.0),
    _cue(T.INVOICE, r"\b(subtotal|payment terms|remit|cashier|change due|mwst|tva|iva|btw)\b", 1.0),
    _cue(T.INVOICE, r"\bthank you for (shopping|your purchase)\b", 2.5),
    _cue(T.INVOICE, r"\b(cash|visa|mastercard|qty|gst|tax)\b", 0.5),
    _cue(T.PAPER, r"^\s*(abstract|references|bibliography|related work)\s*$", 3.0),
    _cue(T.PAPER, r"\bet al\.|\barxiv\b|\bdoi:|\bproceedings\b|\[\d+(,\s*\d+)*\]", 1.5),
    _cue(T.PAPER, r"^\s*\d?\.?\s*(introduction|conclusions?|methods?|experiments?)\s*$", 1.0),
    _cue(T.FORM, r"_{5,}|☐|☑|□|\[ \]", 1.5),
    _cue(T.FORM, r"\b(application form|antragsformular|formulaire|formulario|modulo di domanda|aanvraagformulier|"
                 r"formulário|form \w*\d|please (print|complete)|date of birth|geburtsdatum|date de naissance|"
                 r"fecha de nacimiento|data di nascita|geboortedatum|data de nascimento)\b", 2.0),
    _cue(T.FORM, r"^\s*[\w .’'-]{2,30}:\s*$", 0.5),
    _cue(T.LETTER, r"^\s*(dear|sehr geehrte|madame|monsieur|estimad[oa]|gentile|geachte|exm[oa]\.?)\b", 3.0),
    _cue(T.LETTER, r"^\s*(sincerely|yours (sincerely|faithfully)|best regards|kind regards|mit freundlichen grüßen|"
                   r"veuillez agréer|atentamente|cordiali saluti|met vriendelijke groet|com os melhores cumprimentos)",
         3.0),
    _cue(T.CONTRACT, r"\b(this agreement|the parties|hereby|hereinafter|whereas|governing law|die parteien|"
                     r"les parties|las partes|le parti|de partijen|as partes)\b", 2.0),
    _cue(T.CONTRACT, r"\b(agreement|vertrag|contrat|contrato|contratto|overeenkomst|clause|termination|"
                     r"indemnif\w+|liability|kündigen|résilier|rescindir|recedere|opzeggen)\b", 1.0),
    _cue(T.MANUAL, r"\b(user manual|user guide|handbook|reference manual|programmer’?'?s reference|"
                   r"bedienungsanleitung|handbuch|mode d'emploi|manuel|manual del usuario|manuale|"
                   r"handleiding|manual do utilizador|redbooks?|redpaper)\b", 3.0),
    _cue(T.MANUAL, r"\b(press|hold|turn|insert|remove|select|click|install)\b[^.]{0,80}\b(button|switch|screw|"
                   r"menu|cover|cable)\b|\bstep \d+\b|\bchapter \d+|\bkapitel \d+|\bauflage\b|\bedition\b", 1.0),
    _cue(T.REPORT, r"\b(executive summary|annual report|table of contents|fiscal (year|quarter)|jahresbericht|"
                   r"rapport annuel|informe anual|relazione annuale|jaarverslag|relatório anual)\b", 2.5),
    _cue(T.REPORT, r"\b(report|findings|recommendations|appendix|outlook|bericht|rapport|informe|verslag)\b", 0.5),
)


def table_word_share(document: Document, text: str) -> float:
    """Words inside tables against all words (tables plus body text)."""
    table_words = sum(len(c.text.split()) for region in document.tables if region.table for c in region.table.cells)
    body_words = len(text.split())
    total = table_words + body_words
    return table_words / total if total else 0.0


def looks_like_slides(document: Document, text: str, options: DocumentTypeOptions) -> bool:
    pages = document.pages or []
    if not pages:
        return False
    landscape = sum(1 for p in pages if p.width > p.height * 1.2) / len(pages)
    return landscape > options.slide_landscape_share and len(text.split()) / len(pages) < options.slide_words_per_page


def cue_scores(text: str) -> defaultdict[DocumentType, float]:
    scores: defaultdict[DocumentType, float] = defaultdict(float)
    for cue in TYPE_CUES:
        hits = len(cue.pattern.findall(text))
        if hits:
            scores[cue.type] += cue.weight * (1 + math.log(hits))
    return scores


def classify_document_type(document: Document, text: str, options: DocumentTypeOptions | None = None) -> DocumentType:
    """The document's type: data sheet and slide tests first, then the best-scoring cues."""
    options = options or DocumentTypeOptions()
    scores = cue_scores(text)
    strong_cue = max(scores.values(), default=0.0) >= options.strong_cue
    if not strong_cue and table_word_share(document, text) >= options.data_sheet_table_share:
        return DocumentType.DATA_SHEET
    pages = len(document.pages or [])
    if looks_like_slides(document, text, options):
        scores[DocumentType.SLIDE_DECK] += options.slide_bonus
    if pages >= options.book_min_pages:
        scores[DocumentType.MANUAL] += options.book_bonus
    if pages >= options.report_min_pages:
        scores[DocumentType.REPORT] += options.report_pages_bonus
    best = max(scores.values(), default=0.0)
    if best < options.min_score:
        return DocumentType.REPORT if scores[DocumentType.REPORT] >= options.report_pages_bonus else DocumentType.OTHER
    tied = [kind for kind, score in scores.items() if score == best]
    return DocumentType.REPORT if DocumentType.REPORT in tied else tied[0]

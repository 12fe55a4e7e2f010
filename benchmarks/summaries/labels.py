"""Hand labels for real documents of ../shared/corpus: true title, document type and language.

Labelled by reading each document (2026-12-07). ``title=None`` means the document shows no title
of its own (an excerpt of a longer report starting mid-text, a bare table page): such documents
count for type and language only. ``language=None`` means no natural language to detect (Lorem
ipsum, a few words). Types use the closed list of ``docparse.renderers.summary.DocumentType``.
Documents alternate between the dev and the test split in the order listed (``split_of``).
"""

from __future__ import annotations

from dataclasses import dataclass

from benchmarks.families.base import Split


@dataclass(frozen=True)
class Label:
    path: str  # relative to the corpus root
    title: str | None
    doc_type: str  # a DocumentType value
    language: str | None  # ISO 639-1


DOCLING = "text/docling/tests/data/pdf/"
ICDAR = "tables/icdar2013-us/tests/files/tabula/icdar2013-dataset/competition-dataset-us/"
CAMELOT = "tables/camelot/tests/files/"
PYPDF = "robustness/pypdf/"
TABULA = "tables/tabula/src/test/resources/technology/tabula/"

REAL: tuple[Label, ...] = (
    Label(DOCLING + "bookmark_sample.pdf", "Sample Agreement", "contract", "en"),
    Label(DOCLING + "sources/2305.03393v1-pg9.pdf", "Optimized Table Tokenization for Table Structure Recognition",
          "paper", "en"),
    Label(DOCLING + "sources/normal_4pages.pdf", "코로나-19 관련 보험약관상 재해보험금 지급문제 및 개선과제", "report", "ko"),
    Label(DOCLING + "sources/skipped_2pages.pdf", "ICT 기술변화에 따른 미래 보안기술 전망 보고서", "report", "ko"),
    Label(DOCLING + "sources/right_to_left_01.pdf", None, "other", "ar"),
    Label(DOCLING + "sources/right_to_left_03.pdf", None, "other", "fa"),
    Label(DOCLING + "sources/table_mislabeled_as_picture.pdf", "Global Study on Legal Aid — Global Report",
          "report", "en"),
    Label(DOCLING + "sources/multi_page.pdf", "The Evolution of the Word Processor", "other", "en"),
    Label(DOCLING + "sources/picture_classification.pdf", "Figures Example", "other", None),
    Label(DOCLING + "sources/code_and_formula.pdf", "JavaScript Code Example", "other", None),
    Label(DOCLING + "sources/amt_handbook_sample.pdf", "AMT General Handbook", "manual", "en"),
    Label(DOCLING + "sources/redp5110_sampled.pdf", "Row and Column Access Control Support in IBM DB2 for i",
          "manual", "en"),
    Label(ICDAR + "us-001.pdf", None, "report", "en"),
    Label(ICDAR + "us-002.pdf", None, "report", "en"),
    Label(ICDAR + "us-004.pdf", None, "report", "en"),
    Label(ICDAR + "us-006.pdf", None, "report", "en"),
    Label(ICDAR + "us-008.pdf", None, "report", "en"),
    Label(ICDAR + "us-010.pdf", None, "report", "en"),
    Label(ICDAR + "us-013.pdf", None, "report", "en"),
    Label(ICDAR + "us-014.pdf", None, "report", "en"),
    Label(CAMELOT + "agstat.pdf", None, "data_sheet", "en"),
    Label(CAMELOT + "budget.pdf", None, "data_sheet", "en"),
    Label(CAMELOT + "population_growth.pdf", None, "data_sheet", "en"),
    Label(CAMELOT + "mexican_towns.pdf", None, "data_sheet", "es"),
    Label(CAMELOT + "row_span_1.pdf", None, "data_sheet", "en"),
    Label(CAMELOT + "health.pdf", None, "data_sheet", "en"),
    Label(CAMELOT + "issue_288.pdf", None, "data_sheet", "de"),
    Label(CAMELOT + "edge_tol.pdf", None, "report", "en"),
    Label(CAMELOT + "foo.pdf", None, "report", "en"),
    Label(CAMELOT + "background_lines_1.pdf", None, "report", "en"),
    Label(CAMELOT + "diesel_engines.pdf", None, "manual", "en"),
    Label(PYPDF + "001-trivial/minimal-document.pdf", None, "other", None),
    Label(PYPDF + "009-pdflatex-geotopo/GeoTopo-komprimiert.pdf", "Einführung in die Geometrie und Topologie",
          "manual", "de"),
    Label(PYPDF + "011-google-doc-document/google-doc-document.pdf", "Example document", "other", "en"),
    Label(PYPDF + "012-libreoffice-form/libreoffice-form.pdf", "Example for a Form", "form", "en"),
    Label(PYPDF + "021-pdfa/crazyones-pdfa.pdf", "The Crazy Ones", "other", "en"),
    Label(PYPDF + "026-latex-multicolumn/multicolumn.pdf", "Two-Column Document with Lorem Ipsum", "paper", None),
    Label(TABULA + "12s0324.pdf", None, "data_sheet", "en"),
    Label(TABULA + "argentina_diputados_voting_record.pdf", None, "data_sheet", "es"),
    Label(TABULA + "campaign_donors.pdf", None, "data_sheet", "es"),
    Label(TABULA + "cs-en-us-pbms.pdf", None, "data_sheet", "en"),
    Label(TABULA + "npe_issue_206.pdf", "Hexagon V62 Programmer's Reference Manual", "manual", "en"),
    Label(TABULA + "frx_2012_disclosure.pdf", None, "data_sheet", "en"),
    Label(TABULA + "schools.pdf", None, "data_sheet", "en"),
    Label(TABULA + "puertos1.pdf", None, "data_sheet", "es"),
    Label(TABULA + "twotables.pdf", None, "data_sheet", "ja"),
    Label(TABULA + "indictb1h_14.pdf", None, "data_sheet", "he"),
    Label(TABULA + "failing_sort.pdf", None, "other", "de"),
)


def split_of(index: int) -> Split:
    """Real documents alternate: even positions dev, odd positions test."""
    return Split.DEV if index % 2 == 0 else Split.TEST

"""Where a page's text comes from: its text layer, or OCR when that layer is missing or bad.

The pipeline calls ``prepare`` once per page before classification; an OCR source replaces
``page.lines``/``page.words`` with recognised text and may mark the page as OCRed.
"""

from __future__ import annotations

from typing import Protocol

from docparse.pages.analysis import PageAnalysis


class TextSource(Protocol):
    def prepare(self, page: PageAnalysis) -> PageAnalysis: ...


class TextLayerOnly:
    """Use the PDF's text layer as it is (``--ocr never``)."""

    def prepare(self, page: PageAnalysis) -> PageAnalysis:
        if not page.lines and page.images:
            page.warnings.append("page has no text layer and OCR is off; its text is not read")
        return page

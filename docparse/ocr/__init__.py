"""OCR engines behind one protocol (:class:`OcrEngine`): RapidOCR (default) and Tesseract."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from docparse.config import OcrEngineName
from docparse.ocr.base import OcrEngine, OcrLine, OcrWord

if TYPE_CHECKING:
    from docparse.config import OcrOptions

ENGINES = tuple(e.value for e in OcrEngineName)


def make_engine(options: "OcrOptions") -> OcrEngine:
    """The engine ``options.engine`` names, with ``options.threads`` (models load on first use)."""
    if options.engine is OcrEngineName.TESSERACT:
        from docparse.ocr.tesseract import TesseractEngine

        return TesseractEngine(replace(options.tesseract, languages=options.languages, threads=options.threads))
    from docparse.ocr.rapid import RapidOcrEngine

    return RapidOcrEngine(replace(options.rapid, threads=options.threads))


__all__ = ["ENGINES", "OcrEngine", "OcrLine", "OcrWord", "make_engine"]

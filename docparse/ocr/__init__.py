"""OCR engines behind one protocol (:class:`OcrEngine`): RapidOCR (default) and Tesseract."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from docparse.config import OcrEngineName
from docparse.ocr.base import OcrEngine, OcrLine, OcrWord
from docparse.options.ocr import inherit_threads

if TYPE_CHECKING:
    from docparse.config import OcrOptions

ENGINES = tuple(e.value for e in OcrEngineName)


def make_engine(options: "OcrOptions") -> OcrEngine:
    """The engine ``options.engine`` names, its threads by the tree's rule (its own ``threads``,
    else ``options.threads``: :func:`docparse.options.ocr.inherit_threads`); models load on first use."""
    if options.engine is OcrEngineName.TESSERACT:
        from docparse.ocr.tesseract import TesseractEngine, check_languages

        threads = inherit_threads(options.tesseract.threads, options.threads)
        settings = replace(options.tesseract, languages=options.languages, threads=threads)
        check_languages(settings)
        return TesseractEngine(settings)
    from docparse.ocr.rapid import RapidOcrEngine

    return RapidOcrEngine(replace(options.rapid, threads=inherit_threads(options.rapid.threads, options.threads)))


__all__ = ["ENGINES", "OcrEngine", "OcrLine", "OcrWord", "make_engine"]

"""OCR engines behind one protocol (:class:`OcrEngine`): RapidOCR (default) and Tesseract."""

from __future__ import annotations

from typing import TYPE_CHECKING

from docparse.ocr.base import OcrEngine, OcrLine, OcrWord

if TYPE_CHECKING:
    from docparse.config import OcrOptions

ENGINES = ("rapidocr", "tesseract")


def make_engine(options: "OcrOptions") -> OcrEngine:
    """The engine ``options.engine`` names (models load on its first use, not here)."""
    if options.engine == "tesseract":
        from docparse.ocr.tesseract import TesseractEngine, TesseractOptions

        return TesseractEngine(TesseractOptions(languages=options.languages, threads=options.threads))
    from docparse.ocr.rapid import RapidOcrEngine, RapidOcrOptions

    return RapidOcrEngine(RapidOcrOptions(threads=options.threads))


__all__ = ["ENGINES", "OcrEngine", "OcrLine", "OcrWord", "make_engine"]

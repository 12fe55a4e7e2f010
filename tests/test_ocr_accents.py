"""The default OCR keeps accents (issue 16: eurotext.tif read "über" as "uber", "cão" as "cao"):
PP-OCRv6 small from the rapidocr 3.x wheel is the recognition model when it is installed."""

from __future__ import annotations

from pathlib import Path

import pymupdf
import pytest

import docparse
from docparse.errors import UsageError
from docparse.ocr import rapid
from docparse.options.ocr import RecModel

LINES = ("Der schnelle braune Fuchs springt über den faulen Hund.",
         "Le renard brun rapide saute par-dessus le chien paresseux.",
         "A raposa marrom rápida salta sobre o cão preguiçoso.",
         "El zorro marrón rápido salta sobre el perro perezoso.")


def _scan(path: Path) -> Path:
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    for i, line in enumerate(LINES):
        page.insert_text((60, 100 + 36 * i), line, fontsize=15, fontname="helv")
    pix = page.get_pixmap(dpi=200)
    out = pymupdf.open()
    scan = out.new_page(width=595, height=842)
    scan.insert_image(scan.rect, pixmap=pix)
    out.save(path)
    return path


def test_default_ocr_reads_accented_letters(tmp_path: Path) -> None:
    pytest.importorskip("rapidocr_onnxruntime")
    if rapid.rec_model_path(RecModel.AUTO) is None:
        pytest.skip("the rapidocr 3.x wheel (PP-OCRv6 small) is not installed: scripts/test.sh installs it")
    text = docparse.parse(_scan(tmp_path / "accents.pdf")).to_markdown()
    for word in ("über", "rápida", "cão", "preguiçoso", "marrón"):
        assert word in text, (word, text)


def test_asking_for_a_model_that_is_not_installed_is_a_usage_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(rapid, "_v6_rec_model", lambda: None)
    assert rapid.rec_model_path(RecModel.AUTO) is None  # auto falls back to PP-OCRv4
    with pytest.raises(UsageError, match="rapidocr"):
        rapid.rec_model_path(RecModel.PP_OCRV6_SMALL)

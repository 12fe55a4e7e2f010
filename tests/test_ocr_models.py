"""OCR with the shipped models (marked ``model``): RapidOCR on degraded generated pages, the
word-spacing fix, orientation, scanned tables end to end, Tesseract, and corpus smoke tests."""

from __future__ import annotations

import shutil
from collections import Counter

import numpy as np
import pytest

from tests.conftest import corpus_path

pytestmark = [pytest.mark.model, pytest.mark.slow]  # ~1–2 min on 2 idle cores
pytest.importorskip("rapidocr_onnxruntime")


def _render(pdf: bytes, dpi: int = 150) -> np.ndarray:
    import pymupdf

    doc = pymupdf.open(stream=pdf, filetype="pdf")
    pix = doc[0].get_pixmap(dpi=dpi, colorspace=pymupdf.csRGB, alpha=False)
    return np.frombuffer(pix.samples, np.uint8).reshape(pix.height, pix.width, 3).copy()


def _f1(truth: list[str], got: list[str]) -> float:
    inter = sum((Counter(truth) & Counter(got)).values())
    p, r = inter / max(len(got), 1), inter / max(len(truth), 1)
    return 2 * p * r / (p + r) if p + r else 0.0


@pytest.fixture(scope="module")
def engine():
    from docparse.ocr.rapid import RapidOcrEngine

    return RapidOcrEngine()


@pytest.fixture(scope="module")
def noisy_page():
    from benchmarks.synth.scans import DegradeSettings, degrade_pdf, text_page_pdf

    pdf, truth = text_page_pdf(seed=21)
    return _render(degrade_pdf(pdf, DegradeSettings(snr_db=15), seed=21)), " ".join(truth[0]).split()


def test_rapidocr_reads_noisy_scan_and_fixes_spaces(engine, noisy_page):
    from docparse.ocr.rapid import RapidOcrEngine, RapidOcrOptions

    image, truth = noisy_page
    fixed = " ".join(line.text for line in engine.recognize(image)).split()
    raw_engine = RapidOcrEngine(RapidOcrOptions(fix_spaces=False))
    raw_engine._ocr = engine._engine()  # same loaded models
    raw = " ".join(line.text for line in raw_engine.recognize(image)).split()
    assert _f1(truth, fixed) >= 0.87
    assert _f1(truth, fixed) > _f1(truth, raw)  # PP-OCR runs Latin words together; the fix helps


def test_batched_recognition_reads_what_one_crop_a_call_reads(engine, noisy_page):
    """Crops recognised in width buckets (padded to the bucket's widest) read the same words
    as crops recognised one per call at the wheel's 320 px width."""
    from docparse.ocr.rapid import RapidOcrEngine, RapidOcrOptions

    image, truth = noisy_page
    single = RapidOcrEngine(RapidOcrOptions(rec_batch=1, rec_min_width=320))
    single._ocr = engine._engine()  # same loaded models
    batched_settings = RapidOcrOptions()
    assert batched_settings.rec_batch > 1
    batched = " ".join(line.text for line in engine.recognize(image)).split()
    one_by_one = " ".join(line.text for line in single.recognize(image)).split()
    assert _f1(one_by_one, batched) >= 0.97
    assert _f1(truth, batched) >= _f1(truth, one_by_one) - 0.01


def test_word_boxes_lie_inside_their_lines(engine, noisy_page):
    lines = engine.recognize(noisy_page[0])
    for line in lines:
        for w in line.words:
            assert line.bbox[0] - 2 <= w.bbox[0] <= w.bbox[2] <= line.bbox[2] + 2


def test_orientation_turns_page_upright():
    from benchmarks.synth.scans import text_page_pdf
    from docparse.pages.preprocess import Orientation, PreprocessOptions, plan_transform

    image = _render(text_page_pdf(seed=4)[0])
    orientation = Orientation()
    settings = PreprocessOptions(deskew=False, denoise=False)
    assert plan_transform(image, settings, orientation).quarter_turns == 0
    for turns in (1, 2, 3):
        turned = np.ascontiguousarray(np.rot90(image, k=-turns))  # clockwise by turns × 90°
        assert plan_transform(turned, settings, orientation).quarter_turns == turns


def test_scanned_table_end_to_end(tmp_path):
    from benchmarks.synth.scans import DegradeSettings, degrade_pdf
    from benchmarks.synth.tables import generate_table_set
    from benchmarks.teds import teds
    from docparse.config import ParseOptions
    from docparse.pipeline import convert

    truth = generate_table_set(tmp_path, n=1, seed=3)[0]
    pdf = degrade_pdf((tmp_path / truth.file).read_bytes(), DegradeSettings(snr_db=20), seed=1)
    doc = convert(pdf, ParseOptions.from_kwargs(page_timeout_s=None))
    assert doc.pages[0].ocr
    tables = [r.table for r in doc.tables if r.table is not None]
    assert tables, "no table found on the scanned page"
    assert max(teds(t.to_html(), truth.table.to_html()) for t in tables) >= 0.75
    assert "below" in doc.to_markdown()  # prose around the table is read too


def test_mixed_document_keeps_digital_pages_digital():
    import pymupdf

    from benchmarks.synth.scans import DegradeSettings, degrade_pdf, text_page_pdf
    from docparse.config import ParseOptions
    from docparse.pipeline import convert

    digital, _ = text_page_pdf(seed=8)
    scanned, truth = text_page_pdf(seed=9)
    mixed = pymupdf.open(stream=digital, filetype="pdf")
    mixed.insert_pdf(pymupdf.open(stream=degrade_pdf(scanned, DegradeSettings(snr_db=25), seed=9), filetype="pdf"))
    doc = convert(mixed.tobytes(), ParseOptions.from_kwargs(page_timeout_s=None))
    assert [p.ocr for p in doc.pages] == [False, True]
    words = " ".join(r.text for r in doc.pages[1].regions).split()
    assert _f1(" ".join(truth[0]).split(), words) >= 0.85


@pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract-ocr not installed (apt)")
def test_tesseract_engine_reads_phototest():
    import cv2

    from docparse.ocr.tesseract import TesseractEngine

    path = corpus_path("scans", "tesseract", "testing", "phototest.tif")
    image = cv2.imread(str(path))[:, :, ::-1].copy()
    text = " ".join(line.text for line in TesseractEngine().recognize(image))
    truth = path.with_suffix(".txt").read_text()
    assert _f1(truth.split(), text.split()) >= 0.9


@pytest.mark.parametrize("name", ["phototest.tif", "phototest-rotated-L.png", "phototest-rotated-180.png"])
def test_phototest_through_pipeline(name):
    from rapidfuzz.distance import Levenshtein

    from docparse.config import ParseOptions
    from docparse.pipeline import convert

    path = corpus_path("scans", "tesseract", "testing", name)
    truth = " ".join(corpus_path("scans", "tesseract", "testing", "phototest.txt").read_text().split())
    doc = convert(path, ParseOptions.from_kwargs(page_timeout_s=None))
    text = " ".join(" ".join(r.text for r in doc.pages[0].regions).split())
    assert doc.pages[0].ocr
    assert Levenshtein.distance(text, truth) / len(truth) <= 0.05

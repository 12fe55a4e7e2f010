"""Preprocessing and degradation without models: deskew, quarter turns, despeckle, SNR,
degraded PDFs, and multi-page TIFF inputs opened as image-only pages."""

from __future__ import annotations

import io

import numpy as np
import pytest

from benchmarks.synth.scans import DegradeSettings, add_noise, degrade_pdf, measured_snr_db, text_page_pdf
from docparse.pages.preprocess import (
    PageTransform,
    apply_transform,
    denoise,
    estimate_skew,
    noise_level,
    rotate_small,
    speckle_mask,
)


def striped_page(h: int = 800, w: int = 600) -> np.ndarray:
    img = np.full((h, w, 3), 255, np.uint8)
    for y in range(60, h - 60, 30):
        for x in range(50, w - 50, 40):
            img[y:y + 12, x:x + 30] = 0  # words on text lines
    return img


@pytest.mark.parametrize("angle", [-2.0, 1.3])
def test_estimate_skew_recovers_rotation(angle: float):
    skewed = rotate_small(striped_page(), -angle)
    assert estimate_skew(skewed) == pytest.approx(angle, abs=0.25)
    assert abs(estimate_skew(striped_page())) < 0.1


def test_quarter_turn_transform_swaps_size():
    img = striped_page()
    out = apply_transform(img, PageTransform(quarter_turns=1))
    assert out.shape == (600, 800, 3)
    assert PageTransform(quarter_turns=3).rotation == 270


def test_despeckle_keeps_text_dots():
    img = striped_page()
    rng = np.random.default_rng(0)
    ys, xs = rng.integers(0, 800, 300), rng.integers(0, 600, 300)
    specks = img.copy()
    specks[ys, xs] = 0
    specks[75, 85] = 0  # a "full stop" right next to a word stays
    assert noise_level(specks) > noise_level(img) == 0.0
    mask = speckle_mask(specks)
    assert not mask[75, 85]
    cleaned = denoise(specks)
    assert (cleaned[60:72, 50:80] == 0).all()  # glyphs untouched
    assert noise_level(cleaned) < 0.2 * noise_level(specks)


def test_noise_at_requested_snr():
    img = striped_page()
    noisy = add_noise(img, 15.0, np.random.default_rng(1))
    assert measured_snr_db(img, noisy) == pytest.approx(15.0, abs=0.7)


def test_degrade_pdf_is_image_only_same_size():
    import pymupdf

    pdf, truth = text_page_pdf(seed=2)
    assert truth[0] and all(isinstance(x, str) for x in truth[0])
    bad = degrade_pdf(pdf, DegradeSettings(snr_db=15), seed=2)
    doc = pymupdf.open(stream=bad, filetype="pdf")
    page = doc[0]
    assert page.get_text().strip() == ""
    assert page.rect.width == pytest.approx(595) and len(page.get_images()) == 1


def test_multipage_tiff_opens_as_image_pages(tmp_path):
    from PIL import Image

    from docparse.config import OpenOptions
    from docparse.pages.open import open_document

    frames = [Image.fromarray(striped_page(300 + 50 * k, 200)) for k in range(3)]
    buf = io.BytesIO()
    frames[0].save(buf, format="TIFF", save_all=True, append_images=frames[1:])
    path = tmp_path / "scan.tif"
    path.write_bytes(buf.getvalue())
    with open_document(path, OpenOptions()) as opened:
        assert opened.page_count == 3
        page = opened.doc[2]
        assert page.get_text().strip() == "" and len(page.get_images()) == 1

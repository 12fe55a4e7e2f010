"""An OCR page's corrected frame: one correction, coarser resolutions reduced from it, finer
ones rendered again and corrected the same way (one pass of planning + applying gives the same
image as applying the plan)."""

from __future__ import annotations

import numpy as np
import pytest

from docparse.pages.analysis import ImageInfo, PageAnalysis
from docparse.pages.frame import CorrectedFrame, use_corrected_frame
from docparse.pages.preprocess import (
    PageTransform,
    PreprocessOptions,
    apply_transform,
    correct_page,
    denoise,
    lift_haze,
    noise_level,
    rotate_small,
    speckle_mask,
)
from docparse.pages.textsource import native_dpi


def text_page(h: int = 900, w: int = 700, specks: int = 400, seed: int = 0) -> np.ndarray:
    """Word-like bars on lines, a few isolated specks and a faint grey haze."""
    rng = np.random.default_rng(seed)
    img = np.full((h, w, 3), 250, np.uint8)
    img[: h // 3, : w // 2] = 215  # haze well above the ink level
    for y in range(60, h - 60, 28):
        for x in range(40, w - 80, 45):
            img[y:y + 11, x:x + int(rng.integers(20, 38))] = 20
    ys, xs = rng.integers(0, h, specks), rng.integers(0, w, specks)
    img[ys, xs] = 30
    return img


class Renders:
    """A scan page renderer that counts its calls (a fake rasterizer at 100 dpi native)."""

    def __init__(self, scan: np.ndarray) -> None:
        self.scan, self.calls = scan, []

    def __call__(self, dpi: int) -> np.ndarray:
        import cv2

        self.calls.append(dpi)
        k = dpi / 100
        return cv2.resize(self.scan, None, fx=k, fy=k, interpolation=cv2.INTER_LINEAR)


def scan_page(scan: np.ndarray, native: float = 100.0) -> PageAnalysis:
    h, w = scan.shape[:2]
    page = PageAnalysis(number=1, width=w * 72 / native, height=h * 72 / native)
    page.images = [ImageInfo(page.bbox, 1, w, h)]
    return page


def test_correct_page_is_plan_then_apply_in_one_pass():
    img = rotate_small(text_page(), -1.5)
    settings = PreprocessOptions(orientation=False)
    transform, corrected = correct_page(img, settings, None)
    assert transform.denoise and transform.skew_deg == pytest.approx(1.5, abs=0.2)
    assert np.array_equal(corrected, apply_transform(img, transform))
    assert noise_level(corrected) < 0.2 * noise_level(img)


def test_denoise_and_lift_haze():
    img = text_page()
    clean = denoise(img)
    assert not speckle_mask(clean).any() or noise_level(clean) < 0.1 * noise_level(img)
    assert (clean[60:71, 40:60] == 20).all()  # glyphs untouched
    lifted = lift_haze(img)
    assert (lifted[5:20, 5:20] == 255).all() and (lifted[60:71, 40:60] == 20).all()
    gray = img[..., 0].copy()
    assert np.array_equal(lift_haze(gray), lifted[..., 0])  # one channel or three, same result


def test_native_dpi():
    page = scan_page(text_page(), native=120)
    assert native_dpi(page) == pytest.approx(120)
    assert native_dpi(PageAnalysis(number=1, width=600, height=800)) is None


def test_corrected_frame_reduces_the_ocr_render_and_renders_finer_ones_again():
    scan = text_page()
    renders = Renders(scan)
    page = scan_page(scan, native=300)
    page.render = renders
    transform, image = correct_page(page.raster(200), PreprocessOptions(orientation=False), None)
    use_corrected_frame(page, transform, image, 200, scan_dpi=300)
    assert isinstance(page.render, CorrectedFrame) and renders.calls == [200]
    assert page.raster(200) is image
    coarser = page.raster(150)
    assert renders.calls == [200]  # no page render, no second correction
    assert coarser.shape[:2] == (round(image.shape[0] * 0.75), round(image.shape[1] * 0.75))
    finer = page.raster(300)
    assert renders.calls == [200, 300]  # rendered again (enlarging the OCR render blurs it twice) …
    assert np.array_equal(finer, apply_transform(renders(300), transform))  # … and corrected alike
    assert finer.shape[:2] == (scan.shape[0] * 3, scan.shape[1] * 3)


def test_corrected_frame_turns_the_page():
    scan = text_page()
    page = scan_page(scan, native=100)
    page.render = Renders(scan)
    transform = PageTransform(quarter_turns=1)
    image = apply_transform(page.raster(150), transform)
    use_corrected_frame(page, transform, image, 150, scan_dpi=100)
    assert (page.width, page.height) == (scan.shape[0] * 0.72, scan.shape[1] * 0.72)
    assert page.rotation == 90 and page.images[0].bbox == page.bbox
    assert page.raster(300).shape[:2] == (scan.shape[1] * 3, scan.shape[0] * 3)


def test_a_render_that_enlarged_the_scan_is_not_reduced_below_it():
    scan = text_page()
    renders = Renders(scan)
    page = scan_page(scan, native=100)
    page.render = renders
    image = page.raster(150)  # the scan enlarged 1.5 times for OCR
    use_corrected_frame(page, PageTransform(), image, 150, scan_dpi=100)
    page.raster(120)  # still finer than the scan: a reduction would blur it twice
    page.raster(100)  # the scan's own resolution: reduced from the OCR render
    assert renders.calls == [150, 120]

"""Debug overlays put each region box on the ink it came from, on pages with /Rotate and on scans
that were turned upright before OCR (issue 16: boxes in the wrong place on ocr_test_rotated_90)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pymupdf
import pytest

import docparse
from docparse.renderers.overlay import region_frame

TEXT = ("Quarterly report on the northern region", "Sales in the north rose by a fifth this year.")


def _ink_share(img: np.ndarray, box: tuple[float, float, float, float], sx: float, sy: float) -> float:
    x0, y0, x1, y1 = (int(box[0] * sx), int(box[1] * sy), int(box[2] * sx) + 1, int(box[3] * sy) + 1)
    crop = img[max(y0, 0):y1, max(x0, 0):x1]
    return float((crop.min(axis=2) < 128).mean()) if crop.size else 0.0


def _check_boxes_on_ink(path: Path, page: docparse.Page) -> None:
    pdf_page = pymupdf.open(path)[page.number - 1]
    pix = pdf_page.get_pixmap(dpi=72)
    img = np.frombuffer(pix.samples, dtype=np.uint8).reshape(pix.height, pix.width, pix.n)[:, :, :3]
    img, to_image = region_frame(page, img)
    text_regions = [r for r in page.regions if r.text.strip()]
    assert text_regions
    for region in text_regions:
        assert _ink_share(img, to_image(region.bbox), 1.0, 1.0) > 0.05, region


@pytest.mark.parametrize("rotation", [90, 180, 270])
def test_boxes_land_on_the_text_of_a_rotated_born_digital_page(rotation: int, tmp_path: Path) -> None:
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    page.insert_text((72, 100), TEXT[0], fontsize=18)
    page.insert_text((72, 140), TEXT[1], fontsize=12)
    page.set_rotation(rotation)
    path = tmp_path / f"rot{rotation}.pdf"
    doc.save(path)
    _check_boxes_on_ink(path, docparse.parse(path).pages[0])


def test_boxes_land_on_the_text_of_a_scan_turned_upright(tmp_path: Path) -> None:
    pytest.importorskip("rapidocr_onnxruntime")
    upright = pymupdf.open()
    page = upright.new_page(width=595, height=842)
    for i, line in enumerate(TEXT * 3):
        page.insert_text((72, 100 + 40 * i), line, fontsize=16)
    pix = page.get_pixmap(dpi=150)
    scan = np.frombuffer(pix.samples, dtype=np.uint8).reshape(pix.height, pix.width, pix.n)[:, :, :3]
    sideways = np.ascontiguousarray(np.rot90(scan, k=1))  # the scanner fed the sheet sideways
    out = pymupdf.open()
    landscape = out.new_page(width=842, height=595)
    landscape.insert_image(landscape.rect, pixmap=pymupdf.Pixmap(pymupdf.csRGB, sideways.shape[1], sideways.shape[0],
                                                              sideways.tobytes(), False))
    path = tmp_path / "sideways-scan.pdf"
    out.save(path)
    parsed = docparse.parse(path).pages[0]
    assert parsed.ocr and parsed.width < parsed.height, "the scan is read upright"
    _check_boxes_on_ink(path, parsed)

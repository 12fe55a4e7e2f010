"""One record of the frame region boxes are in (``Page.frame``), read by the debug overlay and by
figure crops alike (issue 16): boxes land on the right pixels of a born-digital page with
/Rotate 90, a scan turned 90° on a page with /Rotate 0, and a scan a /Rotate 90 shows turned
(OCR's correction turn equals the /Rotate: the crops missed it, docling's ocr_test_rotated_90)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pymupdf
import pytest
from PIL import Image

import docparse
from docparse.document import Page, PageFrame, RegionKind
from docparse.renderers.overlay import region_frame

LINES = ("Site survey results for the northern plot", "The photograph below shows the area",
         "Every tile is one sampled square of the plot")


def _photo() -> np.ndarray:
    """A 4 x 6 mosaic of random colours, 200 x 300 pixels (coarse enough to survive resampling)."""
    tiles = (np.random.default_rng(3).random((4, 6, 3)) * 255).astype("uint8")
    return np.kron(tiles, np.ones((50, 50, 1), dtype="uint8"))


def _upright_page() -> pymupdf.Document:
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    for i, line in enumerate(LINES):
        page.insert_text((60, 80 + 34 * i), line, fontsize=18)
    photo = _photo()
    pix = pymupdf.Pixmap(pymupdf.csRGB, photo.shape[1], photo.shape[0], photo.tobytes(), False)
    page.insert_image(pymupdf.Rect(120, 300, 480, 540), pixmap=pix)
    return doc


def _scan(doc: pymupdf.Document, dpi: int = 110) -> np.ndarray:
    pix = doc[0].get_pixmap(dpi=dpi)
    return np.frombuffer(pix.samples, dtype=np.uint8).reshape(pix.height, pix.width, pix.n)[:, :, :3].copy()


def _image_page(img: np.ndarray, width: float, height: float, rotation: int) -> pymupdf.Document:
    out = pymupdf.open()
    page = out.new_page(width=width, height=height)
    img = np.ascontiguousarray(img)
    page.insert_image(page.rect, pixmap=pymupdf.Pixmap(pymupdf.csRGB, img.shape[1], img.shape[0], img.tobytes(), False))
    page.set_rotation(rotation)
    return out


def _born_digital_rotate_90(path: Path) -> Path:
    doc = _upright_page()
    doc[0].set_rotation(90)
    doc.save(path)
    return path


def _scan_turned_rotate_0(path: Path) -> Path:
    """The scanner fed the sheet sideways: the image is turned, the page has no /Rotate."""
    sideways = np.rot90(_scan(_upright_page()), k=1)
    _image_page(sideways, 842, 595, 0).save(path)
    return path


def _scan_shown_turned_by_rotate_90(path: Path) -> Path:
    """An upright scan on a page whose /Rotate 90 shows it turned: OCR turns the rendered page
    back by one quarter, the same 90° as the /Rotate."""
    _image_page(_scan(_upright_page()), 595, 842, 90).save(path)
    return path


def _ink_share(img: np.ndarray, box: tuple[float, float, float, float]) -> float:
    x0, y0, x1, y1 = (int(box[0]), int(box[1]), int(box[2]) + 1, int(box[3]) + 1)
    crop = img[max(y0, 0):y1, max(x0, 0):x1]
    return float((crop.min(axis=2) < 128).mean()) if crop.size else 0.0


def _overlay_boxes_on_ink(path: Path, page: Page) -> None:
    pix = pymupdf.open(path)[page.number - 1].get_pixmap(dpi=72)  # the page as rendered
    img = np.frombuffer(pix.samples, dtype=np.uint8).reshape(pix.height, pix.width, pix.n)[:, :, :3]
    shown, to_image = region_frame(page, img)
    text = [r for r in page.regions if r.text.strip()]
    assert text
    for region in text:
        assert _ink_share(shown, to_image(region.bbox)) > 0.05, region


def _photo_in_crop(page: Page, shown_turns: int) -> float:
    """Correlation of the largest figure's crop with the photo turned ``shown_turns`` quarter
    turns counter-clockwise (the orientation the crop is shown in)."""
    figures = [r for r in page.regions if r.kind is RegionKind.FIGURE]
    assert figures, [r.kind for r in page.regions]
    figure = max(figures, key=lambda r: (r.bbox[2] - r.bbox[0]) * (r.bbox[3] - r.bbox[1]))
    crop = np.asarray(figure.image(dpi=110).convert("L"), dtype=float)
    ink = np.argwhere(crop < 245)  # a layout box has a white margin round the photo
    (y0, x0), (y1, x1) = ink.min(axis=0), ink.max(axis=0) + 1
    photo = crop[y0:y1, x0:x1]
    truth = Image.fromarray(np.rot90(_photo(), k=shown_turns)).convert("L").resize((photo.shape[1], photo.shape[0]))
    return float(np.corrcoef(photo.ravel(), np.asarray(truth, dtype=float).ravel())[0, 1])


def test_born_digital_page_with_rotate_90(tmp_path: Path) -> None:
    path = _born_digital_rotate_90(tmp_path / "rotate90.pdf")
    page = docparse.parse(path, ocr="never").pages[0]
    assert page.frame == PageFrame(turns=1, width=595, height=842, shown_turns=3)
    _overlay_boxes_on_ink(path, page)
    assert _photo_in_crop(page, shown_turns=3) > 0.8  # shown as rendered: turned a quarter clockwise


@pytest.mark.parametrize("build", [_scan_turned_rotate_0, _scan_shown_turned_by_rotate_90])
def test_scan_read_upright(build, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    pytest.importorskip("rapidocr_onnxruntime")
    path = build(tmp_path / "scan.pdf")
    page = docparse.parse(path, ocr="always").pages[0]
    assert page.ocr and page.width < page.height, "read upright"
    assert page.frame is not None and page.frame.turns % 2 == 1 and page.frame.shown_turns == 0
    _overlay_boxes_on_ink(path, page)
    assert _photo_in_crop(page, shown_turns=0) > 0.8  # OCR pages are shown upright


def test_frame_survives_json_and_older_json_gets_one() -> None:
    page = Page(number=1, width=842, height=595, rotation=90,
                frame=PageFrame(turns=1, width=595, height=842, shown_turns=3))
    assert Page.model_validate_json(page.model_dump_json()).box_frame == page.frame
    older = Page.model_validate({"number": 1, "width": 842, "height": 595, "rotation": 90})
    assert older.frame is None and older.box_frame == page.frame  # text layer: unrotated space
    scan = Page.model_validate({"number": 1, "width": 595, "height": 842, "rotation": 90, "ocr": True})
    assert scan.box_frame == PageFrame(turns=1, width=595, height=842, shown_turns=0)


def test_frame_maps_boxes_onto_the_rendered_and_the_shown_page() -> None:
    frame = PageFrame(turns=1, width=595, height=842, shown_turns=3)  # /Rotate 90, text layer
    pdf_page = pymupdf.open().new_page(width=595, height=842)
    pdf_page.set_rotation(90)
    view = pymupdf.Rect(100, 200, 300, 260) * pdf_page.rotation_matrix  # MuPDF's own map
    assert frame.in_view((100, 200, 300, 260), 842, 595) == pytest.approx(tuple(view))
    assert frame.in_shown((100, 200, 300, 260), 842, 595) == pytest.approx(tuple(view))
    upright = PageFrame(turns=3, width=595, height=842)  # OCR turned the page three quarters
    assert upright.in_shown((10, 20, 30, 40), 595, 842) == pytest.approx((10, 20, 30, 40))
    assert upright.in_view((10, 20, 30, 40), 842, 595) == pytest.approx((20, 595 - 30, 40, 595 - 10))

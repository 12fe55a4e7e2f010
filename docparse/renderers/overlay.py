"""Debug overlay: each page as a PNG with region boxes coloured by group."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docparse.config import OpenOptions, RasterOptions
from docparse.document import Document, Page, RegionGroup
from docparse.pages.open import Source, open_document
from docparse.pages.rasterize import make_rasterizer
from docparse.renderers.files import write_atomic

if TYPE_CHECKING:
    import numpy as np

GROUP_COLOURS = {  # BGR for OpenCV
    RegionGroup.SEMANTIC: (200, 120, 0),  # blue
    RegionGroup.STRUCTURAL: (0, 160, 0),  # green
    RegionGroup.CHART: (0, 0, 220),  # red
}
FURNITURE_COLOUR = (150, 150, 150)


Box = tuple[float, float, float, float]


def region_frame(page: Page, pdf_page: Any, img: "np.ndarray") -> tuple["np.ndarray", Callable[[Box], Box]]:
    """The rendered page (as viewers show it) and the map of region boxes onto it.

    Born-digital pages keep the text layer's unrotated coordinates, so on a page with ``/Rotate``
    each box goes through the page's rotation matrix. An OCR page whose scan was turned upright
    (its size swapped against the render) has its boxes in the upright frame: the render is turned
    the same way instead."""
    if not page.ocr and page.rotation % 360:
        from docparse.pages.mupdf import load_pymupdf

        rect_of = load_pymupdf().Rect
        matrix = pdf_page.rotation_matrix
        width, height = pdf_page.rect.width, pdf_page.rect.height
        scale_x, scale_y = page.width / max(width, 1), page.height / max(height, 1)

        def rotate(box: Box) -> Box:
            r = (rect_of(box) * matrix).normalize()
            return (r.x0 * scale_x, r.y0 * scale_y, r.x1 * scale_x, r.y1 * scale_y)

        return img, rotate
    swapped = (img.shape[1] > img.shape[0]) != (page.width > page.height)
    if page.ocr and swapped and page.rotation % 180:
        from docparse.pages.preprocess import rotate_quarters

        return rotate_quarters(img, page.rotation // 90), lambda box: box
    return img, lambda box: box


def write_overlays(source: Source, document: Document, out_dir: Path, stem: str,
                   open_options: OpenOptions, raster: RasterOptions, dpi: int = 100) -> list[Path]:
    import cv2

    written = []
    with open_document(source, open_options) as opened:
        rasterizer = make_rasterizer(opened.doc, raster)
        for page in document.pages:
            try:
                img = rasterizer.render(page.number, dpi)[:, :, ::-1].copy()
            except Exception:  # noqa: BLE001 - a page that cannot render gets no overlay
                continue
            img, to_image = region_frame(page, opened.doc[page.number - 1], img)
            sx = img.shape[1] / max(page.width, 1)
            sy = img.shape[0] / max(page.height, 1)
            for region in page.regions:
                x0, y0, x1, y1 = to_image(region.bbox)
                colour = FURNITURE_COLOUR if region.kind.is_furniture else GROUP_COLOURS[region.group]
                p0, p1 = (int(x0 * sx), int(y0 * sy)), (int(x1 * sx), int(y1 * sy))
                cv2.rectangle(img, p0, p1, colour, 2)
                label = f"{region.order}:{region.kind.value}" if region.order >= 0 else region.kind.value
                cv2.putText(img, label, (p0[0] + 2, max(10, p0[1] - 3)), cv2.FONT_HERSHEY_SIMPLEX,
                            0.4, colour, 1, cv2.LINE_AA)
            ok, png = cv2.imencode(".png", img)
            if ok:
                path = out_dir / stem / f"overlay-page-{page.number}.png"
                write_atomic(path, png.tobytes())
                written.append(path)
    return written

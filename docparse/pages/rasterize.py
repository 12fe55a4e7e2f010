"""Rasterizers: a page number and a dpi in, an RGB uint8 array out.

PyMuPDF is the default; pdf2image/poppler is selectable (``--rasterizer poppler``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from docparse.config import LimitOptions, RasterizerName, RasterOptions
from docparse.errors import LimitExceeded

if TYPE_CHECKING:
    import numpy as np
    import pymupdf


class Rasterizer(Protocol):
    def render(self, page_number: int, dpi: int) -> "np.ndarray": ...


def _check_pixels(width_pt: float, height_pt: float, dpi: int, max_pixels: int, page: int) -> int:
    """Lower the dpi if the page would exceed ``max_pixels``; refuse absurd pages."""
    scale = dpi / 72.0
    pixels = width_pt * scale * height_pt * scale
    if pixels <= max_pixels:
        return dpi
    reduced = int(dpi * (max_pixels / pixels) ** 0.5)
    if reduced < 5:
        raise LimitExceeded(
            f"page is {width_pt:.0f}x{height_pt:.0f} pt, too large to rasterize", page=page
        )
    return reduced


def check_images(page: "pymupdf.Page", max_image_pixels: int, page_number: int) -> None:
    """Refuse to render a page with an embedded image too large to decode (a decompression bomb).

    Rendering decodes every image at full size; the sizes come from the image headers, read
    without decoding.
    """
    for info in page.get_image_info():
        width, height = int(info.get("width", 0)), int(info.get("height", 0))
        if width * height > max_image_pixels:
            raise LimitExceeded(
                f"embedded image of {width}x{height} pixels is over the decode limit of "
                f"{max_image_pixels} pixels; page not rendered", page=page_number,
            )


@dataclass
class PyMuPdfRasterizer:
    doc: "pymupdf.Document"
    max_pixels: int
    max_image_pixels: int = LimitOptions().max_image_pixels

    def render(self, page_number: int, dpi: int) -> "np.ndarray":
        import numpy as np
        import pymupdf

        page = self.doc[page_number - 1]
        dpi = _check_pixels(page.rect.width, page.rect.height, dpi, self.max_pixels, page_number)
        check_images(page, self.max_image_pixels, page_number)
        pix = page.get_pixmap(dpi=dpi, colorspace=pymupdf.csRGB, alpha=False)
        arr = np.frombuffer(pix.samples, dtype=np.uint8).reshape(pix.height, pix.width, 3)
        return arr.copy()


@dataclass
class PopplerRasterizer:
    """pdf2image (poppler's pdftoppm) on the document's bytes."""

    pdf_bytes: bytes
    page_sizes: dict[int, tuple[float, float]]
    max_pixels: int
    timeout_s: float | None = None  # pdftoppm is killed after this

    def render(self, page_number: int, dpi: int) -> "np.ndarray":
        import numpy as np
        from pdf2image import convert_from_bytes

        w, h = self.page_sizes.get(page_number, (612.0, 792.0))
        dpi = _check_pixels(w, h, dpi, self.max_pixels, page_number)
        images = convert_from_bytes(
            self.pdf_bytes, dpi=dpi, first_page=page_number, last_page=page_number, fmt="ppm",
            timeout=int(math.ceil(self.timeout_s)) if self.timeout_s else None,
        )
        if not images:
            raise RuntimeError(f"poppler rendered nothing for page {page_number}")
        return np.asarray(images[0].convert("RGB"), dtype=np.uint8).copy()


def make_rasterizer(
    doc: "pymupdf.Document", options: RasterOptions, limits: LimitOptions | None = None
) -> Rasterizer:
    limits = limits or LimitOptions()
    if options.rasterizer == RasterizerName.POPPLER:
        sizes = {n + 1: (doc[n].rect.width, doc[n].rect.height) for n in range(doc.page_count)}
        return PopplerRasterizer(doc.tobytes(), sizes, options.max_pixels, limits.page_timeout_s)
    return PyMuPdfRasterizer(doc, options.max_pixels, limits.max_image_pixels)

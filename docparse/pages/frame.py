"""An OCR page's corrected frame: the page as OCR saw it (upright, deskewed, despeckled).

Once a scan is corrected, every later reader (layout model, table structure, rulings, chart
reader) must crop the same corrected image, at whatever resolution it asks for. The OCR render
is corrected once. A resolution no finer than the scan's own is reduced from it; any other is
rendered again and corrected the same way. Resampling a render that had enlarged the scan blurs
it twice: enlarging it again smeared chart colours (vega-lite raster chart F1 0.84 -> 0.66 on 12
charts), and reducing it to a resolution still above the scan's lost a generated chart (F1 1 -> 0).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Callable

from docparse.pages.analysis import PageAnalysis, bbox_area, bbox_intersection

if TYPE_CHECKING:
    import numpy as np

    from docparse.pages.analysis import ImageInfo
    from docparse.pages.preprocess import PageTransform


def reduce(img: "np.ndarray", scale: float) -> "np.ndarray":
    """``img`` scaled down by ``scale`` (< 1), averaging the pixels each new one covers."""
    import cv2

    h, w = img.shape[:2]
    return cv2.resize(img, (max(1, round(w * scale)), max(1, round(h * scale))), interpolation=cv2.INTER_AREA)


@dataclass
class CorrectedFrame:
    """``page.render`` for an OCR page: ``base`` is the corrected render at ``base_dpi``."""

    original: Callable[[int], "np.ndarray"]
    transform: "PageTransform"
    base: "np.ndarray"
    base_dpi: int
    scan_dpi: float | None  # the resolution of the scan under the page, if it is one

    def __call__(self, dpi: int) -> "np.ndarray":
        if dpi == self.base_dpi:
            return self.base
        if dpi < self.base_dpi and self.scan_dpi is not None and dpi <= self.scan_dpi:
            return reduce(self.base, dpi / self.base_dpi)
        from docparse.pages.preprocess import apply_transform

        return apply_transform(self.original(dpi), self.transform)


def use_corrected_frame(page: PageAnalysis, transform: "PageTransform", image: "np.ndarray", dpi: int,
                        scan_dpi: float | None) -> None:
    """From now on the page renders as ``image`` (its corrected render at ``dpi``) shows it;
    a quarter turn swaps the page's size. ``scan_dpi``: the resolution of the page's scan."""
    original = page.render
    if original is None:
        return
    page.render = CorrectedFrame(original, transform, image, dpi, scan_dpi)
    page.release()
    page._raster_cache[dpi] = image
    if transform.quarter_turns % 2:
        page.width, page.height = page.height, page.width
    page.ocr_turns = transform.quarter_turns % 4
    if transform.quarter_turns:
        page.rotation = transform.rotation
        page.drawings = []
        page.images = [_turned_image(i, page) for i in page.images]


def _turned_image(image: "ImageInfo", page: PageAnalysis) -> "ImageInfo":
    cover = bbox_intersection(image.bbox, (0.0, 0.0, page.height, page.width))
    if cover >= 0.5 * bbox_area(image.bbox):  # a full-page scan stays full-page
        return replace(image, bbox=page.bbox, width=image.height, height=image.width)
    return image

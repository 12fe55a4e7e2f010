"""Debug overlay: each page as a PNG with region boxes coloured by group."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

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


def region_frame(page: Page, img: "np.ndarray") -> tuple["np.ndarray", Callable[[Box], Box]]:
    """The rendered page ``img`` turned to the orientation crops are shown in, and the map of
    region boxes onto its pixels: both from ``page.box_frame`` (text-layer pages as rendered,
    OCR pages as read upright)."""
    import numpy as np

    frame = page.box_frame
    shown = np.ascontiguousarray(np.rot90(img, frame.view_turns)) if frame.view_turns else img
    height, width = shown.shape[:2]
    return shown, lambda box: frame.in_shown(box, width, height)


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
            img, to_image = region_frame(page, img)
            for region in page.regions:
                x0, y0, x1, y1 = to_image(region.bbox)
                colour = FURNITURE_COLOUR if region.kind.is_furniture else GROUP_COLOURS[region.group]
                p0, p1 = (int(x0), int(y0)), (int(x1), int(y1))
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

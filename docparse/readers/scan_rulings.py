"""Ruled tables on scans: ruling lines found with OpenCV, then the born-digital grid chain.

A scanned grid table has no drawings, but its rulings are plain to see in the pixels. The
chain: ``binarize`` → ``line_masks`` (morphological opening with long thin kernels keeps only
horizontal / vertical strokes) → ``mask_edges`` (each stroke's extent → an :class:`Edge` in PDF
points) → the same snap / join / cells / grid steps as a born-digital ruled table
(:func:`docparse.tablegrid.ruled_table`), with the page's OCR words placed in the
cells. So rowspan/colspan come from missing rulings exactly as on digital pages. Tables
without a full grid (booktabs, borderless) are left to SLANet-plus.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docparse.document import Table
from docparse.options.tables import ScanRulingOptions
from docparse.pages.analysis import BBox, PageAnalysis
from docparse.tablegrid import ruled_table
from docparse.tablegrid.edges import Axis, Edge, join_edges, snap_edges

if TYPE_CHECKING:
    import numpy as np


def binarize(image: "np.ndarray") -> "np.ndarray":
    """Ink as 255 on 0 (adaptive threshold copes with uneven scan lighting)."""
    import cv2

    gray = cv2.cvtColor(image, cv2.COLOR_RGB2GRAY) if image.ndim == 3 else image
    return cv2.adaptiveThreshold(gray, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 25, 15)


def line_masks(ink: "np.ndarray", min_fraction: float) -> tuple["np.ndarray", "np.ndarray"]:
    """(horizontal strokes, vertical strokes): ink that survives an opening with a long kernel."""
    import cv2

    h, w = ink.shape
    hlen, vlen = max(15, int(w * min_fraction)), max(15, int(h * min_fraction))
    horizontal = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (hlen, 1)))
    vertical = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, vlen)))
    # close small breaks (scan dropouts, JPEG) along each direction
    horizontal = cv2.dilate(horizontal, cv2.getStructuringElement(cv2.MORPH_RECT, (5, 1)))
    vertical = cv2.dilate(vertical, cv2.getStructuringElement(cv2.MORPH_RECT, (1, 5)))
    return horizontal, vertical


def mask_edges(mask: "np.ndarray", orientation: Axis, scale: float, origin: tuple[float, float],
               max_thickness_pt: float) -> list[Edge]:
    """Each connected stroke of ``mask`` as an Edge in PDF points (``scale``: points per pixel)."""
    import cv2

    n, _, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    ox, oy = origin
    out: list[Edge] = []
    for x, y, w, h, _area in stats[1:n]:
        if orientation is Axis.H:
            thick = h * scale
            if thick <= max_thickness_pt:
                out.append(Edge(Axis.H, oy + (y + h / 2) * scale, ox + x * scale, ox + (x + w) * scale, thick))
        else:
            thick = w * scale
            if thick <= max_thickness_pt:
                out.append(Edge(Axis.V, ox + (x + w / 2) * scale, oy + y * scale, oy + (y + h) * scale, thick))
    return out


def ruling_edges(image: "np.ndarray", scale: float, origin: tuple[float, float],
                 settings: ScanRulingOptions) -> list[Edge]:
    """Snapped and joined ruling edges of a table crop, in PDF points."""
    horizontal, vertical = line_masks(binarize(image), settings.min_line_fraction)
    edges = (mask_edges(horizontal, Axis.H, scale, origin, settings.max_thickness_pt)
             + mask_edges(vertical, Axis.V, scale, origin, settings.max_thickness_pt))
    grid = settings.grid.resolve()
    edges = [e for e in join_edges(snap_edges(edges, grid), grid) if e.length >= grid.min_edge_length]
    return anchored_edges(edges, settings.anchor_tolerance_pt)


def anchored_edges(edges: list[Edge], short: float, over: float = 4.0) -> list[Edge]:
    """Rulings whose two ends reach a crossing ruling: falling short of it by at most ``short``
    points, running past it (a thick frame) by at most ``over``. A glyph stroke ("1", "$", a
    dash) that survived the opening floats inside its cell and reaches none."""
    def reaches(end: float, pos: float, others: list[Edge], sign: int) -> bool:
        # sign +1 for the start end, -1 for the far end: overshoot counts positive
        return any(o.start - short <= pos <= o.end + short
                   and -short <= sign * (o.pos - end) <= over for o in others)

    hs = [e for e in edges if e.orientation is Axis.H]
    vs = [e for e in edges if e.orientation is Axis.V]
    keep_h = [e for e in hs if reaches(e.start, e.pos, vs, 1) and reaches(e.end, e.pos, vs, -1)]
    keep_v = [e for e in vs if reaches(e.start, e.pos, hs, 1) and reaches(e.end, e.pos, hs, -1)]
    return keep_h + keep_v


def is_grid(edges: list[Edge], area: BBox, settings: ScanRulingOptions) -> bool:
    """Enough rulings in both directions, with a frame crossing most of the table."""
    width, height = area[2] - area[0], area[3] - area[1]
    hs = [e for e in edges if e.orientation is Axis.H]
    vs = [e for e in edges if e.orientation is Axis.V]
    long_h = [e for e in hs if e.length >= settings.span_fraction * width]
    long_v = [e for e in vs if e.length >= settings.span_fraction * height]
    return len(hs) >= settings.min_rulings and len(vs) >= settings.min_rulings and len(long_h) >= 2 and len(long_v) >= 2


def ruled_scan_table(page: PageAnalysis, area: BBox, settings: ScanRulingOptions | None = None) -> Table | None:
    """The grid table inside ``area`` of a scanned page, or None when it is not a ruled grid."""
    settings = settings or ScanRulingOptions()
    crop = page.crop(area, settings.dpi)
    if crop.size == 0:
        return None
    scale = (area[2] - area[0]) / crop.shape[1]
    edges = ruling_edges(crop, scale, (area[0], area[1]), settings)
    if not is_grid(edges, area, settings):
        return None
    grid_area = _edges_box(edges)
    table = ruled_table(page, grid_area, edges, settings.grid.resolve())
    if table is None or table.n_rows < 2 or table.n_cols < 2:
        return None
    return table.model_copy(update={"style": "image-ruled"})


def _edges_box(edges: list[Edge]) -> BBox:
    xs = [v for e in edges for v in (e.bbox[0], e.bbox[2])]
    ys = [v for e in edges for v in (e.bbox[1], e.bbox[3])]
    return (min(xs), min(ys), max(xs), max(ys))

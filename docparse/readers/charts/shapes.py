"""Pixel shapes the raster chart reader looks for beside filled bars and traced lines: hollow
markers (rings), legend symbols drawn in a paler shade of their series' colour, and flat
legend line swatches."""

from __future__ import annotations

from typing import TYPE_CHECKING

from docparse.pages.analysis import BBox

if TYPE_CHECKING:
    import numpy as np

    from docparse.readers.charts.marks import TextItem


def paler_of(img: "np.ndarray", base: "np.ndarray", tol: float = 30.0,
             lo: float = 0.05, hi: float = 0.8) -> "np.ndarray":
    """Pixels lying between ``base`` and white (``base`` drawn with opacity): a boolean mask."""
    import numpy as np

    px = img.astype(np.float32)
    b = np.asarray(base, dtype=np.float32)[:3]
    d = 255.0 - b
    t = (px - b) @ d / max(1e-6, float(d @ d))
    off = px - (b + t[..., None] * d)
    return (t > lo) & (t < hi) & (np.linalg.norm(off, axis=2) <= tol)


def add_paler_shapes(img: "np.ndarray", centers: list["np.ndarray"], masks: list["np.ndarray"],
                     colored: "np.ndarray", min_area: int = 40) -> list["np.ndarray"]:
    """Each colour's mask plus the shapes drawn in a paler shade of it that stand apart from it
    (a legend symbol with opacity). Paler pixels touching the colour are antialiasing and
    stay out, so bar and line edges do not move."""
    import cv2
    import numpy as np

    taken = np.zeros(colored.shape, bool)
    for m in masks:
        taken |= m.astype(bool)
    free = colored & ~taken
    ys, xs = np.nonzero(free)
    out = []
    for center, mask in zip(centers, masks):
        cand = np.zeros(colored.shape, np.uint8)  # only the few free colour pixels are tested
        cand[ys, xs] = paler_of(img[ys, xs][None], center)[0] & ~taken[ys, xs]
        near = cv2.dilate(mask, np.ones((5, 5), np.uint8)).astype(bool)
        n, labels, stats, _ = cv2.connectedComponentsWithStats(cand, connectivity=8)
        grown = mask.copy()
        for k in range(1, n):
            x, y, w, h, area = (int(v) for v in stats[k])
            part = labels[y : y + h, x : x + w] == k
            if area >= min_area and not (part & near[y : y + h, x : x + w]).any():
                grown[y : y + h, x : x + w][part] = 1
                taken[y : y + h, x : x + w] |= part
        out.append(grown)
    return out


def has_hole(component: "np.ndarray", colored: "np.ndarray", min_hole: int = 2) -> bool:
    """The component (a boolean crop) encloses background, not another colour (``colored``:
    the crop's data-colour pixels): a ring, a hollow marker, not the antialiased rim of a
    shape drawn in another colour."""
    import cv2
    import numpy as np

    padded = np.pad(component.astype(np.uint8), 1)
    n, labels, stats, _ = cv2.connectedComponentsWithStats((padded == 0).astype(np.uint8), connectivity=4)
    outside = labels[0, 0]
    inner = np.pad(colored.astype(bool), 1)
    return any(k != outside and int(stats[k][4]) >= min_hole and inner[labels == k].mean() < 0.5
               for k in range(1, n))


def is_hollow_marker(component: "np.ndarray", colored: "np.ndarray", box: BBox, most: float = 14.0,
                     min_fill: float = 0.2) -> bool:
    """A small squarish outline closed around an empty hole (an unfilled circle or square
    marker); ``box`` is its extent in points, ``colored`` the crop's data-colour pixels."""
    w, h = box[2] - box[0], box[3] - box[1]
    if not (3.0 <= min(w, h) and max(w, h) <= most and 0.6 <= w / h <= 1.7):
        return False
    return float(component.mean()) >= min_fill and has_hole(component, colored)


def flat_box(box: BBox) -> BBox:
    """A thin horizontal stroke's box collapsed onto its middle line (legend line swatches)."""
    mid = (box[1] + box[3]) / 2
    return (box[0], mid, box[2], mid)


def closed_rings(mask: "np.ndarray", colored: "np.ndarray", scale: float, gap: int = 5) -> list[tuple[int, int, int, int]]:
    """Hollow markers whose thin, pale sides fell out of their colour's mask: small rings that
    close when gaps up to ``gap`` pixels are bridged. Pixel boxes (x, y, w, h)."""
    import cv2
    import numpy as np

    closed = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, np.ones((gap, gap), np.uint8))
    n, labels, stats, _ = cv2.connectedComponentsWithStats(closed, connectivity=8)
    out = []
    for k in range(1, n):
        x, y, w, h, _ = (int(v) for v in stats[k])
        box = (x * scale, y * scale, (x + w) * scale, (y + h) * scale)
        if is_hollow_marker(labels[y : y + h, x : x + w] == k, colored[y : y + h, x : x + w] & (mask[y : y + h, x : x + w] == 0), box):
            out.append((x, y, w, h))
    return out


def _share_inside(a: BBox, b: BBox) -> float:
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    area = (a[2] - a[0]) * (a[3] - a[1])
    return max(0.0, w) * max(0.0, h) / area if area > 0 else 0.0


def texts_off_symbols(texts: list["TextItem"], symbols: list[BBox]) -> list["TextItem"]:
    """OCR reads a hollow legend symbol as a letter (``O``, ``0``): a text that is only such a
    symbol is dropped, and one that starts with it (``Ox`` for ○ x) loses that letter."""
    from docparse.readers.charts.marks import TextItem
    from docparse.readers.charts.ticks import parse_tick

    out = []
    for t in texts:
        sym = next((s for s in symbols if _share_inside(s, t.bbox) >= 0.6), None)
        if sym is None:
            out.append(t)
        elif sym[2] - sym[0] >= 0.7 * (t.bbox[2] - t.bbox[0]):
            continue
        elif sym[0] - t.bbox[0] < 3 and t.text[:1] in "0Oo°" and t.text[1:].strip():
            rest = t.text[1:].strip()
            out.append(TextItem(rest, (sym[2], t.bbox[1], t.bbox[2], t.bbox[3]), t.size, t.vertical, parse_tick(rest)))
        else:
            out.append(t)
    return out

"""Series drawn in grey or black (matplotlib's ``grayscale`` style, a "prior year" series in
grey beside coloured ones, charts made for black-and-white print).

The colour palette of the raster reader takes saturated pixels only, so that text, axes,
gridlines and tinted plot panels stay out of the data. Grey data fills are told apart from
those by shape and shade: they are solid areas several points across (text strokes, rules and
tick marks are thinner and vanish under a morphological opening), darker than a tinted panel
(ggplot's grey is ~229), and no larger than a share of the picture (a dark backdrop).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docparse.options.charts import GreyFillOptions

if TYPE_CHECKING:
    import numpy as np


def grey_solids(img: "np.ndarray", size_px: int, options: GreyFillOptions) -> "np.ndarray":
    """Boolean mask of unsaturated pixels darker than a plot panel that belong to solid areas
    at least ``size_px`` pixels across both ways (bars, wedges, legend squares)."""
    import cv2
    import numpy as np

    hsv = cv2.cvtColor(img, cv2.COLOR_RGB2HSV)
    grey = ((hsv[:, :, 1] < options.max_saturation) & (hsv[:, :, 2] <= options.max_value)).astype(np.uint8)
    k = max(3, int(size_px))
    solid = cv2.morphologyEx(grey, cv2.MORPH_OPEN, np.ones((k, k), np.uint8))
    n, labels, stats, _ = cv2.connectedComponentsWithStats(solid, connectivity=8)
    limit = options.max_share * img.shape[0] * img.shape[1]
    for j in range(1, n):
        if int(stats[j][4]) > limit:  # a dark backdrop or panel, not a data fill
            solid[labels == j] = 0
    return solid.astype(bool)


def grey_levels(img: "np.ndarray", solid: "np.ndarray", options: GreyFillOptions, floor: float) -> list[float]:
    """The grey shades (0-255) of the solid fills, most used first: peaks of their value
    histogram holding at least ``floor`` pixels, ``level_distance`` apart at least."""
    import numpy as np

    if not solid.any():
        return []
    values = img[solid].astype(np.int32).mean(axis=1)
    counts = np.bincount(values.astype(np.int64), minlength=256).astype(np.float64)
    smooth = np.convolve(counts, np.ones(5), mode="same")
    levels: list[float] = []
    for v in np.argsort(smooth)[::-1]:
        if smooth[v] < floor or len(levels) >= options.max_levels:
            break
        if all(abs(float(v) - lv) > options.level_distance for lv in levels):
            lo, hi = max(0, int(v) - 2), min(256, int(v) + 3)  # the peak's own mean, not the window's
            levels.append(float(np.dot(np.arange(lo, hi), counts[lo:hi]) / max(1.0, counts[lo:hi].sum())))
    return levels


def grey_series(img: "np.ndarray", scale: float, options: GreyFillOptions,
                floor: float) -> tuple[list["np.ndarray"], list["np.ndarray"], "np.ndarray"]:
    """Centres (RGB) and masks (uint8) of the grey-filled series, and the solid-grey mask;
    ``scale``: points per pixel; ``floor``: fewest pixels a shade needs."""
    import cv2
    import numpy as np

    size = max(3, int(round(options.min_width / max(scale, 1e-6))))
    solid = grey_solids(img, size, options)
    levels = grey_levels(img, solid, options, floor)
    if not levels:
        return [], [], solid
    value = img.astype(np.int32).mean(axis=2)
    kernel = np.ones((size, size), np.uint8)
    centers, masks = [], []
    for level in levels:  # each shade solid on its own: a black outline round a grey bar is no fill
        mask = cv2.morphologyEx((solid & (np.abs(value - level) <= options.level_tolerance)).astype(np.uint8),
                                cv2.MORPH_OPEN, kernel)
        if int(mask.sum()) >= floor:
            centers.append(np.full(3, level))
            masks.append(mask)
    return centers, masks, solid


__all__ = ["grey_levels", "grey_series", "grey_solids"]

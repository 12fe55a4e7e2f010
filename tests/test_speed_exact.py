"""Speed changes that must not change results (issue 15): each faster path against the plain
computation it replaced, on generated inputs."""

from __future__ import annotations

import numpy as np


def _plain_color_masks(img, centers, options):  # the whole-image version _color_masks replaced
    import cv2

    hsv = cv2.cvtColor(img, cv2.COLOR_RGB2HSV)
    colored = (hsv[:, :, 1] >= options.min_saturation) & (hsv[:, :, 2] >= 40)
    dist = np.stack([np.linalg.norm(img.astype(np.float32) - c.astype(np.float32), axis=2) for c in centers])
    nearest = dist.argmin(axis=0)
    close = dist.min(axis=0) <= options.merge_distance
    return [((nearest == i) & close & colored).astype(np.uint8) for i in range(len(centers))]


def test_color_masks_of_coloured_pixels_only_equal_the_whole_image_ones():
    from docparse.options.charts import RasterChartOptions
    from docparse.readers.charts.raster import _color_masks  # noqa: PLC2701 - the function under test

    rng = np.random.default_rng(5)
    img = np.full((120, 160, 3), 255, np.uint8)
    img[20:100, 10:50] = (31, 119, 180)  # bars in two colours, antialiased edges, grey text, noise
    img[40:100, 60:100] = (255, 127, 14)
    img[20:100, 50:52] = (140, 180, 215)
    img[105:115, 10:150] = (90, 90, 90)
    img = np.clip(img.astype(int) + rng.integers(-12, 13, img.shape), 0, 255).astype(np.uint8)
    centers = [np.array([31.0, 119.0, 180.0]), np.array([255.0, 127.0, 14.0]), np.array([140.0, 180.0, 215.0])]
    options = RasterChartOptions()
    fast, plain = _color_masks(img, centers, options), _plain_color_masks(img, centers, options)
    assert len(fast) == 3 and all(m.dtype == np.uint8 for m in fast)
    assert all(np.array_equal(a, b) for a, b in zip(fast, plain))
    assert fast[0].sum() > 2000 and fast[1].sum() > 2000

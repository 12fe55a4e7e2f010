"""From crops and targets to padded tensors, and bucketed dynamic batching.

Crops keep their aspect ratio: each is scaled down (never up beyond ``max_upscale``) until it
fits ``max_pixels`` and then padded to a multiple of the patch size; a batch pads to its
largest crop and marks the real patches in ``patch_mask``. Batches are built by token length
(targets sorted into buckets, batches capped by a token budget) so short text lines do not
pay for a long table's padding — the same for training and inference.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from typing import TYPE_CHECKING, Sequence

import numpy as np
from PIL import Image

from docparse.document import RegionGroup

if TYPE_CHECKING:
    from docparse.vlm.modeling import RegionBatch

GROUP_INDEX: dict[RegionGroup, int] = {RegionGroup.SEMANTIC: 0, RegionGroup.STRUCTURAL: 1, RegionGroup.CHART: 2}


@dataclass(frozen=True)
class ImageOptions:
    patch_size: int = 8
    max_pixels: int = 96 * 640
    max_upscale: float = 2.0
    min_side: int = 16


def fit_size(height: int, width: int, options: ImageOptions) -> tuple[int, int]:
    """Target (height, width): aspect kept, pixels capped, sides multiples of the patch size."""
    scale = min(options.max_upscale, math.sqrt(options.max_pixels / max(1, height * width)))
    p = options.patch_size
    h = max(options.min_side, int(height * scale) // p * p)
    w = max(options.min_side, int(width * scale) // p * p)
    while h * w > options.max_pixels and max(h, w) > options.min_side:
        if h >= w:
            h -= p
        else:
            w -= p
    return h, w


def prepare_image(image: np.ndarray, options: ImageOptions) -> np.ndarray:
    """H×W×3 uint8 → 3×h×w float32 in [-1, 1] at the fitted size."""
    if image.ndim == 2:
        image = np.stack([image] * 3, axis=-1)
    image = np.ascontiguousarray(image[..., :3])
    h, w = fit_size(image.shape[0], image.shape[1], options)
    resized = Image.fromarray(image).resize((w, h), Image.Resampling.BILINEAR)
    arr = np.asarray(resized, dtype=np.float32) / 127.5 - 1.0
    return arr.transpose(2, 0, 1)


@dataclass
class EncodedSample:
    pixels: np.ndarray  # 3×h×w float32
    group: int  # index into GROUP_INDEX
    task_id: int
    target_ids: list[int] | None = None

    @property
    def n_patches(self) -> int:
        return self.pixels.shape[1] * self.pixels.shape[2]

    def cost(self, patch_size: int, expected_tokens: int = 0) -> int:
        """Token length used for bucketing: decoder tokens plus a share of the patches."""
        tokens = len(self.target_ids) if self.target_ids is not None else expected_tokens
        return tokens + self.n_patches // (patch_size * patch_size * 4)


def collate(samples: Sequence[EncodedSample], patch_size: int, pad_id: int) -> "RegionBatch":
    import torch

    from docparse.vlm.modeling import RegionBatch

    h = max(s.pixels.shape[1] for s in samples)
    w = max(s.pixels.shape[2] for s in samples)
    pixels = torch.ones(len(samples), 3, h, w)
    mask = torch.zeros(len(samples), h // patch_size, w // patch_size, dtype=torch.bool)
    for i, s in enumerate(samples):
        _, sh, sw = s.pixels.shape
        pixels[i, :, :sh, :sw] = torch.from_numpy(s.pixels)
        mask[i, : sh // patch_size, : sw // patch_size] = True
    targets = None
    if all(s.target_ids is not None for s in samples):
        length = max(len(s.target_ids or []) for s in samples)
        targets = torch.full((len(samples), length), pad_id, dtype=torch.long)
        for i, s in enumerate(samples):
            targets[i, : len(s.target_ids or [])] = torch.tensor(s.target_ids or [], dtype=torch.long)
    return RegionBatch(
        pixel_values=pixels, patch_mask=mask,
        group_ids=torch.tensor([s.group for s in samples], dtype=torch.long),
        task_ids=torch.tensor([s.task_id for s in samples], dtype=torch.long),
        target_ids=targets,
    )


def bucket_batches(costs: Sequence[int], max_tokens: int, max_batch: int,
                   rng: random.Random | None = None, keys: Sequence[int] | None = None
                   ) -> list[list[int]]:
    """Indices grouped by similar cost; each batch's padded size (n × max cost) ≤ ``max_tokens``.

    ``keys`` (e.g. the region group) keep unlike crops apart: a wide text line and a tall
    chart in one batch would pad each other's pixels. With ``rng`` the order inside equal
    costs and the order of batches are shuffled (training); without, batches come in cost
    order (inference).
    """
    order = list(range(len(costs)))
    keys = keys if keys is not None else [0] * len(costs)
    if rng is not None:
        rng.shuffle(order)
    order.sort(key=lambda i: (keys[i], costs[i]))
    batches: list[list[int]] = []
    current: list[int] = []
    for i in order:
        widest = max([costs[j] for j in current] + [costs[i]])
        if current and (len(current) + 1 > max_batch or (len(current) + 1) * widest > max_tokens
                        or keys[current[-1]] != keys[i]):
            batches.append(current)
            current = []
        current.append(i)
    if current:
        batches.append(current)
    if rng is not None:
        rng.shuffle(batches)
    return batches

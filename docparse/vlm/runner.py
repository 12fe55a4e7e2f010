"""Reading crops with the project's checkpoint: load (optionally INT8), bucket, generate, decode."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Sequence

import numpy as np

from docparse.document import RegionGroup
from docparse.vlm.data import GROUP_INDEX, EncodedSample, ImageOptions, bucket_batches, collate, prepare_image

if TYPE_CHECKING:
    from docparse.vlm.modeling import DocVlmForRegionReading
    from docparse.vlm.tokenizer import RegionTokenizer

# expected output length per task, for bucketing before the output exists
EXPECTED_TOKENS = {"text": 48, "table": 128, "chart": 64, "summary": 96}

CropItem = tuple[np.ndarray, "RegionGroup | str", str]  # (H×W×3 crop, group, task name)


@dataclass
class LoadedCheckpoint:
    model: "DocVlmForRegionReading"
    tokenizer: "RegionTokenizer"
    images: ImageOptions


def is_own_checkpoint(path: str | Path) -> bool:
    import json

    config = Path(path) / "config.json"
    if not config.is_file():
        return False
    try:
        return json.loads(config.read_text()).get("model_type") == "docparse-vlm"
    except (OSError, ValueError):
        return False


def load_checkpoint(path: str | Path, int8: bool = True, threads: int | None = None) -> LoadedCheckpoint:
    """The project's checkpoint from a local directory (never a hub download)."""
    import torch

    from docparse.vlm.modeling import DocVlmForRegionReading, quantize_int8
    from docparse.vlm.tokenizer import load_tokenizer

    if not (Path(path) / "config.json").is_file():
        from docparse.errors import UsageError

        raise UsageError(f"{path}: no VLM checkpoint there (config.json missing)")
    if threads is not None:
        torch.set_num_threads(threads)
    model = DocVlmForRegionReading.from_pretrained(str(path), local_files_only=True).eval()
    if int8:
        model = quantize_int8(model)
    cfg = model.config
    return LoadedCheckpoint(model, load_tokenizer(path),
                            ImageOptions(patch_size=cfg.patch_size, max_pixels=cfg.max_pixels))


def generate_texts(model: "DocVlmForRegionReading", tok: "RegionTokenizer", items: Sequence[CropItem],
                   images: ImageOptions, max_new_tokens: int, device: str = "cpu",
                   max_tokens: int = 2048, max_batch: int = 16) -> list[str]:
    """Decode every crop; crops are batched by expected token length (bucketed)."""
    encoded = [EncodedSample(prepare_image(img, images), GROUP_INDEX[RegionGroup(group)], tok.task_id(task))
               for img, group, task in items]
    costs = [e.cost(images.patch_size, EXPECTED_TOKENS.get(t, 64)) for e, (_, _, t) in zip(encoded, items)]
    outputs = [""] * len(items)
    for idx in bucket_batches(costs, max_tokens, max_batch, keys=[e.group for e in encoded]):
        batch = collate([encoded[i] for i in idx], images.patch_size, tok.pad_id).to(device)
        for i, ids in zip(idx, model.generate(batch, max_new_tokens=max_new_tokens)):
            outputs[i] = tok.decode(ids)
    return outputs

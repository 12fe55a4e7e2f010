"""A tiny evaluator for gradient-boosted decision trees exported to JSON (numpy only).

The file (written by ``tools/train_block_roles.py`` from a LightGBM model) holds the feature
names, a sigmoid binary objective and, per tree, flat node arrays: ``feature`` (-1 marks a
leaf), ``threshold``, ``left``, ``right``, ``default_left`` (where NaN goes) and ``value`` (a
leaf's output). A row goes left where ``x <= threshold``, as in LightGBM. The raw score is the
sum of the leaves reached; the probability is its sigmoid. All trees are walked at once, one
numpy step per depth level.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

BLOCK_ROLES_FILE = "block_roles.json"


@dataclass(frozen=True)
class TreeEnsemble:
    """Padded node arrays of every tree, shape (trees, max nodes)."""

    feature_names: tuple[str, ...]
    feature: np.ndarray
    threshold: np.ndarray
    left: np.ndarray
    right: np.ndarray
    default_left: np.ndarray
    value: np.ndarray
    depth: int
    sigmoid: float = 1.0

    @staticmethod
    def from_dict(raw: dict[str, Any]) -> TreeEnsemble:
        trees = raw["trees"]
        width = max(len(t["feature"]) for t in trees)

        def pad(key: str, fill: float, dtype: type) -> np.ndarray:
            out: np.ndarray = np.full((len(trees), width), fill, dtype=dtype)
            for k, t in enumerate(trees):
                out[k, :len(t[key])] = t[key]
            return out

        return TreeEnsemble(tuple(raw["features"]), pad("feature", -1, np.int64), pad("threshold", 0.0, np.float64),
                            pad("left", 0, np.int64), pad("right", 0, np.int64), pad("default_left", 1, np.bool_),
                            pad("value", 0.0, np.float64), int(raw["depth"]), float(raw.get("sigmoid", 1.0)))

    @staticmethod
    def load(path: Path | None = None) -> TreeEnsemble:
        """The model file at ``path``, or the block-role model shipped in this package."""
        text = (path.read_text(encoding="utf-8") if path is not None
                else resources.files("docparse.models").joinpath(BLOCK_ROLES_FILE).read_text(encoding="utf-8"))
        return TreeEnsemble.from_dict(json.loads(text))

    def raw_scores(self, rows: Sequence[Sequence[float]]) -> np.ndarray:
        """Summed leaf values of each row (shape (rows,))."""
        x = np.asarray(rows, dtype=np.float64).reshape(len(rows), -1)
        if x.shape[1] != len(self.feature_names):
            raise ValueError(f"expected {len(self.feature_names)} features, got {x.shape[1]}")
        trees, width = self.feature.shape
        base = np.arange(trees) * width  # node k of tree t sits at t * width + k in the flat arrays
        feature, threshold = self.feature.ravel(), self.threshold.ravel()
        left, right, default_left = self.left.ravel(), self.right.ravel(), self.default_left.ravel()
        node = np.broadcast_to(base, (x.shape[0], trees)).copy()
        for _ in range(self.depth + 1):
            feat = feature[node]
            vals = np.take_along_axis(x, np.maximum(feat, 0), axis=1)
            go_left = np.where(np.isnan(vals), default_left[node], vals <= threshold[node])
            node = np.where(feat < 0, node, base + np.where(go_left, left[node], right[node]))
        return self.value.ravel()[node].sum(axis=1)

    def probabilities(self, rows: Sequence[Sequence[float]]) -> np.ndarray:
        return 1.0 / (1.0 + np.exp(-self.sigmoid * self.raw_scores(rows)))

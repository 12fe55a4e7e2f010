"""Simplified ONNX graphs are cached on disk (each process paid ~0.8 CPU s to simplify RapidOCR's
models): a cached graph equals a freshly simplified one, a second process reads it instead of
simplifying, and a changed model file is simplified again."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

onnx = pytest.importorskip("onnx")


def _tiny_model(path: Path, scale: float) -> None:
    import numpy as np
    from onnx import TensorProto, helper, numpy_helper

    weight = numpy_helper.from_array(np.full((1, 3, 1, 1), scale, dtype=np.float32), "w")
    graph = helper.make_graph(
        [helper.make_node("Mul", ["x", "w"], ["y"]), helper.make_node("Relu", ["y"], ["z"])], "tiny",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 3, 4, 4])],
        [helper.make_tensor_value_info("z", TensorProto.FLOAT, [1, 3, 4, 4])], [weight])
    onnx.save(helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)]), str(path))


def test_simplified_graphs_are_cached_and_keyed_on_the_model(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from docparse.ocr import fold

    monkeypatch.setenv("DOCPARSE_CACHE_DIR", str(tmp_path / "cache"))
    model = tmp_path / "m.onnx"
    _tiny_model(model, 2.0)
    fresh = fold.simplify_graph(onnx.load(str(model)))[0].SerializeToString()
    first = fold.simplified_model_bytes(str(model))
    assert first == fresh
    assert len(list((tmp_path / "cache" / "onnx-simplified").glob("*.onnx"))) == 1

    def no_simplify(graph: object) -> object:
        raise AssertionError("simplified again although cached")

    monkeypatch.setattr(fold, "simplify_graph", no_simplify)
    assert fold.simplified_model_bytes(str(model)) == fresh  # read from the cache
    monkeypatch.undo()
    monkeypatch.setenv("DOCPARSE_CACHE_DIR", str(tmp_path / "cache"))
    _tiny_model(model, 3.0)  # a changed model file (size or mtime): simplified anew
    os.utime(model, ns=(1, 1))
    changed = fold.simplified_model_bytes(str(model))
    assert changed != fresh and changed == fold.simplify_graph(onnx.load(str(model)))[0].SerializeToString()
    assert len(list((tmp_path / "cache" / "onnx-simplified").glob("*.onnx"))) == 2

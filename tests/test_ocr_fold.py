"""Graph folds of the OCR/layout models (docparse.ocr.fold): exact on small built graphs;
on the shipped models (marked ``model``) the simplified recogniser reads the same text."""

from __future__ import annotations

import numpy as np
import pytest

onnx = pytest.importorskip("onnx")
ort = pytest.importorskip("onnxruntime")


def _const(name: str, value) -> "onnx.NodeProto":  # noqa: ANN001
    from onnx import helper, numpy_helper

    return helper.make_node("Constant", [], [name], value=numpy_helper.from_array(np.asarray(value, np.float32), name))


def _block_model(pads: int, group: int = 1) -> "onnx.ModelProto":
    """Conv → affine → hard-swish (4 ops) → affine → Conv (``pads`` on the second conv)."""
    from onnx import TensorProto, helper, numpy_helper

    rng = np.random.default_rng(0)
    c = 4
    w1 = rng.normal(size=(c, 3, 3, 3)).astype(np.float32)
    b1 = rng.normal(size=(c,)).astype(np.float32)
    k = 3 if pads else 1
    w2 = rng.normal(size=(c, c // group, k, k)).astype(np.float32)
    b2 = rng.normal(size=(c,)).astype(np.float32)
    nodes = [
        _const("s1", 1.7), _const("a1", 0.4), _const("three", 3.0), _const("zero", 0.0),
        _const("six", 6.0), _const("s2", 0.3), _const("a2", -0.25),
        helper.make_node("Conv", ["x", "w1", "b1"], ["c1"], pads=[1, 1, 1, 1]),
        helper.make_node("Mul", ["s1", "c1"], ["m1"]),
        helper.make_node("Add", ["m1", "a1"], ["l1"]),
        helper.make_node("Add", ["l1", "three"], ["p3"]),
        helper.make_node("Clip", ["p3", "zero", "six"], ["cl"]),
        helper.make_node("Mul", ["l1", "cl"], ["hm"]),
        helper.make_node("Div", ["hm", "six"], ["hs"]),
        helper.make_node("Mul", ["s2", "hs"], ["m2"]),
        helper.make_node("Add", ["m2", "a2"], ["l2"]),
        helper.make_node("Conv", ["l2", "w2", "b2"], ["y"], pads=[pads] * 4, group=group),
    ]
    graph = helper.make_graph(
        nodes, "block", [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 3, 9, 11])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, [1, 4, 9, 11])],
        initializer=[numpy_helper.from_array(v, n) for n, v in (("w1", w1), ("b1", b1), ("w2", w2), ("b2", b2))])
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", 12)], ir_version=7)


def _run(model: bytes, x: np.ndarray) -> np.ndarray:
    return ort.InferenceSession(model, providers=["CPUExecutionProvider"]).run(None, {"x": x})[0]


@pytest.mark.parametrize("pads,group", [(0, 1), (1, 1), (1, 4)])
def test_folds_keep_the_outputs(pads, group):
    from docparse.ocr.fold import simplify_graph

    model = _block_model(pads, group)
    before = model.SerializeToString()
    x = np.random.default_rng(1).normal(size=(1, 3, 9, 11)).astype(np.float32) * 3
    simplified, counts = simplify_graph(onnx.load_from_string(before))
    onnx.checker.check_model(simplified)
    assert counts == {"conv_affine": 1, "hard_swish": 1, "affine_conv": 1}
    ops = [n.op_type for n in simplified.graph.node if n.op_type != "Constant"]
    # Conv, HardSigmoid, Mul, (Add kept in front of a padded conv), Conv
    assert ops == ["Conv", "HardSigmoid", "Mul", *(["Add"] if pads else []), "Conv"]
    np.testing.assert_allclose(_run(simplified.SerializeToString(), x), _run(before, x), rtol=1e-4, atol=1e-4)


def test_graph_without_the_patterns_is_left_alone():
    from onnx import TensorProto, helper

    from docparse.ocr.fold import simplify_graph

    node = helper.make_node("Relu", ["x"], ["y"])
    graph = helper.make_graph([node], "g", [helper.make_tensor_value_info("x", TensorProto.FLOAT, [2])],
                              [helper.make_tensor_value_info("y", TensorProto.FLOAT, [2])])
    model, counts = simplify_graph(helper.make_model(graph, ir_version=7))
    assert counts == {"conv_affine": 0, "hard_swish": 0, "affine_conv": 0}
    assert [n.op_type for n in model.graph.node] == ["Relu"]


def test_affine_read_twice_is_not_folded():
    """A Mul whose output has two readers must stay (folding it into one reader changes the other)."""
    from onnx import TensorProto, helper, numpy_helper

    from docparse.ocr.fold import simplify_graph

    w = np.ones((2, 2, 1, 1), np.float32)
    nodes = [_const("s", 2.0), helper.make_node("Mul", ["x", "s"], ["m"]),
             helper.make_node("Conv", ["m", "w"], ["y"]), helper.make_node("Relu", ["m"], ["z"])]
    graph = helper.make_graph(nodes, "g", [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 2, 3, 3])],
                              [helper.make_tensor_value_info("y", TensorProto.FLOAT, [1, 2, 3, 3]),
                               helper.make_tensor_value_info("z", TensorProto.FLOAT, [1, 2, 3, 3])],
                              initializer=[numpy_helper.from_array(w, "w")])
    _, counts = simplify_graph(helper.make_model(graph, opset_imports=[helper.make_opsetid("", 12)], ir_version=7))
    assert counts["affine_conv"] == 0


def test_only_crops_the_classifier_turned_are_read_twice():
    from docparse.ocr.rapid import turned_crops

    results = [["0", 0.99], ["180", 0.95], ["180", 0.6], ["180", 0.9], ["0", 0.5]]
    assert turned_crops(results, 0.9) == [1]  # as rapidocr turns: "180" above the threshold


@pytest.mark.model
def test_simplified_recogniser_reads_the_same_text():
    pytest.importorskip("rapidocr_onnxruntime")
    from benchmarks.synth.scans import DegradeSettings, degrade_pdf, text_page_pdf
    from docparse.ocr.rapid import RapidOcrEngine, RapidOcrOptions
    from tests.test_ocr_models import _render

    pdf, _ = text_page_pdf(seed=21)
    image = _render(degrade_pdf(pdf, DegradeSettings(snr_db=15), seed=21))
    fast = RapidOcrEngine().recognize(image)
    plain = RapidOcrEngine(RapidOcrOptions(simplify_models=False)).recognize(image)
    assert [ln.text for ln in fast] == [ln.text for ln in plain]
    assert [ln.bbox for ln in fast] == pytest.approx([ln.bbox for ln in plain], abs=1.0)


@pytest.mark.model
def test_shipped_models_have_the_patterns():
    """The folds apply to the models the wheels ship (a new wheel version with another graph
    would silently lose the speed-up)."""
    pytest.importorskip("rapidocr_onnxruntime")
    from pathlib import Path

    import rapidocr_onnxruntime

    from docparse.ocr.fold import simplify_graph

    models = Path(rapidocr_onnxruntime.__file__).parent / "models"
    _, rec = simplify_graph(onnx.load(str(models / "ch_PP-OCRv4_rec_infer.onnx")))
    _, det = simplify_graph(onnx.load(str(models / "ch_PP-OCRv4_det_infer.onnx")))
    assert rec == {"conv_affine": 28, "hard_swish": 28, "affine_conv": 25}
    assert det["hard_swish"] >= 20 and det["conv_affine"] >= 20


@pytest.mark.model
def test_chart_ocr_with_simplified_models_reads_the_same_chart(tmp_path):
    """The raster chart reader's three RapidOCR models run as cpu_session builds them (graph
    folds, sleeping threads): the chart read is the same as with the wheel's plain graphs."""
    pytest.importorskip("rapidocr_onnxruntime")
    pytest.importorskip("matplotlib")
    from PIL import Image

    from benchmarks.synth.charts import ChartStyle, render_matplotlib
    from docparse.document import Chart, ChartType, Series
    from docparse.options.charts import ChartOcrOptions
    from docparse.readers.charts.ocr import ChartOcr
    from docparse.readers.charts.raster import read_raster_chart

    truth = Chart(type=ChartType.BAR, categories=["North", "South", "East", "West"],
                  series=[Series(name="value", values=[42.0, 77.0, 25.0, 61.0])])
    png = tmp_path / "bar.png"
    render_matplotlib(truth, ChartStyle("bar", "DejaVu Sans", None, False, False, False, "plain", False), png, dpi=110)
    image = np.array(Image.open(png).convert("RGB"))
    fast, plain = ChartOcr(), ChartOcr(ChartOcrOptions(simplify_models=False))
    assert fast._load().text_rec.session.session._model_path is None  # built from the simplified bytes
    assert plain._load().text_rec.session.session._model_path is not None
    read_fast = read_raster_chart(image, fast, scale=72 / 110)
    read_plain = read_raster_chart(image, plain, scale=72 / 110)
    assert read_fast is not None and read_fast.categories == ["North", "South", "East", "West"]
    assert read_fast == read_plain


def test_cpu_session_is_built_once_per_model_file_threads_and_simplification(tmp_path):
    """parse() builds components per document; the ONNX sessions they load come from one
    cache: the same model, threads and simplification give the same session, any other
    setting or a replaced model file a new one, and results do not change."""
    import os

    from docparse.ocr.fold import SessionCache, cpu_session

    path = tmp_path / "block.onnx"
    path.write_bytes(_block_model(1).SerializeToString())
    cache = SessionCache(size=3)
    first = cpu_session(str(path), 1, True, cache=cache)
    assert cpu_session(str(path), 1, True, cache=cache) is first
    assert cpu_session(str(tmp_path / "." / "block.onnx"), 1, True, cache=cache) is first  # same file
    assert cpu_session(str(path), 2, True, cache=cache) is not first
    plain = cpu_session(str(path), 1, False, cache=cache)
    assert plain is not first and len(cache.entries) == 3
    x = np.random.default_rng(2).normal(size=(1, 3, 9, 11)).astype(np.float32)
    fresh = cpu_session(str(path), 1, True, cache=None)
    assert fresh is not first
    np.testing.assert_array_equal(first.run(None, {"x": x})[0], fresh.run(None, {"x": x})[0])
    stat = path.stat()
    path.write_bytes(_block_model(0).SerializeToString())  # another model under the same name
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    replaced = cpu_session(str(path), 1, True, cache=cache)
    assert replaced is not first and len(cache.entries) == 3  # the oldest entry went
    assert replaced.run(None, {"x": x})[0].shape == (1, 4, 9, 11)

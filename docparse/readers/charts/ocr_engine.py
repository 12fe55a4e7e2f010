"""The RapidOCR engine the raster chart reader's OCR (:class:`~docparse.readers.charts.ocr.ChartOcr`)
runs, built once per process for each setting it is built from.

``docparse.parse`` builds its components for every document; building a RapidOCR engine reads
its configuration and loads three ONNX models (a few tenths of a second of CPU per document
before any label is read). The engine's models and settings never change once built, so the
built engine is kept (:data:`ENGINES`) and each :class:`ChartOcr` gets its own shallow copy:
the detector keeps per-call state (its resize step) and the recogniser's padded width is the
caller's, while the sessions are shared (ONNX Runtime runs one from several threads at once).
"""

from __future__ import annotations

import copy
from typing import Any

from docparse.ocr.fold import SessionCache, cpu_session
from docparse.options.charts import ChartOcrOptions
from docparse.options.ocr import inherit_threads

ENGINES = SessionCache(size=4)  # built engines by (det_side, threads, simplify_models): a cache, not state


def chart_engine(options: ChartOcrOptions, cache: SessionCache | None = ENGINES) -> Any:
    """A RapidOCR engine for chart labels: detection limited to ``det_side``, the three models
    as :func:`~docparse.ocr.fold.cpu_session` builds them, recognition batches padded to at
    least ``rec_width`` pixels. ``cache``: where built engines are kept (None: build anew)."""
    threads = inherit_threads(options.threads)
    key = (options.det_side, threads, options.simplify_models)
    if cache is None:
        built = new_engine(options.det_side, threads, options.simplify_models)
    else:
        built = cache.get(key, lambda: new_engine(options.det_side, threads, options.simplify_models))
    engine = copy.copy(built)
    engine.text_det = copy.copy(built.text_det)  # sets its resize step on every call
    engine.text_rec = copy.copy(built.text_rec)
    channels, height, _ = built.text_rec.rec_image_shape
    engine.text_rec.rec_image_shape = [channels, height, options.rec_width]  # short labels
    return engine


def new_engine(det_side: int, threads: int, simplify: bool) -> Any:
    from rapidocr_onnxruntime import RapidOCR

    engine = RapidOCR(det_limit_type="max", det_limit_side_len=det_side, intra_op_num_threads=threads,
                      inter_op_num_threads=1)
    for infer in (engine.text_det.infer, engine.text_cls.infer, engine.text_rec.session):
        infer.session = cpu_session(infer.session._model_path, threads, simplify)
    return engine

"""The chart OCR's RapidOCR engine (docparse.readers.charts.ocr_engine): built once per process
and setting, handed out as copies that share the model sessions but not the per-call state."""

from __future__ import annotations

import pytest

pytest.importorskip("rapidocr_onnxruntime")


@pytest.mark.model
def test_engines_share_sessions_not_state(tmp_path):
    import numpy as np
    from PIL import Image

    from benchmarks.synth.charts import ChartStyle, render_matplotlib
    from docparse.document import Chart, ChartType, Series
    from docparse.ocr.fold import SessionCache
    from docparse.options.charts import ChartOcrOptions
    from docparse.readers.charts.ocr import ChartOcr
    from docparse.readers.charts.ocr_engine import chart_engine
    from docparse.readers.charts.raster import read_raster_chart

    cache = SessionCache(size=2)
    a = chart_engine(ChartOcrOptions(), cache)
    b = chart_engine(ChartOcrOptions(rec_width=120), cache)
    assert len(cache.entries) == 1  # rec_width is set on the copy, not a new build
    assert a.text_det is not b.text_det and a.text_rec is not b.text_rec
    assert a.text_rec.session is b.text_rec.session and a.text_det.infer is b.text_det.infer
    assert a.text_rec.rec_image_shape[2] == 96 and b.text_rec.rec_image_shape[2] == 120
    assert chart_engine(ChartOcrOptions(det_side=640), cache).text_det.infer is not a.text_det.infer
    assert len(cache.entries) == 2

    truth = Chart(type=ChartType.BAR, categories=["North", "South", "East", "West"],
                  series=[Series(name="value", values=[42.0, 77.0, 25.0, 61.0])])
    png = tmp_path / "bar.png"
    render_matplotlib(truth, ChartStyle("bar", "DejaVu Sans", None, False, False, False, "plain", False), png, dpi=110)
    image = np.array(Image.open(png).convert("RGB"))
    shared = [read_raster_chart(image, ChartOcr(), scale=72 / 110) for _ in range(2)]  # second: cached engine
    own = ChartOcr(_engine=chart_engine(ChartOcrOptions(), cache=None))
    alone = read_raster_chart(image, own, scale=72 / 110)
    assert shared[0] is not None and shared[0].categories == ["North", "South", "East", "West"]
    assert shared[0] == shared[1] == alone

"""VLM suite: the project's checkpoint next to the native readers on a held-out generated set.

Rows (``synth-regions`` data set, seed 1,000,000, never used for training):

* text CER on text crops, per corruption level (light / medium / heavy / none) and overall —
  ``vlm`` vs ``rapidocr`` (the OCR reader's engine on the same crop);
* chart-value F1 on raster charts (label match, value within 5 %) — ``vlm`` vs ``chart_reader``
  (the raster chart reader: OpenCV marks + RapidOCR labels);
* table cell accuracy (position, spans and text all right) — ``vlm`` only; the native table
  reader works from the text layer, which an image crop does not have.

The checkpoint comes from ``$DOCPARSE_VLM_MODEL`` or ``<work_dir>/vlm/model``; without one the
``vlm`` column is empty and the row says so. ``--limit N`` caps the samples per group.
"""

from __future__ import annotations

import os
from pathlib import Path

from benchmarks.common import Row, Stopwatch, SuiteArgs, SuiteResult

SEED = 1_000_000
DEFAULT_PER_GROUP = 30


def checkpoint_path(args: SuiteArgs) -> Path | None:
    env = os.environ.get("DOCPARSE_VLM_MODEL")
    path = Path(env) if env else args.work_dir / "vlm" / "model"
    return path if (path / "config.json").is_file() else None


def held_out(per_group: int):  # noqa: ANN201 - list[RegionSample]
    from benchmarks.synth.regions import RegionSynthOptions, region_samples

    texts, tables, charts = [], [], []
    for s in region_samples(SEED, per_group * 6, RegionSynthOptions()):
        bucket = {"text": texts, "table": tables, "chart": charts}[s.task]
        if len(bucket) < per_group:
            bucket.append(s)
        if min(len(texts), len(tables), len(charts)) >= per_group:
            break
    return texts, tables, charts


def rapidocr_text(engine, image) -> str:  # noqa: ANN001
    lines = sorted(engine.recognize(image), key=lambda ln: (round(ln.bbox[1] / 8), ln.bbox[0]))
    return " ".join(ln.text for ln in lines)


def load_backend(model_dir: Path):  # noqa: ANN201 - CheckpointBackend
    from docparse.vlm.backends import CheckpointBackend, LocalModelOptions

    backend = CheckpointBackend(model_dir, LocalModelOptions(int8=True, threads=2, max_new_tokens=160))
    backend.load()
    return backend


def vlm_outputs(backend, samples) -> tuple[list[str], float]:  # noqa: ANN001
    from docparse.vlm.backends import VlmRequest

    with Stopwatch() as sw:
        out = backend.read([VlmRequest(s.image, s.group.value, s.task, "") for s in samples])
    return out, sw.seconds / max(1, len(samples))


def _mean(xs: list[float]) -> float | None:
    return sum(xs) / len(xs) if xs else None


def run(args: SuiteArgs) -> SuiteResult:
    from benchmarks.chartf1 import chart_f1
    from benchmarks.vlm_metrics import cer, table_cell_accuracy
    from docparse.ocr.rapid import RapidOcrEngine
    from docparse.readers.charts.ocr import ChartOcr
    from docparse.readers.charts.raster import read_raster_chart
    from docparse.vlm.formats import VlmOutputError, csv_to_chart, parse_table_output

    per_group = args.limit or DEFAULT_PER_GROUP
    texts, tables, charts = held_out(per_group)
    model_dir = checkpoint_path(args)
    backend = load_backend(model_dir) if model_dir else None
    note = "" if model_dir else "no checkpoint ($DOCPARSE_VLM_MODEL or <work_dir>/vlm/model)"
    result = SuiteResult("vlm")

    engine = RapidOcrEngine()
    native_text = [rapidocr_text(engine, s.image) for s in texts]
    vlm_text, vlm_s = vlm_outputs(backend, texts) if model_dir else ([None] * len(texts), None)
    levels = ["light", "medium", "heavy", "none", "all"]
    for level in levels:
        idx = [i for i, s in enumerate(texts) if level == "all" or s.corruption.value == level]
        if not idx:
            continue
        vlm_cer = _mean([cer(vlm_text[i], texts[i].target) for i in idx]) if model_dir else None
        result.rows.append(Row(f"synth-text-{level}", "CER", {
            "vlm": vlm_cer, "rapidocr": _mean([cer(native_text[i], texts[i].target) for i in idx])},
            n=len(idx), better="lower", note=note))

    chart_ocr = ChartOcr()
    native_f1 = [chart_f1(read_raster_chart(s.image, chart_ocr), s.chart).f1 for s in charts]
    vlm_f1: list[float] = []
    if model_dir:
        for s, out in zip(charts, vlm_outputs(backend, charts)[0]):
            try:
                vlm_f1.append(chart_f1(csv_to_chart(out), s.chart).f1)
            except VlmOutputError:
                vlm_f1.append(0.0)
    result.rows.append(Row("synth-raster-charts", "chart F1", {
        "vlm": _mean(vlm_f1), "chart_reader": _mean(native_f1)}, n=len(charts), note=note))

    cells: list[float] = []
    if model_dir:
        for s, out in zip(tables, vlm_outputs(backend, tables)[0]):
            try:
                cells.append(table_cell_accuracy(parse_table_output(out), s.table))
            except VlmOutputError:
                cells.append(0.0)
    result.rows.append(Row("synth-table-crops", "cell accuracy", {"vlm": _mean(cells)},
                           n=len(tables), note=note or "no native image-table reader to compare"))
    if vlm_s is not None:
        result.rows.append(Row("synth-text", "s/crop (INT8, CPU)", {"vlm": vlm_s}, n=len(texts), better="lower"))
    return result

"""Which RapidOCR recognition model reads scans best: PP-OCRv4 (rapidocr-onnxruntime 1.4.4, the
default until now) against PP-OCRv6 small (rapidocr 3.x), same pipeline, same run.

``python -m benchmarks.ocr_rec_probe [--limit N]`` prints line-matched CER (case and spaces
folded, and exact), word recall and pages/s on SROIE receipts, the Tesseract test pages (one of
them, eurotext, in five languages with accents) and generated reports scanned at 150 dpi.
"""

from __future__ import annotations

import argparse
import time
from dataclasses import replace
from pathlib import Path

from benchmarks import text_metrics as tm
from benchmarks.common import CORPUS
from benchmarks.suite_scans import CerMode, matched_cer, scanned_reports, sroie_items, tesseract_items, word_scores
from docparse.options.ocr import RecModel


def converter(model: RecModel):  # noqa: ANN201
    from docparse.components import default_components
    from docparse.config import ParseOptions
    from docparse.pipeline import convert

    base = ParseOptions.from_kwargs(page_timeout_s=None, ocr="always")
    options = replace(base, ocr=replace(base.ocr, rapid=replace(base.ocr.rapid, rec_model=model)))
    components = default_components(options)
    return lambda source: convert(source, options, components).to_markdown()


def score(items: list[tuple[Path | bytes, str]], read) -> tuple[float, float, float, float]:  # noqa: ANN001
    folded, exact, recall = [], [], []
    start = time.perf_counter()
    for source, truth in items:
        text = tm.strip_markdown(read(source), tables=True)
        folded.append(matched_cer(text, truth.splitlines(), CerMode.FOLDED))
        exact.append(matched_cer(text, truth.splitlines(), CerMode.EXACT))
        recall.append(word_scores(text, truth)[0])
    seconds = time.perf_counter() - start
    return tm.mean(folded), tm.mean(exact), tm.mean(recall), len(items) / seconds


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--limit", type=int, default=20)
    p.add_argument("--work-dir", type=Path, default=Path("bench-out/ocr-rec"))
    args = p.parse_args()
    reports = [(pdf, truth_text) for pdf, truth_text in _report_items(args.work_dir, 6)]
    sets = {"sroie": sroie_items(CORPUS, args.limit), "tesseract pages": tesseract_items(CORPUS),
            "scanned reports": reports}
    print("set | model | CER folded | CER exact | word recall | pages/s")
    for model in RecModel:
        read = converter(model)
        for name, items in sets.items():
            f, e, r, pps = score(items, read)
            print(f"{name} | {model.value} | {f:.4f} | {e:.4f} | {r:.3f} | {pps:.2f}", flush=True)


def _report_items(work: Path, count: int) -> list[tuple[bytes, str]]:
    return [(pdf, tm.strip_markdown(truth.markdown(tables=False)))  # type: ignore[attr-defined]
            for pdf, truth in scanned_reports(work, count)]


if __name__ == "__main__":
    main()

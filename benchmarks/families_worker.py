"""One system over the documents of one family and split, in a fresh process.

    python -m benchmarks.families_worker SYSTEM JOBS.json OUT_DIR

SYSTEM is ``docparse`` or ``pymupdf4llm``; JOBS.json a list of ``{"id", "path"}``. For each job
``OUT_DIR/<id>.json`` gets ``{"markdown", "tables", "charts"}``: docparse's tables as
``region.table.to_html()`` and its charts as JSON; the anchor prints Markdown only (its tables
and chart values are read from the Markdown by the suite). ``OUT_DIR/_stats.json``: conversion
seconds (imports excluded), pages, peak RSS (VmHWM) and per-file errors.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import asdict
from pathlib import Path
from typing import Any

from benchmarks.text_worker import WorkerStats, page_count, peak_rss_mb


def convert_docparse(path: str) -> dict[str, Any]:
    import docparse

    doc = docparse.parse(path)
    tables = [r.table.to_html() for r in doc.tables if r.table is not None and r.table.n_rows]
    charts = [r.chart.model_dump(mode="json") for r in doc.charts if r.chart is not None]
    return {"markdown": doc.to_markdown(), "tables": tables, "charts": charts}


def convert_pymupdf4llm(path: str) -> dict[str, Any]:
    import pymupdf4llm

    return {"markdown": pymupdf4llm.to_markdown(path, show_progress=False), "tables": None, "charts": None}


def run_jobs(system: str, jobs: list[dict[str, str]], out_dir: Path) -> WorkerStats:
    stats = WorkerStats(system=system, mode="parse")
    start = time.perf_counter()
    if system == "docparse":
        import docparse  # noqa: F401
    else:
        import pymupdf4llm  # noqa: F401
    stats.import_seconds = time.perf_counter() - start
    out_dir.mkdir(parents=True, exist_ok=True)
    convert = convert_docparse if system == "docparse" else convert_pymupdf4llm
    for job in jobs:
        target = out_dir / f"{job['id']}.json"
        t0 = time.perf_counter()
        try:
            result = convert(job["path"])
            stats.pages += page_count(job["path"])
        except Exception as exc:  # noqa: BLE001 - a failing file is a result, not a crash
            stats.errors.append(f"{job['id']}: {type(exc).__name__}: {exc}"[:500])
            result = {"markdown": "", "tables": [], "charts": []}
        stats.seconds += time.perf_counter() - t0
        stats.files += 1
        target.write_text(json.dumps(result, ensure_ascii=False), encoding="utf-8")
    stats.peak_rss_mb = peak_rss_mb()
    return stats


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.families_worker")
    p.add_argument("system", choices=["docparse", "pymupdf4llm"])
    p.add_argument("jobs", type=Path)
    p.add_argument("out_dir", type=Path)
    args = p.parse_args(argv)
    stats = run_jobs(args.system, json.loads(args.jobs.read_text()), args.out_dir)
    (args.out_dir / "_stats.json").write_text(json.dumps(asdict(stats), indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())

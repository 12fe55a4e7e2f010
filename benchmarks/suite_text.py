"""Text suite: docparse vs the anchor (pymupdf4llm) on body text, furniture, headings, order.

Each system runs in a fresh subprocess per data set (benchmarks.text_worker), so pages/s and
peak RSS are that system's own. Data sets and what is scored (see benchmarks.text_sets):

- synth-reports (exact truth): body normalized edit distance (tables and footnotes out of both
  sides), running header/footer leakage (share of pages), heading recall/precision and level
  accuracy, reading order (share of truth block pairs in order), footnote recall, words still
  split by line-end hyphenation.
- docbank (page N of each paper): word recall/precision, word order (LCS / recalled words).
- docling: edit distance (body text; and with table cell text kept) and heading recall against
  docling's saved Markdown (a reference, not truth).
- icdar2013-us: table-cell word recall (official GT), text-layer word recall/precision.
- long-500p: docparse peak RSS and pages/s for ``parse`` and ``iter_pages`` on 500 pages.
Per-file details go to ``<work_dir>/text/details.json``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable

from benchmarks import text_metrics as tm
from benchmarks import text_sets as ts
from benchmarks.common import Row, SuiteArgs, SuiteResult
from benchmarks.synth.reports import ReportTruth

REPO = Path(__file__).resolve().parents[1]
LONG_PAGES = 500


@dataclass
class SystemRun:
    system: str
    outputs: dict[str, str]
    seconds: float
    pages: int
    peak_rss_mb: float
    errors: list[str] = field(default_factory=list)

    @property
    def pages_per_s(self) -> float | None:
        return self.pages / self.seconds if self.seconds > 0 and self.pages else None


def run_system(system: str, jobs: list[ts.Job], out_dir: Path, mode: str = "parse",
               timeout_s: float = 3000.0) -> SystemRun:
    """Run one system over jobs in a fresh process; read its outputs and stats back.

    With DOCPARSE_BENCH_REUSE=1 the outputs of an earlier run on the same jobs in the same
    work dir are scored again without converting (for changes to the scoring only);
    DOCPARSE_BENCH_REUSE=pymupdf4llm reuses only the named systems' outputs.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    jobs_file = out_dir / "_jobs.json"
    jobs_json = json.dumps([j.as_json() for j in jobs])
    stats_file = out_dir / "_stats.json"
    wanted = os.environ.get("DOCPARSE_BENCH_REUSE", "")
    reuse = ((wanted == "1" or system in wanted.split(",")) and stats_file.exists()
             and jobs_file.exists() and jobs_file.read_text() == jobs_json)
    if not reuse:
        stats_file.unlink(missing_ok=True)
        jobs_file.write_text(jobs_json)
        failure = _run_worker(system, jobs_file, out_dir, mode, timeout_s)
        if failure:
            return SystemRun(system, {}, 0.0, 0, 0.0, [failure])
    if not stats_file.exists():
        return SystemRun(system, {}, 0.0, 0, 0.0, ["worker wrote no stats"])
    stats = json.loads(stats_file.read_text())
    outputs = {j.id: (out_dir / f"{j.id}.md").read_text(encoding="utf-8") for j in jobs
               if (out_dir / f"{j.id}.md").exists()}
    return SystemRun(system, outputs, stats["seconds"], stats["pages"], stats["peak_rss_mb"],
                     stats["errors"])


def _run_worker(system: str, jobs_file: Path, out_dir: Path, mode: str, timeout_s: float) -> str | None:
    """Run the worker process; an error message, or None when it finished."""
    env = {**os.environ, "PYTHONPATH": str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    cmd = [sys.executable, "-m", "benchmarks.text_worker", system, str(jobs_file), str(out_dir),
           "--mode", mode]
    try:
        proc = subprocess.run(cmd, env=env, cwd=REPO, capture_output=True, text=True, timeout=timeout_s)
    except subprocess.TimeoutExpired:
        return f"timed out after {timeout_s:.0f} s"
    if proc.returncode != 0:
        return f"worker failed: {proc.stderr[-800:]}"
    return None


def _systems(args: SuiteArgs) -> list[str]:
    return ["docparse", "pymupdf4llm"] if args.anchor else ["docparse"]


def _runs(args: SuiteArgs, dataset: str, jobs: list[ts.Job]) -> dict[str, SystemRun]:
    runs = {}
    for system in _systems(args):
        print(f"[text] {dataset}: {system} on {len(jobs)} files", file=sys.stderr, flush=True)
        runs[system] = run_system(system, jobs, args.work_dir / "text" / dataset / system)
        for err in runs[system].errors[:5]:
            print(f"[text] {dataset}/{system} error: {err}", file=sys.stderr)
    return runs


def _perf_rows(dataset: str, runs: dict[str, SystemRun], n: int) -> list[Row]:
    return [
        Row(dataset, "pages/s", {s: r.pages_per_s for s, r in runs.items()}, n, "higher",
            "conversion only, imports excluded"),
        Row(dataset, "peak RSS MB", {s: r.peak_rss_mb or None for s, r in runs.items()}, n, "lower"),
    ]


def _metric_rows(dataset: str, per_system: dict[str, dict[str, float | None]], n: int,
                 spec: list[tuple[str, str, str]]) -> list[Row]:
    """spec: (key, metric label, better)."""
    return [Row(dataset, label, {s: m.get(key) for s, m in per_system.items()}, n, better)
            for key, label, better in spec]


# --- synth reports ------------------------------------------------------------------------

@dataclass
class SynthScore:
    file: str
    style: str
    edit: float
    leaked: int
    furniture_pages: int
    headings: tm.HeadingScore
    order: float | None
    footnotes_found: int
    footnotes: int
    hyphen_broken: int
    hyphen_total: int
    intact: int = 0
    paragraphs: int = 0


def _drop_footnotes(markdown: str, footnotes: list[str]) -> str:
    """Remove blocks that are a footnote (they have no agreed place in the body order)."""
    from rapidfuzz import fuzz

    keep = []
    for block in markdown.split("\n\n"):
        text = tm.normalize_markdown(block).lstrip("0123456789 ")
        if text and any(fuzz.ratio(text, f) >= 85 for f in footnotes):
            continue
        for f in footnotes:
            block = block.replace(f, "")
        keep.append(block)
    return "\n\n".join(keep)


def score_synth(truth: ReportTruth, markdown: str) -> SynthScore:
    from rapidfuzz import fuzz

    from benchmarks.synth.reports import CAPTION, HEADING, LIST_ITEM, PARAGRAPH, TITLE, block_markdown

    footnotes = [tm.fold_text(f.text) for f in truth.footnotes]
    body = _drop_footnotes(markdown, footnotes)
    predicted = tm.normalize_markdown(body)
    expected = tm.normalize_markdown(truth.markdown())
    heads = tm.score_headings([tm.MdHeading(tm.normalize_markdown(h.text), h.level) for h in truth.headings],
                              tm.markdown_headings(body))
    blocks = [tm.normalize_markdown(block_markdown(b)) for b in truth.blocks
              if b.kind in (TITLE, HEADING, PARAGRAPH, LIST_ITEM, CAPTION)]
    order = tm.reading_order(blocks, predicted)
    leaked, with_furniture = tm.leaked_pages([(f.page, f.texts) for f in truth.furniture], markdown)
    whole = tm.normalize_markdown(markdown)
    found = sum(1 for f in footnotes if fuzz.partial_ratio(f, whole) >= 90)
    broken, total = tm.broken_hyphenations(truth.hyphenated, predicted)
    paragraphs = [tm.normalize_markdown(b.text) for b in truth.blocks if b.kind == PARAGRAPH]
    intact, n_paragraphs = tm.intact_paragraphs(paragraphs, body)
    return SynthScore(truth.file, truth.style, tm.edit_distance(predicted, expected), leaked,
                      with_furniture, heads, order.score, found, len(footnotes), broken, total,
                      intact, n_paragraphs)


def aggregate_synth(scores: list[SynthScore]) -> dict[str, float | None]:
    def ratio(num: int, den: int) -> float | None:
        return num / den if den else None

    return {
        "edit": tm.mean(s.edit for s in scores),
        "leak": ratio(sum(s.leaked for s in scores), sum(s.furniture_pages for s in scores)),
        "h_recall": ratio(sum(s.headings.matched for s in scores), sum(s.headings.truth for s in scores)),
        "h_precision": ratio(sum(s.headings.matched for s in scores),
                             sum(s.headings.predicted for s in scores)),
        "h_level": ratio(sum(s.headings.level_correct for s in scores),
                         sum(s.headings.matched for s in scores)),
        "order": tm.mean(s.order for s in scores),
        "footnotes": ratio(sum(s.footnotes_found for s in scores), sum(s.footnotes for s in scores)),
        "hyphen": ratio(sum(s.hyphen_broken for s in scores), sum(s.hyphen_total for s in scores)),
        "intact": ratio(sum(s.intact for s in scores), sum(s.paragraphs for s in scores)),
    }


SYNTH_SPEC = [
    ("edit", "body edit distance", "lower"),
    ("leak", "header/footer leak (pages)", "lower"),
    ("h_recall", "heading recall", "higher"),
    ("h_precision", "heading precision", "higher"),
    ("h_level", "heading level accuracy", "higher"),
    ("order", "reading order (pairs)", "higher"),
    ("footnotes", "footnote recall", "higher"),
    ("hyphen", "hyphenated words left split", "lower"),
    ("intact", "paragraphs intact (one block)", "higher"),
]


def synth_rows(args: SuiteArgs, details: dict) -> list[Row]:
    from benchmarks.synth.reports import load_truth

    jobs = ts.synth_jobs(args.work_dir / "text", args.limit)
    runs = _runs(args, "synth-reports", jobs)
    per_system = {}
    for system, run in runs.items():
        scores = [score_synth(load_truth(j.path), run.outputs.get(j.id, "")) for j in jobs]
        details.setdefault("synth-reports", {})[system] = [asdict(s) for s in scores]
        per_system[system] = aggregate_synth(scores)
    return _metric_rows("synth-reports", per_system, len(jobs), SYNTH_SPEC) + _perf_rows(
        "synth-reports", runs, len(jobs))


# --- docbank --------------------------------------------------------------------------------

def docbank_rows(args: SuiteArgs, details: dict) -> list[Row]:
    jobs = ts.docbank_jobs(args.corpus, args.limit)
    if not jobs:
        return []
    runs = _runs(args, "docbank", jobs)
    truths = {j.id: ts.docbank_truth(args.corpus, j) for j in jobs}
    per_system = {}
    for system, run in runs.items():
        scores = {j.id: tm.score_words(truths[j.id].recall_words,
                                       tm.markdown_words(run.outputs.get(j.id, "")),
                                       precision_truth=truths[j.id].all_words) for j in jobs}
        details.setdefault("docbank", {})[system] = {k: asdict(v) for k, v in scores.items()}
        per_system[system] = {
            "recall": tm.mean(s.recall for s in scores.values()),
            "precision": tm.mean(s.precision for s in scores.values()),
            "order": tm.mean(s.order for s in scores.values()),
        }
    spec = [("recall", "word recall", "higher"), ("precision", "word precision", "higher"),
            ("order", "word order (LCS/recalled)", "higher")]
    return _metric_rows("docbank", per_system, len(jobs), spec) + _perf_rows("docbank", runs, len(jobs))


# --- docling reference ----------------------------------------------------------------------

def docling_rows(args: SuiteArgs, details: dict) -> list[Row]:
    jobs = ts.docling_jobs(args.corpus, args.limit)
    if not jobs:
        return []
    runs = _runs(args, "docling", jobs)
    per_system = {}
    for system, run in runs.items():
        edits, all_edits, heads = [], [], []
        for j in jobs:
            reference = ts.docling_reference(j)
            output = run.outputs.get(j.id, "")
            edits.append(tm.edit_distance(tm.normalize_markdown(output), tm.normalize_markdown(reference)))
            # the same with table cell text kept: a page one system reads as a table and the
            # other as paragraphs is compared on its words, not dropped from one side
            all_edits.append(tm.edit_distance(tm.normalize_markdown(output, tables=True),
                                              tm.normalize_markdown(reference, tables=True)))
            heads.append(tm.score_headings([tm.MdHeading(h.text, 0) for h in tm.markdown_headings(reference)],
                                           tm.markdown_headings(output)))
        details.setdefault("docling", {})[system] = {j.id: e for j, e in zip(jobs, edits)}
        per_system[system] = {
            "edit": tm.mean(edits),
            "edit_all": tm.mean(all_edits),
            "h_recall": sum(h.matched for h in heads) / max(1, sum(h.truth for h in heads)),
        }
    spec = [("edit", "edit distance vs docling md", "lower"),
            ("edit_all", "edit distance vs docling md, table text kept", "lower"),
            ("h_recall", "heading recall vs docling", "higher")]
    return _metric_rows("docling", per_system, len(jobs), spec) + _perf_rows("docling", runs, len(jobs))


# --- ICDAR 2013 US ------------------------------------------------------------------------

def icdar_rows(args: SuiteArgs, details: dict) -> list[Row]:
    jobs = ts.icdar_jobs(args.corpus, args.limit)
    if not jobs:
        return []
    runs = _runs(args, "icdar2013-us", jobs)
    truths = {j.id: ts.icdar_truth(j) for j in jobs}
    per_system = {}
    for system, run in runs.items():
        cells, layer = [], []
        for j in jobs:
            words = tm.markdown_words(run.outputs.get(j.id, ""))
            cells.append(tm.score_words(truths[j.id].cell_words, words))
            layer.append(tm.score_words(truths[j.id].layer_words, words))
        details.setdefault("icdar2013-us", {})[system] = {
            j.id: {"cells": asdict(c), "layer": asdict(t)} for j, c, t in zip(jobs, cells, layer)}
        per_system[system] = {
            "cells": tm.mean(c.recall for c in cells),
            "layer_recall": tm.mean(t.recall for t in layer),
            "layer_precision": tm.mean(t.precision for t in layer),
        }
    spec = [("cells", "table-cell word recall (GT)", "higher"),
            ("layer_recall", "text-layer word recall", "higher"),
            ("layer_precision", "text-layer word precision", "higher")]
    return _metric_rows("icdar2013-us", per_system, len(jobs), spec) + _perf_rows(
        "icdar2013-us", runs, len(jobs))


# --- long document: memory flatness ------------------------------------------------------

def long_rows(args: SuiteArgs, details: dict) -> list[Row]:
    job = ts.long_report_job(args.work_dir / "text", LONG_PAGES)
    rows = []
    for mode in ("iter", "parse"):
        print(f"[text] long-{LONG_PAGES}p: docparse {mode}", file=sys.stderr, flush=True)
        run = run_system("docparse", [job], args.work_dir / "text" / f"long-{mode}", mode=mode)
        details.setdefault("long", {})[mode] = {"seconds": run.seconds, "pages": run.pages,
                                                "peak_rss_mb": run.peak_rss_mb, "errors": run.errors}
        label = "iter_pages" if mode == "iter" else "parse"
        rows.append(Row(f"long-{LONG_PAGES}p", f"peak RSS MB ({label})", {"docparse": run.peak_rss_mb or None},
                        1, "lower", "target < 1024"))
        rows.append(Row(f"long-{LONG_PAGES}p", f"pages/s ({label})", {"docparse": run.pages_per_s}, 1, "higher"))
    return rows


SETS: list[Callable[[SuiteArgs, dict], list[Row]]] = [synth_rows, docbank_rows, docling_rows,
                                                      icdar_rows, long_rows]


def run(args: SuiteArgs) -> SuiteResult:
    details: dict = {}
    rows: list[Row] = []
    for make_rows in SETS:
        rows += make_rows(args, details)
    out = args.work_dir / "text" / "details.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(details, indent=1, default=str))
    return SuiteResult("text", rows)

"""Families suite: docparse vs the anchor (pymupdf4llm) on independent document families.

``python -m benchmarks families [--limit N] [--split dev|test|both] [--family NAME]`` builds
every registered family (``benchmarks.families.families()``) whose renderer is installed, for
each split, and runs each system over the documents in a fresh process per family and split
(``benchmarks.families_worker``: pages/s and peak RSS are that system's own). Rows per family
and split (scores in ``benchmarks.families_score``): table TEDS / TEDS-S, heading recall /
precision / level accuracy, title found, furniture leak, footnote recall, body edit distance,
vector and raster chart F1, pages/s, peak RSS; then TEDS per table style and per table feature
for each split over all families; then issue 15's "Done when" check per family and split
(``benchmarks.families_done``). Tune on dev; report test. Per-document scores go to
``<work_dir>/families/details.json``.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path

from benchmarks import text_metrics as tm
from benchmarks.common import Row, SuiteArgs, SuiteResult
from benchmarks.families.base import FamilyDoc, Split
from benchmarks.families_done import check as check_done
from benchmarks.families_score import DocScore, SystemOutput, score_doc

REPO = Path(__file__).resolve().parents[1]
DEFAULT_COUNT = 4  # documents per family and split without --limit, unless the family sets default_count
WORKER_TIMEOUT_S = 1800.0


@dataclass
class FamilyRun:
    system: str
    outputs: dict[str, SystemOutput]
    seconds: float = 0.0
    pages: int = 0
    peak_rss_mb: float = 0.0
    errors: list[str] = field(default_factory=list)

    @property
    def pages_per_s(self) -> float | None:
        return self.pages / self.seconds if self.seconds > 0 and self.pages else None


def run_system(system: str, docs: list[FamilyDoc], out_dir: Path) -> FamilyRun:
    """One system over the documents in a fresh process; outputs and stats read back."""
    out_dir.mkdir(parents=True, exist_ok=True)
    jobs = out_dir / "_jobs.json"
    jobs.write_text(json.dumps([{"id": d.name, "path": str(d.pdf)} for d in docs]))
    stats_file = out_dir / "_stats.json"
    stats_file.unlink(missing_ok=True)
    env = {**os.environ, "PYTHONPATH": str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    cmd = [sys.executable, "-m", "benchmarks.families_worker", system, str(jobs), str(out_dir)]
    try:
        proc = subprocess.run(cmd, check=False, env=env, cwd=REPO, capture_output=True, text=True,
                              timeout=WORKER_TIMEOUT_S)
        failure = None if proc.returncode == 0 else f"worker failed: {proc.stderr[-800:]}"
    except subprocess.TimeoutExpired:
        failure = f"timed out after {WORKER_TIMEOUT_S:.0f} s"
    if failure or not stats_file.exists():
        return FamilyRun(system, {}, errors=[failure or "worker wrote no stats"])
    stats = json.loads(stats_file.read_text())
    outputs = {}
    for d in docs:
        path = out_dir / f"{d.name}.json"
        if path.exists():
            raw = json.loads(path.read_text(encoding="utf-8"))
            outputs[d.name] = SystemOutput(raw["markdown"], raw["tables"], raw["charts"])
    return FamilyRun(system, outputs, stats["seconds"], stats["pages"], stats["peak_rss_mb"], stats["errors"])


def _ratio(num: float, den: float) -> float | None:
    return num / den if den else None


def aggregate(scores: list[DocScore]) -> dict[str, float | None]:
    tables = [t for s in scores for t in s.tables]
    charts = [c for s in scores for c in s.charts]
    vector = [c.f1 for c in charts if c.vector]
    raster = [c.f1 for c in charts if not c.vector]
    return {
        "teds": tm.mean(t.teds for t in tables),
        "teds_s": tm.mean(t.teds_s for t in tables),
        "h_recall": _ratio(sum(s.headings.matched for s in scores), sum(s.headings.truth for s in scores)),
        "h_precision": _ratio(sum(s.headings.matched for s in scores), sum(s.headings.predicted for s in scores)),
        "h_level": _ratio(sum(s.headings.level_correct for s in scores), sum(s.headings.matched for s in scores)),
        "title": _ratio(sum(s.title_found for s in scores), len(scores)),
        "leak": _ratio(sum(s.leaked for s in scores), sum(s.furniture_pages for s in scores)),
        "footnotes": _ratio(sum(s.footnotes_found for s in scores), sum(s.footnotes for s in scores)),
        "edit": tm.mean(s.edit for s in scores),
        "vector_f1": tm.mean(vector),
        "raster_f1": tm.mean(raster),
    }


SPEC = [
    ("teds", "table TEDS", "higher"),
    ("teds_s", "table TEDS-S", "higher"),
    ("h_recall", "heading recall", "higher"),
    ("h_precision", "heading precision", "higher"),
    ("h_level", "heading level accuracy", "higher"),
    ("title", "title found (docs)", "higher"),
    ("leak", "header/footer leak (pages)", "lower"),
    ("footnotes", "footnote recall", "higher"),
    ("edit", "body edit distance", "lower"),
    ("vector_f1", "vector chart F1", "higher"),
    ("raster_f1", "raster chart F1", "higher"),
]


def _counts(docs: list[FamilyDoc]) -> dict[str, int]:
    tables = sum(len(d.truth.tables) for d in docs)
    charts = [c for d in docs for c in d.truth.charts]
    return {"teds": tables, "teds_s": tables, "vector_f1": sum(c.vector for c in charts),
            "raster_f1": sum(not c.vector for c in charts)}


def family_rows(dataset: str, docs: list[FamilyDoc], runs: dict[str, FamilyRun],
                scores: dict[str, list[DocScore]]) -> list[Row]:
    per_system = {system: aggregate(s) for system, s in scores.items()}
    counts = _counts(docs)
    rows = [Row(dataset, label, {s: m[key] for s, m in per_system.items()}, counts.get(key, len(docs)), better)
            for key, label, better in SPEC]
    rows.append(Row(dataset, "pages/s", {s: r.pages_per_s for s, r in runs.items()}, len(docs), "higher",
                    "conversion only, imports excluded"))
    rows.append(Row(dataset, "peak RSS MB", {s: r.peak_rss_mb or None for s, r in runs.items()}, len(docs), "lower"))
    return rows


def style_rows(dataset: str, scores: dict[str, list[DocScore]]) -> list[Row]:
    """TEDS per table style (the label's first part) and per feature (its other parts; parts
    are separated by ``;`` or ``:``; ``_`` and ``-`` are one)."""
    groups: dict[str, dict[str, list[float]]] = {}
    for system, doc_scores in scores.items():
        for t in (t for s in doc_scores for t in s.tables):
            parts = [p.replace("_", "-") for p in re.split(r"[;:]", t.style) if p] or ["unlabelled"]
            keys = [f"style {parts[0]}"] + [f"with {f}" for f in parts[1:]]
            for key in keys:
                groups.setdefault(key, {}).setdefault(system, []).append(t.teds)
    rows = []
    for key in sorted(groups, key=lambda k: (not k.startswith("style"), k)):
        vals = groups[key]
        n = max(len(v) for v in vals.values())
        rows.append(Row(dataset, f"TEDS {key}", {s: tm.mean(v) for s, v in vals.items()}, n, "higher"))
    return rows


def _splits(args: SuiteArgs) -> list[Split]:
    wanted = args.split
    return [s for s in (Split.DEV, Split.TEST) if wanted in ("both", s.value)]


def run(args: SuiteArgs) -> SuiteResult:
    from benchmarks.families import families

    systems = ["docparse", "pymupdf4llm"] if args.anchor else ["docparse"]
    work = args.work_dir / "families"
    rows: list[Row] = []
    by_split: dict[str, dict[str, list[DocScore]]] = {}
    details: dict[str, dict[str, object]] = {}
    for family in families():
        if args.families and family.name not in args.families:
            continue
        reason = family.available()
        if reason is not None:
            print(f"[families] skip {family.name}: {reason}", file=sys.stderr)
            continue
        version = family.version() if hasattr(family, "version") else "(no version() on the family)"
        print(f"[families] {family.name}: made by {version}", flush=True)
        for split in _splits(args):
            dataset = f"{family.name}/{split.value}"
            count = args.limit if args.limit else int(getattr(family, "default_count", DEFAULT_COUNT))
            print(f"[families] {dataset}: building {count} documents", file=sys.stderr, flush=True)
            docs = family.build(split, work / "docs", count)
            runs, scores = {}, {}
            for system in systems:
                print(f"[families] {dataset}: {system}", file=sys.stderr, flush=True)
                runs[system] = run_system(system, docs, work / "out" / family.name / split.value / system)
                for err in runs[system].errors[:5]:
                    print(f"[families] {dataset}/{system} error: {err}", file=sys.stderr)
                scores[system] = [score_doc(d.truth, runs[system].outputs.get(d.name, SystemOutput("", [], [])))
                                  for d in docs]
                by_split.setdefault(split.value, {}).setdefault(system, []).extend(scores[system])
                details.setdefault(dataset, {})[system] = {d.name: asdict(s) for d, s in zip(docs, scores[system])}
            rows += family_rows(dataset, docs, runs, scores)
    for split_name, scores in by_split.items():
        rows += style_rows(f"all/{split_name}", scores)
    print("== done when (issue 15): docparse per family and split ==")
    for line in check_done(rows):
        print(line)
    out = work / "details.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(details, indent=1, default=str))
    return SuiteResult("families", rows)

"""Shared benchmark plumbing: suite results, timing and peak memory, table printing.

A suite is a module ``benchmarks/suite_<name>.py`` with ``run(args: SuiteArgs) -> SuiteResult``.
Each row compares systems (``docparse``, ``pymupdf4llm``, …) on one data set and metric.
"""

from __future__ import annotations

import os
import resource
import time
from dataclasses import dataclass, field
from pathlib import Path

CORPUS = Path(os.environ.get("DOCPARSE_CORPUS", Path(__file__).resolve().parents[1].parent / "shared" / "corpus"))


@dataclass
class SuiteArgs:
    corpus: Path = CORPUS
    limit: int | None = None  # at most this many files per set (quick runs)
    work_dir: Path = Path("bench-out")
    anchor: bool = True  # also run pymupdf4llm
    split: str = "both"  # families suite: dev, test or both splits
    families: tuple[str, ...] = ()  # families suite: only these families (empty: all)


@dataclass
class Row:
    dataset: str
    metric: str
    values: dict[str, float | None]  # system -> value
    n: int = 0  # files/items scored
    better: str = "higher"  # or "lower"
    note: str = ""


@dataclass
class SuiteResult:
    suite: str
    rows: list[Row] = field(default_factory=list)


class Stopwatch:
    def __enter__(self) -> "Stopwatch":
        self.start = time.perf_counter()
        return self

    def __exit__(self, *exc: object) -> None:
        self.seconds = time.perf_counter() - self.start


def peak_rss_mb() -> float:
    """Peak resident memory of this process (Linux ru_maxrss is in KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def format_rows(results: list[SuiteResult]) -> str:
    systems: list[str] = []
    for res in results:
        for row in res.rows:
            for s in row.values:
                if s not in systems:
                    systems.append(s)
    head = ["suite", "dataset", "metric", "n"] + systems
    lines = [head]
    for res in results:
        for row in res.rows:
            vals = [("" if row.values.get(s) is None else f"{row.values[s]:.3f}") for s in systems]
            metric = f"{row.metric} ({'↑' if row.better == 'higher' else '↓'})"
            lines.append([res.suite, row.dataset, metric, str(row.n)] + vals)
    widths = [max(len(line[i]) for line in lines) for i in range(len(head))]
    out = []
    for k, line in enumerate(lines):
        out.append("  ".join(cell.ljust(w) for cell, w in zip(line, widths)))
        if k == 0:
            out.append("  ".join("-" * w for w in widths))
    return "\n".join(out)

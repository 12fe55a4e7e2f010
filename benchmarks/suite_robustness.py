"""Robustness suite: every file of corpus/robustness through ``docparse`` in a child process.

The same runner as ``python -m benchmarks.robustness`` (hard wall-clock timeout and memory limit
per file). Rows per set and in total: files converted, clean errors, crashes, hangs, max memory
and max seconds per file. With the anchor, ``pymupdf4llm.to_markdown`` runs on the same files
under the same limits (an uncaught exception there counts as a crash: that is what a caller
of the library sees).
"""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

from benchmarks.common import Row, SuiteArgs, SuiteResult
from benchmarks.hostile import archive_probe, build_files, fuzz_probe, service_probe
from benchmarks.robustness import (
    FileResult,
    GroupSummary,
    Outcome,
    RobustnessOptions,
    RobustnessReport,
    add_result,
    list_inputs,
    run_child,
    run_inputs,
)

ANCHOR = (
    "import sys\n"
    "import pymupdf4llm\n"
    "pymupdf4llm.to_markdown(sys.argv[1])\n"
)
METRICS = (  # (metric, attribute, better)
    ("converted", "converted", "higher"),
    ("clean errors", "clean_errors", "lower"),
    ("crashes", "crashes", "lower"),
    ("hangs", "hangs", "lower"),
    ("max memory MB", "max_rss_mb", "lower"),
    ("max s/file", "max_seconds", "lower"),
)


def limited(inputs: list[tuple[str, Path]], limit: int | None) -> list[tuple[str, Path]]:
    if limit is None:
        return inputs
    taken: dict[str, int] = defaultdict(int)
    out = []
    for group, path in inputs:
        if taken[group] < limit:
            taken[group] += 1
            out.append((group, path))
    return out


def run_anchor(inputs: list[tuple[str, Path]], options: RobustnessOptions) -> RobustnessReport:
    report = RobustnessReport()
    for group, path in inputs:
        run = run_child([sys.executable, "-c", ANCHOR, str(path)], options.timeout_s, options.memory_mb)
        if run.exit_code is None:
            outcome = Outcome.HANG
        elif run.exit_code == 0:
            outcome = Outcome.CONVERTED
        else:
            outcome = Outcome.CRASH  # a traceback or a signal
        report.results.append(FileResult(
            path=str(path), group=group, outcome=outcome, exit_code=run.exit_code,
            seconds=round(run.seconds, 3), max_rss_mb=round(run.max_rss_mb, 1)))
    return report


def summaries(report: RobustnessReport) -> dict[str, GroupSummary]:
    return {s.group: s for s in report.summaries()}


def run(args: SuiteArgs) -> SuiteResult:
    base = args.corpus / "robustness"
    result = SuiteResult(suite="robustness")
    if not base.is_dir():
        print(f"[skip] robustness corpus not found at {base}", file=sys.stderr)
        return result
    options = RobustnessOptions()
    inputs = limited(list_inputs([base], all_files=False), args.limit)
    systems = {"docparse": summaries(run_inputs(inputs, options, progress=True))}
    if args.anchor:
        try:
            import pymupdf4llm  # noqa: F401
        except ImportError:
            print("[skip] pymupdf4llm not installed", file=sys.stderr)
        else:
            systems["pymupdf4llm"] = summaries(run_anchor(inputs, options))
    hostile = run_inputs([("hostile", path) for path in build_files(args.work_dir / "hostile")], options,
                         progress=True)
    systems["docparse"]["hostile"] = summaries(hostile)["hostile"]  # its own row, not in the corpus total
    groups = list(systems["docparse"])
    for group in groups:
        for metric, attr, better in METRICS:
            values = {name: float(getattr(s[group], attr)) if group in s else None
                      for name, s in systems.items()}
            result.rows.append(Row(dataset=f"robustness/{group}", metric=metric, values=values,
                                   n=systems["docparse"][group].tried, better=better))
    result.rows.extend(hostile_rows(args, base))
    return result


FUZZ_SECONDS = 120  # the bounded atheris run (a quarter of it with --limit)


def hostile_rows(args: SuiteArgs, corpus: Path) -> list[Row]:
    """Issue 21's probes beyond the crafted files: archives, the service, fuzzing (docparse only)."""
    folder = args.work_dir / "hostile"
    rows: list[Row] = []

    def row(dataset: str, metric: str, value: float, better: str, n: int = 1) -> None:
        rows.append(Row(dataset=f"hostile/{dataset}", metric=metric, values={"docparse": float(value)}, n=n,
                        better=better))

    archive = archive_probe(folder)
    row("archive", "good members converted", archive.converted, "higher", archive.good_members)
    row("archive", "seconds", archive.seconds, "lower")
    row("archive", "files touched outside OUT", archive.touched_outside, "lower")
    try:
        service = service_probe(build_files(folder))
    except ImportError:
        print("[skip] service probe: the serve extra is not installed", file=sys.stderr)
    else:
        row("service", "unauthenticated body reads", service.unauthenticated_body_reads, "lower", service.probes)
        row("service", "normal /v1/parse s under 2 hostile jobs", service.normal_parse_seconds, "lower")
    try:
        import atheris  # noqa: F401
    except ImportError:
        print("[skip] fuzzing: atheris is not installed", file=sys.stderr)
        return rows
    seeds = sorted(p for p in corpus.rglob("*.pdf") if p.is_file())[:40] if corpus.is_dir() else []
    fuzz = fuzz_probe(FUZZ_SECONDS // 4 if args.limit else FUZZ_SECONDS, seeds, folder / "fuzz")
    row("fuzz", f"executions in {fuzz.seconds} s", fuzz.executions, "higher")
    row("fuzz", "findings", fuzz.findings, "lower")
    return rows


__all__ = ["run", "add_result"]

"""The robustness report: every file of a bad-input corpus through the ``docparse`` command.

    python -m benchmarks.robustness [DIR ...] [--timeout 120] [--memory-mb 3072] [--jobs 1]

Each file runs in its own child process (``python -m docparse FILE --format json -q``) under a hard
wall-clock timeout and an address-space limit (``resource.setrlimit(RLIMIT_AS)``). The outcome
of one file is one of:

* ``converted``   – a JSON document was printed (pages that failed are recorded in it);
* ``clean_error`` – exit status 1, no document, and every stderr line is docparse's own
                    one-line ``docparse: FILE: reason`` message;
* ``crash``       – a traceback, an ``internal error``, a signal, or any other exit status;
* ``hang``        – the child was still running at the timeout and was killed.

The report prints files tried, converted, clean errors, crashes, hangs, max memory and max
seconds per file, per set (first folder under DIR) and in total. Exit status: 0 when there
were no crashes and no hangs, 1 otherwise, 2 on usage errors.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import signal
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from enum import Enum
from pathlib import Path
from typing import Sequence

DOCUMENT_SUFFIXES = (".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp", ".gif", ".webp")
EXIT_CLEAN = 0
EXIT_PROBLEMS = 1
EXIT_USAGE = 2


class Outcome(str, Enum):
    CONVERTED = "converted"
    CLEAN_ERROR = "clean_error"
    CRASH = "crash"
    HANG = "hang"


@dataclass(frozen=True)
class RobustnessOptions:
    """How each file is run: limits of the child process and options passed to ``docparse``."""

    timeout_s: float = 240.0  # hard wall clock per file; the child is killed after it
    memory_mb: int = 3072  # RLIMIT_AS of the child
    jobs: int = 1
    page_timeout_s: float = 60.0  # passed as --page-timeout
    file_timeout_s: float = 150.0  # passed as --file-timeout (below timeout_s)
    all_files: bool = False  # also feed files that are not named like documents
    extra_args: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.timeout_s <= 0 or self.memory_mb <= 0 or self.jobs < 1:
            raise ValueError("timeout, memory and jobs must be positive")


@dataclass
class FileResult:
    path: str
    group: str
    outcome: Outcome
    exit_code: int | None
    seconds: float
    max_rss_mb: float
    pages: int = 0
    failed_pages: int = 0
    page_warnings: int = 0
    message: str = ""  # the one-line error, or what went wrong
    stray_stderr: int = 0  # stderr lines that are not docparse's own one-line messages
    stray_sample: str = ""  # the first of them


@dataclass
class GroupSummary:
    group: str
    tried: int = 0
    converted: int = 0
    clean_errors: int = 0
    crashes: int = 0
    hangs: int = 0
    failed_pages: int = 0
    stray_stderr_files: int = 0
    max_rss_mb: float = 0.0
    max_seconds: float = 0.0


@dataclass
class RobustnessReport:
    results: list[FileResult] = field(default_factory=list)

    def summaries(self) -> list[GroupSummary]:
        groups: dict[str, GroupSummary] = {}
        total = GroupSummary(group="total")
        for result in self.results:
            summary = groups.setdefault(result.group, GroupSummary(group=result.group))
            for target in (summary, total):
                add_result(target, result)
        return [groups[k] for k in sorted(groups)] + [total]

    @property
    def ok(self) -> bool:
        return not any(r.outcome in (Outcome.CRASH, Outcome.HANG) for r in self.results)


def add_result(summary: GroupSummary, result: FileResult) -> None:
    summary.tried += 1
    summary.converted += result.outcome == Outcome.CONVERTED
    summary.clean_errors += result.outcome == Outcome.CLEAN_ERROR
    summary.crashes += result.outcome == Outcome.CRASH
    summary.hangs += result.outcome == Outcome.HANG
    summary.failed_pages += result.failed_pages
    summary.stray_stderr_files += result.stray_stderr > 0
    summary.max_rss_mb = max(summary.max_rss_mb, result.max_rss_mb)
    summary.max_seconds = max(summary.max_seconds, result.seconds)


def default_corpus_dirs() -> list[Path]:
    root = os.environ.get("DOCPARSE_CORPUS")
    base = Path(root) if root else Path(__file__).resolve().parents[2] / "shared" / "corpus"
    return [base / "robustness"]


def list_inputs(dirs: Sequence[Path], all_files: bool) -> list[tuple[str, Path]]:
    """(group, file) pairs; the group is the first folder under the directory given."""
    out: list[tuple[str, Path]] = []
    for base in dirs:
        if base.is_file():
            out.append((base.parent.name, base))
            continue
        for path in sorted(p for p in base.rglob("*") if p.is_file()):
            if not all_files and path.suffix.lower() not in DOCUMENT_SUFFIXES:
                continue
            rel = path.relative_to(base)
            is_set = (base / "SOURCE.txt").exists() or len(rel.parts) == 1
            out.append((base.name if is_set else rel.parts[0], path))
    return out


def child_command(path: Path, options: RobustnessOptions) -> list[str]:
    """The single-process ``docparse FILE`` path (no batch pool to hide a hang or a crash)."""
    return [
        sys.executable, "-m", "docparse", str(path), "-q", "--format", "json",
        "--page-timeout", f"{options.page_timeout_s:g}", "--file-timeout", f"{options.file_timeout_s:g}",
        *options.extra_args,
    ]


def _limit_memory(limit_bytes: int) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (limit_bytes, limit_bytes))


@dataclass
class ChildRun:
    exit_code: int | None  # None when killed at the timeout
    seconds: float
    max_rss_mb: float
    stdout: str
    stderr: str


def run_child(command: list[str], timeout_s: float, memory_mb: int) -> ChildRun:
    """Run ``command`` in its own session; kill the whole group at the timeout."""
    limit = memory_mb * 1024 * 1024
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(
            command, stdin=subprocess.DEVNULL, stdout=out, stderr=err, start_new_session=True,
            preexec_fn=lambda: _limit_memory(limit),  # noqa: PLW0108
            env={**os.environ, "PYTHONFAULTHANDLER": "1"},
        )
        killed = threading.Event()

        def kill() -> None:
            killed.set()
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass

        timer = threading.Timer(timeout_s, kill)
        timer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            timer.cancel()
        proc.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.perf_counter() - start
        out.seek(0)
        err.seek(0)
        return ChildRun(
            exit_code=None if killed.is_set() else proc.returncode,
            seconds=seconds,
            max_rss_mb=usage.ru_maxrss / 1024.0,
            stdout=out.read().decode("utf-8", "replace"),
            stderr=err.read().decode("utf-8", "replace"),
        )


def is_own_message(line: str) -> bool:
    """docparse's own stderr lines: ``docparse: FILE[ (page N)]: reason``."""
    return line.startswith("docparse: ") and "Traceback" not in line


def classify_run(run: ChildRun, document: dict | None) -> tuple[Outcome, str]:
    lines = [ln for ln in run.stderr.splitlines() if ln.strip()]
    own = [ln for ln in lines if is_own_message(ln)]
    if run.exit_code is None:
        return Outcome.HANG, "killed at the timeout"
    if "Traceback (most recent call last)" in run.stderr or "Fatal Python error" in run.stderr:
        tail = next((ln for ln in reversed(lines) if ln and not ln.startswith(" ")), "")
        return Outcome.CRASH, f"traceback: {tail}"
    if run.exit_code == -signal.SIGKILL and any(ln.endswith("; killed") for ln in own):
        return Outcome.HANG, next(ln for ln in own if ln.endswith("; killed"))  # docparse's watchdog
    if run.exit_code < 0:
        return Outcome.CRASH, f"killed by signal {signal.Signals(-run.exit_code).name}"
    if any("internal error" in ln for ln in own):
        return Outcome.CRASH, next(ln for ln in own if "internal error" in ln)
    if document is not None and run.exit_code in (0, 1):
        return Outcome.CONVERTED, own[0] if own else ""
    if run.exit_code == 1 and own:
        return Outcome.CLEAN_ERROR, own[0]
    return Outcome.CRASH, f"exit status {run.exit_code} without a document or an error line"


def parse_document(stdout: str) -> dict | None:
    """The JSON document ``docparse --format json`` printed, or None."""
    text = stdout.strip()
    if not text.startswith("{"):
        return None
    try:
        data = json.loads(text)
    except ValueError:
        return None
    return data if isinstance(data, dict) and isinstance(data.get("pages"), list) else None


def count_pages(document: dict) -> tuple[int, int, int]:
    """(pages, pages with a fatal issue, pages with any issue) of a converted document."""
    pages = [p for p in document.get("pages", []) if isinstance(p, dict)]
    failed = sum(1 for p in pages if any(i.get("fatal") for i in p.get("issues", [])))
    warned = sum(1 for p in pages if p.get("issues"))
    return len(pages), failed, warned


def run_one(group: str, path: Path, options: RobustnessOptions) -> FileResult:
    run = run_child(child_command(path, options), options.timeout_s, options.memory_mb)
    document = parse_document(run.stdout)
    outcome, message = classify_run(run, document)
    pages = failed = warned = 0
    if document is not None and outcome == Outcome.CONVERTED:
        pages, failed, warned = count_pages(document)
    stray = [ln for ln in run.stderr.splitlines() if ln.strip() and not is_own_message(ln)]
    return FileResult(
        path=str(path), group=group, outcome=outcome, exit_code=run.exit_code,
        seconds=round(run.seconds, 3), max_rss_mb=round(run.max_rss_mb, 1), pages=pages,
        failed_pages=failed, page_warnings=warned, message=message, stray_stderr=len(stray),
        stray_sample=stray[0][:300] if stray else "",
    )


def run_report(
    dirs: Sequence[Path], options: RobustnessOptions, progress: bool = False
) -> RobustnessReport:
    return run_inputs(list_inputs(dirs, options.all_files), options, progress)


def run_inputs(
    inputs: Sequence[tuple[str, Path]], options: RobustnessOptions, progress: bool = False
) -> RobustnessReport:
    """Run (group, file) pairs, ``options.jobs`` child processes at a time."""
    report = RobustnessReport()
    with ThreadPoolExecutor(max_workers=options.jobs) as pool:
        futures = [pool.submit(run_one, group, path, options) for group, path in inputs]
        for done, future in enumerate(futures, start=1):
            result = future.result()
            report.results.append(result)
            if progress:
                print(f"[{done}/{len(inputs)}] {result.outcome.value:11s} {result.seconds:6.1f}s "
                      f"{result.path}", file=sys.stderr, flush=True)
    return report


def format_summary(report: RobustnessReport) -> str:
    head = ["set", "tried", "converted", "clean errors", "crashes", "hangs", "failed pages",
            "noisy stderr", "max memory MB", "max s/file"]
    rows = [head]
    for s in report.summaries():
        rows.append([s.group, str(s.tried), str(s.converted), str(s.clean_errors), str(s.crashes),
                     str(s.hangs), str(s.failed_pages), str(s.stray_stderr_files),
                     f"{s.max_rss_mb:.0f}", f"{s.max_seconds:.1f}"])
    widths = [max(len(r[i]) for r in rows) for i in range(len(head))]
    lines = [" | ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths)))
             for r in rows]
    lines.insert(1, "-+-".join("-" * w for w in widths))
    return "\n".join(lines)


def format_problems(report: RobustnessReport, verbose: bool) -> str:
    shown = [r for r in report.results
             if r.outcome in (Outcome.CRASH, Outcome.HANG) or (verbose and r.outcome != Outcome.CONVERTED)]
    return "\n".join(f"{r.outcome.value}: {r.path}: {r.message}" for r in shown)


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m benchmarks.robustness",
        description="Run every file of a bad-input corpus through docparse, each in a child "
        "process with a hard timeout and memory limit, and report the outcomes.",
    )
    p.add_argument("dirs", nargs="*", type=Path, help="folders or files (default: the robustness corpus)")
    p.add_argument("--timeout", type=float, default=240.0, help="hard seconds per file (default 240)")
    p.add_argument("--memory-mb", type=int, default=3072, help="address-space limit per file (default 3072)")
    p.add_argument("--jobs", type=int, default=1, help="files run at the same time (default 1)")
    p.add_argument("--page-timeout", type=float, default=60.0, help="docparse --page-timeout (default 60)")
    p.add_argument("--file-timeout", type=float, default=150.0, help="docparse --file-timeout (default 150)")
    p.add_argument("--all-files", action="store_true", help="feed every file, not only .pdf/images")
    p.add_argument("--json", type=Path, help="write per-file results here")
    p.add_argument("-v", "--verbose", action="store_true", help="list clean errors too")
    p.add_argument("--progress", action="store_true", help="one stderr line per file")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
        options = RobustnessOptions(
            timeout_s=args.timeout, memory_mb=args.memory_mb, jobs=args.jobs,
            page_timeout_s=args.page_timeout, file_timeout_s=args.file_timeout,
            all_files=args.all_files,
        )
    except SystemExit as exc:
        return EXIT_USAGE if exc.code else EXIT_CLEAN
    except ValueError as exc:
        print(f"robustness: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    dirs = args.dirs or default_corpus_dirs()
    missing = [d for d in dirs if not d.exists()]
    if missing:
        print(f"robustness: error: not found: {', '.join(map(str, missing))}", file=sys.stderr)
        return EXIT_USAGE
    report = run_report(dirs, options, progress=args.progress)
    print(format_summary(report))
    problems = format_problems(report, args.verbose)
    if problems:
        print()
        print(problems)
    if args.json:
        args.json.write_text(json.dumps([asdict(r) for r in report.results], indent=1), encoding="utf-8")
    return EXIT_CLEAN if report.ok else EXIT_PROBLEMS


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

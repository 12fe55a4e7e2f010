"""One system over a list of files in a fresh process, so time and peak memory are its own.

    python -m benchmarks.text_worker SYSTEM JOBS.json OUT_DIR [--mode parse|iter]

SYSTEM is ``docparse`` or ``pymupdf4llm``. JOBS.json is a list of ``{"id", "path", "pages"}``
(``pages``: 1-based page numbers or null for all). Each output is written to
``OUT_DIR/<id>.md``; ``OUT_DIR/_stats.json`` gets the conversion seconds (imports excluded,
reported apart), pages converted, the process's peak RSS (VmHWM, which unlike ru_maxrss is not
inherited from the parent across exec) and per-file errors. ``--mode iter`` streams pages with
``docparse.iter_pages`` (no document assembly) and writes each page's regions as they come.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path


@dataclass
class WorkerStats:
    system: str
    mode: str
    seconds: float = 0.0
    import_seconds: float = 0.0
    pages: int = 0
    files: int = 0
    peak_rss_mb: float = 0.0
    errors: list[str] = field(default_factory=list)


def peak_rss_mb() -> float:
    """High-water resident set size of this process in MiB (Linux /proc VmHWM)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024.0
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def page_count(path: str) -> int:
    import pymupdf

    with pymupdf.open(path) as doc:
        return doc.page_count


def convert_docparse(path: str, pages: list[int] | None) -> str:
    import docparse

    spec = ",".join(str(p) for p in pages) if pages else None
    doc = docparse.parse(path, pages=spec) if spec else docparse.parse(path)
    return doc.to_markdown()


def stream_docparse(path: str, pages: list[int] | None, out: Path) -> int:
    """iter_pages: each page rendered on its own and appended to the output file."""
    import docparse
    from docparse.document import Document

    n = 0
    spec = ",".join(str(p) for p in pages) if pages else None
    iterator = docparse.iter_pages(path, pages=spec) if spec else docparse.iter_pages(path)
    with out.open("w", encoding="utf-8") as handle:
        for page in iterator:
            handle.write(Document(source=path, pages=[page]).to_markdown() + "\n")
            n += 1
    return n


def convert_pymupdf4llm(path: str, pages: list[int] | None) -> str:
    import pymupdf4llm

    if pages:
        return pymupdf4llm.to_markdown(path, pages=[p - 1 for p in pages], show_progress=False)
    return pymupdf4llm.to_markdown(path, show_progress=False)


def run_jobs(system: str, jobs: list[dict], out_dir: Path, mode: str) -> WorkerStats:
    stats = WorkerStats(system=system, mode=mode)
    start = time.perf_counter()
    if system == "docparse":
        import docparse  # noqa: F401
    else:
        import pymupdf4llm  # noqa: F401
    stats.import_seconds = time.perf_counter() - start
    out_dir.mkdir(parents=True, exist_ok=True)
    for job in jobs:
        target = out_dir / f"{job['id']}.md"
        pages = job.get("pages")
        t0 = time.perf_counter()
        try:
            if system == "docparse" and mode == "iter":
                stats.pages += stream_docparse(job["path"], pages, target)
            else:
                convert = convert_docparse if system == "docparse" else convert_pymupdf4llm
                target.write_text(convert(job["path"], pages), encoding="utf-8")
                stats.pages += len(pages) if pages else page_count(job["path"])
        except Exception as exc:  # noqa: BLE001 - a failing file is a result, not a crash
            stats.errors.append(f"{job['id']}: {type(exc).__name__}: {exc}"[:500])
            target.write_text("", encoding="utf-8")
        stats.seconds += time.perf_counter() - t0
        stats.files += 1
    stats.peak_rss_mb = peak_rss_mb()
    return stats


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.text_worker")
    p.add_argument("system", choices=["docparse", "pymupdf4llm"])
    p.add_argument("jobs", type=Path)
    p.add_argument("out_dir", type=Path)
    p.add_argument("--mode", choices=["parse", "iter"], default="parse")
    args = p.parse_args(argv)
    stats = run_jobs(args.system, json.loads(args.jobs.read_text()), args.out_dir, args.mode)
    (args.out_dir / "_stats.json").write_text(json.dumps(asdict(stats), indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())

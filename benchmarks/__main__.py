"""Run benchmark suites: ``python -m benchmarks [text tables charts scans robustness batch families] [--limit N]``."""

from __future__ import annotations

import argparse
import importlib
import json
import sys
from dataclasses import asdict
from pathlib import Path

from benchmarks.common import CORPUS, SuiteArgs, format_rows

SUITES = ["text", "tables", "charts", "scans", "vlm", "robustness", "batch", "families", "formulas", "summaries", "outputs", "chunks"]


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks")
    p.add_argument("suites", nargs="*", default=[], help=f"any of {', '.join(SUITES)} (default: all present)")
    p.add_argument("--limit", type=int, help="at most N files per data set")
    p.add_argument("--corpus", type=Path, default=CORPUS)
    p.add_argument("--work-dir", type=Path, default=Path("bench-out"))
    p.add_argument("--no-anchor", action="store_true", help="skip pymupdf4llm")
    p.add_argument("--json", type=Path, help="also write the rows as JSON here")
    p.add_argument("--split", choices=["dev", "test", "both"], default="both",
                   help="families suite: which split (tune on dev, report test)")
    p.add_argument("--family", action="append", default=[], help="families suite: only this family (repeatable)")
    args = p.parse_args(argv)
    names = args.suites or SUITES
    sargs = SuiteArgs(corpus=args.corpus, limit=args.limit, work_dir=args.work_dir, anchor=not args.no_anchor,
                      split=args.split, families=tuple(args.family))
    results = []
    for name in names:
        try:
            module = importlib.import_module(f"benchmarks.suite_{name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"benchmarks.suite_{name}":
                print(f"[skip] no suite {name!r}", file=sys.stderr)
                continue
            raise
        print(f"[run] {name}", file=sys.stderr, flush=True)
        results.append(module.run(sargs))
        print(format_rows(results[-1:]), flush=True)
        print(flush=True)
    print("== all suites ==")
    print(format_rows(results))
    if args.json:
        args.json.write_text(json.dumps([asdict(r) for r in results], indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())

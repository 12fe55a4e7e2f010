"""``docparse INPUTS... -o OUT``: a parallel, resumable batch (docparse.batch) behind the CLI."""

from __future__ import annotations

import argparse
import sys

from docparse.config import DocparseOptions
from docparse.options.batch import (
    ArchiveLimits,
    BatchOptions,
    InputSelection,
    OutputFormat,
    ProcessPoolOptions,
    RayOptions,
    default_workers,
)

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def batch_options(args: argparse.Namespace, formats: set[OutputFormat]) -> BatchOptions:
    """The batch options of the command line (``--ray`` picks the Ray backend by its options type)."""
    backend = RayOptions(address=args.ray or None) if args.ray is not None else ProcessPoolOptions()
    return BatchOptions(
        formats=tuple(sorted(formats, key=lambda f: f.value)),
        workers=args.workers or default_workers(),
        resume=args.resume,
        retry_failed=args.retry_failed,
        selection=InputSelection(include=tuple(args.include), exclude=tuple(args.exclude)),
        archive_limits=ArchiveLimits(max_total_bytes=int(args.max_archive_mb * 1024**2)),
        backend=backend,
        debug_overlay=args.debug_overlay,
    )


def convert_batch(args: argparse.Namespace, options: DocparseOptions) -> int:
    """Run the batch ``options.batch`` describes, converting each input with ``options.parse``."""
    from docparse.batch.pool import WorkersFailToStart
    from docparse.batch.runner import run_batch
    from docparse.cli_progress import BatchProgress
    from docparse.errors import UsageError

    try:
        with BatchProgress(enabled=not args.quiet) as progress:
            report = run_batch(args.inputs, args.output, options.parse, options.batch, listener=progress)
    except UsageError as exc:
        print(f"docparse: error: {exc.one_line()}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("docparse: interrupted; finished inputs are in the manifest, rerun with --resume",
              file=sys.stderr)
        return 130
    except OSError as exc:
        print(f"docparse: error: cannot write to {args.output}: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except WorkersFailToStart as exc:
        print(f"docparse: error: {exc}", file=sys.stderr)
        return EXIT_FAILED
    if not report.records and not report.skipped:
        print("docparse: error: no PDF or image files found in the inputs", file=sys.stderr)
        return EXIT_USAGE
    if not args.quiet:
        converted = sum(1 for r in report.records if r.status.converted)
        print(f"docparse: {converted} converted, {len(report.skipped)} already done, "
              f"{len(report.failures)} with failures, {report.pages} pages -> {args.output}", file=sys.stderr)
    return EXIT_FAILED if report.failures else EXIT_OK

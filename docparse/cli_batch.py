"""``docparse INPUTS... -o OUT``: a parallel, resumable batch (docparse.batch) behind the CLI."""

from __future__ import annotations

import argparse
import sys

from docparse.config import ParseOptions
from docparse.renderers.files import OutputFormat

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def batch_options(args: argparse.Namespace, formats: set[OutputFormat]):  # noqa: ANN201
    from docparse.batch.archives import ArchiveLimits
    from docparse.batch.inputs import InputSelection
    from docparse.batch.runner import BatchOptions, default_workers

    return BatchOptions(
        formats=tuple(sorted(formats, key=lambda f: f.value)),
        workers=args.workers or default_workers(),
        resume=args.resume,
        retry_failed=args.retry_failed,
        selection=InputSelection(include=tuple(args.include), exclude=tuple(args.exclude)),
        archive_limits=ArchiveLimits(max_total_bytes=int(args.max_archive_mb * 1024**2)),
        ray=args.ray is not None,
        ray_address=args.ray or None,
        debug_overlay=args.debug_overlay,
    )


def convert_batch(args: argparse.Namespace, options: ParseOptions, formats: set[OutputFormat]) -> int:
    from docparse.batch.pool import WorkersFailToStart
    from docparse.batch.runner import run_batch
    from docparse.cli_progress import BatchProgress
    from docparse.errors import UsageError

    batch = batch_options(args, formats)
    try:
        with BatchProgress(enabled=not args.quiet) as progress:
            report = run_batch(args.inputs, args.output, options, batch, listener=progress)
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

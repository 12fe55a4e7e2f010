"""``docparse FILE`` without ``-o``: one document converted in this process, printed on stdout."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from docparse.config import ParseOptions
from docparse.renderers.files import OutputFormat

if TYPE_CHECKING:
    from docparse.document import Document

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def convert_to_stdout(args: argparse.Namespace, options: ParseOptions, formats: set[OutputFormat]) -> int:
    from docparse.batch.archives import ArchiveLimits
    from docparse.batch.inputs import InputFailure, InputSelection, iter_payloads, list_inputs, read_source

    limits = ArchiveLimits(max_total_bytes=int(args.max_archive_mb * 1024**2))
    listing = list_inputs(args.inputs, InputSelection(tuple(args.include), tuple(args.exclude)), limits)
    if len(listing.refs) > 1:
        print("docparse: error: several inputs need -o OUTDIR", file=sys.stderr)
        return EXIT_USAGE
    for failure in listing.failures:
        print(f"docparse: {failure.key}: {failure.message}", file=sys.stderr)
    if not listing.refs:
        if listing.failures:
            return EXIT_FAILED
        print("docparse: error: no PDF or image files found in the inputs", file=sys.stderr)
        return EXIT_USAGE
    payload = next(iter_payloads(listing.refs, limits))
    if isinstance(payload, InputFailure):
        print(f"docparse: {payload.key}: {payload.message}", file=sys.stderr)
        return EXIT_FAILED
    return _convert(payload.ref.key, read_source(payload), args, options, formats) or (
        EXIT_FAILED if listing.failures else EXIT_OK)


def _convert(key: str, source: Path | bytes, args: argparse.Namespace, options: ParseOptions,
             formats: set[OutputFormat]) -> int:
    from docparse.cli_progress import Progress
    from docparse.errors import DocparseError
    from docparse.pages.limits import hard_file_deadline
    from docparse.pipeline import convert

    with Progress(enabled=not args.quiet, files=1) as progress:
        progress.start_file(Path(key).name)
        try:
            with hard_file_deadline(options.limits, key):  # a native call stuck past the file limit
                document = convert(source, options, progress=progress.page_done)
        except DocparseError as exc:
            exc.source = key if exc.source in (None, "<bytes>") else exc.source
            print(f"docparse: {exc.one_line()}", file=sys.stderr)
            return EXIT_FAILED
        except Exception as exc:  # noqa: BLE001 - never a traceback for bad input
            print(f"docparse: {key}: internal error: {type(exc).__name__}: {exc}".replace("\n", " "),
                  file=sys.stderr)
            return EXIT_FAILED
    document.source = key
    for issue in document.issues:  # document-level warnings (max_pages, missing pages, repairs)
        print(f"docparse: {key}: warning: {issue.message}".replace("\n", " "), file=sys.stderr)
    bad_pages = [i for page in document.pages for i in page.issues if i.fatal]
    for issue in bad_pages:
        print(f"docparse: {key} (page {issue.page}): {issue.message}".replace("\n", " "), file=sys.stderr)
    sys.stdout.write(_render(document, formats, options))
    sys.stdout.flush()
    return EXIT_FAILED if bad_pages else EXIT_OK


def _render(document: "Document", formats: set[OutputFormat], options: ParseOptions) -> str:
    if formats == {OutputFormat.SUMMARY}:
        from docparse.components import default_summarizer
        from docparse.renderers.summary import summarize_document

        return summarize_document(document, default_summarizer(options.vlm), options.output.summary).to_json() + "\n"
    if formats == {OutputFormat.JSON}:
        return document.to_json() + "\n"
    if formats == {OutputFormat.CHUNKS}:
        from docparse.chunking import chunk_document, chunks_jsonl

        return chunks_jsonl(chunk_document(document, options.output.chunks))
    return document.to_markdown(images=options.output.images.mode, page_breaks=options.output.page_breaks)

"""The ``docparse`` command.

    docparse report.pdf                      Markdown on stdout
    docparse a.pdf b.pdf dir/ -o OUT         OUT/<stem>.md, .json and OUT/<stem>/*.csv

Exit status: 0 everything converted; 1 some input (or page) failed, each failure reported on
one line naming file and page; 2 usage error. Bad input never prints a traceback.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Sequence

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2

INPUT_SUFFIXES = (".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp", ".gif", ".webp")


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="docparse",
        description="Convert PDFs (born-digital or scanned) and images to Markdown, JSON, "
        "tables and chart value tables.",
    )
    p.add_argument("inputs", nargs="+", help="PDF/image files or directories")
    p.add_argument("-o", "--output", type=Path, help="output directory (default: Markdown to stdout)")
    p.add_argument("--format", default="md,json", help="comma list of md,json,csv,summary (default md,json; csv always with -o)")
    p.add_argument("--pages", help="pages to convert, e.g. 1-3,7")
    p.add_argument("--password", help="password for encrypted PDFs")
    p.add_argument("--rasterizer", choices=["pymupdf", "poppler"], default="pymupdf")
    p.add_argument("--dpi", type=int, default=150, help="rasterization dpi (default 150)")
    p.add_argument("--ocr", choices=["auto", "always", "never"], default="auto")
    p.add_argument("--reader", choices=["auto", "native", "vlm"], default="auto")
    p.add_argument("--vlm-model", help="local VLM checkpoint directory")
    p.add_argument("--vlm-server", help="OpenAI-compatible VLM server URL")
    p.add_argument("--max-pages", type=int, default=5000, help="refuse documents with more pages")
    p.add_argument("--page-timeout", type=float, default=60.0, help="seconds before a page is abandoned")
    p.add_argument("--debug-overlay", action="store_true", help="write OUT/<stem>/overlay-page-N.png")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress display")
    return p


def _formats(spec: str, to_dir: bool):  # noqa: ANN202
    from docparse.renderers.files import OutputFormat

    try:
        formats = {OutputFormat(f.strip()) for f in spec.split(",") if f.strip()}
    except ValueError:
        raise SystemExit(f"docparse: error: bad --format {spec!r} (use md,json,csv,summary)") from None
    if to_dir:
        formats.add(OutputFormat.CSV)
    return formats


def expand_inputs(inputs: Sequence[str]) -> tuple[list[Path], list[str]]:
    """Files as given, directories searched recursively; returns (files, missing)."""
    files: list[Path] = []
    missing: list[str] = []
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in INPUT_SUFFIXES))
        elif path.exists():
            files.append(path)
        else:
            missing.append(item)
    return files, missing


def _stems(files: Sequence[Path]) -> dict[Path, str]:
    """Output stems without collisions (a.pdf and a.png in different folders)."""
    used: dict[str, int] = {}
    out = {}
    for f in files:
        stem = f.stem
        n = used.get(stem, 0)
        used[stem] = n + 1
        out[f] = stem if n == 0 else f"{stem}-{n + 1}"
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0) and EXIT_USAGE
    from docparse.config import ParseOptions
    from docparse.errors import DocparseError, UsageError

    try:
        options = ParseOptions.from_kwargs(
            pages=args.pages, password=args.password, rasterizer=args.rasterizer, dpi=args.dpi,
            ocr=args.ocr, reader=args.reader, vlm_model=args.vlm_model, vlm_server=args.vlm_server,
            max_pages=args.max_pages, page_timeout_s=args.page_timeout,
        )
        formats = _formats(args.format, args.output is not None)
    except (UsageError, SystemExit) as exc:
        print(f"docparse: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    files, missing = expand_inputs(args.inputs)
    for item in missing:
        print(f"docparse: {item}: file not found", file=sys.stderr)
    if not files and not missing:
        print("docparse: error: no PDF or image files found in the inputs", file=sys.stderr)
        return EXIT_USAGE
    if args.output is None and len(files) > 1:
        print("docparse: error: several inputs need -o OUTDIR", file=sys.stderr)
        return EXIT_USAGE
    from docparse.cli_progress import Progress

    failures = len(missing)
    stems = _stems(files)
    with Progress(enabled=not args.quiet, files=len(files)) as progress:
        for path in files:
            failures += _convert_one(path, stems[path], args, options, formats, progress, DocparseError)
    return EXIT_FAILED if failures else EXIT_OK


def _convert_one(path, stem, args, options, formats, progress, error_type) -> int:  # noqa: ANN001
    from docparse.pipeline import convert
    from docparse.renderers.files import write_outputs

    progress.start_file(path.name)
    try:
        document = convert(path, options, progress=progress.page_done)
    except error_type as exc:
        print(f"docparse: {exc.one_line()}", file=sys.stderr)
        progress.end_file(ok=False)
        return 1
    except Exception as exc:  # noqa: BLE001 - never a traceback for bad input
        print(f"docparse: {path}: internal error: {type(exc).__name__}: {exc}".replace("\n", " "),
              file=sys.stderr)
        progress.end_file(ok=False)
        return 1
    bad_pages = [i for page in document.pages for i in page.issues if i.fatal]
    for issue in bad_pages:
        print(f"docparse: {path} (page {issue.page}): {issue.message}", file=sys.stderr)
    try:
        if args.output is None:
            sys.stdout.write(document.to_markdown())
            sys.stdout.flush()
        else:
            write_outputs(document, args.output, stem, formats)
            if args.debug_overlay:
                from docparse.renderers.overlay import write_overlays

                write_overlays(path, document, args.output, stem, options.open, options.raster)
    except OSError as exc:
        print(f"docparse: {path}: cannot write output: {exc}", file=sys.stderr)
        progress.end_file(ok=False)
        return 1
    progress.end_file(ok=not bad_pages)
    return 1 if bad_pages else 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

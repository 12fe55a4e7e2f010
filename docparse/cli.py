"""The ``docparse`` command.

    docparse report.pdf                          Markdown on stdout
    docparse a.pdf dir/ reports.zip -o OUT       a batch: OUT/<mirrored path>.md, .json, .summary.json,
                                                 OUT/<stem>/*.csv and OUT/manifest.jsonl
    docparse serve [--host H --port P ...]       the HTTP service (docparse.cli_serve)

VLM training and the robustness report are developer tools outside the installed package; from
a checkout: ``python -m tools.train_vlm --config FILE`` and ``python -m benchmarks.robustness``.

Exit status: 0 everything converted; 1 some input (or page) failed, each failure reported on
one line naming file and page; 2 usage error. Bad input never prints a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import re
import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Sequence

if TYPE_CHECKING:
    from docparse.config import ParseOptions

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2

RAY_ADDRESS = re.compile(r"^(auto|(ray://)?[\w.-]+:\d+)$")

SUBCOMMANDS = {
    "serve": ("docparse.cli_serve", "serve"),  # (module, the extra it needs)
    "mcp": ("docparse.cli_mcp", "mcp"),
}
MOVED = {  # former subcommands, now developer tools run from a checkout of the repository
    "train-vlm": "python -m tools.train_vlm --config FILE",
    "robustness": "python -m benchmarks.robustness [DIR ...]",
}


def output_location(text: str) -> "Path | str":
    """``-o``: a folder, or an object-store prefix kept as text (a Path folds ``s3://`` to ``s3:/``)."""
    from docparse.batch.store import is_remote

    return text if is_remote(text) else Path(text)


def build_parser() -> argparse.ArgumentParser:
    from docparse import __version__
    from docparse.config import OcrEngineName  # the engine names, written once
    from docparse.document import ImageMode

    p = argparse.ArgumentParser(
        prog="docparse",
        description="Convert PDFs (born-digital or scanned) and images to Markdown, JSON, "
        "tables and chart value tables. Subcommand: serve (docparse serve --help).",
    )
    p.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    p.add_argument("inputs", nargs="+", help="PDF/image files, directories, .zip/.tar(.gz) archives")
    p.add_argument("-o", "--output", type=output_location,
                   help="output directory or object-store prefix, s3://, gs://, az:// (default: Markdown to stdout)")
    p.add_argument("--format", default=None,
                   help="comma list of md,json,csv,summary,chunks,parquet,jsonl (default md,json,summary with -o; "
                   "csv always with -o); chunks: retrieval chunks as JSON lines; parquet/jsonl: a batch's "
                   "documents and table cells as OUT/documents.parquet, tables.parquet (or .jsonl)")
    p.add_argument("--max-tokens", type=int, default=512, help="--format chunks: tokens per chunk at most (default 512)")
    p.add_argument("--tokenizer", default=None,
                   help="--format chunks: Hugging Face tokenizer name (in the local cache) or path; default: words")
    p.add_argument("--pages", help="pages to convert, e.g. 1-3,7")
    p.add_argument("--password", help="password for encrypted PDFs")
    p.add_argument("--rasterizer", choices=["pymupdf", "poppler"], default="pymupdf")
    p.add_argument("--dpi", type=int, default=150, help="rasterization dpi (default 150)")
    p.add_argument("--ocr", choices=["auto", "always", "never"], default="auto")
    p.add_argument("--ocr-engine", choices=[e.value for e in OcrEngineName], default=OcrEngineName.RAPIDOCR.value)
    p.add_argument("--lang", default="eng", help="OCR languages, e.g. eng+deu (Tesseract codes)")
    p.add_argument("--reader", choices=["auto", "native", "vlm"], default="auto")
    p.add_argument("--vlm-model", help="local VLM checkpoint directory")
    p.add_argument("--vlm-server", help="OpenAI-compatible VLM server URL (also makes summaries abstractive)")
    p.add_argument("--max-pages", type=int, default=5000, help="page limit (default 5000): with -o a longer document is refused (manifest status "
                   "'limit'); to stdout only its first N pages are converted, with a warning")
    p.add_argument("--page-timeout", type=float, default=60.0, help="seconds before a page is abandoned")
    p.add_argument("--file-timeout", type=float, default=1800.0,
                   help="seconds before a file is abandoned and its worker killed (0: no limit)")
    p.add_argument("--debug-overlay", action="store_true", help="write OUT/<stem>/overlay-page-N.png")
    p.add_argument("--images", choices=[m.value for m in ImageMode], default=None,
                   help="figures and charts in the Markdown: PNG files under OUT/<stem>/figures/ linked as "
                   "![caption](path) (referenced, the default with -o), base64 data URLs (embedded) or none "
                   "(the default on stdout)")
    p.add_argument("--image-dpi", type=int, default=144, help="resolution of figure and chart images (default 144)")
    p.add_argument("--page-images", action="store_true", help="also write each page as OUT/<stem>/pages/page-N.png")
    p.add_argument("--page-breaks", action="store_true", help="mark where each page starts: <!-- page N -->")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress display")
    batch = p.add_argument_group("batch (with -o)")
    batch.add_argument("-j", "--workers", type=int, default=None, help="worker processes (default: all cores)")
    batch.add_argument("--resume", action="store_true",
                       help="skip inputs OUT/manifest.jsonl records as converted from the same bytes and options")
    batch.add_argument("--retry-failed", action="store_true",
                       help="with --resume, also convert again inputs that failed or timed out before")
    batch.add_argument("--include", action="append", default=[], metavar="GLOB",
                       help="only files matching GLOB in directories and archives (repeatable)")
    batch.add_argument("--exclude", action="append", default=[], metavar="GLOB",
                       help="skip files matching GLOB (repeatable)")
    batch.add_argument("--ray", nargs="?", const="", default=None, metavar="ADDRESS",
                       help="run on Ray: a local instance, or the cluster at --ray=ADDRESS "
                       "(host:6379, ray://head:10001 or auto)")
    batch.add_argument("--max-archive-mb", type=float, default=4096.0,
                       help="refuse archives that expand to more than this (default 4096)")
    return p


def with_chunk_options(options: "ParseOptions", args: argparse.Namespace) -> "ParseOptions":
    """``--max-tokens`` and ``--tokenizer`` into ``options.output.chunks``."""
    import dataclasses

    from docparse.options.chunking import ChunkOptions

    chunks = ChunkOptions(max_tokens=args.max_tokens, tokenizer=args.tokenizer)
    return dataclasses.replace(options, output=dataclasses.replace(options.output, chunks=chunks))


def parse_formats(spec: str | None, to_dir: bool):  # noqa: ANN201 - OutputFormat is imported lazily
    from docparse.errors import UsageError
    from docparse.renderers.files import OutputFormat

    spec = spec if spec is not None else ("md,json,summary" if to_dir else "md")
    try:
        formats = {OutputFormat(f.strip()) for f in spec.split(",") if f.strip()}
    except ValueError:
        raise UsageError(f"bad --format {spec!r} (use md,json,csv,summary,chunks,parquet,jsonl)") from None
    if not formats:
        raise UsageError("empty --format")
    if not to_dir and formats == {OutputFormat.CSV}:
        raise UsageError("--format csv needs -o OUTDIR (one CSV file per table and chart)")
    if not to_dir and formats & {OutputFormat.PARQUET, OutputFormat.JSONL}:
        raise UsageError("--format parquet and jsonl need -o OUTDIR (they write a batch's tables)")
    if not to_dir and len(formats) > 1:
        raise UsageError("without -o, --format takes one of md, json, summary, chunks (several need -o OUTDIR)")
    if to_dir:
        formats.add(OutputFormat.CSV)
    from docparse.batch.export import check_writers

    check_writers(formats)
    return formats


def output_options(args: argparse.Namespace):  # noqa: ANN201 - OutputOptions is imported lazily
    """Images, page images and page breaks from the command line (referenced images need -o)."""
    from docparse.errors import UsageError
    from docparse.options.outputs import ImageMode, ImageOptions, OutputOptions

    to_dir = args.output is not None
    mode = ImageMode(args.images) if args.images else (ImageMode.REFERENCED if to_dir else ImageMode.NONE)
    if not to_dir and (mode is ImageMode.REFERENCED or args.page_images):
        raise UsageError("--images referenced and --page-images need -o OUTDIR (they write PNG files); "
                         "on stdout use --images embedded")
    return OutputOptions(images=ImageOptions(mode=mode, dpi=args.image_dpi, page_images=args.page_images),
                         page_breaks=args.page_breaks)


def run_subcommand(name: str, argv: Sequence[str]) -> int:
    """``docparse serve ...``: the module's ``main(argv)``, imported lazily."""
    module_name, extra = SUBCOMMANDS[name]
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        print(f"docparse: error: '{name}' is not available ({exc.name} is missing; "
              f"in the docparse checkout: pip install -e '.[{extra}]')", file=sys.stderr)
        return EXIT_USAGE
    entry = getattr(module, "main", None)
    if entry is None:
        print(f"docparse: error: {module_name} has no main(argv)", file=sys.stderr)
        return EXIT_USAGE
    return int(entry(list(argv)) or 0)


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] in SUBCOMMANDS and not Path(argv[0]).exists():
        return run_subcommand(argv[0], argv[1:])
    if argv and argv[0] in MOVED and not Path(argv[0]).exists():
        print(f"docparse: error: '{argv[0]}' is not part of the installed package; from a checkout of "
              f"the repository run: {MOVED[argv[0]]}", file=sys.stderr)
        return EXIT_USAGE
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0) and EXIT_USAGE
    from docparse.config import OcrEngineName, ParseOptions
    from docparse.errors import UsageError

    try:
        options = ParseOptions.from_kwargs(
            pages=args.pages, password=args.password, rasterizer=args.rasterizer, dpi=args.dpi,
            ocr=args.ocr, reader=args.reader, vlm_model=args.vlm_model, vlm_server=args.vlm_server,
            engine=args.ocr_engine, languages=args.lang,
            max_pages=args.max_pages, page_timeout_s=args.page_timeout,
            file_timeout_s=args.file_timeout if args.file_timeout > 0 else None,
        )
        formats = parse_formats(args.format, args.output is not None)
        options = replace(options, output=output_options(args))
        if args.workers is not None and args.workers < 1:
            raise UsageError("--workers must be >= 1")
        if args.max_archive_mb <= 0:
            raise UsageError("--max-archive-mb must be > 0")
        if args.ray and not RAY_ADDRESS.match(args.ray):
            raise UsageError(f"bad Ray address {args.ray!r}: use --ray=ADDRESS (host:port, ray://host:port "
                             "or auto), or --ray alone for a local instance")
        if args.ray is not None and args.output is None:
            raise UsageError("--ray needs -o OUTDIR")
        if args.lang != parser.get_default("lang") and args.ocr_engine != OcrEngineName.TESSERACT.value:
            raise UsageError(f"--lang applies to --ocr-engine {OcrEngineName.TESSERACT.value} (the default engine "
                             f"reads English and other Latin-script text with one model)")
        if args.debug_overlay and args.output is None:
            raise UsageError("--debug-overlay needs -o OUTDIR (it writes OUT/<stem>/overlay-page-N.png)")
        options = with_chunk_options(options, args)
    except UsageError as exc:
        print(f"docparse: error: {exc.one_line()}", file=sys.stderr)
        return EXIT_USAGE
    if args.output is None:
        from docparse.cli_single import convert_to_stdout

        return convert_to_stdout(args, options, formats)
    from docparse.cli_batch import batch_options, convert_batch
    from docparse.config import DocparseOptions

    return convert_batch(args, DocparseOptions(parse=options, batch=batch_options(args, formats)))


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
